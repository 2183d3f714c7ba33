/* The program's CoSPLib commands (cli/cosplib.c), dispatched by main.c: argv as main's, the
 * command's name in argv[1]; each returns the process exit code. */
#ifndef IGS_CLI_COSPLIB_H
#define IGS_CLI_COSPLIB_H

int cmd_import_cosplib(int argc, char **argv);
int cmd_cosplib_eval(int argc, char **argv);
int cmd_cosplib_solve(int argc, char **argv);

#endif
