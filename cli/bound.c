/* igfsched bound: the decomposition lower bound of a problem (solver/bound.h), its parts and
 * per-term split, and with a schedule the gap and what each term's bound misses of it. */
#include <stdlib.h>

#include "cli/cli.h"
#include "model/report.h"
#include "solver/bound.h"

#define BOUND_FLAGS(X, A)                                                                          \
	X(A, flag, json, "--json", NULL, NULL, false, 0, 0, NULL, "print one JSON object")          \
	X(A, flag, decoupled, "--decoupled", NULL, NULL, false, 0, 0, NULL,                         \
	  "each part's sub-problem holds its own sessions only (smaller models,\n"                  \
	  "a weaker relaxation; by default the others stay as consumers of\n"                       \
	  "rooms and people)")
CLI_DEFINE_ARGS(bound_args, BOUND_FLAGS);

static int run_bound(const cli_command *c, int argc, char **argv) {
	bound_args a;
	igs_options o;
	const char *paths[2];
	int rc = cli_parse(c, argc, argv, &a, &o, paths, 2);
	if (rc != EXIT_OK)
		return rc;
	igs_problem *p = NULL;
	igs_schedule *s = NULL;
	igs_report *r = NULL;
	igs_bound *b = NULL;
	igs_diag *d = igs_diag_new();
	if (!d)
		return EXIT_SYSTEM;
	int lrc = igs_problem_load_verbose(&p, paths[0], o.verbose, d);
	if (lrc == IGS_OK && paths[1])
		lrc = igs_schedule_load(&s, p, paths[1], d);
	if (lrc != IGS_OK) {
		igs_diag_print(d, stderr);
		rc = cli_exit_code(lrc, true);
		goto cleanup;
	}
	igs_problem_apply_options(p, &o);
	if (s && igs_evaluate(&r, p, s) != IGS_OK) {
		rc = EXIT_SYSTEM;
		goto cleanup;
	}
	const igs_report *score = r && igs_report_hard_count(r) == 0 ? r : NULL;
	/* The command's whole budget is the bound's. */
	o.bound_time = o.time_limit;
	struct sigaction old[2];
	catch_interrupts(&o, old);
	int brc = igs_bound_compute(&b, p, &o, !a.decoupled, score ? s : NULL, d);
	release_interrupts(old);
	if (brc != IGS_OK) {
		igs_diag_print(d, stderr);
		rc = cli_exit_code(brc, false);
		goto cleanup;
	}
	if (r && !score)
		fprintf(stderr, "igfsched: %s has hard violations: the bound holds for feasible schedules only\n", paths[1]);
	rc = cli_exit_code(a.json ? igs_bound_write_json(b, p, score, stdout) : igs_bound_print(b, p, score, stdout), false);
	/* A bound above a feasible schedule's score would be a bug in the bound: say so loudly. */
	if (rc == EXIT_OK && score && b->split.value > score->total + 1e-6) {
		fprintf(stderr, "igfsched: internal error: the bound %.6f is above the schedule's score %.6f\n",
			b->split.value, score->total);
		rc = EXIT_SYSTEM;
	}
cleanup:
	igs_bound_free(b);
	igs_report_free(r);
	igs_schedule_free(s);
	igs_problem_free(p);
	igs_diag_free(d);
	return rc;
}

const cli_spec cli_bound = {
	.about = "A lower bound on the score of every feasible schedule, for programmes of any size: the\n"
		 "score split into parts (each session's placement, each group of similar themes' clashes,\n"
		 "the tags', the spreads), each part bounded alone (closed forms, a flow, the MIP of a\n"
		 "sub-problem under its share of --time-limit), the sum. Lists each part, the per-term\n"
		 "split and the terms it leaves out; with SCHEDULE, the gap and what each term's bound\n"
		 "misses of that schedule's cost (docs/SOLVERS.md).\n",
	.positional = "PROBLEM [SCHEDULE]",
	CLI_ARGS_OF(bound_args),
	.solver_options = true,
	.run = run_bound,
};
