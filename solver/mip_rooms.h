/* The exact solver's room phase (solver/mip_rooms.c): concrete rooms for the times the
 * compact model chose, one small assignment MIP per day. */
#ifndef IGS_SOLVER_MIP_ROOMS_H
#define IGS_SOLVER_MIP_ROOMS_H

#include "solver/mip_model.h"

/* Rooms for the sessions out places on day, within time_left seconds; adds to *extra what
 * they cost above the cheapest rooms the model priced. A session left without a room is
 * unplaced (every session of the day when no assignment came in time). Returns IGS_OK,
 * IGS_ENOMEM or IGS_ESOLVER. */
int igs_mip_rooms_assign(igs_mip_model *M, igs_schedule *out, int day, double *extra, double time_left);

#endif
