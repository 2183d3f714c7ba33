/* Tests of the decomposition lower bound (solver/bound.c): never above the brute-force optimum
 * of small generated instances, never above any committed schedule of the bundled examples,
 * every left-out term listed, and solve --bound-time's record in the schedule. */
#include <glob.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "solver/bound.h"
#include "testutil.h"

#define TOL 1e-6
#define EX(name) IGS_EXAMPLES_DIR "/" name

/* One small instance per seed, crowded so that clashes are forced: 1 or 2 days of 2 or 3
 * starts, 2 or 3 rooms of mixed capacity, 3 to 6 sessions of themes a, b, c (a and b similar,
 * some sessions with two), tags, people, attendees, optional sessions, preferences and a
 * remote person; every third instance weighs the spreads more. */
static char *instance(unsigned seed, int n_max) {
	unsigned x = seed * 2654435761u + 11u;
	for (int i = 0; i < 4; i++)
		tu_lcg(&x);
	int nd = 1 + (int)(tu_lcg(&x) % 2), nr = 2 + (int)(tu_lcg(&x) % 2);
	tu_buf b = {0};
	tu_put(&b, "{\"meeting\": {\"name\": \"b%u\", \"utc_offset\": \"+00:00\"},\n \"days\": [", seed);
	for (int d = 0; d < nd; d++)
		tu_put(&b, "%s{\"date\": \"2025-06-2%d\", \"label\": \"Day %d\", \"slots\": [\"09:00-10:30\", \"11:00-12:00\"],"
			   " \"starts\": [\"09:00\", \"09:30\", \"11:00\"]}",
		       d ? ", " : "", 3 + d, d + 1);
	static const int caps[] = {100, 40, 0};
	tu_put(&b, "],\n \"rooms\": [");
	for (int r = 0; r < nr; r++)
		tu_put(&b, "%s{\"id\": \"r%d\", \"capacity\": %d}", r ? ", " : "", r, caps[(r + seed) % 3]);
	tu_put(&b, "],\n \"themes\": [{\"id\": \"a\"}, {\"id\": \"b\"}, {\"id\": \"c\"}],\n"
		   " \"theme_similarity\": [{\"a\": \"a\", \"b\": \"b\", \"value\": %s}],\n",
	       tu_lcg(&x) % 2 ? "0.5" : "0.2");
	tu_put(&b, " \"people\": [{\"id\": \"p1\"}, {\"id\": \"p2\"},"
		   " {\"id\": \"far\", \"remote\": true, \"utc_offset\": \"-05:00\", \"available\": [\"04:00-05:30\"]}],\n");
	if (seed % 3 == 0)
		tu_put(&b, " \"weights\": {\"theme_spread\": 7, \"tag_clash\": 3, \"attendee_clash\": 2},\n");
	int n = 3 + (int)(tu_lcg(&x) % 4);
	n = n > n_max ? n_max : n;
	static const char *const themes[] = {"a", "b", "c"};
	static const int durs[] = {30, 60, 90};
	tu_put(&b, " \"sessions\": [\n");
	for (int i = 0; i < n; i++) {
		tu_put(&b, "%s  {\"id\": \"s%d\", \"duration\": %d, \"themes\": [\"%s\"", i ? ",\n" : "", i,
		       durs[tu_lcg(&x) % 3], themes[tu_lcg(&x) % 3]);
		if (tu_lcg(&x) % 4 == 0)
			tu_put(&b, ", \"%s\"", themes[tu_lcg(&x) % 3]);
		tu_put(&b, "]");
		if (tu_lcg(&x) % 2)
			tu_put(&b, ", \"tags\": [\"t%u\"]", tu_lcg(&x) % 2);
		unsigned who = tu_lcg(&x) % 6;
		if (who < 2)
			tu_put(&b, ", \"people\": [\"p%u\"]", who + 1);
		else if (who == 2)
			tu_put(&b, ", \"people\": [\"far\"]");
		if (who >= 3 && tu_lcg(&x) % 2)
			tu_put(&b, ", \"attendees\": [\"p1\"]");
		if (tu_lcg(&x) % 2)
			tu_put(&b, ", \"attendance\": %u", 10 + 15 * (tu_lcg(&x) % 6));
		if (tu_lcg(&x) % 5 == 0)
			tu_put(&b, ", \"optional\": true, \"priority\": %s", tu_lcg(&x) % 2 ? "0.05" : "1");
		if (tu_lcg(&x) % 4 == 0)
			tu_put(&b, ", \"prefer\": [{\"day\": \"Day 1\", \"from\": \"09:00\", \"to\": \"10:30\", \"weight\": 1}]");
		tu_put(&b, "}");
	}
	tu_put(&b, "\n]}\n");
	return b.s;
}

static igs_bound *bound_of(const igs_problem *p, double seconds, bool coupled, const igs_schedule *hint) {
	igs_options o;
	igs_options_init(&o);
	o.verbose = 0;
	o.bound_time = seconds;
	igs_diag *d = igs_diag_new();
	igs_bound *b = NULL;
	int rc = igs_bound_compute(&b, p, &o, coupled, hint, d);
	if (rc != IGS_OK)
		tu_diag_dump(d);
	ck_assert_int_eq(rc, IGS_OK);
	igs_diag_free(d);
	return b;
}

#define SEEDS 72

START_TEST(test_brute_force) {
	int checked = 0, tight = 0, failures = 0;
	for (unsigned seed = 1; seed <= SEEDS; seed++) {
		igs_problem *p = NULL;
		char *json = NULL;
		for (int n_max = 5; !p && n_max >= 2; n_max--) {
			free(json);
			json = instance(seed, n_max);
			igs_diag *d = igs_diag_new();
			if (tu_load_text(&p, d, json) != IGS_OK)
				p = NULL;
			igs_diag_free(d);
		}
		ck_assert_msg(p != NULL, "seed %u: no instance loads", seed);
		double best = tu_brute_force(p, false, NULL, NULL, NULL);
		for (int coupled = 0; coupled < 2 && isfinite(best); coupled++) {
			igs_bound *b = bound_of(p, 5, coupled, NULL);
			if (b->split.value > best + TOL) {
				failures++;
				fprintf(stderr, "seed %u%s: bound %.9f above the brute-force optimum %.9f\n%s", seed,
					coupled ? " (coupled)" : "", b->split.value, best, json);
				igs_bound_print(b, p, NULL, stderr);
			}
			tight += coupled == 0 && b->split.value >= best - TOL;
			igs_bound_free(b);
		}
		checked += isfinite(best);
		free(json);
		igs_problem_free(p);
	}
	fprintf(stderr, "bound: %d feasible instances of %d, the bound meets the optimum on %d\n", checked, SEEDS, tight);
	ck_assert_int_ge(checked, 60);
	ck_assert_msg(failures == 0, "the bound is above the brute-force optimum %d times", failures);
}
END_TEST

/* Every bundled example against every committed schedule of it (the default solve's, the
 * heuristic's, the exact one's): the bound holds for each feasible one. */
START_TEST(test_examples) {
	glob_t g;
	ck_assert_int_eq(glob(EX("*.json"), 0, NULL, &g), 0);
	int compared = 0;
	for (size_t i = 0; i < g.gl_pathc; i++) {
		igs_problem *p = tu_load_file(g.gl_pathv[i]);
		const char *base = strrchr(g.gl_pathv[i], '/') + 1;
		char pattern[1024];
		snprintf(pattern, sizeof pattern, "%s/schedules/%.*s.*.json", IGS_TEST_DATA, (int)(strlen(base) - 5), base);
		glob_t h;
		int found = glob(pattern, 0, NULL, &h) == 0 ? (int)h.gl_pathc : 0;
		igs_schedule *first = NULL;
		double lowest = INFINITY;
		for (int k = 0; k < found; k++) {
			igs_diag *d = igs_diag_new();
			igs_schedule *s = NULL;
			ck_assert_int_eq(igs_schedule_load(&s, p, h.gl_pathv[k], d), IGS_OK);
			igs_diag_free(d);
			igs_report *r = tu_eval(p, s);
			if (igs_report_hard_count(r) == 0 && r->total < lowest) {
				lowest = r->total;
				igs_schedule_free(first);
				first = s;
				s = NULL;
			}
			igs_report_free(r);
			igs_schedule_free(s);
		}
		if (found)
			globfree(&h);
		for (int coupled = 0; coupled < 2; coupled++) {
			igs_bound *b = bound_of(p, 3, coupled, first);
			fprintf(stderr, "%s%s: bound %.3f, best committed schedule %.3f\n", base, coupled ? " (coupled)" : "",
				b->split.value, lowest);
			ck_assert_msg(!(b->split.value > lowest + TOL), "%s: bound %.9f above a committed schedule's %.9f",
				      base, b->split.value, lowest);
			igs_bound_free(b);
		}
		compared += isfinite(lowest);
		igs_schedule_free(first);
		igs_problem_free(p);
	}
	globfree(&g);
	ck_assert_int_ge(compared, 8);
}
END_TEST

/* A term with a positive weight that no part bounds is listed: NaN in the split, under
 * "left_out" in the JSON, "left out" in the text. */
START_TEST(test_left_out) {
	igs_problem *p = tu_load_sessions("{\"id\": \"x1\", \"duration\": 90, \"themes\": [\"a\"]},"
					  "{\"id\": \"x2\", \"duration\": 90, \"themes\": [\"a\"], \"optional\": true,"
					  " \"stakeholder\": \"civil\"}",
					  "\"weights\": {\"room_stability\": 3, \"track_breaks\": 1}");
	igs_bound *b = bound_of(p, 2, false, NULL);
	ck_assert(isnan(b->split.term[IGS_TERM_room_stability]));
	ck_assert(isnan(b->split.term[IGS_TERM_track_breaks]));
	/* the time-indexed placement part bounds fairness, which the closed form does not */
	ck_assert(!isnan(b->split.term[IGS_TERM_fairness]));
	ck_assert(!isnan(b->split.term[IGS_TERM_theme_clash]));
	/* order has weight 0: it costs nothing and is not listed */
	ck_assert(!isnan(b->split.term[IGS_TERM_order]));
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	ck_assert_int_eq(igs_bound_write_json(b, p, NULL, f), IGS_OK);
	fclose(f);
	ck_assert_msg(strstr(text, "\"left_out\": [\n    \"room_stability\",\n    \"track_breaks\"\n  ]"),
		      "%s", text);
	free(text);
	f = open_memstream(&text, &len);
	ck_assert_int_eq(igs_bound_print(b, p, NULL, f), IGS_OK);
	fclose(f);
	ck_assert_msg(strstr(text, "room_stability") && strstr(text, "left out"), "%s", text);
	free(text);
	igs_bound_free(b);
	/* without time, only the closed form bounds the placement: fairness is left out */
	b = bound_of(p, 0, false, NULL);
	ck_assert(isnan(b->split.term[IGS_TERM_fairness]));
	igs_bound_free(b);
	igs_problem_free(p);
}
END_TEST

/* Without time only the closed forms count; the clash parts say they got none. */
START_TEST(test_no_time) {
	igs_problem *p = tu_load_file(EX("small.json"));
	igs_bound *b = bound_of(p, 0, false, NULL);
	ck_assert(!b->split.complete);
	int without = 0;
	for (int i = 0; i < b->n_parts; i++)
		without += strstr(b->parts[i].method, "no time") != NULL;
	ck_assert_int_ge(without, 2);
	igs_bound_free(b);
	b = bound_of(p, 10, false, NULL);
	/* examples/README.md: the optimum of small.json is 10, and the parts prove it */
	ck_assert(b->split.complete);
	ck_assert(fabs(b->split.value - 10) < TOL);
	igs_bound_free(b);
	igs_problem_free(p);
}
END_TEST

/* solve --bound-time records the bound in the schedule and takes it as the solver's bound when
 * the MIP gave none; the default (0) records nothing. */
START_TEST(test_solve_records) {
	igs_problem *p = tu_load_file(EX("small.json"));
	igs_options o;
	tu_quiet_options(&o, 20000);
	o.solver = IGS_SOLVER_HEURISTIC;
	igs_schedule *s = tu_solve(p, &o, IGS_OK, NULL);
	ck_assert(isnan(s->stats.decomposition.value));
	ck_assert(isnan(s->stats.bound));
	igs_schedule_free(s);
	o.bound_time = 10;
	s = tu_solve(p, &o, IGS_OK, NULL);
	ck_assert(fabs(s->stats.decomposition.value - 10) < TOL);
	ck_assert(fabs(s->stats.bound - 10) < TOL);
	ck_assert(s->stats.bound <= s->stats.objective + TOL);
	ck_assert_str_eq(s->stats.status, "optimal");
	igs_schedule_free(s);
	igs_problem_free(p);
}
END_TEST

int main(void) {
	Suite *s = suite_create("bound");
	TCase *brute = tcase_create("brute"), *examples = tcase_create("examples"), *rest = tcase_create("rest");
	tcase_set_timeout(brute, 280);
	tcase_set_timeout(examples, 280);
	tcase_add_test(brute, test_brute_force);
	tcase_add_test(examples, test_examples);
	tcase_add_test(rest, test_left_out);
	tcase_add_test(rest, test_no_time);
	tcase_add_test(rest, test_solve_records);
	suite_add_tcase(s, brute);
	suite_add_tcase(s, examples);
	suite_add_tcase(s, rest);
	return tu_run_suite(s);
}
