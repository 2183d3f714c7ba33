/* The program's CoSPLib commands: cosplib-eval, cosplib-solve and import-cosplib (docs/COSPLIB.md). */
#include <errno.h>
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/cosplib.h"
#include "cosplib/cosplib.h"

/* ---- import-cosplib ---- */

#define IMPORT_COSPLIB_FLAGS(X, A)                                                                 \
	X(A, text, out, "--output", "-o", "PROBLEM.json", NULL, 0, 0, NULL, "the problem file to write (required)") \
	X(A, text, sol, "--solution", NULL, "SOLUTION.json", NULL, 0, 0, NULL,                      \
	  "also turn this CoSPLib solution of the instance into a schedule")                       \
	X(A, text, sched, "--schedule-out", NULL, "SCHEDULE.json", NULL, 0, 0, NULL,                \
	  "where that schedule goes, with --solution ('-': standard output)")
CLI_DEFINE_ARGS(import_cosplib_args, IMPORT_COSPLIB_FLAGS);

static int run_import_cosplib(const cli_command *c, int argc, char **argv) {
	import_cosplib_args a;
	const char *inst;
	int rc = cli_parse(c, argc, argv, &a, NULL, &inst, 1);
	if (rc != EXIT_OK)
		return rc;
	const char *out = a.out, *sol = a.sol, *sched = a.sched;
	if (!inst || !out || !sol != !sched) {
		fprintf(stderr, "igfsched: import-cosplib needs %s\n",
			!inst  ? "the CoSPLib instance file"
			: !out ? "-o PROBLEM.json, the problem file to write"
			: sol  ? "--schedule-out SCHEDULE.json beside --solution"
			       : "--solution SOLUTION.json beside --schedule-out");
		cli_usage(c, stderr);
		return EXIT_INPUT;
	}
	int refused = cli_refuse_overwrite((const char *const[]){out, sched}, 2, (const char *const[]){inst, sol}, 2);
	if (refused != EXIT_OK)
		return refused;
	igs_diag *d = igs_diag_new();
	if (!d)
		return EXIT_SYSTEM;
	igs_cosplib_import_stats st;
	rc = igs_cosplib_import(inst, out, sol, sched, &st, d);
	igs_diag_print(d, stderr);
	igs_diag_free(d);
	if (rc != IGS_OK)
		return rc == IGS_ENOMEM || rc == IGS_EIO ? EXIT_SYSTEM : EXIT_INPUT;
	fprintf(stderr, "wrote %s: %d days, %d slots of %d-minute timeslots, %d rooms, %d themes, %d sessions, %d people\n",
		out, st.days, st.slots, st.slot_minutes, st.rooms, st.themes, st.sessions, st.people);
	fprintf(stderr, "  preference term = %lld + the weighted CoSPLib penalties of the sessions' blocks "
			"(submissions_sessions, submissions_timezones, tracks_sessions)\n",
		st.preference_constant);
	if (st.room_rules || st.room_rules_lost)
		fprintf(stderr, "  forbidden rooms: a hard room restriction for %d sessions; %d could not be expressed\n",
			st.room_rules, st.room_rules_lost);
	if (sol)
		fprintf(stderr, "wrote %s: %d sessions placed, %d not in the solution\n", sched, st.scheduled,
			st.unscheduled);
	return EXIT_OK;
}

const cli_spec cli_import_cosplib = {
	.about = "Turns a CoSPLib instance (cosplib-instance/1) into an igfsched problem file: a day per\n"
		 "date, a named slot per CoSPLib session, a theme per track, a session per submission\n"
		 "(thematic rooms: one track per room and slot). With --solution, also turns a CoSPLib\n"
		 "solution of it into an igfsched schedule. The problem is loaded back before it is\n"
		 "written; on any error nothing is written. The mapping, and what it approximates or\n"
		 "loses: docs/COSPLIB.md. Back: solve or evaluate with --format cosplib.\n",
	.positional = "one INSTANCE",
	CLI_ARGS_OF(import_cosplib_args),
	.run = run_import_cosplib,
};

/* ---- cosplib-eval ---- */

#define COSPLIB_EVAL_FLAGS(X, A) X(A, flag, json, "--json", NULL, NULL, 0, 0, 0, NULL, "machine-readable report (the key names of evaluate.py)")
CLI_DEFINE_ARGS(cosplib_eval_args, COSPLIB_EVAL_FLAGS);

static int run_cosplib_eval(const cli_command *c, int argc, char **argv) {
	cosplib_eval_args a;
	const char *paths[2];
	int prc = cli_parse(c, argc, argv, &a, NULL, paths, 2);
	if (prc != EXIT_OK)
		return prc;
	if (!paths[1]) {
		cli_usage(c, stderr);
		return EXIT_INPUT;
	}
	bool json = a.json;
	igs_cosplib *inst = NULL;
	igs_cosplib_solution *sol = NULL;
	igs_cosplib_report r;
	int rc = EXIT_OK, lrc;
	igs_diag *d = igs_diag_new();
	if (!d) {
		rc = EXIT_SYSTEM;
		goto cleanup;
	}
	if ((lrc = igs_cosplib_load(&inst, paths[0], d)) == IGS_OK)
		lrc = igs_cosplib_solution_load(&sol, inst, paths[1], d);
	if (lrc != IGS_OK) {
		igs_diag_print(d, stderr);
		rc = lrc == IGS_ENOMEM ? EXIT_SYSTEM : EXIT_INPUT;
		goto cleanup;
	}
	if (igs_cosplib_evaluate(&r, inst, sol) != IGS_OK) {
		fprintf(stderr, "igfsched: out of memory while evaluating\n");
		rc = EXIT_SYSTEM;
		goto cleanup;
	}
	if (json)
		rc = igs_cosplib_report_write_json(&r, inst, stdout) == IGS_OK ? EXIT_OK : EXIT_SYSTEM;
	else
		igs_cosplib_report_print(&r, inst, stdout);
	if (rc == EXIT_OK && !(r.feasible && r.valid))
		rc = EXIT_VIOLATIONS;
cleanup:
	igs_cosplib_solution_free(sol);
	igs_cosplib_free(inst);
	igs_diag_free(d);
	return rc;
}

const cli_spec cli_cosplib_eval = {
	.about = "Computes the exact objective of a CoSPLib conference-scheduling benchmark solution\n"
		 "(formats and objective: FORMAT.md and OBJECTIVE.md of the data set; docs/COSPLIB.md):\n"
		 "the total, the feasible and valid flags, the structural penalty and the 16 weighted\n"
		 "components (weight, count, cost).\n"
		 "Exit codes: 0 feasible and valid; 1 not feasible or not valid; 2 bad input or usage;\n"
		 "3 system error.\n",
	.positional = "INSTANCE SOLUTION",
	CLI_ARGS_OF(cosplib_eval_args),
	.run = run_cosplib_eval,
};

/* ---- cosplib-solve ---- */

/* Its flags: the CoSPLib engine's own options table (cosplib/options.h), then the files. */
typedef struct {
	igs_cosplib_options o;
	const char *out, *stats;
	bool quiet;
} cosplib_solve_args;

static const cli_flag cosplib_solve_args_flags[] = {
#define CO_ROW(t, n, d, lo, hi, h) {CLI_KIND_##t, "--" #n, NULL, NULL, d, NULL, lo, hi, NULL, h, offsetof(cosplib_solve_args, o.n)},
	IGS_COSPLIB_OPTIONS(CO_ROW)
#undef CO_ROW
	{CLI_FLAG, "--quiet", "-q", NULL, 0, NULL, 0, 0, NULL, "no progress and no summary", offsetof(cosplib_solve_args, quiet)},
	{CLI_TEXT, "--output", "-o", "SOLUTION.json", 0, "-", 0, 0, NULL, "the solution file to write ('-': standard output)",
	 offsetof(cosplib_solve_args, out)},
	{CLI_TEXT, "--stats", NULL, "STATS.json", 0, NULL, 0, 0, NULL,
	 "also write the run (moves, seconds, every improvement with its time) as JSON",
	 offsetof(cosplib_solve_args, stats)},
};

static void cosplib_solve_args_init(void *v) {
	cosplib_solve_args *a = v;
	igs_cosplib_options_init(&a->o);
	a->out = "-";
	a->stats = NULL;
	a->quiet = false;
}

/* Every submission the solution lacks, with the reason: the search keeps one track per
 * (session, room) and a submission's timeslots together, and found no room for it. */
static void print_unplaced(const igs_cosplib *c, const igs_cosplib_solution *s) {
	for (int u = 0; u < c->n_items; u++) {
		bool placed = false;
		for (int i = 0; i < c->n_slots && !placed; i++)
			placed = s->slot[i] == u;
		if (!placed)
			fprintf(stderr,
				"  %s (track %s, %d timeslot%s): no (session, room) that is free or holds track %s had "
				"room for it when the search stopped; search longer (--moves, --time-limit, --threads), "
				"or add sessions or rooms, or shorten it\n",
				c->items[u].name, c->tracks[c->items[u].track].name, c->items[u].req,
				c->items[u].req == 1 ? "" : "s", c->tracks[c->items[u].track].name);
	}
}

static int run_cosplib_solve(const cli_command *c, int argc, char **argv) {
	cosplib_solve_args a;
	const char *inst_path;
	int prc = cli_parse(c, argc, argv, &a, NULL, &inst_path, 1);
	if (prc != EXIT_OK)
		return prc;
	if (!inst_path) {
		cli_usage(c, stderr);
		return EXIT_INPUT;
	}
	igs_cosplib_options o = a.o;
	if (a.quiet)
		o.verbose = 0;
	const char *out = a.out, *stats = a.stats;
	/* Ctrl-C reaches the search through the flag the core options carry. */
	igs_options core;
	igs_options_init(&core);
	int refused = cli_refuse_overwrite((const char *const[]){out, stats}, 2, &inst_path, 1);
	if (refused != EXIT_OK)
		return refused;
	igs_cosplib *inst = NULL;
	igs_cosplib_solution *sol = NULL, *start = NULL;
	igs_cosplib_search_stats st = {0};
	igs_cosplib_report r;
	igs_cosplib_bound bound;
	bool have_bound = false;
	int rc = EXIT_OK, lrc;
	igs_diag *d = igs_diag_new();
	if (!d) {
		rc = EXIT_SYSTEM;
		goto cleanup;
	}
	if ((lrc = igs_cosplib_load(&inst, inst_path, d)) != IGS_OK) {
		igs_diag_print(d, stderr);
		rc = lrc == IGS_ENOMEM ? EXIT_SYSTEM : EXIT_INPUT;
		goto cleanup;
	}
	struct sigaction old[2];
	catch_interrupts(&core, old);
	o.interrupt = core.interrupt;
	o.live_progress = core.live_progress;
	/* The bound comes first and its time counts against the limit; it takes at most a quarter
	 * of it, so the search keeps the most. A bound that fails leaves the run without one. */
	double bound_time = o.bound_time < o.time_limit / 4 ? o.bound_time : o.time_limit / 4;
	if (bound_time > 0) {
		lrc = igs_cosplib_lower_bound_start(&bound, &start, inst, bound_time, o.interrupt, o.verbose);
		have_bound = lrc == IGS_OK;
		/* Clamped at 0, which the search treats as a negative limit was: construction only. */
		if (have_bound)
			o.time_limit = o.time_limit > bound.elapsed ? o.time_limit - bound.elapsed : 0;
		if (o.verbose >= 1 && !have_bound)
			fprintf(stderr, "no lower bound: GLPK failed or memory ran out while bounding\n");
		else if (o.verbose >= 1 && bound.negative)
			fprintf(stderr, "no lower bound: the instance has negative penalties, which the bound does not cover\n");
		else if (o.verbose >= 1 && bound.proven)
			fprintf(stderr, "lower bound %lld over proper schedules (%s, %d columns, %.1f s)\n", bound.bound,
				bound.optimal ? "bounding program solved" : "best node of the bounding program", bound.cols,
				bound.elapsed);
		else if (o.verbose >= 1)
			fprintf(stderr, "no lower bound within %.1f s\n", bound_time);
		/* A schedule at the bound is optimal: the search stops there instead of running out its time. */
		o.has_bound = have_bound && bound.proven;
		o.bound = o.has_bound ? bound.bound : 0;
		if (start && o.verbose >= 1 && igs_cosplib_evaluate(&r, inst, start) == IGS_OK)
			fprintf(stderr, "track-layer MIP schedule scores %lld%s; the search starts from it\n", r.total,
				r.feasible ? "" : " with submissions left out");
	}
	lrc = igs_cosplib_search_from(&sol, &st, inst, start, &o, d);
	release_interrupts(old);
	if (lrc != IGS_OK) {
		igs_diag_print(d, stderr);
		rc = lrc == IGS_EUSAGE ? EXIT_INPUT : EXIT_SYSTEM;
		goto cleanup;
	}
	if (igs_cosplib_evaluate(&r, inst, sol) != IGS_OK) {
		fprintf(stderr, "igfsched: out of memory while evaluating\n");
		rc = EXIT_SYSTEM;
		goto cleanup;
	}
	if (*o.interrupt && o.verbose >= 1)
		fprintf(stderr, "igfsched: interrupted; writing the best solution found so far\n");
	char note[160];
	snprintf(note, sizeof note, "cosplib-solve, seed %ld, %lld moves, %.1f s", o.seed, st.moves, st.elapsed_s);
	if (igs_cosplib_solution_write(inst, sol, note, out, d) != IGS_OK) {
		igs_diag_print(d, stderr);
		rc = EXIT_SYSTEM;
		goto cleanup;
	}
	if (stats) {
		int src = igs_cosplib_stats_write(&st, &r, inst, o.seed, have_bound ? &bound : NULL, stats, d);
		if (src == IGS_ENOMEM)
			fprintf(stderr, "igfsched: out of memory while writing %s\n", stats);
		else if (src != IGS_OK)
			igs_diag_print(d, stderr);
		if (src != IGS_OK) {
			rc = EXIT_SYSTEM;
			goto cleanup;
		}
	}
	if (o.verbose >= 1) {
		igs_cosplib_report_print(&r, inst, stderr);
		fprintf(stderr, "%lld moves in %.1f s; best found after %.1f s\n", st.moves, st.elapsed_s, st.best_s);
		bool bounded = have_bound && bound.proven && r.feasible && r.valid;
		if (bounded && r.total == bound.bound)
			fprintf(stderr, "lower bound %lld: the solution is optimal%s\n", bound.bound,
				st.bound_met ? "; the search stopped there" : "");
		else if (bounded && r.total > bound.bound)
			fprintf(stderr, "lower bound %lld: gap %.2f %%\n", bound.bound,
				100.0 * (double)(r.total - bound.bound) / (double)(r.total > 0 ? r.total : 1));
		else if (bounded)
			fprintf(stderr, "igfsched: internal error: the solution scores %lld, below the lower bound %lld; "
					"please report it with the instance\n", r.total, bound.bound);
	}
	if (!(r.feasible && r.valid)) {
		fprintf(stderr, "igfsched: %d submission%s could not be placed; the solution written is incomplete:\n",
			st.missing, st.missing == 1 ? "" : "s");
		print_unplaced(inst, sol);
		rc = EXIT_VIOLATIONS;
	}
cleanup:
	igs_cosplib_search_stats_clear(&st);
	igs_cosplib_solution_free(sol);
	igs_cosplib_solution_free(start);
	igs_cosplib_free(inst);
	igs_diag_free(d);
	return rc;
}

const cli_spec cli_cosplib_solve = {
	.about = "Solves a CoSPLib conference-scheduling instance by local search on its own objective\n"
		 "(OBJECTIVE.md of the data set) and writes a cosplib-solution/1 file. The objective, the\n"
		 "flags and every component go to standard error. The same seed and --moves give the\n"
		 "same solution on any machine, unless the time limit stops the search first; each of\n"
		 "--threads searches gets the whole --moves budget, and the result still repeats exactly.\n"
		 "--bound-time: first spend up to that many seconds (at most a quarter of the time\n"
		 "limit) proving a lower bound with GLPK: no proper solution (both layers agree, each\n"
		 "submission whole in one cell) scores less; 0: none.\n"
		 "Exit codes: 0 every submission placed (feasible and valid); 1 some could not be placed;\n"
		 "2 bad input or usage; 3 system error.\n",
	.positional = "one INSTANCE",
	CLI_ARGS_OF(cosplib_solve_args),
	.run = run_cosplib_solve,
};
