/* Writes a problem's MIP in CPLEX LP format, compact or textbook, for bench/exact.py. */
#include <stdio.h>
#include <string.h>

#include "igfsched.h"
#include "solver/mip.h"

int main(int argc, char **argv) {
	if (argc != 4 || (strcmp(argv[2], "compact") != 0 && strcmp(argv[2], "textbook") != 0)) {
		fprintf(stderr, "usage: write_model PROBLEM compact|textbook OUT.lp\n");
		return 2;
	}
	igs_diag *d = igs_diag_new();
	igs_problem *p = NULL;
	igs_options o;
	igs_options_init(&o);
	int rc = d ? igs_problem_load(&p, argv[1], d) : IGS_ENOMEM;
	if (rc == IGS_OK)
		rc = igs_mip_write_lp(p, &o, strcmp(argv[2], "textbook") == 0, argv[3], d);
	if (rc != IGS_OK && d)
		igs_diag_print(d, stderr);
	igs_problem_free(p);
	igs_diag_free(d);
	return rc == IGS_OK ? 0 : 1;
}
