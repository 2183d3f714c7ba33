/* Local search: simulated annealing from a start schedule, scored by delta evaluation. */
#ifndef IGS_SOLVER_LOCAL_H
#define IGS_SOLVER_LOCAL_H

#include "model/schedule.h"

typedef struct igs_local_stats igs_local_stats;

struct igs_local_stats {
	/* Filled by igs_local_search. */
	long tried;         /* moves proposed (the deterministic effort) */
	long accepted;      /* moves applied */
	long improved;      /* times a new best schedule was found */
	long exchanged;     /* accepted exchanges of two whole cells (meeting.thematic_rooms) */
	long evacuated;     /* accepted emptyings of a cell (meeting.thematic_rooms) */
	double start_score; /* soft total of the start schedule */
	double best_score;  /* soft total of the returned schedule, recomputed from scratch */
	int start_unplaced; /* required sessions without a placement, at the start */
	int best_unplaced;  /* and in the returned schedule */
	double elapsed;     /* seconds */
	bool timed_out;     /* the wall-clock guard stopped the search before max_moves */
	bool interrupted;   /* o->interrupt stopped it */

	/* Set by the caller (zero them when unused). progress runs at most every second;
	 * without it, verbose >= 1 prints a progress line on stderr instead. on_accept is a
	 * debug hook run after every accepted move with the incrementally kept total, so a
	 * test can hold it against igs_evaluate; returning false stops the search. */
	void (*progress)(const igs_local_stats *st, void *arg);
	bool (*on_accept)(const igs_schedule *s, double total, void *arg);
	void *arg;
};

/* Improves s in place: never breaks a hard constraint the start kept, may place sessions
 * left out (required ones always), and returns the best schedule seen. Deterministic for
 * one problem, start, o->seed and max_moves, unless o->time_limit stops it first. st may be
 * NULL. Returns IGS_OK or IGS_ENOMEM: before the search starts, s is then unchanged; while
 * writing the reasons of left-out sessions at the end, s holds the result, some reasons
 * missing. */
int igs_local_search(igs_schedule *s, const igs_options *o, long max_moves, igs_local_stats *st);

/* The soft total as the local search computes it from scratch, and the number of required
 * sessions left out: a self-check against igs_evaluate. */
int igs_local_full_cost(const igs_schedule *s, double *total, int *unplaced_required);

#endif
