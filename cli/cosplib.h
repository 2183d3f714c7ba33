/* The program's CoSPLib commands (cli/cosplib.c): their specs for main.c's command table. */
#ifndef IGS_CLI_COSPLIB_H
#define IGS_CLI_COSPLIB_H

#include "cli/cli.h"

extern const cli_spec cli_import_cosplib, cli_cosplib_eval, cli_cosplib_solve;

#endif
