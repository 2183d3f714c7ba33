/* Tests of the exact solver's time-phase model (solver/mip_model.c): optimality against brute
 * force on small generated instances (and igs_solve's exact pipeline on them), the rows of every
 * hard-constraint kind, type spread, the staggered theme clash, the window rows, and the slot
 * terms the model leaves out. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"

#define TOL 1e-6

/* ---- helpers ---- */

/* NULL when the loader rejects the text. */
static igs_problem *try_load(const char *json) {
	igs_diag *d = igs_diag_new();
	igs_problem *p = NULL;
	if (tu_load_text(&p, d, json) != IGS_OK)
		p = NULL;
	igs_diag_free(d);
	return p;
}

static igs_problem *load_json(const char *json) {
	return tu_load_ok(json);
}

static int rid(const igs_problem *p, const char *id) {
	int r = igs_problem_find_room(p, id);
	ck_assert_msg(r >= 0, "no room '%s'", id);
	return r;
}

static bool overlap(const igs_problem *p, const igs_schedule *s, int a, int b) {
	if (s->time[a] < 0 || s->time[b] < 0)
		return false;
	long a0, a1, b0, b1;
	igs_session_span(p, a, s->time[a], &a0, &a1);
	igs_session_span(p, b, s->time[b], &b0, &b1);
	return igs_intervals_overlap(a0, a1, b0, b1);
}

static int start_of(const igs_problem *p, const igs_schedule *s, int i) {
	ck_assert_int_ge(s->time[i], 0);
	return p->times[s->time[i]].start;
}

static int day_of(const igs_problem *p, const igs_schedule *s, int i) {
	ck_assert_int_ge(s->time[i], 0);
	return p->times[s->time[i]].day;
}

/* ---- 1. brute force on small generated instances ---- */

/* One small instance per seed. Five flavours, each mixing in the others' features at
 * random: 0 overlap-heavy mixed durations on a 30-minute grid; 1 over-subscribed with
 * optional sessions of several priorities; 2 theme similarity, remote people and
 * preferences over two days; 3 rooms of different capacity with attendance; 4 one theme's
 * sessions spread over two days. A third of them also have plenary rooms with main
 * sessions (max_parallel 1), an exclusive opening and sessions needing interpretation; half
 * of the sessions take a title from a short list, which makes near-duplicate pairs, and two
 * thirds a stakeholder group and a region (the fairness term, for optional ones); half
 * have attendees (attendee_clash, which the model charges exactly).
 * n_max bounds the session count (the enumeration grows as (times x rooms)^n). */
static char *bf_instance(unsigned seed, int n_max) {
	unsigned x = seed * 2654435761u + 7u;
	for (int i = 0; i < 3; i++)
		tu_lcg(&x);
	int flavour = (int)(seed % 5);
	/* A second stream for the type rules, so they do not shift the draws above. */
	unsigned y = seed * 40503u + 99u;
	tu_lcg(&y);
	bool rules = tu_lcg(&y) % 3 == 0, interp = rules && tu_lcg(&y) % 2;
	unsigned z = seed * 69069u + 5u; /* a third stream, for titles */
	unsigned v = seed * 22695477u + 1u; /* a fourth, for attendees (attendee_clash) */
	static const char *const titles[] = {"Digital skills for youth", "Youth and digital skills",
					     "Net neutrality today", "Digital skills for youth"};
	int nd = flavour == 2 || flavour == 4 ? 2 : flavour == 1 ? 1 : 1 + (int)(tu_lcg(&x) % 2);
	int nr = flavour == 1 ? 2 : 2 + (int)(tu_lcg(&x) % 2);
	tu_buf b = {0};
	tu_put(&b, "{\"meeting\": {\"name\": \"bf%u\", \"utc_offset\": \"+00:00\"},\n \"days\": [", seed);
	for (int d = 0; d < nd; d++) {
		if (flavour == 1)
			/* one 90-minute slot: 3 hours of room time for more demand than that */
			tu_put(&b, "{\"date\": \"2025-06-2%d\", \"label\": \"Day %d\", \"slots\": [\"09:00-10:30\"],"
				" \"starts\": [\"09:00\", \"09:30\", \"10:00\"]}",
			    3 + d, d + 1);
		else if (nd == 1)
			tu_put(&b, "%s{\"date\": \"2025-06-2%d\", \"label\": \"Day %d\", \"slots\": [\"09:00-10:30\", \"11:00-12:00\"],"
				" \"starts\": [\"09:00\", \"09:30\", \"10:00\", \"11:00\", \"11:30\"]}",
			    d ? ", " : "", 3 + d, d + 1);
		else
			tu_put(&b, "%s{\"date\": \"2025-06-2%d\", \"label\": \"Day %d\", \"slots\": [\"09:00-10:30\"],"
				" \"starts\": [\"09:00\", \"09:30\", \"10:00\"]}",
			    d ? ", " : "", 3 + d, d + 1);
	}
	static const int caps[] = {120, 50, 20};
	tu_put(&b, "],\n \"rooms\": [");
	for (int r = 0; r < nr; r++) {
		int cap = flavour == 3 || tu_lcg(&x) % 2 ? caps[(r + seed) % 3] : 0;
		tu_put(&b, "%s{\"id\": \"r%d\", \"capacity\": %d", r ? ", " : "", r, cap);
		if (rules)
			tu_put(&b, ", \"features\": [\"plenary\"%s]", interp && r == 0 ? ", \"interpretation\"" : "");
		if (r == nr - 1 && tu_lcg(&x) % 4 == 0)
			tu_put(&b, ", \"unavailable\": [{\"day\": \"Day 1\", \"from\": \"09:00\", \"to\": \"09:30\"}]");
		tu_put(&b, "}");
	}
	tu_put(&b, "],\n \"themes\": [{\"id\": \"a\"}, {\"id\": \"b\"}, {\"id\": \"c\"}],\n");
	if (flavour == 2 || tu_lcg(&x) % 4 == 0)
		tu_put(&b, " \"theme_similarity\": [{\"a\": \"a\", \"b\": \"b\", \"value\": %s}],\n",
		    tu_lcg(&x) % 2 ? "0.5" : "0.3");
	tu_put(&b, " \"people\": [{\"id\": \"p1\"}, {\"id\": \"p2\"},"
		" {\"id\": \"far\", \"remote\": true, \"utc_offset\": \"-05:00\", \"available\": [\"04:00-05:30\"]}],\n"
		" \"groups\": [{\"id\": \"g1\"}],\n");
	if (flavour == 4 || tu_lcg(&x) % 3 == 0)
		tu_put(&b, " \"weights\": {\"tag_clash\": 3, \"theme_spread\": 4},\n");
	int n = 3 + (int)(tu_lcg(&x) % 4);
	if (n > n_max)
		n = n_max;
	tu_put(&b, " \"sessions\": [\n");
	static const int durs[] = {30, 60, 90};
	static const char *const themes[] = {"a", "b", "c"};
	bool opening = false;
	for (int i = 0; i < n; i++) {
		int dur = flavour == 1 ? 60 + 30 * (int)(tu_lcg(&x) % 2) : durs[tu_lcg(&x) % 3];
		tu_put(&b, "%s  {\"id\": \"s%d\", \"duration\": %d", i ? ",\n" : "", i, dur);
		if (tu_lcg(&z) % 2)
			tu_put(&b, ", \"title\": \"%s\"", titles[tu_lcg(&z) % 4]);
		if (tu_lcg(&z) % 3)
			tu_put(&b, ", \"stakeholder\": \"sg%u\", \"region\": \"rg%u\"", tu_lcg(&z) % 2, tu_lcg(&z) % 3);
		if (rules) {
			/* main sessions (one at a time), an opening (nothing beside it), interpretation */
			unsigned k = tu_lcg(&y) % 6;
			if (k < 2)
				tu_put(&b, ", \"type\": \"main\"");
			else if (k == 2 && !opening) {
				tu_put(&b, ", \"type\": \"opening\"");
				opening = true;
			} else if (k == 3 && interp)
				tu_put(&b, ", \"requires\": [\"interpretation\"]");
		}
		const char *th = flavour == 4 && i % 3 != 2 ? "a" : themes[tu_lcg(&x) % 3];
		tu_put(&b, ", \"themes\": [\"%s\"", th);
		if (tu_lcg(&x) % 8 == 0)
			tu_put(&b, ", \"%s\"", themes[tu_lcg(&x) % 3]);
		tu_put(&b, "]");
		if (tu_lcg(&x) % 3 == 0)
			tu_put(&b, ", \"tags\": [\"t%u\"]", tu_lcg(&x) % 2);
		unsigned who = tu_lcg(&x) % 8;
		if (who < 2)
			tu_put(&b, ", \"people\": [\"p%u\"]", who + 1);
		else if (who == 2 || (flavour == 2 && who < 5))
			tu_put(&b, ", \"people\": [\"far\"]");
		/* Attendees, never the session's own person (the loader refuses that). */
		int own = who < 2 ? (int)who : who == 2 || (flavour == 2 && who < 5) ? 2 : -1;
		if (tu_lcg(&v) % 2) {
			static const char *const names[] = {"p1", "p2", "far"};
			unsigned pick = 1 + tu_lcg(&v) % 7; /* a non-empty subset of the three */
			tu_put(&b, ", \"attendees\": [");
			for (int k = 0, put = 0; k < 3; k++)
				if (pick >> k & 1 && k != own)
					tu_put(&b, "%s\"%s\"", put++ ? ", " : "", names[k]);
			tu_put(&b, "]");
		}
		if (tu_lcg(&x) % 8 == 0)
			tu_put(&b, ", \"groups\": [\"g1\"]");
		if (flavour == 3 || tu_lcg(&x) % 3 == 0)
			tu_put(&b, ", \"attendance\": %u", 10 + 10 * (tu_lcg(&x) % 12));
		if ((flavour == 1 && i >= 1) || tu_lcg(&x) % 6 == 0)
			tu_put(&b, ", \"optional\": true, \"priority\": %s", (const char *[]){"0.5", "1", "2", "0.02"}[tu_lcg(&x) % 4]);
		if (flavour == 2 ? tu_lcg(&x) % 2 == 0 : tu_lcg(&x) % 6 == 0)
			tu_put(&b, ", \"prefer\": [{\"day\": \"Day %u\", \"from\": \"%s\", \"to\": \"10:30\", \"weight\": %s}]",
			    1 + tu_lcg(&x) % (unsigned)nd, tu_lcg(&x) % 2 ? "09:00" : "09:30", tu_lcg(&x) % 2 ? "1" : "0.5");
		tu_put(&b, "}");
	}
	tu_put(&b, "\n]}\n");
	return b.s;
}

#define BF_SEEDS 60

START_TEST(test_brute_force) {
	int exact = 0, proven = 0, infeasible = 0, failures = 0, attend = 0;
	long total_leaves = 0;
	for (unsigned seed = 1; seed <= BF_SEEDS; seed++) {
		/* Keep the enumeration small: drop the last sessions while it would be too big, or
		 * while the loader rejects the demand as more than the rooms can hold. */
		char *json = NULL;
		igs_problem *p = NULL;
		for (int n_max = 6; !p; n_max--) {
			ck_assert_int_ge(n_max, 2);
			free(json);
			json = bf_instance(seed, n_max);
			if (!(p = try_load(json)))
				continue;
			double size = 1;
			for (int i = 0; i < p->n_sessions; i++)
				size *= p->sessions[i].n_cand_times * (double)p->sessions[i].n_cand_rooms + p->sessions[i].optional;
			if (size > 1e6) {
				igs_problem_free(p);
				p = NULL;
			}
		}
		int *bt = calloc((size_t)p->n_sessions, sizeof *bt), *br = calloc((size_t)p->n_sessions, sizeof *br);
		ck_assert(bt && br);
		long leaves;
		double best = tu_brute_force(p, false, &leaves, bt, br);
		total_leaves += leaves;

		igs_options o;
		tu_mip_options(&o);
		/* Half the runs start from the greedy's schedule, half from nothing. */
		igs_schedule *start = seed % 2 ? tu_greedy_of(p) : NULL;
		igs_mip_stats st;
		int rc;
		igs_schedule *s = tu_mip_run(p, start, &o, &st, &rc);
		igs_report *r = tu_eval(p, s);
		bool fail = false;
#define CHECK(cond, ...)                                                                                         \
	do {                                                                                                     \
		if (!(cond) && !fail) {                                                                          \
			fail = true;                                                                             \
			fprintf(stderr, "seed %u: ", seed);                                                      \
			fprintf(stderr, __VA_ARGS__);                                                            \
			fprintf(stderr, "\n");                                                                   \
		}                                                                                                \
	} while (0)
		if (!isfinite(best)) {
			/* No feasible schedule: the model must say so too. */
			infeasible++;
			CHECK(rc == IGS_EINFEASIBLE && st.infeasible, "brute force finds no feasible schedule, the MIP returns %d",
			      rc);
		} else {
			/* Terms the model leaves out (0 here at their default weights, counted all the same). */
			double rs = r->total - tu_modelled(r);
			CHECK(rc == IGS_OK, "status %d, brute force %.6f", rc, best);
			CHECK(igs_report_hard_count(r) == 0, "%d hard violations", igs_report_hard_count(r));
			CHECK(r->total >= best - TOL, "score %.9f below the brute-force minimum %.9f", r->total, best);
			CHECK(!isfinite(st.bound) || st.bound <= best + TOL, "bound %.9f above the brute-force minimum %.9f",
			      st.bound, best);
			if (st.exact) {
				exact++;
				CHECK(st.optimal, "exact but not optimal (timed out: %d)", st.timed_out);
				CHECK(fabs(st.objective - (r->total - rs)) <= TOL, "exact: model objective %.9f, evaluator %.9f",
				      st.objective, r->total - rs);
				CHECK(fabs(r->total - best) <= TOL,
				      "exact and optimal, yet score %.9f, brute-force minimum %.9f (bound %.9f)", r->total, best,
				      st.bound);
				CHECK(isfinite(st.bound) && st.bound <= r->total + TOL && st.bound >= best - TOL,
				      "bound %.9f outside [%.9f, %.9f]", st.bound, best, r->total);
				proven += fabs(st.bound - r->total) <= TOL;
				attend += r->attendee_clash.count > 0;
			}
		}
		/* The pipeline (igs_solve, exact): the same verdict, and "optimal" only when it is. */
		igs_options po = o;
		po.moves = 20000;
		igs_diag *d = igs_diag_new();
		igs_schedule *ps = NULL;
		int prc = igs_solve(&ps, p, &po, d);
		ck_assert_ptr_nonnull(ps);
		igs_report *pr = tu_eval(p, ps);
		if (!isfinite(best)) {
			CHECK(prc == IGS_EINFEASIBLE, "brute force finds no feasible schedule, igs_solve returns %d", prc);
		} else {
			CHECK(prc == IGS_OK && igs_report_hard_count(pr) == 0, "igs_solve: status %d, %d hard violations", prc,
			      igs_report_hard_count(pr));
			CHECK(pr->total >= best - TOL, "igs_solve: score %.9f below the brute-force minimum %.9f", pr->total,
			      best);
			CHECK(!isfinite(ps->stats.bound) || ps->stats.bound <= best + TOL,
			      "igs_solve: bound %.9f above the brute-force minimum %.9f", ps->stats.bound, best);
			CHECK(strcmp(ps->stats.status, "optimal") != 0 || fabs(pr->total - best) <= TOL,
			      "igs_solve: status 'optimal', score %.9f, brute-force minimum %.9f", pr->total, best);
		}
		if (fail) {
			fprintf(stderr, "instance:\n%s", json);
			fprintf(stderr, "exact solver (exact %d, optimal %d, objective %.9f, bound %.9f, start %s):\n", st.exact,
				st.optimal, st.objective, st.bound, start ? "greedy" : "none");
			tu_dump_schedule(p, s);
			tu_dump_violations(r);
			fprintf(stderr, "igs_solve (%s, status %s, score %.9f, bound %.9f):\n", ps->stats.solver, ps->stats.status,
				pr->total, ps->stats.bound);
			tu_dump_schedule(p, ps);
			if (isfinite(best)) {
				igs_schedule *b = igs_schedule_new(p);
				for (int i = 0; i < p->n_sessions; i++)
					b->time[i] = bt[i], b->room[i] = br[i];
				fprintf(stderr, "brute-force optimum %.9f:\n", best);
				tu_dump_schedule(p, b);
				igs_schedule_free(b);
			}
		}
		failures += fail;
#undef CHECK
		igs_report_free(pr);
		igs_schedule_free(ps);
		igs_diag_free(d);
		igs_report_free(r);
		igs_schedule_free(s);
		igs_schedule_free(start);
		free(bt);
		free(br);
		igs_problem_free(p);
		free(json);
	}
	fprintf(stderr, "brute force: %d instances, %d exact, %d proven, %d infeasible, %d exact with attendee_clash, %ld leaves\n",
		BF_SEEDS, exact, proven, infeasible, attend, total_leaves);
	ck_assert_msg(failures == 0, "the exact solver disagrees with brute force on %d of %d instances (details above)",
		      failures, BF_SEEDS);
	/* Most instances are in the exact class; otherwise this test would prove little. */
	ck_assert_int_ge(exact, BF_SEEDS / 2);
	/* Some optima must pay for attendees, or their exactness is untested. */
	ck_assert_int_ge(attend, 3);
}
END_TEST

/* person_slot and attendee_slot are not in the model: with them weighed, the model's
 * objective is the score less them (when exact) and its bound stays a lower bound on the
 * brute-force minimum, which does count them. */
START_TEST(test_slot_terms_left_out) {
	int charged = 0, compared = 0;
	for (unsigned seed = 1; seed <= 15; seed++) {
		char *json = bf_instance(seed, 4);
		igs_problem *p = load_json(json);
		p->weights.person_slot = 2;
		p->weights.attendee_slot = 1.5;
		long leaves;
		int *bt = calloc((size_t)p->n_sessions, sizeof *bt), *br = calloc((size_t)p->n_sessions, sizeof *br);
		ck_assert(bt && br);
		double best = tu_brute_force(p, false, &leaves, bt, br);
		igs_options o;
		tu_mip_options(&o);
		igs_mip_stats st;
		int rc;
		igs_schedule *s = tu_mip_run(p, NULL, &o, &st, &rc);
		if (isfinite(best)) {
			ck_assert_int_eq(rc, IGS_OK);
			igs_report *r = tu_eval(p, s);
			tu_expect_no_hard(r);
			double slot = r->person_slot.cost + r->attendee_slot.cost;
			ck_assert_msg(r->total >= best - TOL, "seed %u: score %.9f below the minimum %.9f", seed, r->total, best);
			ck_assert_msg(!isfinite(st.bound) || st.bound <= best + TOL, "seed %u: bound %.9f above the minimum %.9f",
				      seed, st.bound, best);
			if (st.exact) {
				double soft = tu_modelled(r);
				ck_assert_msg(fabs(st.objective - soft) <= TOL, "seed %u: model objective %.9f, evaluator less the slot terms %.9f",
					      seed, st.objective, soft);
				compared++;
				charged += slot > 0;
			}
			igs_report_free(r);
		}
		igs_schedule_free(s);
		free(bt);
		free(br);
		igs_problem_free(p);
		free(json);
	}
	ck_assert_int_ge(compared, 5);
	ck_assert_int_ge(charged, 1);
}
END_TEST

/* The pruned enumeration against the plain one on the instances small enough for it. */
START_TEST(test_brute_force_unpruned) {
	int checked = 0;
	for (unsigned seed = 1; seed <= BF_SEEDS; seed++) {
		char *json = bf_instance(seed, 3);
		igs_problem *p = load_json(json);
		double raw_size = 1;
		for (int i = 0; i < p->n_sessions; i++)
			raw_size *= p->n_times * p->n_rooms + 1.0;
		if (raw_size <= 8000) {
			int *bt = calloc((size_t)p->n_sessions, sizeof *bt), *br = calloc((size_t)p->n_sessions, sizeof *br);
			long l1, l2;
			double a = tu_brute_force(p, false, &l1, bt, br), b = tu_brute_force(p, true, &l2, bt, br);
			ck_assert_msg((isinf(a) && isinf(b)) || fabs(a - b) <= TOL, "seed %u: pruned %.9f, plain %.9f", seed, a, b);
			checked++;
			free(bt);
			free(br);
		}
		igs_problem_free(p);
		free(json);
	}
	fprintf(stderr, "brute force without pruning: %d instances agree\n", checked);
	ck_assert_int_ge(checked, BF_SEEDS / 2);
}
END_TEST

/* Regressions distilled from the brute-force failures: each is the smallest instance of one
 * defect, so a failure says which. */

/* Two 60-minute sessions of one theme on a 09:00/09:30 grid: every placement on one day
 * overlaps them, staggered ones included. Both want Day 1 (weight 1, 5 points each); on one
 * day the clash costs 10 plus theme_spread 1, on two days a preference is missed (5). The
 * optimum is 5. The model must charge the staggered pair (09:00 and 09:30 on one day) at
 * the later start, where one starts while the other runs. */
START_TEST(test_staggered_theme_clash) {
	igs_problem *p = tu_mini("{\"date\": \"2025-06-23\", \"label\": \"Day 1\", \"slots\": [\"09:00-10:30\"], \"starts\": [\"09:00\", \"09:30\"]},"
			      "{\"date\": \"2025-06-24\", \"label\": \"Day 2\", \"slots\": [\"09:00-10:30\"], \"starts\": [\"09:00\", \"09:30\"]}",
			      "{\"id\": \"ra\"}, {\"id\": \"rb\"}",
			      "{\"id\": \"x\", \"duration\": 60, \"themes\": [\"a\"], \"prefer\": [{\"day\": \"Day 1\", \"weight\": 1}]},"
			      "{\"id\": \"y\", \"duration\": 60, \"themes\": [\"a\"], \"prefer\": [{\"day\": \"Day 1\", \"weight\": 1}]}",
			      "");
	igs_mip_stats st;
	igs_schedule *s = tu_exact_feasible(p, &st);
	igs_report *r = tu_eval(p, s);
	if (fabs(r->total - 5) > TOL)
		tu_dump_schedule(p, s);
	ck_assert_msg(!isfinite(st.bound) || st.bound <= 5 + TOL, "bound %.6f above the optimum 5", st.bound);
	ck_assert_msg(!st.exact || fabs(st.objective - r->total) <= TOL, "exact, yet model objective %.6f, score %.6f",
		      st.objective, r->total);
	ck_assert_msg(!(st.exact && st.optimal) || fabs(r->total - 5) <= TOL,
		      "exact and optimal, yet score %.6f, optimum 5 (objective %.6f, bound %.6f)", r->total, st.objective,
		      st.bound);
	igs_report_free(r);
	igs_schedule_free(s);
	igs_problem_free(p);
}
END_TEST

/* ---- 2. every hard-constraint kind ---- */

#define DAY1(slots) "{\"date\": \"2025-06-23\", \"label\": \"Day 1\", \"slots\": [" slots "]}"
#define DAY2(slots) "{\"date\": \"2025-06-24\", \"label\": \"Day 2\", \"slots\": [" slots "]}"
#define AM "\"09:00-10:30\""
#define MID "\"11:00-12:30\""

static void check_room_clash(const igs_problem *p, const igs_schedule *s, double score) {
	/* x and y at 09:00, u at 09:00 and v at 09:30 (pinned starts): in each pair both want
	 * the big room, so one takes the small one. */
	ck_assert_int_ne(s->room[tu_sid(p, "x")], s->room[tu_sid(p, "y")]);
	ck_assert(overlap(p, s, tu_sid(p, "u"), tu_sid(p, "v")));
	ck_assert_int_ne(s->room[tu_sid(p, "u")], s->room[tu_sid(p, "v")]);
	ck_assert_msg(fabs(score - 2 * 4.5) <= TOL, "score %.6f, expected 9 (two sessions 90 over)", score);
}

START_TEST(test_hard_room_clash) {
	tu_both_starts(tu_mini(DAY1(AM) ", {\"date\": \"2025-06-24\", \"label\": \"Day 2\", \"slots\": [" AM "], \"start_every\": 30}",
			 "{\"id\": \"big\", \"capacity\": 100}, {\"id\": \"small\", \"capacity\": 10}",
			 "{\"id\": \"x\", \"duration\": 90, \"attendance\": 100, \"days\": [\"Day 1\"]},"
			 "{\"id\": \"y\", \"duration\": 90, \"attendance\": 100, \"days\": [\"Day 1\"]},"
			 "{\"id\": \"u\", \"duration\": 60, \"attendance\": 100, \"days\": [\"Day 2\"], \"pin\": {\"start\": \"09:00\"}},"
			 "{\"id\": \"v\", \"duration\": 60, \"attendance\": 100, \"days\": [\"Day 2\"], \"pin\": {\"start\": \"09:30\"}}",
			 ""),
		    check_room_clash);
}
END_TEST

static void check_features(const igs_problem *p, const igs_schedule *s, double score) {
	/* The 100 attendees would fit the big room; only the small one has interpretation. */
	ck_assert_int_eq(s->room[tu_sid(p, "x")], rid(p, "interp"));
	ck_assert_int_eq(s->room[tu_sid(p, "y")], rid(p, "big"));
	ck_assert_msg(fabs(score - 70 * 0.05) <= TOL, "score %.6f, expected 3.5", score);
}

START_TEST(test_hard_features) {
	tu_both_starts(tu_mini(DAY1(AM), "{\"id\": \"big\", \"capacity\": 100}, {\"id\": \"interp\", \"capacity\": 30, \"features\": [\"interpretation\"]}",
			 "{\"id\": \"x\", \"duration\": 90, \"attendance\": 100, \"requires\": [\"interpretation\"]},"
			 "{\"id\": \"y\", \"duration\": 90, \"attendance\": 50}",
			 ""),
		    check_features);
}
END_TEST

static void check_capacity(const igs_problem *p, const igs_schedule *s, double score) {
	/* x: 10 attendees, the small room would idle 30 seats (0.06); min_capacity 80 sends it
	 * to the big one (180 idle seats, 0.36). A (capacity_hard, 60) and B (150) at one time: the
	 * soft optimum would put A in the 50-seat room (0.5) and B in the 200-seat one; the
	 * hard rule puts A in the big room (0.16) and B in the small one (5). */
	ck_assert_int_eq(s->room[tu_sid(p, "x")], rid(p, "big"));
	ck_assert_int_eq(s->room[tu_sid(p, "A")], rid(p, "big"));
	ck_assert_int_eq(s->room[tu_sid(p, "B")], rid(p, "small"));
	ck_assert_msg(fabs(score - (0.36 + 0.16 + 5)) <= TOL, "score %.6f, expected 5.52", score);
}

START_TEST(test_hard_capacity) {
	tu_both_starts(tu_mini(DAY1(AM) "," DAY2(AM), "{\"id\": \"big\", \"capacity\": 200}, {\"id\": \"small\", \"capacity\": 50}",
			 "{\"id\": \"x\", \"duration\": 90, \"attendance\": 10, \"min_capacity\": 80, \"days\": [\"Day 1\"]},"
			 "{\"id\": \"A\", \"type\": \"strict\", \"duration\": 90, \"attendance\": 60, \"days\": [\"Day 2\"]},"
			 "{\"id\": \"B\", \"duration\": 90, \"attendance\": 150, \"days\": [\"Day 2\"]}",
			 "\"type_rules\": {\"strict\": {\"capacity_hard\": true}}"),
		    check_capacity);
}
END_TEST

static void check_apart(const igs_problem *p, const igs_schedule *s, double score) {
	/* Both want the morning; they share a person (group), so one runs at 11:00. */
	ck_assert(!overlap(p, s, tu_sid(p, "x"), tu_sid(p, "y")));
	ck_assert_msg(fabs(score - 5) <= TOL, "score %.6f, expected 5 (one preference missed)", score);
}

static void check_apart_two(const igs_problem *p, const igs_schedule *s, double score) {
	ck_assert(!overlap(p, s, tu_sid(p, "x"), tu_sid(p, "y")));
	ck_assert(!overlap(p, s, tu_sid(p, "u"), tu_sid(p, "v")));
	ck_assert_msg(fabs(score - 10) <= TOL, "score %.6f, expected 10 (two preferences missed)", score);
}

START_TEST(test_hard_person_clash) {
	tu_both_starts(tu_mini(DAY1(AM "," MID), "{\"id\": \"ra\"}, {\"id\": \"rb\"}",
			 "{\"id\": \"x\", \"duration\": 90, \"people\": [\"p1\"], \"prefer\": [{\"from\": \"09:00\", \"to\": \"10:30\"}]},"
			 "{\"id\": \"y\", \"duration\": 90, \"people\": [{\"id\": \"p1\", \"role\": \"moderator\"}, \"p2\"],"
			 " \"prefer\": [{\"from\": \"09:00\", \"to\": \"10:30\"}]}",
			 ""),
		    check_apart);
}
END_TEST

START_TEST(test_hard_apart_default) {
	/* The defaults: a joint DC session never beside the DC main session (x, y), nor beside a
	 * main session on its theme (u, v share theme a); each pair wants the morning. The
	 * plenary room hosts the main sessions, so both fit the morning but for the rule. */
	tu_both_starts(tu_mini(DAY1(AM "," MID) "," DAY2(AM "," MID), "{\"id\": \"hall\", \"features\": [\"plenary\"]}, {\"id\": \"rb\"}",
			 "{\"id\": \"x\", \"type\": \"dc_joint\", \"duration\": 90, \"days\": [\"Day 1\"],"
			 " \"prefer\": [{\"from\": \"09:00\", \"to\": \"10:30\"}]},"
			 "{\"id\": \"y\", \"type\": \"dc_main\", \"duration\": 90, \"days\": [\"Day 1\"],"
			 " \"prefer\": [{\"from\": \"09:00\", \"to\": \"10:30\"}]},"
			 "{\"id\": \"u\", \"type\": \"dc_joint\", \"duration\": 90, \"themes\": [\"a\"], \"days\": [\"Day 2\"],"
			 " \"prefer\": [{\"from\": \"09:00\", \"to\": \"10:30\"}]},"
			 "{\"id\": \"v\", \"type\": \"main\", \"duration\": 90, \"themes\": [\"a\"], \"days\": [\"Day 2\"],"
			 " \"prefer\": [{\"from\": \"09:00\", \"to\": \"10:30\"}]}",
			 "\"weights\": {\"theme_clash\": 0}"),
		    check_apart_two);
}
END_TEST

START_TEST(test_hard_apart_override) {
	/* A file's apart_from keeps two workshops' types apart; apart_same_theme on a type
	 * without a shared theme does not. */
	tu_both_starts(tu_mini(DAY1(AM "," MID), "{\"id\": \"ra\"}, {\"id\": \"rb\"}",
			 "{\"id\": \"x\", \"type\": \"launch\", \"duration\": 90, \"prefer\": [{\"from\": \"09:00\", \"to\": \"10:30\"}]},"
			 "{\"id\": \"y\", \"type\": \"award\", \"duration\": 90, \"prefer\": [{\"from\": \"09:00\", \"to\": \"10:30\"}]}",
			 "\"type_rules\": {\"award\": {\"apart_from\": [\"launch\"]}}"),
		    check_apart);
}
END_TEST

static void check_type_spread(const igs_problem *p, const igs_schedule *s, double score) {
	/* Both main sessions want Day 1 (5 each if missed), but two on one day cost type_spread
	 * 20: one goes to Day 2. */
	ck_assert_int_ne(day_of(p, s, tu_sid(p, "m1")), day_of(p, s, tu_sid(p, "m2")));
	ck_assert_msg(fabs(score - 5) <= TOL, "score %.6f, expected 5 (one preference missed)", score);
}

START_TEST(test_type_spread) {
	tu_both_starts(tu_mini(DAY1(AM "," MID) "," DAY2(AM "," MID), "{\"id\": \"hall\", \"features\": [\"plenary\"]}",
			 "{\"id\": \"m1\", \"type\": \"main\", \"duration\": 90, \"prefer\": [{\"day\": \"Day 1\"}]},"
			 "{\"id\": \"m2\", \"type\": \"main\", \"duration\": 90, \"prefer\": [{\"day\": \"Day 1\"}]}",
			 ""),
		    check_type_spread);
}
END_TEST

START_TEST(test_hard_group_clash) {
	tu_both_starts(tu_mini(DAY1(AM "," MID), "{\"id\": \"ra\"}, {\"id\": \"rb\"}",
			 "{\"id\": \"x\", \"duration\": 90, \"groups\": [\"g1\"], \"prefer\": [{\"from\": \"09:00\", \"to\": \"10:30\"}]},"
			 "{\"id\": \"y\", \"duration\": 90, \"groups\": [\"g1\"], \"prefer\": [{\"from\": \"09:00\", \"to\": \"10:30\"}]}",
			 ""),
		    check_apart);
}
END_TEST

static void check_pins(const igs_problem *p, const igs_schedule *s, double score) {
	/* Every session would rather be on Day 1 at 09:00 in room ra; its pins say otherwise. */
	int full = tu_sid(p, "full"), d = tu_sid(p, "d"), t = tu_sid(p, "t"), r = tu_sid(p, "r");
	ck_assert_int_eq(day_of(p, s, full), 1);
	ck_assert_int_eq(start_of(p, s, full), 11 * 60);
	ck_assert_int_eq(s->room[full], rid(p, "rb"));
	ck_assert_int_eq(day_of(p, s, d), 1);
	ck_assert_int_eq(start_of(p, s, t), 11 * 60);
	ck_assert_int_eq(s->room[r], rid(p, "rb"));
	(void)score;
}

START_TEST(test_hard_pins) {
	tu_both_starts(tu_mini(DAY1(AM "," MID) "," DAY2(AM "," MID), "{\"id\": \"ra\", \"capacity\": 100}, {\"id\": \"rb\", \"capacity\": 10}",
			 "{\"id\": \"full\", \"duration\": 90, \"attendance\": 100, \"pin\": {\"day\": \"Day 2\", \"start\": \"11:00\", \"room\": \"rb\"},"
			 " \"prefer\": [{\"day\": \"Day 1\", \"from\": \"09:00\", \"to\": \"10:30\", \"weight\": 2}]},"
			 "{\"id\": \"d\", \"duration\": 90, \"pin\": {\"day\": \"2025-06-24\"},"
			 " \"prefer\": [{\"day\": \"Day 1\", \"weight\": 2}]},"
			 "{\"id\": \"t\", \"duration\": 90, \"pin\": {\"start\": \"11:00\"},"
			 " \"prefer\": [{\"from\": \"09:00\", \"to\": \"10:30\", \"weight\": 2}]},"
			 "{\"id\": \"r\", \"duration\": 90, \"attendance\": 100, \"pin\": {\"room\": \"rb\"}}",
			 ""),
		    check_pins);
}
END_TEST

static void check_windows(const igs_problem *p, const igs_schedule *s, double score) {
	/* Each session prefers Day 1 09:00 (or, for 'in', Day 2 09:00); its day and time
	 * rules forbid it. */
	ck_assert_int_eq(day_of(p, s, tu_sid(p, "days")), 1);
	ck_assert_int_eq(day_of(p, s, tu_sid(p, "notdays")), 1);
	ck_assert_int_eq(day_of(p, s, tu_sid(p, "in")), 0);
	ck_assert_int_eq(start_of(p, s, tu_sid(p, "in")), 11 * 60);
	ck_assert_int_eq(start_of(p, s, tu_sid(p, "out")), 11 * 60);
	/* 'late' wants 09:00-10:30 on Day 1 (its only day); of the grid's 09:00, 09:30 and
	 * 10:00 only 10:00 keeps it clear of its not_times 09:00-10:00. */
	ck_assert_int_eq(day_of(p, s, tu_sid(p, "late")), 0);
	ck_assert_int_eq(start_of(p, s, tu_sid(p, "late")), 10 * 60);
	ck_assert_msg(fabs(score - 4 * 5) <= TOL, "score %.6f, expected 20 (four preferences missed)", score);
}

START_TEST(test_hard_times_and_days) {
	tu_both_starts(tu_mini("{\"date\": \"2025-06-23\", \"label\": \"Day 1\", \"slots\": [" AM "," MID "], \"starts\": [\"09:00\", \"09:30\", \"10:00\", \"11:00\"]},"
			 DAY2(AM "," MID),
			 "{\"id\": \"ra\"}, {\"id\": \"rb\"}, {\"id\": \"rc\"}",
			 "{\"id\": \"days\", \"duration\": 90, \"days\": [\"Day 2\"], \"prefer\": [{\"day\": \"Day 1\"}]},"
			 "{\"id\": \"notdays\", \"duration\": 90, \"not_days\": [\"Day 1\"], \"prefer\": [{\"day\": \"Day 1\"}]},"
			 "{\"id\": \"in\", \"duration\": 90, \"times\": [{\"day\": \"Day 1\", \"from\": \"11:00\", \"to\": \"12:30\"}],"
			 " \"prefer\": [{\"day\": \"Day 2\", \"from\": \"09:00\", \"to\": \"10:30\"}]},"
			 "{\"id\": \"out\", \"duration\": 90, \"not_times\": [{\"from\": \"09:00\", \"to\": \"10:30\"}],"
			 " \"prefer\": [{\"day\": \"Day 1\", \"from\": \"09:00\", \"to\": \"10:30\"}]},"
			 "{\"id\": \"late\", \"duration\": 30, \"days\": [\"Day 1\"], \"not_times\": [{\"day\": \"Day 1\", \"from\": \"09:00\", \"to\": \"10:00\"}],"
			 " \"prefer\": [{\"day\": \"Day 1\", \"from\": \"09:00\", \"to\": \"10:30\", \"weight\": 0.5}]}",
			 ""),
		    check_windows);
}
END_TEST

static void check_unavailable(const igs_problem *p, const igs_schedule *s, double score) {
	/* The big room closes at 10:00: x (09:00-10:30) cannot use it, y (09:00-09:30) can. */
	ck_assert_int_eq(s->room[tu_sid(p, "x")], rid(p, "small"));
	ck_assert_int_eq(s->room[tu_sid(p, "y")], rid(p, "big"));
	ck_assert_msg(fabs(score - 90 * 0.05) <= TOL, "score %.6f, expected 4.5", score);
}

START_TEST(test_hard_room_unavailable) {
	tu_both_starts(tu_mini(DAY1(AM "," MID), "{\"id\": \"big\", \"capacity\": 100, \"unavailable\": [{\"day\": \"Day 1\", \"from\": \"10:00\", \"to\": \"10:30\"}]},"
			 "{\"id\": \"small\", \"capacity\": 10}",
			 "{\"id\": \"x\", \"duration\": 90, \"attendance\": 100, \"times\": [{\"from\": \"09:00\", \"to\": \"10:30\"}]},"
			 "{\"id\": \"y\", \"duration\": 30, \"attendance\": 100, \"times\": [{\"from\": \"09:00\", \"to\": \"10:30\"}]}",
			 ""),
		    check_unavailable);
}
END_TEST

static void check_exclusive(const igs_problem *p, const igs_schedule *s, double score) {
	/* Nothing runs beside the opening (09:00-10:00), though every workshop wants the
	 * morning; w30 can still have its wish at 10:00. */
	int open = tu_sid(p, "open");
	ck_assert_int_eq(start_of(p, s, open), 9 * 60);
	for (int i = 0; i < p->n_sessions; i++)
		ck_assert_msg(i == open || !overlap(p, s, open, i), "'%s' runs beside the opening", p->sessions[i].id);
	ck_assert_int_eq(start_of(p, s, tu_sid(p, "w30")), 10 * 60);
	ck_assert_msg(fabs(score - 2 * 5) <= TOL, "score %.6f, expected 10 (two preferences missed)", score);
}

START_TEST(test_hard_exclusive) {
	tu_both_starts(tu_mini("{\"date\": \"2025-06-23\", \"label\": \"Day 1\", \"slots\": [" AM "," MID "], \"start_every\": 30}",
			 "{\"id\": \"hall\", \"features\": [\"plenary\"]}, {\"id\": \"ra\"}, {\"id\": \"rb\"}",
			 "{\"id\": \"open\", \"type\": \"opening\", \"duration\": 60, \"pin\": {\"start\": \"09:00\"}},"
			 "{\"id\": \"w30\", \"duration\": 30, \"prefer\": [{\"from\": \"09:00\", \"to\": \"10:30\"}]},"
			 "{\"id\": \"w60\", \"duration\": 60, \"prefer\": [{\"from\": \"09:00\", \"to\": \"10:30\"}]},"
			 "{\"id\": \"w90\", \"duration\": 90, \"prefer\": [{\"from\": \"09:00\", \"to\": \"10:30\"}]}",
			 ""),
		    check_exclusive);
}
END_TEST

static void check_parallel(const igs_problem *p, const igs_schedule *s, double score) {
	/* Two plenary rooms, three main sessions (class 'main', at most one at a time) and a
	 * high-level one of the same class, all wanting 09:00-10:30: never two at once. */
	static const char *const mains[] = {"m1", "m2", "m3", "hl"};
	for (int i = 0; i < 4; i++)
		for (int j = i + 1; j < 4; j++)
			ck_assert_msg(!overlap(p, s, tu_sid(p, mains[i]), tu_sid(p, mains[j])), "'%s' and '%s' run at once", mains[i],
				      mains[j]);
	/* The 09:00-10:30 window holds at most one 60-minute session and the 30-minute one
	 * (or m3 alone): two preferences are missed at best. */
	ck_assert_msg(fabs(score - 2 * 5) <= TOL, "score %.6f, expected 10 (two preferences missed)", score);
}

START_TEST(test_hard_max_parallel) {
	tu_both_starts(tu_mini("{\"date\": \"2025-06-23\", \"label\": \"Day 1\", \"slots\": [" AM "," MID ", \"14:00-15:30\"], \"start_every\": 30}",
			 "{\"id\": \"hall\", \"features\": [\"plenary\"]}, {\"id\": \"hall2\", \"features\": [\"plenary\"]}, {\"id\": \"ra\"}",
			 "{\"id\": \"m1\", \"type\": \"main\", \"duration\": 60, \"prefer\": [{\"from\": \"09:00\", \"to\": \"10:30\"}]},"
			 "{\"id\": \"m2\", \"type\": \"main\", \"duration\": 60, \"prefer\": [{\"from\": \"09:00\", \"to\": \"10:30\"}]},"
			 "{\"id\": \"m3\", \"type\": \"main\", \"duration\": 90, \"prefer\": [{\"from\": \"09:00\", \"to\": \"10:30\"}]},"
			 "{\"id\": \"hl\", \"type\": \"high_level\", \"duration\": 30, \"prefer\": [{\"from\": \"09:00\", \"to\": \"10:30\"}]}",
			 ""),
		    check_parallel);
}
END_TEST

/* ---- the window rows ---- */

START_TEST(test_window_rows_lift_the_root) {
	/* Four 60-minute sessions of theme a in one 90-minute slot, four rooms: each may start at
	 * 09:00 or 09:30 and any two overlap, so every schedule pays 6 pairs. Starts split
	 * half and half give the starter counts only 2 pairs; the window rows (4 sessions
	 * running at 09:30, so at least C(4, 2) pairs began in the hour before) give all 6 at the
	 * root, before any branching. */
	igs_problem *p = tu_mini("{\"date\": \"2025-06-23\", \"label\": \"Day 1\", \"slots\": [\"09:00-10:30\"], "
			      "\"start_every\": 30}",
			      "{\"id\": \"r1\"}, {\"id\": \"r2\"}, {\"id\": \"r3\"}, {\"id\": \"r4\"}",
			      "{\"id\": \"s1\", \"type\": \"workshop\", \"duration\": 60, \"themes\": [\"a\"]},"
			      "{\"id\": \"s2\", \"type\": \"workshop\", \"duration\": 60, \"themes\": [\"a\"]},"
			      "{\"id\": \"s3\", \"type\": \"workshop\", \"duration\": 60, \"themes\": [\"a\"]},"
			      "{\"id\": \"s4\", \"type\": \"workshop\", \"duration\": 60, \"themes\": [\"a\"]}",
			      "\"weights\": {\"theme_spread\": 0}");
	igs_options o;
	tu_mip_options(&o);
	igs_mip_stats st;
	int rc;
	igs_schedule *s = tu_mip_run(p, NULL, &o, &st, &rc);
	ck_assert_int_eq(rc, IGS_OK);
	double six = 6 * p->weights.theme_clash;
	ck_assert_msg(fabs(st.root_bound - six) <= TOL, "root bound %.9f, want %.9f", st.root_bound, six);
	ck_assert_msg(st.optimal && fabs(st.bound - six) <= TOL, "bound %.9f, want %.9f", st.bound, six);
	igs_report *r = tu_eval(p, s);
	tu_expect_no_hard(r);
	ck_assert_msg(fabs(r->total - six) <= TOL, "score %.9f, want %.9f", r->total, six);
	igs_report_free(r);
	igs_schedule_free(s);
	igs_problem_free(p);
}
END_TEST

static Suite *mip_model_suite(void) {
	Suite *s = suite_create("mip_model");
	TCase *tc = tcase_create("model");
	tcase_set_timeout(tc, 300);
	tcase_add_test(tc, test_brute_force);
	tcase_add_test(tc, test_brute_force_unpruned);
	tcase_add_test(tc, test_slot_terms_left_out);
	tcase_add_test(tc, test_staggered_theme_clash);
	tcase_add_test(tc, test_hard_room_clash);
	tcase_add_test(tc, test_hard_features);
	tcase_add_test(tc, test_hard_capacity);
	tcase_add_test(tc, test_hard_person_clash);
	tcase_add_test(tc, test_hard_group_clash);
	tcase_add_test(tc, test_hard_apart_default);
	tcase_add_test(tc, test_hard_apart_override);
	tcase_add_test(tc, test_type_spread);
	tcase_add_test(tc, test_hard_pins);
	tcase_add_test(tc, test_hard_times_and_days);
	tcase_add_test(tc, test_hard_room_unavailable);
	tcase_add_test(tc, test_hard_exclusive);
	tcase_add_test(tc, test_hard_max_parallel);
	tcase_add_test(tc, test_window_rows_lift_the_root);
	suite_add_tcase(s, tc);
	return s;
}

int main(void) {
	return tu_run_suite(mip_model_suite());
}
