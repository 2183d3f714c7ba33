/* The options of the CoSPLib search and bound (cosplib-solve), apart from the core's igs_options:
 * only this engine runs threads and a bounding phase. One table gives the struct, the defaults,
 * the checks on entry and the CLI's parser. */
#ifndef IGS_COSPLIB_OPTIONS_H
#define IGS_COSPLIB_OPTIONS_H

#include <stdatomic.h>
#include <stdbool.h>

#include "igfsched.h"

/* X(type, name, default, min, max, help); the CLI flag is --name with '-' for '_'. */
#define IGS_COSPLIB_OPTIONS(X)                                                                     \
	X(double, time_limit, 60.0, 0.0, 1e7, "wall-clock limit in seconds, bound included")          \
	X(long, seed, 1, 0, 2147483647L, "seed of every random stream")                              \
	X(long, moves, 2000000, 0, 1000000000000L, "move budget of each search (0: construction only)") \
	X(int, threads, 1, 1, 256, "independent searches at once, the best one kept")                 \
	X(double, bound_time, 5.0, 0.0, 1e6, "seconds for the lower bound, at most a quarter of the limit") \
	X(int, verbose, 1, 0, 3, "0 quiet, 1 summary and progress, 2 more progress, 3 solver logs")

typedef struct {
#define IGS_COSPLIB_O_FIELD(t, n, d, lo, hi, h) t n;
	IGS_COSPLIB_OPTIONS(IGS_COSPLIB_O_FIELD)
#undef IGS_COSPLIB_O_FIELD
	/* As in igs_options: non-zero stops the search and the bound, which keep the best so far. */
	const atomic_int *interrupt;
	bool live_progress; /* progress rewritten in place on a terminal */
	/* A proven lower bound on every proper complete schedule (cosplib/bound.h), the kind the
	 * search makes: a search whose schedule meets it has nothing left to find and stops. */
	bool has_bound;
	long long bound;
} igs_cosplib_options;

void igs_cosplib_options_init(igs_cosplib_options *o);
/* IGS_OK, or IGS_EUSAGE with every value out of its range said in d. */
int igs_cosplib_options_check(const igs_cosplib_options *o, igs_diag *d);

#endif
