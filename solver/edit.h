/* The editing state of `igfsched serve`: one current schedule that people change by hand, its
 * version, undo and redo, pinned sessions, and the price of a move before it is made (the
 * incremental evaluator, solver/delta.h) with the hard rules it would break and the clashes it
 * would make or remove; ranked alternative placements of a session; and the background
 * optimisation of the sessions nobody fixed. Not thread-safe: the server holds one lock over
 * every call but the optimisation's run (igs_edit_opt_run), which works on its own copies. */
#ifndef IGS_SOLVER_EDIT_H
#define IGS_SOLVER_EDIT_H

#include <stdbool.h>

#include "model/place.h"
#include "model/schedule.h"

typedef struct igs_edit igs_edit;

/* One session's change: from (t0, r0) to (t1, r1); t = -1 is "not placed". */
typedef struct {
	int s, t0, r0, t1, r1;
} igs_edit_step;

/* A hard rule a move breaks: its kind, and who or what: the other session, the person, the
 * group or the room (each -1 when not involved); why says which unary check failed. */
typedef struct {
	igs_violation_kind kind;
	igs_unary_why why;
	int other, person, group, room;
} igs_edit_break;

/* A clash: another session overlapping, with their pair cost (theme, tag, near-duplicate,
 * attendee) and whether the pair breaks a hard rule. */
typedef struct {
	int other;
	double cost;
	bool hard;
} igs_edit_clash;

/* The judgement of one move. Lists longer than their arrays are cut; the n_*_all counts say
 * how many there were. */
enum { IGS_EDIT_LIST = 24 };
typedef struct {
	bool feasible;   /* no hard rule broken */
	double delta;    /* change of the soft total (the score), whether or not feasible */
	int n_broken, n_broken_all;
	igs_edit_break broken[IGS_EDIT_LIST];
	int n_made, n_made_all, n_removed, n_removed_all;
	igs_edit_clash made[IGS_EDIT_LIST], removed[IGS_EDIT_LIST];
} igs_edit_verdict;

/* A start for the editor: a copy of start (its problem stays the caller's and must outlive
 * the state). IGS_OK or IGS_ENOMEM (*out NULL). */
int igs_edit_new(igs_edit **out, const igs_schedule *start);
void igs_edit_free(igs_edit *e);

const igs_schedule *igs_edit_schedule(const igs_edit *e);
/* The evaluator's report of the current schedule (solver/evaluate.c), kept after every edit. */
const igs_report *igs_edit_report(const igs_edit *e);
/* Counts every change of the schedule or the pins from 1; an edit names the version it was
 * made on, and the server refuses one made on an older version. */
long igs_edit_version(const igs_edit *e);
bool igs_edit_pinned(const igs_edit *e, int s);
/* Was s moved by a person (a move, an accepted suggestion) since the state began? */
bool igs_edit_moved(const igs_edit *e, int s);
bool igs_edit_can_undo(const igs_edit *e);
bool igs_edit_can_redo(const igs_edit *e);

/* Judges moving s to (t, r) (t = -1: leaving it out) without making the move. Always fills v;
 * with explain false only feasible and delta are set (the per-cell shading). */
void igs_edit_judge(igs_edit *e, int s, int t, int r, bool explain, igs_edit_verdict *v);

/* The shading of a drag: for every time t and room r (cell i = t * n_rooms + r), delta[i] the
 * change of the score of a drop there, or NaN when the drop breaks a hard rule, brk[i] then
 * being the first it breaks. Both arrays hold n_times * n_rooms entries. */
void igs_edit_cells(igs_edit *e, int s, igs_edit_break *brk, double *delta);

/* Ranked alternatives of s: the valid placements other than its own, cheapest first (ties by
 * time, then room), at most max of them, into t[], r[] and delta[]; returns how many (or
 * IGS_ENOMEM). */
int igs_edit_alternatives(igs_edit *e, int s, int max, int *t, int *r, double *delta);

/* Applies the steps as one edit (undone and redone as one): each session to its (t1, r1), the
 * steps' t0 and r0 being ignored (the history takes them from the schedule); by_person marks
 * the sessions as moved by a person. Of steps naming one session the last counts; an edit that
 * changes nothing is no edit. IGS_OK, IGS_EUSAGE (a bad index, nothing changed) or IGS_ENOMEM. */
int igs_edit_apply(igs_edit *e, const igs_edit_step *steps, int n, bool by_person);
/* Undo or redo the last edit: IGS_OK, IGS_EUSAGE when there is none, IGS_ENOMEM. */
int igs_edit_undo(igs_edit *e);
int igs_edit_redo(igs_edit *e);
/* Replaces the whole schedule by s's placements (a saved version opened), as one edit. */
int igs_edit_replace(igs_edit *e, const igs_schedule *s);
/* Pins or unpins s: a pinned session is not moved by a person until unpinned, nor by the
 * optimisation. A change of the pins is a new version. */
void igs_edit_set_pin(igs_edit *e, int s, bool pinned);

/* A sentence naming the rule a break breaks and who or what, into buf. */
void igs_edit_break_text(const igs_problem *p, const igs_edit_break *b, char *buf, size_t n);

/* ---- the optimisation of the rest ---- */

typedef struct igs_edit_opt igs_edit_opt;

/* Progress of a running optimisation, at most once a second: moves tried and the best soft
 * total found. */
typedef void (*igs_edit_progress)(long tried, double best, void *arg);

/* Copies what the optimisation needs from e: the schedule, and a problem in which every
 * pinned session (and, with fix_moved, every session a person moved) may only stay where it
 * is. IGS_OK or IGS_ENOMEM. The job does not refer to e afterwards. */
int igs_edit_opt_new(igs_edit_opt **out, const igs_edit *e, bool fix_moved);
void igs_edit_opt_free(igs_edit_opt *j);
/* Runs the local search (solver/local.c) on the job's copy with o's limits and seed, stopping
 * early when o->interrupt is set. IGS_OK or IGS_ENOMEM. */
int igs_edit_opt_run(igs_edit_opt *j, const igs_options *o, igs_edit_progress progress, void *arg);
/* The result as moves against the schedule it started from (steps[] of the problem's session
 * count); returns how many, and the result's score and hard count in *score and *hard. */
int igs_edit_opt_moves(const igs_edit_opt *j, igs_edit_step *steps, double *score, int *hard);
/* The version of e the job started from. */
long igs_edit_opt_version(const igs_edit_opt *j);

#endif
