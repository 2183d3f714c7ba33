/* A linear or integer program built column by column and row by row, in the form igs_lp
 * (solver/mip.h) hands to GLPK: for the lower bounds built outside mip.c. */
#ifndef IGS_SOLVER_LPBUILD_H
#define IGS_SOLVER_LPBUILD_H

#include <stdbool.h>

#include "solver/mip.h"

typedef struct {
	int n_cols, n_rows, nnz, cap_cols, cap_rows, cap_nnz;
	double *obj, *lo, *hi, *row_lo, *row_hi, *ar;
	bool *integer;
	int *ia, *ja;
	bool oom; /* an allocation failed: every later call does nothing, the caller checks once */
} igs_lpb;

/* A new column with bounds [lo, hi]; returns its 0-based index, or -1 (and sets oom). */
int igs_lpb_col(igs_lpb *B, double obj, double lo, double hi, bool integer);
/* A new row lo <= (its entries) <= hi; returns its index, or -1. */
int igs_lpb_row(igs_lpb *B, double lo, double hi);
/* Coefficient v of column c in row r; does nothing for r or c below 0. */
void igs_lpb_entry(igs_lpb *B, int r, int c, double v);
/* The program as igs_mip_bound takes it; x may be NULL. */
igs_lp igs_lpb_lp(const igs_lpb *B, double obj_const, double *x);
void igs_lpb_free(igs_lpb *B);

#endif
