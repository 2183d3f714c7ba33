/* A problem copy in which chosen sessions keep their placement: the editor's optimisation of
 * the sessions nobody fixed and the matheuristic's sub-MIPs both search such a copy. */
#ifndef IGS_MODEL_FREEZE_H
#define IGS_MODEL_FREEZE_H

#include <stdbool.h>

#include "model/problem.h"

/* q is a shallow copy of the problem whose sessions array is sess: everything but the
 * sessions is shared with the original, which must outlive it, and session indices are the
 * original's, so a schedule of q reads as one of the original. A frozen session placed at
 * (t, r) has one candidate, that placement, and is required and pinned there; one frozen out
 * of the programme has no candidate at all. Schedules of q point at q: the struct must not
 * move while they live. */
typedef struct {
	igs_problem q;
	const igs_problem *p;
	igs_session *sess;
	int *pool; /* the frozen sessions' one-entry candidate lists, two entries per session */
} igs_frozen;

/* A copy with nothing frozen yet. IGS_OK or IGS_ENOMEM (f then holds nothing to free). */
int igs_frozen_init(igs_frozen *f, const igs_problem *p);
/* Freezes exactly the sessions s with fixed[s] true at (time[s], room[s]) (time -1: out of
 * the programme); every other session gets back its own candidates. O(sessions), no
 * allocation: a search may call it for every neighbourhood. */
void igs_frozen_set(igs_frozen *f, const bool *fixed, const int *time, const int *room);
void igs_frozen_free(igs_frozen *f);

#endif
