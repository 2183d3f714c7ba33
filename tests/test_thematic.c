/* Tests of meeting.thematic_rooms (one first theme per room and slot) and named slots: the
 * evaluator's verdicts, every solver keeping the rule, and the advice for a session it leaves out. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "solver/advice.h"
#include "solver/greedy.h"
#include "solver/local.h"
#include "testutil.h"

#define EPS 1e-9

/* One day, two named one-hour slots with starts every 30 minutes, rooms as given, themes a
 * and b; the rule on or off. */
static igs_problem *load(bool thematic, const char *rooms, const char *sessions) {
	char text[4096];
	snprintf(text, sizeof text,
		 "{\"meeting\": {\"name\": \"T\", \"thematic_rooms\": %s, \"join_gap\": 0},\n"
		 " \"days\": [{\"date\": \"2026-06-01\", \"label\": \"Day 1\", \"start_every\": 30,"
		 " \"slots\": [{\"name\": \"Mon1\", \"time\": \"09:00-10:00\"}, {\"name\": \"Mon2\", \"time\": \"11:00-12:00\"}]}],\n"
		 " \"rooms\": [%s],\n \"themes\": [{\"id\": \"a\"}, {\"id\": \"b\"}],\n \"sessions\": [%s]}\n",
		 thematic ? "true" : "false", rooms, sessions);
	igs_problem *p = tu_load_ok(text);
	return p;
}

#define S30(id, theme) "{\"id\": \"" id "\", \"type\": \"workshop\", \"duration\": 30" theme "}"
#define TH(x) ", \"themes\": [\"" x "\"]"

static void put(const igs_problem *p, igs_schedule *s, const char *id, int start, const char *room) {
	int i = igs_problem_find_session(p, id), t = igs_problem_find_time(p, 0, start),
	    r = igs_problem_find_room(p, room);
	ck_assert(i >= 0 && t >= 0 && r >= 0);
	igs_schedule_set(s, i, t, r);
}

static int count_kind(const igs_report *r, igs_violation_kind k) {
	int n = 0;
	for (int i = 0; i < r->n_violations; i++)
		n += r->violations[i].kind == k;
	return n;
}

START_TEST(test_named_slots_read) {
	igs_problem *p = load(true, "{\"id\": \"r1\"}", S30("x", TH("a")));
	ck_assert(p->thematic_rooms);
	ck_assert_int_eq(p->days[0].n_slots, 2);
	ck_assert_ptr_nonnull(p->days[0].slot_names);
	ck_assert_str_eq(p->days[0].slot_names[0], "Mon1");
	ck_assert_str_eq(p->days[0].slot_names[1], "Mon2");
	ck_assert_int_eq(p->days[0].n_starts, 4);
	igs_problem_free(p);
	/* Defaults: no names, the rule off. */
	char *text = tu_problem(S30("x", ""), "");
	igs_diag *d = igs_diag_new();
	ck_assert_int_eq(tu_load_text(&p, d, text), IGS_OK);
	ck_assert(!p->thematic_rooms);
	ck_assert_ptr_null(p->days[0].slot_names);
	igs_problem_free(p);
	free(text);
	/* Mistakes name the slot: a repeated name, a missing time, an empty name. */
	const char *bad = "{\"meeting\": {\"name\": \"T\"}, \"days\": [{\"date\": \"2026-06-01\", \"slots\": ["
			  "{\"name\": \"A\", \"time\": \"09:00-10:00\"}, {\"name\": \"A\", \"time\": \"11:00-12:00\"},"
			  " {\"name\": \"B\"}, {\"name\": \"\", \"time\": \"13:00-14:00\"}, {\"time\": \"15:00-16:00\", \"room\": 1}]}],"
			  " \"rooms\": [{\"id\": \"r\"}], \"sessions\": [" S30("x", "") "]}";
	ck_assert_int_eq(tu_load_text(&p, d, bad), IGS_EINPUT);
	ck_assert(tu_diag_has(d, "days[0].slots", "two slots are named 'A'"));
	ck_assert(tu_diag_has(d, "days[0].slots[2].time", "is missing"));
	ck_assert(tu_diag_has(d, "days[0].slots[3].name", "is empty"));
	ck_assert(tu_diag_has(d, "days[0].slots[4].name", "missing"));
	ck_assert(tu_diag_has(d, "days[0].slots[4].room", "name, time"));
	igs_diag_free(d);
}
END_TEST

START_TEST(test_evaluator_verdicts) {
	/* r1 at Mon1: a, a, b (b is the one to move); r1 at Mon2: a and b, the earliest (a) stays;
	 * r2 at Mon1: b and one without a theme; r2 at Mon2: two without a theme (fine). */
	igs_problem *p = load(true, "{\"id\": \"r1\"}, {\"id\": \"r2\"}, {\"id\": \"r3\"}",
			      S30("a1", TH("a")) "," S30("a2", TH("a")) "," S30("b1", TH("b")) "," S30("a3", TH("a")) ","
			      S30("b2", TH("b")) "," S30("b3", TH("b")) "," S30("n1", "") "," S30("n2", "") "," S30("n3", ""));
	igs_schedule *s = igs_schedule_new(p);
	put(p, s, "b1", 9 * 60, "r1");
	put(p, s, "a1", 9 * 60 + 30, "r1");
	put(p, s, "a2", 9 * 60 + 30, "r1"); /* a room clash too: the rule counts it all the same */
	put(p, s, "a3", 11 * 60, "r1");
	put(p, s, "b2", 11 * 60 + 30, "r1");
	put(p, s, "b3", 9 * 60, "r2");
	put(p, s, "n1", 9 * 60 + 30, "r2");
	put(p, s, "n2", 11 * 60, "r2");
	put(p, s, "n3", 11 * 60 + 30, "r2");
	igs_report *r = tu_eval(p, s);
	ck_assert_int_eq(count_kind(r, IGS_V_ROOM_THEME), 3);
	ck_assert_int_eq(count_kind(r, IGS_V_ROOM_CLASH), 1);
	int seen = 0;
	for (int i = 0; i < r->n_violations; i++) {
		const igs_violation *v = &r->violations[i];
		if (v->kind != IGS_V_ROOM_THEME)
			continue;
		if (strstr(v->text, "'b1' (b) and 'a1' (a) are both in room 'r1' in the slot Mon1 09:00-10:00 of Day 1") &&
		    strstr(v->text, "move 'b1'"))
			seen |= 1;
		if (strstr(v->text, "'b2' (b) and 'a3' (a)") && strstr(v->text, "Mon2 11:00-12:00"))
			seen |= 2;
		if (strstr(v->text, "'n1' (no theme) and 'b3' (b)") && strstr(v->text, "make its first theme b"))
			seen |= 4;
	}
	ck_assert_msg(seen == 7, "texts seen: %d", seen);
	igs_report_free(r);
	/* The same schedule with the rule off: only the room clash. */
	p->thematic_rooms = false;
	r = tu_eval(p, s);
	ck_assert_int_eq(count_kind(r, IGS_V_ROOM_THEME), 0);
	ck_assert_int_eq(r->n_violations, 1);
	igs_report_free(r);
	igs_schedule_free(s);
	igs_problem_free(p);
}
END_TEST

/* One room, two slots of two 30-minute starts. a1 and b1 want Mon1 (weight 1 each); a2 and
 * b2 have no wish. Without the rule a1 and b1 share Mon1 and nothing is missed; with it one
 * theme holds Mon1, so one wish is missed: the optimum is that wish's cost. */
#define WANT ", \"prefer\": [{\"from\": \"09:00\", \"to\": \"10:00\"}]"
static igs_problem *tempting(bool thematic) {
	return load(thematic, "{\"id\": \"r1\"}",
		    S30("a1", TH("a") WANT) "," S30("b1", TH("b") WANT) "," S30("a2", TH("a")) "," S30("b2", TH("b")));
}

static double solved(const igs_problem *p, igs_solver_kind solver, long moves) {
	igs_options o;
	igs_options_init(&o);
	o.verbose = 0;
	o.solver = solver;
	o.moves = moves;
	o.time_limit = 30;
	igs_schedule *s = tu_solve(p, &o, IGS_OK, NULL);
	igs_report *r = tu_eval(p, s);
	tu_expect_no_hard(r);
	ck_assert_int_eq(r->n_unscheduled, 0);
	double total = r->total;
	igs_report_free(r);
	igs_schedule_free(s);
	return total;
}

START_TEST(test_solvers_keep_the_rule) {
	igs_problem *off = tempting(false), *on = tempting(true);
	ck_assert(fabs(solved(off, IGS_SOLVER_HEURISTIC, 20000)) < EPS);
	double wish = off->weights.preference; /* one session outside its wished window */
	ck_assert(wish > 0);
	/* The greedy alone, the local search, the exact solver and auto all keep the rule; the
	 * searches reach the optimum. The exact model's time phase leaves the rule out, so its
	 * room phase cannot seat its choice: it must fall back on a valid schedule. */
	double g = solved(on, IGS_SOLVER_HEURISTIC, 0);
	ck_assert(g >= wish - EPS);
	ck_assert_msg(fabs(solved(on, IGS_SOLVER_HEURISTIC, 20000) - wish) < EPS, "heuristic above the optimum");
	ck_assert_msg(fabs(solved(on, IGS_SOLVER_AUTO, 20000) - wish) < EPS, "auto above the optimum");
	ck_assert(solved(on, IGS_SOLVER_EXACT, 0) >= wish - EPS);
	igs_problem_free(off);
	igs_problem_free(on);
}
END_TEST

START_TEST(test_greedy_names_the_rule) {
	/* One room, one slot: a1 takes it, so the optional b1 cannot come in; its reason names
	 * the rule and the session in the way, and the advice finds no place "as it is". */
	igs_problem *p = load(true, "{\"id\": \"r1\"}",
			      "{\"id\": \"a1\", \"type\": \"workshop\", \"duration\": 30, \"themes\": [\"a\"],"
			      " \"pin\": {\"start\": \"09:00\"}, \"days\": [\"Day 1\"]},"
			      "{\"id\": \"a2\", \"type\": \"workshop\", \"duration\": 30, \"themes\": [\"a\"], \"pin\": {\"start\": \"11:00\"}},"
			      "{\"id\": \"b1\", \"type\": \"workshop\", \"duration\": 30, \"themes\": [\"b\"], \"optional\": true}");
	igs_options o;
	igs_options_init(&o);
	igs_schedule *s = igs_schedule_new(p);
	ck_assert_int_eq(igs_greedy_solve(s, &o), IGS_OK);
	int b1 = igs_problem_find_session(p, "b1");
	ck_assert_int_lt(s->time[b1], 0);
	ck_assert_ptr_nonnull(s->reason[b1]);
	ck_assert_msg(strstr(s->reason[b1], "room_theme") && strstr(s->reason[b1], "room 'r1' holds 'a"),
		      "reason: %s", s->reason[b1]);
	ck_assert_int_eq(igs_advise(s), IGS_OK);
	ck_assert_msg(!strstr(s->reason[b1], "fits as it is"), "advice: %s", s->reason[b1]);
	igs_schedule_free(s);
	/* With the rule off, b1 fits beside a1 and the advice says so of a schedule without it. */
	p->thematic_rooms = false;
	s = igs_schedule_new(p);
	ck_assert_int_eq(igs_greedy_solve(s, &o), IGS_OK);
	ck_assert_int_ge(s->time[b1], 0);
	igs_schedule_free(s);
	igs_problem_free(p);
}
END_TEST

START_TEST(test_advice_drops_the_one_in_the_way) {
	/* One room. a1 (theme a, optional, low priority) runs 09:00-09:30; b1 (theme b, 60 minutes)
	 * could only take Mon1, since a2 fills Mon2: a1 overlaps it and holds the cell for theme a.
	 * Dropping a1 alone lets b1 in, and the advice must say so (a1 is one blocker, not two). */
	igs_problem *p = load(true, "{\"id\": \"r1\"}",
			      "{\"id\": \"a1\", \"type\": \"workshop\", \"duration\": 30, \"themes\": [\"a\"],"
			      " \"optional\": true, \"priority\": 0.5},"
			      "{\"id\": \"a2\", \"type\": \"workshop\", \"duration\": 60, \"themes\": [\"a\"]},"
			      "{\"id\": \"b1\", \"type\": \"workshop\", \"duration\": 60, \"themes\": [\"b\"],"
			      " \"optional\": true, \"priority\": 2}");
	igs_schedule *s = igs_schedule_new(p);
	put(p, s, "a1", 9 * 60, "r1");
	put(p, s, "a2", 11 * 60, "r1");
	int b1 = igs_problem_find_session(p, "b1");
	ck_assert_int_eq(igs_schedule_set_reason(s, b1, "left out"), IGS_OK);
	ck_assert_int_eq(igs_advise(s), IGS_OK);
	ck_assert_msg(strstr(s->reason[b1], "drop 'a1'"), "advice: %s", s->reason[b1]);
	igs_schedule_free(s);
	igs_problem_free(p);
}
END_TEST

/* track_breaks: a track's runs of consecutive slots less one, counted across the days in
 * programme order. Two days of three slots; track a starts in slots 1 and 3 of Day 1 and in
 * slot 1 of Day 2 (runs {1}, {3, Day 2's 1}: one break); track b in slot 2 only; a session of
 * themes [b, a] counts for b alone (its track). */
START_TEST(test_track_breaks_counted) {
	char *text = tu_problem("{\"id\": \"a1\", \"duration\": 90, \"themes\": [\"a\"]},"
				"{\"id\": \"a2\", \"duration\": 90, \"themes\": [\"a\"]},"
				"{\"id\": \"a3\", \"duration\": 90, \"themes\": [\"a\"]},"
				"{\"id\": \"b1\", \"duration\": 90, \"themes\": [\"b\", \"a\"]}",
				"\"weights\": {\"track_breaks\": 4}");
	igs_diag *d = igs_diag_new();
	igs_problem *p = NULL;
	ck_assert_int_eq(tu_load_text(&p, d, text), IGS_OK);
	igs_schedule *s = igs_schedule_new(p);
	ck_assert_ptr_nonnull(s);
	static const struct {
		const char *id;
		int day, start;
	} at[] = {{"a1", 0, 540}, {"a2", 0, 840}, {"a3", 1, 540}, {"b1", 0, 660}};
	for (size_t i = 0; i < sizeof at / sizeof at[0]; i++)
		igs_schedule_set(s, igs_problem_find_session(p, at[i].id), igs_problem_find_time(p, at[i].day, at[i].start),
				 igs_problem_find_room(p, "hall"));
	igs_report *r = tu_eval(p, s);
	ck_assert_int_eq((int)r->track_breaks.count, 1);
	ck_assert(fabs(r->track_breaks.cost - 4) < EPS);
	igs_report_free(r);
	/* a3 on Day 1 in slot 2: a's slots 1, 2, 3 are one run, b shares slot 2 in another room. */
	igs_schedule_set(s, igs_problem_find_session(p, "a3"), igs_problem_find_time(p, 0, 660),
			 igs_problem_find_room(p, "ra"));
	r = tu_eval(p, s);
	ck_assert_int_eq((int)r->track_breaks.count, 0);
	igs_report_free(r);
	igs_schedule_free(s);
	igs_problem_free(p);
	igs_diag_free(d);
	free(text);
}
END_TEST

/* After every accepted move of the local search, the total it keeps is the evaluator's and no
 * hard rule breaks. */
typedef struct {
	const igs_problem *p;
	long checks;
	double worst;
} watch;

static bool watched(const igs_schedule *s, double total, void *arg) {
	watch *w = arg;
	igs_report *r = tu_eval(w->p, s);
	for (int i = 0; i < r->n_violations; i++)
		ck_assert_msg(r->violations[i].kind == IGS_V_UNSCHEDULED, "move %ld: %s", w->checks, r->violations[i].text);
	double err = fabs(r->total - total);
	w->worst = err > w->worst ? err : w->worst;
	ck_assert_msg(err < 1e-6, "move %ld: kept %.9f, evaluated %.9f", w->checks, total, r->total);
	igs_report_free(r);
	w->checks++;
	return true;
}

/* A small thematic programme with every term that needs bookkeeping of its own in the local
 * search on: shared speakers and attendees (attendee_clash, person_slot, attendee_slot), a
 * theme with a chair, track_breaks, room_stability; three equal slots a day, so whole cells
 * can be exchanged, and as many sessions as fit, so emptying cells matters. */
static igs_problem *busy_programme(void) {
	char sessions[16384];
	size_t used = 0;
	static const char *const themes[] = {"a", "b", "c"}, *const people[] = {"p1", "p2", "p3", "p4", "p5", "p6"};
	for (int i = 0; i < 30; i++) {
		used += (size_t)snprintf(sessions + used, sizeof sessions - used,
					 "%s{\"id\": \"s%02d\", \"duration\": %d, \"themes\": [\"%s\"], \"people\": [\"%s\"],"
					 " \"attendees\": [\"%s\"]%s}",
					 i ? ",\n" : "", i, i % 3 == 0 ? 60 : 30, themes[(i * 7) % 3], people[i % 6],
					 people[(i + 2) % 6], i % 5 == 4 ? ", \"optional\": true" : "");
		ck_assert(used < sizeof sessions);
	}
	char text[20000];
	snprintf(text, sizeof text,
		 "{\"meeting\": {\"name\": \"T\", \"thematic_rooms\": true, \"join_gap\": 0},\n"
		 " \"days\": [{\"date\": \"2026-06-01\", \"start_every\": 30,"
		 " \"slots\": [\"09:00-10:30\", \"11:00-12:30\", \"14:00-15:30\"]},"
		 " {\"date\": \"2026-06-02\", \"start_every\": 30,"
		 " \"slots\": [\"09:00-10:30\", \"11:00-12:30\", \"14:00-15:30\"]}],\n"
		 " \"rooms\": [{\"id\": \"r1\"}, {\"id\": \"r2\"}],\n"
		 " \"themes\": [{\"id\": \"a\", \"chairs\": [\"ch\"]}, {\"id\": \"b\"}, {\"id\": \"c\"}],\n"
		 " \"people\": [{\"id\": \"p1\"}, {\"id\": \"p2\"}, {\"id\": \"p3\"}, {\"id\": \"p4\"},"
		 " {\"id\": \"p5\"}, {\"id\": \"p6\"}, {\"id\": \"ch\"}],\n"
		 " \"weights\": {\"attendee_clash\": 1.5, \"person_slot\": 3, \"attendee_slot\": 0.7,"
		 " \"track_breaks\": 2.5, \"room_stability\": 0.3},\n"
		 " \"sessions\": [%s]}\n",
		 sessions);
	igs_problem *p = tu_load_ok(text);
	return p;
}

START_TEST(test_local_search_keeps_books) {
	igs_problem *p = busy_programme();
	for (long seed = 1; seed <= 3; seed++) {
		igs_schedule *s = igs_schedule_new(p);
		ck_assert_ptr_nonnull(s);
		igs_options o;
		igs_options_init(&o);
		o.verbose = 0;
		o.seed = seed;
		int rc = igs_greedy_solve(s, &o);
		ck_assert(rc == IGS_OK || rc == IGS_EINFEASIBLE);
		watch w = {.p = p};
		igs_local_stats st = {.on_accept = watched, .arg = &w};
		ck_assert_int_eq(igs_local_search(s, &o, 30000, &st), IGS_OK);
		ck_assert_int_eq(st.accepted, w.checks);
		ck_assert_int_gt(st.accepted, 500);
		/* The whole-cell moves ran, and were kept some of the time. */
		ck_assert_int_gt(st.exchanged, 0);
		ck_assert_int_gt(st.evacuated, 0);
		igs_report *r = tu_eval(p, s);
		ck_assert(fabs(r->total - st.best_score) < 1e-6);
		ck_assert(r->track_breaks.count >= 0 && r->person_slot.count >= 0);
		igs_report_free(r);
		igs_schedule_free(s);
	}
	igs_problem_free(p);
}
END_TEST

static Suite *suite(void) {
	Suite *s = suite_create("thematic");
	TCase *tc = tcase_create("core");
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, test_named_slots_read);
	tcase_add_test(tc, test_evaluator_verdicts);
	tcase_add_test(tc, test_solvers_keep_the_rule);
	tcase_add_test(tc, test_greedy_names_the_rule);
	tcase_add_test(tc, test_advice_drops_the_one_in_the_way);
	tcase_add_test(tc, test_track_breaks_counted);
	tcase_add_test(tc, test_local_search_keeps_books);
	suite_add_tcase(s, tc);
	return s;
}

int main(void) {
	return tu_run_suite(suite());
}
