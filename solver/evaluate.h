/* The evaluator: the single source of truth for feasibility and score.
 *
 * Solvers use the placement predicates below while they search; the full evaluation
 * uses the very same predicates, so a solver can never disagree with the evaluator. */
#ifndef IGS_SOLVER_EVALUATE_H
#define IGS_SOLVER_EVALUATE_H

#include <jansson.h>

#include "model/schedule.h"

typedef enum {
	IGS_V_UNSCHEDULED,      /* a non-optional session has no placement */
	IGS_V_ROOM_CLASH,       /* two sessions overlap in one room */
	IGS_V_FEATURES,         /* the room lacks a feature the session or its type needs */
	IGS_V_CAPACITY,         /* a hard capacity rule is broken */
	IGS_V_PERSON_CLASH,     /* one person in two overlapping sessions */
	IGS_V_GROUP_CLASH,      /* one group in two overlapping sessions */
	IGS_V_PIN,              /* a pinned day, start or room is not kept */
	IGS_V_TIME,             /* not an allowed start, outside the day's slots or the session's windows */
	IGS_V_ROOM_UNAVAILABLE, /* the room is closed during the session */
	IGS_V_EXCLUSIVE,        /* something runs in parallel with an exclusive session */
	IGS_V_MAX_PARALLEL,     /* too many sessions of one parallel class at once */
	IGS_V_APART,            /* two sessions whose type rules keep them apart overlap */
	IGS_V_ROOM_THEME,       /* meeting.thematic_rooms: two first themes in one room and slot */
	IGS_V__COUNT
} igs_violation_kind;

const char *igs_violation_name(igs_violation_kind k);

typedef struct {
	igs_violation_kind kind;
	int a, b;   /* sessions involved (b = -1 when one) */
	int room;   /* or -1 */
	int person; /* or -1 */
	int group;  /* or -1 */
	int time;   /* time index where it happens, or -1 */
	char *text; /* a sentence naming everything involved */
} igs_violation;

/* One soft term: how many times it occurred and its weighted cost. */
typedef struct {
	double count;
	double cost;
} igs_term;

struct igs_report {
	int n_violations, cap_violations;
	igs_violation *violations;
#define IGS_R_FIELD(f, n, d, m, h) igs_term f;
	IGS_WEIGHTS(IGS_R_FIELD)
#undef IGS_R_FIELD
	double total; /* sum of the soft costs; lower is better */
	int n_scheduled, n_unscheduled;
	int clash_pairs;   /* overlapping pairs sharing a theme or a tag */
	int n_themes;
	double *theme_share; /* per theme: largest non-overlapping subset / scheduled sessions; NaN if none */
	double worst_share, mean_share;
	int worst_theme; /* -1 if no theme has a scheduled session */
};

/* ---- placement predicates shared with the solvers ---- */

/* Unary hard check of one placement, ignoring every other session: features, capacity
 * rules, pins, allowed start, day slots, session windows, room availability. Returns
 * the first violated kind, or -1 when the placement is valid on its own. */
int igs_place_unary(const igs_problem *p, int s, int time, int room);

/* igs_place_unary for every room at once (kinds[r], n_rooms entries), checking the time
 * only once; returns the time's own failing kind, or -1 when the time itself is valid. */
int igs_place_unary_rooms(const igs_problem *p, int s, int time, int *kinds);
/* The verdicts of igs_place_unary_rooms for s that hold at every time: fixed[r] is the kind
 * a pin, the features or the capacity give room r, or -1 (n_rooms entries). */
void igs_place_unary_fixed(const igs_problem *p, int s, int *fixed);
/* igs_place_unary_rooms given igs_place_unary_fixed's verdicts for s, for the n listed rooms
 * (kinds[rooms[i]]; other entries are left alone): for many times of one session, each then
 * costs the time checks and the listed rooms' own hours. */
int igs_place_unary_rooms_fixed(const igs_problem *p, int s, int time, const int *fixed, const int *rooms, int n,
				int *kinds);

/* Pairwise hard check of two placed sessions: room, person, group, exclusive clashes.
 * Returns the violated kind or -1. (max_parallel is not pairwise: see igs_parallel_ok.) */
int igs_place_pair(const igs_problem *p, int a, int ta, int ra, int b, int tb, int rb);

/* meeting.thematic_rooms. A session's track is its first theme, -1 when it has none; the
 * cell of a placement is (slot of its start, room), the slot numbered across the days
 * (igs_cell_slot, -1 when the start lies in no slot). The sessions starting in one cell must
 * have one track (room_theme_violations in evaluate.c; the solvers index cells in cells.c). */
int igs_track_of(const igs_problem *p, int s);
int igs_cell_slot(const igs_problem *p, int t);

/* Soft cost of two placed sessions overlapping (theme, tag and similarity clash); 0 when
 * they do not overlap. */
double igs_pair_soft(const igs_problem *p, int a, int ta, int b, int tb);
/* People sessions a and b share, wherever they are placed: the people taking part in both
 * (the return value), and in *attend those who attend one and attend or take part in the
 * other (the attendee terms). */
int igs_pair_people(const igs_problem *p, int a, int b, int *attend);

/* The two pair predicates for one session a against many overlapping partners: a's people,
 * groups, themes, tags and near-duplicates are marked once, so a partner costs one pass
 * over its own short lists instead of a nested loop per list and a binary search. */
typedef struct igs_pair_probe igs_pair_probe;
igs_pair_probe *igs_pair_probe_new(const igs_problem *p); /* NULL when out of memory */
void igs_pair_probe_free(igs_pair_probe *q);
/* Marks session a; the probe then answers for a until the next call. */
void igs_pair_probe_set(igs_pair_probe *q, int a);
/* igs_place_pair(p, a, ta, -1, b, tb, -2) for placements known to overlap. */
int igs_probe_pair(const igs_pair_probe *q, int b);
/* igs_pair_soft(p, a, ta, b, tb), to the last bit, for placements known to overlap. */
double igs_probe_soft(const igs_pair_probe *q, int b);

/* The fairness count of one stakeholder group or region (attr 0 or 1, value index) with
 * left_out of its optional sessions left out: left_out² / its optional sessions. */
double igs_fairness_of(const igs_problem *p, int attr, int value, int left_out);

/* Does s have a placement in the reference schedule of a revision? */
bool igs_has_reference(const igs_problem *p, int s);

/* Soft cost of leaving s out: its priority's worth if optional, plus the change of a
 * published session; 0 for a required session (that is a hard violation). */
double igs_leave_out_soft(const igs_problem *p, int s);

/* Soft cost that depends on one placement only (capacity fit, preferences, remote hours). */
double igs_place_soft(const igs_problem *p, int s, int time, int room);

/* [start, end) of session s at time index t, in absolute minutes. */
void igs_session_span(const igs_problem *p, int s, int t, long *from, long *to);

/* ---- the report as data ---- */

/* The report as one JSON object (the layout igs_report_write_json prints), for embedding
 * under "score" in a schedule file. Numbers are rounded to 6 decimals; dump with
 * JSON_REAL_PRECISION(15) so they print as written. NULL when allocation fails. */
json_t *igs_report_to_json(const igs_report *r, const igs_problem *p);

#endif
