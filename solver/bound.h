/* The decomposition lower bound: the score split into parts whose minima are bounded one by
 * one, for programmes the whole MIP cannot bound (docs/SOLVERS.md, "Lower bound at any size"). */
#ifndef IGS_SOLVER_BOUND_H
#define IGS_SOLVER_BOUND_H

#include <stdio.h>

#include "model/report.h"
#include "model/schedule.h"

/* One part of the score: some terms over some sessions, and what is proven of its minimum. */
typedef struct {
	char name[96];      /* "placement", "themes ai+data", "theme_spread", "tags", … */
	unsigned terms;     /* bit k: term k (igs_term_index) is counted in this part */
	double value;       /* a proven lower bound on the part's minimum over feasible schedules */
	double term[IGS_N_TERMS]; /* value split over its terms as the best schedule of its sub-problem
				   * (or its cheapest choices) splits their cost */
	double best;        /* the cost of the part in the best schedule of its sub-problem found; NaN: none */
	bool proven;        /* the part's relaxation was solved to its optimum: more time cannot raise value */
	const char *method; /* "closed form", "flow", "room-time mip", "mip", "… (cut by its time limit)", "no bound …" */
	int sessions;       /* the sessions it involves */
	double seconds;
} igs_bound_part;

typedef struct {
	igs_bound_split split; /* the total and the per-term split, as a schedule carries it */
	int n_parts;
	igs_bound_part *parts;
	int sim_pairs_cut; /* pairs of similar themes the parts keep apart: their similarity_clash is left out */
} igs_bound;

/* Bounds every part under o->bound_time seconds in all (0: the closed forms only), o->verbose
 * (a progress line per part at 1 or more) and o->interrupt. With coupled, each part's
 * sub-problem keeps every other session as a consumer of rooms, people and instants (a larger
 * model, a stronger relaxation); without, only the part's own sessions. The total holds for
 * every schedule without hard violations. Deterministic when no part is cut by the clock
 * (split.complete). hint (may be NULL): a schedule of p whose restriction to each part is its
 * MIP's first incumbent. IGS_OK, IGS_ENOMEM, or IGS_EUSAGE for NULL arguments (said in d). */
int igs_bound_compute(igs_bound **out, const igs_problem *p, const igs_options *o, bool coupled,
		      const igs_schedule *hint, igs_diag *d);
void igs_bound_free(igs_bound *b);

/* The parts and the per-term split, as text or as one JSON object; with score (NaN: none),
 * the gap and what each term's bound misses of that schedule's cost. */
int igs_bound_print(const igs_bound *b, const igs_problem *p, const igs_report *score, FILE *out);
int igs_bound_write_json(const igs_bound *b, const igs_problem *p, const igs_report *score, FILE *out);

#endif
