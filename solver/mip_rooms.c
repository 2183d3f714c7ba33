/* The exact solver's room phase: per day, a small assignment MIP that keeps a room to one
 * session at a time and pays the room-dependent cost above the cheapest, solved through the
 * GLPK seam. */
#include <math.h>
#include <stdlib.h>

#include "solver/evaluate.h"
#include "solver/glpk.h"
#include "solver/mip_rooms.h"

typedef igs_mip_model mip;
typedef igs_mip_xcol xcol;

/* A room-phase column by its cell and track, for meeting.thematic_rooms. */
typedef struct {
	long cell;
	int track, j;
} cell_col;

static int cmp_cell_col(const void *a, const void *b) {
	const cell_col *x = a, *y = b;
	if (x->cell != y->cell)
		return x->cell < y->cell ? -1 : 1;
	if (x->track != y->track)
		return x->track - y->track;
	return x->j - y->j;
}

/* meeting.thematic_rooms in the room phase: a cell (slot, room) whose columns carry more than
 * one track gets a binary z per track, each column x <= its track's z, and the z of the
 * cell sum to at most 1. The time phase leaves the rule out (a relaxation, so its bound
 * stands); a session this phase cannot seat is left for the repair. The cell's row comes
 * before its z columns and rows, its entries after them: the order GLPK has always been
 * given. */
static int track_rows(igs_lpb *B, mip *M, const igs_schedule *out, const int *cs, const int *cr, int nc) {
	const igs_problem *p = M->p;
	cell_col *v = malloc((size_t)(nc ? nc : 1) * sizeof *v);
	if (!v)
		return IGS_ENOMEM;
	int n = 0;
	for (int j = 0; j < nc; j++) {
		int slot = igs_cell_slot(p, out->time[cs[j]]);
		if (slot >= 0)
			v[n++] = (cell_col){.cell = (long)slot * p->n_rooms + cr[j], .track = igs_track_of(p, cs[j]), .j = j};
	}
	qsort(v, (size_t)n, sizeof *v, cmp_cell_col);
	for (int a = 0, b; a < n; a = b) {
		for (b = a; b < n && v[b].cell == v[a].cell; b++)
			;
		if (v[a].track == v[b - 1].track)
			continue; /* one track only: nothing to choose */
		int one = igs_lpb_row(B, -INFINITY, 1), m = 0;
		for (int c = a, e; c < b; c = e) {
			int z = igs_lpb_col(B, 0, 0, 1, true);
			M->buf[m++] = z;
			for (e = c; e < b && v[e].track == v[c].track; e++) {
				int row = igs_lpb_row(B, -INFINITY, 0);
				igs_lpb_entry(B, row, v[e].j, 1);
				igs_lpb_entry(B, row, z, -1);
			}
		}
		for (int k = 0; k < m; k++)
			igs_lpb_entry(B, one, M->buf[k], 1);
	}
	free(v);
	return B->oom ? IGS_ENOMEM : IGS_OK;
}

int igs_mip_rooms_assign(mip *M, igs_schedule *out, int day, double *extra, double time_left) {
	const igs_problem *p = M->p;
	int n = 0;
	for (int s = 0; s < p->n_sessions; s++)
		if (out->time[s] >= 0 && p->times[out->time[s]].day == day)
			n++;
	if (n == 0)
		return IGS_OK;
	igs_lpb B = {0};
	int nc = 0, *cs = NULL, *cr = NULL, *cc = NULL, cap = 0, capr = 0, capc = 0;
	double *x = NULL;
	int rc = IGS_OK;
	/* Leaving a session without a room costs more than any room could. */
	const double big = 1e6;
	for (int s = 0; s < p->n_sessions; s++) {
		if (out->time[s] < 0 || p->times[out->time[s]].day != day)
			continue;
		int c = igs_mip_model_column_of(M, s, out->time[s]);
		const uint64_t *U = &M->sets[(size_t)M->x[c].set * M->words];
		for (int r = 0; r < p->n_rooms; r++) {
			if (!(U[r / 64] >> (r % 64) & 1))
				continue;
			if (!igs_grow((void **)&cs, &cap, nc + 1, sizeof *cs) || !igs_grow((void **)&cr, &capr, nc + 1, sizeof *cr) ||
			    !igs_grow((void **)&cc, &capc, nc + 1, sizeof *cc)) {
				rc = IGS_ENOMEM;
				goto cleanup;
			}
			cs[nc] = s;
			cr[nc] = r;
			cc[nc] = c;
			nc++;
		}
	}
	for (int j = 0; j < nc; j++)
		igs_lpb_col(&B, igs_place_soft(p, cs[j], out->time[cs[j]], cr[j]) - M->x[cc[j]].cost - big, 0, 1, true);
	/* one room per session */
	for (int j = 0, k; j < nc; j = k) {
		int row = igs_lpb_row(&B, -INFINITY, 1);
		for (k = j; k < nc && cs[k] == cs[j]; k++)
			igs_lpb_entry(&B, row, k, 1);
	}
	/* one session per room and instant */
	for (int k = 0; k < M->ninst; k++) {
		if (M->inst[k] / 1440 != day)
			continue;
		for (int r = 0; r < p->n_rooms; r++) {
			int m = 0;
			for (int j = 0; j < nc; j++) {
				const xcol *X = &M->x[cc[j]];
				if (cr[j] == r && X->i0 <= k && k < X->i0 + X->ni)
					M->buf[m++] = j;
			}
			if (m < 2)
				continue;
			int row = igs_lpb_row(&B, -INFINITY, 1);
			for (int i = 0; i < m; i++)
				igs_lpb_entry(&B, row, M->buf[i], 1);
		}
	}
	if (p->thematic_rooms && (rc = track_rows(&B, M, out, cs, cr, nc)) != IGS_OK)
		goto cleanup;
	if (B.oom || !(x = malloc(((size_t)B.n_cols + 1) * sizeof *x))) {
		rc = IGS_ENOMEM;
		goto cleanup;
	}
	igs_lp lp = igs_lpb_lp(&B, 0, x);
	bool found;
	if ((rc = igs_glpk_presolved(&found, &lp, time_left, M->o->verbose)) != IGS_OK)
		goto cleanup;
	if (!found) {
		/* No assignment at all in time: leave the day's sessions for the repair. */
		for (int s = 0; s < p->n_sessions; s++)
			if (out->time[s] >= 0 && p->times[out->time[s]].day == day)
				igs_schedule_set(out, s, -1, -1);
		goto cleanup;
	}
	for (int s = 0; s < p->n_sessions; s++)
		if (out->time[s] >= 0 && p->times[out->time[s]].day == day)
			out->room[s] = -1;
	for (int j = 0; j < nc; j++)
		if (x[j] > 0.5) {
			out->room[cs[j]] = cr[j];
			*extra += igs_place_soft(p, cs[j], out->time[cs[j]], cr[j]) - M->x[cc[j]].cost;
		}
	for (int s = 0; s < p->n_sessions; s++)
		if (out->time[s] >= 0 && p->times[out->time[s]].day == day && out->room[s] < 0) {
			igs_schedule_set(out, s, -1, -1);
			igs_schedule_set_reason(out, s, "the exact solver found no free room for it at its time");
		}
cleanup:
	igs_lpb_free(&B);
	free(x);
	free(cs);
	free(cr);
	free(cc);
	return rc;
}
