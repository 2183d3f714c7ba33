/* The argument machinery every command shares: flags parsed, range-checked and listed from their
 * tables, the solver options from IGS_OPTIONS, exit codes from statuses, Ctrl-C. */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"

int cli_exit_code(int status, bool reading) {
	switch (status) {
	case IGS_OK: return EXIT_OK;
	case IGS_EINFEASIBLE: return EXIT_VIOLATIONS;
	case IGS_EINPUT:
	case IGS_EUSAGE: return EXIT_INPUT;
	case IGS_EIO: return reading ? EXIT_INPUT : EXIT_SYSTEM;
	/* IGS_ENOMEM, and every status of a failing system: the solver's internal failures. */
	default: return EXIT_SYSTEM;
	}
}

/* Does the argument a name the flag? A table name's underscores are typed as dashes. */
static bool flag_is(const char *name, const char *a) {
	for (; *name; name++, a++)
		if (*a != (*name == '_' ? '-' : *name))
			return false;
	return *a == 0;
}

static const cli_flag *find_flag(const cli_flag *t, int n, const char *a) {
	for (int k = 0; k < n; k++)
		if (flag_is(t[k].name, a) || (t[k].alias && flag_is(t[k].alias, a)))
			return &t[k];
	return NULL;
}

/* Every number on the command line is written in decimal, as in JSON: a sign, digits, a
 * fraction, an exponent (60, -1, 0.5, .5, 1e6). strtod alone would also take hexadecimal,
 * inf, nan and leading spaces, which no user means as a number of moves or seconds. */
static bool parse_number(const char *v, double *x) {
	const char *c = v + (*v == '+' || *v == '-');
	if (!((*c >= '0' && *c <= '9') || (*c == '.' && c[1] >= '0' && c[1] <= '9')))
		return false;
	if (strspn(c, "0123456789.eE+-") != strlen(c))
		return false;
	char *end = NULL;
	errno = 0;
	*x = strtod(v, &end);
	return errno == 0 && end != v && *end == 0;
}

/* Takes the flag f, typed as a at argv[*i], and its value into the struct at base. Returns 1,
 * or -1 with the message printed. */
static int take_flag(const cli_flag *f, const char *a, int argc, char **argv, int *i, void *base) {
	char *field = (char *)base + f->offset;
	if (f->kind == CLI_FLAG) {
		*(bool *)field = true;
		return 1;
	}
	if (*i + 1 >= argc) {
		fprintf(stderr, "igfsched: %s needs a value\n", a);
		return -1;
	}
	const char *v = argv[++*i];
	if (f->kind == CLI_TEXT) {
		*(const char **)field = v;
		return 1;
	}
	bool whole = f->kind != CLI_DOUBLE;
	double x = 0;
	if (!parse_number(v, &x) || !(x >= f->lo && x <= f->hi) || (whole && x != floor(x))) {
		fprintf(stderr, "igfsched: %s '%s': give a %s ", a, v, whole ? "whole number" : "number");
		if (f->range)
			fprintf(stderr, "%s\n", f->range);
		else
			fprintf(stderr, "from %.15g to %.15g\n", f->lo, f->hi);
		return -1;
	}
	if (f->kind == CLI_INT)
		*(int *)field = (int)x;
	else if (f->kind == CLI_LONG)
		*(long *)field = (long)x;
	else
		*(double *)field = x;
	return 1;
}

/* Lines after the first are indented under the first. */
static void print_help_text(FILE *f, const char *h) {
	for (; *h; h++) {
		fputc(*h, f);
		if (*h == '\n')
			fprintf(f, "%23s", "");
	}
}

static void print_flags(FILE *f, const cli_flag *t, int n) {
	for (int k = 0; k < n; k++) {
		char flag[96];
		int len = snprintf(flag, sizeof flag, "%s%s%s%s%s", t[k].alias ? t[k].alias : "", t[k].alias ? ", " : "",
				   t[k].name, t[k].metavar ? " " : "", t[k].metavar ? t[k].metavar : "");
		for (char *c = flag; *c; c++)
			if (*c == '_')
				*c = '-';
		/* A long name pushes its help to the next line rather than out of the column. */
		if (len <= 20)
			fprintf(f, "  %-20s ", flag);
		else
			fprintf(f, "  %s\n%23s", flag, "");
		print_help_text(f, t[k].help);
		bool number = t[k].kind == CLI_INT || t[k].kind == CLI_LONG || t[k].kind == CLI_DOUBLE;
		if (number && t[k].def >= t[k].lo && t[k].def <= t[k].hi) {
			fprintf(f, " (default %.15g, ", t[k].def);
			if (t[k].range)
				fprintf(f, "%s)", t[k].range);
			else
				fprintf(f, "from %.15g to %.15g)", t[k].lo, t[k].hi);
		} else if (t[k].kind == CLI_TEXT && t[k].def_text) {
			fprintf(f, " (default %s)", t[k].def_text);
		}
		fputc('\n', f);
	}
}

/* The solver options as flags: one row per IGS_OPTIONS entry, into igs_options. */
#define CLI_KIND_OF_double CLI_DOUBLE
#define CLI_KIND_OF_long CLI_LONG
#define CLI_KIND_OF_int CLI_INT
static const cli_flag solver_flags[] = {
#define IGS_O_ROW(t, n, d, lo, hi, h) {CLI_KIND_OF_##t, "--" #n, NULL, NULL, d, NULL, lo, hi, NULL, h, offsetof(igs_options, n)},
	IGS_OPTIONS(IGS_O_ROW)
#undef IGS_O_ROW
};
#define N_SOLVER_FLAGS CLI_COUNT(solver_flags)

/* The solver options' lines of a usage. */
static void print_options(FILE *f) {
	print_flags(f, solver_flags, N_SOLVER_FLAGS);
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

/* One solver option (IGS_OPTIONS, --quiet, --solver, --weight) at argv[*i]: 1 when
 * consumed (advancing *i past its value), 0 when a is none of them, -1 with the message printed
 * on a bad or missing value. */
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
		double v = NAN;
		/* The bound is the one igs_options_validate and the problem file's weights use. */
		if (!eq || !parse_number(eq + 1, &v) || !(v >= 0 && v <= IGS_WEIGHT_MAX)) {
			fprintf(stderr, "igfsched: --weight '%s': write NAME=VALUE with a VALUE from 0 to %s\n", arg,
				CLI_XSTR(IGS_WEIGHT_MAX));
			return -1;
		}
		size_t len = (size_t)(eq - arg);
#define IGS_W_MATCH(f, n, d, m, h)                                                                     \
	if (strlen(n) == len && strncmp(arg, n, len) == 0) {                                       \
		o->weights.f = v;                                                                  \
		return 1;                                                                          \
	}
		IGS_WEIGHTS(IGS_W_MATCH)
#undef IGS_W_MATCH
		fprintf(stderr, "igfsched: --weight: '%.*s' is not a weight; see 'igfsched solve --help'\n", (int)len, arg);
		return -1;
	}
	const cli_flag *f = find_flag(solver_flags, N_SOLVER_FLAGS, a);
	return f ? take_flag(f, a, argc, argv, i, o) : 0;
}

/* a, which no option took, is either an unknown option or the next of the n positional
 * arguments slots[] (what: how the usage names them). EXIT_OK, or EXIT_INPUT with the message
 * printed. */
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

void cli_usage(const cli_command *c, FILE *f) {
	const cli_spec *s = c->spec;
	bool any = s->n_flags > 0 || s->solver_options;
	fprintf(f, "usage: igfsched %s %s%s\n\n%s", c->name, c->args, any ? " [OPTIONS]" : "", s->about);
	if (any)
		fprintf(f, "\noptions:\n");
	print_flags(f, s->flags, s->n_flags);
	if (s->solver_options)
		print_options(f);
}

int cli_parse(const cli_command *c, int argc, char **argv, void *args, igs_options *o, const char **pos, int max_pos) {
	const cli_spec *s = c->spec;
	if (s->init)
		s->init(args);
	if (o)
		igs_options_init(o);
	for (int k = 0; k < max_pos; k++)
		pos[k] = NULL;
	bool moves_given = false, limit_given = false;
	for (int i = 2; i < argc; i++) {
		const char *a = argv[i];
		if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
			cli_usage(c, stdout);
			return CLI_HELP;
		}
		int took = s->solver_options ? parse_common(argc, argv, &i, o) : 0;
		moves_given = moves_given || (took > 0 && flag_is("--moves", a));
		limit_given = limit_given || (took > 0 && flag_is("--time-limit", a));
		const cli_flag *f = took ? NULL : find_flag(s->flags, s->n_flags, a);
		if (f)
			took = take_flag(f, a, argc, argv, &i, args);
		if (took < 0)
			return EXIT_INPUT;
		if (!took && take_positional(c->name, a, pos, max_pos, s->positional) != EXIT_OK)
			return EXIT_INPUT;
	}
	if (!s->solver_options)
		return EXIT_OK;
	/* A time limit without a move budget asks for a search that spends that time; a budget
	 * keeps the effort counted in moves, so that the result repeats on any machine. */
	o->effort = limit_given && !moves_given ? IGS_EFFORT_TIME : IGS_EFFORT_MOVES;
	/* The flags were checked one by one as typed; this is the check the library makes on entry,
	 * so nothing the CLI hands it can fail there. */
	igs_diag *d = igs_diag_new();
	int rc = d ? igs_options_validate(o, d) : IGS_ENOMEM;
	igs_diag_print(d, stderr);
	igs_diag_free(d);
	return cli_exit_code(rc, false);
}

int cli_refuse_overwrite(const char *const *outs, int n_outs, const char *const *ins, int n_ins) {
	igs_diag *d = igs_diag_new();
	if (!d)
		return EXIT_SYSTEM;
	int rc = IGS_OK;
	for (int k = 0; k < n_outs && rc == IGS_OK; k++)
		rc = igs_output_check(outs[k], ins, n_ins, d);
	igs_diag_print(d, stderr);
	igs_diag_free(d);
	return cli_exit_code(rc, false);
}

atomic_int interrupted;
_Static_assert(ATOMIC_INT_LOCK_FREE == 2, "a signal handler may only store to a lock-free atomic");

static void on_interrupt(int sig) {
	(void)sig;
	interrupted = 1;
}

void catch_interrupts(igs_options *o, struct sigaction old[2]) {
	o->interrupt = &interrupted;
	o->live_progress = isatty(STDERR_FILENO);
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_interrupt;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, &old[0]);
	sigaction(SIGTERM, &sa, &old[1]);
}

void release_interrupts(const struct sigaction old[2]) {
	sigaction(SIGINT, &old[0], NULL);
	sigaction(SIGTERM, &old[1], NULL);
}
