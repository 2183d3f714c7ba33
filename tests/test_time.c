/* Unit tests of time and overlap arithmetic: clock times, intervals, offsets, slots, windows. */
#include <string.h>

#include "model/timefmt.h"
#include "testutil.h"

/* ---- igs_parse_hhmm / igs_format_hhmm ---- */

START_TEST(test_hhmm_valid) {
	int m = -1;
	ck_assert_int_eq(igs_parse_hhmm("09:00", &m), 0);
	ck_assert_int_eq(m, 540);
	ck_assert_int_eq(igs_parse_hhmm("9:05", &m), 0);
	ck_assert_int_eq(m, 545);
	ck_assert_int_eq(igs_parse_hhmm("00:00", &m), 0);
	ck_assert_int_eq(m, 0);
	ck_assert_int_eq(igs_parse_hhmm("23:59", &m), 0);
	ck_assert_int_eq(m, 23 * 60 + 59);
	ck_assert_int_eq(igs_parse_hhmm("24:00", &m), 0);
	ck_assert_int_eq(m, 1440);
}
END_TEST

START_TEST(test_hhmm_invalid) {
	static const char *const bad[] = {"25:00", "9:60", "0900", "", "12:3", "12:30x", "12:30 ", " 12:30",
					  "24:01", "-1:00", "+9:00", "12:", ":30", "123:00", "12-30", "1a:00"};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		int m = 777;
		ck_assert_msg(igs_parse_hhmm(bad[i], &m) == -1, "'%s' was accepted", bad[i]);
		ck_assert_msg(m == 777, "'%s' changed the output on failure", bad[i]);
	}
	int m = 777;
	ck_assert_int_eq(igs_parse_hhmm(NULL, &m), -1);
	ck_assert_int_eq(m, 777);
}
END_TEST

START_TEST(test_format_hhmm) {
	char buf[6];
	igs_format_hhmm(0, buf);
	ck_assert_str_eq(buf, "00:00");
	igs_format_hhmm(545, buf);
	ck_assert_str_eq(buf, "09:05");
	igs_format_hhmm(1439, buf);
	ck_assert_str_eq(buf, "23:59");
	igs_format_hhmm(1440, buf);
	ck_assert_str_eq(buf, "24:00");
	/* Out of range values are clamped, never overflow the buffer. */
	igs_format_hhmm(-5, buf);
	ck_assert_str_eq(buf, "00:00");
	igs_format_hhmm(1000000, buf);
	ck_assert_str_eq(buf, "99:59");
	/* Round trip over every minute of the day. */
	for (int t = 0; t <= 1440; t++) {
		int back = -1;
		igs_format_hhmm(t, buf);
		ck_assert_int_eq(igs_parse_hhmm(buf, &back), 0);
		ck_assert_int_eq(back, t);
	}
}
END_TEST

/* ---- igs_parse_interval ---- */

START_TEST(test_interval) {
	int a = -1, b = -1;
	ck_assert_int_eq(igs_parse_interval("09:00-10:30", &a, &b), 0);
	ck_assert_int_eq(a, 540);
	ck_assert_int_eq(b, 630);
	ck_assert_int_eq(igs_parse_interval("9:00-24:00", &a, &b), 0);
	ck_assert_int_eq(a, 540);
	ck_assert_int_eq(b, 1440);
	a = b = 7;
	ck_assert_int_eq(igs_parse_interval("10:30-09:00", &a, &b), -1); /* reversed */
	ck_assert_int_eq(igs_parse_interval("10:30-10:30", &a, &b), -1); /* empty */
	ck_assert_int_eq(igs_parse_interval("09:00 - 10:30", &a, &b), -1);
	ck_assert_int_eq(igs_parse_interval("09:00-10:30x", &a, &b), -1);
	ck_assert_int_eq(igs_parse_interval("09:00", &a, &b), -1);
	ck_assert_int_eq(igs_parse_interval("09:00-", &a, &b), -1);
	ck_assert_int_eq(igs_parse_interval("09:00-25:00", &a, &b), -1);
	ck_assert_int_eq(igs_parse_interval("", &a, &b), -1);
	ck_assert_int_eq(igs_parse_interval(NULL, &a, &b), -1);
	ck_assert_int_eq(a, 7);
	ck_assert_int_eq(b, 7);
}
END_TEST

/* ---- igs_parse_utc_offset ---- */

START_TEST(test_utc_offset) {
	int m = 0;
	ck_assert_int_eq(igs_parse_utc_offset("+09:00", &m), 0);
	ck_assert_int_eq(m, 540);
	ck_assert_int_eq(igs_parse_utc_offset("-05:30", &m), 0);
	ck_assert_int_eq(m, -330);
	ck_assert_int_eq(igs_parse_utc_offset("+00:00", &m), 0);
	ck_assert_int_eq(m, 0);
	ck_assert_int_eq(igs_parse_utc_offset("-00:00", &m), 0);
	ck_assert_int_eq(m, 0);
	ck_assert_int_eq(igs_parse_utc_offset("+14:00", &m), 0);
	ck_assert_int_eq(m, 840);
	ck_assert_int_eq(igs_parse_utc_offset("-14:00", &m), 0);
	ck_assert_int_eq(m, -840);
	ck_assert_int_eq(igs_parse_utc_offset("+05:45", &m), 0);
	ck_assert_int_eq(m, 345);
	static const char *const bad[] = {"+14:01", "-14:30", "+15:00", "09:00", "+9:00", "+09:60", "+0900",
					  "+09:00x", "+09", "", "UTC", "+09:0", " +09:00", "++9:00"};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		m = 777;
		ck_assert_msg(igs_parse_utc_offset(bad[i], &m) == -1, "'%s' was accepted", bad[i]);
		ck_assert_int_eq(m, 777);
	}
	ck_assert_int_eq(igs_parse_utc_offset(NULL, &m), -1);
}
END_TEST

/* ---- igs_intervals_overlap ---- */

START_TEST(test_overlap) {
	/* Touching ends do not overlap: [a, b) then [b, c). */
	ck_assert(!igs_intervals_overlap(540, 630, 630, 720));
	ck_assert(!igs_intervals_overlap(630, 720, 540, 630));
	/* Partial overlap, both orders. */
	ck_assert(igs_intervals_overlap(540, 600, 585, 615));
	ck_assert(igs_intervals_overlap(585, 615, 540, 600));
	/* Containment, both orders. */
	ck_assert(igs_intervals_overlap(540, 720, 600, 630));
	ck_assert(igs_intervals_overlap(600, 630, 540, 720));
	/* Identical. */
	ck_assert(igs_intervals_overlap(540, 630, 540, 630));
	/* Disjoint. */
	ck_assert(!igs_intervals_overlap(540, 600, 700, 760));
	/* Same clock time on different days (absolute minutes) does not overlap. */
	ck_assert(!igs_intervals_overlap(540, 630, 1440 + 540, 1440 + 630));
}
END_TEST

/* ---- igs_day_fits ---- */

/* A one-day problem on the stack: only days and join_gap matter to igs_day_fits. */
typedef struct {
	igs_problem p;
	igs_day day;
	igs_interval slots[4];
} day_fixture;

static void fixture(day_fixture *f, const igs_interval *slots, int n, int join_gap) {
	memset(f, 0, sizeof *f);
	memcpy(f->slots, slots, (size_t)n * sizeof *slots);
	f->day.slots = f->slots;
	f->day.n_slots = n;
	f->p.days = &f->day;
	f->p.n_days = 1;
	f->p.join_gap = join_gap;
}

/* 09:00-10:30, coffee 30, 11:00-12:30, lunch 60, 13:30-15:00 */
static const igs_interval igf_slots[] = {{540, 630}, {660, 750}, {810, 900}};

START_TEST(test_fits_single_slot) {
	day_fixture f;
	fixture(&f, igf_slots, 3, 30);
	ck_assert(igs_day_fits(&f.p, 0, 540, 90));
	ck_assert(igs_day_fits(&f.p, 0, 660, 90));
	ck_assert(igs_day_fits(&f.p, 0, 810, 90));
	ck_assert(igs_day_fits(&f.p, 0, 540, 60));
	ck_assert(!igs_day_fits(&f.p, 0, 810, 91)); /* the last slot runs to the end of the day */
	/* Starting in a gap or outside every slot. */
	ck_assert(!igs_day_fits(&f.p, 0, 630, 30)); /* 10:30, the slot's end, is in the coffee break */
	ck_assert(!igs_day_fits(&f.p, 0, 500, 30));
	ck_assert(!igs_day_fits(&f.p, 0, 900, 30));
}
END_TEST

START_TEST(test_fits_join_gap) {
	day_fixture f;
	fixture(&f, igf_slots, 3, 30);
	/* 180 minutes over two 90-minute slots separated by a 30-minute break. */
	ck_assert(igs_day_fits(&f.p, 0, 540, 180));
	ck_assert(igs_day_fits(&f.p, 0, 540, 210)); /* to 12:30 exactly */
	ck_assert(!igs_day_fits(&f.p, 0, 540, 211));
	/* Never through the 60-minute lunch. */
	ck_assert(!igs_day_fits(&f.p, 0, 660, 180));
	ck_assert(!igs_day_fits(&f.p, 0, 540, 300));
	/* Too short a join gap. */
	fixture(&f, igf_slots, 3, 15);
	ck_assert(!igs_day_fits(&f.p, 0, 540, 180));
	ck_assert(igs_day_fits(&f.p, 0, 540, 90));
	/* A join gap large enough for lunch joins everything. */
	fixture(&f, igf_slots, 3, 60);
	ck_assert(igs_day_fits(&f.p, 0, 540, 360));
	ck_assert(!igs_day_fits(&f.p, 0, 540, 361));
	/* join_gap 0 joins only slots that touch. */
	static const igs_interval touching[] = {{540, 630}, {630, 720}};
	fixture(&f, touching, 2, 0);
	ck_assert(igs_day_fits(&f.p, 0, 540, 180));
	ck_assert(igs_day_fits(&f.p, 0, 600, 90));
}
END_TEST

START_TEST(test_fits_mid_slot) {
	day_fixture f;
	fixture(&f, igf_slots, 3, 30);
	ck_assert(igs_day_fits(&f.p, 0, 570, 60));   /* 09:30-10:30 */
	/* Ending inside a joinable break is allowed: the joined run is 09:00-12:30 (FORMAT.md). */
	ck_assert(igs_day_fits(&f.p, 0, 570, 61));
	ck_assert(!igs_day_fits(&f.p, 0, 570, 61 + 150)); /* past 12:30 */
	ck_assert(igs_day_fits(&f.p, 0, 570, 120));  /* 09:30-11:30 through the break */
	ck_assert(igs_day_fits(&f.p, 0, 600, 150));  /* 10:00-12:30 */
	ck_assert(!igs_day_fits(&f.p, 0, 600, 151));
	ck_assert(igs_day_fits(&f.p, 0, 700, 50));   /* 11:40-12:30 */
	ck_assert(!igs_day_fits(&f.p, 0, 700, 120)); /* into lunch */
}
END_TEST

START_TEST(test_fits_longer_than_day) {
	day_fixture f;
	fixture(&f, igf_slots, 3, 1440);
	ck_assert(igs_day_fits(&f.p, 0, 540, 360));
	ck_assert(!igs_day_fits(&f.p, 0, 540, 361));
	ck_assert(!igs_day_fits(&f.p, 0, 540, 1440));
	static const igs_interval whole[] = {{0, 1440}};
	fixture(&f, whole, 1, 30);
	ck_assert(igs_day_fits(&f.p, 0, 0, 1440));
	ck_assert(!igs_day_fits(&f.p, 0, 0, 1441));
	ck_assert(!igs_day_fits(&f.p, 0, 60, 1440));
	/* A day without slots fits nothing. */
	fixture(&f, igf_slots, 0, 30);
	ck_assert(!igs_day_fits(&f.p, 0, 540, 30));
}
END_TEST

/* ---- windows ---- */

START_TEST(test_windows) {
	const igs_window w[] = {{-1, 540, 720}, {1, 840, 960}};
	/* day -1 applies to every day */
	ck_assert(igs_windows_contain(w, 2, 0, 540, 720));
	ck_assert(igs_windows_contain(w, 2, 5, 600, 660));
	ck_assert(!igs_windows_contain(w, 2, 0, 530, 600));
	ck_assert(!igs_windows_contain(w, 2, 0, 700, 730));
	/* a day-specific window applies only on that day */
	ck_assert(igs_windows_contain(w, 2, 1, 840, 900));
	ck_assert(!igs_windows_contain(w, 2, 0, 840, 900));
	ck_assert(!igs_windows_contain(w, 2, 2, 840, 900));
	/* contain needs one window holding the whole interval, not the union of two */
	ck_assert(!igs_windows_contain(w, 2, 1, 700, 860));
	ck_assert(!igs_windows_contain(w, 0, 0, 600, 610));

	/* meet: any overlap; touching ends do not meet */
	ck_assert(igs_windows_meet(w, 2, 3, 500, 541));
	ck_assert(!igs_windows_meet(w, 2, 3, 480, 540));
	ck_assert(!igs_windows_meet(w, 2, 3, 720, 780));
	ck_assert(igs_windows_meet(w, 2, 1, 950, 1000));
	ck_assert(!igs_windows_meet(w, 2, 0, 950, 1000));
	ck_assert(igs_windows_meet(w, 2, 0, 0, 1440));
	ck_assert(!igs_windows_meet(w, 0, 0, 0, 1440));

	/* room availability is the negation of meeting an unavailable window */
	igs_window closed[] = {{0, 600, 660}};
	igs_room r = {.n_unavailable = 1, .unavailable = closed};
	ck_assert(!igs_room_available(&r, 0, 540, 630));
	ck_assert(igs_room_available(&r, 0, 540, 600));
	ck_assert(igs_room_available(&r, 1, 540, 630));
}
END_TEST

int main(void) {
	Suite *s = suite_create("time");
	TCase *tc = tcase_create("parse");
	tcase_add_test(tc, test_hhmm_valid);
	tcase_add_test(tc, test_hhmm_invalid);
	tcase_add_test(tc, test_format_hhmm);
	tcase_add_test(tc, test_interval);
	tcase_add_test(tc, test_utc_offset);
	suite_add_tcase(s, tc);
	tc = tcase_create("arithmetic");
	tcase_add_test(tc, test_overlap);
	tcase_add_test(tc, test_fits_single_slot);
	tcase_add_test(tc, test_fits_join_gap);
	tcase_add_test(tc, test_fits_mid_slot);
	tcase_add_test(tc, test_fits_longer_than_day);
	tcase_add_test(tc, test_windows);
	suite_add_tcase(s, tc);
	return tu_run_suite(s);
}
