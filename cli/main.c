/* The igfsched program: the command table, its dispatch and listing. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/cosplib.h"
#include "igfsched.h"

/* Dispatch, the command list of --help and the order it lists them in. */
static const cli_command commands[] = {
	{"check", "PROBLEM", "validate a problem file and report every problem in it", &cli_check},
	{"solve", "[PROBLEM]", "build a schedule (default: the bundled IGF-like example)", &cli_solve},
	{"evaluate", "PROBLEM SCHEDULE", "score a schedule: hard violations and soft terms", &cli_evaluate},
	{"duplicates", "PROBLEM", "rank near-duplicate proposals; --merge them into a new problem", &cli_duplicates},
	{"bound", "PROBLEM [SCHEDULE]", "a lower bound on any schedule's score, by parts; the gap of SCHEDULE",
	 &cli_bound},
	{"compare", "A.json B.json ...", "solve scenarios with the same options, side by side", &cli_compare},
	{"cosplib-eval", "INST SOL", "objective of a CoSPLib benchmark solution (docs/COSPLIB.md)",
	 &cli_cosplib_eval},
	{"cosplib-solve", "INST -o SOL", "solve a CoSPLib benchmark instance (docs/COSPLIB.md)",
	 &cli_cosplib_solve},
	{"import-cosplib", "INST -o P", "turn a CoSPLib instance (and solution) into a problem (and schedule)",
	 &cli_import_cosplib},
	{"import-csv", "CSV --venue V", "turn a spreadsheet of proposals into a problem file", &cli_import_csv},
	{"import-frab", "XML -o P", "turn a published frab/Pentabarf/pretalx schedule into a problem", &cli_import_frab},
	{"group", "PROBLEM -k K", "form K joint Dynamic Coalition sessions by topic", &cli_group},
	{"serve", "PROBLEM", "the working group's editor: a local web page (docs/SERVE.md)", &cli_serve},
};
#define N_COMMANDS CLI_COUNT(commands)

static void usage_main(FILE *f) {
	fputs("usage: igfsched COMMAND [ARGS] [OPTIONS]\n"
	      "\n"
	      "Schedules an Internet Governance Forum programme (or any meeting of its shape).\n"
	      "\n"
	      "commands:\n",
	      f);
	for (int k = 0; k < N_COMMANDS; k++) {
		char synopsis[64];
		snprintf(synopsis, sizeof synopsis, "%s %s", commands[k].name, commands[k].args);
		fprintf(f, "  %-26s %s\n", synopsis, commands[k].summary);
	}
	fputs("\n"
	      "  igfsched COMMAND --help    options of one command\n"
	      "  igfsched --version\n"
	      "\n"
	      "exit codes: 0 ok; 1 infeasible or hard violations found; 2 bad input or usage;\n"
	      "            3 system error (a file could not be written, out of memory)\n",
	      f);
}

/* A report or listing that could not reach standard output (a full disk, a closed pipe) is a
 * failing system, whatever the command found: every command's output ends here. */
static int stdout_written(int rc) {
	if (fflush(stdout) == 0 && !ferror(stdout))
		return rc;
	fprintf(stderr, "igfsched: cannot write the standard output: %s\n", strerror(errno));
	return EXIT_SYSTEM;
}

int main(int argc, char **argv) {
	if (argc < 2) {
		usage_main(stderr);
		return EXIT_INPUT;
	}
	const char *cmd = argv[1];
	if (strcmp(cmd, "--version") == 0 || strcmp(cmd, "version") == 0) {
		printf("igfsched %s\n", IGS_VERSION);
		return stdout_written(EXIT_OK);
	}
	if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0 || strcmp(cmd, "help") == 0) {
		usage_main(stdout);
		return stdout_written(EXIT_OK);
	}
	for (int k = 0; k < N_COMMANDS; k++) {
		const cli_command *c = &commands[k];
		if (strcmp(cmd, c->name) != 0)
			continue;
		int rc = c->spec->run(c, argc, argv);
		return stdout_written(rc == CLI_HELP ? EXIT_OK : rc);
	}
	fprintf(stderr, "igfsched: unknown command '%s'\n\n", cmd);
	usage_main(stderr);
	return EXIT_INPUT;
}
