/* Local search on CoSPLib instances: late-acceptance hill climbing over schedules whose track
 * layer always agrees with their slot layer, scored by the exact evaluator (cosplib/eval.h).
 *
 * Words as in cosplib/instance.h: CoSPLib's sessions are blocks, its submissions are items. */
#ifndef IGS_COSPLIB_SEARCH_H
#define IGS_COSPLIB_SEARCH_H

#include <stdbool.h>

#include "cosplib/instance.h"
#include "cosplib/options.h"

typedef struct {
	double s;        /* seconds since the search started */
	long long moves; /* moves tried by then, by the chain that found it */
	long long total; /* objective of the best complete schedule at that point */
} igs_cosplib_point;

typedef struct {
	long long total;          /* objective of the returned schedule (by the evaluator) */
	int missing;              /* items left unplaced; 0 means feasible and valid */
	long long moves;          /* moves tried, all chains together */
	double elapsed_s;         /* the whole search, construction included */
	double best_s;            /* when the returned schedule was found */
	bool interrupted;         /* stopped by options.interrupt */
	bool bound_met;           /* stopped because the schedule meets options.bound: it is optimal */
	int restarts;             /* times the search went back to its best schedule, shaken */
	igs_cosplib_point *trace; /* every improvement of a complete schedule over all chains, in time order */
	int n_trace;
} igs_cosplib_search_stats;

/* Builds a schedule of c and improves it for o->moves moves (0: construction only) or until
 * o->time_limit seconds or o->interrupt, or (with o->has_bound) until a complete schedule
 * scores o->bound, whichever comes first; with o->threads > 1 that many independent chains (own
 * random streams) run at once and the best is kept (ties: the chain that met the bound in the
 * fewest moves, then the lower chain). A chain that meets the bound stops those that have made
 * more moves. The same instance, seed, threads and move budget give the same schedule when the
 * time limit is not what stops the search. Progress lines are chain 0's.
 * *out is the best schedule found; st describes the run (free with _stats_clear). Returns 0,
 * IGS_EUSAGE when o fails igs_cosplib_options_check, or IGS_ENOMEM, with d saying so. */
int igs_cosplib_search(igs_cosplib_solution **out, igs_cosplib_search_stats *st, const igs_cosplib *c,
		       const igs_cosplib_options *o, igs_diag *d);
/* The same with chain 0 starting from start (may be NULL): the items it holds whole and
 * contiguous in a cell of their track stay there, and the construction places the rest. */
int igs_cosplib_search_from(igs_cosplib_solution **out, igs_cosplib_search_stats *st, const igs_cosplib *c,
			    const igs_cosplib_solution *start, const igs_cosplib_options *o, igs_diag *d);
void igs_cosplib_search_stats_clear(igs_cosplib_search_stats *st);

#endif
