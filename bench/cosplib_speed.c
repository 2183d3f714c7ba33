/* Benchmark: time of one CoSPLib objective evaluation on a full grid of an instance. */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "cosplib/instance.h"
#include "cosplib/eval.h"

/* usage: cosplib_speed INSTANCE.json [RUNS]. Fills every cell with a track and every slot
 * with an item (round robin), then evaluates RUNS times: the work a search would repeat. */
int main(int argc, char **argv) {
	if (argc < 2) {
		fprintf(stderr, "usage: cosplib_speed INSTANCE.json [RUNS]\n");
		return 2;
	}
	int runs = argc > 2 ? atoi(argv[2]) : 10000, rc = 1;
	igs_diag *d = igs_diag_new();
	igs_cosplib *c = NULL;
	igs_cosplib_solution s = {NULL, NULL};
	if (!d || igs_cosplib_load(&c, argv[1], d) != IGS_OK) {
		if (d)
			igs_diag_print(d, stderr);
		goto cleanup;
	}
	s.track = malloc((size_t)c->n_blocks * (size_t)c->n_rooms * sizeof *s.track);
	s.slot = malloc((size_t)c->n_slots * sizeof *s.slot);
	if (!s.track || !s.slot || runs < 1)
		goto cleanup;
	for (int i = 0; i < c->n_blocks * c->n_rooms; i++)
		s.track[i] = i % c->n_tracks;
	for (int i = 0; i < c->n_slots; i++)
		s.slot[i] = i % c->n_items;
	igs_cosplib_report r;
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (int i = 0; i < runs; i++)
		if (igs_cosplib_evaluate(&r, c, &s) != IGS_OK)
			goto cleanup;
	clock_gettime(CLOCK_MONOTONIC, &t1);
	double us = ((double)(t1.tv_sec - t0.tv_sec) * 1e9 + (double)(t1.tv_nsec - t0.tv_nsec)) / 1e3 / runs;
	printf("%s: %d items, %d slot entries: %.1f us per evaluation (%d runs)\n", argv[1], c->n_items, c->n_slots, us,
	       runs);
	rc = 0;
cleanup:
	free(s.track);
	free(s.slot);
	igs_cosplib_free(c);
	igs_diag_free(d);
	return rc;
}
