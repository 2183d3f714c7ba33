/* Tests of the placement predicates (model/place.c: one placement alone, two at once) and the
 * soft costs and pair probe the solvers price moves with, against the full evaluation. */
#include <math.h>
#include <stdio.h>

#include "testutil.h"

#define EPS 1e-9

static unsigned next_rand(unsigned *x) {
	*x ^= *x << 13;
	*x ^= *x >> 17;
	*x ^= *x << 5;
	return *x;
}

static bool pair_reported(const igs_report *r, int a, int b, int kind) {
	for (int i = 0; i < r->n_violations; i++) {
		const igs_violation *v = &r->violations[i];
		if (v->kind == IGS_V_UNSCHEDULED || v->kind == IGS_V_MAX_PARALLEL || v->b < 0)
			continue;
		if (((v->a == a && v->b == b) || (v->a == b && v->b == a)) && (kind < 0 || (int)v->kind == kind))
			return true;
	}
	return false;
}

static int unary_reported(const igs_report *r, int s) {
	for (int i = 0; i < r->n_violations; i++) {
		const igs_violation *v = &r->violations[i];
		if (v->a == s && v->b < 0 && v->kind != IGS_V_UNSCHEDULED && v->kind != IGS_V_MAX_PARALLEL)
			return (int)v->kind;
	}
	return -1;
}

START_TEST(test_predicates_match_evaluation) {
	/* Random placements (clashes of every kind included) of sessions with shared and
	 * repeated themes, tags, people and groups, similar themes, a remote person,
	 * preferences, an exclusive session and sessions spanning two slots. */
	igs_problem *p = tu_load_sessions(
		"{\"id\": \"s0\", \"duration\": 90, \"themes\": [\"a\"], \"tags\": [\"x\", \"y\"], \"people\": [\"p1\"], \"attendees\": [\"p2\"], \"attendance\": 30},"
		"{\"id\": \"s1\", \"duration\": 60, \"themes\": [\"a\", \"b\", \"a\"], \"tags\": [\"x\"], \"people\": [\"far\"]},"
		"{\"id\": \"s2\", \"duration\": 180, \"themes\": [\"b\"], \"tags\": [\"y\", \"y\"], \"groups\": [\"dc1\"], \"attendees\": [\"p1\"], \"attendance\": 120},"
		"{\"id\": \"s3\", \"duration\": 90, \"themes\": [\"b\", \"a\"], \"people\": [\"p1\", \"p2\"], \"groups\": [\"dc1\", \"dc2\"],"
		" \"prefer\": [{\"day\": \"Day 2\", \"weight\": 1.5}]},"
		"{\"id\": \"s4\", \"duration\": 120, \"tags\": [\"x\", \"z\"], \"people\": [\"p2\", \"far\"], \"groups\": [\"dc2\"],"
		" \"attendance\": 8},"
		"{\"id\": \"s5\", \"duration\": 90, \"themes\": [\"a\"], \"type\": \"main\", \"attendance\": 200},"
		"{\"id\": \"s6\", \"duration\": 30, \"themes\": [\"b\"], \"type\": \"opening\", \"attendees\": [\"p1\", \"p2\", \"far\"]},"
		"{\"id\": \"s7\", \"duration\": 90, \"themes\": [\"a\"], \"tags\": [\"z\"], \"optional\": true, \"priority\": 3,"
		" \"prefer\": [{\"from\": \"14:00\", \"to\": \"15:30\"}]},"
		"{\"id\": \"s8\", \"duration\": 90, \"min_capacity\": 60, \"people\": [\"far\"], \"attendees\": [\"p2\"]},"
		"{\"id\": \"s9\", \"duration\": 60, \"themes\": [\"b\"], \"tags\": [\"x\"], \"pin\": {\"room\": \"rb\"}}",
		"\"theme_similarity\": [{\"a\": \"a\", \"b\": \"b\", \"value\": 0.3}],"
		" \"weights\": {\"tag_clash\": 1.5, \"similarity_clash\": 3, \"capacity_waste\": 0.01, \"remote_hours\": 4, \"attendee_clash\": 0.7}");
	/* The constructive solver's probe prices the attendees of every pair as the evaluator's
	 * pair cost does, to the last bit. */
	igs_pair_probe *q = igs_pair_probe_new(p);
	ck_assert_ptr_nonnull(q);
	for (int a = 0; a < p->n_sessions; a++) {
		igs_pair_probe_set(q, a);
		for (int b = 0; b < p->n_sessions; b++)
			if (b != a)
				ck_assert_msg(igs_probe_soft(q, b) == igs_pair_soft(p, a, 0, b, 0),
					      "sessions %d and %d: probe %.17g, soft %.17g", a, b, igs_probe_soft(q, b),
					      igs_pair_soft(p, a, 0, b, 0));
	}
	igs_pair_probe_free(q);
	double attendee_cost = 0;
	unsigned x = 0x9e3779b9u;
	int n = p->n_sessions;
	for (int round = 0; round < 400; round++) {
		igs_schedule *s = igs_schedule_new(p);
		for (int i = 0; i < n; i++) {
			unsigned v = next_rand(&x);
			if (v % 10 == 0)
				continue; /* left out */
			/* Crowd the sessions into few times so that most pairs overlap. */
			int t = (int)((v >> 4) % (unsigned)(round % 2 ? p->n_times : 2));
			int r = (int)((v >> 12) % (unsigned)p->n_rooms);
			ck_assert_int_eq(igs_schedule_set(s, i, t, r), IGS_OK);
		}
		igs_report *r = tu_eval(p, s);
		double pair_sum = 0, place_sum = 0;
		for (int i = 0; i < n; i++) {
			if (s->time[i] < 0)
				continue;
			place_sum += igs_place_soft(p, i, s->time[i], s->room[i]);
			ck_assert_int_eq(igs_place_unary(p, i, s->time[i], s->room[i]), unary_reported(r, i));
			for (int j = i + 1; j < n; j++) {
				if (s->time[j] < 0)
					continue;
				double c = igs_pair_soft(p, i, s->time[i], j, s->time[j]);
				ck_assert(fabs(c - igs_pair_soft(p, j, s->time[j], i, s->time[i])) < EPS);
				pair_sum += c;
				int k = igs_place_pair(p, i, s->time[i], s->room[i], j, s->time[j], s->room[j]);
				ck_assert_int_eq(k >= 0, pair_reported(r, i, j, -1));
				if (k >= 0)
					ck_assert(pair_reported(r, i, j, k));
				long a0, a1, b0, b1;
				igs_session_span(p, i, s->time[i], &a0, &a1);
				igs_session_span(p, j, s->time[j], &b0, &b1);
				if (!igs_intervals_overlap(a0, a1, b0, b1))
					ck_assert(c == 0 && k < 0);
			}
		}
		double clash_cost =
			r->theme_clash.cost + r->tag_clash.cost + r->similarity_clash.cost + r->attendee_clash.cost;
		double place_cost = r->capacity_over.cost + r->capacity_waste.cost + r->preference.cost +
				    r->remote_hours.cost;
		ck_assert_msg(fabs(pair_sum - clash_cost) < 1e-6, "round %d: pairs %.9g, clash terms %.9g", round,
			      pair_sum, clash_cost);
		ck_assert_msg(fabs(place_sum - place_cost) < 1e-6, "round %d: placements %.9g, terms %.9g", round,
			      place_sum, place_cost);
		attendee_cost += r->attendee_clash.cost;
		igs_report_free(r);
		igs_schedule_free(s);
	}
	ck_assert(attendee_cost > 0); /* else the attendees proved nothing */
	igs_problem_free(p);
}
END_TEST

/* The pair probe the constructive solver uses is a faster twin of igs_place_pair and
 * igs_pair_soft: on every pair of sessions of the bundled examples, both placed at the same
 * time, it gives the same hard kind and the same soft cost to the last bit. */
START_TEST(test_pair_probe_matches) {
	static const char *const files[] = {"igf-like.json", "dc-joint.json", "dc-individual.json", "igf-2023.json",
					    "small.json"};
	for (size_t f = 0; f < sizeof files / sizeof *files; f++) {
		char path[1024];
		snprintf(path, sizeof path, "%s/%s", IGS_EXAMPLES_DIR, files[f]);
		igs_problem *p = tu_load_file(path);
		igs_pair_probe *q = igs_pair_probe_new(p);
		ck_assert_ptr_nonnull(q);
		long hard = 0, soft = 0;
		for (int a = 0; a < p->n_sessions; a++) {
			igs_pair_probe_set(q, a);
			for (int b = 0; b < p->n_sessions; b++) {
				if (b == a)
					continue;
				int want = igs_place_pair(p, a, 0, -1, b, 0, -2);
				ck_assert_msg(igs_probe_pair(q, b) == want, "%s: sessions %d and %d: probe %d, check %d",
					      files[f], a, b, igs_probe_pair(q, b), want);
				double cost = igs_pair_soft(p, a, 0, b, 0);
				ck_assert_msg(igs_probe_soft(q, b) == cost, "%s: sessions %d and %d: probe %.17g, soft %.17g",
					      files[f], a, b, igs_probe_soft(q, b), cost);
				hard += want >= 0;
				soft += cost > 0;
			}
		}
		/* The examples must exercise both answers, or the comparison proves little. */
		ck_assert_msg(hard > 0 && soft > 0, "%s: %ld hard and %ld soft pairs", files[f], hard, soft);
		igs_pair_probe_free(q);
		igs_problem_free(p);
	}
}
END_TEST

static Suite *place_suite(void) {
	Suite *s = suite_create("place");
	TCase *tc = tcase_create("predicates");
	tcase_add_test(tc, test_predicates_match_evaluation);
	tcase_add_test(tc, test_pair_probe_matches);
	suite_add_tcase(s, tc);
	return s;
}

int main(void) {
	return tu_run_suite(place_suite());
}
