/* Slot index for the solvers: per slot of a day, the placed sessions that have people or
 * attendees, so the person_slot and attendee_slot terms of a placement cost only the sessions
 * of its slot. The terms themselves are the evaluator's (igs_pair_people, igs_cell_slot). */
#ifndef IGS_SOLVER_SLOTS_H
#define IGS_SOLVER_SLOTS_H

#include <stdbool.h>

#include "model/problem.h"
#include "model/schedule.h"

typedef struct igs_slots igs_slots;

/* An empty index sized for every candidate placement of p's sessions and for their current
 * ones in s (s may be NULL). With both weights 0 it holds nothing and every cost is 0. NULL
 * when out of memory. */
igs_slots *igs_slots_new(const igs_problem *p, const igs_schedule *s);
void igs_slots_free(igs_slots *x);
/* Does the index count anything (a weight is set and some session has people)? */
bool igs_slots_on(const igs_slots *x);
void igs_slots_clear(igs_slots *x);
void igs_slots_add(igs_slots *x, int s, int t, int r);
void igs_slots_del(igs_slots *x, int s, int t, int r);

/* Weighted slot cost of s placed at (t, r) against the sessions the index holds in that slot
 * in other rooms, skipping s itself and the n_skip sessions in skip (those moving in the
 * same move, whose pairs the caller prices with igs_slots_pair). */
double igs_slots_cost(const igs_slots *x, int s, int t, int r, const int *skip, int n_skip);
/* Weighted slot cost of the pair a at (ta, ra), b at (tb, rb): 0 unless both start in one
 * slot of a day, in different rooms. */
double igs_slots_pair(const igs_slots *x, int a, int ta, int ra, int b, int tb, int rb);
/* The weighted total over every pair the index holds. */
double igs_slots_total(const igs_slots *x);

#endif
