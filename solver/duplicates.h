/* Near-duplicate proposals: their ranking and clusters, and the measures of igfsched compare.
 * The similarity itself is model/similarity.h; merging proposals is io/merge.c. */
#ifndef IGS_SOLVER_DUPLICATES_H
#define IGS_SOLVER_DUPLICATES_H

#include "model/schedule.h"
#include "model/similarity.h"

/* One ranked pair: a's id sorts before b's. */
typedef struct {
	int a, b;
	igs_dup_parts parts;
} igs_dup_pair;

struct igs_dups {
	const igs_problem *p;
	double threshold;
	int n_pairs;
	igs_dup_pair *pairs; /* score descending, ties by ids */
	int n_clusters;
	int *cstart;   /* n_clusters + 1, CSR over cmember */
	int *cmember;  /* each cluster's sessions, sorted by id */
	double *cbest; /* each cluster's highest pair score */
};

#endif
