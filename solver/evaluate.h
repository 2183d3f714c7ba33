/* The evaluator: the score of a schedule and its report (igs_evaluate in igfsched.h).
 *
 * Feasibility is model/place.h's: the full evaluation reports what those predicates find,
 * and the solvers ask them while they search. The soft costs below are the evaluator's own,
 * shared with the solvers so their sums are the evaluator's to the last bit. */
#ifndef IGS_SOLVER_EVALUATE_H
#define IGS_SOLVER_EVALUATE_H

#include "model/place.h"
#include "model/report.h"
#include "model/schedule.h"

/* ---- soft costs shared with the solvers ---- */

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

/* Soft cost of leaving s out: its priority's worth if optional, plus the change of a
 * published session; 0 for a required session (that is a hard violation). */
double igs_leave_out_soft(const igs_problem *p, int s);

/* Soft cost that depends on one placement only (capacity fit, preferences, remote hours). */
double igs_place_soft(const igs_problem *p, int s, int time, int room);

#endif
