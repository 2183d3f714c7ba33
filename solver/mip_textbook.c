/* The textbook model of the exact solver, for the benchmark only (bench/write_model.c): the
 * formulation the compact model (solver/mip_model.c) replaces. */
#include <math.h>
#include <stdlib.h>

#include "solver/duplicates.h"
#include "solver/evaluate.h"
#include "solver/mip_textbook.h"

typedef igs_mip_model mip;
typedef igs_mip_xcol xcol;

/* A binary for every session × start × room and a variable for every pair of sessions that
 * may clash (sharing a theme or tag, or with similar themes): the formulation the compact
 * model replaces. Hard rules as in the compact model but per room; clash pairs as
 * p_ab >= (a at t) + (b at a time overlapping t) − 1; theme_spread, room_stability and order
 * are left out, which only makes it easier. */
int igs_mip_textbook_build(mip *M) {
	const igs_problem *p = M->p;
	const igs_weights *w = &p->weights;
	int rc;
	M->nr = p->n_rooms;
	M->words = (p->n_rooms + 63) / 64 > 0 ? (p->n_rooms + 63) / 64 : 1;
	if ((rc = igs_mip_model_columns(M)) != IGS_OK)
		return rc;
	/* x(s, t, r) for each room of each compact column; z(s, t) = Σ_r x(s, t, r) */
	int *tb_off = malloc(((size_t)M->nx + 1) * sizeof *tb_off), *tb_room = NULL, ntb = 0, cap = 0;
	long scratch = 4L * M->nx * (p->n_rooms + 1) + p->n_sessions + 64;
	if (!tb_off || !(M->buf = malloc((size_t)scratch * sizeof *M->buf)) ||
	    !(M->val = malloc((size_t)scratch * sizeof *M->val)) || !(M->seen = calloc((size_t)p->n_sessions + 1, 1))) {
		free(tb_off);
		return IGS_ENOMEM;
	}
	rc = IGS_ENOMEM;
	for (int c = 0; c < M->nx; c++) {
		const xcol *X = &M->x[c];
		const uint64_t *U = &M->sets[(size_t)X->set * M->words];
		tb_off[c] = ntb;
		for (int r = 0; r < p->n_rooms; r++) {
			if (!(U[r / 64] >> (r % 64) & 1))
				continue;
			if (!igs_grow((void **)&tb_room, &cap, ntb + 1, sizeof *tb_room))
				goto out;
			tb_room[ntb++] = r;
			if (igs_mip_add_col(M, true, 0, 1, igs_place_soft(p, X->s, X->t, r) - igs_leave_out_soft(p, X->s)) < 0)
				goto out;
		}
	}
	tb_off[M->nx] = ntb;
	int z0 = M->B.n_cols + 1; /* z(c) is column z0 + c */
	for (int c = 0; c < M->nx; c++) {
		if (igs_mip_add_col(M, false, 0, 1, 0) < 0)
			goto out;
		int n = 0;
		for (int j = tb_off[c]; j < tb_off[c + 1]; j++) {
			M->buf[n] = j + 1;
			M->val[n++] = 1;
		}
		M->buf[n] = z0 + c;
		M->val[n++] = -1;
		if (igs_mip_add_row(M, 0, 0, n, M->buf, M->val) != IGS_OK)
			goto out;
	}
	for (int s = 0; s < p->n_sessions; s++)
		if (p->sessions[s].optional)
			M->obj_const += igs_leave_out_soft(p, s);
	for (int s = 0; s < p->n_sessions; s++) {
		int n = 0;
		for (int c = M->s_off[s]; c < M->s_off[s + 1]; c++) {
			M->buf[n] = z0 + c;
			M->val[n++] = 1;
		}
		bool opt = p->sessions[s].optional;
		if (n && igs_mip_add_row(M, opt ? -INFINITY : 1, 1, n, M->buf, M->val) != IGS_OK)
			goto out;
	}
	/* one session per room and instant */
	for (int k = 0; k < M->ninst; k++)
		for (int r = 0; r < p->n_rooms; r++) {
			int n = 0;
			for (int j = M->cov_off[k]; j < M->cov_off[k + 1]; j++) {
				int c = M->cov[j];
				for (int q = tb_off[c]; q < tb_off[c + 1]; q++)
					if (tb_room[q] == r) {
						M->buf[n] = q + 1;
						M->val[n++] = 1;
					}
			}
			if (n > 1 && igs_mip_add_row(M, -INFINITY, 1, n, M->buf, M->val) != IGS_OK)
				goto out;
		}
	/* people, groups, exclusive and parallel rows over z: the compact model's own, with
	 * its columns renumbered to the z columns */
	int nnz0 = M->B.nnz, *prev = malloc((size_t)scratch * sizeof *prev);
	if (!prev)
		goto out;
	if (igs_mip_model_clash_rows(M, prev) != IGS_OK) {
		free(prev);
		goto out;
	}
	free(prev);
	for (int e = nnz0; e < M->B.nnz; e++)
		M->B.ja[e] = z0 + M->B.ja[e] - 1;
	/* clash pairs */
	for (int a = 0; a < p->n_sessions; a++)
		for (int b = a + 1; b < p->n_sessions; b++) {
			if (M->s_off[a + 1] == M->s_off[a] || M->s_off[b + 1] == M->s_off[b])
				continue;
			/* the pair's cost when they overlap, as the evaluator charges it */
			const igs_session *A = &p->sessions[a], *B = &p->sessions[b];
			double cost = 0;
			for (int i = 0; i < A->n_themes; i++)
				for (int j = 0; j < B->n_themes; j++) {
					if (A->themes[i] == B->themes[j])
						cost += w->theme_clash;
					else if (p->theme_sim)
						cost += w->similarity_clash * p->theme_sim[A->themes[i] * p->n_themes + B->themes[j]];
				}
			for (int i = 0; i < A->n_tags; i++)
				cost += igs_mip_has_tag(B, A->tags[i]) ? w->tag_clash : 0;
			cost += w->duplicate_clash * igs_dup_link(p, a, b);
			if (cost <= 0)
				continue;
			int pc = igs_mip_add_col(M, false, 0, 1, cost);
			if (pc < 0)
				goto out;
			for (int ca = M->s_off[a]; ca < M->s_off[a + 1]; ca++) {
				int n = 0;
				M->buf[n] = pc;
				M->val[n++] = 1;
				M->buf[n] = z0 + ca;
				M->val[n++] = -1;
				for (int cb = M->s_off[b]; cb < M->s_off[b + 1]; cb++)
					if (igs_intervals_overlap(M->x[ca].from, M->x[ca].to, M->x[cb].from, M->x[cb].to)) {
						M->buf[n] = z0 + cb;
						M->val[n++] = -1;
					}
				if (n > 2 && igs_mip_add_row(M, -1, INFINITY, n, M->buf, M->val) != IGS_OK)
					goto out;
			}
		}
	rc = IGS_OK;
out:
	free(tb_off);
	free(tb_room);
	return rc;
}
