/* Candidate placements per session, built with the evaluator's own unary check, and the
 * pre-solve feasibility report (sessions that fit nowhere, demand beyond room-time). */
#ifndef IGS_SOLVER_CANDIDATES_H
#define IGS_SOLVER_CANDIDATES_H

#include "model/problem.h"

/* Fills every session's cand_times and cand_rooms; reports each session with no valid
 * placement and total demand beyond room-time in d. Returns IGS_EINPUT when anything was
 * reported, IGS_ENOMEM on allocation failure. */
int igs_candidates_build(igs_problem *p, igs_diag *d);

#endif
