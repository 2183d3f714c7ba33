/* A proven lower bound on the CoSPLib objective (OBJECTIVE.md) over proper schedules: the two
 * layers agree (each occupied cell has the track of its items, an empty one none) and each item
 * sits whole in one cell, as every solver of the library and igfsched's make them. CoSPLib's
 * "valid" flag also admits items in cells without a track, which pay no cell terms; such
 * schedules are outside the bound. It is an integer program of
 * the components that are sums over track cells and occupied slots, of conflicts between
 * tracks, and, in a second, larger program, of the track-structure terms; every component it
 * leaves out counts at least 0. Words as in cosplib/instance.h: CoSPLib's sessions are blocks, its submissions items. */
#ifndef IGS_COSPLIB_BOUND_H
#define IGS_COSPLIB_BOUND_H

#include <stdatomic.h>
#include <stdbool.h>

#include "cosplib/instance.h"

typedef struct {
	bool proven;      /* a bound was proven: */
	long long bound;  /* no proper complete schedule scores less */
	double lp_bound;  /* the relaxation's value, NaN if not solved */
	bool optimal;     /* the bounding program that gave the bound was solved to optimality */
	bool extended;    /* it was the one with the track-structure terms (similar, parallel, rooms per track) */
	bool infeasible;  /* some item fits no block whole: every complete schedule splits it and pays
			   * the structural term (OBJECTIVE.md §5) */
	bool negative;    /* the instance has a negative penalty: no bound is claimed */
	int cols, rows;
	double elapsed;
} igs_cosplib_bound;

/* Builds and solves the bounding program of c for at most time_limit seconds (interrupt may be
 * NULL). Returns IGS_OK (see out for what was proven) or IGS_ENOMEM. */
int igs_cosplib_lower_bound(igs_cosplib_bound *out, const igs_cosplib *c, double time_limit,
			    const atomic_int *interrupt, int verbose);
/* The same, and the programs as an optimiser of the track layer: *start is the best proper
 * schedule made from the optimal solutions of the programs solved in time (blocks and track
 * cells as the program chose, each track's items packed into its cells), or NULL when none was
 * solved. Items the packing cannot seat are left out; the caller frees *start. */
int igs_cosplib_lower_bound_start(igs_cosplib_bound *out, igs_cosplib_solution **start, const igs_cosplib *c,
				  double time_limit, const atomic_int *interrupt, int verbose);

#endif
