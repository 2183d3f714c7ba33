/* Constructive solver: most-constrained-first placement, then relocation passes. */
#ifndef IGS_SOLVER_GREEDY_H
#define IGS_SOLVER_GREEDY_H

#include "model/schedule.h"

/* Fills s (which must start empty) with a schedule; every session is placed or given a
 * reason. Deterministic. Returns IGS_OK, IGS_EINFEASIBLE when a required session could
 * not be placed, or IGS_ENOMEM. */
int igs_greedy_solve(igs_schedule *s, const igs_options *o);

#endif
