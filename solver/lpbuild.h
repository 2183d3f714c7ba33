/* A linear or integer program built column by column and row by row, as data (igs_lp) for the
 * GLPK seam (solver/glpk.h): the exact solver's models and the CoSPLib bound. */
#ifndef IGS_SOLVER_LPBUILD_H
#define IGS_SOLVER_LPBUILD_H

#include <stdbool.h>

/* Minimise obj·x + obj_const subject to row_lo <= A x <= row_hi and the column bounds, columns
 * flagged integer being integral. Infinite bounds mean none. The entries of one row are
 * contiguous: GLPK receives the matrix row by row in their order, which its tie-breaking
 * follows. */
typedef struct {
	int n_cols, n_rows, nnz;
	const double *obj, *col_lo, *col_hi; /* n_cols each */
	const bool *integer;                 /* n_cols; NULL: all continuous */
	const double *row_lo, *row_hi;       /* n_rows each */
	const int *ia, *ja;                  /* nnz 0-based row and column indices */
	const double *ar;                    /* nnz values */
	double obj_const;
	double *x; /* NULL, or n_cols: receives the best integral solution found */
} igs_lp;

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
/* Coefficient v of column c in row r; does nothing for r or c below 0. A row's entries come
 * one after another. */
void igs_lpb_entry(igs_lpb *B, int r, int c, double v);
/* The program as the seam takes it; x may be NULL. */
igs_lp igs_lpb_lp(const igs_lpb *B, double obj_const, double *x);
void igs_lpb_free(igs_lpb *B);

#endif
