/* Tests of the advice for left-out sessions: each kind of smallest change on a hand-built schedule. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "solver/advice.h"
#include "solver/evaluate.h"
#include "testutil.h"

/* tu_problem's venue: two days with slots 09:00-10:30, 11:00-12:30 and 14:00-15:30; rooms
 * hall (500 seats), ra (100) and rb (40). */
static const char *const rooms[] = {"hall", "ra", "rb"};
static const int starts[] = {9 * 60, 11 * 60, 14 * 60};

/* Filler f<day><slot><room>: a required 90-minute session for every room-slot that 'keep'
 * marks, placed there. Returns the JSON of the fillers (after the given sessions). */
static char *with_fillers(const char *sessions, const char *keep) {
	tu_buf b = {0};
	tu_put(&b, "%s", sessions);
	for (int i = 0; i < 18; i++)
		if (keep[i] == 'x')
			tu_put(&b, ", {\"id\": \"f%d%d%d\", \"duration\": 90}", i / 9, i / 3 % 3, i % 3);
	return b.s;
}

static igs_problem *load_with(const char *sessions, const char *keep, const char *extra) {
	char *all = with_fillers(sessions, keep);
	char *text = tu_problem(all, extra);
	char *path = tu_write_temp(text, ".json");
	igs_problem *p = tu_load_file(path);
	remove(path);
	free(path);
	free(text);
	free(all);
	return p;
}

static igs_problem *load(const char *sessions, const char *keep) {
	return load_with(sessions, keep, "");
}

static void place_fillers(const igs_problem *p, igs_schedule *s, const char *keep) {
	for (int i = 0; i < 18; i++) {
		if (keep[i] != 'x')
			continue;
		char id[16];
		snprintf(id, sizeof id, "f%d%d%d", i / 9, i / 3 % 3, i % 3);
		int x = igs_problem_find_session(p, id), t = igs_problem_find_time(p, i / 9, starts[i / 3 % 3]);
		ck_assert_int_ge(x, 0);
		ck_assert_int_ge(t, 0);
		ck_assert_int_eq(igs_schedule_set(s, x, t, igs_problem_find_room(p, rooms[i % 3])), IGS_OK);
	}
}

/* The advice given to session 'id' when only the fillers (and 'extra' placements) are placed. */
static char *advice_for(const char *sessions, const char *keep, const char *id, void (*extra)(const igs_problem *, igs_schedule *)) {
	igs_problem *p = load(sessions, keep);
	igs_schedule *s = igs_schedule_new(p);
	place_fillers(p, s, keep);
	if (extra)
		extra(p, s);
	int x = igs_problem_find_session(p, id);
	ck_assert_int_ge(x, 0);
	ck_assert_int_eq(s->time[x], -1);
	ck_assert_int_eq(igs_schedule_set_reason(s, x, "left out"), IGS_OK);
	ck_assert_int_eq(igs_advise(s), IGS_OK);
	ck_assert_ptr_nonnull(s->reason[x]);
	ck_assert_msg(strncmp(s->reason[x], "left out; ", 10) == 0, "reason kept first: %s", s->reason[x]);
	char *r = strdup(s->reason[x]);
	/* placed sessions get no advice */
	for (int i = 0; i < p->n_sessions; i++)
		if (s->time[i] >= 0)
			ck_assert_ptr_null(s->reason[i]);
	igs_schedule_free(s);
	igs_problem_free(p);
	return r;
}

#define ALL "xxxxxxxxxxxxxxxxxx"
#define EXPECT(r, needle) ck_assert_msg(strstr((r), (needle)) != NULL, "advice: %s\nexpected: %s", (r), (needle))

START_TEST(test_fits_as_is) {
	/* Day 1 full, Day 2 empty: it fits, and the advice says what it would cost. */
	char *r = advice_for("{\"id\": \"x\", \"duration\": 60, \"optional\": true}", "xxxxxxxxx.........", "x", NULL);
	EXPECT(r, "it fits as it is at Day 2 09:00 in room 'hall'");
	EXPECT(r, "against 100.000 for leaving it out");
	free(r);
}
END_TEST

START_TEST(test_another_day) {
	char *r = advice_for("{\"id\": \"x\", \"duration\": 90, \"optional\": true, \"days\": [\"Day 1\"]}",
			     "xxxxxxxxx.........", "x", NULL);
	EXPECT(r, "smallest change: allow Day 2 (it fits at Day 2 09:00 in room 'hall')");
	free(r);
}
END_TEST

START_TEST(test_smaller_room) {
	/* hall and ra full on both days; rb (40 seats) free, below the 100 it needs. */
	char *r = advice_for("{\"id\": \"x\", \"duration\": 90, \"optional\": true, \"min_capacity\": 100}",
			     "xx.xx.xx.xx.xx.xx.", "x", NULL);
	EXPECT(r, "smallest change: a smaller room (it fits at Day 1 09:00 in room 'rb', 40 seats, below the 100 it asks for)");
	free(r);
}
END_TEST

START_TEST(test_shorter) {
	/* Every middle slot taken: no 180-minute run anywhere; 90 minutes fit in the afternoon
	 * or the morning. */
	char *r = advice_for("{\"id\": \"x\", \"duration\": 180, \"optional\": true}", "...xxx......xxx...", "x", NULL);
	EXPECT(r, "smallest change: shorten it to ");
	int minutes = atoi(strstr(r, "shorten it to ") + strlen("shorten it to "));
	ck_assert_msg(minutes >= 90 && minutes < 180, "shortened to %d", minutes);
	free(r);
}
END_TEST

static void place_optional(const igs_problem *p, igs_schedule *s) {
	/* y (priority 1) and w (priority 0.5) hold the two room-slots the fillers leave. */
	ck_assert_int_eq(igs_schedule_set(s, igs_problem_find_session(p, "y"), igs_problem_find_time(p, 0, 9 * 60),
					  igs_problem_find_room(p, "hall")),
			 IGS_OK);
	ck_assert_int_eq(igs_schedule_set(s, igs_problem_find_session(p, "w"), igs_problem_find_time(p, 1, 14 * 60),
					  igs_problem_find_room(p, "rb")),
			 IGS_OK);
}

START_TEST(test_drop_lower_priority) {
	char *r = advice_for("{\"id\": \"x\", \"duration\": 90, \"optional\": true, \"priority\": 2},"
			     "{\"id\": \"y\", \"duration\": 90, \"optional\": true, \"priority\": 1},"
			     "{\"id\": \"w\", \"duration\": 90, \"optional\": true, \"priority\": 0.5}",
			     ".xxxxxxxxxxxxxxxx.", "x", place_optional);
	EXPECT(r, "smallest change: drop 'w' (priority 0.5; it then fits at Day 2 14:00 in room 'rb')");
	free(r);
	/* A session of lower priority than both may drop neither. */
	r = advice_for("{\"id\": \"x\", \"duration\": 90, \"optional\": true, \"priority\": 0.25},"
		       "{\"id\": \"y\", \"duration\": 90, \"optional\": true, \"priority\": 1},"
		       "{\"id\": \"w\", \"duration\": 90, \"optional\": true, \"priority\": 0.5}",
		       ".xxxxxxxxxxxxxxxx.", "x", place_optional);
	EXPECT(r, "no single change lets it in");
	free(r);
}
END_TEST

START_TEST(test_nothing_helps) {
	char *r = advice_for("{\"id\": \"x\", \"duration\": 90, \"optional\": true}", ALL, "x", NULL);
	EXPECT(r, "no single change lets it in");
	free(r);
}
END_TEST

static void place_side_by_side(const igs_problem *p, igs_schedule *s) {
	/* y (priority 5) and w (priority 0.5) both at Day 2 14:00, in hall and rb. */
	int t = igs_problem_find_time(p, 1, 14 * 60);
	ck_assert_int_eq(igs_schedule_set(s, igs_problem_find_session(p, "y"), t, igs_problem_find_room(p, "hall")), IGS_OK);
	ck_assert_int_eq(igs_schedule_set(s, igs_problem_find_session(p, "w"), t, igs_problem_find_room(p, "rb")), IGS_OK);
}

START_TEST(test_person_blocks) {
	/* Dropping w frees Day 2 14:00 in rb, but x's speaker is in y then: not offered. */
	const char *keep = "xxxxxxxxxxxxxxx.x.";
	char *r = advice_for("{\"id\": \"x\", \"duration\": 90, \"optional\": true, \"people\": [\"p1\"]},"
			     "{\"id\": \"y\", \"duration\": 90, \"optional\": true, \"priority\": 5, \"people\": [\"p1\"]},"
			     "{\"id\": \"w\", \"duration\": 90, \"optional\": true, \"priority\": 0.5}",
			     keep, "x", place_side_by_side);
	EXPECT(r, "no single change lets it in");
	free(r);
	/* the same without the shared speaker: dropping w is the advice */
	r = advice_for("{\"id\": \"x\", \"duration\": 90, \"optional\": true},"
		       "{\"id\": \"y\", \"duration\": 90, \"optional\": true, \"priority\": 5, \"people\": [\"p1\"]},"
		       "{\"id\": \"w\", \"duration\": 90, \"optional\": true, \"priority\": 0.5}",
		       keep, "x", place_side_by_side);
	EXPECT(r, "smallest change: drop 'w'");
	free(r);
}
END_TEST

/* One parallel class, two limits: x's type allows two at once, o's only one. x and o start
 * together, x first by index, so the evaluator sees x running when o starts, and o's own limit
 * is reached. Checking x against its own limit alone promised that fit. */
START_TEST(test_parallel_mixed_limits) {
	const char *sessions = "{\"id\": \"x\", \"type\": \"ta\", \"duration\": 90, \"optional\": true},"
			       "{\"id\": \"o\", \"type\": \"tb\", \"duration\": 90}";
	const char *rules = "\"type_rules\": {\"ta\": {\"parallel_class\": \"c\", \"max_parallel\": 2},"
			    " \"tb\": {\"parallel_class\": \"c\", \"max_parallel\": 1}}";
	const char *keep = "..xxxxxxxxxxxxxxxx";
	igs_problem *p = load_with(sessions, keep, rules);
	igs_schedule *s = igs_schedule_new(p);
	place_fillers(p, s, keep);
	int x = igs_problem_find_session(p, "x"), o = igs_problem_find_session(p, "o");
	int t = igs_problem_find_time(p, 0, 9 * 60);
	ck_assert_int_lt(x, o);
	ck_assert_int_eq(igs_schedule_set(s, o, t, igs_problem_find_room(p, "ra")), IGS_OK);

	/* The fit the old advice promised: the evaluator rejects it. */
	ck_assert_int_eq(igs_schedule_set(s, x, t, igs_problem_find_room(p, "hall")), IGS_OK);
	igs_report *r = NULL;
	ck_assert_int_eq(igs_evaluate(&r, p, s), IGS_OK);
	ck_assert_int_eq(r->n_violations, 1);
	ck_assert_int_eq(r->violations[0].kind, IGS_V_MAX_PARALLEL);
	igs_report_free(r);

	ck_assert_int_eq(igs_schedule_set(s, x, -1, -1), IGS_OK);
	ck_assert_int_eq(igs_schedule_set_reason(s, x, "left out"), IGS_OK);
	ck_assert_int_eq(igs_advise(s), IGS_OK);
	ck_assert_msg(strstr(s->reason[x], "it fits as it is") == NULL, "advice: %s", s->reason[x]);
	/* Nothing else lets it in: the fillers hold every other room-slot, and a shorter x still
	 * starts with o. */
	EXPECT(s->reason[x], "no single change lets it in");
	igs_schedule_free(s);
	igs_problem_free(p);
}
END_TEST

int main(void) {
	Suite *s = suite_create("advice");
	TCase *tc = tcase_create("changes");
	tcase_add_test(tc, test_fits_as_is);
	tcase_add_test(tc, test_another_day);
	tcase_add_test(tc, test_smaller_room);
	tcase_add_test(tc, test_shorter);
	tcase_add_test(tc, test_drop_lower_priority);
	tcase_add_test(tc, test_nothing_helps);
	tcase_add_test(tc, test_person_blocks);
	tcase_add_test(tc, test_parallel_mixed_limits);
	suite_add_tcase(s, tc);
	return tu_run_suite(s);
}
