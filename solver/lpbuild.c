/* The program builder of the lower bounds: growing arrays of columns, rows and entries. */
#include <stdlib.h>

#include "model/problem.h"
#include "solver/lpbuild.h"

int igs_lpb_col(igs_lpb *B, double obj, double lo, double hi, bool integer) {
	int c0 = B->cap_cols, c1 = B->cap_cols, c2 = B->cap_cols, c3 = B->cap_cols;
	if (B->oom || !igs_grow((void **)&B->obj, &c0, B->n_cols + 1, sizeof *B->obj) ||
	    !igs_grow((void **)&B->lo, &c1, B->n_cols + 1, sizeof *B->lo) ||
	    !igs_grow((void **)&B->hi, &c2, B->n_cols + 1, sizeof *B->hi) ||
	    !igs_grow((void **)&B->integer, &c3, B->n_cols + 1, sizeof *B->integer)) {
		B->oom = true;
		return -1;
	}
	B->cap_cols = c0;
	B->obj[B->n_cols] = obj;
	B->lo[B->n_cols] = lo;
	B->hi[B->n_cols] = hi;
	B->integer[B->n_cols] = integer;
	return B->n_cols++;
}

int igs_lpb_row(igs_lpb *B, double lo, double hi) {
	int c0 = B->cap_rows, c1 = B->cap_rows;
	if (B->oom || !igs_grow((void **)&B->row_lo, &c0, B->n_rows + 1, sizeof *B->row_lo) ||
	    !igs_grow((void **)&B->row_hi, &c1, B->n_rows + 1, sizeof *B->row_hi)) {
		B->oom = true;
		return -1;
	}
	B->cap_rows = c0;
	B->row_lo[B->n_rows] = lo;
	B->row_hi[B->n_rows] = hi;
	return B->n_rows++;
}

void igs_lpb_entry(igs_lpb *B, int r, int c, double v) {
	int c0 = B->cap_nnz, c1 = B->cap_nnz, c2 = B->cap_nnz;
	if (B->oom || r < 0 || c < 0)
		return;
	if (!igs_grow((void **)&B->ia, &c0, B->nnz + 1, sizeof *B->ia) ||
	    !igs_grow((void **)&B->ja, &c1, B->nnz + 1, sizeof *B->ja) ||
	    !igs_grow((void **)&B->ar, &c2, B->nnz + 1, sizeof *B->ar)) {
		B->oom = true;
		return;
	}
	B->cap_nnz = c0;
	B->ia[B->nnz] = r;
	B->ja[B->nnz] = c;
	B->ar[B->nnz++] = v;
}

igs_lp igs_lpb_lp(const igs_lpb *B, double obj_const, double *x) {
	return (igs_lp){.n_cols = B->n_cols, .n_rows = B->n_rows, .nnz = B->nnz, .obj = B->obj, .col_lo = B->lo,
			.col_hi = B->hi, .integer = B->integer, .row_lo = B->row_lo, .row_hi = B->row_hi,
			.ia = B->ia, .ja = B->ja, .ar = B->ar, .obj_const = obj_const, .x = x};
}

void igs_lpb_free(igs_lpb *B) {
	free(B->obj);
	free(B->lo);
	free(B->hi);
	free(B->integer);
	free(B->row_lo);
	free(B->row_hi);
	free(B->ia);
	free(B->ja);
	free(B->ar);
	*B = (igs_lpb){0};
}
