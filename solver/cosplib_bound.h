/* A proven lower bound on the CoSPLib objective (OBJECTIVE.md) over proper schedules (the two
 * layers agree, as every solver of the library and igfsched's make them): an integer program of
 * the components that are sums over track cells and occupied slots, of conflicts between
 * tracks, and, in a second, larger program, of the track-structure terms; every component it
 * leaves out counts at least 0. Words as in io/cosplib.h: CoSPLib's sessions are blocks, its submissions items. */
#ifndef IGS_SOLVER_COSPLIB_BOUND_H
#define IGS_SOLVER_COSPLIB_BOUND_H

#include <stdatomic.h>
#include <stdbool.h>

#include "io/cosplib.h"

typedef struct {
	long long bound;  /* no valid complete schedule scores less; -1 when none was proven */
	double lp_bound;  /* the relaxation's value, NaN if not solved */
	bool optimal;     /* the bounding program that gave the bound was solved to optimality */
	bool extended;    /* it was the one with the track-structure terms (similar, parallel, rooms per track) */
	bool infeasible;  /* some item fits no block: no complete schedule exists */
	int cols, rows;
	double elapsed;
} igs_cosplib_bound;

/* Builds and solves the bounding program of c for at most time_limit seconds (interrupt may be
 * NULL). Returns IGS_OK (see out for what was proven) or IGS_ENOMEM. */
int igs_cosplib_lower_bound(igs_cosplib_bound *out, const igs_cosplib *c, double time_limit,
			    const atomic_int *interrupt, int verbose);

#endif
