/* The igfsched program: check a problem, solve it, evaluate any schedule. */
#include <errno.h>
#include <jansson.h>
#include <signal.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "igfsched.h"
#include "io/atomic.h"
#include "io/cosplib.h"
#include "io/cosplib_import.h"
#include "solver/cosplib_eval.h"
#include "solver/cosplib_bound.h"
#include "solver/cosplib_search.h"

/* Exit codes, documented in the README and in --help. */
enum { EXIT_OK = 0, EXIT_VIOLATIONS = 1, EXIT_INPUT = 2, EXIT_SYSTEM = 3 };

#ifndef IGS_EXAMPLES_DIR
#define IGS_EXAMPLES_DIR "examples"
#endif

static const char *const usage_main =
	"usage: igfsched COMMAND [ARGS] [OPTIONS]\n"
	"\n"
	"Schedules an Internet Governance Forum programme (or any meeting of its shape).\n"
	"\n"
	"commands:\n"
	"  check PROBLEM              validate a problem file and report every problem in it\n"
	"  solve [PROBLEM]            build a schedule (default: the bundled IGF-like example)\n"
	"  evaluate PROBLEM SCHEDULE  score a schedule: hard violations and soft terms\n"
	"  duplicates PROBLEM         rank near-duplicate proposals; --merge them into a new problem\n"
	"  compare A.json B.json ...  solve scenarios with the same options, side by side\n"
	"  cosplib-eval INST SOL      objective of a CoSPLib benchmark solution (docs/COSPLIB.md)\n"
	"  cosplib-solve INST -o SOL  solve a CoSPLib benchmark instance (docs/COSPLIB.md)\n"
	"  import-cosplib INST -o P   turn a CoSPLib instance (and solution) into a problem (and schedule)\n"
	"  import-csv CSV --venue V   turn a spreadsheet of proposals into a problem file\n"
	"  group PROBLEM -k K         form K joint Dynamic Coalition sessions by topic\n"
	"\n"
	"  igfsched COMMAND --help    options of one command\n"
	"  igfsched --version\n"
	"\n"
	"exit codes: 0 ok; 1 infeasible or hard violations found; 2 bad input or usage;\n"
	"            3 system error (a file could not be written, out of memory)\n";

/* Ctrl-C asks the solvers to stop and write the best schedule so far. A signal handler can
 * only reach a flag of static storage: this one, passed to the library through the options. */
static atomic_int interrupted;
_Static_assert(ATOMIC_INT_LOCK_FREE == 2, "a signal handler may only store to a lock-free atomic");

static void on_interrupt(int sig) {
	(void)sig;
	interrupted = 1;
}

/* While a solver runs, Ctrl-C and SIGTERM only set the flag; old[] keeps the previous handlers. */
static void catch_interrupts(igs_options *o, struct sigaction old[2]) {
	o->interrupt = &interrupted;
	o->live_progress = isatty(STDERR_FILENO);
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_interrupt;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, &old[0]);
	sigaction(SIGTERM, &sa, &old[1]);
}

/* A second Ctrl-C while the files are written ends the program as usual. */
static void release_interrupts(const struct sigaction old[2]) {
	sigaction(SIGINT, &old[0], NULL);
	sigaction(SIGTERM, &old[1], NULL);
}

static void print_options(FILE *f) {
#define IGS_O_HELP(t, n, d, lo, hi, h)                                                             \
	{                                                                                          \
		char flag[64];                                                                     \
		snprintf(flag, sizeof flag, "--%s", #n);                                           \
		for (char *c = flag + 2; *c; c++)                                                  \
			if (*c == '_')                                                             \
				*c = '-';                                                          \
		fprintf(f, "  %-20s %s (default %.15g, from %.15g to %.15g)\n", flag, h, (double)(d), (double)(lo), \
			(double)(hi));                                                             \
	}
	IGS_OPTIONS(IGS_O_HELP)
#undef IGS_O_HELP
	fprintf(f, "  %-20s same as --verbose 0\n", "--quiet");
	fprintf(f, "  %-20s auto (default): local search, then the exact MIP from its schedule;\n"
		   "  %-20s heuristic: local search only; exact: the MIP from the constructive start\n",
		"--solver KIND", "");
	fprintf(f, "  %-20s override a soft-term weight; names:", "--weight NAME=VALUE");
#define IGS_W_NAME(f_, n, d, m, h) fprintf(f, " %s", n);
	IGS_WEIGHTS(IGS_W_NAME)
#undef IGS_W_NAME
	fprintf(f, "\n");
}

static void usage_solve(FILE *f) {
	fprintf(f, "usage: igfsched solve [PROBLEM] [-o OUT] [--format json|csv|text|ics|html|frab|frab-json|cosplib]\n"
		   "                      [OPTIONS]\n"
		   "\n"
		   "Builds a schedule and prints a short summary. With -o, writes one file (format from\n"
		   "--format, else from OUT's extension: .json, .csv, .txt, .ics, .html, .xml (frab);\n"
		   "'-' is standard output).\n"
		   "Without -o, writes NAME.schedule.json, .csv and .txt into --out-dir (default\n"
		   "igfsched-out). Without PROBLEM, solves the bundled example examples/igf-like.json.\n"
		   "Every session appears in the output, placed or listed as unscheduled with its reason.\n"
		   "\noptions:\n"
		   "  -o, --output OUT     output file\n"
		   "  --format FMT         json, csv, text, ics (iCalendar), html (one self-contained page),\n"
		   "                       frab (schedule.xml for conference apps), frab-json, or cosplib\n"
		   "                       (a CoSPLib solution; the problem's slots must be named, as\n"
		   "                       import-cosplib writes them)\n"
		   "  --out-dir DIR        directory for the default outputs\n"
		   "  --reference FILE     a published schedule: re-solve moving as few sessions as possible\n"
		   "                       (terms change_day, change_time, change_room per person affected)\n"
		   "                       and print the changes (session, from, to, people to notify)\n");
	print_options(f);
}

static void usage_check(FILE *f) {
	fprintf(f, "usage: igfsched check PROBLEM\n"
		   "\n"
		   "Validates a problem file: types, ranges, references, duplicate ids, sessions that fit\n"
		   "no room or start time, demand beyond room-time. Reports every problem at once.\n");
}

static void usage_evaluate(FILE *f) {
	fprintf(f, "usage: igfsched evaluate PROBLEM SCHEDULE [--json] [-o OUT [--format FMT]] [--weight NAME=VALUE]\n"
		   "\n"
		   "Scores any schedule (a solver's, a hand-made draft, a past programme): every hard\n"
		   "violation with the sessions, rooms, people and times involved, then each soft term.\n"
		   "  --json               machine-readable report\n"
		   "  -o, --output OUT     write the report to OUT instead of standard output; OUT.html:\n"
		   "                       the schedule and its report as one page (as solve --format html)\n"
		   "  --format FMT         with -o: write the schedule itself in FMT (json, csv, text, ics,\n"
		   "                       html, frab, frab-json, cosplib) and print the report as usual\n");
}

static int load_problem(igs_problem **p, const char *path, const igs_options *o) {
	igs_diag *d = igs_diag_new();
	if (!d)
		return EXIT_SYSTEM;
	int rc = igs_problem_load(p, path, d);
	if (rc != IGS_OK) {
		igs_diag_print(d, stderr);
		fprintf(stderr, "igfsched: %d problem%s in %s\n", igs_diag_count(d), igs_diag_count(d) == 1 ? "" : "s",
			path);
	}
	igs_diag_free(d);
	if (rc == IGS_ENOMEM)
		return EXIT_SYSTEM;
	if (rc != IGS_OK)
		return EXIT_INPUT;
	igs_problem_apply_options(*p, o);
	return EXIT_OK;
}

/* Parses one option shared by solve and evaluate; returns 1 if consumed (advancing *i), 0 if
 * not an option of the table, -1 on a bad value. */
static int parse_common(int argc, char **argv, int *i, igs_options *o) {
	const char *a = argv[*i];
	if (strcmp(a, "--quiet") == 0 || strcmp(a, "-q") == 0) {
		o->verbose = 0;
		return 1;
	}
	if (strcmp(a, "--solver") == 0) {
		const char *v = *i + 1 < argc ? argv[++*i] : "";
		if (strcmp(v, "auto") == 0)
			o->solver = IGS_SOLVER_AUTO;
		else if (strcmp(v, "heuristic") == 0)
			o->solver = IGS_SOLVER_HEURISTIC;
		else if (strcmp(v, "exact") == 0)
			o->solver = IGS_SOLVER_EXACT;
		else {
			fprintf(stderr, "igfsched: --solver '%s': use auto, heuristic or exact\n", v);
			return -1;
		}
		return 1;
	}
	if (strcmp(a, "--weight") == 0) {
		if (*i + 1 >= argc) {
			fprintf(stderr, "igfsched: --weight needs NAME=VALUE\n");
			return -1;
		}
		const char *arg = argv[++*i];
		const char *eq = strchr(arg, '=');
		char *end = NULL;
		double v = eq ? strtod(eq + 1, &end) : NAN;
		if (!eq || end == eq + 1 || *end || !(v >= 0)) {
			fprintf(stderr, "igfsched: --weight '%s': write NAME=VALUE with a VALUE of 0 or more\n", arg);
			return -1;
		}
		size_t len = (size_t)(eq - arg);
#define IGS_W_MATCH(f, n, d, m, h)                                                                  \
	if (strlen(n) == len && strncmp(arg, n, len) == 0) {                                       \
		o->weights.f = v;                                                                  \
		return 1;                                                                          \
	}
		IGS_WEIGHTS(IGS_W_MATCH)
#undef IGS_W_MATCH
		fprintf(stderr, "igfsched: --weight: '%.*s' is not a weight; see 'igfsched solve --help'\n", (int)len, arg);
		return -1;
	}
#define IGS_O_PARSE(t, n, d, lo, hi, h)                                                             \
	{                                                                                          \
		char flag[64];                                                                     \
		snprintf(flag, sizeof flag, "--%s", #n);                                           \
		for (char *c = flag + 2; *c; c++)                                                  \
			if (*c == '_')                                                             \
				*c = '-';                                                          \
		if (strcmp(a, flag) == 0) {                                                        \
			if (*i + 1 >= argc) {                                                      \
				fprintf(stderr, "igfsched: %s needs a value\n", flag);             \
				return -1;                                                         \
			}                                                                          \
			char *end = NULL;                                                          \
			errno = 0;                                                                 \
			double v = strtod(argv[++*i], &end);                                       \
			if (errno || end == argv[*i] || *end || v < (lo) || v > (hi) ||            \
			    (v != (double)(t)v)) {                                                 \
				fprintf(stderr, "igfsched: %s '%s': give a %s from %.15g to %.15g\n", flag, \
					argv[*i], (double)(t)0.5 == 0.5 ? "number" : "whole number", \
					(double)(lo), (double)(hi));                               \
				return -1;                                                         \
			}                                                                          \
			o->n = (t)v;                                                               \
			return 1;                                                                  \
		}                                                                                  \
	}
	IGS_OPTIONS(IGS_O_PARSE)
#undef IGS_O_PARSE
	return 0;
}

/* The tail of every command's argument loop: a, which no option took, is either an unknown
 * option or the next of the n positional arguments slots[] (what: how the usage names them).
 * Returns EXIT_OK, or EXIT_INPUT with the message printed. */
static int take_positional(const char *cmd, const char *a, const char **slots, int n, const char *what) {
	if (a[0] == '-' && a[1]) {
		fprintf(stderr, "igfsched: %s: unknown option '%s' (or its value is missing); see 'igfsched %s --help'\n",
			cmd, a, cmd);
		return EXIT_INPUT;
	}
	for (int i = 0; i < n; i++)
		if (!slots[i]) {
			slots[i] = a;
			return EXIT_OK;
		}
	fprintf(stderr, "igfsched: %s takes %s; '%s' is extra\n", cmd, what, a);
	return EXIT_INPUT;
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

static int write_one(const igs_schedule *s, const igs_report *r, igs_format f, const char *path) {
	igs_diag *d = igs_diag_new();
	if (!d)
		return EXIT_SYSTEM;
	int rc = igs_schedule_write(s, r, f, path, d);
	if (rc != IGS_OK)
		igs_diag_print(d, stderr);
	igs_diag_free(d);
	/* A format the problem cannot give (cosplib without named slots) is the input's fault. */
	return rc == IGS_OK ? EXIT_OK : rc == IGS_EINPUT ? EXIT_INPUT : EXIT_SYSTEM;
}

static int cmd_solve(int argc, char **argv) {
	igs_options o;
	igs_options_init(&o);
	const char *problem_path = NULL, *out = NULL, *fmt = NULL, *out_dir = "igfsched-out", *reference = NULL;
	for (int i = 2; i < argc; i++) {
		const char *a = argv[i];
		if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
			usage_solve(stdout);
			return EXIT_OK;
		}
		int c = parse_common(argc, argv, &i, &o);
		if (c < 0)
			return EXIT_INPUT;
		if (c)
			continue;
		if ((strcmp(a, "-o") == 0 || strcmp(a, "--output") == 0 || strcmp(a, "--format") == 0 ||
		     strcmp(a, "--out-dir") == 0 || strcmp(a, "--reference") == 0)) {
			if (i + 1 >= argc) {
				fprintf(stderr, "igfsched: %s needs a value\n", a);
				return EXIT_INPUT;
			}
			if (strcmp(a, "--format") == 0)
				fmt = argv[++i];
			else if (strcmp(a, "--out-dir") == 0)
				out_dir = argv[++i];
			else if (strcmp(a, "--reference") == 0)
				reference = argv[++i];
			else
				out = argv[++i];
		} else if (take_positional("solve", a, &problem_path, 1, "one problem file") != EXIT_OK) {
			return EXIT_INPUT;
		}
	}
	igs_format f = IGS_FMT_JSON;
	if (fmt && format_of(fmt, &f) != 0) {
		fprintf(stderr, "igfsched: --format '%s': use json, csv, text, ics, html, frab, frab-json or cosplib\n", fmt);
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

	igs_problem *p = NULL;
	igs_schedule *s = NULL;
	igs_report *r = NULL;
	igs_diag *d = NULL;
	int rc = load_problem(&p, problem_path, &o);
	if (rc != EXIT_OK)
		goto cleanup;
	if (o.verbose >= 1)
		igs_problem_describe(p, stderr);
	if (!(d = igs_diag_new())) {
		rc = EXIT_SYSTEM;
		goto cleanup;
	}
	if (reference) {
		int rrc = igs_problem_set_reference(p, reference, d);
		if (rrc != IGS_OK) {
			igs_diag_print(d, stderr);
			rc = rrc == IGS_ENOMEM ? EXIT_SYSTEM : EXIT_INPUT;
			goto cleanup;
		}
	}
	struct sigaction old[2];
	catch_interrupts(&o, old);
	int src = igs_solve(&s, p, &o, d);
	release_interrupts(old);
	if (interrupted && o.verbose >= 1)
		fprintf(stderr, "igfsched: interrupted; writing the best schedule found so far\n");
	if (src == IGS_ENOMEM || !s) {
		igs_diag_print(d, stderr);
		rc = EXIT_SYSTEM;
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
		char name[256], path[1024];
		if (mkdir(out_dir, 0777) != 0 && errno != EEXIST) {
			fprintf(stderr, "igfsched: cannot create the output directory '%s': %s\n", out_dir, strerror(errno));
			rc = EXIT_SYSTEM;
			goto cleanup;
		}
		base_name(problem_path, name, sizeof name);
		static const struct {
			igs_format f;
			const char *ext;
		} outs[] = {{IGS_FMT_JSON, "json"}, {IGS_FMT_CSV, "csv"}, {IGS_FMT_TEXT, "txt"}};
		for (size_t k = 0; k < sizeof outs / sizeof outs[0] && rc == EXIT_OK; k++) {
			snprintf(path, sizeof path, "%s/%s.schedule.%s", out_dir, name, outs[k].ext);
			rc = write_one(s, r, outs[k].f, path);
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
		fprintf(sum, "%s: %d hard violation%s, score %.3f (lower is better)\n", problem_path,
			igs_report_hard_count(r), igs_report_hard_count(r) == 1 ? "" : "s", igs_report_score(r));
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

static int cmd_check(int argc, char **argv) {
	igs_options o;
	igs_options_init(&o);
	const char *path = NULL;
	for (int i = 2; i < argc; i++) {
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
			usage_check(stdout);
			return EXIT_OK;
		}
		if (take_positional("check", argv[i], &path, 1, "one problem file") != EXIT_OK)
			return EXIT_INPUT;
	}
	if (!path) {
		usage_check(stderr);
		return EXIT_INPUT;
	}
	igs_problem *p = NULL;
	int rc = load_problem(&p, path, &o);
	if (rc == EXIT_OK) {
		igs_problem_describe(p, stdout);
		printf("%s: ok\n", path);
	}
	igs_problem_free(p);
	return rc;
}

static int cmd_evaluate(int argc, char **argv) {
	igs_options o;
	igs_options_init(&o);
	const char *paths[2] = {NULL, NULL}, *out = NULL, *fmt = NULL;
	bool json = false;
	for (int i = 2; i < argc; i++) {
		const char *a = argv[i];
		if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
			usage_evaluate(stdout);
			return EXIT_OK;
		}
		int c = parse_common(argc, argv, &i, &o);
		if (c < 0)
			return EXIT_INPUT;
		if (c)
			continue;
		if (strcmp(a, "--json") == 0) {
			json = true;
		} else if (strcmp(a, "-o") == 0 || strcmp(a, "--output") == 0 || strcmp(a, "--format") == 0) {
			if (i + 1 >= argc) {
				fprintf(stderr, "igfsched: %s needs a value\n", a);
				return EXIT_INPUT;
			}
			*(strcmp(a, "--format") == 0 ? &fmt : &out) = argv[++i];
		} else if (take_positional("evaluate", a, paths, 2, "PROBLEM SCHEDULE") != EXIT_OK) {
			return EXIT_INPUT;
		}
	}
	if (!paths[1]) {
		usage_evaluate(stderr);
		return EXIT_INPUT;
	}
	igs_format sched_fmt = IGS_FMT_JSON;
	if (fmt && (!out || format_of(fmt, &sched_fmt) != 0)) {
		if (!out)
			fprintf(stderr, "igfsched: evaluate --format writes the schedule to -o OUT; add -o\n");
		else
			fprintf(stderr, "igfsched: --format '%s': use json, csv, text, ics, html, frab, frab-json or cosplib\n",
				fmt);
		return EXIT_INPUT;
	}
	igs_problem *p = NULL;
	igs_schedule *s = NULL;
	igs_report *r = NULL;
	igs_diag *d = NULL;
	int rc = load_problem(&p, paths[0], &o);
	if (rc != EXIT_OK)
		goto cleanup;
	if (!(d = igs_diag_new())) {
		rc = EXIT_SYSTEM;
		goto cleanup;
	}
	int lrc = igs_schedule_load(&s, p, paths[1], d);
	if (lrc != IGS_OK) {
		igs_diag_print(d, stderr);
		rc = lrc == IGS_ENOMEM ? EXIT_SYSTEM : EXIT_INPUT;
		goto cleanup;
	}
	if (igs_evaluate(&r, p, s) != IGS_OK) {
		fprintf(stderr, "igfsched: out of memory while evaluating\n");
		rc = EXIT_SYSTEM;
		goto cleanup;
	}
	igs_format page;
	const char *dot = out ? strrchr(out, '.') : NULL;
	if (fmt) {
		rc = write_one(s, r, sched_fmt, out);
		if (rc == EXIT_OK) {
			if (json)
				rc = igs_report_write_json(r, p, stdout) == IGS_OK ? EXIT_OK : EXIT_SYSTEM;
			else
				igs_report_print(r, p, stdout);
		}
	} else if (dot && format_of(dot + 1, &page) == 0 && page == IGS_FMT_HTML) {
		/* A hand-made draft gets the same page as a solver's schedule. */
		rc = write_one(s, r, IGS_FMT_HTML, out);
	} else if (out) {
		rc = igs_report_write(r, p, json ? IGS_FMT_JSON : IGS_FMT_TEXT, out, d) == IGS_OK ? EXIT_OK : EXIT_SYSTEM;
		if (rc != EXIT_OK)
			igs_diag_print(d, stderr);
	} else if (json) {
		rc = igs_report_write_json(r, p, stdout) == IGS_OK ? EXIT_OK : EXIT_SYSTEM;
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

static void usage_duplicates(FILE *f) {
	fprintf(f, "usage: igfsched duplicates PROBLEM [--top N] [--threshold X] [--json]\n"
		   "       igfsched duplicates PROBLEM --merge MERGES.json -o OUT.json\n"
		   "\n"
		   "Ranks pairs of near-duplicate session proposals, best first, and the clusters they form\n"
		   "(connected components of the pairs). Similarity = 0.6 TF-IDF cosine of title and\n"
		   "description + 0.2 Jaccard of themes + 0.2 Jaccard of tags, a part neither session has\n"
		   "being left out; see docs/SCENARIOS.md.\n"
		   "  --threshold X        list pairs with similarity at least X (default %g; above 0, at most 1)\n"
		   "  --top N              print the N best pairs and clusters (default 20; 0 = all)\n"
		   "  --json               machine-readable output\n"
		   "  --merge MERGES.json  a JSON list of lists of session ids, e.g. [[\"ws-1\", \"ws-7\"]]: write\n"
		   "                       a new problem file in which each list becomes one session\n"
		   "  -o, --output OUT     the new problem file of --merge (checked before it is written;\n"
		   "                       the input is never modified)\n",
		IGS_DUP_THRESHOLD);
}

static int cmd_duplicates(int argc, char **argv) {
	igs_options o;
	igs_options_init(&o);
	const char *path = NULL, *merges = NULL, *out = NULL;
	double threshold = IGS_DUP_THRESHOLD;
	long top = 20;
	bool json = false;
	for (int i = 2; i < argc; i++) {
		const char *a = argv[i];
		if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
			usage_duplicates(stdout);
			return EXIT_OK;
		}
		if (strcmp(a, "--json") == 0) {
			json = true;
		} else if (strcmp(a, "--top") == 0 || strcmp(a, "--threshold") == 0 || strcmp(a, "--merge") == 0 ||
			   strcmp(a, "-o") == 0 || strcmp(a, "--output") == 0) {
			if (i + 1 >= argc) {
				fprintf(stderr, "igfsched: %s needs a value\n", a);
				return EXIT_INPUT;
			}
			const char *v = argv[++i];
			char *end = NULL;
			errno = 0;
			if (strcmp(a, "--top") == 0) {
				top = strtol(v, &end, 10);
				if (errno || end == v || *end || top < 0 || top > 1000000000L) {
					fprintf(stderr, "igfsched: --top '%s': give a whole number from 0 (all) to 1000000000\n", v);
					return EXIT_INPUT;
				}
			} else if (strcmp(a, "--threshold") == 0) {
				threshold = strtod(v, &end);
				if (errno || end == v || *end || !(threshold > 0 && threshold <= 1)) {
					fprintf(stderr, "igfsched: --threshold '%s': give a number above 0 and at most 1\n", v);
					return EXIT_INPUT;
				}
			} else if (strcmp(a, "--merge") == 0) {
				merges = v;
			} else {
				out = v;
			}
		} else if (take_positional("duplicates", a, &path, 1, "one problem file") != EXIT_OK) {
			return EXIT_INPUT;
		}
	}
	if (!path) {
		usage_duplicates(stderr);
		return EXIT_INPUT;
	}
	if ((merges != NULL) != (out != NULL)) {
		fprintf(stderr, "igfsched: duplicates: %s\n",
			merges ? "--merge needs -o OUT.json, the new problem file to write"
			       : "-o writes a merged problem; give --merge MERGES.json too");
		return EXIT_INPUT;
	}
	igs_problem *p = NULL;
	igs_dups *x = NULL;
	igs_diag *d = NULL;
	int rc = load_problem(&p, path, &o);
	if (rc != EXIT_OK)
		goto cleanup;
	if (!(d = igs_diag_new())) {
		rc = EXIT_SYSTEM;
		goto cleanup;
	}
	if (merges) {
		int n = 0, mrc = igs_duplicates_merge(p, merges, out, &n, d);
		igs_diag_print(d, stderr);
		if (mrc == IGS_OK)
			printf("%s: wrote %s, %d sessions after the merges of %s\n", path, out, n, merges);
		rc = mrc == IGS_OK ? EXIT_OK : (mrc == IGS_ENOMEM || mrc == IGS_EIO) ? EXIT_SYSTEM : EXIT_INPUT;
		goto cleanup;
	}
	int frc = igs_duplicates_find(&x, p, threshold, d);
	if (frc != IGS_OK) {
		igs_diag_print(d, stderr);
		rc = frc == IGS_ENOMEM ? EXIT_SYSTEM : EXIT_INPUT;
		goto cleanup;
	}
	rc = (json ? igs_dups_write_json(x, (int)top, stdout) : igs_dups_print(x, (int)top, stdout)) == IGS_OK
		     ? EXIT_OK
		     : EXIT_SYSTEM;
cleanup:
	igs_dups_free(x);
	igs_diag_free(d);
	igs_problem_free(p);
	return rc;
}

static void usage_compare(FILE *f) {
	fprintf(f, "usage: igfsched compare A.json B.json ... [--json] [OPTIONS]\n"
		   "\n"
		   "Solves every scenario with the same options and prints one column per scenario:\n"
		   "sessions scheduled and left out, room-hours, near-duplicate pairs running in parallel\n"
		   "(similarity >= %g, as 'igfsched duplicates'), clash pairs, worst and mean theme share,\n"
		   "hard violations, score, solve time and gap. Exit 0 when every scenario is solved\n"
		   "without hard violations, 1 otherwise. See docs/SCENARIOS.md.\n"
		   "\noptions:\n"
		   "  --json               machine-readable output\n",
		IGS_DUP_THRESHOLD);
	print_options(f);
}

static int cmd_compare(int argc, char **argv) {
	igs_options o;
	igs_options_init(&o);
	int n = 0, rc = EXIT_OK;
	bool json = false, all_ok = true;
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
	for (int i = 2; i < argc; i++) {
		const char *a = argv[i];
		if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
			usage_compare(stdout);
			goto cleanup;
		}
		int c = parse_common(argc, argv, &i, &o);
		if (c < 0) {
			rc = EXIT_INPUT;
			goto cleanup;
		}
		if (c)
			continue;
		if (strcmp(a, "--json") == 0) {
			json = true;
		} else if (a[0] == '-' && a[1]) {
			fprintf(stderr, "igfsched: compare: unknown option '%s'; see 'igfsched compare --help'\n", a);
			rc = EXIT_INPUT;
			goto cleanup;
		} else {
			paths[n++] = a;
		}
	}
	if (n == 0) {
		usage_compare(stderr);
		rc = EXIT_INPUT;
		goto cleanup;
	}
	/* Every file is checked before any is solved, so a typo costs no solver time. */
	for (int i = 0; i < n; i++)
		if (load_problem(&ps[i], paths[i], &o) != EXIT_OK)
			rc = EXIT_INPUT;
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
		if (src == IGS_ENOMEM || !s || igs_scenario_measure(&v[i], ps[i], s) != IGS_OK) {
			igs_diag_print(d, stderr);
			rc = EXIT_SYSTEM;
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
	if (json) {
		rc = igs_scenarios_write_json(v, name_of, paths, n, stdout) == IGS_OK ? EXIT_OK : EXIT_SYSTEM;
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

static void usage_cosplib_eval(FILE *f) {
	fprintf(f, "usage: igfsched cosplib-eval INSTANCE.json SOLUTION.json [--json]\n"
		   "\n"
		   "Computes the exact objective of a CoSPLib conference-scheduling benchmark solution\n"
		   "(formats and objective: tests/data/cosplib/FORMAT.md and OBJECTIVE.md; docs/COSPLIB.md):\n"
		   "the total, the feasible and valid flags, the structural penalty and the 16 weighted\n"
		   "components (weight, count, cost).\n"
		   "  --json               machine-readable report (the key names of evaluate.py)\n"
		   "\n"
		   "exit codes: 0 feasible and valid; 1 not feasible or not valid; 2 bad input or usage;\n"
		   "            3 system error\n");
}

static void usage_group(FILE *f) {
	fprintf(f, "usage: igfsched group PROBLEM -k K [--min-size N] [--max-size N] [--wishes WISHES.json]\n"
		   "                      [--kind dc] [--duration MIN] [--seed S] [--replace] [-o NEW.json] [--json]\n"
		   "\n"
		   "Groups the problem's coalitions (groups of --kind, default dc) into K joint sessions:\n"
		   "each in exactly one (or left out by a wish), sizes from --min-size (default 2) to\n"
		   "--max-size (default 4), as similar in topics as possible (TF-IDF cosine of their\n"
		   "topics and their sessions' titles and tags), honouring the wishes file:\n"
		   "{\"with\": [[A, B]], \"not_with\": [[A, B]], \"bilateral_only\": [A], \"leave_out\": [A]}.\n"
		   "Prints the groups with their shared topics and a suggested title. With -o, writes the\n"
		   "problem with one dc_joint session per group (--duration, default 90 minutes); with\n"
		   "--replace, the grouped coalitions' own dc_session sessions are removed.\n");
}

static int cmd_group(int argc, char **argv) {
	igs_options o;
	igs_options_init(&o);
	igs_group_options g = {.k = 0, .min_size = 2, .max_size = 4, .kind = "dc", .wishes = NULL, .seed = 1};
	const char *path = NULL, *out = NULL;
	long duration = 90;
	bool json = false, replace = false;
	for (int i = 2; i < argc; i++) {
		const char *a = argv[i];
		if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
			usage_group(stdout);
			return EXIT_OK;
		}
		if (strcmp(a, "--json") == 0) {
			json = true;
		} else if (strcmp(a, "--replace") == 0) {
			replace = true;
		} else if (strcmp(a, "-k") == 0 || strcmp(a, "--min-size") == 0 || strcmp(a, "--max-size") == 0 ||
			   strcmp(a, "--duration") == 0 || strcmp(a, "--seed") == 0 || strcmp(a, "--wishes") == 0 ||
			   strcmp(a, "--kind") == 0 || strcmp(a, "-o") == 0 || strcmp(a, "--output") == 0) {
			if (i + 1 >= argc) {
				fprintf(stderr, "igfsched: %s needs a value\n", a);
				return EXIT_INPUT;
			}
			const char *v = argv[++i];
			if (strcmp(a, "--wishes") == 0) {
				g.wishes = v;
			} else if (strcmp(a, "--kind") == 0) {
				g.kind = v;
			} else if (strcmp(a, "-o") == 0 || strcmp(a, "--output") == 0) {
				out = v;
			} else {
				char *end;
				errno = 0;
				long x = strtol(v, &end, 10);
				long hi = strcmp(a, "--seed") == 0 ? 2147483647L : strcmp(a, "--duration") == 0 ? 1440 : 10000;
				if (errno || end == v || *end || x < (strcmp(a, "--seed") == 0 ? 0 : 1) || x > hi) {
					fprintf(stderr, "igfsched: %s '%s': give a whole number from %d to %ld\n", a, v,
						strcmp(a, "--seed") == 0 ? 0 : 1, hi);
					return EXIT_INPUT;
				}
				if (strcmp(a, "-k") == 0)
					g.k = (int)x;
				else if (strcmp(a, "--min-size") == 0)
					g.min_size = (int)x;
				else if (strcmp(a, "--max-size") == 0)
					g.max_size = (int)x;
				else if (strcmp(a, "--duration") == 0)
					duration = x;
				else
					g.seed = x;
			}
		} else if (take_positional("group", a, &path, 1, "one problem file") != EXIT_OK) {
			return EXIT_INPUT;
		}
	}
	if (!path || g.k < 1) {
		fprintf(stderr, "igfsched: group needs %s\n", !path ? "a problem file" : "-k K, the number of joint sessions");
		usage_group(stderr);
		return EXIT_INPUT;
	}
	if (g.min_size > g.max_size) {
		fprintf(stderr, "igfsched: group: --min-size %d is above --max-size %d\n", g.min_size, g.max_size);
		return EXIT_INPUT;
	}
	igs_problem *p = NULL;
	igs_grouping *R = NULL;
	igs_diag *d = NULL;
	int rc = load_problem(&p, path, &o);
	if (rc != EXIT_OK)
		goto cleanup;
	if (!(d = igs_diag_new())) {
		rc = EXIT_SYSTEM;
		goto cleanup;
	}
	int grc = igs_group_find(&R, p, &g, d);
	igs_diag_print(d, stderr);
	if (grc != IGS_OK) {
		rc = grc == IGS_ENOMEM ? EXIT_SYSTEM : grc == IGS_EINFEASIBLE ? EXIT_VIOLATIONS : EXIT_INPUT;
		goto cleanup;
	}
	if (out) {
		igs_diag *wd = igs_diag_new();
		int wrc = wd ? igs_grouping_write_problem(R, out, (int)duration, replace, wd) : IGS_ENOMEM;
		if (wd)
			igs_diag_print(wd, stderr);
		igs_diag_free(wd);
		if (wrc != IGS_OK) {
			rc = wrc == IGS_EINPUT ? EXIT_VIOLATIONS : EXIT_SYSTEM;
			goto cleanup;
		}
	}
	if ((json ? igs_grouping_write_json(R, stdout) : igs_grouping_print(R, stdout)) != IGS_OK)
		rc = EXIT_SYSTEM;
	if (out && rc == EXIT_OK)
		fprintf(stderr, "wrote %s\n", out);
cleanup:
	igs_grouping_free(R);
	igs_diag_free(d);
	igs_problem_free(p);
	return rc;
}

static void usage_import_csv(FILE *f) {
	fprintf(f, "usage: igfsched import-csv SESSIONS.csv --venue VENUE.json -o PROBLEM.json\n"
		   "\n"
		   "Turns proposals exported from a spreadsheet (CSV, one row per session) and a venue\n"
		   "file (a problem file with the meeting, days, rooms and themes) into a problem file.\n"
		   "Columns, named in the header row in any order: id, title, duration (required);\n"
		   "type, themes, tags, organisers, speakers, groups, attendance, requirements,\n"
		   "priority, optional, stakeholder, region, description, days. Lists take ';'.\n"
		   "Every bad row is reported with its line and column; nothing is written then.\n"
		   "Details: docs/FORMAT.md, \"Spreadsheet input\".\n");
}

static int cmd_import_csv(int argc, char **argv) {
	const char *csv = NULL, *venue = NULL, *out = NULL;
	for (int i = 2; i < argc; i++) {
		const char *a = argv[i];
		if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
			usage_import_csv(stdout);
			return EXIT_OK;
		}
		if (strcmp(a, "--venue") == 0 || strcmp(a, "-o") == 0 || strcmp(a, "--output") == 0) {
			if (i + 1 >= argc) {
				fprintf(stderr, "igfsched: %s needs a value\n", a);
				return EXIT_INPUT;
			}
			if (strcmp(a, "--venue") == 0)
				venue = argv[++i];
			else
				out = argv[++i];
		} else if (take_positional("import-csv", a, &csv, 1, "one CSV file") != EXIT_OK) {
			return EXIT_INPUT;
		}
	}
	if (!csv || !venue || !out) {
		fprintf(stderr, "igfsched: import-csv needs %s\n",
			!csv ? "the CSV file" : !venue ? "--venue VENUE.json" : "-o PROBLEM.json, the file to write");
		usage_import_csv(stderr);
		return EXIT_INPUT;
	}
	igs_diag *d = igs_diag_new();
	if (!d)
		return EXIT_SYSTEM;
	int n = 0, rc = igs_import_csv(csv, venue, out, &n, d);
	igs_diag_print(d, stderr);
	igs_diag_free(d);
	if (rc == IGS_OK) {
		fprintf(stderr, "wrote %s: %d sessions\n", out, n);
		return EXIT_OK;
	}
	return rc == IGS_ENOMEM || rc == IGS_EIO ? EXIT_SYSTEM : EXIT_INPUT;
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

static int cmd_import_cosplib(int argc, char **argv) {
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

static int cmd_cosplib_eval(int argc, char **argv) {
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
		   "(tests/data/cosplib/OBJECTIVE.md) and writes a cosplib-solution/1 file (default: standard\n"
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

static int write_cosplib_stats(const char *path, const igs_cosplib_search_stats *st, const igs_cosplib_report *r,
			       const igs_cosplib *inst, long seed, const igs_cosplib_bound *b) {
	igs_diag *d = igs_diag_new();
	json_t *trace = json_array();
	json_t *root = json_pack("{s:s, s:I, s:I, s:f, s:f, s:b, s:i, s:i, s:o}", "instance", inst->name, "seed",
				 (json_int_t)seed, "moves", (json_int_t)st->moves, "elapsed_s", st->elapsed_s, "best_s",
				 st->best_s, "interrupted", st->interrupted, "restarts", st->restarts, "missing", st->missing,
				 "evaluation",
				 igs_cosplib_report_json(r, inst));
	bool ok = d && trace && root;
	for (int i = 0; ok && i < st->n_trace; i++)
		ok = json_array_append_new(trace, json_pack("{s:f, s:I, s:I}", "s", st->trace[i].s, "moves",
							    (json_int_t)st->trace[i].moves, "objective",
							    (json_int_t)st->trace[i].total)) == 0;
	ok = ok && json_object_set(root, "trace", trace) == 0;
	/* The bound and the gap: null when none was proven (or none was asked for). */
	bool proven = b && b->proven;
	double gap = proven ? (double)(r->total - b->bound) / (double)(r->total > 0 ? r->total : 1) : 0.0;
	ok = ok && json_object_set_new(root, "bound", proven ? json_integer(b->bound) : json_null()) == 0 &&
	     json_object_set_new(root, "gap", proven ? json_real(gap) : json_null()) == 0 &&
	     json_object_set_new(root, "bound_s", b ? json_real(b->elapsed) : json_null()) == 0;
	int rc = ok ? IGS_OK : IGS_ENOMEM;
	igs_atomic a = {0};
	if (rc == IGS_OK && (rc = igs_atomic_open(&a, path, d)) == IGS_OK) {
		if (json_dumpf(root, a.f, JSON_INDENT(1)) != 0 || fputc('\n', a.f) == EOF) {
			igs_diag_add(d, path, "", "cannot write: %s", strerror(errno));
			rc = IGS_EIO;
		} else {
			rc = igs_atomic_commit(&a, d);
		}
	}
	if (rc == IGS_ENOMEM)
		fprintf(stderr, "igfsched: out of memory while writing %s\n", path);
	else if (rc != IGS_OK)
		igs_diag_print(d, stderr);
	igs_atomic_abort(&a);
	json_decref(trace);
	json_decref(root);
	igs_diag_free(d);
	return rc;
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

static int cmd_cosplib_solve(int argc, char **argv) {
	igs_options o;
	igs_options_init(&o);
	const char *inst_path = NULL, *out = "-", *stats = NULL;
	double bound_limit = 5;
	for (int i = 2; i < argc; i++) {
		const char *a = argv[i];
		if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
			usage_cosplib_solve(stdout);
			return EXIT_OK;
		}
		if (strcmp(a, "--bound-time") == 0) {
			char *end = NULL;
			bound_limit = i + 1 < argc ? strtod(argv[i + 1], &end) : -1;
			if (i + 1 >= argc || !end || *end || end == argv[i + 1] || !(bound_limit >= 0 && bound_limit <= 1e6)) {
				fprintf(stderr, "igfsched: --bound-time needs a number of seconds from 0 to 1000000\n");
				return EXIT_INPUT;
			}
			i++;
			continue;
		}
		int c = parse_common(argc, argv, &i, &o);
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
	catch_interrupts(&o, old);
	/* The bound comes first and its time counts against the limit; it takes at most a quarter
	 * of it, so the search keeps the most. A bound that fails leaves the run without one. */
	double bound_time = bound_limit < o.time_limit / 4 ? bound_limit : o.time_limit / 4;
	if (bound_time > 0) {
		lrc = igs_cosplib_lower_bound_start(&bound, &start, inst, bound_time, o.interrupt, o.verbose);
		have_bound = lrc == IGS_OK;
		o.time_limit -= have_bound ? bound.elapsed : 0;
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
		rc = EXIT_SYSTEM;
		goto cleanup;
	}
	if (igs_cosplib_evaluate(&r, inst, sol) != IGS_OK) {
		fprintf(stderr, "igfsched: out of memory while evaluating\n");
		rc = EXIT_SYSTEM;
		goto cleanup;
	}
	if (interrupted && o.verbose >= 1)
		fprintf(stderr, "igfsched: interrupted; writing the best solution found so far\n");
	char note[160];
	snprintf(note, sizeof note, "cosplib-solve, seed %ld, %lld moves, %.1f s", o.seed, st.moves, st.elapsed_s);
	if (igs_cosplib_solution_write(inst, sol, note, out, d) != IGS_OK) {
		igs_diag_print(d, stderr);
		rc = EXIT_SYSTEM;
		goto cleanup;
	}
	if (stats && write_cosplib_stats(stats, &st, &r, inst, o.seed, have_bound ? &bound : NULL) != IGS_OK) {
		rc = EXIT_SYSTEM;
		goto cleanup;
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

int main(int argc, char **argv) {
	if (argc < 2) {
		fputs(usage_main, stderr);
		return EXIT_INPUT;
	}
	const char *cmd = argv[1];
	if (strcmp(cmd, "--version") == 0 || strcmp(cmd, "version") == 0) {
		printf("igfsched %s\n", IGS_VERSION);
		return EXIT_OK;
	}
	if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0 || strcmp(cmd, "help") == 0) {
		fputs(usage_main, stdout);
		return EXIT_OK;
	}
	if (strcmp(cmd, "solve") == 0)
		return cmd_solve(argc, argv);
	if (strcmp(cmd, "check") == 0)
		return cmd_check(argc, argv);
	if (strcmp(cmd, "evaluate") == 0)
		return cmd_evaluate(argc, argv);
	if (strcmp(cmd, "duplicates") == 0)
		return cmd_duplicates(argc, argv);
	if (strcmp(cmd, "compare") == 0)
		return cmd_compare(argc, argv);
	if (strcmp(cmd, "group") == 0)
		return cmd_group(argc, argv);
	if (strcmp(cmd, "import-csv") == 0)
		return cmd_import_csv(argc, argv);
	if (strcmp(cmd, "cosplib-eval") == 0)
		return cmd_cosplib_eval(argc, argv);
	if (strcmp(cmd, "cosplib-solve") == 0)
		return cmd_cosplib_solve(argc, argv);
	if (strcmp(cmd, "import-cosplib") == 0)
		return cmd_import_cosplib(argc, argv);
	fprintf(stderr, "igfsched: unknown command '%s'\n\n%s", cmd, usage_main);
	return EXIT_INPUT;
}
