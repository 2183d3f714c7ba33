/* Constructive solver: most-constrained-first placement, then relocation passes. */
#ifndef IGS_SOLVER_GREEDY_H
#define IGS_SOLVER_GREEDY_H

#include "model/problem.h"
#include "model/schedule.h"

/* The reason of every session the first pass did not reach before the time limit. */
#define IGS_GREEDY_OUT_OF_TIME "not placed: the time limit ran out during the constructive start"

/* Fills s (which must start empty) with a schedule; every session is placed or given a
 * reason. Deterministic while the time limit does not cut it. Returns IGS_OK,
 * IGS_EINFEASIBLE when a required session could not be placed, or IGS_ENOMEM.
 *
 * o->time_limit (seconds from the call) bounds every pass. A positive limit cuts the first
 * pass too: the sessions it has not reached when the limit passes are left out with the
 * reason IGS_GREEDY_OUT_OF_TIME and s->stats.status is "time limit". A limit of 0 means the
 * first pass alone, run to its end: the least that gives every session a placement or its
 * own reason (the relocation passes stop at once). */
int igs_greedy_solve(igs_schedule *s, const igs_options *o);
/* igs_greedy_solve with the large programme's room bits (a time whose every room is held is
 * passed over) from large_from sessions on instead of 1,000: they never change a placement,
 * which the tests check on small examples. */
int igs_greedy_solve_large_from(igs_schedule *s, const igs_options *o, int large_from);

/* The weights of the constructive start's cost: the score's, less the programme-wide terms it
 * leaves to the local search (theme_spread it estimates by its fair-share look-ahead). */
igs_weights igs_greedy_weights(const igs_weights *w);

#endif
