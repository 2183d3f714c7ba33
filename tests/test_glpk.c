/* Tests of the GLPK seam (solver/glpk.c, igs_mip_bound): a small program solved, and the
 * statuses for malformed programs and for GLPK's own failures. */
#include <math.h>

#include "solver/glpk.h"
#include "testutil.h"

#define TOL 1e-6

/* min x0 + x1 with x0 + x1 >= 1, both binary: the program each case below spoils. */
static igs_lp two_binaries(double *lo, double *hi, int *ia, int *ja, double *ar) {
	static const double obj[2] = {1, 1}, row_lo[1] = {1}, row_hi[1] = {INFINITY};
	static const bool integer[2] = {true, true};
	lo[0] = lo[1] = 0;
	hi[0] = hi[1] = 1;
	ia[0] = ia[1] = 0;
	ja[0] = 0;
	ja[1] = 1;
	ar[0] = ar[1] = 1;
	return (igs_lp){.n_cols = 2, .n_rows = 1, .nnz = 2, .obj = obj, .col_lo = lo, .col_hi = hi, .integer = integer,
			.row_lo = row_lo, .row_hi = row_hi, .ia = ia, .ja = ja, .ar = ar};
}

START_TEST(test_seam_solves_a_program) {
	double lo[2], hi[2], ar[2], x[2];
	int ia[2], ja[2];
	igs_lp m = two_binaries(lo, hi, ia, ja, ar);
	m.x = x;
	igs_lp_result r;
	ck_assert_int_eq(igs_mip_bound(&r, &m, 10, NULL, 0), IGS_OK);
	ck_assert(r.optimal && r.has_x);
	ck_assert_double_eq_tol(r.bound, 1, TOL);
	ck_assert_double_eq_tol(r.objective, 1, TOL);
	ck_assert_double_eq_tol(x[0] + x[1], 1, TOL);
}
END_TEST

/* GLPK's fatal error (a column twice in one row: glp_set_mat_row refuses it) and a return code
 * only a malformed program gives (a column's lower bound above its upper: GLP_EBOUND) are
 * internal solver failures, not out of memory; entries of one row apart, or an index out of
 * range, are the caller's mistake. */
START_TEST(test_seam_reports_solver_failures) {
	double lo[2], hi[2], ar[2];
	int ia[2], ja[2];
	igs_lp m = two_binaries(lo, hi, ia, ja, ar);
	igs_lp_result r;
	ja[1] = 0;
	ck_assert_int_eq(igs_mip_bound(&r, &m, 10, NULL, 0), IGS_ESOLVER);
	ck_assert(isnan(r.bound) && isnan(r.lp_bound) && !r.has_x);

	m = two_binaries(lo, hi, ia, ja, ar);
	lo[1] = 1;
	hi[1] = 0;
	ck_assert_int_eq(igs_mip_bound(&r, &m, 10, NULL, 0), IGS_ESOLVER);

	/* GLPK still works after a failure: its environment was freed and starts afresh. */
	m = two_binaries(lo, hi, ia, ja, ar);
	ck_assert_int_eq(igs_mip_bound(&r, &m, 10, NULL, 0), IGS_OK);
	ck_assert(r.optimal);

	static const double obj3[2] = {1, 1}, lo3[2] = {1, 1}, hi3[2] = {INFINITY, INFINITY};
	igs_lp apart = {.n_cols = 2, .n_rows = 2, .nnz = 3, .obj = obj3, .col_lo = lo3, .col_hi = hi3,
			.row_lo = lo3, .row_hi = hi3, .ia = (const int[]){0, 1, 0}, .ja = (const int[]){0, 1, 1},
			.ar = (const double[]){1, 1, 1}};
	ck_assert_int_eq(igs_mip_bound(&r, &apart, 10, NULL, 0), IGS_EUSAGE);
	m = two_binaries(lo, hi, ia, ja, ar);
	ja[1] = 2;
	ck_assert_int_eq(igs_mip_bound(&r, &m, 10, NULL, 0), IGS_EUSAGE);
}
END_TEST

static Suite *glpk_suite(void) {
	Suite *s = suite_create("glpk");
	TCase *tc = tcase_create("seam");
	tcase_set_timeout(tc, 300);
	tcase_add_test(tc, test_seam_solves_a_program);
	tcase_add_test(tc, test_seam_reports_solver_failures);
	suite_add_tcase(s, tc);
	return s;
}

int main(void) {
	return tu_run_suite(glpk_suite());
}
