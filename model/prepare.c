/* igs_problem_prepare: the data derived from a loaded problem, built once before any solver or
 * the evaluator reads it. */
#include "model/candidates.h"
#include "model/place.h"
#include "model/similarity.h"

int igs_problem_prepare(igs_problem *p, int verbose, double deadline, igs_diag *d) {
	/* The candidates report every session that fits nowhere together; the rest is built
	 * only for a problem that will be solved. */
	int rc = igs_candidates_build(p, d);
	if (rc == IGS_OK)
		rc = igs_dup_links_build(p, verbose, deadline);
	if (rc == IGS_OK)
		rc = igs_parallel_build(p);
	return rc;
}
