/* Tests of igs_options_validate and of igs_solve's check on entry: a library caller with a bad
 * option gets IGS_EUSAGE and a message located at the option, and no schedule; and weight
 * overrides reaching the evaluation. */
#include <math.h>
#include <stdlib.h>

#include "testutil.h"

#define EX(name) IGS_EXAMPLES_DIR "/" name

START_TEST(test_defaults_are_valid) {
	igs_options o;
	igs_options_init(&o);
	igs_diag *d = igs_diag_new();
	ck_assert_int_eq(igs_options_validate(&o, d), IGS_OK);
	ck_assert_int_eq(igs_diag_count(d), 0);
	igs_diag_free(d);
}
END_TEST

/* One value just outside each end of every range of the table, each said at its option. */
START_TEST(test_every_range_is_checked) {
	igs_options o;
#define IGS_O_OUTSIDE(t, n, def, lo, hi, h)                                                        \
	for (int end = 0; end < 2; end++) {                                                        \
		igs_options_init(&o);                                                              \
		o.n = end ? (t)((hi) + 1) : (t)((lo)-1);                                           \
		igs_diag *d = igs_diag_new();                                                      \
		ck_assert_int_eq(igs_options_validate(&o, d), IGS_EUSAGE);                         \
		ck_assert_msg(tu_diag_has(d, "options." #n, "out of range"), "options." #n " %s",  \
			      end ? "above its range" : "below its range");                        \
		ck_assert_int_eq(igs_diag_count(d), 1);                                            \
		igs_diag_free(d);                                                                  \
	}
	IGS_OPTIONS(IGS_O_OUTSIDE)
#undef IGS_O_OUTSIDE
}
END_TEST

START_TEST(test_nan_and_weights) {
	igs_options o;
	igs_options_init(&o);
	o.time_limit = NAN;
	o.weights.theme_clash = -1;
	o.weights.tag_clash = 0; /* an override of 0 is valid, as NaN (no override) is */
	igs_diag *d = igs_diag_new();
	ck_assert_int_eq(igs_options_validate(&o, d), IGS_EUSAGE);
	ck_assert(tu_diag_has(d, "options.time_limit", "give a number from 0"));
	ck_assert(tu_diag_has(d, "options.weights.theme_clash", "give 0 to 1e12"));
	ck_assert_int_eq(igs_diag_count(d), 2);
	igs_diag_free(d);
}
END_TEST

/* A weight override has the problem file's bound: 1e308 or infinity would overflow the score
 * (and once reached the writers as "out of memory" or a null cost). */
START_TEST(test_weight_bound) {
	const double bad[] = {IGS_WEIGHT_MAX * 10, 1e308, INFINITY};
	for (size_t k = 0; k < sizeof bad / sizeof bad[0]; k++) {
		igs_options o;
		igs_options_init(&o);
		o.weights.theme_clash = bad[k];
		igs_diag *d = igs_diag_new();
		ck_assert_int_eq(igs_options_validate(&o, d), IGS_EUSAGE);
		ck_assert(tu_diag_has(d, "options.weights.theme_clash", "give 0 to 1e12"));
		igs_diag_free(d);
	}
	igs_options o;
	igs_options_init(&o);
	o.weights.theme_clash = IGS_WEIGHT_MAX;
	ck_assert_int_eq(igs_options_validate(&o, NULL), IGS_OK);
}
END_TEST

START_TEST(test_bad_solver_and_null) {
	igs_options o;
	igs_options_init(&o);
	o.solver = (igs_solver_kind)7;
	igs_diag *d = igs_diag_new();
	ck_assert_int_eq(igs_options_validate(&o, d), IGS_EUSAGE);
	ck_assert(tu_diag_has(d, "options.solver", "7 is not a solver"));
	ck_assert_int_eq(igs_options_validate(NULL, d), IGS_EUSAGE);
	ck_assert(tu_diag_has(d, "options", "NULL"));
	igs_diag_free(d);
}
END_TEST

/* A library caller: igs_solve refuses before any work, with every bad option said. */
START_TEST(test_solve_refuses_bad_options) {
	igs_problem *p = tu_load_file(EX("small.json"));
	igs_options o;
	igs_options_init(&o);
	o.verbose = 0;
	o.seed = -5;
	o.gap = 2;
	igs_schedule *s = (igs_schedule *)&o; /* must be reset to NULL */
	igs_diag *d = igs_diag_new();
	ck_assert_int_eq(igs_solve(&s, p, &o, d), IGS_EUSAGE);
	ck_assert_ptr_null(s);
	ck_assert(tu_diag_has(d, "options.seed", "-5 is out of range: give a whole number from 0 to 2147483647"));
	ck_assert(tu_diag_has(d, "options.gap", "2 is out of range: give a number from 0 to 1"));
	ck_assert_int_eq(igs_diag_count(d), 2);
	igs_diag_free(d);

	d = igs_diag_new();
	ck_assert_int_eq(igs_solve(&s, p, NULL, d), IGS_EUSAGE);
	ck_assert_ptr_null(s);
	ck_assert_int_eq(igs_solve(NULL, p, &o, d), IGS_EUSAGE);
	ck_assert_int_eq(igs_solve(&s, NULL, &o, d), IGS_EUSAGE);
	ck_assert_int_eq(igs_diag_count(d), 3);
	igs_diag_free(d);
	igs_problem_free(p);
}
END_TEST

START_TEST(test_weight_options) {
	/* Weight overrides reach the evaluation through igs_problem_apply_options. */
	igs_problem *p = tu_load_file(EX("small.json"));
	igs_options o;
	tu_quiet_options(&o, 0);
	o.weights.theme_clash = 0;
	igs_problem_apply_options(p, &o);
	ck_assert(p->weights.theme_clash == 0);
	ck_assert(p->weights.tag_clash == 2);
	igs_schedule *s = tu_solve(p, &o, IGS_OK, NULL);
	igs_report *r = tu_eval(p, s);
	tu_expect_no_hard(r);
	ck_assert(r->theme_clash.cost == 0);
	igs_report_free(r);
	igs_schedule_free(s);
	igs_problem_free(p);
}
END_TEST

static Suite *options_suite(void) {
	Suite *s = suite_create("options");
	TCase *tc = tcase_create("options");
	tcase_add_test(tc, test_defaults_are_valid);
	tcase_add_test(tc, test_every_range_is_checked);
	tcase_add_test(tc, test_nan_and_weights);
	tcase_add_test(tc, test_weight_bound);
	tcase_add_test(tc, test_bad_solver_and_null);
	tcase_add_test(tc, test_solve_refuses_bad_options);
	suite_add_tcase(s, tc);
	tc = tcase_create("weights");
	tcase_set_timeout(tc, 300);
	tcase_add_test(tc, test_weight_options);
	suite_add_tcase(s, tc);
	return s;
}

int main(void) {
	return tu_run_suite(options_suite());
}
