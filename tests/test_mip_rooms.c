/* Tests of the exact solver's room phase (solver/mip_rooms.c): the optimum when the time
 * model's cheapest rooms cannot all be had at once, and meeting.thematic_rooms (one theme per
 * room), which only the room phase models. */
#include <math.h>

#include "testutil.h"

#define TOL 1e-6

/* Two sessions of 100 that both fit only the 120-seat room without cost; a small preference
 * draws them to 09:00. Together at 09:00 one sits in the 20-seat room (80 over: 4 points);
 * apart, one misses its preference (0.5). The optimum is 0.5. The time model charges each
 * session its cheapest room, the big one for both, so a schedule reported exact and optimal
 * must not be the 09:00 pair that the room phase can only seat at a cost. */
START_TEST(test_room_phase_optimum) {
	igs_problem *p = tu_mini("{\"date\": \"2025-06-23\", \"label\": \"Day 1\", \"slots\": [\"09:00-10:00\", \"11:00-12:00\"]}",
			      "{\"id\": \"big\", \"capacity\": 120}, {\"id\": \"small\", \"capacity\": 20}",
			      "{\"id\": \"x\", \"duration\": 60, \"attendance\": 100, \"prefer\": [{\"from\": \"09:00\", \"to\": \"10:00\", \"weight\": 0.1}]},"
			      "{\"id\": \"y\", \"duration\": 60, \"attendance\": 100, \"prefer\": [{\"from\": \"09:00\", \"to\": \"10:00\", \"weight\": 0.1}]}",
			      "");
	igs_mip_stats st;
	igs_schedule *s = tu_exact_feasible(p, &st);
	igs_report *r = tu_eval(p, s);
	if (fabs(r->total - 0.5) > TOL)
		tu_dump_schedule(p, s);
	ck_assert_msg(!isfinite(st.bound) || st.bound <= 0.5 + TOL, "bound %.6f above the optimum 0.5", st.bound);
	ck_assert_msg(!st.exact || fabs(st.objective - r->total) <= TOL, "exact, yet model objective %.6f, score %.6f",
		      st.objective, r->total);
	ck_assert_msg(!(st.exact && st.optimal) || fabs(r->total - 0.5) <= TOL,
		      "exact and optimal, yet score %.6f, optimum 0.5 (objective %.6f, bound %.6f)", r->total, st.objective,
		      st.bound);
	igs_report_free(r);
	igs_schedule_free(s);
	igs_problem_free(p);
}
END_TEST

static void check_thematic(const igs_problem *p, const igs_schedule *s, double score) {
	/* All four want 09:00-10:00 and fit it, two per start; one room per theme puts one of
	 * the two big sessions in the small room (90 over, 4.5) and one small one in the big
	 * room (100 - 2 x 10 = 80 idle seats, 0.16). Mixing themes in a room would cost nothing. */
	ck_assert_int_eq(s->room[tu_sid(p, "a1")], s->room[tu_sid(p, "a2")]);
	ck_assert_int_eq(s->room[tu_sid(p, "b1")], s->room[tu_sid(p, "b2")]);
	ck_assert_msg(fabs(score - 4.66) <= TOL, "score %.6f, expected 4.66", score);
}

START_TEST(test_hard_thematic_rooms) {
	/* meeting.thematic_rooms: the time phase leaves it out; the room phase must seat the
	 * themes one per room (both_starts also requires no hard violation). */
#define WANT9 ", \"prefer\": [{\"from\": \"09:00\", \"to\": \"10:00\"}]}"
	igs_problem *p = tu_mini("{\"date\": \"2025-06-23\", \"label\": \"Day 1\", \"start_every\": 30,"
			      " \"slots\": [\"09:00-10:00\", \"11:00-12:00\"]}",
			      "{\"id\": \"big\", \"capacity\": 100}, {\"id\": \"small\", \"capacity\": 10}",
			      "{\"id\": \"a1\", \"duration\": 30, \"attendance\": 100, \"themes\": [\"a\"]" WANT9 ","
			      "{\"id\": \"a2\", \"duration\": 30, \"attendance\": 10, \"themes\": [\"a\"]" WANT9 ","
			      "{\"id\": \"b1\", \"duration\": 30, \"attendance\": 100, \"themes\": [\"b\"]" WANT9 ","
			      "{\"id\": \"b2\", \"duration\": 30, \"attendance\": 10, \"themes\": [\"b\"]" WANT9,
			      "");
#undef WANT9
	p->thematic_rooms = true;
	tu_both_starts(p, check_thematic);
}
END_TEST

static Suite *mip_rooms_suite(void) {
	Suite *s = suite_create("mip_rooms");
	TCase *tc = tcase_create("rooms");
	tcase_set_timeout(tc, 300);
	tcase_add_test(tc, test_room_phase_optimum);
	tcase_add_test(tc, test_hard_thematic_rooms);
	suite_add_tcase(s, tc);
	return s;
}

int main(void) {
	return tu_run_suite(mip_rooms_suite());
}
