/* The general commands: check, solve, evaluate, duplicates, compare, group and import-csv, each
 * with its flag table and what it runs once its arguments are parsed. */
#include <errno.h>
#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "cli/cli.h"
#include "cosplib/write.h"

#ifndef IGS_EXAMPLES_DIR
#define IGS_EXAMPLES_DIR "examples"
#endif

#define FORMATS "json, csv, text, ics, html, frab, frab-json or cosplib"

/* time_limit: seconds the near-duplicate pair search at the end of the load may run until
 * (0: no limit); a search it stops is said on stderr. */
static int load_problem_limited(igs_problem **p, const char *path, const igs_options *o, double time_limit) {
	igs_diag *d = igs_diag_new();
	if (!d)
		return EXIT_SYSTEM;
	int rc = igs_problem_load_limited(p, path, o->verbose, time_limit, d);
	if (rc != IGS_OK) {
		igs_diag_print(d, stderr);
		fprintf(stderr, "igfsched: %d problem%s in %s\n", igs_diag_count(d), igs_diag_count(d) == 1 ? "" : "s",
			path);
	}
	igs_diag_free(d);
	if (rc != IGS_OK)
		return cli_exit_code(rc, true);
	char note[512];
	if (o->verbose >= 1 && igs_problem_load_warning(*p, note, sizeof note))
		fprintf(stderr, "igfsched: warning: %s: %s\n", path, note);
	igs_problem_apply_options(*p, o);
	return EXIT_OK;
}

static int load_problem(igs_problem **p, const char *path, const igs_options *o) {
	return load_problem_limited(p, path, o, 0);
}

static const char *base_name(const char *path, char *buf, size_t n) {
	const char *slash = strrchr(path, '/');
	snprintf(buf, n, "%s", slash ? slash + 1 : path);
	char *dot = strrchr(buf, '.');
	if (dot && dot != buf)
		*dot = 0;
	return buf;
}

static int format_of(const char *name, igs_format *f) {
	if (strcmp(name, "json") == 0)
		*f = IGS_FMT_JSON;
	else if (strcmp(name, "csv") == 0)
		*f = IGS_FMT_CSV;
	else if (strcmp(name, "text") == 0 || strcmp(name, "txt") == 0)
		*f = IGS_FMT_TEXT;
	else if (strcmp(name, "ics") == 0)
		*f = IGS_FMT_ICS;
	else if (strcmp(name, "html") == 0 || strcmp(name, "htm") == 0)
		*f = IGS_FMT_HTML;
	else if (strcmp(name, "frab") == 0 || strcmp(name, "xml") == 0)
		*f = IGS_FMT_FRAB;
	else if (strcmp(name, "frab-json") == 0)
		*f = IGS_FMT_FRAB_JSON;
	else if (strcmp(name, "cosplib") == 0)
		*f = IGS_FMT_COSPLIB;
	else
		return -1;
	return 0;
}

/* A format the problem cannot give (cosplib without named slots) is the input's fault: the
 * writer says IGS_EINPUT. */
static int write_one(const igs_schedule *s, const igs_report *r, igs_format f, const char *path) {
	igs_diag *d = igs_diag_new();
	if (!d)
		return EXIT_SYSTEM;
	int rc = f == IGS_FMT_COSPLIB ? igs_cosplib_write_schedule(s, path, d) : igs_schedule_write(s, r, f, path, d);
	if (rc != IGS_OK)
		igs_diag_print(d, stderr);
	igs_diag_free(d);
	return cli_exit_code(rc, false);
}

/* ---- solve ---- */

/* Without -o, solve writes NAME.schedule.EXT into --out-dir for each of these. */
static const struct {
	igs_format f;
	const char *ext;
} default_outs[] = {{IGS_FMT_JSON, "json"}, {IGS_FMT_CSV, "csv"}, {IGS_FMT_TEXT, "txt"}};
#define N_DEFAULT_OUTS CLI_COUNT(default_outs)

static void default_out(char *path, size_t n, const char *out_dir, const char *problem_path, int k) {
	char name[256];
	snprintf(path, n, "%s/%s.schedule.%s", out_dir, base_name(problem_path, name, sizeof name), default_outs[k].ext);
}

#define SOLVE_FLAGS(X, A)                                                                          \
	X(A, text, out, "--output", "-o", "OUT", NULL, 0, 0, NULL, "output file")                   \
	X(A, text, format, "--format", NULL, "FMT", NULL, 0, 0, NULL,                              \
	  "json, csv, text, ics (iCalendar), html (one self-contained page),\n"                     \
	  "frab (schedule.xml for conference apps), frab-json, or cosplib\n"                         \
	  "(a CoSPLib solution; the problem's slots must be named, as\n"                            \
	  "import-cosplib writes them)")                                                             \
	X(A, text, out_dir, "--out-dir", NULL, "DIR", "igfsched-out", 0, 0, NULL, "directory for the default outputs") \
	X(A, text, reference, "--reference", NULL, "FILE", NULL, 0, 0, NULL,                        \
	  "a published schedule: re-solve moving as few sessions as possible\n"                     \
	  "(terms change_day, change_time, change_room per person affected)\n"                      \
	  "and print the changes (session, from, to, people to notify)")
CLI_DEFINE_ARGS(solve_args, SOLVE_FLAGS);

/* The monotonic clock in seconds: --time-limit counts from the command's start. */
static double now_s(void) {
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

static int run_solve(const cli_command *c, int argc, char **argv) {
	double started = now_s();
	solve_args a;
	igs_options o;
	const char *problem_path;
	int rc = cli_parse(c, argc, argv, &a, &o, &problem_path, 1);
	if (rc != EXIT_OK)
		return rc;
	const char *out = a.out, *fmt = a.format;
	igs_format f = IGS_FMT_JSON;
	if (fmt && format_of(fmt, &f) != 0) {
		fprintf(stderr, "igfsched: --format '%s': use " FORMATS "\n", fmt);
		return EXIT_INPUT;
	}
	if (out && !fmt) {
		const char *dot = strrchr(out, '.');
		if (dot && format_of(dot + 1, &f) != 0 && strcmp(out, "-") != 0) {
			fprintf(stderr, "igfsched: cannot tell the format of '%s' from its extension; add --format\n", out);
			return EXIT_INPUT;
		}
	}
	if (!problem_path)
		problem_path = getenv("IGFSCHED_DEFAULT_PROBLEM") ? getenv("IGFSCHED_DEFAULT_PROBLEM")
								   : IGS_EXAMPLES_DIR "/igf-like.json";
	char defaults[N_DEFAULT_OUTS][1024];
	const char *outs[N_DEFAULT_OUTS] = {out};
	for (int k = 0; !out && k < N_DEFAULT_OUTS; k++) {
		default_out(defaults[k], sizeof defaults[k], a.out_dir, problem_path, k);
		outs[k] = defaults[k];
	}
	if ((rc = cli_refuse_overwrite(outs, N_DEFAULT_OUTS, (const char *const[]){problem_path, a.reference}, 2)) !=
	    EXIT_OK)
		return rc;

	igs_problem *p = NULL;
	igs_schedule *s = NULL;
	igs_report *r = NULL;
	igs_diag *d = NULL;
	/* --time-limit counts from the command's start: reading and checking the file are never
	 * cut, the pair search that ends the load stops at the limit, and the solver gets what is
	 * left. A positive limit the load used up stays positive, so that the solver stops at
	 * once: 0 would ask for the constructive start, whole (docs/SOLVERS.md). */
	double limit = o.time_limit;
	rc = load_problem_limited(&p, problem_path, &o, limit > 0 ? fmax(limit - (now_s() - started), DBL_MIN) : 0);
	if (rc != EXIT_OK)
		goto cleanup;
	if (o.verbose >= 1)
		igs_problem_describe(p, stderr);
	if (!(d = igs_diag_new())) {
		rc = EXIT_SYSTEM;
		goto cleanup;
	}
	if (a.reference) {
		int rrc = igs_problem_set_reference(p, a.reference, d);
		if (rrc != IGS_OK) {
			igs_diag_print(d, stderr);
			rc = cli_exit_code(rrc, true);
			goto cleanup;
		}
	}
	/* Said with the sessions the solver leaves out, as their common cause. */
	igs_problem_feasibility(p, d);
	double loaded = now_s() - started;
	o.time_limit = limit > 0 ? fmax(limit - loaded, DBL_MIN) : 0;
	if (limit > 0 && loaded >= limit && o.verbose >= 1)
		fprintf(stderr,
			"igfsched: loading %s took %.1f s, the whole --time-limit of %g s: no time is left to solve; "
			"the schedule lists every session the constructive start did not reach as not placed "
			"(give a longer --time-limit)\n",
			problem_path, loaded, limit);
	struct sigaction old[2];
	catch_interrupts(&o, old);
	int src = igs_solve(&s, p, &o, d);
	release_interrupts(old);
	if (interrupted && o.verbose >= 1)
		fprintf(stderr, "igfsched: interrupted; writing the best schedule found so far\n");
	if (!s || (src != IGS_OK && src != IGS_EINFEASIBLE)) {
		igs_diag_print(d, stderr);
		rc = src == IGS_OK || src == IGS_EINFEASIBLE ? EXIT_SYSTEM : cli_exit_code(src, false);
		goto cleanup;
	}
	if (igs_evaluate(&r, p, s) != IGS_OK) {
		fprintf(stderr, "igfsched: out of memory while evaluating\n");
		rc = EXIT_SYSTEM;
		goto cleanup;
	}
	if (out) {
		rc = write_one(s, r, f, out);
	} else {
		char path[1024];
		if (mkdir(a.out_dir, 0777) != 0 && errno != EEXIST) {
			fprintf(stderr, "igfsched: cannot create the output directory '%s': %s\n", a.out_dir,
				strerror(errno));
			rc = EXIT_SYSTEM;
			goto cleanup;
		}
		for (int k = 0; k < N_DEFAULT_OUTS && rc == EXIT_OK; k++) {
			default_out(path, sizeof path, a.out_dir, problem_path, k);
			rc = write_one(s, r, default_outs[k].f, path);
			if (rc == EXIT_OK && o.verbose >= 1)
				fprintf(stderr, "wrote %s\n", path);
		}
	}
	if (rc != EXIT_OK)
		goto cleanup;
	if (o.verbose >= 1) {
		/* The summary must not mix into a schedule written to standard output. */
		FILE *sum = out && strcmp(out, "-") == 0 ? stderr : stdout;
		igs_diag_print(d, stderr);
		fprintf(sum, "%s: %d hard violation%s, score %.3f (lower is better)", problem_path,
			igs_report_hard_count(r), igs_report_hard_count(r) == 1 ? "" : "s", igs_report_score(r));
		/* With a proven bound, how far the schedule can be from the best one. */
		double bound, gap;
		bool optimal = igs_schedule_bound(&bound, &gap, s);
		if (isfinite(gap))
			fprintf(sum, "; bound %.3f, gap %.2f %%%s", bound, 100.0 * gap,
				!optimal ? "" : gap == 0 ? " (proven optimal)" : " (within --gap)");
		fputc('\n', sum);
		igs_changes_print(s, sum);
	}
	rc = (src == IGS_OK && igs_report_hard_count(r) == 0) ? EXIT_OK : EXIT_VIOLATIONS;
cleanup:
	igs_report_free(r);
	igs_schedule_free(s);
	igs_diag_free(d);
	igs_problem_free(p);
	return rc;
}

const cli_spec cli_solve = {
	.about = "Builds a schedule and prints a short summary. With -o, writes one file (format from\n"
		 "--format, else from OUT's extension: .json, .csv, .txt, .ics, .html, .xml (frab);\n"
		 "'-' is standard output).\n"
		 "Without -o, writes NAME.schedule.json, .csv and .txt into --out-dir (default\n"
		 "igfsched-out). Without PROBLEM, solves the bundled example examples/igf-like.json.\n"
		 "Every session appears in the output, placed or listed as unscheduled with its reason.\n",
	.positional = "one problem file",
	CLI_ARGS_OF(solve_args),
	.solver_options = true,
	.run = run_solve,
};

/* ---- check ---- */

static int run_check(const cli_command *c, int argc, char **argv) {
	igs_options o;
	igs_options_init(&o);
	const char *path;
	int rc = cli_parse(c, argc, argv, NULL, NULL, &path, 1);
	if (rc != EXIT_OK)
		return rc;
	if (!path) {
		cli_usage(c, stderr);
		return EXIT_INPUT;
	}
	igs_problem *p = NULL;
	igs_diag *d = NULL;
	rc = load_problem(&p, path, &o);
	if (rc != EXIT_OK)
		goto cleanup;
	igs_problem_describe(p, stdout);
	if (!(d = igs_diag_new())) {
		rc = EXIT_SYSTEM;
		goto cleanup;
	}
	/* A valid file that cannot be scheduled in full is infeasible (1), not bad input (2):
	 * solve then writes a schedule listing the sessions left out. */
	if (igs_problem_feasibility(p, d) != IGS_OK) {
		igs_diag_print(d, stderr);
		fprintf(stderr, "igfsched: %s is valid but infeasible: %d problem%s keep%s it from being scheduled in full\n",
			path, igs_diag_count(d), igs_diag_count(d) == 1 ? "" : "s", igs_diag_count(d) == 1 ? "s" : "");
		rc = EXIT_VIOLATIONS;
		goto cleanup;
	}
	printf("%s: ok\n", path);
cleanup:
	igs_diag_free(d);
	igs_problem_free(p);
	return rc;
}

const cli_spec cli_check = {
	.about = "Validates a problem file: types, ranges, references, duplicate ids, sessions that fit\n"
		 "no room or start time (exit 2); then demand beyond room-time and required sessions\n"
		 "pinned into a clash, which a valid file may have but no schedule can meet (exit 1;\n"
		 "solve lists the sessions left out). Reports every problem at once.\n",
	.positional = "one problem file",
	.run = run_check,
};

/* ---- evaluate ---- */

#define EVALUATE_FLAGS(X, A)                                                                       \
	X(A, flag, json, "--json", NULL, NULL, false, 0, 0, NULL, "machine-readable report")         \
	X(A, text, out, "--output", "-o", "OUT", NULL, 0, 0, NULL,                                  \
	  "write the report to OUT instead of standard output, as its\n"                            \
	  "extension says: .json the JSON report (as --json), .txt the text,\n"                     \
	  ".html the schedule and its report as one page (as solve --format html)")                  \
	X(A, text, format, "--format", NULL, "FMT", NULL, 0, 0, NULL,                              \
	  "with -o: write the schedule itself in FMT (json, csv, text, ics,\n"                      \
	  "html, frab, frab-json, cosplib) and print the report as usual")
CLI_DEFINE_ARGS(evaluate_args, EVALUATE_FLAGS);

static int run_evaluate(const cli_command *c, int argc, char **argv) {
	evaluate_args a;
	igs_options o;
	const char *paths[2];
	int rc = cli_parse(c, argc, argv, &a, &o, paths, 2);
	if (rc != EXIT_OK)
		return rc;
	if (!paths[1]) {
		cli_usage(c, stderr);
		return EXIT_INPUT;
	}
	const char *out = a.out, *fmt = a.format;
	igs_format sched_fmt = IGS_FMT_JSON;
	if (fmt && (!out || format_of(fmt, &sched_fmt) != 0)) {
		if (!out)
			fprintf(stderr, "igfsched: evaluate --format writes the schedule to -o OUT; add -o\n");
		else
			fprintf(stderr, "igfsched: --format '%s': use " FORMATS "\n", fmt);
		return EXIT_INPUT;
	}
	if ((rc = cli_refuse_overwrite(&out, 1, paths, 2)) != EXIT_OK)
		return rc;
	igs_problem *p = NULL;
	igs_schedule *s = NULL;
	igs_report *r = NULL;
	igs_diag *d = NULL;
	rc = load_problem(&p, paths[0], &o);
	if (rc != EXIT_OK)
		goto cleanup;
	if (!(d = igs_diag_new())) {
		rc = EXIT_SYSTEM;
		goto cleanup;
	}
	int lrc = igs_schedule_load(&s, p, paths[1], d);
	if (lrc != IGS_OK) {
		igs_diag_print(d, stderr);
		rc = cli_exit_code(lrc, true);
		goto cleanup;
	}
	if (igs_evaluate(&r, p, s) != IGS_OK) {
		fprintf(stderr, "igfsched: out of memory while evaluating\n");
		rc = EXIT_SYSTEM;
		goto cleanup;
	}
	/* The report's form follows OUT's extension as solve's format does: .json the JSON report,
	 * .html the page, .txt (or none, or '-') the text; --json makes any other name JSON. */
	igs_format page = IGS_FMT_TEXT;
	const char *dot = out ? strrchr(out, '.') : NULL;
	if (dot && strchr(dot, '/'))
		dot = NULL;
	if (!fmt && dot && (format_of(dot + 1, &page) != 0 ||
			    (page != IGS_FMT_JSON && page != IGS_FMT_TEXT && page != IGS_FMT_HTML))) {
		fprintf(stderr,
			"igfsched: evaluate -o '%s': the report is written as .json, .txt or .html; to write the "
			"schedule in another format, add --format\n",
			out);
		rc = EXIT_INPUT;
		goto cleanup;
	}
	if (fmt) {
		rc = write_one(s, r, sched_fmt, out);
		if (rc == EXIT_OK) {
			if (a.json)
				rc = cli_exit_code(igs_report_write_json(r, p, stdout), false);
			else
				igs_report_print(r, p, stdout);
		}
	} else if (page == IGS_FMT_HTML) {
		/* A hand-made draft gets the same page as a solver's schedule. */
		rc = write_one(s, r, IGS_FMT_HTML, out);
	} else if (out) {
		rc = cli_exit_code(igs_report_write(r, p, a.json ? IGS_FMT_JSON : page, out, d), false);
		if (rc != EXIT_OK)
			igs_diag_print(d, stderr);
	} else if (a.json) {
		rc = cli_exit_code(igs_report_write_json(r, p, stdout), false);
	} else {
		igs_report_print(r, p, stdout);
	}
	if (rc == EXIT_OK)
		rc = igs_report_hard_count(r) ? EXIT_VIOLATIONS : EXIT_OK;
cleanup:
	igs_report_free(r);
	igs_schedule_free(s);
	igs_diag_free(d);
	igs_problem_free(p);
	return rc;
}

const cli_spec cli_evaluate = {
	.about = "Scores any schedule (a solver's, a hand-made draft, a past programme): every hard\n"
		 "violation with the sessions, rooms, people and times involved, then each soft term.\n"
		 "Of the solver options, --weight changes the score; the others are accepted and unused.\n",
	.positional = "PROBLEM SCHEDULE",
	CLI_ARGS_OF(evaluate_args),
	.solver_options = true,
	.run = run_evaluate,
};

/* ---- duplicates ---- */

#define DUPLICATES_FLAGS(X, A)                                                                     \
	X(A, double, threshold, "--threshold", NULL, "X", IGS_DUP_THRESHOLD, DBL_TRUE_MIN, 1, "above 0 and at most 1", \
	  "list pairs with similarity at least X")                                                   \
	X(A, long, top, "--top", NULL, "N", 20, 0, 1000000000L, "from 0 (all) to 1000000000",       \
	  "print the N best pairs and clusters (0 = all)")                                           \
	X(A, flag, json, "--json", NULL, NULL, false, 0, 0, NULL, "machine-readable output")         \
	X(A, text, merges, "--merge", NULL, "MERGES.json", NULL, 0, 0, NULL,                        \
	  "a JSON list of lists of session ids, e.g. [[\"ws-1\", \"ws-7\"]]: write\n"              \
	  "a new problem file in which each list becomes one session")                              \
	X(A, text, out, "--output", "-o", "OUT", NULL, 0, 0, NULL,                                  \
	  "the new problem file of --merge (checked before it is written;\n"                        \
	  "the input is never modified)")
CLI_DEFINE_ARGS(duplicates_args, DUPLICATES_FLAGS);

static int run_duplicates(const cli_command *c, int argc, char **argv) {
	duplicates_args a;
	igs_options o;
	igs_options_init(&o);
	const char *path;
	int rc = cli_parse(c, argc, argv, &a, NULL, &path, 1);
	if (rc != EXIT_OK)
		return rc;
	if (!path) {
		cli_usage(c, stderr);
		return EXIT_INPUT;
	}
	if ((a.merges != NULL) != (a.out != NULL)) {
		fprintf(stderr, "igfsched: duplicates: %s\n",
			a.merges ? "--merge needs -o OUT.json, the new problem file to write"
				 : "-o writes a merged problem; give --merge MERGES.json too");
		return EXIT_INPUT;
	}
	if ((rc = cli_refuse_overwrite(&a.out, 1, (const char *const[]){path, a.merges}, 2)) != EXIT_OK)
		return rc;
	igs_problem *p = NULL;
	igs_dups *x = NULL;
	igs_diag *d = NULL;
	rc = load_problem(&p, path, &o);
	if (rc != EXIT_OK)
		goto cleanup;
	if (!(d = igs_diag_new())) {
		rc = EXIT_SYSTEM;
		goto cleanup;
	}
	if (a.merges) {
		int n = 0, mrc = igs_duplicates_merge(p, a.merges, a.out, &n, d);
		igs_diag_print(d, stderr);
		if (mrc == IGS_OK)
			printf("%s: wrote %s, %d sessions after the merges of %s\n", path, a.out, n, a.merges);
		rc = cli_exit_code(mrc, false);
		goto cleanup;
	}
	int frc = igs_duplicates_find(&x, p, a.threshold, d);
	if (frc != IGS_OK) {
		igs_diag_print(d, stderr);
		rc = cli_exit_code(frc, true);
		goto cleanup;
	}
	rc = cli_exit_code(a.json ? igs_dups_write_json(x, (int)a.top, stdout) : igs_dups_print(x, (int)a.top, stdout),
			   false);
cleanup:
	igs_dups_free(x);
	igs_diag_free(d);
	igs_problem_free(p);
	return rc;
}

const cli_spec cli_duplicates = {
	.about = "Ranks pairs of near-duplicate session proposals, best first, and the clusters they form\n"
		 "(connected components of the pairs). Similarity = 0.6 TF-IDF cosine of title and\n"
		 "description + 0.2 Jaccard of themes + 0.2 Jaccard of tags, a part neither session has\n"
		 "being left out; see docs/SCENARIOS.md. With --merge MERGES.json -o OUT.json, writes the\n"
		 "merged problem instead.\n",
	.positional = "one problem file",
	CLI_ARGS_OF(duplicates_args),
	.run = run_duplicates,
};

/* ---- compare ---- */

#define COMPARE_FLAGS(X, A) X(A, flag, json, "--json", NULL, NULL, false, 0, 0, NULL, "machine-readable output")
CLI_DEFINE_ARGS(compare_args, COMPARE_FLAGS);

static int run_compare(const cli_command *c, int argc, char **argv) {
	compare_args a;
	igs_options o;
	int n = 0, rc = EXIT_OK;
	bool all_ok = true;
	const char **paths = calloc((size_t)argc, sizeof *paths);
	igs_problem **ps = calloc((size_t)argc, sizeof *ps);
	igs_scenario *v = calloc((size_t)argc, sizeof *v);
	char(*names)[128] = calloc((size_t)argc, sizeof *names);
	const char **name_of = calloc((size_t)argc, sizeof *name_of);
	igs_diag *d = NULL;
	igs_schedule *s = NULL;
	if (!paths || !ps || !v || !names || !name_of) {
		rc = EXIT_SYSTEM;
		goto cleanup;
	}
	if ((rc = cli_parse(c, argc, argv, &a, &o, paths, argc)) != EXIT_OK)
		goto cleanup;
	while (paths[n])
		n++;
	if (n == 0) {
		cli_usage(c, stderr);
		rc = EXIT_INPUT;
		goto cleanup;
	}
	/* Every file is checked before any is solved, so a typo costs no solver time. */
	for (int i = 0; i < n; i++) {
		int lrc = load_problem(&ps[i], paths[i], &o);
		if (lrc != EXIT_OK && rc != EXIT_SYSTEM)
			rc = lrc;
	}
	if (rc != EXIT_OK)
		goto cleanup;
	for (int i = 0; i < n; i++) {
		name_of[i] = base_name(paths[i], names[i], sizeof names[i]);
		if (o.verbose >= 1)
			fprintf(stderr, "compare: solving %s\n", paths[i]);
		if (!(d = igs_diag_new())) {
			rc = EXIT_SYSTEM;
			goto cleanup;
		}
		int src = igs_solve(&s, ps[i], &o, d);
		if (!s || (src != IGS_OK && src != IGS_EINFEASIBLE) || igs_scenario_measure(&v[i], ps[i], s) != IGS_OK) {
			igs_diag_print(d, stderr);
			rc = src == IGS_OK || src == IGS_EINFEASIBLE ? EXIT_SYSTEM : cli_exit_code(src, false);
			goto cleanup;
		}
		if (o.verbose >= 1)
			igs_diag_print(d, stderr);
		all_ok = all_ok && src == IGS_OK && v[i].hard_violations == 0;
		igs_schedule_free(s);
		s = NULL;
		igs_diag_free(d);
		d = NULL;
	}
	if (a.json) {
		rc = cli_exit_code(igs_scenarios_write_json(v, name_of, paths, n, stdout), false);
	} else {
		igs_scenarios_print(v, name_of, n, stdout);
		if (fflush(stdout) != 0)
			rc = EXIT_SYSTEM;
	}
	if (rc == EXIT_OK && !all_ok)
		rc = EXIT_VIOLATIONS;
cleanup:
	igs_schedule_free(s);
	igs_diag_free(d);
	for (int i = 0; ps && i < n; i++)
		igs_problem_free(ps[i]);
	free(paths);
	free(ps);
	free(v);
	free(names);
	free(name_of);
	return rc;
}

const cli_spec cli_compare = {
	.about = "Solves every scenario with the same options and prints one column per scenario:\n"
		 "sessions scheduled and left out, room-hours, near-duplicate pairs running in parallel\n"
		 "(similarity >= " CLI_XSTR(IGS_DUP_THRESHOLD) ", as 'igfsched duplicates'), clash pairs, worst and mean theme share,\n"
		 "hard violations, score, solve time and gap. Exit 0 when every scenario is solved\n"
		 "without hard violations, 1 otherwise. See docs/SCENARIOS.md.\n",
	.positional = "scenario files",
	CLI_ARGS_OF(compare_args),
	.solver_options = true,
	.run = run_compare,
};

/* ---- group ---- */

#define GROUP_FLAGS(X, A)                                                                          \
	X(A, int, k, "-k", NULL, "K", 0, 1, 10000, NULL, "joint sessions to form (required)")       \
	X(A, int, min_size, "--min-size", NULL, "N", 2, 1, 10000, NULL, "coalitions per joint session, at least") \
	X(A, int, max_size, "--max-size", NULL, "N", 4, 1, 10000, NULL, "coalitions per joint session, at most") \
	X(A, text, wishes, "--wishes", NULL, "WISHES.json", NULL, 0, 0, NULL,                       \
	  "the wishes file, as above (docs/SCENARIOS.md)")                                           \
	X(A, text, kind, "--kind", NULL, "KIND", "dc", 0, 0, NULL, "groups of this kind take part")   \
	X(A, long, duration, "--duration", NULL, "MIN", 90, 1, 1440, NULL, "minutes of each joint session written by -o") \
	X(A, long, seed, "--seed", NULL, "S", 1, 0, 2147483647L, NULL,                              \
	  "of the local search, when the exhaustive search is too large")                           \
	X(A, flag, replace, "--replace", NULL, NULL, false, 0, 0, NULL,                             \
	  "with -o: remove the grouped coalitions' own dc_session sessions")                        \
	X(A, text, out, "--output", "-o", "NEW.json", NULL, 0, 0, NULL,                             \
	  "write the problem with one dc_joint session per group")                                  \
	X(A, flag, json, "--json", NULL, NULL, false, 0, 0, NULL, "machine-readable output")
CLI_DEFINE_ARGS(group_args, GROUP_FLAGS);

static int run_group(const cli_command *c, int argc, char **argv) {
	group_args a;
	igs_options o;
	igs_options_init(&o);
	const char *path;
	int rc = cli_parse(c, argc, argv, &a, NULL, &path, 1);
	if (rc != EXIT_OK)
		return rc;
	if (!path || a.k < 1) {
		fprintf(stderr, "igfsched: group needs %s\n", !path ? "a problem file" : "-k K, the number of joint sessions");
		cli_usage(c, stderr);
		return EXIT_INPUT;
	}
	if (a.min_size > a.max_size) {
		fprintf(stderr, "igfsched: group: --min-size %d is above --max-size %d\n", a.min_size, a.max_size);
		return EXIT_INPUT;
	}
	if ((rc = cli_refuse_overwrite(&a.out, 1, (const char *const[]){path, a.wishes}, 2)) != EXIT_OK)
		return rc;
	igs_group_options g = {.k = a.k,
			       .min_size = a.min_size,
			       .max_size = a.max_size,
			       .kind = a.kind,
			       .wishes = a.wishes,
			       .seed = a.seed};
	igs_problem *p = NULL;
	igs_grouping *R = NULL;
	igs_diag *d = NULL;
	rc = load_problem(&p, path, &o);
	if (rc != EXIT_OK)
		goto cleanup;
	if (!(d = igs_diag_new())) {
		rc = EXIT_SYSTEM;
		goto cleanup;
	}
	int grc = igs_group_find(&R, p, &g, d);
	igs_diag_print(d, stderr);
	if (grc != IGS_OK) {
		rc = cli_exit_code(grc, true);
		goto cleanup;
	}
	if (a.out) {
		igs_diag *wd = igs_diag_new();
		int wrc = wd ? igs_grouping_write_problem(R, a.out, (int)a.duration, a.replace, wd) : IGS_ENOMEM;
		if (wd)
			igs_diag_print(wd, stderr);
		igs_diag_free(wd);
		if (wrc != IGS_OK) {
			rc = cli_exit_code(wrc, false);
			goto cleanup;
		}
	}
	if ((a.json ? igs_grouping_write_json(R, stdout) : igs_grouping_print(R, stdout)) != IGS_OK)
		rc = EXIT_SYSTEM;
	if (a.out && rc == EXIT_OK)
		fprintf(stderr, "wrote %s\n", a.out);
cleanup:
	igs_grouping_free(R);
	igs_diag_free(d);
	igs_problem_free(p);
	return rc;
}

const cli_spec cli_group = {
	.about = "Groups the problem's coalitions (groups of --kind, default dc) into K joint sessions:\n"
		 "each in exactly one (or left out by a wish), sizes from --min-size (default 2) to\n"
		 "--max-size (default 4), as similar in topics as possible (TF-IDF cosine of their\n"
		 "topics and their sessions' titles and tags), honouring the wishes file:\n"
		 "{\"with\": [[A, B]], \"not_with\": [[A, B]], \"bilateral_only\": [A], \"leave_out\": [A]}.\n"
		 "Prints the groups with their shared topics and a suggested title. With -o, writes the\n"
		 "problem with one dc_joint session per group (--duration, default 90 minutes); with\n"
		 "--replace, the grouped coalitions' own dc_session sessions are removed.\n",
	.positional = "one problem file",
	CLI_ARGS_OF(group_args),
	.run = run_group,
};

/* ---- import-csv ---- */

#define IMPORT_CSV_FLAGS(X, A)                                                                     \
	X(A, text, venue, "--venue", NULL, "VENUE.json", NULL, 0, 0, NULL,                          \
	  "the meeting, days, rooms and themes (a problem file; required)")                         \
	X(A, text, out, "--output", "-o", "PROBLEM.json", NULL, 0, 0, NULL, "the problem file to write (required)") \
	X(A, text, delimiter, "--delimiter", NULL, "C", ",", 0, 0, NULL,                            \
	  "the cell separator: one character such as ';', or tab")
CLI_DEFINE_ARGS(import_csv_args, IMPORT_CSV_FLAGS);

static int run_import_csv(const cli_command *c, int argc, char **argv) {
	import_csv_args a;
	const char *csv;
	int rc = cli_parse(c, argc, argv, &a, NULL, &csv, 1);
	if (rc != EXIT_OK)
		return rc;
	if (!csv || !a.venue || !a.out) {
		fprintf(stderr, "igfsched: import-csv needs %s\n",
			!csv ? "the CSV file" : !a.venue ? "--venue VENUE.json" : "-o PROBLEM.json, the file to write");
		cli_usage(c, stderr);
		return EXIT_INPUT;
	}
	const char *dl = a.delimiter;
	char sep = strcmp(dl, "tab") == 0 ? '\t' : dl[0];
	/* A quote or a line break cannot separate cells: they end or quote them. */
	if (!(strcmp(dl, "tab") == 0 || (dl[0] && !dl[1])) || sep == '"' || sep == '\n' || sep == '\r') {
		fprintf(stderr, "igfsched: --delimiter '%s': give one character such as ';' or ',', or tab\n", dl);
		return EXIT_INPUT;
	}
	if ((rc = cli_refuse_overwrite(&a.out, 1, (const char *const[]){csv, a.venue}, 2)) != EXIT_OK)
		return rc;
	igs_diag *d = igs_diag_new();
	if (!d)
		return EXIT_SYSTEM;
	int n = 0;
	rc = igs_import_csv_delimited(csv, a.venue, a.out, sep, &n, d);
	igs_diag_print(d, stderr);
	igs_diag_free(d);
	if (rc == IGS_OK)
		fprintf(stderr, "wrote %s: %d sessions\n", a.out, n);
	return cli_exit_code(rc, false);
}

const cli_spec cli_import_csv = {
	.about = "Turns proposals exported from a spreadsheet (CSV, one row per session) and a venue\n"
		 "file (a problem file with the meeting, days, rooms and themes) into a problem file.\n"
		 "Columns, named in the header row in any order: id, title, duration (required);\n"
		 "type, themes, tags, organisers, speakers, groups, attendance, requirements,\n"
		 "priority, optional, stakeholder, region, description, days. Lists take ';'.\n"
		 "Cells are separated by commas, or by --delimiter.\n"
		 "Every bad row is reported with its line and column; nothing is written then.\n"
		 "Details: docs/FORMAT.md, \"Spreadsheet input\".\n",
	.positional = "one CSV file",
	CLI_ARGS_OF(import_csv_args),
	.run = run_import_csv,
};
