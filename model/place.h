/* The hard rules of a placement: one session alone, two overlapping sessions, a parallel
 * class, a thematic-room cell.
 *
 * The evaluator's report and every solver ask these same predicates, so a solver can never
 * disagree with the evaluator about feasibility. Verdicts are igs_violation_kind values (a
 * kind, or -1 when the rule holds). None allocates: they run in solver inner loops. */
#ifndef IGS_MODEL_PLACE_H
#define IGS_MODEL_PLACE_H

#include <stdbool.h>

#include "model/report.h"

/* [start, end) of session s at time index t, in absolute minutes. */
void igs_session_span(const igs_problem *p, int s, int t, long *from, long *to);

/* Does v (n entries) hold x? */
static inline bool igs_list_has(const int *v, int n, int x) {
	for (int k = 0; k < n; k++)
		if (v[k] == x)
			return true;
	return false;
}

/* ---- one session alone ---- */

/* Which sub-check of the unary rule failed: the kind is what solvers need, the sub-check is
 * what a person reading the report needs, and both come from the same code path. */
typedef enum {
	IGS_U_OK,
	IGS_U_TIME_RANGE,
	IGS_U_NOT_START,
	IGS_U_NO_FIT,
	IGS_U_DAY_NOT_ALLOWED,
	IGS_U_RULE_DAY,
	IGS_U_NOT_IN_TIMES,
	IGS_U_FORBIDDEN,
	IGS_U_PIN_DAY,
	IGS_U_PIN_START,
	IGS_U_PIN_ROOM,
	IGS_U_NO_ROOM,
	IGS_U_FEATURES,
	IGS_U_MIN_CAPACITY,
	IGS_U_ATTENDANCE,
	IGS_U_ROOM_CLOSED
} igs_unary_why;

/* The feature mask a session's room must cover; computed from its parts so the check holds
 * even before igs_problem_prepare has filled 'needs'. */
igs_featmask igs_session_needs(const igs_problem *p, const igs_session *S);

/* Unary hard check of one placement, ignoring every other session: features, capacity
 * rules, pins, allowed start, day slots, session windows, room availability. Returns
 * the first violated kind, or -1 when the placement is valid on its own. */
int igs_place_unary(const igs_problem *p, int s, int time, int room);
/* igs_place_unary, also saying in *why which sub-check failed (IGS_U_OK when none). */
int igs_place_unary_why(const igs_problem *p, int s, int time, int room, igs_unary_why *why);

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

/* ---- two overlapping sessions ---- */

/* Pairwise hard check of two placed sessions: room, person, group, exclusive clashes and
 * the apart rules. Returns the violated kind or -1. (max_parallel is not pairwise: see
 * igs_parallel_ok.) */
int igs_place_pair(const igs_problem *p, int a, int ta, int ra, int b, int tb, int rb);
/* Does a type rule keep A and B apart (either side naming the other's type, with or without
 * a shared theme)? The part of igs_place_pair that the report and the solvers' pair probe
 * ask on their own. */
bool igs_kept_apart(const igs_problem *p, const igs_session *A, const igs_session *B);

/* ---- max_parallel ---- */

/* The interned parallel class of session s (p->parallel, built by igs_problem_prepare), -1
 * when its rule names none or sets no limit. */
static inline int igs_parallel_class(const igs_problem *p, int s) {
	return p->parallel[s];
}

/* The limit of s's own type: the evaluator checks each session against it when it starts. */
static inline int igs_parallel_limit(const igs_problem *p, int s) {
	return p->rules[p->sessions[s].rule].max_parallel;
}

/* The rule itself, in the evaluator's sweep of the placed sessions by start (ties by session
 * index): a session of a class may start while fewer than its own limit of its class run. Is
 * the limit of s reached with 'running' sessions of its class running when it starts? */
static inline bool igs_parallel_full(const igs_problem *p, int s, int running) {
	return running >= igs_parallel_limit(p, s);
}

/* Interns the parallel classes: fills p->n_parallel, parallel, parallel_min and
 * parallel_mixed. Returns IGS_OK or IGS_ENOMEM. */
int igs_parallel_build(igs_problem *p);

/* May session a of a class start at a0, given the n other sessions of its class that overlap
 * it (session sess[j] over [from[j], to[j]))? a must start while fewer than its limit run,
 * and so must every one of them that starts while a runs (each against its own limit).
 * Sessions running when such a one starts overlap a too, so the list holds everything either
 * count needs. */
bool igs_parallel_ok(const igs_problem *p, int a, long a0, const int *sess, const long *from, const long *to, int n);

/* ---- thematic-room cells ---- */

/* meeting.thematic_rooms. A session's track is its first theme, -1 when it has none; the
 * cell of a placement is (slot of its start, room), the slot numbered across the days
 * (igs_cell_slot, -1 when the start lies in no slot). The sessions starting in one cell must
 * have one track (room_theme_violations in solver/evaluate.c reports it; the solvers index
 * cells in solver/cells.c). */
int igs_track_of(const igs_problem *p, int s);
int igs_cell_slot(const igs_problem *p, int t);

#endif
