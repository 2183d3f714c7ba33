/* Tests of the local search: its incremental total against igs_evaluate after every accepted move, hard feasibility, reproducibility, never worse than its start. */
#include <math.h>
#include <pthread.h>
#include <stdarg.h>
#include <time.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "solver/greedy.h"
#include "solver/local.h"
#include "testutil.h"

#define EX(name) IGS_EXAMPLES_DIR "/" name

/* ---- a generated problem that exercises every term and rule the search must respect ---- */

static unsigned next(unsigned *x) {
	*x ^= *x << 13;
	*x ^= *x >> 17;
	*x ^= *x << 5;
	return *x;
}

/* Three days on a 30-minute grid (so sessions overlap in every way), rooms with and
 * without capacity and one closed window, similar themes, shared people and groups,
 * remote people, optional sessions, ordered tracks, preferences, day limits, one
 * exclusive type and one parallel class whose two types have different limits; room
 * stability and order weigh in. Duplicate themes and tags test counting them once. A second
 * stream gives titles from a short list (near-duplicate pairs) and stakeholder groups and
 * regions (the fairness term). */
static igs_problem *generated_with(unsigned seed, int n_sessions, bool thematic, bool attend) {
	tu_buf b = {0};
	unsigned x = seed * 2654435761u + 12345u, y = seed * 69069u + 7u, z = seed * 1103515245u + 99u;
	static const char *titles[] = {"Digital skills for youth", "Youth digital skills", "Net neutrality now",
				       "Data governance in Africa", "Data governance for Africa"};
	static const char *themes[] = {"a", "b", "c", "d"};
	static const char *types[] = {"workshop", "workshop", "workshop", "ta", "ta", "tb", "open_forum"};
	static const int durations[] = {30, 60, 90};
	tu_put(&b, "{\"meeting\": {\"name\": \"gen\", \"utc_offset\": \"+01:00\", \"start_every\": 30, \"thematic_rooms\": %s,\n",
	       thematic ? "true" : "false");
	tu_put(&b, " \"slots\": [\"09:00-10:30\", \"11:00-12:30\", \"14:00-15:30\", \"16:00-17:30\"]},\n"
		" \"days\": [{\"date\": \"2025-06-23\", \"label\": \"Day 1\"}, {\"date\": \"2025-06-24\", \"label\": \"Day 2\"},"
		" {\"date\": \"2025-06-25\", \"label\": \"Day 3\"}],\n"
		" \"rooms\": [{\"id\": \"r0\", \"capacity\": 200, \"features\": [\"hybrid\"]}, {\"id\": \"r1\", \"capacity\": 100,"
		" \"features\": [\"hybrid\"]}, {\"id\": \"r2\", \"capacity\": 60}, {\"id\": \"r3\", \"capacity\": 30},"
		" {\"id\": \"r4\", \"unavailable\": [{\"day\": \"Day 2\", \"from\": \"14:00\", \"to\": \"16:00\"}]}],\n"
		" \"themes\": [{\"id\": \"a\"}, {\"id\": \"b\"}, {\"id\": \"c\"%s}, {\"id\": \"d\"}],\n"
		" \"theme_similarity\": [{\"a\": \"a\", \"b\": \"b\", \"value\": 0.5},"
		" {\"a\": \"c\", \"b\": \"d\", \"value\": 0.25}],\n"
		" \"type_rules\": {\"ta\": {\"parallel_class\": \"x\", \"max_parallel\": 2, \"spread_days\": true},"
		" \"tb\": {\"parallel_class\": \"x\", \"max_parallel\": 1}, \"ex\": {\"exclusive\": true}},\n"
		" \"weights\": {\"room_stability\": 0.7, \"order\": 3, \"tag_clash\": 1.5%s},\n"
		" \"groups\": [{\"id\": \"g0\"}, {\"id\": \"g1\"}, {\"id\": \"g2\"}],\n \"people\": [",
	       attend ? ", \"chairs\": [\"p19\"]" : "",
	       attend ? ", \"person_slot\": 3, \"attendee_slot\": 2, \"attendee_clash\": 1.5" : "");
	for (int i = 0; i < 20; i++)
		tu_put(&b, "%s{\"id\": \"p%d\"%s}", i ? ", " : "", i,
		    i % 5 == 0 ? ", \"remote\": true, \"utc_offset\": \"-05:00\", \"available\": [\"07:00-12:00\"]" : "");
	tu_put(&b, "],\n \"sessions\": [\n");
	for (int i = 0; i < n_sessions; i++) {
		const char *type = i == 3 ? "ex" : types[next(&x) % 7];
		int dur = durations[next(&x) % 3];
		tu_put(&b, "%s  {\"id\": \"s%d\", \"type\": \"%s\", \"duration\": %d, \"attendance\": %u", i ? ",\n" : "", i, type,
		    dur, next(&x) % 150);
		int nth = 1 + (int)(next(&x) % 2);
		tu_put(&b, ", \"themes\": [");
		for (int k = 0; k < nth; k++)
			tu_put(&b, "%s\"%s\"", k ? ", " : "", themes[next(&x) % 4]);
		if (next(&x) % 8 == 0)
			tu_put(&b, ", \"%s\"", themes[0]); /* a duplicate, sometimes */
		tu_put(&b, "], \"tags\": [\"t%u\", \"t%u\"]", next(&x) % 6, next(&x) % 6);
		int np = (int)(next(&x) % 3);
		tu_put(&b, ", \"people\": [");
		unsigned first = next(&x) % 20;
		for (int k = 0; k < np; k++)
			tu_put(&b, "%s\"p%u\"", k ? ", " : "", (first + 7 * (unsigned)k) % 20);
		tu_put(&b, "]");
		/* Attendees from their own stream (the other problems stay as they were): none of
		 * the session's own people and no repeats, as the loader requires. */
		int na = attend ? (int)(next(&z) % 4) : 0;
		unsigned first_att = next(&z) % 20;
		tu_put(&b, na ? ", \"attendees\": [" : "");
		for (int k = 0, put = 0; k < na; k++) {
			unsigned who = (first_att + 3 * (unsigned)k) % 20;
			bool own = false;
			for (int m = 0; m < np; m++)
				own = own || who == (first + 7 * (unsigned)m) % 20;
			if (!own)
				tu_put(&b, "%s\"p%u\"", put++ ? ", " : "", who);
		}
		tu_put(&b, na ? "]" : "");
		if (next(&x) % 6 == 0)
			tu_put(&b, ", \"groups\": [\"g%u\"]", next(&x) % 3);
		if (next(&x) % 4 == 0)
			tu_put(&b, ", \"optional\": true, \"priority\": %.2f", 0.25 + (next(&x) % 8) * 0.25);
		if (next(&x) % 3 == 0)
			tu_put(&b, ", \"order\": %u", 1 + next(&x) % 5);
		if (next(&x) % 5 == 0)
			tu_put(&b, ", \"prefer\": [{\"day\": \"Day %u\", \"from\": \"09:00\", \"to\": \"12:30\", \"weight\": 1.5}]",
			    1 + next(&x) % 3);
		if (next(&x) % 10 == 0)
			tu_put(&b, ", \"days\": [\"Day 1\", \"Day 3\"]");
		if (next(&x) % 10 == 0)
			tu_put(&b, ", \"requires\": [\"hybrid\"]");
		if (next(&y) % 2)
			tu_put(&b, ", \"title\": \"%s\"", titles[next(&y) % 5]);
		if (next(&y) % 4)
			tu_put(&b, ", \"stakeholder\": \"sg%u\"", next(&y) % 3);
		if (next(&y) % 3)
			tu_put(&b, ", \"region\": \"rg%u\"", next(&y) % 2);
		tu_put(&b, "}");
	}
	tu_put(&b, "\n]}\n");
	igs_problem *p = tu_load_ok(b.s);
	free(b.s);
	return p;
}

static igs_problem *generated(unsigned seed, int n_sessions, bool thematic) {
	return generated_with(seed, n_sessions, thematic, false);
}

/* ---- helpers ---- */

static igs_schedule *greedy_of(const igs_problem *p) {
	igs_options o;
	igs_options_init(&o);
	igs_schedule *s = igs_schedule_new(p);
	ck_assert_ptr_nonnull(s);
	int rc = igs_greedy_solve(s, &o);
	ck_assert(rc == IGS_OK || rc == IGS_EINFEASIBLE);
	return s;
}

static void evaluate(const igs_problem *p, const igs_schedule *s, double *total, int *hard, int *unscheduled_kind) {
	igs_report *r = NULL;
	ck_assert_int_eq(igs_evaluate(&r, p, s), IGS_OK);
	*total = r->total;
	*hard = r->n_violations;
	*unscheduled_kind = 0;
	for (int i = 0; i < r->n_violations; i++)
		*unscheduled_kind += r->violations[i].kind == IGS_V_UNSCHEDULED;
	igs_report_free(r);
}

static void assert_full_cost(const igs_problem *p, const igs_schedule *s) {
	double mine, theirs;
	int unplaced, hard, uk;
	ck_assert_int_eq(igs_local_full_cost(s, &mine, &unplaced), IGS_OK);
	evaluate(p, s, &theirs, &hard, &uk);
	ck_assert_msg(fabs(mine - theirs) < 1e-6, "local total %.9f, evaluator %.9f", mine, theirs);
	ck_assert_int_eq(unplaced, uk);
}

/* After every accepted move: the running total matches the evaluator's, every hard
 * violation is a required session left out, and their number never grows. */
typedef struct {
	const igs_problem *p;
	long checks;
	int hard;
	bool strict; /* the start had no violation but left-out sessions */
	double last;
} watcher;

static bool watch(const igs_schedule *s, double total, void *arg) {
	watcher *w = arg;
	double theirs;
	int hard, uk;
	evaluate(w->p, s, &theirs, &hard, &uk);
	ck_assert_msg(fabs(total - theirs) < 1e-6, "move %ld: incremental total %.9f, evaluator %.9f", w->checks, total,
		      theirs);
	if (w->strict)
		ck_assert_msg(hard == uk, "move %ld: %d hard violations besides unscheduled sessions", w->checks,
			      hard - uk);
	ck_assert_int_le(hard, w->hard);
	w->hard = hard;
	w->last = theirs;
	w->checks++;
	return true;
}

static long run_watched(const igs_problem *p, igs_schedule *s, long seed, long moves) {
	igs_options o;
	igs_options_init(&o);
	o.seed = seed;
	o.verbose = 0;
	double start;
	int hard, uk;
	evaluate(p, s, &start, &hard, &uk);
	watcher w = {.p = p, .hard = hard, .strict = hard == uk};
	igs_local_stats st = {.on_accept = watch, .arg = &w};
	ck_assert_int_eq(igs_local_search(s, &o, moves, &st), IGS_OK);
	ck_assert_int_eq(st.accepted, w.checks);
	ck_assert_int_eq(st.tried, moves);
	/* The returned schedule: valid, scored as reported, and no worse than the start. */
	double end;
	int hard_end;
	evaluate(p, s, &end, &hard_end, &uk);
	if (w.strict)
		ck_assert_int_eq(hard_end, uk);
	ck_assert_int_le(hard_end, hard);
	ck_assert_msg(fabs(end - st.best_score) < 1e-6, "reported %.9f, evaluated %.9f", st.best_score, end);
	if (hard_end == hard)
		ck_assert_msg(end <= start + 1e-9, "worse than the start: %.6f > %.6f", end, start);
	assert_full_cost(p, s);
	return w.checks;
}

/* ---- tests ---- */

START_TEST(test_full_cost_matches_evaluator) {
	static const char *files[] = {EX("small.json"), EX("igf-like.json"), EX("dc-joint.json")};
	for (size_t f = 0; f < sizeof files / sizeof files[0]; f++) {
		igs_problem *p = tu_load_file(files[f]);
		igs_schedule *s = greedy_of(p);
		assert_full_cost(p, s);
		/* Weights that are 0 by default must be carried too. */
		p->weights.room_stability = 0.3;
		p->weights.order = 2.5;
		assert_full_cost(p, s);
		/* Partial schedules: every third session out, then nothing placed. */
		for (int i = 0; i < s->n; i += 3)
			igs_schedule_set(s, i, -1, -1);
		assert_full_cost(p, s);
		for (int i = 0; i < s->n; i++)
			igs_schedule_set(s, i, -1, -1);
		assert_full_cost(p, s);
		igs_schedule_free(s);
		igs_problem_free(p);
	}
}
END_TEST

START_TEST(test_delta_small) {
	igs_problem *p = tu_load_file(EX("small.json"));
	for (long seed = 1; seed <= 3; seed++) {
		igs_schedule *s = greedy_of(p);
		ck_assert_int_gt(run_watched(p, s, seed, 20000), 50);
		igs_schedule_free(s);
	}
	igs_problem_free(p);
}
END_TEST

START_TEST(test_delta_generated) {
	for (unsigned g = 1; g <= 3; g++) {
		igs_problem *p = generated(g, 70, false);
		igs_schedule *s = greedy_of(p);
		ck_assert_int_gt(run_watched(p, s, g, 40000), 100);
		/* From nothing placed: required sessions are placed first and always accepted. */
		for (int i = 0; i < s->n; i++)
			igs_schedule_set(s, i, -1, -1);
		ck_assert_int_gt(run_watched(p, s, g + 10, 40000), 100);
		/* A start with clashes (a hand-made draft): they may go, none may come. */
		for (int i = 0; i + 1 < s->n; i += 9)
			if (s->time[i] >= 0)
				igs_schedule_set(s, i + 1, s->time[i], s->room[i]);
		ck_assert_int_gt(run_watched(p, s, g + 20, 40000), 100);
		igs_schedule_free(s);
		igs_problem_free(p);
	}
}
END_TEST

START_TEST(test_delta_thematic) {
	/* meeting.thematic_rooms: the greedy's start keeps the rule, no accepted move breaks it
	 * (run_watched's strict check), from the start and from nothing placed. */
	for (unsigned g = 1; g <= 3; g++) {
		igs_problem *p = generated(g, 70, true);
		igs_schedule *s = greedy_of(p);
		double total;
		int hard, uk;
		igs_report *r = tu_eval(p, s);
		for (int i = 0; i < r->n_violations; i++)
			ck_assert_msg(r->violations[i].kind == IGS_V_UNSCHEDULED, "the greedy's start: %s",
				      r->violations[i].text);
		igs_report_free(r);
		ck_assert_int_gt(run_watched(p, s, g, 40000), 100);
		for (int i = 0; i < s->n; i++)
			igs_schedule_set(s, i, -1, -1);
		ck_assert_int_gt(run_watched(p, s, g + 10, 40000), 100);
		/* The rule bites: without it the same search ends in a schedule that breaks it. */
		p->thematic_rooms = false;
		run_watched(p, s, g + 10, 40000);
		p->thematic_rooms = true;
		evaluate(p, s, &total, &hard, &uk);
		ck_assert_int_gt(hard, uk);
		igs_schedule_free(s);
		igs_problem_free(p);
	}
}
END_TEST

START_TEST(test_delta_with_reference) {
	/* A revision: the greedy's schedule of a generated problem is the reference; the
	 * search starts from another schedule (some sessions moved, some out) and every
	 * accepted move must agree with the evaluator, change terms and all. */
	for (unsigned g = 4; g <= 5; g++) {
		igs_problem *p = generated(g, 60, false);
		igs_schedule *s = greedy_of(p);
		char *ref = tu_write_temp("", ".json");
		igs_diag *d = igs_diag_new();
		ck_assert_int_eq(igs_schedule_write(s, NULL, IGS_FMT_JSON, ref, d), IGS_OK);
		ck_assert_int_eq(igs_problem_set_reference(p, ref, d), IGS_OK);
		igs_diag_free(d);
		for (int i = 0; i < s->n; i += 4)
			igs_schedule_set(s, i, -1, -1);
		ck_assert_int_gt(run_watched(p, s, g, 30000), 50);
		igs_schedule_free(s);
		igs_problem_free(p);
		unlink(ref);
		free(ref);
	}
}
END_TEST

START_TEST(test_delta_igf_like) {
	igs_problem *p = tu_load_file(EX("igf-like.json"));
	p->weights.room_stability = 0.5;
	p->weights.order = 1.0;
	igs_schedule *s = greedy_of(p);
	ck_assert_int_gt(run_watched(p, s, 5, 8000), 100);
	igs_schedule_free(s);
	igs_problem_free(p);
	p = tu_load_file(EX("dc-joint.json"));
	s = greedy_of(p);
	ck_assert_int_gt(run_watched(p, s, 6, 10000), 100);
	igs_schedule_free(s);
	igs_problem_free(p);
}
END_TEST

START_TEST(test_delta_attendees) {
	/* Attendees, a chair and people shared across sessions, with both slot terms and
	 * attendee_clash weighing in, on the 30-minute grid where sessions start in one slot
	 * with and without overlapping: every accepted move, swaps included, agrees with the
	 * evaluator, and the slot terms are really there to agree on. */
	for (unsigned g = 1; g <= 3; g++) {
		igs_problem *p = generated_with(g, 70, g == 3, true);
		igs_schedule *s = greedy_of(p);
		ck_assert_int_gt(run_watched(p, s, g, 40000), 100);
		for (int i = 0; i < s->n; i++)
			igs_schedule_set(s, i, -1, -1);
		ck_assert_int_gt(run_watched(p, s, g + 10, 40000), 100);
		/* A start crowded into few slots, so the slot terms start high. */
		for (int i = 0; i < s->n; i++)
			if (s->time[i] >= 0 && i % 3 == 0)
				igs_schedule_set(s, i, s->time[i % 6], (s->room[i] + 1) % p->n_rooms);
		igs_report *r = tu_eval(p, s);
		double slot_start = r->person_slot.count + r->attendee_slot.count;
		igs_report_free(r);
		ck_assert_int_gt(run_watched(p, s, g + 20, 40000), 100);
		ck_assert_msg(slot_start > 0, "generated %u: no slot term to move", g);
		igs_schedule_free(s);
		igs_problem_free(p);
	}
}
END_TEST

START_TEST(test_full_cost_without_pair_table) {
	/* Above PAIR_TABLE_MAX sessions the local search prices pairs on the fly and skips those
	 * that share no theme, tag or attendee: its full cost must still be the evaluator's,
	 * attendee_clash included (the pairs sharing only an attendee are the ones at risk). */
	tu_buf b = {0};
	tu_put(&b, "{\"meeting\": {\"name\": \"big\", \"start_every\": 30, \"slots\": [\"09:00-18:00\"]},\n"
		   " \"days\": [{\"date\": \"2025-06-23\"}, {\"date\": \"2025-06-24\"}],\n \"rooms\": [");
	for (int r = 0; r < 20; r++)
		tu_put(&b, "%s{\"id\": \"r%d\"}", r ? ", " : "", r);
	tu_put(&b, "],\n \"people\": [");
	for (int k = 0; k < 300; k++)
		tu_put(&b, "%s{\"id\": \"q%d\"}", k ? ", " : "", k);
	tu_put(&b, "],\n \"sessions\": [\n");
	for (int i = 0; i < 2100; i++) /* no themes or tags: an attendee is all a pair can share */
		tu_put(&b, "%s{\"id\": \"s%d\", \"duration\": 60, \"optional\": true, \"people\": [\"q%d\"],"
			   " \"attendees\": [\"q%d\"]}",
		       i ? ",\n" : "", i, i % 150, 150 + i % 15);
	tu_put(&b, "]}\n");
	igs_problem *p = tu_load_ok(b.s);
	free(b.s);
	igs_schedule *s = greedy_of(p);
	igs_report *r = tu_eval(p, s);
	ck_assert(r->attendee_clash.count > 0);
	igs_report_free(r);
	assert_full_cost(p, s);
	igs_schedule_free(s);
	igs_problem_free(p);
}
END_TEST

START_TEST(test_person_slot_one_room) {
	/* One slot, starts at 09:00 and 09:45, two rooms: x and y share speaker p1, so they
	 * run one after the other. Capacity alone would send small x to small ra and big y to
	 * big rb; with person_slot dear they must share a room, the greedy's schedule and the
	 * search's from the worst start alike. */
	static const char *text =
		"{\"meeting\": {\"name\": \"t\", \"utc_offset\": \"+01:00\", \"start_every\": 45},\n"
		" \"days\": [{\"date\": \"2025-06-23\", \"label\": \"Day 1\", \"slots\": [\"09:00-10:30\"]}],\n"
		" \"rooms\": [{\"id\": \"ra\", \"capacity\": 20}, {\"id\": \"rb\", \"capacity\": 200}],\n"
		" \"people\": [{\"id\": \"p1\"}, {\"id\": \"p2\"}],\n"
		" \"weights\": {\"person_slot\": 50},\n"
		" \"sessions\": [{\"id\": \"x\", \"duration\": 45, \"people\": [\"p1\"], \"attendance\": 10},"
		" {\"id\": \"w\", \"duration\": 45, \"people\": [\"p2\"]},"
		" {\"id\": \"y\", \"duration\": 45, \"people\": [\"p1\"], \"attendance\": 100},"
		" {\"id\": \"z\", \"duration\": 45}]}\n";
	igs_problem *p = tu_load_ok(text);
	int x = igs_problem_find_session(p, "x"), y = igs_problem_find_session(p, "y");
	igs_schedule *s = greedy_of(p);
	igs_report *r = tu_eval(p, s);
	tu_expect_no_hard(r);
	ck_assert_msg(r->person_slot.count == 0, "the greedy: x in room %d, y in room %d", s->room[x], s->room[y]);
	igs_report_free(r);

	/* x and y apart in the rooms (w and z filling the other cells): one swap mends it. */
	for (long seed = 1; seed <= 3; seed++) {
		int t0 = igs_problem_find_time(p, 0, 9 * 60), t1 = igs_problem_find_time(p, 0, 9 * 60 + 45);
		ck_assert_int_eq(igs_schedule_set(s, x, t0, 0), IGS_OK);
		ck_assert_int_eq(igs_schedule_set(s, igs_problem_find_session(p, "w"), t0, 1), IGS_OK);
		ck_assert_int_eq(igs_schedule_set(s, y, t1, 1), IGS_OK);
		ck_assert_int_eq(igs_schedule_set(s, igs_problem_find_session(p, "z"), t1, 0), IGS_OK);
		r = tu_eval(p, s);
		ck_assert(r->person_slot.count == 1 && r->person_slot.cost == 50);
		igs_report_free(r);
		run_watched(p, s, seed, 2000);
		r = tu_eval(p, s);
		tu_expect_no_hard(r);
		ck_assert_msg(r->person_slot.count == 0, "seed %ld: x in room %d, y in room %d", seed, s->room[x],
			      s->room[y]);
		ck_assert_int_eq(s->room[x], s->room[y]);
		igs_report_free(r);
	}
	igs_schedule_free(s);
	igs_problem_free(p);
}
END_TEST

static igs_schedule *searched(const igs_problem *p, long seed, long moves, igs_local_stats *st) {
	igs_options o;
	igs_options_init(&o);
	o.seed = seed;
	o.verbose = 0;
	igs_schedule *s = greedy_of(p);
	memset(st, 0, sizeof *st);
	ck_assert_int_eq(igs_local_search(s, &o, moves, st), IGS_OK);
	return s;
}

static bool same_placements(const igs_schedule *a, const igs_schedule *b) {
	return memcmp(a->time, b->time, (size_t)a->n * sizeof *a->time) == 0 &&
	       memcmp(a->room, b->room, (size_t)a->n * sizeof *a->room) == 0;
}

START_TEST(test_reproducible) {
	igs_problem *p = tu_load_file(EX("igf-like.json"));
	igs_local_stats a, b, c;
	igs_schedule *s1 = searched(p, 7, 150000, &a);
	igs_schedule *s2 = searched(p, 7, 150000, &b);
	igs_schedule *s3 = searched(p, 8, 150000, &c);
	ck_assert(same_placements(s1, s2));
	ck_assert_int_eq(a.accepted, b.accepted);
	ck_assert(a.best_score == b.best_score);
	/* Another seed is another run; it need not differ, but both must be valid. */
	double t1, t3;
	int h1, h3, uk;
	evaluate(p, s1, &t1, &h1, &uk);
	evaluate(p, s3, &t3, &h3, &uk);
	ck_assert_int_eq(h1, 0);
	ck_assert_int_eq(h3, 0);
	ck_assert(!same_placements(s1, s3) || t1 == t3);
	ck_assert_msg(a.best_score < a.start_score, "no improvement on igf-like: %.3f", a.best_score);
	igs_schedule_free(s1);
	igs_schedule_free(s2);
	igs_schedule_free(s3);
	igs_problem_free(p);
}
END_TEST

START_TEST(test_never_worse) {
	for (unsigned g = 4; g <= 6; g++) {
		igs_problem *p = generated(g, 90, false);
		for (long seed = 1; seed <= 3; seed++) {
			igs_local_stats st;
			igs_schedule *start = greedy_of(p);
			double t0, t1;
			int h0, h1, uk;
			evaluate(p, start, &t0, &h0, &uk);
			igs_schedule *s = searched(p, seed, 30000, &st);
			evaluate(p, s, &t1, &h1, &uk);
			ck_assert_int_le(h1, h0);
			ck_assert(h1 < h0 || t1 <= t0 + 1e-9);
			ck_assert(fabs(st.start_score - t0) < 1e-6);
			igs_schedule_free(s);
			igs_schedule_free(start);
		}
		igs_problem_free(p);
	}
}
END_TEST

START_TEST(test_zero_moves_keeps_schedule) {
	igs_problem *p = tu_load_file(EX("small.json"));
	igs_local_stats st;
	igs_schedule *s = searched(p, 1, 0, &st);
	igs_schedule *g = greedy_of(p);
	ck_assert(same_placements(s, g));
	ck_assert_int_eq(st.tried, 0);
	ck_assert(st.best_score == st.start_score);
	igs_schedule_free(s);
	igs_schedule_free(g);
	igs_problem_free(p);
}
END_TEST


static igs_schedule *searched_threads(const igs_problem *p, long seed, long moves, int threads, igs_local_stats *st) {
	igs_options o;
	igs_options_init(&o);
	o.seed = seed;
	o.verbose = 0;
	o.threads = threads;
	igs_schedule *s = greedy_of(p);
	memset(st, 0, sizeof *st);
	ck_assert_int_eq(igs_local_search(s, &o, moves, st), IGS_OK);
	return s;
}

/* With a move budget, two searches give the same schedule run after run: they meet and share
 * at fixed move counts, not at times. */
START_TEST(test_threads_reproducible) {
	igs_problem *p = tu_load_file(EX("igf-like.json"));
	igs_local_stats a, b, one;
	igs_schedule *s1 = searched_threads(p, 7, 100000, 2, &a);
	igs_schedule *s2 = searched_threads(p, 7, 100000, 2, &b);
	igs_schedule *s0 = searched_threads(p, 7, 100000, 1, &one);
	ck_assert(same_placements(s1, s2));
	ck_assert(a.best_score == b.best_score);
	ck_assert_int_eq(a.accepted, b.accepted);
	/* Each search gets the whole budget. */
	ck_assert_int_eq(a.tried, 2 * 100000);
	ck_assert_int_eq(one.tried, 100000);
	double t;
	int h, uk;
	evaluate(p, s1, &t, &h, &uk);
	ck_assert_int_eq(h, 0);
	ck_assert_msg(fabs(t - a.best_score) < 1e-6, "reported %.9f, evaluator %.9f", a.best_score, t);
	ck_assert(a.best_score < a.start_score);
	/* The first search is the one-thread search, so two never do worse than one. */
	ck_assert_msg(a.best_score <= one.best_score + 1e-9, "2 threads %.6f, 1 thread %.6f", a.best_score,
		      one.best_score);
	igs_schedule_free(s0);
	igs_schedule_free(s1);
	igs_schedule_free(s2);
	igs_problem_free(p);
}
END_TEST

/* The watcher of run_watched, for searches in several threads at once. */
typedef struct {
	pthread_mutex_t lock;
	watcher w;
	long bad;
} shared_watcher;

static bool watch_shared(const igs_schedule *s, double total, void *arg) {
	shared_watcher *sw = arg;
	double theirs;
	int hard, uk;
	evaluate(sw->w.p, s, &theirs, &hard, &uk);
	pthread_mutex_lock(&sw->lock);
	sw->bad += fabs(total - theirs) >= 1e-6 || hard != uk;
	sw->w.checks++;
	pthread_mutex_unlock(&sw->lock);
	return true;
}

/* Every search's incremental total agrees with the evaluator after each accepted move, also
 * after a search took over another's best schedule. */
START_TEST(test_threads_delta_agree) {
	igs_problem *p = generated(5, 90, false);
	igs_schedule *s = greedy_of(p);
	igs_options o;
	igs_options_init(&o);
	o.verbose = 0;
	o.threads = 3;
	shared_watcher sw = {.lock = PTHREAD_MUTEX_INITIALIZER, .w = {.p = p}};
	igs_local_stats st = {.on_accept = watch_shared, .arg = &sw};
	ck_assert_int_eq(igs_local_search(s, &o, 20000, &st), IGS_OK);
	ck_assert_int_gt(sw.w.checks, 100);
	ck_assert_int_eq(st.accepted, sw.w.checks);
	ck_assert_int_eq(sw.bad, 0);
	igs_schedule_free(s);
	igs_problem_free(p);
}
END_TEST

static double seconds(void) {
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

/* With the effort in time the search spends its limit, whatever the move count says, and
 * returns within the limit and a margin (a bound checked, not a speed). */
START_TEST(test_time_mode_spends_limit) {
	igs_problem *p = tu_load_file(EX("igf-like.json"));
	for (int threads = 1; threads <= 2; threads++) {
		igs_schedule *s = greedy_of(p);
		igs_options o;
		igs_options_init(&o);
		o.verbose = 0;
		o.effort = IGS_EFFORT_TIME;
		o.time_limit = 0.5;
		o.threads = threads;
		igs_local_stats st;
		memset(&st, 0, sizeof st);
		double t0 = seconds();
		ck_assert_int_eq(igs_local_search(s, &o, 1000, &st), IGS_OK);
		double took = seconds() - t0;
		ck_assert_msg(took < o.time_limit + 1.0, "%d threads: %.2f s for a 0.5 s limit", threads, took);
		ck_assert_msg(st.tried > 1000, "the move count stopped a search in time mode (%ld moves)", st.tried);
		ck_assert(!st.timed_out);
		ck_assert(st.best_score < st.start_score);
		double t;
		int h, uk;
		evaluate(p, s, &t, &h, &uk);
		ck_assert_int_eq(h, 0);
		/* The schedule returned is the best any search reported, the portfolio's included. */
		ck_assert_msg(fabs(t - st.best_score) < 1e-6, "%d threads: evaluator %.6f, search %.6f", threads, t, st.best_score);
		igs_schedule_free(s);
	}
	igs_problem_free(p);
}
END_TEST

/* A search that reaches a score of 0 stops there: nothing is better, since no weight or count is
 * below 0. Two sessions of theme a start side by side (one clash); the search parts them and
 * stops long before its budget, with one thread and with two (in either mode). */
START_TEST(test_stops_at_zero) {
	igs_problem *p = tu_load_zero_reachable();
	for (int threads = 1; threads <= 2; threads++)
		for (int timed = 0; timed <= 1; timed++) {
			igs_schedule *s = igs_schedule_new(p);
			ck_assert_ptr_nonnull(s);
			igs_schedule_set(s, 0, 0, 1);
			igs_schedule_set(s, 1, 0, 2);
			double t;
			int h, uk;
			evaluate(p, s, &t, &h, &uk);
			ck_assert_int_eq(h, 0);
			ck_assert_msg(t > 0, "the start must clash (score %g)", t);
			igs_options o;
			tu_quiet_options(&o, 10000000);
			o.threads = threads;
			o.effort = timed ? IGS_EFFORT_TIME : IGS_EFFORT_MOVES;
			o.time_limit = timed ? 30 : 600;
			igs_local_stats st;
			memset(&st, 0, sizeof st);
			ck_assert_int_eq(igs_local_search(s, &o, o.moves, &st), IGS_OK);
			evaluate(p, s, &t, &h, &uk);
			ck_assert_int_eq(h, 0);
			ck_assert_msg(t == 0, "%d threads, %s: score %g", threads, timed ? "time" : "moves", t);
			ck_assert(st.optimal);
			ck_assert(!st.timed_out);
			/* An epoch of the budget at most (per search), not the whole of it. */
			ck_assert_msg(st.tried <= threads * (o.moves / 100 + 4096), "%ld moves", st.tried);
			/* From a start at 0, no move at all. */
			long before = st.tried;
			memset(&st, 0, sizeof st);
			ck_assert_int_eq(igs_local_search(s, &o, o.moves, &st), IGS_OK);
			ck_assert(st.optimal);
			ck_assert_msg(st.tried <= threads * 2000, "%ld moves from a start at 0 (%ld before)", st.tried, before);
			igs_schedule_free(s);
		}
	igs_problem_free(p);
}
END_TEST

static void count_progress(const igs_local_stats *st, void *arg) {
	(void)st;
	++*(int *)arg;
}

START_TEST(test_pipeline) {
	igs_problem *p = tu_load_file(EX("small.json"));
	igs_options o;
	igs_options_init(&o);
	o.verbose = 0;
	o.moves = 50000;
	o.solver = IGS_SOLVER_HEURISTIC;
	igs_diag *d = igs_diag_new();
	igs_schedule *s = NULL;
	ck_assert_int_eq(igs_solve(&s, p, &o, d), IGS_OK);
	ck_assert_str_eq(s->stats.solver, "greedy+local");
	ck_assert_str_eq(s->stats.status, "feasible");
	ck_assert_int_eq(s->stats.effort, 50000);
	double t;
	int h, uk;
	evaluate(p, s, &t, &h, &uk);
	ck_assert_int_eq(h, 0);
	/* The hand-made example's optimum is known. */
	ck_assert_msg(fabs(t - 10.0) < 1e-6, "small.json scored %.3f, optimum 10", t);
	igs_schedule_free(s);
	igs_diag_free(d);

	/* The progress hook runs at least once, at the end. */
	int calls = 0;
	igs_local_stats st = {.progress = count_progress, .arg = &calls};
	s = greedy_of(p);
	ck_assert_int_eq(igs_local_search(s, &o, 1000, &st), IGS_OK);
	ck_assert_int_ge(calls, 1);
	igs_schedule_free(s);
	igs_problem_free(p);
}
END_TEST

static Suite *suite(void) {
	Suite *s = suite_create("local");
	/* One case per test, so CK_RUN_CASE can pick one. */
#define IGS_CASE(fn)                                                                               \
	do {                                                                                       \
		TCase *tc = tcase_create(#fn);                                                     \
		tcase_set_timeout(tc, 120);                                                        \
		tcase_add_test(tc, fn);                                                            \
		suite_add_tcase(s, tc);                                                            \
	} while (0)
	IGS_CASE(test_full_cost_matches_evaluator);
	IGS_CASE(test_delta_small);
	IGS_CASE(test_delta_generated);
	IGS_CASE(test_delta_igf_like);
	IGS_CASE(test_delta_thematic);
	IGS_CASE(test_delta_with_reference);
	IGS_CASE(test_delta_attendees);
	IGS_CASE(test_person_slot_one_room);
	IGS_CASE(test_full_cost_without_pair_table);
	IGS_CASE(test_reproducible);
	IGS_CASE(test_never_worse);
	IGS_CASE(test_zero_moves_keeps_schedule);
	IGS_CASE(test_pipeline);
	IGS_CASE(test_threads_reproducible);
	IGS_CASE(test_threads_delta_agree);
	IGS_CASE(test_time_mode_spends_limit);
	IGS_CASE(test_stops_at_zero);
#undef IGS_CASE
	return s;
}

int main(void) {
	return tu_run_suite(suite());
}
