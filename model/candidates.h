/* Candidate placements per session, built with the unary rule of model/place.c, and the
 * pre-solve feasibility report (sessions that fit nowhere; demand beyond room-time and clashing
 * pins in igs_problem_feasibility). */
#ifndef IGS_MODEL_CANDIDATES_H
#define IGS_MODEL_CANDIDATES_H

#include "model/problem.h"

/* Fills every session's cand_times and cand_rooms; reports each required session with no
 * valid placement in d. Returns IGS_EINPUT when anything was reported, IGS_ENOMEM on
 * allocation failure. Part of igs_problem_prepare. Demand beyond room-time is not an error of
 * the file but an infeasibility: igs_problem_feasibility (igfsched.h). */
int igs_candidates_build(igs_problem *p, igs_diag *d);

#endif
