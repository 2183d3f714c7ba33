/* Tests of the matheuristic (solver/lns.c) and of the frozen problem copy it searches
 * (model/freeze.c): a sub-MIP never makes the evaluator's score worse and keeps every frozen
 * session where it was; a freed neighbourhood with a known better placement gets it; a counted
 * effort gives the same schedule twice; the counters agree; and the pipeline reports them and,
 * spending a time limit, gives the sub-MIPs the last tenth of it. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "model/freeze.h"
#include "solver/lns.h"
#include "testutil.h"

#define EX(name) IGS_EXAMPLES_DIR "/" name

static bool same_schedule(const igs_schedule *a, const igs_schedule *b) {
	for (int i = 0; i < a->n; i++)
		if (a->time[i] != b->time[i] || (a->time[i] >= 0 && a->room[i] != b->room[i]))
			return false;
	return true;
}

static void score_of(const igs_problem *p, const igs_schedule *s, int *hard, double *score) {
	igs_report *r = tu_eval(p, s);
	*hard = igs_report_hard_count(r);
	*score = igs_report_score(r);
	igs_report_free(r);
}

/* Freezing and thawing: frozen sessions get one candidate, their placement, and are required;
 * the others get their own candidates back. */
START_TEST(test_frozen_copy) {
	igs_problem *p = tu_load_file(EX("small.json"));
	igs_options o;
	tu_quiet_options(&o, 20000);
	igs_schedule *s = tu_solve(p, &o, IGS_OK, NULL);
	igs_frozen f;
	ck_assert_int_eq(igs_frozen_init(&f, p), IGS_OK);
	bool *fixed = calloc((size_t)p->n_sessions, sizeof *fixed);
	for (int i = 0; i < p->n_sessions; i += 2)
		fixed[i] = true;
	igs_frozen_set(&f, fixed, s->time, s->room);
	for (int i = 0; i < p->n_sessions; i++) {
		const igs_session *Q = &f.q.sessions[i], *S = &p->sessions[i];
		if (fixed[i] && s->time[i] >= 0) {
			ck_assert_int_eq(Q->n_cand_times, 1);
			ck_assert_int_eq(Q->cand_times[0], s->time[i]);
			ck_assert_int_eq(Q->cand_rooms[0], s->room[i]);
			ck_assert(!Q->optional);
		} else if (fixed[i]) {
			ck_assert_int_eq(Q->n_cand_times, 0);
		} else {
			ck_assert_int_eq(Q->n_cand_times, S->n_cand_times);
			ck_assert_ptr_eq(Q->cand_times, S->cand_times);
		}
	}
	memset(fixed, 0, (size_t)p->n_sessions * sizeof *fixed);
	igs_frozen_set(&f, fixed, s->time, s->room);
	for (int i = 0; i < p->n_sessions; i++)
		ck_assert(memcmp(&f.q.sessions[i], &p->sessions[i], sizeof p->sessions[i]) == 0);
	ck_assert_ptr_ne(f.q.sessions, p->sessions);
	free(fixed);
	igs_frozen_free(&f);
	igs_schedule_free(s);
	igs_problem_free(p);
}
END_TEST

/* Two sessions of theme a at the same time, with free places elsewhere: freeing them (and one
 * more) must end the clash, and every other session stays where it was. The rest are of theme
 * b, one per slot, so nothing else clashes. */
static const char *const clash_sessions =
	"{\"id\": \"a1\", \"duration\": 90, \"themes\": [\"a\"]},"
	"{\"id\": \"a2\", \"duration\": 90, \"themes\": [\"a\"]},"
	"{\"id\": \"b1\", \"duration\": 90, \"themes\": [\"b\"]},"
	"{\"id\": \"b2\", \"duration\": 90, \"themes\": [\"b\"]},"
	"{\"id\": \"b3\", \"duration\": 90, \"themes\": [\"b\"]},"
	"{\"id\": \"b4\", \"duration\": 90, \"themes\": [\"b\"]},"
	"{\"id\": \"b5\", \"duration\": 90, \"themes\": [\"b\"]},"
	"{\"id\": \"b6\", \"duration\": 90, \"themes\": [\"b\"]}";

START_TEST(test_known_better) {
	igs_problem *p = tu_load_sessions(clash_sessions, "");
	igs_schedule *s = igs_schedule_new(p);
	/* a1 and a2 at Day 1 09:00 in ra and rb; b1 .. b6 in the hall, one per slot. */
	int t0 = igs_problem_find_time(p, 0, 9 * 60);
	ck_assert_int_ge(t0, 0);
	igs_schedule_set(s, tu_sid(p, "a1"), t0, igs_problem_find_room(p, "ra"));
	igs_schedule_set(s, tu_sid(p, "a2"), t0, igs_problem_find_room(p, "rb"));
	static const char *const b[] = {"b1", "b2", "b3", "b4", "b5", "b6"};
	static const int starts[] = {9 * 60, 11 * 60, 14 * 60};
	for (int k = 0; k < 6; k++)
		igs_schedule_set(s, tu_sid(p, b[k]), igs_problem_find_time(p, k / 3, starts[k % 3]),
				 igs_problem_find_room(p, "hall"));
	int hard0, hard1;
	double score0, score1;
	score_of(p, s, &hard0, &score0);
	ck_assert_int_eq(hard0, 0);
	igs_report *r0 = tu_eval(p, s);
	ck_assert_msg(r0->total >= 10, "the start has its theme clash (score %g)", r0->total);
	igs_report_free(r0);
	igs_schedule *before = igs_schedule_new(p);
	ck_assert_int_eq(igs_schedule_copy(before, s), IGS_OK);

	igs_options o;
	tu_quiet_options(&o, 0);
	int freed[] = {tu_sid(p, "a1"), tu_sid(p, "a2"), tu_sid(p, "b4")};
	igs_lns_stats st;
	ck_assert_int_eq(igs_lns_free(s, &o, freed, 3, &st), IGS_OK);
	score_of(p, s, &hard1, &score1);
	ck_assert_int_eq(hard1, 0);
	ck_assert_msg(score1 <= score0 - 10 + 1e-9, "score %g, from %g: the clash (10) is not gone", score1, score0);
	ck_assert_int_eq(st.ran, 1);
	ck_assert_int_eq(st.proven, 1);
	ck_assert_int_eq(st.improved, 1);
	ck_assert(fabs(st.best_score - score1) < 1e-9);
	for (int i = 0; i < p->n_sessions; i++)
		if (i != freed[0] && i != freed[1] && i != freed[2]) {
			ck_assert_int_eq(s->time[i], before->time[i]);
			ck_assert_int_eq(s->room[i], before->room[i]);
		}
	igs_schedule_free(before);
	igs_schedule_free(s);
	igs_problem_free(p);
}
END_TEST

static const char *const examples[] = {EX("small.json"), EX("tracks.json"), EX("igf-like.json")};

/* From a short local search, a dozen sub-MIPs with a counted effort: never a worse score (nor
 * more hard violations), the counters consistent, and the same schedule twice. */
START_TEST(test_never_worse_and_deterministic) {
	igs_problem *p = tu_load_file(examples[_i]);
	igs_options o;
	tu_quiet_options(&o, 20000);
	o.solver = IGS_SOLVER_HEURISTIC;
	igs_schedule *start = tu_solve(p, &o, IGS_OK, NULL);
	int hard0;
	double score0;
	score_of(p, start, &hard0, &score0);
	igs_schedule *run[2];
	long calls = _i == 2 ? 6 : 12;
	for (int k = 0; k < 2; k++) {
		run[k] = igs_schedule_new(p);
		ck_assert_int_eq(igs_schedule_copy(run[k], start), IGS_OK);
		igs_lns_stats st;
		o.time_limit = 600; /* a guard only: the effort is counted */
		ck_assert_int_eq(igs_lns(run[k], &o, calls, &st), IGS_OK);
		ck_assert_int_eq(st.ran, calls);
		ck_assert_int_le(st.proven, st.ran);
		ck_assert_int_le(st.improved, st.ran);
		long by_kind = 0, improved_by_kind = 0;
		for (int j = 0; j < IGS_LNS__COUNT; j++) {
			by_kind += st.ran_kind[j];
			improved_by_kind += st.improved_kind[j];
			ck_assert_int_ge(st.size[j], 1);
		}
		ck_assert_int_eq(by_kind, st.ran);
		ck_assert_int_eq(improved_by_kind, st.improved);
		int hard;
		double score;
		score_of(p, run[k], &hard, &score);
		ck_assert_int_le(hard, hard0);
		ck_assert_msg(hard < hard0 || score <= score0 + 1e-9, "%s: score %g after the sub-MIPs, %g before",
			      examples[_i], score, score0);
		ck_assert(fabs(st.best_score - score) < 1e-6);
		ck_assert(fabs(st.start_score - score0) < 1e-6);
		ck_assert(st.improved > 0 || same_schedule(run[k], start));
	}
	ck_assert_msg(same_schedule(run[0], run[1]), "%s: two runs with the same seed and effort differ", examples[_i]);
	igs_schedule_free(run[0]);
	igs_schedule_free(run[1]);
	igs_schedule_free(start);
	igs_problem_free(p);
}
END_TEST

/* The pipeline: --submip N runs N sub-MIPs after the local search and says so in the solver
 * statistics; without it nothing changes. */
START_TEST(test_pipeline_counts) {
	igs_problem *p = tu_load_file(EX("tracks.json"));
	igs_options o;
	tu_quiet_options(&o, 20000);
	igs_schedule *plain = tu_solve(p, &o, IGS_OK, NULL);
	ck_assert_int_eq(plain->stats.submips, 0);
	o.submip = 4;
	igs_schedule *with = tu_solve(p, &o, IGS_OK, NULL);
	ck_assert_int_eq(with->stats.submips, 4);
	ck_assert_int_le(with->stats.submips_proven, 4);
	ck_assert_int_le(with->stats.submips_improved, 4);
	ck_assert_msg(strstr(with->stats.solver, "submip") != NULL, "stages '%s'", with->stats.solver);
	ck_assert(with->stats.objective <= plain->stats.objective + 1e-9);
	o.solver = IGS_SOLVER_HEURISTIC;
	igs_schedule *heur = tu_solve(p, &o, IGS_OK, NULL);
	ck_assert_int_eq(heur->stats.submips, 0);
	igs_schedule_free(heur);
	igs_schedule_free(with);
	igs_schedule_free(plain);
	igs_problem_free(p);
}
END_TEST

/* Spending a time limit with --submip: one local search cooled by the clock, the sub-MIPs in
 * the last tenth; the run keeps its limit and says it ran both. */
START_TEST(test_pipeline_time_split) {
	igs_problem *p = tu_load_file(EX("tracks.json"));
	igs_options o;
	tu_quiet_options(&o, 20000);
	o.effort = IGS_EFFORT_TIME;
	o.time_limit = 2;
	o.submip = 1;
	igs_schedule *s = tu_solve(p, &o, IGS_OK, NULL);
	ck_assert_str_eq(s->stats.solver, "greedy+local+submip");
	ck_assert_str_eq(s->stats.mode, "time");
	/* Cooled by the clock: far more moves than the one counted cycle of --moves. */
	ck_assert_int_gt(s->stats.effort, 20000);
	ck_assert_int_ge(s->stats.submips, 1);
	ck_assert_msg(s->stats.elapsed <= o.time_limit + 0.25, "elapsed %g s of a %g s limit", s->stats.elapsed,
		      o.time_limit);
	igs_schedule_free(s);
	igs_problem_free(p);
}
END_TEST

static Suite *suite(void) {
	Suite *s = suite_create("lns");
	TCase *tc = tcase_create("core");
	tcase_set_timeout(tc, 240);
	tcase_add_test(tc, test_frozen_copy);
	tcase_add_test(tc, test_known_better);
	tcase_add_loop_test(tc, test_never_worse_and_deterministic, 0, 3);
	tcase_add_test(tc, test_pipeline_counts);
	tcase_add_test(tc, test_pipeline_time_split);
	suite_add_tcase(s, tc);
	return s;
}

int main(void) {
	return tu_run_suite(suite());
}
