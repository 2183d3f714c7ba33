/* The command-line programme's one internal header: exit codes, the flag tables every command's
 * arguments are parsed from, the command table, and the helpers the cli/ files share. The
 * library itself is reached through igfsched.h alone; only the files of cli/ include it. */
#ifndef IGS_CLI_CLI_H
#define IGS_CLI_CLI_H

#include <signal.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "igfsched.h"

/* Exit codes, documented in the README and in --help. */
enum { EXIT_OK = 0, EXIT_VIOLATIONS = 1, EXIT_INPUT = 2, EXIT_SYSTEM = 3 };

/* The exit code of a library status: 0 ok; 1 infeasible; 2 bad input or usage; 3 a failing
 * system (IO, memory, the solver). reading: the call only reads files the user named, so a file
 * that cannot be read is a wrong path, bad input (2), rather than a failing system. */
int cli_exit_code(int status, bool reading);

/* ---- flag tables ----
 *
 * A command's flags are one X-macro list, LIST(X, A), each row
 *   X(A, type, field, name, alias, metavar, default, lo, hi, range, help)
 * type: flag (bool, no value), text (const char *), int, long or double (numbers checked
 * against [lo, hi]; int and long must be whole). alias: a second name ("-o" beside "--output")
 * or NULL. range: the range as the error message says it, or NULL for "from LO to HI". help:
 * lines after the first are indented under it. CLI_DEFINE_ARGS(A, LIST) makes from it the struct
 * A of the parsed values, A_init (the defaults) and the table A_flags that parsing, the usage
 * text and the range checks are generated from. A default outside [lo, hi] means "required":
 * the usage does not print it and the command checks it is set. */

typedef enum { CLI_FLAG, CLI_TEXT, CLI_INT, CLI_LONG, CLI_DOUBLE } cli_kind;

typedef struct {
	cli_kind kind;
	const char *name;    /* "--top", "-k"; an underscore is written and matched as a dash */
	const char *alias;   /* or NULL */
	const char *metavar; /* the value's name in the usage, or NULL */
	double def;          /* a number's default, printed in the usage */
	const char *def_text;
	double lo, hi;
	const char *range;
	const char *help;
	size_t offset; /* of the value in the parsed struct */
} cli_flag;

#define CLI_CTYPE_flag bool
#define CLI_CTYPE_text const char *
#define CLI_CTYPE_int int
#define CLI_CTYPE_long long
#define CLI_CTYPE_double double
#define CLI_KIND_flag CLI_FLAG
#define CLI_KIND_text CLI_TEXT
#define CLI_KIND_int CLI_INT
#define CLI_KIND_long CLI_LONG
#define CLI_KIND_double CLI_DOUBLE
/* A default is a number or a text: each column of the table gets the one its type has. */
#define CLI_NUM_flag(d) 0
#define CLI_NUM_text(d) 0
#define CLI_NUM_int(d) (d)
#define CLI_NUM_long(d) (d)
#define CLI_NUM_double(d) (d)
#define CLI_TXT_flag(d) NULL
#define CLI_TXT_text(d) (d)
#define CLI_TXT_int(d) NULL
#define CLI_TXT_long(d) NULL
#define CLI_TXT_double(d) NULL

#define CLI_FIELD(A, t, f, n, al, mv, d, lo, hi, rg, h) CLI_CTYPE_##t f;
#define CLI_INIT(A, t, f, n, al, mv, d, lo, hi, rg, h) a->f = d;
#define CLI_ROW(A, t, f, n, al, mv, d, lo, hi, rg, h)                                              \
	{CLI_KIND_##t, n, al, mv, CLI_NUM_##t(d), CLI_TXT_##t(d), lo, hi, rg, h, offsetof(A, f)},

#define CLI_DEFINE_ARGS(A, LIST)                                                                   \
	typedef struct {                                                                           \
		LIST(CLI_FIELD, A)                                                                 \
	} A;                                                                                       \
	static void A##_init(void *v) {                                                            \
		A *a = v;                                                                          \
		LIST(CLI_INIT, A)                                                                  \
	}                                                                                          \
	static const cli_flag A##_flags[] = {LIST(CLI_ROW, A)}

/* The flags of a cli_spec from what CLI_DEFINE_ARGS(A, LIST) made: .flags, .n_flags and .init. */
#define CLI_ARGS_OF(A) .flags = A##_flags, .n_flags = CLI_COUNT(A##_flags), .init = A##_init
#define CLI_COUNT(table) ((int)(sizeof(table) / sizeof((table)[0])))
#define CLI_STR(x) #x
#define CLI_XSTR(x) CLI_STR(x)

/* ---- the command table ---- */

typedef struct cli_command cli_command;

/* How a command's arguments are parsed, and what it runs on them. */
typedef struct {
	const char *about;      /* the paragraph of 'igfsched CMD --help' */
	const char *positional; /* what the positional arguments are, for "takes ...; 'x' is extra" */
	const cli_flag *flags;  /* the command's own flags, or NULL */
	int n_flags;
	void (*init)(void *args); /* sets the flags' defaults */
	bool solver_options;      /* the solver options (IGS_OPTIONS, --quiet, --solver, --weight) apply */
	/* Parses with cli_parse, runs, and returns an exit code (or CLI_HELP from cli_parse). */
	int (*run)(const cli_command *c, int argc, char **argv);
} cli_spec;

struct cli_command {
	const char *name;
	const char *args;    /* the positional arguments, as the command list shows them */
	const char *summary; /* one line of the command list */
	const cli_spec *spec;
};

/* The result of cli_parse when it printed the usage for --help. */
enum { CLI_HELP = -1 };

/* Parses argv[2..] for c: its flags into args (set to their defaults first), the solver options
 * into o (initialised first, may be NULL when they do not apply), the rest into pos[0..max_pos)
 * in order. Returns EXIT_OK, CLI_HELP once the usage is on standard output, or another exit
 * code with the message printed. Where the solver options apply, igs_options_validate passes
 * them before EXIT_OK. */
int cli_parse(const cli_command *c, int argc, char **argv, void *args, igs_options *o, const char **pos, int max_pos);

/* The usage of one command, from its table row and flags. */
void cli_usage(const cli_command *c, FILE *f);

/* Refuses, with the message printed and EXIT_INPUT, any of outs[0..n_outs) that is one of the
 * inputs ins[0..n_ins) (igs_output_check; NULL entries are skipped). Every command that writes
 * a file calls it before it reads or solves anything. */
int cli_refuse_overwrite(const char *const *outs, int n_outs, const char *const *ins, int n_ins);

/* ---- Ctrl-C ---- */

/* Set by SIGINT and SIGTERM while a solver runs: a signal handler can only reach a flag of
 * static storage, handed to the library through the options. */
extern atomic_int interrupted;

/* While a solver runs, Ctrl-C and SIGTERM only set the flag, and a terminal gets live progress;
 * old[] keeps the previous handlers. */
void catch_interrupts(igs_options *o, struct sigaction old[2]);
/* A second Ctrl-C while the files are written ends the program as usual. */
void release_interrupts(const struct sigaction old[2]);

/* ---- the general commands (cli/commands.c) ---- */

extern const cli_spec cli_solve, cli_check, cli_evaluate, cli_duplicates, cli_compare, cli_group, cli_import_csv;

/* ---- the editor's server (cli/serve.c) ---- */

extern const cli_spec cli_serve;
/* cli/bound.c */
extern const cli_spec cli_bound;

/* ---- import-frab (cli/frab.c) ---- */

extern const cli_spec cli_import_frab;

#endif
