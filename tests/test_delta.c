/* Tests of the incremental evaluator through its own API: random placements, removals,
 * relocations and swaps on bundled examples, each delta held against igs_evaluate; the room
 * index's verdicts against a query's. */
#include <math.h>
#include <stdlib.h>

#include "solver/delta.h"
#include "solver/greedy.h"
#include "testutil.h"

#define EX(name) IGS_EXAMPLES_DIR "/" name
#define EPS 1e-6

static unsigned next(unsigned *x) {
	*x = *x * 1103515245u + 12345u;
	return *x >> 8;
}

static void evaluated(const igs_problem *p, const igs_schedule *s, double *total, int *unplaced_required) {
	igs_report *r = NULL;
	ck_assert_int_eq(igs_evaluate(&r, p, s), IGS_OK);
	*total = r->total;
	*unplaced_required = 0;
	for (int i = 0; i < r->n_violations; i++)
		*unplaced_required += r->violations[i].kind == IGS_V_UNSCHEDULED;
	igs_report_free(r);
}

/* A move of one session to a random candidate placement (or out, when optional), or, every
 * third time, a swap of two placed sessions' placements; 0 when none came out. */
static int random_move(igs_delta *D, unsigned *x, igs_move *M) {
	const igs_problem *p = D->p;
	int s = (int)(next(x) % (unsigned)p->n_sessions);
	const igs_session *S = &p->sessions[s];
	if (next(x) % 3 == 0) {
		int o = (int)(next(x) % (unsigned)p->n_sessions);
		int ts = D->s->time[s], rs = D->s->room[s], to = D->s->time[o], ro = D->s->room[o];
		if (o == s || ts < 0 || to < 0)
			return 0;
		double a = igs_delta_cand_soft(D, s, to, ro), b = igs_delta_cand_soft(D, o, ts, rs);
		if (isnan(a) || isnan(b))
			return 0;
		igs_delta_set_move(&M[0], D, s, to, ro, a);
		igs_delta_set_move(&M[1], D, o, ts, rs, b);
		return 2;
	}
	if (S->optional && D->s->time[s] >= 0 && next(x) % 4 == 0) {
		igs_delta_set_move(&M[0], D, s, -1, -1, 0);
		return 1;
	}
	if (S->n_cand_times == 0 || S->n_cand_rooms == 0)
		return 0;
	int ci = (int)(next(x) % (unsigned)S->n_cand_times), ri = (int)(next(x) % (unsigned)S->n_cand_rooms);
	double soft = igs_delta_cand_soft_idx(D, s, ci, ri);
	if (isnan(soft) || (S->cand_times[ci] == D->s->time[s] && S->cand_rooms[ri] == D->s->room[s]))
		return 0;
	igs_delta_set_move(&M[0], D, s, S->cand_times[ci], S->cand_rooms[ri], soft);
	return 1;
}

/* The forms that scale, which a large programme gets: no dense table, the pair soft from
 * the theme profiles and conflicts from the partner lists, or both from the evaluator's
 * predicates. */
static const igs_delta_limits PROFILED = {0, 0, 0, true};
static const igs_delta_limits PREDICATES = {0, 0, 0, false};

/* p's constructive start with the default options (a fresh schedule, caller frees). */
static igs_schedule *greedy_start(const igs_problem *p) {
	igs_schedule *s = igs_schedule_new(p);
	ck_assert_ptr_nonnull(s);
	igs_options o;
	igs_options_init(&o);
	int rc = igs_greedy_solve(s, &o);
	ck_assert(rc == IGS_OK || rc == IGS_EINFEASIBLE);
	return s;
}

/* Moves judged with checks on the constructive start of an example: every committed delta
 * brings the kept total to the evaluator's, and a rejected move leaves the state as it was. */
static void check_example(const char *path, unsigned seed, int steps, const igs_delta_limits *lim) {
	igs_problem *p = tu_load_file(path);
	igs_schedule *s = greedy_start(p);
	igs_delta D;
	igs_delta_limits def = igs_delta_default_limits();
	ck_assert_int_eq(igs_delta_init_limits(&D, s, lim ? lim : &def), IGS_OK);
	igs_delta_load(&D);
	double theirs;
	int unplaced;
	evaluated(p, s, &theirs, &unplaced);
	ck_assert_msg(fabs(D.total - theirs) < EPS, "load: %.9f, evaluator %.9f", D.total, theirs);
	ck_assert_int_eq(D.unplaced_req, unplaced);
	unsigned x = seed;
	int committed = 0;
	for (int i = 0; i < steps; i++) {
		igs_move M[IGS_MOVE_MAX];
		double d;
		int k = random_move(&D, &x, M);
		D.nq0 = -1;
		if (k == 0 || !igs_delta_eval(&D, M, k, &d, true))
			continue;
		if (next(&x) % 2) {
			igs_delta_reject(&D, M, k);
			continue;
		}
		double before = D.total;
		igs_delta_commit(&D, M, k, d);
		committed++;
		evaluated(p, s, &theirs, &unplaced);
		ck_assert_msg(fabs(D.total - theirs) < EPS, "%s step %d: kept %.9f (from %.9f by %.9f), evaluator %.9f",
			      path, i, D.total, before, d, theirs);
		ck_assert_int_eq(D.unplaced_req, unplaced);
	}
	ck_assert_int_gt(committed, steps / 20);
	/* The cheapest placement of a session, lifted from where it is, prices as its evaluation. */
	for (int i = 0; i < p->n_sessions; i += 7) {
		if (s->time[i] < 0)
			continue;
		igs_move m;
		double d, lifted, placed;
		igs_delta_set_move(&m, &D, i, -1, -1, 0);
		D.nq0 = -1;
		ck_assert(igs_delta_eval(&D, &m, 1, &d, true));
		igs_delta_commit(&D, &m, 1, d);
		lifted = D.total;
		ck_assert(igs_delta_cheapest(&D, i, -1, &m, &d));
		ck_assert(igs_delta_eval(&D, &m, 1, &d, true));
		igs_delta_commit(&D, &m, 1, d);
		evaluated(p, s, &placed, &unplaced);
		ck_assert_msg(fabs(lifted + d - placed) < EPS, "cheapest of %d: %.9f + %.9f, evaluator %.9f", i, lifted, d,
			      placed);
	}
	igs_delta_free(&D);
	igs_schedule_free(s);
	igs_problem_free(p);
}

/* Two states of one example, one on the theme profiles and partner lists and one on the
 * evaluator's pair predicates, judge the same moves: the same verdicts and the same deltas, to the last bit,
 * and the same cheapest placements. */
static void check_twins(const char *path, unsigned seed, int steps) {
	igs_problem *p = tu_load_file(path);
	igs_schedule *s = greedy_start(p), *t = igs_schedule_new(p);
	for (int i = 0; i < p->n_sessions; i++)
		ck_assert_int_eq(igs_schedule_set(t, i, s->time[i], s->room[i]), IGS_OK);
	igs_delta A, B;
	ck_assert_int_eq(igs_delta_init_limits(&A, s, &PROFILED), IGS_OK);
	ck_assert_int_eq(igs_delta_init_limits(&B, t, &PREDICATES), IGS_OK);
	ck_assert_msg(A.pf && A.pt_off && !B.pf && !B.pt_off && !B.conf, "%s: tables not as asked", path);
	igs_delta_load(&A);
	igs_delta_load(&B);
	ck_assert(A.total == B.total);
	unsigned x = seed;
	int judged = 0;
	for (int i = 0; i < steps; i++) {
		igs_move M[IGS_MOVE_MAX];
		double da, db;
		int k = random_move(&A, &x, M);
		if (k == 0)
			continue;
		A.nq0 = B.nq0 = -1;
		bool oka = igs_delta_eval(&A, M, k, &da, true), okb = igs_delta_eval(&B, M, k, &db, true);
		ck_assert_int_eq(oka, okb);
		if (!oka)
			continue;
		judged++;
		ck_assert_msg(da == db, "%s step %d: delta %.17g on the profiles, %.17g on the predicate", path, i, da, db);
		if (next(&x) % 2) {
			igs_delta_reject(&A, M, k);
			igs_delta_reject(&B, M, k);
		} else {
			igs_delta_commit(&A, M, k, da);
			igs_delta_commit(&B, M, k, db);
		}
	}
	ck_assert_int_gt(judged, steps / 10);
	for (int i = 0; i < p->n_sessions; i += 5) {
		igs_move ma, mb;
		double da, db;
		bool fa = igs_delta_cheapest(&A, i, -1, &ma, &da), fb = igs_delta_cheapest(&B, i, -1, &mb, &db);
		ck_assert_int_eq(fa, fb);
		if (fa)
			ck_assert_msg(ma.t1 == mb.t1 && ma.r1 == mb.r1 && da == db, "%s: cheapest of %d differs", path, i);
	}
	ck_assert(A.total == B.total);
	igs_delta_free(&A);
	igs_delta_free(&B);
	igs_schedule_free(s);
	igs_schedule_free(t);
	igs_problem_free(p);
}

/* The partner lists' verdict on every two sessions is the predicate's. */
static void check_conflicts(igs_problem *p) {
	igs_schedule *s = igs_schedule_new(p);
	igs_delta D;
	ck_assert_int_eq(igs_delta_init_limits(&D, s, &PROFILED), IGS_OK);
	ck_assert(D.pt_off != NULL);
	int clashes = 0;
	for (int a = 0; a < p->n_sessions; a++)
		for (int b = 0; b < p->n_sessions; b++) {
			bool theirs = igs_place_pair(p, a, 0, -1, b, 0, -2) >= 0;
			ck_assert_msg(igs_delta_conflict(&D, a, b) == theirs, "%s and %s: %d, predicate %d",
				      p->sessions[a].id, p->sessions[b].id, igs_delta_conflict(&D, a, b), theirs);
			clashes += theirs;
		}
	ck_assert_int_gt(clashes, 0);
	igs_delta_free(&D);
	igs_schedule_free(s);
}

/* The sessions in the way of a session at a placement as igs_delta_in_way finds them from its
 * room index, against a query and the checks one by one, at random placements of random
 * sessions while random moves change the schedule. */
static void check_in_way(const char *path, unsigned seed, int steps) {
	igs_problem *p = tu_load_file(path);
	igs_schedule *s = greedy_start(p);
	igs_delta D;
	ck_assert_int_eq(igs_delta_init_limits(&D, s, &PROFILED), IGS_OK);
	ck_assert(D.rm_off != NULL);
	igs_delta_load(&D);
	int *q = malloc(((size_t)p->n_sessions + 1) * sizeof *q), told = 0, blocked = 0;
	unsigned x = seed;
	for (int i = 0; i < steps; i++) {
		int a = (int)(next(&x) % (unsigned)p->n_sessions);
		const igs_session *S = &p->sessions[a];
		if (S->n_cand_times > 0 && S->n_cand_rooms > 0) {
			int t = S->cand_times[next(&x) % (unsigned)S->n_cand_times];
			int r = S->cand_rooms[next(&x) % (unsigned)S->n_cand_rooms], b, want_b = -1, want = 0;
			long a0 = igs_time_abs(p, t), a1 = a0 + S->duration;
			int got = igs_delta_in_way(&D, a, a0, a1, r, &b);
			int nq = igs_delta_query(&D, a0, a1, q);
			for (int j = 0; j < p->n_sessions; j++) {
				bool in = false;
				for (int y = 0; y < nq && !in; y++)
					in = q[y] == j && (D.key[j].room == r || igs_delta_conflict(&D, a, j));
				in = in || (j != a && D.key[j].from < a1 && D.key[j].to > a0 && igs_delta_conflict(&D, a, j));
				if (j != a && in && want++ == 0)
					want_b = j;
			}
			if (got >= 0) {
				told++;
				blocked += got > 0;
				ck_assert_msg(got == (want < 2 ? want : 2) && (got != 1 || b == want_b),
					      "%s: %s at %d in room %d: %d in the way (%d), the index says %d (%d)", path,
					      S->id, t, r, want, want_b, got, b);
			}
		}
		igs_move M[IGS_MOVE_MAX];
		double d;
		int k = random_move(&D, &x, M);
		D.nq0 = -1;
		if (k > 0 && igs_delta_eval(&D, M, k, &d, true))
			igs_delta_commit(&D, M, k, d);
	}
	ck_assert_int_gt(told, steps / 4);
	ck_assert_int_gt(blocked, 0);
	free(q);
	igs_delta_free(&D);
	igs_schedule_free(s);
	igs_problem_free(p);
}

START_TEST(test_in_way) {
	check_in_way(EX("igf-like.json"), 7, 3000);
	check_in_way(EX("tracks.json"), 8, 2000);
}
END_TEST

START_TEST(test_conflicts_exact) {
	const char *files[] = {EX("small.json"), EX("igf-like.json"), EX("dc-joint.json"), EX("tracks.json")};
	for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
		igs_problem *p = tu_load_file(files[i]);
		check_conflicts(p);
		igs_problem_free(p);
	}
	/* Types kept apart, one of them only on a shared theme: a joint DC session never beside
	 * the DC main session, nor beside a main session on its theme; an exclusive opening. */
	igs_problem *p = tu_load_ok(
		"{\"meeting\": {\"name\": \"t\", \"start_every\": 30, \"slots\": [\"09:00-18:00\"]},\n"
		" \"days\": [{\"date\": \"2025-06-23\"}],\n"
		" \"rooms\": [{\"id\": \"r1\", \"features\": [\"plenary\"]}, {\"id\": \"r2\"}],\n"
		" \"themes\": [{\"id\": \"ai\"}, {\"id\": \"data\"}],\n"
		" \"people\": [{\"id\": \"p1\"}],\n"
		" \"sessions\": [{\"id\": \"m1\", \"type\": \"main\", \"duration\": 60, \"themes\": [\"ai\"]},\n"
		"  {\"id\": \"j1\", \"type\": \"dc_joint\", \"duration\": 60, \"themes\": [\"data\", \"ai\"]},\n"
		"  {\"id\": \"j2\", \"type\": \"dc_joint\", \"duration\": 60, \"themes\": [\"data\"]},\n"
		"  {\"id\": \"dm\", \"type\": \"dc_main\", \"duration\": 60},\n"
		"  {\"id\": \"ds\", \"type\": \"dc_session\", \"duration\": 60, \"people\": [\"p1\"]},\n"
		"  {\"id\": \"w1\", \"duration\": 60, \"themes\": [\"ai\"], \"people\": [\"p1\"]},\n"
		"  {\"id\": \"op\", \"type\": \"opening\", \"duration\": 60}]}\n");
	check_conflicts(p);
	int m1 = igs_problem_find_session(p, "m1"), j1 = igs_problem_find_session(p, "j1"),
	    j2 = igs_problem_find_session(p, "j2");
	ck_assert(igs_place_pair(p, m1, 0, -1, j1, 0, -2) >= 0 && igs_place_pair(p, m1, 0, -1, j2, 0, -2) < 0);
	igs_problem_free(p);
}
END_TEST

START_TEST(test_small) {
	check_example(EX("small.json"), 1, 3000, NULL);
	check_example(EX("small.json"), 1, 3000, &PROFILED);
}
END_TEST

/* Slot terms, attendees, chairs and track_breaks on. */
START_TEST(test_tracks) {
	check_example(EX("tracks.json"), 2, 3000, NULL);
	check_example(EX("tracks.json"), 2, 3000, &PROFILED);
}
END_TEST

/* Thematic cells, spread, room stability, fairness. */
START_TEST(test_igf_thematic) {
	check_example(EX("igf-thematic.json"), 3, 1500, NULL);
	check_example(EX("igf-thematic.json"), 3, 1500, &PROFILED);
}
END_TEST

/* Near-duplicate links, similar themes, sessions of two themes; attendees (tracks). */
START_TEST(test_profiles_exact) {
	check_twins(EX("igf-like.json"), 4, 20000);
	check_twins(EX("tracks.json"), 5, 5000);
	check_twins(EX("dc-joint.json"), 6, 5000);
}
END_TEST

int main(void) {
	Suite *s = suite_create("delta");
	TCase *tc = tcase_create("moves");
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, test_small);
	tcase_add_test(tc, test_tracks);
	tcase_add_test(tc, test_igf_thematic);
	tcase_add_test(tc, test_profiles_exact);
	tcase_add_test(tc, test_conflicts_exact);
	tcase_add_test(tc, test_in_way);
	suite_add_tcase(s, tc);
	SRunner *sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
