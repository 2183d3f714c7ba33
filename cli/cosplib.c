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

/* The message of a missing or bad value of an option of the table (value NULL: missing). */
static void report_bad_value(const char *flag, const char *value, bool real, double lo, double hi) {
	if (strcmp(flag, "--bound-time") == 0)
		fprintf(stderr, "igfsched: --bound-time needs a number of seconds from 0 to 1000000\n");
	else if (!value)
		fprintf(stderr, "igfsched: %s needs a value\n", flag);
	else
		fprintf(stderr, "igfsched: %s '%s': give a %s from %.15g to %.15g\n", flag, value,
			real ? "number" : "whole number", lo, hi);
}

/* One option of cosplib-solve's table (cosplib/options.h), or --quiet, into o: 1 if consumed
 * (advancing *i), 0 if not one of them, -1 on a bad value. The messages are the core table's
 * (parse_common), but for --bound-time's own. */
static int parse_cosplib_option(int argc, char **argv, int *i, igs_cosplib_options *o) {
	const char *a = argv[*i];
	if (strcmp(a, "--quiet") == 0 || strcmp(a, "-q") == 0) {
		o->verbose = 0;
		return 1;
	}
#define IGS_CO_PARSE(t, n, d, lo, hi, h)                                                            \
	{                                                                                          \
		char flag[64];                                                                     \
		snprintf(flag, sizeof flag, "--%s", #n);                                           \
		for (char *c = flag + 2; *c; c++)                                                  \
			if (*c == '_')                                                             \
				*c = '-';                                                          \
		if (strcmp(a, flag) == 0) {                                                        \
			double v = NAN;                                                            \
			char *end = NULL;                                                          \
			errno = 0;                                                                 \
			if (*i + 1 < argc)                                                         \
				v = strtod(argv[++*i], &end);                                      \
			if (!end || errno || end == argv[*i] || *end || !(v >= (lo) && v <= (hi)) || \
			    v != (double)(t)v) {                                                   \
				report_bad_value(flag, end ? argv[*i] : NULL, (double)(t)0.5 == 0.5, lo, hi); \
				return -1;                                                         \
			}                                                                          \
			o->n = (t)v;                                                               \
			return 1;                                                                  \
		}                                                                                  \
	}
	IGS_COSPLIB_OPTIONS(IGS_CO_PARSE)
#undef IGS_CO_PARSE
	return 0;
}

static void usage_cosplib_eval(FILE *f) {
	fprintf(f, "usage: igfsched cosplib-eval INSTANCE.json SOLUTION.json [--json]\n"
		   "\n"
		   "Computes the exact objective of a CoSPLib conference-scheduling benchmark solution\n"
		   "(formats and objective: FORMAT.md and OBJECTIVE.md of the data set; docs/COSPLIB.md):\n"
		   "the total, the feasible and valid flags, the structural penalty and the 16 weighted\n"
		   "components (weight, count, cost).\n"
		   "  --json               machine-readable report (the key names of evaluate.py)\n"
		   "\n"
		   "exit codes: 0 feasible and valid; 1 not feasible or not valid; 2 bad input or usage;\n"
		   "            3 system error\n");
}

static void usage_import_cosplib(FILE *f) {
	fprintf(f, "usage: igfsched import-cosplib INSTANCE.json -o PROBLEM.json\n"
		   "                               [--solution SOLUTION.json --schedule-out SCHEDULE.json]\n"
		   "\n"
		   "Turns a CoSPLib instance (cosplib-instance/1) into an igfsched problem file: a day per\n"
		   "date, a named slot per CoSPLib session, a theme per track, a session per submission\n"
		   "(thematic rooms: one track per room and slot). With --solution, also turns a CoSPLib\n"
		   "solution of it into an igfsched schedule ('-' is standard output). The problem is loaded\n"
		   "back before it is written; on any error nothing is written. The mapping, and what it\n"
		   "approximates or loses: docs/COSPLIB.md. Back: solve or evaluate with --format cosplib.\n");
}

int cmd_import_cosplib(int argc, char **argv) {
	const char *inst = NULL, *out = NULL, *sol = NULL, *sched = NULL;
	for (int i = 2; i < argc; i++) {
		const char *a = argv[i];
		if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
			usage_import_cosplib(stdout);
			return EXIT_OK;
		}
		if (strcmp(a, "-o") == 0 || strcmp(a, "--output") == 0 || strcmp(a, "--solution") == 0 ||
		    strcmp(a, "--schedule-out") == 0) {
			if (i + 1 >= argc) {
				fprintf(stderr, "igfsched: %s needs a value\n", a);
				return EXIT_INPUT;
			}
			const char *v = argv[++i];
			if (strcmp(a, "--solution") == 0)
				sol = v;
			else if (strcmp(a, "--schedule-out") == 0)
				sched = v;
			else
				out = v;
		} else if (take_positional("import-cosplib", a, &inst, 1, "one INSTANCE") != EXIT_OK) {
			return EXIT_INPUT;
		}
	}
	if (!inst || !out || !sol != !sched) {
		fprintf(stderr, "igfsched: import-cosplib needs %s\n",
			!inst  ? "the CoSPLib instance file"
			: !out ? "-o PROBLEM.json, the problem file to write"
			: sol  ? "--schedule-out SCHEDULE.json beside --solution"
			       : "--solution SOLUTION.json beside --schedule-out");
		usage_import_cosplib(stderr);
		return EXIT_INPUT;
	}
	int refused = cli_refuse_overwrite((const char *const[]){out, sched}, 2, (const char *const[]){inst, sol}, 2);
	if (refused != EXIT_OK)
		return refused;
	igs_diag *d = igs_diag_new();
	if (!d)
		return EXIT_SYSTEM;
	igs_cosplib_import_stats st;
	int rc = igs_cosplib_import(inst, out, sol, sched, &st, d);
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

int cmd_cosplib_eval(int argc, char **argv) {
	const char *paths[2] = {NULL, NULL};
	bool json = false;
	for (int i = 2; i < argc; i++) {
		const char *a = argv[i];
		if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
			usage_cosplib_eval(stdout);
			return EXIT_OK;
		}
		if (strcmp(a, "--json") == 0) {
			json = true;
		} else if (take_positional("cosplib-eval", a, paths, 2, "INSTANCE SOLUTION") != EXIT_OK) {
			return EXIT_INPUT;
		}
	}
	if (!paths[1]) {
		usage_cosplib_eval(stderr);
		return EXIT_INPUT;
	}
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

static void usage_cosplib_solve(FILE *f) {
	fprintf(f, "usage: igfsched cosplib-solve INSTANCE.json [-o SOLUTION.json] [--stats STATS.json] [OPTIONS]\n"
		   "\n"
		   "Solves a CoSPLib conference-scheduling instance by local search on its own objective\n"
		   "(OBJECTIVE.md of the data set) and writes a cosplib-solution/1 file (default: standard\n"
		   "output). The objective, the flags and every component go to standard error; --stats writes\n"
		   "them with the run (moves, seconds, and every improvement with its time) as JSON.\n"
		   "\n"
		   "options:\n"
		   "  --time-limit S   stop after S seconds (default 60)\n"
		   "  --moves N        stop after N moves (default 2000000); the same seed and N give the same\n"
		   "                   solution on any machine, unless the time limit stops the search first\n"
		   "  --seed N         random seed (default 1)\n"
		   "  --threads T      T independent searches at once, the best one kept (default 1); each\n"
		   "                   gets the whole --moves budget, and the result still repeats exactly\n"
		   "  --bound-time S   first spend up to S seconds (default 5, at most a quarter of the time\n"
		   "                   limit) proving a lower bound with GLPK: no proper solution (both layers\n"
		   "                   agree, each submission whole in one cell) scores less; 0: none\n"
		   "  --quiet          no progress and no summary\n"
		   "\n"
		   "exit codes: 0 every submission placed (feasible and valid); 1 some could not be placed;\n"
		   "            2 bad input or usage; 3 system error\n");
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

int cmd_cosplib_solve(int argc, char **argv) {
	igs_cosplib_options o;
	igs_cosplib_options_init(&o);
	/* The core options cosplib-solve has always accepted and never read (--gap, --solver,
	 * --weight, ...) still parse into this; its interrupt flag is the search's too. */
	igs_options core;
	igs_options_init(&core);
	const char *inst_path = NULL, *out = "-", *stats = NULL;
	for (int i = 2; i < argc; i++) {
		const char *a = argv[i];
		if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
			usage_cosplib_solve(stdout);
			return EXIT_OK;
		}
		int c = parse_cosplib_option(argc, argv, &i, &o);
		if (c == 0)
			c = parse_common(argc, argv, &i, &core);
		if (c < 0)
			return EXIT_INPUT;
		if (c > 0)
			continue;
		if ((strcmp(a, "-o") == 0 || strcmp(a, "--stats") == 0) && i + 1 < argc) {
			*(a[1] == 'o' ? &out : &stats) = argv[++i];
		} else if (take_positional("cosplib-solve", a, &inst_path, 1, "one INSTANCE") != EXIT_OK) {
			return EXIT_INPUT;
		}
	}
	if (!inst_path) {
		usage_cosplib_solve(stderr);
		return EXIT_INPUT;
	}
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
			fprintf(stderr, "lower bound %lld: the solution is optimal\n", bound.bound);
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

