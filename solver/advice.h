/* Advice for left-out sessions: the smallest change that would let each one in. */
#ifndef IGS_SOLVER_ADVICE_H
#define IGS_SOLVER_ADVICE_H

#include "model/schedule.h"

/* For every session s leaves out, appends to its reason the first of these that lets it in
 * beside the sessions placed, without a hard violation: it fits as it is (and what that
 * costs); another day; a room smaller than its min_capacity; a shorter duration; dropping one
 * placed optional session of lower priority (named). Work is bounded by a deterministic
 * budget; sessions beyond it say so. Returns IGS_OK or IGS_ENOMEM. */
int igs_advise(igs_schedule *s);

#endif
