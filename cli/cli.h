/* What the program's command files share: the exit codes and main.c's argument and interrupt
 * helpers. Internal to the program, not part of the library. */
#ifndef IGS_CLI_CLI_H
#define IGS_CLI_CLI_H

#include <signal.h>

#include "igfsched.h"

/* Exit codes, documented in the README and in --help. */
enum { EXIT_OK = 0, EXIT_VIOLATIONS = 1, EXIT_INPUT = 2, EXIT_SYSTEM = 3 };

/* While a solver runs, Ctrl-C and SIGTERM only set the flag that o->interrupt then points to;
 * old[] keeps the previous handlers for release_interrupts. */
void catch_interrupts(igs_options *o, struct sigaction old[2]);
void release_interrupts(const struct sigaction old[2]);
/* One option of the core table (and --quiet, --solver, --weight) into o: 1 if consumed
 * (advancing *i), 0 if not such an option, -1 on a bad value (said on standard error). */
int parse_common(int argc, char **argv, int *i, igs_options *o);
/* a, which no option took, as the next of the n positional arguments slots[] of cmd (what:
 * how the usage names them); EXIT_OK, or EXIT_INPUT with the message printed. */
int take_positional(const char *cmd, const char *a, const char **slots, int n, const char *what);

#endif
