/* Tests of the evaluator (igs_evaluate) on hand-computed cases: every soft term, every hard violation kind, theme shares, and its usage errors. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "io/report_print.h"
#include "testutil.h"

#define EPS 1e-9

/* ---- helpers ---- */

static igs_problem *load_text(const char *text) {
	return tu_load_ok(text);
}

static igs_problem *load(const char *sessions, const char *extra) {
	char *text = tu_problem(sessions, extra);
	igs_problem *p = load_text(text);
	free(text);
	return p;
}

/* Replaces the first occurrence of 'from' in the heap string s (which it frees). */
static char *replace_once(char *s, const char *from, const char *to) {
	char *at = strstr(s, from);
	ck_assert_ptr_nonnull(at);
	size_t n = strlen(s) - strlen(from) + strlen(to) + 1;
	char *o = malloc(n);
	ck_assert_ptr_nonnull(o);
	snprintf(o, n, "%.*s%s%s", (int)(at - s), s, to, at + strlen(from));
	free(s);
	return o;
}

static int time_at(const igs_problem *p, int day, const char *hhmm) {
	int h, m;
	ck_assert_int_eq(sscanf(hhmm, "%d:%d", &h, &m), 2);
	int t = igs_problem_find_time(p, day, h * 60 + m);
	ck_assert_msg(t >= 0, "day %d %s is not a time of the problem", day, hhmm);
	return t;
}

/* Places session 'id' on day index 'day' (0 = "Day 1") at "HH:MM" in room 'room'. */
static void put(igs_schedule *s, const char *id, int day, const char *hhmm, const char *room) {
	const igs_problem *p = s->problem;
	int r = igs_problem_find_room(p, room);
	ck_assert_msg(r >= 0, "no room '%s'", room);
	ck_assert_int_eq(igs_schedule_set(s, tu_sid(p, id), time_at(p, day, hhmm), r), IGS_OK);
}

typedef struct {
	const char *name; /* NULL ends the list */
	double count, cost;
} term_exp;

/* Every soft term has exactly the listed count and cost (0 and 0 when not listed), and the
 * total is their sum. */
static void expect_terms(const igs_report *r, const term_exp *e) {
	int matched = 0, listed = 0;
	double sum = 0, report_sum = 0;
	for (const term_exp *x = e; x->name; x++)
		listed++;
#define IGS_T_CHECK(f, n, d, m, h)                                                                   \
	{                                                                                          \
		double count = 0, cost = 0;                                                        \
		for (const term_exp *x = e; x->name; x++)                                          \
			if (strcmp(x->name, n) == 0) {                                             \
				count = x->count;                                                  \
				cost = x->cost;                                                    \
				matched++;                                                         \
			}                                                                          \
		ck_assert_msg(fabs(r->f.count - count) < EPS, "%s: count %.9g, expected %.9g", n, r->f.count, \
			      count);                                                              \
		ck_assert_msg(fabs(r->f.cost - cost) < EPS, "%s: cost %.9g, expected %.9g", n, r->f.cost, cost); \
		sum += cost;                                                                       \
		report_sum += r->f.cost;                                                           \
	}
	IGS_WEIGHTS(IGS_T_CHECK)
#undef IGS_T_CHECK
	ck_assert_msg(matched == listed, "a listed term name is not a soft term");
	ck_assert_msg(fabs(r->total - sum) < EPS, "total %.9g, expected %.9g", r->total, sum);
	ck_assert_msg(fabs(r->total - report_sum) < EPS, "total %.9g is not the sum of the costs %.9g", r->total,
		      report_sum);
	ck_assert(fabs(igs_report_score(r) - r->total) < EPS);
}

/* The i-th violation has this kind and sessions (b may be -1), and its text names them
 * (quoted) and every extra word given. */
static void expect_violation(const igs_report *r, int i, igs_violation_kind kind, int a, int b,
			     const char *const *words) {
	ck_assert_int_lt(i, r->n_violations);
	const igs_violation *v = &r->violations[i];
	if ((int)v->kind != (int)kind)
		tu_dump_violations(r);
	ck_assert_str_eq(igs_violation_name(v->kind), igs_violation_name(kind));
	ck_assert_int_eq(v->a, a);
	ck_assert_int_eq(v->b, b);
	ck_assert_ptr_nonnull(v->text);
	for (int k = 0; words && words[k]; k++)
		ck_assert_msg(strstr(v->text, words[k]) != NULL, "'%s' does not name %s", v->text, words[k]);
}

/* ---- soft terms, one at a time ---- */

START_TEST(test_theme_clash) {
	/* s1, s2 overlap (Day 1 09:00) and share a: 1 clash. s3 (120 min, 09:00-11:00) and s4
	 * (11:00) only touch, so they do not overlap. Spread: a has 4, D = 2, fair 2, 2 a day. */
	igs_problem *p = load("{\"id\": \"s1\", \"duration\": 90, \"themes\": [\"a\"]},"
			      "{\"id\": \"s2\", \"duration\": 90, \"themes\": [\"a\"]},"
			      "{\"id\": \"s3\", \"duration\": 120, \"themes\": [\"a\"]},"
			      "{\"id\": \"s4\", \"duration\": 90, \"themes\": [\"a\"]}",
			      "");
	igs_schedule *s = igs_schedule_new(p);
	put(s, "s1", 0, "09:00", "ra");
	put(s, "s2", 0, "09:00", "rb");
	put(s, "s3", 1, "09:00", "ra");
	put(s, "s4", 1, "11:00", "ra");
	igs_report *r = tu_eval(p, s);
	tu_expect_no_hard(r);
	/* room_stability counts (a uses ra and rb on Day 1) but weighs 0 by default; so does
	 * track_breaks (a starts in slot 1 of Day 1, then slots 1 and 2 of Day 2: one break). */
	expect_terms(r, (term_exp[]){{"theme_clash", 1, 10}, {"room_stability", 1, 0}, {"track_breaks", 1, 0}, {NULL, 0, 0}});
	ck_assert_int_eq(r->clash_pairs, 1);
	ck_assert_int_eq(r->n_scheduled, 4);
	ck_assert_int_eq(r->n_unscheduled, 0);
	igs_report_free(r);
	igs_schedule_free(s);
	igs_problem_free(p);
}
END_TEST

START_TEST(test_theme_clash_per_shared_theme) {
	/* Both themes shared: 2 clashes; a theme listed twice counts once. Spread: a and b each
	 * have 2 on Day 1, fair 1: 1 + 1. */
	igs_problem *p = load("{\"id\": \"s1\", \"duration\": 90, \"themes\": [\"a\", \"b\", \"a\"]},"
			      "{\"id\": \"s2\", \"duration\": 60, \"themes\": [\"b\", \"a\"]}",
			      "");
	igs_schedule *s = igs_schedule_new(p);
	put(s, "s1", 0, "11:00", "hall");
	put(s, "s2", 0, "11:00", "rb");
	igs_report *r = tu_eval(p, s);
	tu_expect_no_hard(r);
	expect_terms(r, (term_exp[]){{"theme_clash", 2, 20}, {"theme_spread", 2, 2}, {"room_stability", 2, 0}, {NULL, 0, 0}});
	ck_assert_int_eq(r->clash_pairs, 1);
	igs_report_free(r);
	igs_schedule_free(s);
	igs_problem_free(p);
}
END_TEST

START_TEST(test_tag_clash) {
	/* s1 and s2 overlap and share tags x and y (z only in s2): 2 × 2. s3 shares x but runs
	 * on Day 2. */
	igs_problem *p = load("{\"id\": \"s1\", \"duration\": 90, \"tags\": [\"x\", \"y\", \"x\"]},"
			      "{\"id\": \"s2\", \"duration\": 90, \"tags\": [\"y\", \"z\", \"x\"]},"
			      "{\"id\": \"s3\", \"duration\": 90, \"tags\": [\"x\"]}",
			      "");
	igs_schedule *s = igs_schedule_new(p);
	put(s, "s1", 0, "14:00", "ra");
	put(s, "s2", 0, "14:00", "hall");
	put(s, "s3", 1, "14:00", "ra");
	igs_report *r = tu_eval(p, s);
	tu_expect_no_hard(r);
	expect_terms(r, (term_exp[]){{"tag_clash", 2, 4}, {NULL, 0, 0}});
	ck_assert_int_eq(r->clash_pairs, 1);
	igs_report_free(r);
	igs_schedule_free(s);
	igs_problem_free(p);
}
END_TEST

START_TEST(test_similarity_clash) {
	/* similarity(a, b) = 0.4. Day 1: s1 {a} with s2 {b}: 0.4. Day 2: s3 {a, b} with s4 {b}:
	 * (a, b) 0.4 and (b, b) is a theme clash. Spread: a has s1, s3, one a day; b has 3,
	 * fair 2, Day 2 has 2. */
	igs_problem *p = load("{\"id\": \"s1\", \"duration\": 90, \"themes\": [\"a\"]},"
			      "{\"id\": \"s2\", \"duration\": 90, \"themes\": [\"b\"]},"
			      "{\"id\": \"s3\", \"duration\": 90, \"themes\": [\"a\", \"b\"]},"
			      "{\"id\": \"s4\", \"duration\": 90, \"themes\": [\"b\"]}",
			      "\"theme_similarity\": [{\"a\": \"a\", \"b\": \"b\", \"value\": 0.4}]");
	igs_schedule *s = igs_schedule_new(p);
	put(s, "s1", 0, "09:00", "ra");
	put(s, "s2", 0, "09:00", "rb");
	put(s, "s3", 1, "09:00", "ra");
	put(s, "s4", 1, "09:00", "rb");
	igs_report *r = tu_eval(p, s);
	tu_expect_no_hard(r);
	/* b uses ra and rb on Day 2: room_stability 1, at weight 0. Tracks a (s1, s3) and b (s2,
	 * s4) each start in the first slot of both days, with Day 1's two later slots between:
	 * one break each, at weight 0. */
	expect_terms(r, (term_exp[]){{"similarity_clash", 0.8, 8}, {"theme_clash", 1, 10}, {"room_stability", 1, 0},
				     {"track_breaks", 2, 0}, {NULL, 0, 0}});
	/* clash_pairs counts shared themes or tags only: (s3, s4). */
	ck_assert_int_eq(r->clash_pairs, 1);
	igs_report_free(r);
	igs_schedule_free(s);
	igs_problem_free(p);
}
END_TEST

START_TEST(test_theme_spread) {
	/* a: 3 sessions that may run on both days, all on Day 1: fair ⌈3/2⌉ = 2, 1 extra.
	 * b: 2 sessions allowed on Day 1 only, so D = 1 and fair 2: none extra. */
	igs_problem *p = load("{\"id\": \"a1\", \"duration\": 90, \"themes\": [\"a\"]},"
			      "{\"id\": \"a2\", \"duration\": 90, \"themes\": [\"a\"]},"
			      "{\"id\": \"a3\", \"duration\": 90, \"themes\": [\"a\"]},"
			      "{\"id\": \"b1\", \"duration\": 90, \"themes\": [\"b\"], \"days\": [\"Day 1\"]},"
			      "{\"id\": \"b2\", \"duration\": 90, \"themes\": [\"b\"], \"days\": [\"2025-06-23\"]}",
			      "");
	igs_schedule *s = igs_schedule_new(p);
	put(s, "a1", 0, "09:00", "ra");
	put(s, "a2", 0, "11:00", "ra");
	put(s, "a3", 0, "14:00", "ra");
	put(s, "b1", 0, "09:00", "rb");
	put(s, "b2", 0, "11:00", "rb");
	igs_report *r = tu_eval(p, s);
	tu_expect_no_hard(r);
	expect_terms(r, (term_exp[]){{"theme_spread", 1, 1}, {NULL, 0, 0}});
	igs_report_free(r);

	/* Moving a3 to Day 2 removes the extra one, and breaks a's run of slots (at weight 0). */
	put(s, "a3", 1, "14:00", "ra");
	r = tu_eval(p, s);
	expect_terms(r, (term_exp[]){{"track_breaks", 1, 0}, {NULL, 0, 0}});
	igs_report_free(r);
	igs_schedule_free(s);
	igs_problem_free(p);
}
END_TEST

START_TEST(test_capacity_terms) {
	/* s1: 60 in rb (40): 20 over. s2: 10 in ra (100): 100 - 20 = 80 idle seats.
	 * s3: unknown attendance: nothing. s4: 300 in hall (500 < 600): nothing.
	 * s5: 20 in rb (40 = 2 × 20): nothing. */
	igs_problem *p = load("{\"id\": \"s1\", \"duration\": 90, \"attendance\": 60},"
			      "{\"id\": \"s2\", \"duration\": 90, \"attendance\": 10},"
			      "{\"id\": \"s3\", \"duration\": 90},"
			      "{\"id\": \"s4\", \"duration\": 90, \"attendance\": 300},"
			      "{\"id\": \"s5\", \"duration\": 90, \"attendance\": 20}",
			      "");
	igs_schedule *s = igs_schedule_new(p);
	put(s, "s1", 0, "09:00", "rb");
	put(s, "s2", 0, "09:00", "ra");
	put(s, "s3", 0, "09:00", "hall");
	put(s, "s4", 0, "11:00", "hall");
	put(s, "s5", 0, "11:00", "rb");
	igs_report *r = tu_eval(p, s);
	tu_expect_no_hard(r);
	expect_terms(r, (term_exp[]){{"capacity_over", 20, 1}, {"capacity_waste", 80, 0.16}, {NULL, 0, 0}});
	igs_report_free(r);
	igs_schedule_free(s);
	igs_problem_free(p);
}
END_TEST

START_TEST(test_preference) {
	/* s1 wants Day 2 (weight 2), runs on Day 1: 2. s2 wants 11:00-12:30 on any day and gets
	 * it. s3 wants Day 1 09:00-10:00 (weight 1 by default) but runs 09:00-10:30: 1. */
	igs_problem *p = load("{\"id\": \"s1\", \"duration\": 90, \"prefer\": [{\"day\": \"Day 2\", \"weight\": 2}]},"
			      "{\"id\": \"s2\", \"duration\": 90, \"prefer\": [{\"from\": \"11:00\", \"to\": \"12:30\"}]},"
			      "{\"id\": \"s3\", \"duration\": 90,"
			      " \"prefer\": [{\"day\": \"Day 1\", \"from\": \"09:00\", \"to\": \"10:00\"}]}",
			      "");
	igs_schedule *s = igs_schedule_new(p);
	put(s, "s1", 0, "14:00", "ra");
	put(s, "s2", 1, "11:00", "ra");
	put(s, "s3", 0, "09:00", "ra");
	igs_report *r = tu_eval(p, s);
	tu_expect_no_hard(r);
	expect_terms(r, (term_exp[]){{"preference", 3, 15}, {NULL, 0, 0}});
	igs_report_free(r);
	igs_schedule_free(s);
	igs_problem_free(p);
}
END_TEST

START_TEST(test_remote_hours) {
	/* far is on UTC-05:00, the meeting on UTC+01:00: 6 hours behind. Day 1 09:00 is 03:00
	 * for them (outside 08:00-18:00): 1. Day 2 14:00 is 08:00-09:30: fine. An on-site person
	 * is never charged. */
	igs_problem *p = load("{\"id\": \"s1\", \"duration\": 90, \"people\": [\"far\", \"p1\"]},"
			      "{\"id\": \"s2\", \"duration\": 90, \"people\": [{\"id\": \"far\", \"role\": \"speaker\"}]},"
			      "{\"id\": \"s3\", \"duration\": 90, \"people\": [\"p2\"]}",
			      "");
	igs_schedule *s = igs_schedule_new(p);
	put(s, "s1", 0, "09:00", "ra");
	put(s, "s2", 1, "14:00", "ra");
	put(s, "s3", 0, "09:00", "rb");
	igs_report *r = tu_eval(p, s);
	tu_expect_no_hard(r);
	expect_terms(r, (term_exp[]){{"remote_hours", 1, 5}, {NULL, 0, 0}});
	igs_report_free(r);

	/* Both at 11:00 (05:00 for far): 2. */
	put(s, "s1", 0, "11:00", "ra");
	put(s, "s2", 1, "11:00", "ra");
	r = tu_eval(p, s);
	tu_expect_no_hard(r);
	expect_terms(r, (term_exp[]){{"remote_hours", 2, 10}, {NULL, 0, 0}});
	igs_report_free(r);
	igs_schedule_free(s);
	igs_problem_free(p);
}
END_TEST

START_TEST(test_unscheduled_optional) {
	/* o1 (optional, priority 2) left out: 100 × 2 = 200; o2 (optional) placed: nothing. */
	igs_problem *p = load("{\"id\": \"o1\", \"duration\": 90, \"optional\": true, \"priority\": 2},"
			      "{\"id\": \"o2\", \"duration\": 90, \"optional\": true},"
			      "{\"id\": \"s3\", \"duration\": 90}",
			      "");
	igs_schedule *s = igs_schedule_new(p);
	put(s, "o2", 0, "09:00", "rb");
	put(s, "s3", 0, "09:00", "ra");
	igs_report *r = tu_eval(p, s);
	tu_expect_no_hard(r);
	expect_terms(r, (term_exp[]){{"unscheduled", 1, 200}, {NULL, 0, 0}});
	ck_assert_int_eq(r->n_scheduled, 2);
	ck_assert_int_eq(r->n_unscheduled, 1);
	igs_report_free(r);

	/* A file weight scales it: priority 2 and priority 1 left out at weight 7: 7 × 3. */
	igs_problem_free(p);
	p = load("{\"id\": \"o1\", \"duration\": 90, \"optional\": true, \"priority\": 2},"
		 "{\"id\": \"o2\", \"duration\": 90, \"optional\": true},"
		 "{\"id\": \"s3\", \"duration\": 90}",
		 "\"weights\": {\"unscheduled\": 7}");
	igs_schedule_free(s);
	s = igs_schedule_new(p);
	put(s, "s3", 0, "09:00", "ra");
	r = tu_eval(p, s);
	tu_expect_no_hard(r);
	expect_terms(r, (term_exp[]){{"unscheduled", 2, 21}, {NULL, 0, 0}});
	igs_report_free(r);
	igs_schedule_free(s);
	igs_problem_free(p);
}
END_TEST

START_TEST(test_change_terms) {
	/* Published: a, b, c, d on Day 1 at 09:00 in ra/rb/hall, e at 11:00 in ra. Now a keeps
	 * everything; b (p1, p2) moves to Day 2: change_day 2; c (no people: one person, the
	 * organiser) moves to 11:00 and to rb: change_time 1 and change_room 1; d (p1) is
	 * optional and left out: change_day 1 besides its unscheduled 100; 'gone' was published
	 * but is no longer in the problem; f is new. */
	igs_problem *p = load("{\"id\": \"a\", \"duration\": 90, \"people\": [\"p1\"]},"
			      "{\"id\": \"b\", \"duration\": 90, \"people\": [\"p1\", \"p2\"]},"
			      "{\"id\": \"c\", \"duration\": 90},"
			      "{\"id\": \"d\", \"duration\": 90, \"optional\": true, \"people\": [\"p1\"]},"
			      "{\"id\": \"f\", \"duration\": 90}",
			      "");
	char *ref = tu_write_temp(
		"{\"assignments\": [{\"session\": \"a\", \"day\": \"Day 1\", \"start\": \"09:00\", \"room\": \"ra\"},"
		" {\"session\": \"b\", \"day\": \"Day 1\", \"start\": \"11:00\", \"room\": \"rb\"},"
		" {\"session\": \"c\", \"day\": \"2025-06-23\", \"start\": \"09:00\", \"room\": \"hall\"},"
		" {\"session\": \"d\", \"day\": \"Day 1\", \"start\": \"14:00\", \"room\": \"rb\"},"
		" {\"session\": \"gone\", \"day\": \"Day 1\", \"start\": \"14:00\", \"room\": \"ra\"}]}",
		".json");
	igs_diag *d = igs_diag_new();
	ck_assert_int_eq(igs_problem_set_reference(p, ref, d), IGS_OK);
	ck_assert_int_eq(igs_diag_count(d), 0);
	ck_assert_int_eq(p->n_ref_cancelled, 1);
	ck_assert_str_eq(p->ref_cancelled[0], "gone");
	/* a second reference is refused */
	ck_assert_int_eq(igs_problem_set_reference(p, ref, d), IGS_EUSAGE);
	igs_diag_free(d);
	igs_schedule *s = igs_schedule_new(p);
	put(s, "a", 0, "09:00", "ra");
	put(s, "b", 1, "11:00", "rb");
	put(s, "c", 0, "11:00", "ra");
	put(s, "f", 1, "09:00", "ra");
	igs_report *r = tu_eval(p, s);
	tu_expect_no_hard(r);
	expect_terms(r, (term_exp[]){{"change_day", 3, 30},
				     {"change_time", 1, 4},
				     {"change_room", 1, 1},
				     {"unscheduled", 1, 100},
				     {"capacity_waste", 0, 0},
				     {NULL, 0, 0}});
	/* the solvers' costs agree: place soft carries the moves, leaving out the drop */
	ck_assert(fabs(igs_place_soft(p, tu_sid(p, "c"), time_at(p, 0, "11:00"), igs_problem_find_room(p, "ra")) - 5) < EPS);
	ck_assert(fabs(igs_leave_out_soft(p, tu_sid(p, "d")) - 110) < EPS);
	ck_assert(fabs(igs_leave_out_soft(p, tu_sid(p, "a"))) < EPS); /* required: a hard violation instead */
	igs_report_free(r);
	igs_schedule_free(s);
	igs_problem_free(p);
	unlink(ref);
	free(ref);
}
END_TEST

START_TEST(test_fairness) {
	/* Optional sessions: three of 'civil society' (one also from 'Africa'), one of
	 * 'government'; two civil-society ones left out, one of them from Africa:
	 * 2²/3 + 0²/1 (stakeholders) + 1²/1 (Africa) = 7/3. */
	igs_problem *p = load("{\"id\": \"c1\", \"duration\": 90, \"optional\": true, \"stakeholder\": \"civil society\", \"region\": \"Africa\"},"
			      "{\"id\": \"c2\", \"duration\": 90, \"optional\": true, \"stakeholder\": \"civil society\"},"
			      "{\"id\": \"c3\", \"duration\": 90, \"optional\": true, \"stakeholder\": \"civil society\"},"
			      "{\"id\": \"g1\", \"duration\": 90, \"optional\": true, \"stakeholder\": \"government\"},"
			      "{\"id\": \"r1\", \"duration\": 90, \"stakeholder\": \"government\"}",
			      "");
	ck_assert_int_eq(p->n_fair[0], 2);
	ck_assert_int_eq(p->fair_optional[0][0], 3); /* required r1 does not count */
	ck_assert_int_eq(p->fair_optional[0][1], 1);
	igs_schedule *s = igs_schedule_new(p);
	put(s, "c3", 0, "09:00", "ra");
	put(s, "g1", 0, "09:00", "rb");
	put(s, "r1", 0, "11:00", "ra");
	igs_report *r = tu_eval(p, s);
	tu_expect_no_hard(r);
	expect_terms(r, (term_exp[]){{"fairness", 7.0 / 3, 50 * 7.0 / 3}, {"unscheduled", 2, 200}, {NULL, 0, 0}});
	igs_report_free(r);
	igs_schedule_free(s);
	igs_problem_free(p);
}
END_TEST

START_TEST(test_type_spread) {
	/* Three main sessions, all on Day 1 in the hall: n = 3 over D = 2 days, fair share 2, one
	 * too many: type_spread 1 × 20. Moved to Day 2, the third costs nothing; a file rule
	 * spread_days false for main switches the term off. */
	const char *mains = "{\"id\": \"m1\", \"type\": \"main\", \"duration\": 90},"
			    "{\"id\": \"m2\", \"type\": \"main\", \"duration\": 90},"
			    "{\"id\": \"m3\", \"type\": \"main\", \"duration\": 90}";
	for (int off = 0; off < 2; off++) {
		igs_problem *p = load(mains, off ? "\"type_rules\": {\"main\": {\"spread_days\": false}}" : "");
		igs_schedule *s = igs_schedule_new(p);
		put(s, "m1", 0, "09:00", "hall");
		put(s, "m2", 0, "11:00", "hall");
		put(s, "m3", 0, "14:00", "hall");
		igs_report *r = tu_eval(p, s);
		tu_expect_no_hard(r);
		if (off)
			expect_terms(r, (term_exp[]){{"capacity_waste", 0, 0}, {NULL, 0, 0}});
		else
			expect_terms(r, (term_exp[]){{"type_spread", 1, 20}, {NULL, 0, 0}});
		igs_report_free(r);
		put(s, "m3", 1, "14:00", "hall");
		r = tu_eval(p, s);
		expect_terms(r, (term_exp[]){{NULL, 0, 0}});
		igs_report_free(r);
		igs_schedule_free(s);
		igs_problem_free(p);
	}
}
END_TEST

START_TEST(test_room_stability_and_order) {
	/* Weights from the file: room_stability 3, order 7.
	 * Theme a's track: a1 (order 1) Day 1 14:00 ra, a2 (order 2) Day 1 09:00 rb, a3 (order
	 * 3) Day 2 09:00 ra. Out of order: (a1, a2) only. x4 has themes [b, a] and order 1: its
	 * order belongs to b, so running after a3 is not out of order for a.
	 * Rooms: a uses ra and rb on Day 1: 1 extra; ra only on Day 2 (a3, x4). b: one room.
	 * Spread: a has 4, fair 2, 2 a day; b has 1. */
	igs_problem *p = load("{\"id\": \"a1\", \"duration\": 90, \"themes\": [\"a\"], \"order\": 1},"
			      "{\"id\": \"a2\", \"duration\": 90, \"themes\": [\"a\"], \"order\": 2},"
			      "{\"id\": \"a3\", \"duration\": 90, \"themes\": [\"a\"], \"order\": 3},"
			      "{\"id\": \"x4\", \"duration\": 90, \"themes\": [\"b\", \"a\"], \"order\": 1}",
			      "\"weights\": {\"room_stability\": 3, \"order\": 7}");
	igs_schedule *s = igs_schedule_new(p);
	put(s, "a1", 0, "14:00", "ra");
	put(s, "a2", 0, "09:00", "rb");
	put(s, "a3", 1, "09:00", "ra");
	put(s, "x4", 1, "14:00", "ra");
	igs_report *r = tu_eval(p, s);
	tu_expect_no_hard(r);
	/* a's track starts in slots 1 and 3 of Day 1 and 1 of Day 2: one break, at weight 0. */
	expect_terms(r, (term_exp[]){{"room_stability", 1, 3}, {"order", 1, 7}, {"track_breaks", 1, 0}, {NULL, 0, 0}});
	igs_report_free(r);

	/* In order and in one room a day: both 0 (the track's slots as before). */
	put(s, "a1", 0, "09:00", "ra");
	put(s, "a2", 0, "14:00", "ra");
	r = tu_eval(p, s);
	tu_expect_no_hard(r);
	expect_terms(r, (term_exp[]){{"track_breaks", 1, 0}, {NULL, 0, 0}});
	igs_report_free(r);

	/* All three on one day in reverse order: 3 pairs out of order; 3 rooms: 2 extra;
	 * spread: a has 3 on Day 1 (fair 2): 1. */
	put(s, "a1", 0, "14:00", "ra");
	put(s, "a2", 0, "11:00", "rb");
	put(s, "a3", 0, "09:00", "hall");
	r = tu_eval(p, s);
	tu_expect_no_hard(r);
	expect_terms(r, (term_exp[]){{"room_stability", 2, 6}, {"order", 3, 21}, {"theme_spread", 1, 1}, {NULL, 0, 0}});
	igs_report_free(r);
	igs_schedule_free(s);
	igs_problem_free(p);
}
END_TEST

/* tu_problem's text with people p3 and p4 added and the given replacement made on it (for
 * meeting keys and theme chairs, which tu_problem has no slot for). */
static igs_problem *load_more(const char *sessions, const char *extra, const char *from, const char *to) {
	char *text = tu_problem(sessions, extra);
	text = replace_once(text, "{\"id\": \"p2\"}", "{\"id\": \"p2\"}, {\"id\": \"p3\"}, {\"id\": \"p4\"}");
	if (from)
		text = replace_once(text, from, to);
	igs_problem *p = load_text(text);
	free(text);
	return p;
}

START_TEST(test_attendee_clash) {
	/* s1-s2: p3 attends both (1), p1 attends s2 and speaks in s1 (1): 2.
	 * s1-s3: p3 attends s1 and speaks in s3: 1.
	 * s2-s3: p3 attends s2 and speaks in s3, p2 attends s3 and speaks in s2: 2.
	 * An attendee is not needed, so none of this is a hard person clash. All three start in
	 * one slot in different rooms, so attendee_slot counts the same people (weight 0). */
	igs_problem *p = load_more("{\"id\": \"s1\", \"duration\": 90, \"people\": [\"p1\"], \"attendees\": [\"p3\"]},"
				   "{\"id\": \"s2\", \"duration\": 90, \"people\": [\"p2\"], \"attendees\": [\"p3\", \"p1\"]},"
				   "{\"id\": \"s3\", \"duration\": 90, \"people\": [\"p3\"], \"attendees\": [\"p2\"]}",
				   "\"weights\": {\"attendee_clash\": 2}", NULL, NULL);
	igs_schedule *s = igs_schedule_new(p);
	put(s, "s1", 0, "09:00", "hall");
	put(s, "s2", 0, "09:00", "ra");
	put(s, "s3", 0, "09:00", "rb");
	igs_report *r = tu_eval(p, s);
	tu_expect_no_hard(r);
	expect_terms(r, (term_exp[]){{"attendee_clash", 5, 10}, {"attendee_slot", 5, 0}, {NULL, 0, 0}});
	igs_report_free(r);

	/* Only s1 and s2 overlap (s3 at 11:00): both directions of the pair s1-s2 still count. */
	put(s, "s3", 0, "11:00", "rb");
	r = tu_eval(p, s);
	tu_expect_no_hard(r);
	expect_terms(r, (term_exp[]){{"attendee_clash", 2, 4}, {"attendee_slot", 2, 0}, {NULL, 0, 0}});
	igs_report_free(r);

	/* s2 and s3 overlap (Day 1 11:00 and 11:30), s1 alone: the pair counted from s2's side
	 * and s3's side is the same 2. */
	put(s, "s1", 1, "09:00", "hall");
	put(s, "s2", 0, "11:00", "ra");
	r = tu_eval(p, s);
	tu_expect_no_hard(r);
	expect_terms(r, (term_exp[]){{"attendee_clash", 2, 4}, {"attendee_slot", 2, 0}, {NULL, 0, 0}});
	igs_report_free(r);

	/* No two overlap: nothing. */
	put(s, "s1", 0, "09:00", "hall");
	put(s, "s2", 0, "14:00", "ra");
	put(s, "s3", 1, "09:00", "rb");
	r = tu_eval(p, s);
	tu_expect_no_hard(r);
	expect_terms(r, (term_exp[]){{NULL, 0, 0}});
	igs_report_free(r);
	igs_schedule_free(s);
	igs_problem_free(p);
}
END_TEST

START_TEST(test_slot_terms) {
	/* Starts every 45 minutes: 09:00 and 09:45 both lie in the first slot, so 45-minute
	 * sessions there share a slot without overlapping. t1 and t2 share speaker p1 and
	 * attendee p3; t3 shares p2 with t1 and has p3 as its speaker. */
	igs_problem *p = load_more("{\"id\": \"t1\", \"duration\": 45, \"people\": [\"p1\", \"p2\"], \"attendees\": [\"p3\"]},"
				   "{\"id\": \"t2\", \"duration\": 45, \"people\": [\"p1\"], \"attendees\": [\"p3\"]},"
				   "{\"id\": \"t3\", \"duration\": 45, \"people\": [\"p2\", \"p3\"]}",
				   "\"weights\": {\"person_slot\": 3, \"attendee_slot\": 2, \"attendee_clash\": 5}",
				   "\"utc_offset\": \"+01:00\"}", "\"utc_offset\": \"+01:00\", \"start_every\": 45}");
	igs_schedule *s = igs_schedule_new(p);
	put(s, "t1", 0, "09:00", "ra");
	put(s, "t2", 0, "09:45", "rb");
	put(s, "t3", 1, "14:00", "hall");
	igs_report *r = tu_eval(p, s);
	tu_expect_no_hard(r);
	expect_terms(r, (term_exp[]){{"person_slot", 1, 3}, {"attendee_slot", 1, 2}, {NULL, 0, 0}});
	igs_report_free(r);

	/* t3 joins the slot in a third room at 09:45, overlapping t2 only. t1-t3: p2 in both
	 * (person_slot) and t1's attendee p3 speaks in t3 (attendee_slot). t2-t3: t2's attendee
	 * p3 speaks in t3, in the slot and, overlapping, as attendee_clash. */
	put(s, "t3", 0, "09:45", "hall");
	r = tu_eval(p, s);
	tu_expect_no_hard(r);
	expect_terms(r, (term_exp[]){{"person_slot", 2, 6}, {"attendee_slot", 3, 6}, {"attendee_clash", 1, 5}, {NULL, 0, 0}});
	igs_report_free(r);

	/* One room for the slot: a speaker walks no further than the next session. */
	put(s, "t3", 1, "14:00", "hall");
	put(s, "t2", 0, "09:45", "ra");
	r = tu_eval(p, s);
	tu_expect_no_hard(r);
	expect_terms(r, (term_exp[]){{NULL, 0, 0}});
	igs_report_free(r);

	/* Other slots of the day, and the same slot of another day: nothing. */
	put(s, "t2", 0, "11:00", "rb");
	r = tu_eval(p, s);
	tu_expect_no_hard(r);
	expect_terms(r, (term_exp[]){{NULL, 0, 0}});
	igs_report_free(r);
	put(s, "t2", 1, "09:00", "rb");
	r = tu_eval(p, s);
	tu_expect_no_hard(r);
	expect_terms(r, (term_exp[]){{NULL, 0, 0}});
	igs_report_free(r);

	/* Overlapping in the slot: the hard clash of p1 and all three soft terms. */
	put(s, "t2", 0, "09:00", "rb");
	r = tu_eval(p, s);
	ck_assert_int_eq(r->n_violations, 1);
	expect_violation(r, 0, IGS_V_PERSON_CLASH, tu_sid(p, "t1"), tu_sid(p, "t2"), (const char *const[]){"'p1'", NULL});
	expect_terms(r, (term_exp[]){{"person_slot", 1, 3}, {"attendee_slot", 1, 2}, {"attendee_clash", 1, 5}, {NULL, 0, 0}});
	igs_report_free(r);
	igs_schedule_free(s);
	igs_problem_free(p);
}
END_TEST

START_TEST(test_worked_example) {
	/* The worked example of docs/SCORING.md, term by term; total 85.04. */
	igs_problem *p = load("{\"id\": \"w1\", \"duration\": 90, \"themes\": [\"a\"], \"tags\": [\"ai\"],"
			      " \"people\": [\"far\"], \"attendance\": 80},"
			      "{\"id\": \"w2\", \"duration\": 90, \"themes\": [\"a\", \"b\"], \"tags\": [\"ai\"],"
			      " \"attendance\": 10},"
			      "{\"id\": \"w3\", \"duration\": 90, \"themes\": [\"b\"], \"attendance\": 60,"
			      " \"prefer\": [{\"day\": \"Day 2\", \"weight\": 2}]},"
			      "{\"id\": \"w4\", \"duration\": 90, \"themes\": [\"a\"], \"optional\": true, \"priority\": 0.5}",
			      "\"theme_similarity\": [{\"a\": \"a\", \"b\": \"b\", \"value\": 0.5}]");
	igs_schedule *s = igs_schedule_new(p);
	put(s, "w1", 0, "09:00", "ra");
	put(s, "w2", 0, "09:00", "rb");
	put(s, "w3", 0, "11:00", "rb");
	igs_report *r = tu_eval(p, s);
	tu_expect_no_hard(r);
	expect_terms(r, (term_exp[]){{"theme_clash", 1, 10},
				     {"tag_clash", 1, 2},
				     {"similarity_clash", 0.5, 5},
				     {"theme_spread", 2, 2},
				     {"capacity_over", 20, 1},
				     {"capacity_waste", 20, 0.04},
				     {"preference", 2, 10},
				     {"remote_hours", 1, 5},
				     {"unscheduled", 1, 50},
				     {"room_stability", 1, 0},
				     {NULL, 0, 0}});
	ck_assert(fabs(r->total - 85.04) < EPS);
	ck_assert_int_eq(r->n_scheduled, 3);
	ck_assert_int_eq(r->n_unscheduled, 1);
	ck_assert_int_eq(r->clash_pairs, 1);
	ck_assert_int_eq(r->n_themes, 2);
	ck_assert(fabs(r->theme_share[0] - 0.5) < EPS);
	ck_assert(fabs(r->theme_share[1] - 1.0) < EPS);
	ck_assert_int_eq(r->worst_theme, 0);
	ck_assert(fabs(r->worst_share - 0.5) < EPS);
	ck_assert(fabs(r->mean_share - 0.75) < EPS);

	/* The JSON form carries the same numbers, rounded to 6 decimals. */
	json_t *j = igs_report_to_json(r, p);
	ck_assert_ptr_nonnull(j);
	ck_assert_int_eq(json_integer_value(json_object_get(j, "hard_violations")), 0);
	ck_assert(fabs(json_number_value(json_object_get(j, "total")) - 85.04) < 1e-6);
	json_t *soft = json_object_get(j, "soft");
	ck_assert(fabs(json_number_value(json_object_get(json_object_get(soft, "capacity_waste"), "cost")) - 0.04) <
		  1e-6);
	ck_assert(fabs(json_number_value(json_object_get(json_object_get(j, "theme_share"), "a")) - 0.5) < 1e-6);
	ck_assert_str_eq(json_string_value(json_object_get(json_object_get(j, "worst_theme_share"), "theme")), "a");
	json_decref(j);
	igs_report_free(r);

	/* "Had w1 and w2 both been in room rb and both listed person p1": not expressible
	 * without p1 in the file, but the room part is: one room_clash, exit status aside. */
	put(s, "w1", 0, "09:00", "rb");
	r = tu_eval(p, s);
	ck_assert_int_eq(r->n_violations, 1);
	expect_violation(r, 0, IGS_V_ROOM_CLASH, tu_sid(p, "w1"), tu_sid(p, "w2"),
			 (const char *const[]){"'w1'", "'w2'", "'rb'", "Day 1 09:00", NULL});
	igs_report_free(r);
	igs_schedule_free(s);
	igs_problem_free(p);
}
END_TEST

/* ---- hard violations, one kind at a time ---- */

START_TEST(test_hard_unscheduled) {
	igs_problem *p = load("{\"id\": \"req\", \"duration\": 90},"
			      "{\"id\": \"opt\", \"duration\": 90, \"optional\": true},"
			      "{\"id\": \"ok\", \"duration\": 90}",
			      "");
	igs_schedule *s = igs_schedule_new(p);
	put(s, "ok", 0, "09:00", "ra");
	ck_assert_int_eq(igs_schedule_set_reason(s, tu_sid(p, "req"), "no room left"), IGS_OK);
	igs_report *r = tu_eval(p, s);
	ck_assert_int_eq(r->n_violations, 1);
	expect_violation(r, 0, IGS_V_UNSCHEDULED, tu_sid(p, "req"), -1,
			 (const char *const[]){"'req'", "no room left", NULL});
	/* The optional one costs, the required one does not (it is a violation instead). */
	expect_terms(r, (term_exp[]){{"unscheduled", 1, 100}, {NULL, 0, 0}});
	ck_assert_int_eq(r->n_unscheduled, 2);
	igs_report_free(r);
	igs_schedule_free(s);
	igs_problem_free(p);
}
END_TEST

START_TEST(test_hard_room_clash) {
	igs_problem *p = load("{\"id\": \"s1\", \"duration\": 120},"
			      "{\"id\": \"s2\", \"duration\": 90},"
			      "{\"id\": \"s3\", \"duration\": 90}",
			      "");
	igs_schedule *s = igs_schedule_new(p);
	/* s1 runs 09:00-11:00 through the coffee break; s2 in the same room at 09:00 overlaps. */
	put(s, "s1", 0, "09:00", "ra");
	put(s, "s2", 0, "09:00", "ra");
	put(s, "s3", 0, "11:00", "ra");
	igs_report *r = tu_eval(p, s);
	ck_assert_int_eq(r->n_violations, 1);
	expect_violation(r, 0, IGS_V_ROOM_CLASH, tu_sid(p, "s1"), tu_sid(p, "s2"),
			 (const char *const[]){"'s1'", "'s2'", "'ra'", NULL});
	ck_assert_int_eq(r->violations[0].room, igs_problem_find_room(p, "ra"));
	ck_assert_int_eq(r->violations[0].time, time_at(p, 0, "09:00"));
	igs_report_free(r);

	/* s1 (until 11:00) and s3 (from 11:00) touch in one room: no clash. */
	put(s, "s2", 1, "09:00", "ra");
	r = tu_eval(p, s);
	tu_expect_no_hard(r);
	igs_report_free(r);
	igs_schedule_free(s);
	igs_problem_free(p);
}
END_TEST

START_TEST(test_hard_features) {
	igs_problem *p = load("{\"id\": \"m1\", \"type\": \"main\", \"duration\": 90},"
			      "{\"id\": \"h1\", \"duration\": 90, \"requires\": [\"hybrid\"]}",
			      "");
	igs_schedule *s = igs_schedule_new(p);
	put(s, "m1", 0, "09:00", "ra");
	put(s, "h1", 0, "09:00", "hall");
	igs_report *r = tu_eval(p, s);
	ck_assert_int_eq(r->n_violations, 1);
	expect_violation(r, 0, IGS_V_FEATURES, tu_sid(p, "m1"), -1,
			 (const char *const[]){"'m1'", "'ra'", "plenary", "main", NULL});
	ck_assert_int_eq(igs_place_unary(p, tu_sid(p, "m1"), time_at(p, 0, "09:00"), igs_problem_find_room(p, "ra")),
			 IGS_V_FEATURES);
	igs_report_free(r);

	/* A session's own 'requires': h1 needs hybrid, rb has none. */
	put(s, "m1", 0, "09:00", "hall");
	put(s, "h1", 0, "09:00", "rb");
	r = tu_eval(p, s);
	ck_assert_int_eq(r->n_violations, 1);
	expect_violation(r, 0, IGS_V_FEATURES, tu_sid(p, "h1"), -1, (const char *const[]){"'h1'", "'rb'", "hybrid", NULL});
	igs_report_free(r);
	igs_schedule_free(s);
	igs_problem_free(p);
}
END_TEST

START_TEST(test_hard_capacity) {
	igs_problem *p = load("{\"id\": \"big\", \"duration\": 90, \"min_capacity\": 50},"
			      "{\"id\": \"fits\", \"duration\": 90, \"min_capacity\": 100}",
			      "");
	igs_schedule *s = igs_schedule_new(p);
	put(s, "big", 0, "09:00", "rb");
	put(s, "fits", 0, "09:00", "ra");
	igs_report *r = tu_eval(p, s);
	ck_assert_int_eq(r->n_violations, 1);
	expect_violation(r, 0, IGS_V_CAPACITY, tu_sid(p, "big"), -1, (const char *const[]){"'big'", "'rb'", "50", "40", NULL});
	igs_report_free(r);
	igs_schedule_free(s);
	igs_problem_free(p);

	/* capacity_hard from a type rule: attendance above the capacity. */
	p = load("{\"id\": \"crowd\", \"type\": \"town_hall\", \"duration\": 90, \"attendance\": 41}",
		 "\"type_rules\": {\"town_hall\": {\"capacity_hard\": true}}");
	s = igs_schedule_new(p);
	put(s, "crowd", 0, "09:00", "rb");
	r = tu_eval(p, s);
	ck_assert_int_eq(r->n_violations, 1);
	expect_violation(r, 0, IGS_V_CAPACITY, 0, -1, (const char *const[]){"'crowd'", "'rb'", "41", NULL});
	/* The soft term still counts the overflow. */
	expect_terms(r, (term_exp[]){{"capacity_over", 1, 0.05}, {NULL, 0, 0}});
	igs_report_free(r);
	igs_schedule_free(s);
	igs_problem_free(p);
}
END_TEST

START_TEST(test_hard_person_clash) {
	igs_problem *p = load("{\"id\": \"s1\", \"duration\": 90, \"people\": [\"p1\"]},"
			      "{\"id\": \"s2\", \"duration\": 90, \"people\": [\"p2\", \"p1\"]},"
			      "{\"id\": \"s3\", \"duration\": 90, \"people\": [\"p2\"]}",
			      "");
	igs_schedule *s = igs_schedule_new(p);
	put(s, "s1", 0, "09:00", "ra");
	put(s, "s2", 0, "09:00", "rb");
	put(s, "s3", 0, "11:00", "rb");
	igs_report *r = tu_eval(p, s);
	ck_assert_int_eq(r->n_violations, 1);
	expect_violation(r, 0, IGS_V_PERSON_CLASH, tu_sid(p, "s1"), tu_sid(p, "s2"),
			 (const char *const[]){"'p1'", "'s1'", "'s2'", "Day 1", NULL});
	ck_assert_int_eq(r->violations[0].person, igs_problem_find_person(p, "p1"));
	igs_report_free(r);

	/* Two shared people: one violation per person. */
	igs_problem_free(p);
	igs_schedule_free(s);
	p = load("{\"id\": \"s1\", \"duration\": 90, \"people\": [\"p1\", \"p2\"]},"
		 "{\"id\": \"s2\", \"duration\": 60, \"people\": [\"p2\", \"p1\"]}",
		 "");
	s = igs_schedule_new(p);
	put(s, "s1", 1, "14:00", "ra");
	put(s, "s2", 1, "14:00", "rb");
	r = tu_eval(p, s);
	ck_assert_int_eq(r->n_violations, 2);
	expect_violation(r, 0, IGS_V_PERSON_CLASH, 0, 1, (const char *const[]){"'p1'", "'s1'", "'s2'", NULL});
	expect_violation(r, 1, IGS_V_PERSON_CLASH, 0, 1, (const char *const[]){"'p2'", "'s1'", "'s2'", NULL});
	igs_report_free(r);
	igs_schedule_free(s);
	igs_problem_free(p);
}
END_TEST

START_TEST(test_chair_clash) {
	/* p3 chairs theme a: the loader seats p3 as chair in c1 and c2 (first theme a; see
	 * test_validate's test_theme_chairs_seated); c3 and c4 (first theme b) are left as written,
	 * p3 speaking in c3 and attending c4. */
	igs_problem *p = load_more("{\"id\": \"c1\", \"duration\": 90, \"themes\": [\"a\"], \"people\": [\"p1\"], \"attendees\": [\"p3\", \"p2\"]},"
				   "{\"id\": \"c2\", \"duration\": 90, \"themes\": [\"a\", \"b\"], \"people\": [\"p2\"]},"
				   "{\"id\": \"c3\", \"duration\": 90, \"themes\": [\"b\", \"a\"], \"people\": [\"p3\"]},"
				   "{\"id\": \"c4\", \"duration\": 90, \"themes\": [\"b\", \"a\"], \"people\": [\"p4\"], \"attendees\": [\"p3\"]},"
				   "{\"id\": \"c5\", \"duration\": 90, \"themes\": [\"a\"], \"people\": [{\"id\": \"p3\", \"role\": \"speaker\"}]}",
				   "", "{\"id\": \"a\", \"name\": \"Theme A\"}",
				   "{\"id\": \"a\", \"name\": \"Theme A\", \"chairs\": [\"p3\"]}");
	int p3 = igs_problem_find_person(p, "p3");

	/* Two sessions of the track at once: the chair cannot be in both. */
	igs_schedule *s = igs_schedule_new(p);
	put(s, "c1", 0, "09:00", "hall");
	put(s, "c2", 0, "09:00", "ra");
	put(s, "c3", 0, "11:00", "hall");
	put(s, "c4", 0, "14:00", "hall");
	put(s, "c5", 1, "09:00", "hall");
	igs_report *r = tu_eval(p, s);
	ck_assert_int_eq(r->n_violations, 1);
	expect_violation(r, 0, IGS_V_PERSON_CLASH, tu_sid(p, "c1"), tu_sid(p, "c2"), (const char *const[]){"'p3'", NULL});
	ck_assert_int_eq(r->violations[0].person, p3);
	igs_report_free(r);

	/* A theme-b session where the chair speaks, against one of the track: also hard. */
	put(s, "c2", 0, "11:00", "ra");
	put(s, "c3", 0, "09:00", "ra");
	r = tu_eval(p, s);
	ck_assert_int_eq(r->n_violations, 1);
	expect_violation(r, 0, IGS_V_PERSON_CLASH, tu_sid(p, "c1"), tu_sid(p, "c3"), (const char *const[]){"'p3'", NULL});
	igs_report_free(r);

	/* Where the chair only attends (c4, first theme b), a track session at once is soft. */
	put(s, "c3", 0, "14:00", "ra");
	put(s, "c4", 0, "09:00", "ra");
	r = tu_eval(p, s);
	tu_expect_no_hard(r);
	ck_assert(fabs(r->attendee_clash.count - 1) < EPS);
	igs_report_free(r);
	igs_schedule_free(s);
	igs_problem_free(p);
}
END_TEST

START_TEST(test_hard_group_clash) {
	igs_problem *p = load("{\"id\": \"s1\", \"duration\": 90, \"groups\": [\"dc1\"]},"
			      "{\"id\": \"s2\", \"duration\": 90, \"groups\": [\"dc2\", \"dc1\"]},"
			      "{\"id\": \"s3\", \"duration\": 90, \"groups\": [\"dc2\"]}",
			      "");
	igs_schedule *s = igs_schedule_new(p);
	put(s, "s1", 0, "11:00", "hall");
	put(s, "s2", 0, "11:00", "ra");
	put(s, "s3", 1, "11:00", "ra");
	igs_report *r = tu_eval(p, s);
	ck_assert_int_eq(r->n_violations, 1);
	expect_violation(r, 0, IGS_V_GROUP_CLASH, tu_sid(p, "s1"), tu_sid(p, "s2"),
			 (const char *const[]){"'dc1'", "'s1'", "'s2'", NULL});
	ck_assert_int_eq(r->violations[0].group, igs_problem_find_group(p, "dc1"));
	igs_report_free(r);
	igs_schedule_free(s);
	igs_problem_free(p);
}
END_TEST

START_TEST(test_hard_pin) {
	igs_problem *p = load("{\"id\": \"pr\", \"duration\": 90,"
			      " \"pin\": {\"day\": \"Day 2\", \"start\": \"11:00\", \"room\": \"ra\"}},"
			      "{\"id\": \"pd\", \"duration\": 90, \"pin\": {\"day\": \"Day 1\"}},"
			      "{\"id\": \"ps\", \"duration\": 90, \"pin\": {\"start\": \"14:00\"}},"
			      "{\"id\": \"kept\", \"duration\": 90, \"pin\": {\"room\": \"hall\"}}",
			      "");
	igs_schedule *s = igs_schedule_new(p);
	put(s, "pr", 1, "11:00", "rb"); /* wrong room */
	put(s, "pd", 1, "09:00", "ra"); /* wrong day */
	put(s, "ps", 0, "09:00", "ra"); /* wrong start */
	put(s, "kept", 0, "09:00", "hall");
	igs_report *r = tu_eval(p, s);
	ck_assert_int_eq(r->n_violations, 3);
	expect_violation(r, 0, IGS_V_PIN, tu_sid(p, "pr"), -1, (const char *const[]){"'pr'", "'ra'", "'rb'", NULL});
	expect_violation(r, 1, IGS_V_PIN, tu_sid(p, "pd"), -1, (const char *const[]){"'pd'", "Day 1", "Day 2", NULL});
	expect_violation(r, 2, IGS_V_PIN, tu_sid(p, "ps"), -1, (const char *const[]){"'ps'", "14:00", "09:00", NULL});
	igs_report_free(r);
	igs_schedule_free(s);
	igs_problem_free(p);
}
END_TEST

START_TEST(test_hard_time) {
	igs_problem *p = load("{\"id\": \"long\", \"duration\": 120},"
			      "{\"id\": \"d1\", \"duration\": 90, \"days\": [\"Day 1\"]},"
			      "{\"id\": \"win\", \"duration\": 90, \"times\": [{\"day\": \"Day 1\", \"from\": \"09:00\", \"to\": \"12:30\"}]},"
			      "{\"id\": \"nt\", \"duration\": 90, \"not_times\": [{\"day\": \"Day 2\", \"from\": \"14:30\", \"to\": \"15:00\"}]},"
			      "{\"id\": \"nd\", \"duration\": 90, \"not_days\": [\"Day 2\"]},"
			      "{\"id\": \"idx\", \"duration\": 90}",
			      "");
	igs_schedule *s = igs_schedule_new(p);
	put(s, "long", 0, "14:00", "ra"); /* 14:00-16:00 runs past the 15:30 end of the slot */
	put(s, "d1", 1, "09:00", "ra");   /* Day 2, not among its days */
	put(s, "win", 0, "14:00", "rb");  /* outside its only window */
	put(s, "nt", 1, "14:00", "ra");   /* touches its not_times */
	put(s, "nd", 1, "11:00", "ra");   /* on a not_day */
	/* A time index that is no time of the problem (only reachable by writing the array). */
	s->time[tu_sid(p, "idx")] = p->n_times;
	s->room[tu_sid(p, "idx")] = 0;
	igs_report *r = tu_eval(p, s);
	ck_assert_int_eq(r->n_violations, 6);
	expect_violation(r, 0, IGS_V_TIME, tu_sid(p, "long"), -1, (const char *const[]){"'long'", "14:00-16:00", NULL});
	expect_violation(r, 1, IGS_V_TIME, tu_sid(p, "d1"), -1, (const char *const[]){"'d1'", "Day 2", NULL});
	expect_violation(r, 2, IGS_V_TIME, tu_sid(p, "win"), -1, (const char *const[]){"'win'", "times", NULL});
	expect_violation(r, 3, IGS_V_TIME, tu_sid(p, "nt"), -1, (const char *const[]){"'nt'", "not_times", NULL});
	expect_violation(r, 4, IGS_V_TIME, tu_sid(p, "nd"), -1, (const char *const[]){"'nd'", "Day 2", NULL});
	expect_violation(r, 5, IGS_V_TIME, tu_sid(p, "idx"), -1, (const char *const[]){"'idx'", NULL});
	for (int i = 0; i < 5; i++)
		ck_assert_int_eq(igs_place_unary(p, r->violations[i].a, s->time[r->violations[i].a],
						 s->room[r->violations[i].a]),
				 IGS_V_TIME);
	/* The JSON form of each violation names its session. */
	json_t *j = igs_report_to_json(r, p);
	ck_assert_ptr_nonnull(j);
	json_t *v0 = json_array_get(json_object_get(j, "violations"), 0);
	ck_assert_str_eq(json_string_value(json_object_get(v0, "kind")), "time");
	ck_assert_str_eq(json_string_value(json_array_get(json_object_get(v0, "sessions"), 0)), "long");
	ck_assert_str_eq(json_string_value(json_object_get(v0, "day")), "2025-06-23");
	ck_assert_str_eq(json_string_value(json_object_get(v0, "start")), "14:00");
	json_decref(j);
	igs_report_free(r);
	igs_schedule_free(s);
	igs_problem_free(p);
}
END_TEST

START_TEST(test_hard_room_unavailable) {
	char *text = tu_problem("{\"id\": \"s1\", \"duration\": 90}, {\"id\": \"s2\", \"duration\": 90},"
				"{\"id\": \"s3\", \"duration\": 90}, {\"id\": \"s4\", \"duration\": 90}",
				"");
	text = replace_once(text, "{\"id\": \"rb\", \"capacity\": 40}",
			    "{\"id\": \"rb\", \"capacity\": 40, \"unavailable\": [{\"day\": \"Day 1\", \"from\": "
			    "\"11:00\", \"to\": \"12:00\"}]}");
	igs_problem *p = load_text(text);
	free(text);
	igs_schedule *s = igs_schedule_new(p);
	put(s, "s1", 0, "11:00", "rb"); /* closed 11:00-12:00 */
	put(s, "s2", 0, "09:00", "rb"); /* 09:00-10:30: open */
	put(s, "s3", 1, "11:00", "rb"); /* the window is on Day 1 only */
	igs_report *r = tu_eval(p, s);
	ck_assert_int_eq(r->n_violations, 2);
	expect_violation(r, 0, IGS_V_UNSCHEDULED, tu_sid(p, "s4"), -1, (const char *const[]){"'s4'", NULL});
	expect_violation(r, 1, IGS_V_ROOM_UNAVAILABLE, tu_sid(p, "s1"), -1, (const char *const[]){"'s1'", "'rb'", NULL});
	igs_report_free(r);
	/* A placement without a valid room (only reachable by writing the array) is reported
	 * the same way. */
	s->time[tu_sid(p, "s4")] = time_at(p, 1, "14:00");
	s->room[tu_sid(p, "s4")] = p->n_rooms;
	r = tu_eval(p, s);
	ck_assert_int_eq(r->n_violations, 2);
	expect_violation(r, 0, IGS_V_ROOM_UNAVAILABLE, tu_sid(p, "s1"), -1, NULL);
	expect_violation(r, 1, IGS_V_ROOM_UNAVAILABLE, tu_sid(p, "s4"), -1, (const char *const[]){"'s4'", "room", NULL});
	igs_report_free(r);
	igs_schedule_free(s);
	igs_problem_free(p);
}
END_TEST

START_TEST(test_hard_exclusive) {
	igs_problem *p = load("{\"id\": \"open\", \"type\": \"opening\", \"duration\": 90},"
			      "{\"id\": \"ws\", \"duration\": 60}",
			      "");
	igs_schedule *s = igs_schedule_new(p);
	put(s, "open", 0, "09:00", "hall");
	put(s, "ws", 0, "09:00", "ra");
	igs_report *r = tu_eval(p, s);
	ck_assert_int_eq(r->n_violations, 1);
	expect_violation(r, 0, IGS_V_EXCLUSIVE, tu_sid(p, "open"), tu_sid(p, "ws"),
			 (const char *const[]){"'open'", "'ws'", "opening", NULL});
	igs_report_free(r);
	/* After it: fine. */
	put(s, "ws", 0, "11:00", "ra");
	r = tu_eval(p, s);
	tu_expect_no_hard(r);
	igs_report_free(r);
	igs_schedule_free(s);
	igs_problem_free(p);
}
END_TEST

START_TEST(test_hard_max_parallel) {
	/* Two main sessions at once; the rule's plenary requirement is lifted so that the
	 * second one can sit in another room and nothing else is broken. */
	igs_problem *p = load("{\"id\": \"m1\", \"type\": \"main\", \"duration\": 90},"
			      "{\"id\": \"m2\", \"type\": \"main\", \"duration\": 90}",
			      "\"type_rules\": {\"main\": {\"room_features\": []}}");
	igs_schedule *s = igs_schedule_new(p);
	put(s, "m1", 0, "09:00", "hall");
	put(s, "m2", 0, "09:00", "ra");
	igs_report *r = tu_eval(p, s);
	ck_assert_int_eq(r->n_violations, 1);
	expect_violation(r, 0, IGS_V_MAX_PARALLEL, tu_sid(p, "m2"), tu_sid(p, "m1"),
			 (const char *const[]){"'m1'", "'m2'", "main", NULL});
	/* The pairwise predicate does not see it: max_parallel is not a pair rule. */
	ck_assert_int_lt(igs_place_pair(p, 0, s->time[0], s->room[0], 1, s->time[1], s->room[1]), 0);
	igs_report_free(r);
	put(s, "m2", 0, "11:00", "ra");
	r = tu_eval(p, s);
	tu_expect_no_hard(r);
	igs_report_free(r);
	igs_schedule_free(s);
	igs_problem_free(p);
}
END_TEST

START_TEST(test_hard_every_kind_in_order) {
	/* One schedule breaking several rules: violations come grouped in the order of the
	 * kind enumeration, whatever order they were found in. */
	igs_problem *p = load("{\"id\": \"m1\", \"type\": \"main\", \"duration\": 90, \"people\": [\"p1\"]},"
			      "{\"id\": \"w1\", \"duration\": 90, \"people\": [\"p1\"]},"
			      "{\"id\": \"w2\", \"duration\": 90},"
			      "{\"id\": \"w3\", \"duration\": 90}",
			      "");
	igs_schedule *s = igs_schedule_new(p);
	put(s, "m1", 0, "09:00", "ra"); /* features */
	put(s, "w1", 0, "09:00", "rb"); /* person clash with m1 */
	put(s, "w2", 0, "09:00", "rb"); /* room clash with w1 */
	igs_report *r = tu_eval(p, s);
	ck_assert_int_eq(r->n_violations, 4);
	expect_violation(r, 0, IGS_V_UNSCHEDULED, tu_sid(p, "w3"), -1, NULL);
	expect_violation(r, 1, IGS_V_ROOM_CLASH, tu_sid(p, "w1"), tu_sid(p, "w2"), NULL);
	expect_violation(r, 2, IGS_V_FEATURES, tu_sid(p, "m1"), -1, NULL);
	expect_violation(r, 3, IGS_V_PERSON_CLASH, tu_sid(p, "m1"), tu_sid(p, "w1"), NULL);
	igs_report_free(r);
	igs_schedule_free(s);
	igs_problem_free(p);
}
END_TEST

/* ---- attendable share per theme ---- */

START_TEST(test_theme_share) {
	/* a: a1 and a2 overlap, a3 does not: one person attends 2 of 3. b: nothing scheduled. */
	igs_problem *p = load("{\"id\": \"a1\", \"duration\": 90, \"themes\": [\"a\"]},"
			      "{\"id\": \"a2\", \"duration\": 60, \"themes\": [\"a\"]},"
			      "{\"id\": \"a3\", \"duration\": 90, \"themes\": [\"a\"]},"
			      "{\"id\": \"b1\", \"duration\": 180, \"themes\": [\"b\"], \"optional\": true},"
			      "{\"id\": \"b2\", \"duration\": 90, \"themes\": [\"b\"], \"optional\": true},"
			      "{\"id\": \"b3\", \"duration\": 90, \"themes\": [\"b\"], \"optional\": true}",
			      "");
	igs_schedule *s = igs_schedule_new(p);
	put(s, "a1", 0, "09:00", "ra");
	put(s, "a2", 0, "09:00", "rb");
	put(s, "a3", 0, "14:00", "ra");
	igs_report *r = tu_eval(p, s);
	tu_expect_no_hard(r);
	ck_assert(fabs(r->theme_share[0] - 2.0 / 3.0) < EPS);
	ck_assert(isnan(r->theme_share[1]));
	ck_assert_int_eq(r->worst_theme, 0);
	ck_assert(fabs(r->worst_share - 2.0 / 3.0) < EPS);
	ck_assert(fabs(r->mean_share - 2.0 / 3.0) < EPS);
	json_t *j = igs_report_to_json(r, p);
	ck_assert(json_is_null(json_object_get(json_object_get(j, "theme_share"), "b")));
	json_decref(j);
	igs_report_free(r);

	/* b: b1 (09:00-12:00) overlaps b2 (09:00) and b3 (11:00), which do not overlap each
	 * other: the best is b2 + b3, 2 of 3. A tie with a: the worst is a, listed first. */
	put(s, "b1", 1, "09:00", "hall");
	put(s, "b2", 1, "09:00", "ra");
	put(s, "b3", 1, "11:00", "ra");
	r = tu_eval(p, s);
	tu_expect_no_hard(r);
	ck_assert(fabs(r->theme_share[1] - 2.0 / 3.0) < EPS);
	ck_assert_int_eq(r->worst_theme, 0);
	ck_assert(fabs(r->mean_share - 2.0 / 3.0) < EPS);
	igs_report_free(r);

	/* b without b1: 100 %; mean (2/3 + 1) / 2 = 5/6. */
	igs_schedule_set(s, tu_sid(p, "b1"), -1, -1);
	r = tu_eval(p, s);
	ck_assert(fabs(r->theme_share[1] - 1.0) < EPS);
	ck_assert_int_eq(r->worst_theme, 0);
	ck_assert(fabs(r->worst_share - 2.0 / 3.0) < EPS);
	ck_assert(fabs(r->mean_share - 5.0 / 6.0) < EPS);
	igs_report_free(r);

	/* Nothing scheduled at all: no shares, worst none at 100 %. */
	igs_schedule_free(s);
	s = igs_schedule_new(p);
	r = tu_eval(p, s);
	ck_assert_int_eq(r->worst_theme, -1);
	ck_assert(fabs(r->worst_share - 1.0) < EPS);
	ck_assert(fabs(r->mean_share - 1.0) < EPS);
	igs_report_free(r);
	igs_schedule_free(s);
	igs_problem_free(p);
}
END_TEST

START_TEST(test_evaluate_usage) {
	igs_problem *p = load("{\"id\": \"s1\", \"duration\": 90}", "");
	igs_problem *q = load("{\"id\": \"s1\", \"duration\": 90}, {\"id\": \"s2\", \"duration\": 90}", "");
	igs_schedule *s = igs_schedule_new(q);
	igs_report *r = (igs_report *)1;
	/* A schedule of another problem (other session count) is a usage error. */
	ck_assert_int_eq(igs_evaluate(&r, p, s), IGS_EUSAGE);
	ck_assert_ptr_null(r);
	ck_assert_int_eq(igs_report_hard_count(NULL), 0);
	ck_assert(isnan(igs_report_score(NULL)));
	igs_report_free(NULL);
	igs_schedule_free(s);
	igs_problem_free(q);
	igs_problem_free(p);
}
END_TEST

static Suite *evaluate_suite(void) {
	Suite *s = suite_create("evaluate");
	TCase *soft = tcase_create("soft terms");
	tcase_add_test(soft, test_theme_clash);
	tcase_add_test(soft, test_theme_clash_per_shared_theme);
	tcase_add_test(soft, test_tag_clash);
	tcase_add_test(soft, test_similarity_clash);
	tcase_add_test(soft, test_theme_spread);
	tcase_add_test(soft, test_capacity_terms);
	tcase_add_test(soft, test_preference);
	tcase_add_test(soft, test_remote_hours);
	tcase_add_test(soft, test_unscheduled_optional);
	tcase_add_test(soft, test_room_stability_and_order);
	tcase_add_test(soft, test_change_terms);
	tcase_add_test(soft, test_fairness);
	tcase_add_test(soft, test_type_spread);
	tcase_add_test(soft, test_worked_example);
	tcase_add_test(soft, test_attendee_clash);
	tcase_add_test(soft, test_slot_terms);
	suite_add_tcase(s, soft);
	TCase *hard = tcase_create("hard violations");
	tcase_add_test(hard, test_hard_unscheduled);
	tcase_add_test(hard, test_hard_room_clash);
	tcase_add_test(hard, test_hard_features);
	tcase_add_test(hard, test_hard_capacity);
	tcase_add_test(hard, test_hard_person_clash);
	tcase_add_test(hard, test_chair_clash);
	tcase_add_test(hard, test_hard_group_clash);
	tcase_add_test(hard, test_hard_pin);
	tcase_add_test(hard, test_hard_time);
	tcase_add_test(hard, test_hard_room_unavailable);
	tcase_add_test(hard, test_hard_exclusive);
	tcase_add_test(hard, test_hard_max_parallel);
	tcase_add_test(hard, test_hard_every_kind_in_order);
	suite_add_tcase(s, hard);
	TCase *other = tcase_create("shares and usage");
	tcase_add_test(other, test_theme_share);
	tcase_add_test(other, test_evaluate_usage);
	suite_add_tcase(s, other);
	return s;
}

int main(void) {
	return tu_run_suite(evaluate_suite());
}
