/* The matheuristic: GLPK inside the search at any size. Neighbourhoods of the current schedule
 * are freed in turn, the rest fixed, and the compact MIP of the freed sessions (solver/mip.c on
 * a problem copy, model/freeze.h) is solved to proven optimality under a short limit. */
#ifndef IGS_SOLVER_LNS_H
#define IGS_SOLVER_LNS_H

#include "model/schedule.h"

/* The neighbourhoods, freed in turn. */
typedef enum {
	IGS_LNS_WINDOW, /* the sessions nearest in time to one session, that day, across all rooms */
	IGS_LNS_DAY,    /* sessions of one day */
	IGS_LNS_THEME,  /* the sessions of one or two (similar) themes, over the days nearest one day */
	IGS_LNS_PEOPLE, /* the sessions of a person, of those sharing sessions with them, and of their groups */
	IGS_LNS_RANDOM, /* sessions drawn at random */
	IGS_LNS__COUNT
} igs_lns_kind;

typedef struct {
	long ran;      /* sub-MIPs solved */
	long proven;   /* of those, proven optimal (within the call's limit) */
	long improved; /* of those, made the schedule better by the evaluator's judgement */
	long ran_kind[IGS_LNS__COUNT], improved_kind[IGS_LNS__COUNT];
	int size[IGS_LNS__COUNT]; /* each neighbourhood's freed sessions at the end (the adaptive size) */
	double start_score, best_score; /* the evaluator's score before and after */
	bool timed_out, interrupted;
	double elapsed;
} igs_lns_stats;

/* The limits of one sub-MIP with a counted effort (o->effort IGS_EFFORT_MOVES): GLPK's nodes
 * and simplex iterations. */
#define IGS_LNS_NODES 40
#define IGS_LNS_ITERATIONS 10000
/* The limit of one sub-MIP in seconds otherwise. */
#define IGS_LNS_CALL_S 2.0

/* Improves s in place by sub-MIPs: max_calls of them (0: until o->time_limit, counted from
 * the call), or fewer when o->time_limit or o->interrupt stops them. A sub-MIP's schedule,
 * repaired by a descent of its freed sessions (single moves and exchanges, priced by the
 * incremental evaluator), replaces s only when the evaluator prefers it (fewer hard violations, then a lower score):
 * the model leaves some terms out, so its objective never decides. With o->effort
 * IGS_EFFORT_MOVES every sub-MIP stops at counted limits and the result is the same for one
 * problem, start, o->seed and max_calls on any machine while the time limit is not reached.
 * Prints a progress line a second at o->verbose >= 1. st may be NULL. Returns IGS_OK,
 * IGS_ENOMEM or IGS_ESOLVER (GLPK failed); s then holds the best schedule found. */
int igs_lns(igs_schedule *s, const igs_options *o, long max_calls, igs_lns_stats *st);
/* One sub-MIP whose free sessions are freed[0 .. n_freed) (and every required session left
 * out, which has no placement to be frozen in), the others frozen, judged as in igs_lns: a
 * neighbourhood the caller knows (the tests). st counts it as a random one. */
int igs_lns_free(igs_schedule *s, const igs_options *o, const int *freed, int n_freed, igs_lns_stats *st);

#endif
