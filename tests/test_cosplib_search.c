/* Tests of the CoSPLib search (cosplib-solve): it reaches the N2OR target, every result is
 * complete and scored as the evaluator scores it, a seed and move budget fix the result, a
 * construction that leaves an item out is repaired, an impossible instance is reported, and the
 * written solution reads back to the same objective. (Its 60-second results are a benchmark:
 * bench/cosplib_bench.py.) */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cosplib/instance.h"
#include "cosplib/eval.h"
#include "cosplib/search.h"
#include "testutil.h"

/* The third-party data set, outside the repository (testutil.h). */
#define DATA tu_cosplib_dir()

static igs_cosplib *load_text(const char *text) {
	char *path = tu_write_temp(text, ".json");
	igs_cosplib *c = tu_cosplib_load(path);
	unlink(path);
	free(path);
	return c;
}

/* Runs the search with a move budget only (no time limit can decide the result). */
static igs_cosplib_solution *solve_threads(igs_cosplib_search_stats *st, const igs_cosplib *c, long seed, long moves,
					   int threads) {
	igs_cosplib_options o;
	igs_cosplib_options_init(&o);
	o.threads = threads;
	o.seed = seed;
	o.moves = moves;
	o.time_limit = 1e6;
	o.verbose = 0;
	igs_diag *d = igs_diag_new();
	igs_cosplib_solution *s = NULL;
	ck_assert_int_eq(igs_cosplib_search(&s, st, c, &o, d), IGS_OK);
	ck_assert_ptr_nonnull(s);
	igs_diag_free(d);
	return s;
}

static igs_cosplib_solution *solve(igs_cosplib_search_stats *st, const igs_cosplib *c, long seed, long moves) {
	return solve_threads(st, c, seed, moves, 1);
}

/* The stats agree with an independent evaluation, and the trace only ever improves. */
static igs_cosplib_report check(const igs_cosplib *c, const igs_cosplib_solution *s,
				const igs_cosplib_search_stats *st) {
	igs_cosplib_report r;
	ck_assert_int_eq(igs_cosplib_evaluate(&r, c, s), IGS_OK);
	ck_assert_msg(r.total == st->total, "%s: search says %lld, evaluator %lld", c->name, st->total, r.total);
	ck_assert_int_eq(r.feasible && r.valid, st->missing == 0);
	for (int i = 1; i < st->n_trace; i++) {
		ck_assert(st->trace[i].total < st->trace[i - 1].total);
		ck_assert(st->trace[i].s >= st->trace[i - 1].s);
	}
	if (st->missing == 0) {
		ck_assert_int_gt(st->n_trace, 0);
		ck_assert(st->trace[st->n_trace - 1].total == r.total);
	}
	return r;
}

/* The acceptance test: N2OR at 2 or below (the published schedules' value), from
 * several seeds. */
START_TEST(test_n2or) {
	igs_cosplib *c = tu_cosplib_load_data("N2OR.json");
	igs_cosplib_search_stats st;
	igs_cosplib_solution *s = solve(&st, c, _i + 1, 300000);
	igs_cosplib_report r = check(c, s, &st);
	ck_assert(r.feasible && r.valid);
	ck_assert_int_eq(r.structural, 0);
	ck_assert_msg(r.total <= 2, "seed %d: objective %lld", _i + 1, r.total);
	igs_cosplib_search_stats_clear(&st);
	igs_cosplib_solution_free(s);
	igs_cosplib_free(c);
}
END_TEST

static const char *const instances[] = {"N2OR", "GECCO19", "GECCO20", "GECCO21", "ISF22", "OR60"};

/* Every instance gets every submission placed, whole, in a cell of its track, from a short run;
 * the same seed and budget give the same solution. */
START_TEST(test_complete_and_reproducible) {
	char path[512];
	snprintf(path, sizeof path, "%s%s.json", DATA, instances[_i]);
	igs_cosplib *c = tu_cosplib_load(path);
	igs_cosplib_search_stats a, b;
	igs_cosplib_solution *sa = solve(&a, c, 7, 20000), *sb = solve(&b, c, 7, 20000);
	igs_cosplib_report r = check(c, sa, &a);
	ck_assert_msg(r.feasible && r.valid, "%s: %d unplaced", c->name, a.missing);
	ck_assert_int_eq(r.structural, 0);
	ck_assert(a.total == b.total && a.moves == b.moves && a.moves == 20000);
	ck_assert(memcmp(sa->track, sb->track, (size_t)c->n_blocks * (size_t)c->n_rooms * sizeof *sa->track) == 0);
	ck_assert(memcmp(sa->slot, sb->slot, (size_t)c->n_slots * sizeof *sa->slot) == 0);
	igs_cosplib_search_stats_clear(&a);
	igs_cosplib_search_stats_clear(&b);
	igs_cosplib_solution_free(sa);
	igs_cosplib_solution_free(sb);
	igs_cosplib_free(c);
}
END_TEST

/* Two chains in threads: chain 0 is the one-thread search, so the result is never worse; the
 * pick does not depend on which thread finishes first, so runs repeat exactly. */
START_TEST(test_threads) {
	igs_cosplib *c = tu_cosplib_load_data("GECCO20.json");
	igs_cosplib_search_stats one, a, b;
	igs_cosplib_solution *s1 = solve(&one, c, 5, 20000), *sa = solve_threads(&a, c, 5, 20000, 2),
			     *sb = solve_threads(&b, c, 5, 20000, 2);
	check(c, sa, &a);
	ck_assert(a.total <= one.total);
	ck_assert(a.moves == 40000 && a.total == b.total);
	ck_assert(memcmp(sa->slot, sb->slot, (size_t)c->n_slots * sizeof *sa->slot) == 0);
	igs_cosplib_search_stats_clear(&one);
	igs_cosplib_search_stats_clear(&a);
	igs_cosplib_search_stats_clear(&b);
	igs_cosplib_solution_free(s1);
	igs_cosplib_solution_free(sa);
	igs_cosplib_solution_free(sb);
	igs_cosplib_free(c);
}
END_TEST

/* Two cells only: S1 with 3 slots and S2 with 2, in one room; a cell holds one track. */
static const char *const tight_head =
	"{\"format\": \"cosplib-instance/1\", \"name\": \"tight\",\n"
	" \"parameters\": {\"local_timezone\": \"GMT+0\", \"local_utc_offset_hours\": 0,"
	" \"suitable_from\": \"09:30\", \"suitable_to\": \"21:30\", \"less_suitable_from\": \"07:00\","
	" \"less_suitable_to\": \"23:00\", \"less_suitable_penalty\": 1, \"unsuitable_penalty\": 10},\n"
	" \"weights\": {\"tracks_sessions\": 1, \"tracks_rooms\": 0, \"sessions_rooms\": 0, \"similar_tracks\": 0,"
	" \"rooms_per_track\": 0, \"parallel_tracks\": 0, \"consecutive_tracks\": 0, \"submissions_timezones\": 0,"
	" \"submissions_order\": 0, \"submissions_sessions\": 0, \"submissions_rooms\": 0, \"presenters_conflicts\": 0,"
	" \"attendees_conflicts\": 0, \"chairs_conflicts\": 0, \"presenters_conflicts_timeslot\": 0,"
	" \"attendees_conflicts_timeslot\": 0},\n"
	" \"sessions\": [{\"name\": \"S1\", \"max_timeslots\": 3, \"start\": \"09:30\", \"end\": \"10:30\"},"
	" {\"name\": \"S2\", \"max_timeslots\": 2, \"start\": \"11:00\", \"end\": \"12:00\"}],\n"
	" \"rooms\": [\"R1\"],\n"
	" \"tracks\": [{\"name\": \"A\", \"chairs\": []}, {\"name\": \"B\", \"chairs\": []}],\n";

/* Track A (3 slots) is cheaper in S2, so the construction opens S2 for it, must open S1 for its
 * second item, and has no cell left for B. The search has to move A whole into S1 (cost 5). */
static igs_cosplib *repaired_instance(void) {
	char text[4096];
	snprintf(text, sizeof text, "%s%s", tight_head,
		 " \"submissions\": [{\"name\": \"a1\", \"track\": \"A\", \"required_timeslots\": 2, \"utc_offset_hours\": 0},"
		 " {\"name\": \"a2\", \"track\": \"A\", \"required_timeslots\": 1, \"utc_offset_hours\": 0},"
		 " {\"name\": \"b1\", \"track\": \"B\", \"required_timeslots\": 2, \"utc_offset_hours\": 0}],\n"
		 " \"tracks_sessions_penalties\": [[\"A\", \"S1\", 5]]}\n");
	return load_text(text);
}

/* The search repairs what the construction left out (repaired_instance). */
START_TEST(test_construction_repaired) {
	igs_cosplib *c = repaired_instance();
	igs_cosplib_search_stats st;
	igs_cosplib_solution *zero = solve(&st, c, 1, 0);
	ck_assert_int_eq(st.missing, 1); /* the premise: construction alone leaves b1 out */
	igs_cosplib_search_stats_clear(&st);
	igs_cosplib_solution *s = solve(&st, c, 1, 20000);
	igs_cosplib_report r = check(c, s, &st);
	ck_assert(r.feasible && r.valid);
	ck_assert_int_eq(r.total, 5);
	igs_cosplib_search_stats_clear(&st);
	igs_cosplib_solution_free(s);
	igs_cosplib_solution_free(zero);
	igs_cosplib_free(c);
}
END_TEST

/* A schedule that meets a proven bound ends the search: test_construction_repaired's instance
 * has the optimum 5, and with the bound 5 a budget the search would spend minutes on ends at
 * it, in one chain or two, and two runs pick the same schedule. A bound not met changes nothing. */
START_TEST(test_stops_at_bound) {
	igs_cosplib *c = repaired_instance();
	igs_cosplib_options o;
	igs_cosplib_options_init(&o);
	o.moves = 1000000000000LL;
	o.time_limit = 1e6;
	o.verbose = 0;
	o.has_bound = true;
	o.bound = 5;
	igs_cosplib_solution *s[3] = {NULL};
	igs_cosplib_search_stats st[3];
	for (int i = 0; i < 3; i++) {
		o.threads = i == 0 ? 1 : 2;
		igs_diag *d = igs_diag_new();
		ck_assert_int_eq(igs_cosplib_search(&s[i], &st[i], c, &o, d), IGS_OK);
		igs_diag_free(d);
		igs_cosplib_report r = check(c, s[i], &st[i]);
		ck_assert(r.feasible && r.valid);
		ck_assert_int_eq(r.total, 5);
		ck_assert_msg(st[i].bound_met && !st[i].interrupted, "run %d: the bound was met but not said", i);
		ck_assert(st[i].moves < o.threads * 1000000LL);
	}
	ck_assert(memcmp(s[1]->slot, s[2]->slot, (size_t)c->n_slots * sizeof *s[1]->slot) == 0);
	/* The bound below the optimum: never met, the budget is spent. */
	o.threads = 1;
	o.moves = 20000;
	o.bound = 4;
	igs_cosplib_solution *t = NULL;
	igs_cosplib_search_stats tst;
	ck_assert_int_eq(igs_cosplib_search(&t, &tst, c, &o, NULL), IGS_OK);
	ck_assert(!tst.bound_met && tst.moves == 20000 && tst.total == 5);
	igs_cosplib_search_stats_clear(&tst);
	igs_cosplib_solution_free(t);
	for (int i = 0; i < 3; i++) {
		igs_cosplib_search_stats_clear(&st[i]);
		igs_cosplib_solution_free(s[i]);
	}
	igs_cosplib_free(c);
}
END_TEST

/* Three tracks for two cells: one cannot be placed, and the search says so instead of writing an
 * invalid schedule. */
START_TEST(test_impossible) {
	char text[4096];
	snprintf(text, sizeof text, "%s%s", tight_head,
		 " \"submissions\": [{\"name\": \"a1\", \"track\": \"A\", \"required_timeslots\": 1, \"utc_offset_hours\": 0},"
		 " {\"name\": \"b1\", \"track\": \"B\", \"required_timeslots\": 1, \"utc_offset_hours\": 0},"
		 " {\"name\": \"b2\", \"track\": \"B\", \"required_timeslots\": 3, \"utc_offset_hours\": 0}]}\n");
	igs_cosplib *c = load_text(text);
	igs_cosplib_search_stats st;
	igs_cosplib_solution *s = solve(&st, c, 1, 5000);
	igs_cosplib_report r = check(c, s, &st);
	ck_assert_int_eq(st.missing, 1);
	ck_assert(!r.feasible && r.valid);
	/* The program names the submission it could not place. */
	char *path = tu_write_temp(text, ".json"), *sol = tu_write_temp("", ".json"), cmd[2048], *out = NULL;
	snprintf(cmd, sizeof cmd, "%s cosplib-solve %s -o %s --moves 5000 -q", IGS_BINARY, path, sol);
	ck_assert_int_eq(tu_run(cmd, &out), 1);
	ck_assert_ptr_nonnull(strstr(out, "1 submission could not be placed"));
	ck_assert_msg(strstr(out, "  a1 (track A, 1 timeslot): no (session, room)") ||
			      strstr(out, "  b1 (track B, 1 timeslot): no (session, room)") ||
			      strstr(out, "  b2 (track B, 3 timeslots): no (session, room)"),
		      "%s", out);
	free(out);
	unlink(path);
	unlink(sol);
	free(path);
	free(sol);
	igs_cosplib_search_stats_clear(&st);
	igs_cosplib_solution_free(s);
	igs_cosplib_free(c);
}
END_TEST

/* The options are checked on entry: a library caller with a value out of its range gets
 * IGS_EUSAGE and every such option named, and nothing is searched. */
START_TEST(test_options_checked) {
	char text[4096];
	snprintf(text, sizeof text, "%s%s", tight_head,
		 " \"submissions\": [{\"name\": \"a1\", \"track\": \"A\", \"required_timeslots\": 1, \"utc_offset_hours\": 0}]}\n");
	igs_cosplib *c = load_text(text);
	igs_cosplib_options o;
	igs_cosplib_options_init(&o);
	o.threads = 0;
	o.bound_time = NAN;
	igs_diag *d = igs_diag_new();
	igs_cosplib_solution *s = NULL;
	igs_cosplib_search_stats st;
	ck_assert_int_eq(igs_cosplib_search(&s, &st, c, &o, d), IGS_EUSAGE);
	ck_assert_ptr_null(s);
	ck_assert(tu_diag_has(d, "threads", "is 0; give a whole number from 1 to 256"));
	ck_assert(tu_diag_has(d, "bound_time", "give a number from 0 to 1000000"));
	ck_assert_int_eq(igs_diag_count(d), 2);
	igs_diag_free(d);
	igs_cosplib_options_init(&o);
	ck_assert_int_eq(igs_cosplib_options_check(&o, NULL), IGS_OK);
	igs_cosplib_free(c);
}
END_TEST

/* The program: the written solution reads back with cosplib-eval to the printed objective; the
 * stats file has the trace; Ctrl-C writes the best so far; bad input exits 2 naming the file; an
 * unwritable output exits 3. */
START_TEST(test_cli) {
	char cmd[2048], *out = NULL;
	char *sol = tu_write_temp("", ".json"), *stats = tu_write_temp("", ".json");
	snprintf(cmd, sizeof cmd, "%s cosplib-solve %sN2OR.json -o %s --stats %s --moves 100000 --seed 3", IGS_BINARY,
		 DATA, sol, stats);
	ck_assert_int_eq(tu_run(cmd, &out), 0);
	const char *obj = strstr(out, "N2OR: objective ");
	ck_assert_ptr_nonnull(obj);
	long long printed = atoll(obj + strlen("N2OR: objective "));
	ck_assert(printed <= 2);
	free(out);
	snprintf(cmd, sizeof cmd, "%s cosplib-eval %sN2OR.json %s --json", IGS_BINARY, DATA, sol);
	ck_assert_int_eq(tu_run(cmd, &out), 0);
	char want[64];
	snprintf(want, sizeof want, "\"objective\": %lld,", printed);
	ck_assert_ptr_nonnull(strstr(out, want));
	free(out);
	snprintf(cmd, sizeof cmd, "cat %s", stats);
	ck_assert_int_eq(tu_run(cmd, &out), 0);
	ck_assert_ptr_nonnull(strstr(out, "\"trace\""));
	ck_assert_ptr_nonnull(strstr(out, "\"moves\": 100000,"));
	free(out);

	/* Ctrl-C ends a long run at once with the best solution so far, complete and exit 0. */
	snprintf(cmd, sizeof cmd,
		 "(timeout --preserve-status -s INT 1 %s cosplib-solve %sOR60.json -o %s --time-limit 600 --moves "
		 "1000000000000 && %s cosplib-eval %sOR60.json %s)",
		 IGS_BINARY, DATA, sol, IGS_BINARY, DATA, sol);
	ck_assert_int_eq(tu_run(cmd, &out), 0);
	ck_assert_ptr_nonnull(strstr(out, "interrupted; writing the best solution found so far"));
	ck_assert_ptr_nonnull(strstr(out, "feasible: yes\nvalid: yes"));
	free(out);

	snprintf(cmd, sizeof cmd, "%s cosplib-solve /nonexistent/x.json -o %s", IGS_BINARY, sol);
	ck_assert_int_eq(tu_run(cmd, &out), 2);
	ck_assert_ptr_nonnull(strstr(out, "/nonexistent/x.json"));
	free(out);
	snprintf(cmd, sizeof cmd, "%s cosplib-solve %sN2OR.json --moves 10 -q -o /nonexistent/dir/sol.json", IGS_BINARY,
		 DATA);
	ck_assert_int_eq(tu_run(cmd, &out), 3);
	ck_assert_ptr_nonnull(strstr(out, "/nonexistent/dir/sol.json"));
	free(out);
	snprintf(cmd, sizeof cmd, "%s cosplib-solve %sN2OR.json --moves -1", IGS_BINARY, DATA);
	ck_assert_int_eq(tu_run(cmd, &out), 2);
	free(out);
	snprintf(cmd, sizeof cmd, "%s cosplib-solve", IGS_BINARY);
	ck_assert_int_eq(tu_run(cmd, &out), 2);
	ck_assert_ptr_nonnull(strstr(out, "usage: igfsched cosplib-solve"));
	free(out);
	unlink(sol);
	unlink(stats);
	free(sol);
	free(stats);
}
END_TEST

/* The program on GECCO21, the data set's instance whose search reaches its proven bound
 * (10,933, from the bounding program's first second): with a budget of moves it would spend for
 * the whole limit, it ends because its schedule meets the bound, says so, and the stats file
 * holds the reason. */
START_TEST(test_cli_stops_at_bound) {
	char cmd[2048], *out = NULL;
	char *sol = tu_write_temp("", ".json"), *stats = tu_write_temp("", ".json");
	snprintf(cmd, sizeof cmd, "%s cosplib-solve %sGECCO21.json -o %s --stats %s --moves 1000000000000 --time-limit 120",
		 IGS_BINARY, DATA, sol, stats);
	ck_assert_int_eq(tu_run(cmd, &out), 0);
	const char *lb = strstr(out, "lower bound ");
	ck_assert_ptr_nonnull(lb);
	long long bound = atoll(lb + strlen("lower bound "));
	char want[128];
	snprintf(want, sizeof want, "GECCO21: objective %lld\n", bound);
	ck_assert_msg(strstr(out, want) != NULL, "not at the bound %lld:\n%s", bound, out);
	ck_assert_msg(strstr(out, "the solution is optimal; the search stopped there") != NULL, "%s", out);
	free(out);
	snprintf(cmd, sizeof cmd, "cat %s", stats);
	ck_assert_int_eq(tu_run(cmd, &out), 0);
	ck_assert_ptr_nonnull(strstr(out, "\"bound_met\": true,"));
	ck_assert_ptr_nonnull(strstr(out, "\"interrupted\": false,"));
	snprintf(want, sizeof want, "\"bound\": %lld,", bound);
	ck_assert_ptr_nonnull(strstr(out, want));
	free(out);
	unlink(sol);
	unlink(stats);
	free(sol);
	free(stats);
}
END_TEST

static Suite *suite(bool data) {
	Suite *s = suite_create("cosplib_search");
	TCase *tc = tcase_create("cosplib_search");
	tcase_set_timeout(tc, 300);
	tcase_add_test(tc, test_construction_repaired);
	tcase_add_test(tc, test_impossible);
	tcase_add_test(tc, test_stops_at_bound);
	tcase_add_test(tc, test_options_checked);
	if (data) {
		tcase_add_loop_test(tc, test_n2or, 0, 3);
		tcase_add_loop_test(tc, test_complete_and_reproducible, 0,
				    (int)(sizeof instances / sizeof *instances));
		tcase_add_test(tc, test_threads);
		tcase_add_test(tc, test_cli);
		tcase_add_test(tc, test_cli_stops_at_bound);
	}
	suite_add_tcase(s, tc);
	return s;
}

int main(void) {
	/* The instances of the data set are third-party and may be absent; the made-up ones are
	 * the tests' own. */
	return tu_run_suite(suite(tu_cosplib_present("test_cosplib_search", "the tests on the data set's instances")));
}
