/* Tests of the start grid a problem file gives: its days' starts (slot starts, start_every,
 * explicit starts), the sorted times table and igs_problem_find_time, overlaps across grids,
 * and the candidate starts igs_problem_prepare derives from them. */
#include <stdio.h>
#include <stdlib.h>

#include "testutil.h"

static igs_problem *load_ok(const char *json) {
	igs_problem *p = NULL;
	igs_diag *d = igs_diag_new();
	int rc = tu_load_text(&p, d, json);
	if (rc != IGS_OK)
		tu_diag_dump(d);
	ck_assert_int_eq(rc, IGS_OK);
	ck_assert_int_eq(igs_diag_count(d), 0);
	ck_assert_ptr_nonnull(p);
	igs_diag_free(d);
	return p;
}

static void check_sorted_times(const igs_problem *p) {
	for (int t = 1; t < p->n_times; t++)
		ck_assert(igs_time_abs(p, t - 1) < igs_time_abs(p, t));
}

START_TEST(test_find_time) {
	char *json = tu_problem("{\"id\": \"s1\", \"duration\": 90}", "");
	igs_problem *p = load_ok(json);
	free(json);
	/* Default starts are the slot starts: 3 per day, 2 days. */
	ck_assert_int_eq(p->n_times, 6);
	check_sorted_times(p);
	for (int t = 0; t < p->n_times; t++)
		ck_assert_int_eq(igs_problem_find_time(p, p->times[t].day, p->times[t].start), t);
	int t = igs_problem_find_time(p, 1, 660);
	ck_assert_int_ge(t, 0);
	ck_assert_int_eq(p->times[t].day, 1);
	ck_assert_int_eq(p->times[t].start, 660);
	/* misses: not a start, before the first, after the last, a day that does not exist */
	ck_assert_int_eq(igs_problem_find_time(p, 0, 600), -1);
	ck_assert_int_eq(igs_problem_find_time(p, 0, 0), -1);
	ck_assert_int_eq(igs_problem_find_time(p, 1, 1439), -1);
	ck_assert_int_eq(igs_problem_find_time(p, 2, 540), -1);
	ck_assert_int_eq(igs_problem_find_time(p, -1, 540), -1);
	igs_problem_free(p);
}
END_TEST

START_TEST(test_start_every) {
	const char *json =
		"{\"meeting\": {\"name\": \"T\"},\n"
		" \"days\": [{\"date\": \"2025-06-23\", \"slots\": [\"09:00-10:30\", \"11:00-12:00\"], \"start_every\": 30},\n"
		"          {\"date\": \"2025-06-24\", \"slots\": [\"09:00-10:00\"], \"start_every\": 25}],\n"
		" \"rooms\": [{\"id\": \"r\"}],\n"
		" \"sessions\": [{\"id\": \"s\", \"duration\": 30}]}\n";
	igs_problem *p = load_ok(json);
	/* Day 1: 09:00 09:30 10:00 | 11:00 11:30; Day 2: 09:00 09:25 09:50. */
	static const igs_time want[] = {{0, 540}, {0, 570}, {0, 600}, {0, 660}, {0, 690},
					{1, 540}, {1, 565}, {1, 590}};
	ck_assert_int_eq(p->n_times, 8);
	for (int t = 0; t < 8; t++) {
		ck_assert_int_eq(p->times[t].day, want[t].day);
		ck_assert_int_eq(p->times[t].start, want[t].start);
		ck_assert_int_eq(igs_problem_find_time(p, want[t].day, want[t].start), t);
	}
	ck_assert_int_eq(p->days[0].n_starts, 5);
	ck_assert_int_eq(p->days[1].n_starts, 3);
	ck_assert_int_eq(igs_problem_find_time(p, 0, 630), -1); /* 10:30 is the end, not a start */
	ck_assert_int_eq(igs_problem_find_time(p, 1, 615), -1); /* 10:15 beyond the slot */
	/* The label defaults to the date. */
	ck_assert_str_eq(p->days[1].label, "2025-06-24");
	igs_problem_free(p);
}
END_TEST

START_TEST(test_start_every_meeting_default) {
	const char *json =
		"{\"meeting\": {\"name\": \"T\", \"slots\": [\"09:00-10:00\"], \"start_every\": 20},\n"
		" \"days\": [{\"date\": \"2025-06-23\"},\n"
		"          {\"date\": \"2025-06-24\", \"start_every\": 60},\n"
		"          {\"date\": \"2025-06-25\", \"slots\": [\"14:00-15:00\"]}],\n"
		" \"rooms\": [{\"id\": \"r\"}],\n"
		" \"sessions\": [{\"id\": \"s\", \"duration\": 20}]}\n";
	igs_problem *p = load_ok(json);
	ck_assert_int_eq(p->days[0].n_starts, 3); /* 09:00 09:20 09:40 */
	ck_assert_int_eq(p->days[1].n_starts, 1); /* 09:00 */
	ck_assert_int_eq(p->days[2].n_starts, 3); /* 14:00 14:20 14:40 */
	ck_assert_int_eq(p->days[2].starts[2], 880);
	ck_assert_int_eq(p->n_times, 7);
	check_sorted_times(p);
	igs_problem_free(p);
}
END_TEST

START_TEST(test_explicit_starts) {
	const char *json =
		"{\"meeting\": {\"name\": \"T\"},\n"
		" \"days\": [{\"date\": \"2025-06-23\", \"label\": \"Day 1\", \"slots\": [\"11:00-12:30\", \"09:00-10:30\"],\n"
		"            \"starts\": [\"11:45\", \"09:00\", \"09:45\", \"09:00\"]}],\n"
		" \"rooms\": [{\"id\": \"r\"}],\n"
		" \"sessions\": [{\"id\": \"s\", \"duration\": 45}]}\n";
	igs_problem *p = load_ok(json);
	/* Slots sorted; starts sorted and de-duplicated. */
	ck_assert_int_eq(p->days[0].n_slots, 2);
	ck_assert_int_eq(p->days[0].slots[0].from, 540);
	ck_assert_int_eq(p->days[0].slots[1].from, 660);
	ck_assert_int_eq(p->n_times, 3);
	ck_assert_int_eq(p->times[0].start, 540);
	ck_assert_int_eq(p->times[1].start, 585);
	ck_assert_int_eq(p->times[2].start, 705);
	ck_assert_int_eq(igs_problem_find_time(p, 0, 660), -1); /* 11:00 is a slot start but not listed */
	/* Only listed starts are candidates for the session. */
	ck_assert_int_eq(p->sessions[0].n_cand_times, 3);
	igs_problem_free(p);
}
END_TEST

/* Sessions started on different grids overlap by their real minutes. */
START_TEST(test_mixed_grids_overlap) {
	const char *json =
		"{\"meeting\": {\"name\": \"T\"},\n"
		" \"days\": [{\"date\": \"2025-06-23\", \"slots\": [\"09:00-12:00\"], \"start_every\": 15},\n"
		"          {\"date\": \"2025-06-24\", \"slots\": [\"09:00-12:00\"], \"start_every\": 15}],\n"
		" \"rooms\": [{\"id\": \"r\"}],\n"
		" \"sessions\": [{\"id\": \"s60\", \"duration\": 60}, {\"id\": \"s30\", \"duration\": 30},\n"
		"              {\"id\": \"s45\", \"duration\": 45}]}\n";
	igs_problem *p = load_ok(json);
	int t900 = igs_problem_find_time(p, 0, 540), t945 = igs_problem_find_time(p, 0, 585);
	int t1000 = igs_problem_find_time(p, 0, 600), t2_900 = igs_problem_find_time(p, 1, 540);
	ck_assert_int_ge(t900, 0);
	ck_assert_int_ge(t945, 0);
	ck_assert_int_ge(t1000, 0);
	ck_assert_int_ge(t2_900, 0);
	long a0, a1, b0, b1;
	/* 09:00+60 vs 09:45+30 overlap */
	igs_session_span(p, 0, t900, &a0, &a1);
	igs_session_span(p, 1, t945, &b0, &b1);
	ck_assert(igs_intervals_overlap(a0, a1, b0, b1));
	ck_assert(igs_intervals_overlap(b0, b1, a0, a1));
	/* 09:00+45 vs 09:45+30 touch and do not overlap */
	igs_session_span(p, 2, t900, &a0, &a1);
	ck_assert(!igs_intervals_overlap(a0, a1, b0, b1));
	ck_assert(!igs_intervals_overlap(b0, b1, a0, a1));
	/* 09:00+60 vs 10:00+30 touch */
	igs_session_span(p, 0, t900, &a0, &a1);
	igs_session_span(p, 1, t1000, &b0, &b1);
	ck_assert(!igs_intervals_overlap(a0, a1, b0, b1));
	/* the same clock time on another day does not overlap */
	igs_session_span(p, 1, t2_900, &b0, &b1);
	ck_assert(!igs_intervals_overlap(a0, a1, b0, b1));
	/* the room clash check agrees */
	ck_assert_int_eq(igs_place_pair(p, 0, t900, 0, 1, t945, 0), IGS_V_ROOM_CLASH);
	ck_assert_int_eq(igs_place_pair(p, 2, t900, 0, 1, t945, 0), -1);
	igs_problem_free(p);
}
END_TEST

/* igs_day_fits on a loaded problem uses the file's join_gap. */
START_TEST(test_loaded_join_gap) {
	const char *fmt =
		"{\"meeting\": {\"name\": \"T\", \"join_gap\": %d},\n"
		" \"days\": [{\"date\": \"2025-06-23\", \"slots\": [\"09:00-10:30\", \"11:00-12:30\", \"13:30-15:00\"]}],\n"
		" \"rooms\": [{\"id\": \"r\"}],\n"
		" \"sessions\": [{\"id\": \"long\", \"duration\": 180, \"optional\": true}]}\n";
	char json[1024];
	snprintf(json, sizeof json, fmt, 30);
	igs_problem *p = load_ok(json);
	ck_assert_int_eq(p->join_gap, 30);
	ck_assert(igs_day_fits(p, 0, 540, 180));
	ck_assert(!igs_day_fits(p, 0, 660, 180));
	/* only 09:00 is a candidate start */
	ck_assert_int_eq(p->sessions[0].n_cand_times, 1);
	ck_assert_int_eq(p->times[p->sessions[0].cand_times[0]].start, 540);
	igs_problem_free(p);

	snprintf(json, sizeof json, fmt, 15);
	p = load_ok(json); /* optional, so fitting nowhere is not an error */
	ck_assert(!igs_day_fits(p, 0, 540, 180));
	ck_assert_int_eq(p->sessions[0].n_cand_times, 0);
	igs_problem_free(p);
}
END_TEST

int main(void) {
	Suite *s = suite_create("start_grid");
	TCase *tc = tcase_create("grid");
	tcase_add_test(tc, test_find_time);
	tcase_add_test(tc, test_start_every);
	tcase_add_test(tc, test_start_every_meeting_default);
	tcase_add_test(tc, test_explicit_starts);
	tcase_add_test(tc, test_mixed_grids_overlap);
	tcase_add_test(tc, test_loaded_join_gap);
	suite_add_tcase(s, tc);
	return tu_run_suite(s);
}
