/* Tests of the schedule files: a solved schedule written (JSON, CSV, text) and the JSON read
 * back by igs_schedule_load, with the same placements and score. */
#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <unistd.h>

#include "testutil.h"

#define EPS 1e-9
#define EX(name) IGS_EXAMPLES_DIR "/" name

static void roundtrip(const igs_problem *p, const igs_schedule *s) {
	igs_report *r = tu_eval(p, s);
	char *path = tu_write_temp("", ".json");
	igs_diag *d = igs_diag_new();
	ck_assert_int_eq(igs_schedule_write(s, r, IGS_FMT_JSON, path, d), IGS_OK);
	igs_schedule *back = NULL;
	int rc = igs_schedule_load(&back, p, path, d);
	if (rc != IGS_OK)
		tu_diag_dump(d);
	ck_assert_int_eq(rc, IGS_OK);
	for (int i = 0; i < p->n_sessions; i++) {
		ck_assert_int_eq(back->time[i], s->time[i]);
		ck_assert_int_eq(back->room[i], s->room[i]);
	}
	igs_report *r2 = tu_eval(p, back);
	ck_assert_int_eq(r2->n_violations, r->n_violations);
	ck_assert_msg(fabs(r2->total - r->total) < EPS, "read back: %.9g, written: %.9g", r2->total, r->total);

	/* The "score" embedded in the file is the same number. */
	json_error_t je;
	json_t *root = json_load_file(path, 0, &je);
	ck_assert_ptr_nonnull(root);
	double written = json_number_value(json_object_get(json_object_get(root, "score"), "total"));
	ck_assert(fabs(written - r->total) < 1e-6);
	ck_assert_int_eq(json_array_size(json_object_get(root, "assignments")) +
				 json_array_size(json_object_get(root, "unscheduled")),
			 (size_t)p->n_sessions);
	json_decref(root);

	/* CSV and text write too (their content is checked end to end by cli_test.sh). */
	ck_assert_int_eq(igs_schedule_write(s, r, IGS_FMT_CSV, path, d), IGS_OK);
	ck_assert_int_eq(igs_schedule_write(s, r, IGS_FMT_TEXT, path, d), IGS_OK);
	unlink(path);
	free(path);
	igs_report_free(r);
	igs_report_free(r2);
	igs_schedule_free(back);
	igs_diag_free(d);
}

START_TEST(test_roundtrip) {
	igs_options o;
	tu_quiet_options(&o, 20000);
	igs_problem *p = tu_load_file(EX("small.json"));
	igs_schedule *s = tu_solve(p, &o, IGS_OK, NULL);
	roundtrip(p, s);
	igs_schedule_free(s);
	igs_problem_free(p);

	/* With sessions left out. */
	char *sessions = tu_oversubscribed_sessions(false);
	p = tu_load_sessions(sessions, "");
	free(sessions);
	s = tu_solve(p, &o, IGS_OK, NULL);
	roundtrip(p, s);
	igs_schedule_free(s);
	igs_problem_free(p);

	/* A larger one, with pins, exclusive sessions and every kind of day. */
	p = tu_load_file(EX("igf-like.json"));
	s = tu_solve(p, &o, IGS_OK, NULL);
	roundtrip(p, s);
	igs_schedule_free(s);
	igs_problem_free(p);
}
END_TEST

static Suite *schedule_io_suite(void) {
	Suite *s = suite_create("schedule_io");
	TCase *tc = tcase_create("roundtrip");
	tcase_set_timeout(tc, 300);
	tcase_add_test(tc, test_roundtrip);
	suite_add_tcase(s, tc);
	return s;
}

int main(void) {
	return tu_run_suite(schedule_io_suite());
}
