/* Tests of the CoSPLib reader and evaluator: the published schedules give exactly the reference
 * values, a small instance is scored by hand, bad files are reported with their JSON path, the
 * CLI's exit codes. (Its speed is measured by bench/cosplib_speed.c, not here.) */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cosplib/instance.h"
#include "cosplib/eval.h"
#include "testutil.h"

/* The third-party data set, outside the repository (testutil.h). */
#define DATA tu_cosplib_dir()

static igs_cosplib_solution *load_solution(const igs_cosplib *c, const char *path) {
	igs_diag *d = igs_diag_new();
	igs_cosplib_solution *s = NULL;
	int rc = igs_cosplib_solution_load(&s, c, path, d);
	if (rc != IGS_OK)
		tu_diag_dump(d);
	ck_assert_int_eq(rc, IGS_OK);
	igs_diag_free(d);
	return s;
}

/* The values of the README table (the library's current checker). */
static const struct {
	const char *instance, *model;
	long long objective;
} published[] = {
	{"GECCO19", "exact", 1000116}, {"GECCO19", "extended", 2000007}, {"GECCO20", "exact", 6298},
	{"GECCO20", "extended", 7768}, {"GECCO21", "exact", 11280},      {"GECCO21", "extended", 11130},
	{"N2OR", "exact", 2},          {"N2OR", "extended", 2},
};

START_TEST(test_published) {
	char ip[512], sp[512];
	snprintf(ip, sizeof ip, "%s%s.json", DATA, published[_i].instance);
	snprintf(sp, sizeof sp, "%ssolutions/%s.%s.json", DATA, published[_i].instance, published[_i].model);
	igs_cosplib *c = tu_cosplib_load(ip);
	igs_cosplib_solution *s = load_solution(c, sp);
	igs_cosplib_report r;
	ck_assert_int_eq(igs_cosplib_evaluate(&r, c, s), IGS_OK);
	ck_assert_msg(r.total == published[_i].objective, "%s %s: objective %lld, expected %lld", published[_i].instance,
		      published[_i].model, r.total, published[_i].objective);
	ck_assert(r.feasible && r.valid);
	ck_assert_int_eq(r.structural, 0);
	long long sum = 0;
	for (int k = 0; k < IGS_CP__COUNT; k++)
		sum += r.cost[k];
	ck_assert(sum == r.total);
	igs_cosplib_solution_free(s);
	igs_cosplib_free(c);
}
END_TEST

/* OBJECTIVE.md §8: N2OR's exact schedule costs 2, both from non-consecutive tracks. */
START_TEST(test_worked_example) {
	igs_cosplib *c = tu_cosplib_load_data("N2OR.json");
	char sp[4200];
	snprintf(sp, sizeof sp, "%ssolutions/N2OR.exact.json", DATA);
	igs_cosplib_solution *s = load_solution(c, sp);
	igs_cosplib_report r;
	ck_assert_int_eq(igs_cosplib_evaluate(&r, c, s), IGS_OK);
	ck_assert_int_eq(r.count[IGS_CP_consecutive_tracks], 2);
	ck_assert_int_eq(r.cost[IGS_CP_consecutive_tracks], 2);
	ck_assert_int_eq(r.total, 2);
	igs_cosplib_solution_free(s);
	igs_cosplib_free(c);
}
END_TEST

/* A two-block, two-room instance: a1 (2 slots, track A chaired by c) and b1 (track B) share
 * presenter p; every weight is 1 and track A pays 5 in room R1. */
static const char *const mini_instance =
	"{\"format\": \"cosplib-instance/1\", \"name\": \"mini\",\n"
	" \"parameters\": {\"local_timezone\": \"GMT+0\", \"local_utc_offset_hours\": 0,"
	" \"suitable_from\": \"09:30\", \"suitable_to\": \"21:30\", \"less_suitable_from\": \"07:00\","
	" \"less_suitable_to\": \"23:00\", \"less_suitable_penalty\": 1, \"unsuitable_penalty\": 10},\n"
	" \"weights\": {\"tracks_sessions\": 1, \"tracks_rooms\": 1, \"sessions_rooms\": 1, \"similar_tracks\": 1,"
	" \"rooms_per_track\": 1, \"parallel_tracks\": 1, \"consecutive_tracks\": 1, \"submissions_timezones\": 1,"
	" \"submissions_order\": 1, \"submissions_sessions\": 1, \"submissions_rooms\": 1, \"presenters_conflicts\": 1,"
	" \"attendees_conflicts\": 1, \"chairs_conflicts\": 1, \"presenters_conflicts_timeslot\": 1,"
	" \"attendees_conflicts_timeslot\": 1},\n"
	" \"sessions\": [{\"name\": \"S1\", \"max_timeslots\": 2, \"start\": \"09:30\", \"end\": \"10:30\"},"
	" {\"name\": \"S2\", \"max_timeslots\": 2, \"start\": \"11:00\", \"end\": \"12:00\"}],\n"
	" \"rooms\": [\"R1\", \"R2\"],\n"
	" \"tracks\": [{\"name\": \"A\", \"chairs\": [\"c\"]}, {\"name\": \"B\", \"chairs\": []}],\n"
	" \"submissions\": [{\"name\": \"a1\", \"track\": \"A\", \"required_timeslots\": 2, \"order\": 0,"
	" \"utc_offset_hours\": 0, \"presenters\": [\"p\"], \"attendees\": []},"
	" {\"name\": \"b1\", \"track\": \"B\", \"required_timeslots\": 1, \"utc_offset_hours\": 0,"
	" \"presenters\": [\"p\", \"\"]}],\n"
	" \"tracks_rooms_penalties\": [[\"A\", \"R1\", 5]]}\n";

static const char *const mini_solution =
	"{\"format\": \"cosplib-solution/1\", \"instance\": \"mini\",\n"
	" \"tracks\": [{\"session\": \"S1\", \"room\": \"R1\", \"track\": \"A\"},"
	" {\"session\": \"S1\", \"room\": \"R2\", \"track\": \"B\"}],\n"
	" \"assignments\": [{\"submission\": \"a1\", \"session\": \"S1\", \"room\": \"R1\", \"timeslot\": 0},"
	" {\"submission\": \"a1\", \"session\": \"S1\", \"room\": \"R1\", \"timeslot\": 1},"
	" {\"submission\": \"b1\", \"session\": \"S1\", \"room\": \"R2\", \"timeslot\": 0}]}\n";

/* Loads instance and solution texts; returns the status of the first load that fails. */
static int load_texts(igs_cosplib **c, igs_cosplib_solution **s, igs_diag *d, const char *inst, const char *sol) {
	char *ip = tu_write_temp(inst, ".json"), *sp = tu_write_temp(sol, ".json");
	*s = NULL;
	int rc = igs_cosplib_load(c, ip, d);
	if (rc == IGS_OK)
		rc = igs_cosplib_solution_load(s, *c, sp, d);
	unlink(ip);
	unlink(sp);
	free(ip);
	free(sp);
	return rc;
}

START_TEST(test_mini_by_hand) {
	igs_diag *d = igs_diag_new();
	igs_cosplib *c = NULL;
	igs_cosplib_solution *s = NULL;
	ck_assert_int_eq(load_texts(&c, &s, d, mini_instance, mini_solution), IGS_OK);
	/* "" among b1's presenters is dropped: p, c are the only people. */
	ck_assert_int_eq(c->n_people, 2);
	igs_cosplib_report r;
	ck_assert_int_eq(igs_cosplib_evaluate(&r, c, s), IGS_OK);
	ck_assert(r.feasible && r.valid);
	ck_assert_int_eq(r.count[IGS_CP_tracks_rooms], 5);
	ck_assert_int_eq(r.count[IGS_CP_presenters_conflicts], 1);          /* different rooms, one block */
	ck_assert_int_eq(r.count[IGS_CP_presenters_conflicts_timeslot], 1); /* slot 0 only */
	ck_assert_int_eq(r.count[IGS_CP_chairs_conflicts], 0);
	ck_assert_int_eq(r.total, 7);

	/* a1 left out: a missing multi-slot item sets the structural term to exactly 10^9. */
	char *sol = tu_replace(mini_solution,
			 "{\"submission\": \"a1\", \"session\": \"S1\", \"room\": \"R1\", \"timeslot\": 0},"
			 " {\"submission\": \"a1\", \"session\": \"S1\", \"room\": \"R1\", \"timeslot\": 1},",
			 "");
	igs_cosplib_solution_free(s);
	igs_cosplib_free(c);
	ck_assert_int_eq(load_texts(&c, &s, d, mini_instance, sol), IGS_OK);
	ck_assert_int_eq(igs_cosplib_evaluate(&r, c, s), IGS_OK);
	ck_assert(!r.feasible && r.valid);
	ck_assert_int_eq(r.wrong_count, 1);
	ck_assert(r.structural == IGS_COSPLIB_MISSING);
	free(sol);

	/* a1 split over two rooms: 10^7 per cell holding part of it; b1 in track A's cell is invalid. */
	sol = tu_replace(mini_solution, "\"room\": \"R1\", \"timeslot\": 1}", "\"room\": \"R2\", \"timeslot\": 1}");
	char *sol2 = tu_replace(sol, "{\"session\": \"S1\", \"room\": \"R2\", \"track\": \"B\"}",
			  "{\"session\": \"S1\", \"room\": \"R2\", \"track\": \"A\"}");
	igs_cosplib_solution_free(s);
	igs_cosplib_free(c);
	ck_assert_int_eq(load_texts(&c, &s, d, mini_instance, sol2), IGS_OK);
	ck_assert_int_eq(igs_cosplib_evaluate(&r, c, s), IGS_OK);
	ck_assert(r.feasible && !r.valid);
	ck_assert_int_eq(r.wrong_track, 1);
	ck_assert(r.structural == 2 * IGS_COSPLIB_SPLIT);
	ck_assert_int_eq(r.count[IGS_CP_parallel_tracks], 1);
	free(sol);
	free(sol2);
	igs_cosplib_solution_free(s);
	igs_cosplib_free(c);
	igs_diag_free(d);
}
END_TEST

/* Each broken file: one edit of the mini texts, the JSON path and a word of the message. */
static const struct {
	bool in_instance;
	const char *from, *to, *where, *needle;
} bad[] = {
	{true, "\"track\": \"A\", \"required", "\"track\": \"Z\", \"required", "submissions[0].track", "not in tracks[]"},
	{true, "\"chairs_conflicts\": 1,", "", "weights.chairs_conflicts", "missing"},
	{true, "\"start\": \"09:30\"", "\"start\": \"9.30\"", "sessions[0].start", "not a time"},
	{true, "[\"R1\", \"R2\"]", "[\"R1\", \"R1\"]", "rooms[1]", "listed twice"},
	{true, "\"order\": 0,", "\"colour\": 0,", "submissions[0].colour", "unknown key"},
	{true, "\"required_timeslots\": 2", "\"required_timeslots\": 0", "submissions[0].required_timeslots", "from 1"},
	{true, "\"utc_offset_hours\": 0, \"presenters\": [\"p\"]", "\"utc_offset_hours\": 2.5, \"presenters\": [\"p\"]",
	 "submissions[0].utc_offset_hours", "expected a whole number"},
	{true, "[[\"A\", \"R1\", 5]]", "[[\"A\", \"R9\", 5]]", "tracks_rooms_penalties[0][1]", "not in rooms[]"},
	{true, "\"tracks_rooms_penalties\"",
	 "\"similar_tracks_penalties\": [[\"A\", \"A\", 3]], \"tracks_rooms_penalties\"", "similar_tracks_penalties[0]",
	 "itself"},
	{true, "\"max_timeslots\": 2", "\"max_timeslots\": \"2\"", "sessions[0].max_timeslots", "is a string"},
	{false, "\"submission\": \"b1\"", "\"submission\": \"b2\"", "assignments[2].submission", "not in submissions[]"},
	{false, "\"room\": \"R2\", \"timeslot\": 0}", "\"room\": \"R2\", \"timeslot\": 2}", "assignments[2].timeslot",
	 "0 to 1"},
	{false, "\"submission\": \"b1\", \"session\": \"S1\", \"room\": \"R2\"",
	 "\"submission\": \"b1\", \"session\": \"S1\", \"room\": \"R1\"", "assignments[2]", "already holds a1"},
	{false, "\"room\": \"R2\", \"track\": \"B\"", "\"room\": \"R1\", \"track\": \"B\"", "tracks[1]", "second track"},
	{false, "\"instance\": \"mini\"", "\"instance\": \"N2OR\"", "instance", "not 'mini'"},
	{false, "\"timeslot\": 1}", "\"timeslot\": 0}", "assignments[1]", "repeats"},
	{false, "\"assignments\"", "\"assignment\"", "assignment", "unknown key"},
};

START_TEST(test_bad_input) {
	igs_diag *d = igs_diag_new();
	igs_cosplib *c = NULL;
	igs_cosplib_solution *s = NULL;
	char *inst = bad[_i].in_instance ? tu_replace(mini_instance, bad[_i].from, bad[_i].to) : strdup(mini_instance);
	char *sol = bad[_i].in_instance ? strdup(mini_solution) : tu_replace(mini_solution, bad[_i].from, bad[_i].to);
	int rc = load_texts(&c, &s, d, inst, sol);
	ck_assert_int_eq(rc, IGS_EINPUT);
	if (!tu_diag_has(d, bad[_i].where, bad[_i].needle))
		tu_diag_dump(d);
	ck_assert_msg(tu_diag_has(d, bad[_i].where, bad[_i].needle), "case %d: no message at '%s' with '%s'", _i,
		      bad[_i].where, bad[_i].needle);
	ck_assert_ptr_null(s);
	/* Every message names the file it is about. */
	for (int i = 0; i < igs_diag_count(d); i++)
		ck_assert(strstr(igs_diag_get(d, i)->file, ".json") != NULL);
	igs_cosplib_free(c);
	free(inst);
	free(sol);
	igs_diag_free(d);
}
END_TEST

START_TEST(test_not_json) {
	igs_diag *d = igs_diag_new();
	igs_cosplib *c = NULL;
	char *p = tu_write_temp("{\"name\": \"x\",\n \"rooms\": [}\n", ".json");
	ck_assert_int_eq(igs_cosplib_load(&c, p, d), IGS_EINPUT);
	ck_assert(tu_diag_has(d, "line 2, column 12", "not valid JSON"));
	ck_assert_int_eq(igs_cosplib_load(&c, "/nonexistent/x.json", d), IGS_EIO);
	char *q = tu_write_temp("[{\"name\": \"x\"}]", ".json");
	ck_assert_int_eq(igs_cosplib_load(&c, q, d), IGS_EINPUT);
	ck_assert(tu_diag_has(d, "", "top level is an array"));
	unlink(q);
	free(q);
	unlink(p);
	free(p);
	igs_diag_free(d);
}
END_TEST

START_TEST(test_cli) {
	char cmd[2048], *out = NULL;
	snprintf(cmd, sizeof cmd, "%s cosplib-eval %sN2OR.json %ssolutions/N2OR.exact.json", IGS_BINARY, DATA, DATA);
	ck_assert_int_eq(tu_run(cmd, &out), 0);
	ck_assert_ptr_nonnull(strstr(out, "objective 2\n"));
	ck_assert_ptr_nonnull(strstr(out, "consecutive_tracks"));
	free(out);
	snprintf(cmd, sizeof cmd, "%s cosplib-eval %sGECCO19.json %ssolutions/GECCO19.exact.json --json", IGS_BINARY,
		 DATA, DATA);
	ck_assert_int_eq(tu_run(cmd, &out), 0);
	ck_assert_ptr_nonnull(strstr(out, "\"objective\": 1000116"));
	free(out);
	/* A feasible but invalid schedule exits 1; a bad file 2, with its path; --help 0. */
	char *ip = tu_write_temp(mini_instance, ".json");
	char *sol = tu_replace(mini_solution, "\"room\": \"R2\", \"track\": \"B\"", "\"room\": \"R2\", \"track\": \"A\"");
	char *sp = tu_write_temp(sol, ".json");
	snprintf(cmd, sizeof cmd, "%s cosplib-eval %s %s", IGS_BINARY, ip, sp);
	ck_assert_int_eq(tu_run(cmd, &out), 1);
	ck_assert_ptr_nonnull(strstr(out, "valid: no"));
	free(out);
	snprintf(cmd, sizeof cmd, "%s cosplib-eval %s %sN2OR.json", IGS_BINARY, ip, DATA);
	ck_assert_int_eq(tu_run(cmd, &out), 2);
	ck_assert_ptr_nonnull(strstr(out, "N2OR.json: format: 'cosplib-instance/1' is not"));
	free(out);
	snprintf(cmd, sizeof cmd, "%s cosplib-eval --help", IGS_BINARY);
	ck_assert_int_eq(tu_run(cmd, &out), 0);
	ck_assert_ptr_nonnull(strstr(out, "usage: igfsched cosplib-eval"));
	free(out);
	snprintf(cmd, sizeof cmd, "%s cosplib-eval %s", IGS_BINARY, ip);
	ck_assert_int_eq(tu_run(cmd, &out), 2);
	free(out);
	unlink(ip);
	unlink(sp);
	free(ip);
	free(sp);
	free(sol);
}
END_TEST

static Suite *suite(bool data) {
	Suite *s = suite_create("cosplib");
	TCase *tc = tcase_create("cosplib");
	tcase_add_test(tc, test_mini_by_hand);
	tcase_add_loop_test(tc, test_bad_input, 0, (int)(sizeof bad / sizeof *bad));
	tcase_add_test(tc, test_not_json);
	if (data) {
		tcase_add_loop_test(tc, test_published, 0, (int)(sizeof published / sizeof *published));
		tcase_add_test(tc, test_worked_example);
		tcase_add_test(tc, test_cli);
	}
	suite_add_tcase(s, tc);
	return s;
}

int main(void) {
	/* The instances of the data set are third-party and may be absent; the made-up ones are
	 * the tests' own. */
	return tu_run_suite(suite(tu_cosplib_present("test_cosplib", "the tests on the data set's instances")));
}
