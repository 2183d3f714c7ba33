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
	bool optimal;       /* it stopped at a score of 0 with every required session placed:
			     * no schedule is better, as no weight and no count is below 0 */

	/* Set by the caller (zero them when unused). progress runs at most every second;
	 * without it, verbose >= 1 prints a progress line on stderr instead. on_accept is a
	 * debug hook run after every accepted move with the incrementally kept total, so a
	 * test can hold it against igs_evaluate; returning false stops the search. */
	void (*progress)(const igs_local_stats *st, void *arg);
	bool (*on_accept)(const igs_schedule *s, double total, void *arg);
	void *arg;
};

/* Improves s in place: never breaks a hard constraint the start kept, may place sessions
 * left out (required ones always), and returns the best schedule seen. o->effort says what
 * ends the search: max_moves moves per search (IGS_EFFORT_MOVES; the result is the same for
 * one problem, start, o->seed, max_moves and o->threads while o->time_limit is not reached),
 * or o->time_limit (IGS_EFFORT_TIME); max_moves 0 runs no search in either. o->threads
 * searches run at once and share their best schedule; on_accept then runs in each of their
 * threads, possibly at the same time, and its false stops the search that called it. st may
 * be NULL. Returns IGS_OK or IGS_ENOMEM (memory, or a thread that could not start): before
 * the search starts, s is then unchanged; later, s holds the best schedule found, some
 * reasons of left-out sessions missing. */
int igs_local_search(igs_schedule *s, const igs_options *o, long max_moves, igs_local_stats *st);

/* The soft total as the local search computes it from scratch, and the number of required
 * sessions left out: a self-check against igs_evaluate. */
int igs_local_full_cost(const igs_schedule *s, double *total, int *unplaced_required);

#endif
