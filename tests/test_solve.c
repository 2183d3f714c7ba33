/* Tests of the solver pipeline through igs_solve: feasibility, determinism, a provable optimum, over-subscription and infeasibility; the constructive start's relocation passes. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "solver/greedy.h"
#include "testutil.h"

#define EPS 1e-9
#define EX(name) IGS_EXAMPLES_DIR "/" name

/* ---- helpers ---- */

static igs_schedule *solve(const igs_problem *p, const igs_options *o, int want, igs_diag **keep) {
	return tu_solve(p, o, want, keep);
}

/* Every session placed, each placement valid on its own. */
static void expect_all_placed(const igs_problem *p, const igs_schedule *s) {
	for (int i = 0; i < p->n_sessions; i++) {
		ck_assert_msg(s->time[i] >= 0 && s->room[i] >= 0, "'%s' is not placed: %s", p->sessions[i].id,
			      s->reason[i] ? s->reason[i] : "(no reason)");
		ck_assert_int_eq(igs_place_unary(p, i, s->time[i], s->room[i]), -1);
	}
}

/* ---- the small example ---- */

START_TEST(test_small_example) {
	/* examples/small.json: the README proves every complete valid schedule scores >= 10 and
	 * shows one that scores 10. Both the greedy alone and the whole pipeline reach it. */
	igs_problem *p = tu_load_file(EX("small.json"));
	igs_options o;
	static const long budgets[] = {0, 200000};
	for (size_t k = 0; k < sizeof budgets / sizeof budgets[0]; k++) {
		tu_quiet_options(&o, budgets[k]);
		igs_schedule *s = solve(p, &o, IGS_OK, NULL);
		igs_report *r = tu_eval(p, s);
		tu_expect_no_hard(r);
		expect_all_placed(p, s);
		ck_assert_int_eq(r->n_unscheduled, 0);
		ck_assert_msg(fabs(r->total - 10.0) < EPS, "moves %ld: score %.9g, the optimum is 10", budgets[k],
			      r->total);
		ck_assert_int_eq(r->theme_clash.count, 1);
		igs_report_free(r);
		igs_schedule_free(s);
	}
	igs_problem_free(p);
}
END_TEST

/* ---- determinism ---- */

static void expect_same_twice(const char *path, long moves) {
	igs_problem *p = tu_load_file(path);
	igs_options o;
	tu_quiet_options(&o, moves);
	o.seed = 7;
	igs_diag *d1 = NULL, *d2 = NULL;
	igs_schedule *a = NULL, *b = NULL;
	d1 = igs_diag_new();
	d2 = igs_diag_new();
	int rc1 = igs_solve(&a, p, &o, d1);
	int rc2 = igs_solve(&b, p, &o, d2);
	ck_assert_int_eq(rc1, rc2);
	ck_assert_ptr_nonnull(a);
	ck_assert_ptr_nonnull(b);
	ck_assert_int_eq(a->n, b->n);
	for (int i = 0; i < a->n; i++) {
		ck_assert_msg(a->time[i] == b->time[i] && a->room[i] == b->room[i],
			      "%s: '%s' is at (%d, %d) in one run and (%d, %d) in the other", path, p->sessions[i].id,
			      a->time[i], a->room[i], b->time[i], b->room[i]);
		ck_assert_int_eq(a->reason[i] != NULL, b->reason[i] != NULL);
		if (a->reason[i])
			ck_assert_str_eq(a->reason[i], b->reason[i]);
	}
	ck_assert_int_eq(a->stats.effort, b->stats.effort);
	ck_assert_int_eq(igs_diag_count(d1), igs_diag_count(d2));
	igs_report *ra = tu_eval(p, a), *rb = tu_eval(p, b);
	ck_assert(ra->total == rb->total);
	igs_report_free(ra);
	igs_report_free(rb);
	igs_schedule_free(a);
	igs_schedule_free(b);
	igs_diag_free(d1);
	igs_diag_free(d2);
	igs_problem_free(p);
}

START_TEST(test_deterministic_small) {
	expect_same_twice(EX("small.json"), 0);
	expect_same_twice(EX("small.json"), 50000);
}
END_TEST

START_TEST(test_deterministic_examples) {
	expect_same_twice(EX("dc-joint.json"), 0);
	expect_same_twice(EX("dc-joint.json"), 20000);
	expect_same_twice(EX("igf-like.json"), 0);
	expect_same_twice(EX("igf-like.json"), 20000);
}
END_TEST

START_TEST(test_examples_feasible) {
	/* The bundled examples: every session placed (optional ones included, per the examples'
	 * README), no hard violation. */
	static const char *const files[] = {EX("dc-joint.json"), EX("igf-like.json")};
	for (size_t k = 0; k < sizeof files / sizeof files[0]; k++) {
		igs_problem *p = tu_load_file(files[k]);
		igs_options o;
		tu_quiet_options(&o, 20000);
		igs_schedule *s = solve(p, &o, IGS_OK, NULL);
		igs_report *r = tu_eval(p, s);
		tu_expect_no_hard(r);
		expect_all_placed(p, s);
		igs_report_free(r);
		igs_schedule_free(s);
		igs_problem_free(p);
	}
}
END_TEST

/* ---- a provable optimum ---- */

/* Seven 90-minute sessions of theme a. Every start is a slot start, so each session fills
 * exactly one of the 6 slots (3 a day, 2 days): by pigeonhole two share a slot, overlap and
 * share theme a, so theme_clash >= 1 and every schedule costs >= 10 (all other terms are
 * >= 0). Capacities: 'big' sessions (60) cost nothing only in ra (100 <= 2 × 60; rb
 * overflows, the hall idles), 'small' ones (30) only in rb (40 <= 60). The remote speaker
 * 'far' (6 h behind, 08:00-18:00 local) fits only the 14:00 slots, and s3 and s5 share them,
 * so they go to 14:00 on different days; p1 is in both big sessions. Score 10 is reached by
 * Day 1: 09:00 big1 (ra) + s1 (rb), 11:00 s2 (rb), 14:00 s3 (rb);
 * Day 2: 09:00 big2 (ra), 11:00 s4 (rb), 14:00 s5 (rb)
 * (theme spread: fair share ⌈7/2⌉ = 4, Day 1 has 4 and Day 2 has 3). So the optimum is 10. */
static const char *const optimum_sessions =
	"{\"id\": \"big1\", \"duration\": 90, \"themes\": [\"a\"], \"attendance\": 60, \"people\": [\"p1\"]},"
	"{\"id\": \"big2\", \"duration\": 90, \"themes\": [\"a\"], \"attendance\": 60, \"people\": [\"p1\"]},"
	"{\"id\": \"s1\", \"duration\": 90, \"themes\": [\"a\"], \"attendance\": 30},"
	"{\"id\": \"s2\", \"duration\": 90, \"themes\": [\"a\"], \"attendance\": 30},"
	"{\"id\": \"s3\", \"duration\": 90, \"themes\": [\"a\"], \"attendance\": 30, \"people\": [\"far\"]},"
	"{\"id\": \"s4\", \"duration\": 90, \"themes\": [\"a\"], \"attendance\": 30},"
	"{\"id\": \"s5\", \"duration\": 90, \"themes\": [\"a\"], \"attendance\": 30, \"people\": [\"far\"]}";

START_TEST(test_provable_optimum) {
	igs_problem *p = tu_load_sessions(optimum_sessions, "");
	igs_options o;
	static const long budgets[] = {0, 100000};
	for (size_t k = 0; k < sizeof budgets / sizeof budgets[0]; k++) {
		tu_quiet_options(&o, budgets[k]);
		igs_schedule *s = solve(p, &o, IGS_OK, NULL);
		igs_report *r = tu_eval(p, s);
		tu_expect_no_hard(r);
		expect_all_placed(p, s);
		ck_assert_msg(r->total >= 10.0 - EPS, "score %.9g is below the proven bound 10", r->total);
		ck_assert_msg(fabs(r->total - 10.0) < EPS, "moves %ld: score %.9g, the optimum is 10", budgets[k],
			      r->total);
		/* The remote sessions run at 14:00 on different days. */
		int t3 = s->time[tu_sid(p, "s3")], t5 = s->time[tu_sid(p, "s5")];
		ck_assert_int_eq(p->times[t3].start, 14 * 60);
		ck_assert_int_eq(p->times[t5].start, 14 * 60);
		ck_assert_int_ne(p->times[t3].day, p->times[t5].day);
		igs_report_free(r);
		igs_schedule_free(s);
	}
	igs_problem_free(p);
}
END_TEST

/* ---- over-subscription ---- */

START_TEST(test_oversubscribed) {
	char *sessions = tu_oversubscribed_sessions(false);
	igs_problem *p = tu_load_sessions(sessions, "");
	free(sessions);
	igs_options o;
	static const long budgets[] = {0, 100000};
	for (size_t k = 0; k < sizeof budgets / sizeof budgets[0]; k++) {
		tu_quiet_options(&o, budgets[k]);
		igs_schedule *s = solve(p, &o, IGS_OK, NULL);
		igs_report *r = tu_eval(p, s);
		tu_expect_no_hard(r);
		ck_assert_int_eq(r->n_scheduled, 18);
		ck_assert_int_eq(r->n_unscheduled, 4);
		for (int i = 0; i < p->n_sessions; i++) {
			const igs_session *S = &p->sessions[i];
			if (s->time[i] >= 0)
				continue;
			ck_assert_msg(S->optional && S->priority == 1, "moves %ld: '%s' (priority %g) is left out",
				      budgets[k], S->id, S->priority);
			ck_assert_msg(s->reason[i] && s->reason[i][0], "'%s' is left out without a reason", S->id);
		}
		ck_assert(fabs(r->total - 400.0) < EPS);
		ck_assert(fabs(r->unscheduled.cost - 400.0) < EPS);
		igs_report_free(r);
		igs_schedule_free(s);
	}
	igs_problem_free(p);
}
END_TEST

/* The same with the six priority-1 sessions from two stakeholder groups (three each): four
 * go, and fairness makes it two from each, 50 × (2²/3 + 2²/3) = 133.33 more than 400 rather
 * than 50 × (3²/3 + 1²/3) = 166.67. Each left-out session's reason carries advice. */
START_TEST(test_oversubscribed_fair) {
	char *sessions = tu_oversubscribed_sessions(true);
	igs_problem *p = tu_load_sessions(sessions, "");
	free(sessions);
	igs_options o;
	tu_quiet_options(&o, 200000);
	igs_schedule *s = solve(p, &o, IGS_OK, NULL);
	igs_report *r = tu_eval(p, s);
	tu_expect_no_hard(r);
	ck_assert_int_eq(r->n_unscheduled, 4);
	int out[2] = {0, 0};
	for (int i = 0; i < p->n_sessions; i++) {
		const igs_session *S = &p->sessions[i];
		if (s->time[i] >= 0)
			continue;
		ck_assert_msg(S->optional && S->priority == 1, "'%s' (priority %g) is left out", S->id, S->priority);
		ck_assert_int_ge(S->fair[0], 0);
		out[S->fair[0]]++;
		ck_assert_msg(s->reason[i] && strstr(s->reason[i], "; "), "'%s': reason without advice: %s", S->id,
			      s->reason[i] ? s->reason[i] : "(none)");
	}
	ck_assert_msg(out[0] == 2 && out[1] == 2, "left out %d and %d from the two groups", out[0], out[1]);
	ck_assert_msg(fabs(r->fairness.count - 8.0 / 3) < EPS, "fairness count %.9f", r->fairness.count);
	ck_assert(fabs(r->total - (400.0 + 50.0 * 8 / 3)) < 1e-6);
	igs_report_free(r);
	igs_schedule_free(s);
	igs_problem_free(p);
}
END_TEST

/* ---- infeasible ---- */

START_TEST(test_infeasible_pins) {
	/* Two required sessions pinned to one room and time: the file is valid (each fits on
	 * its own), but only one can be placed. */
	igs_problem *p = tu_load_sessions("{\"id\": \"first\", \"duration\": 90,"
			      " \"pin\": {\"day\": \"Day 1\", \"start\": \"09:00\", \"room\": \"ra\"}},"
			      "{\"id\": \"second\", \"duration\": 90,"
			      " \"pin\": {\"day\": \"Day 1\", \"start\": \"09:00\", \"room\": \"ra\"}},"
			      "{\"id\": \"free\", \"duration\": 90}",
			      "");
	static const long budgets[] = {0, 20000};
	for (size_t k = 0; k < sizeof budgets / sizeof budgets[0]; k++) {
		igs_options o;
		tu_quiet_options(&o, budgets[k]);
		igs_diag *d = NULL;
		igs_schedule *s = solve(p, &o, IGS_EINFEASIBLE, &d);
		int out = -1, n_out = 0;
		for (int i = 0; i < p->n_sessions; i++)
			if (s->time[i] < 0) {
				out = i;
				n_out++;
			}
		ck_assert_int_eq(n_out, 1);
		ck_assert_int_ne(out, tu_sid(p, "free"));
		char where[32], needle[64];
		snprintf(where, sizeof where, "sessions[%d]", out);
		snprintf(needle, sizeof needle, "'%s'", p->sessions[out].id);
		if (!tu_diag_has(d, where, needle))
			tu_diag_dump(d);
		ck_assert(tu_diag_has(d, where, needle));
		ck_assert_ptr_nonnull(s->reason[out]);
		/* The partial schedule is otherwise sound: the only violation is the left-out one. */
		igs_report *r = tu_eval(p, s);
		ck_assert_int_eq(r->n_violations, 1);
		ck_assert_int_eq(r->violations[0].kind, IGS_V_UNSCHEDULED);
		ck_assert_int_eq(r->violations[0].a, out);
		igs_report_free(r);
		igs_schedule_free(s);
		igs_diag_free(d);
	}
	igs_problem_free(p);
}
END_TEST

START_TEST(test_infeasible_person) {
	/* Three sessions with p1, all pinned to Day 1 09:00 (rooms free): two cannot run. */
	igs_problem *p = tu_load_sessions("{\"id\": \"x1\", \"duration\": 90, \"people\": [\"p1\"], \"pin\": {\"day\": \"Day 1\", \"start\": \"09:00\"}},"
			      "{\"id\": \"x2\", \"duration\": 90, \"people\": [\"p1\"], \"pin\": {\"day\": \"Day 1\", \"start\": \"09:00\"}},"
			      "{\"id\": \"x3\", \"duration\": 90, \"people\": [\"p1\"], \"pin\": {\"day\": \"Day 1\", \"start\": \"09:00\"}}",
			      "");
	igs_options o;
	tu_quiet_options(&o, 20000);
	igs_diag *d = NULL;
	igs_schedule *s = solve(p, &o, IGS_EINFEASIBLE, &d);
	int n_out = 0;
	for (int i = 0; i < p->n_sessions; i++) {
		if (s->time[i] >= 0)
			continue;
		n_out++;
		char where[32], needle[64];
		snprintf(where, sizeof where, "sessions[%d]", i);
		snprintf(needle, sizeof needle, "'%s'", p->sessions[i].id);
		if (!tu_diag_has(d, where, needle))
			tu_diag_dump(d);
		ck_assert(tu_diag_has(d, where, needle));
		ck_assert_msg(s->reason[i] && s->reason[i][0], "no reason for '%s'", p->sessions[i].id);
	}
	ck_assert_int_eq(n_out, 2);
	igs_schedule_free(s);
	igs_diag_free(d);
	igs_problem_free(p);
}
END_TEST

/* A heuristic run that reaches a score of 0 says so: bound 0, status optimal, the search cut
 * short, and no MIP after it in auto mode. */
START_TEST(test_zero_is_optimal) {
	igs_problem *p = tu_load_zero_reachable();
	const igs_solver_kind solvers[] = {IGS_SOLVER_AUTO, IGS_SOLVER_HEURISTIC};
	for (int k = 0; k < 2; k++) {
		igs_options o;
		tu_quiet_options(&o, 100000000);
		o.solver = solvers[k];
		igs_schedule *s = tu_solve(p, &o, IGS_OK, NULL);
		ck_assert_double_eq(s->stats.objective, 0);
		ck_assert_double_eq(s->stats.bound, 0);
		ck_assert_str_eq(s->stats.status, "optimal");
		ck_assert_str_eq(s->stats.solver, "greedy+local");
		ck_assert_msg(s->stats.effort < o.moves, "%ld moves", s->stats.effort);
		igs_schedule_free(s);
	}
	igs_problem_free(p);
}
END_TEST

/* ---- the constructive start ---- */

/* The constructive start's cost of a schedule (solver/greedy.c): the score without the terms
 * it leaves to the local search, plus its fair-share measure of theme_spread (the sessions of a
 * theme on a day beyond ceil(the theme's sessions / days), times the weight), computed here
 * from its definition. NAN when the schedule breaks a hard rule. */
static double surrogate(const igs_problem *p, const igs_schedule *s) {
	igs_problem q = *p;
	q.weights = igs_greedy_weights(&p->weights);
	igs_schedule *c = igs_schedule_new(&q);
	ck_assert_ptr_nonnull(c);
	for (int i = 0; i < p->n_sessions; i++)
		if (s->time[i] >= 0)
			ck_assert_int_eq(igs_schedule_set(c, i, s->time[i], s->room[i]), IGS_OK);
	igs_report *r = tu_eval(&q, c);
	double v = igs_report_hard_count(r) ? NAN : igs_report_score(r);
	igs_report_free(r);
	igs_schedule_free(c);
	for (int th = 0; th < p->n_themes; th++) {
		int all = 0;
		for (int i = 0; i < p->n_sessions; i++)
			for (int k = 0; k < p->sessions[i].n_themes; k++)
				all += p->sessions[i].themes[k] == th;
		int fair = (all + p->n_days - 1) / p->n_days;
		for (int day = 0; day < p->n_days; day++) {
			int n = 0;
			for (int i = 0; i < p->n_sessions; i++)
				for (int k = 0; k < p->sessions[i].n_themes; k++)
					n += s->time[i] >= 0 && p->times[s->time[i]].day == day && p->sessions[i].themes[k] == th;
			v += p->weights.theme_spread * (n > fair ? n - fair : 0);
		}
	}
	return v;
}

/* The relocation passes are a descent on that cost: they improve on the first pass (alone when
 * the time limit is 0) and stop where no session has a valid placement that costs less, nor a
 * left-out one a valid placement at all. Checked on the examples where they move something,
 * every move tried by the evaluator. */
START_TEST(test_relocation_descends) {
	const char *files[] = {EX("tracks.json"), EX("dc-joint.json")};
	for (size_t f = 0; f < sizeof files / sizeof *files; f++) {
		igs_problem *p = tu_load_file(files[f]);
		igs_options o;
		tu_quiet_options(&o, 0);
		igs_schedule *first = igs_schedule_new(p), *s = igs_schedule_new(p);
		ck_assert_ptr_nonnull(first);
		ck_assert_ptr_nonnull(s);
		o.time_limit = 0;
		ck_assert_int_eq(igs_greedy_solve(first, &o), IGS_OK);
		o.time_limit = 600;
		ck_assert_int_eq(igs_greedy_solve(s, &o), IGS_OK);
		double v = surrogate(p, s), v0 = surrogate(p, first);
		ck_assert_msg(v < v0 - 1e-6, "%s: %.6f after the passes, %.6f before", files[f], v, v0);
		for (int i = 0; i < p->n_sessions; i++) {
			const igs_session *S = &p->sessions[i];
			int t0 = s->time[i], r0 = s->room[i];
			for (int a = 0; a < S->n_cand_times; a++)
				for (int b = 0; b < S->n_cand_rooms; b++) {
					if (S->cand_times[a] == t0 && S->cand_rooms[b] == r0)
						continue;
					ck_assert_int_eq(igs_schedule_set(s, i, S->cand_times[a], S->cand_rooms[b]), IGS_OK);
					double w = surrogate(p, s);
					ck_assert_msg(isnan(w) || (t0 >= 0 && w >= v - 1e-6),
						      "%s: '%s' at time %d room %d costs %.6f, the passes stopped at %.6f",
						      files[f], S->id, S->cand_times[a], S->cand_rooms[b], w, v);
				}
			ck_assert_int_eq(igs_schedule_set(s, i, t0, r0), IGS_OK);
		}
		igs_schedule_free(first);
		igs_schedule_free(s);
		igs_problem_free(p);
	}
}
END_TEST

/* A large programme's room bits (a time whose every room is held is passed over, in the first
 * pass and the relocation passes) change no placement: the examples solved with them from 0
 * sessions on and with them off give the same schedule. */
START_TEST(test_large_shortcuts_same) {
	const char *files[] = {EX("tracks.json"), EX("dc-joint.json"), EX("igf-like.json"), EX("igf-thematic.json")};
	for (size_t f = 0; f < sizeof files / sizeof *files; f++) {
		igs_problem *p = tu_load_file(files[f]);
		igs_options o;
		tu_quiet_options(&o, 0);
		o.time_limit = 600;
		igs_schedule *a = igs_schedule_new(p), *b = igs_schedule_new(p);
		ck_assert_ptr_nonnull(a);
		ck_assert_ptr_nonnull(b);
		int ra = igs_greedy_solve(a, &o), rb = igs_greedy_solve_large_from(b, &o, 0);
		ck_assert_int_eq(ra, rb);
		for (int i = 0; i < p->n_sessions; i++)
			ck_assert_msg(a->time[i] == b->time[i] && a->room[i] == b->room[i],
				      "%s: '%s' at time %d room %d, with the room bits at time %d room %d", files[f],
				      p->sessions[i].id, a->time[i], a->room[i], b->time[i], b->room[i]);
		igs_schedule_free(a);
		igs_schedule_free(b);
		igs_problem_free(p);
	}
}
END_TEST

static Suite *solve_suite(void) {
	Suite *s = suite_create("solve");
	TCase *tc = tcase_create("solve");
	tcase_set_timeout(tc, 300);
	tcase_add_test(tc, test_small_example);
	tcase_add_test(tc, test_deterministic_small);
	tcase_add_test(tc, test_deterministic_examples);
	tcase_add_test(tc, test_examples_feasible);
	tcase_add_test(tc, test_provable_optimum);
	tcase_add_test(tc, test_oversubscribed);
	tcase_add_test(tc, test_oversubscribed_fair);
	tcase_add_test(tc, test_infeasible_pins);
	tcase_add_test(tc, test_infeasible_person);
	tcase_add_test(tc, test_zero_is_optimal);
	tcase_add_test(tc, test_relocation_descends);
	tcase_add_test(tc, test_large_shortcuts_same);
	suite_add_tcase(s, tc);
	return s;
}

int main(void) {
	return tu_run_suite(solve_suite());
}
