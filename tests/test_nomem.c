/* Allocation failure, SQLite style: every allocation of a call is made to fail in turn (the
 * 1st, then the 2nd, ... until the call completes with none failing), and each time the call
 * must return IGS_ENOMEM (or succeed, where it can do without), say so, and free everything it
 * took. The library's malloc, calloc, realloc, strdup and free are wrapped at link time
 * (-Wl,--wrap, tests/CMakeLists.txt); Jansson's are counted through json_set_alloc_funcs but
 * not failed (see jansson_malloc). Live blocks are counted, so a leak on a failure path is
 * caught in any build, sanitizer or not. */
#define _DEFAULT_SOURCE /* mkstemp */
#include <jansson.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cosplib/instance.h"
#include "cosplib/import.h"
#include "cosplib/bound.h"
#include "cosplib/search.h"
#include "cosplib/write.h"
#include "testutil.h"

#define EX IGS_EXAMPLES_DIR "/"

void *__real_malloc(size_t n);
void *__real_calloc(size_t n, size_t size);
void *__real_realloc(void *p, size_t n);
char *__real_strdup(const char *s);
void __real_free(void *p);

/* Countdown to the failing allocation (0: none fails), and the blocks alive that came through
 * the wrappers, in an open-addressed table (a tombstone keeps probe chains intact). */
static long countdown, allocations;
static bool failed;
enum { SLOTS = 1 << 21 };
static void **live;
static long n_live;
#define TOMB ((void *)1)

static bool fail_now(void) {
	allocations++;
	if (countdown > 0 && --countdown == 0) {
		failed = true;
		return true;
	}
	return false;
}

static size_t slot_of(const void *p) { return (size_t)(((uintptr_t)p >> 4) * 2654435761u) & (SLOTS - 1); }

static void track(void *p) {
	if (!p || !live)
		return;
	size_t i = slot_of(p);
	while (live[i] && live[i] != TOMB)
		i = (i + 1) & (SLOTS - 1);
	live[i] = p;
	n_live++;
}

static void untrack(void *p) {
	if (!p || !live)
		return;
	for (size_t i = slot_of(p); live[i]; i = (i + 1) & (SLOTS - 1))
		if (live[i] == p) {
			live[i] = TOMB;
			n_live--;
			return;
		}
}

void *__wrap_malloc(size_t n) {
	if (fail_now())
		return NULL;
	void *p = __real_malloc(n);
	track(p);
	return p;
}

void *__wrap_calloc(size_t n, size_t size) {
	if (fail_now())
		return NULL;
	void *p = __real_calloc(n, size);
	track(p);
	return p;
}

void *__wrap_realloc(void *old, size_t n) {
	if (fail_now())
		return NULL;
	void *p = __real_realloc(old, n);
	if (p) {
		untrack(old);
		track(p);
	}
	return p;
}

char *__wrap_strdup(const char *s) {
	if (fail_now())
		return NULL;
	char *p = __real_strdup(s);
	track(p);
	return p;
}

void __wrap_free(void *p) {
	untrack(p);
	__real_free(p);
}

/* One call under test: returns its status and frees whatever it produced. */
typedef int (*call_fn)(igs_diag *d);

/* Fails each allocation of call in turn; returns how many the successful run made. */
static long fail_each(call_fn call, const char *name) {
	for (long n = 1;; n++) {
		long before = n_live;
		igs_diag *d = igs_diag_new();
		ck_assert_ptr_nonnull(d);
		countdown = n;
		failed = false;
		allocations = 0;
		int rc = call(d);
		countdown = 0;
		char first[256] = "";
		if (igs_diag_count(d) > 0)
			snprintf(first, sizeof first, "%s", igs_diag_get(d, 0)->message);
		igs_diag_free(d);
		ck_assert_msg(n_live == before, "%s, allocation %ld failing: %ld blocks leaked (status %d)", name, n,
			      n_live - before, rc);
		if (!failed) {
			ck_assert_msg(rc == IGS_OK, "%s: status %d with no allocation failing (%s)", name, rc, first);
			printf("%s: each of its %ld allocations failed in turn\n", name, allocations);
			return allocations;
		}
		ck_assert_msg(rc == IGS_OK || rc == IGS_ENOMEM,
			      "%s, allocation %ld failing: status %d, not IGS_ENOMEM (%s)", name, n, rc, first);
	}
}

/* The same, for calls whose failure must also be explained in d. */
static int said(igs_diag *d, int rc) {
	if (rc == IGS_ENOMEM)
		ck_assert_msg(igs_diag_count(d) > 0, "out of memory without a message");
	return rc;
}

static int load_problem(igs_diag *d) {
	igs_problem *p = NULL;
	int rc = said(d, igs_problem_load(&p, EX "small.json", d));
	igs_problem_free(p);
	return rc;
}

static igs_problem *small;
static char *small_schedule;
static char *out_path; /* made before the failures start: the test's own allocations never fail */
static char *out_path2; /* the second output of import-cosplib */

static int load_schedule(igs_diag *d) {
	igs_schedule *s = NULL;
	int rc = said(d, igs_schedule_load(&s, small, small_schedule, d));
	igs_schedule_free(s);
	return rc;
}

static int solve_small(igs_diag *d) {
	igs_options o;
	igs_options_init(&o);
	o.moves = 200;
	o.verbose = 0;
	o.solver = IGS_SOLVER_HEURISTIC;
	igs_schedule *s = NULL;
	int rc = said(d, igs_solve(&s, small, &o, d));
	igs_report *r = NULL;
	if (rc == IGS_OK && (rc = igs_evaluate(&r, small, s)) == IGS_OK)
		rc = said(d, igs_schedule_write(s, r, IGS_FMT_JSON, out_path, d));
	igs_report_free(r);
	igs_schedule_free(s);
	return rc;
}

static int load_cosplib(igs_diag *d) {
	igs_cosplib *c = NULL;
	char path[4200];
	snprintf(path, sizeof path, "%sN2OR.json", tu_cosplib_dir());
	int rc = said(d, igs_cosplib_load(&c, path, d));
	igs_cosplib_free(c);
	return rc;
}

static igs_cosplib *n2or;

static int search_cosplib(igs_diag *d) {
	igs_cosplib_options o;
	igs_cosplib_options_init(&o);
	/* One chain: the wrappers count without locks. 3,000 moves make the schedule complete,
	 * so the trace grows too. */
	o.moves = 3000;
	o.verbose = 0;
	igs_cosplib_solution *s = NULL;
	igs_cosplib_search_stats st;
	int rc = said(d, igs_cosplib_search(&s, &st, n2or, &o, d));
	if (rc == IGS_OK)
		rc = said(d, igs_cosplib_solution_write(n2or, s, "test", out_path, d));
	igs_cosplib_search_stats_clear(&st);
	igs_cosplib_solution_free(s);
	return rc;
}

static int import_csv(igs_diag *d) {
	int rc = igs_import_csv(EX "spreadsheet/sessions-small.csv", EX "spreadsheet/venue-small.json", out_path, NULL, d);
	unlink(out_path);
	return said(d, rc);
}

/* import-frab of the fixture with every flaw, thematic, with its real schedule evaluated and
 * written: libxml2's own allocations are not wrapped, igfsched's around them are. */
static int import_frab(igs_diag *d) {
	igs_frab_import_options o = {.real_schedule = out_path2, .thematic_rooms = true};
	int rc = igs_import_frab(NULL, IGS_TEST_DATA "/frab/flaws.xml", out_path, &o, d);
	unlink(out_path);
	unlink(out_path2);
	return said(d, rc);
}

/* import-cosplib with a solution: two outputs, the problem loaded back and evaluated. A tiny
 * instance with every kind of penalty keeps the quadratic number of runs cheap under ASan. */
static const char *const tiny_instance =
	"{\"name\": \"tiny\", \"parameters\": {\"local_utc_offset_hours\": 0, \"suitable_from\": \"09:30\","
	" \"suitable_to\": \"21:30\", \"less_suitable_from\": \"07:00\", \"less_suitable_to\": \"23:00\","
	" \"less_suitable_penalty\": 1, \"unsuitable_penalty\": 10},"
	" \"weights\": {\"tracks_sessions\": 1, \"tracks_rooms\": 1, \"sessions_rooms\": 1, \"similar_tracks\": 1,"
	" \"rooms_per_track\": 1, \"parallel_tracks\": 1, \"consecutive_tracks\": 1, \"submissions_timezones\": 1,"
	" \"submissions_order\": 1, \"submissions_sessions\": 1, \"submissions_rooms\": 1, \"presenters_conflicts\": 1,"
	" \"attendees_conflicts\": 1, \"chairs_conflicts\": 1, \"presenters_conflicts_timeslot\": 1,"
	" \"attendees_conflicts_timeslot\": 1},"
	" \"sessions\": [{\"name\": \"S1\", \"max_timeslots\": 2, \"date\": \"2024-05-07\", \"start\": \"09:00\","
	" \"end\": \"10:00\"}, {\"name\": \"S2\", \"max_timeslots\": 2, \"date\": \"2024-05-08\", \"start\": \"09:00\","
	" \"end\": \"10:30\"}], \"rooms\": [\"R1\", \"R2\"], \"tracks\": [{\"name\": \"A\"}, {\"name\": \"B\"}],"
	" \"submissions\": [{\"name\": \"a1\", \"track\": \"A\", \"required_timeslots\": 2, \"order\": 1,"
	" \"utc_offset_hours\": 5, \"presenters\": [\"p\"], \"session_penalties\": {\"S1\": 3}},"
	" {\"name\": \"b1\", \"track\": \"B\", \"required_timeslots\": 1, \"utc_offset_hours\": 0,"
	" \"presenters\": [\"q\", \"p\"]}],"
	" \"tracks_sessions_penalties\": [[\"B\", \"S2\", 5]], \"tracks_rooms_penalties\": [[\"A\", \"R2\", 10000]],"
	" \"sessions_rooms_penalties\": [[\"S1\", \"R2\", 10000]], \"similar_tracks_penalties\": [[\"A\", \"B\", 2]]}\n";
static const char *const tiny_solution =
	"{\"instance\": \"tiny\", \"tracks\": [{\"session\": \"S1\", \"room\": \"R1\", \"track\": \"A\"},"
	" {\"session\": \"S2\", \"room\": \"R2\", \"track\": \"B\"}],"
	" \"assignments\": [{\"submission\": \"a1\", \"session\": \"S1\", \"room\": \"R1\", \"timeslot\": 0},"
	" {\"submission\": \"a1\", \"session\": \"S1\", \"room\": \"R1\", \"timeslot\": 1},"
	" {\"submission\": \"b1\", \"session\": \"S2\", \"room\": \"R2\", \"timeslot\": 1}]}\n";
static char *tiny_inst_path, *tiny_sol_path;

static int import_cosplib(igs_diag *d) {
	int rc = igs_cosplib_import(tiny_inst_path, out_path, tiny_sol_path, out_path2, NULL, d);
	unlink(out_path);
	unlink(out_path2);
	return said(d, rc);
}

/* Every output format of one schedule. */
static igs_schedule *small_solved;
static igs_report *small_report;
static igs_format format;

static int write_format(igs_diag *d) {
	if (format == IGS_FMT_COSPLIB)
		return said(d, igs_cosplib_write_schedule(small_solved, out_path, d));
	return said(d, igs_schedule_write(small_solved, small_report, format, out_path, d));
}

static int solve_exact(igs_diag *d) {
	igs_options o;
	igs_options_init(&o);
	o.moves = 0;
	o.verbose = 0;
	o.solver = IGS_SOLVER_EXACT;
	o.time_limit = 30;
	igs_schedule *s = NULL;
	int rc = said(d, igs_solve(&s, small, &o, d));
	igs_schedule_free(s);
	return rc;
}

/* The pipeline with two sub-MIPs of the matheuristic (solver/lns.c) before the exact MIP. */
static int solve_submip(igs_diag *d) {
	igs_options o;
	igs_options_init(&o);
	o.moves = 200;
	o.verbose = 0;
	o.submip = 2;
	o.time_limit = 30;
	igs_schedule *s = NULL;
	int rc = said(d, igs_solve(&s, small, &o, d));
	igs_schedule_free(s);
	return rc;
}

static igs_problem *dcs;

static int group_dcs(igs_diag *d) {
	igs_group_options g = {.k = 10, .min_size = 1, .max_size = 6, .seed = 1};
	igs_grouping *out = NULL;
	int rc = said(d, igs_group_find(&out, dcs, &g, d));
	igs_grouping_free(out);
	return rc;
}

START_TEST(test_readers) {
	ck_assert_int_gt(fail_each(load_problem, "igs_problem_load"), 20);
	if (tu_cosplib_present("test_nomem", "igs_cosplib_load on N2OR"))
		ck_assert_int_gt(fail_each(load_cosplib, "igs_cosplib_load"), 20);
	ck_assert_int_gt(fail_each(import_csv, "igs_import_csv"), 20);
	ck_assert_int_gt(fail_each(import_frab, "igs_import_frab"), 20);
}
END_TEST

START_TEST(test_cosplib_import) {
	tiny_inst_path = tu_write_temp(tiny_instance, ".json");
	tiny_sol_path = tu_write_temp(tiny_solution, ".json");
	ck_assert_int_gt(fail_each(import_cosplib, "igs_cosplib_import"), 20);
	unlink(tiny_inst_path);
	unlink(tiny_sol_path);
	free(tiny_inst_path);
	free(tiny_sol_path);
}
END_TEST

START_TEST(test_schedule_and_solve) {
	small = tu_load_file(EX "small.json");
	small_schedule = tu_schedule_file(small, 200);
	ck_assert_int_gt(fail_each(load_schedule, "igs_schedule_load"), 5);
	ck_assert_int_gt(fail_each(solve_small, "igs_solve"), 20);
	ck_assert_int_gt(fail_each(solve_exact, "igs_solve, exact"), 20);
	ck_assert_int_gt(fail_each(solve_submip, "igs_solve, sub-MIPs"), 20);
	unlink(small_schedule);
	free(small_schedule);
	igs_problem_free(small);
}
END_TEST

START_TEST(test_writers) {
	static const char *const names[] = {"JSON", "CSV", "text", "iCalendar", "HTML", "frab XML", "frab JSON"};
	static const igs_format formats[] = {IGS_FMT_JSON, IGS_FMT_CSV,  IGS_FMT_TEXT,     IGS_FMT_ICS,
					     IGS_FMT_HTML, IGS_FMT_FRAB, IGS_FMT_FRAB_JSON};
	small = tu_load_file(EX "small.json");
	igs_options o;
	igs_options_init(&o);
	o.moves = 200;
	o.verbose = 0;
	igs_diag *d = igs_diag_new();
	ck_assert_int_eq(igs_solve(&small_solved, small, &o, d), IGS_OK);
	igs_diag_free(d);
	small_report = tu_eval(small, small_solved);
	for (size_t i = 0; i < sizeof formats / sizeof *formats; i++) {
		format = formats[i];
		char name[64];
		snprintf(name, sizeof name, "igs_schedule_write, %s", names[i]);
		ck_assert_int_gt(fail_each(write_format, name), 0);
	}
	igs_report_free(small_report);
	igs_schedule_free(small_solved);
	igs_problem_free(small);
	/* --format cosplib needs named slots: the imported N2OR and its published schedule. */
	if (!tu_cosplib_present("test_nomem", "igs_cosplib_write_schedule on N2OR"))
		return;
	char ip[4200], sp[4200];
	snprintf(ip, sizeof ip, "%sN2OR.json", tu_cosplib_dir());
	snprintf(sp, sizeof sp, "%ssolutions/N2OR.exact.json", tu_cosplib_dir());
	d = igs_diag_new();
	ck_assert_int_eq(igs_cosplib_import(ip, out_path, sp, out_path2, NULL, d), IGS_OK);
	small = tu_load_file(out_path);
	ck_assert_int_eq(igs_schedule_load(&small_solved, small, out_path2, d), IGS_OK);
	igs_diag_free(d);
	format = IGS_FMT_COSPLIB;
	ck_assert_int_gt(fail_each(write_format, "igs_cosplib_write_schedule"), 20);
	igs_schedule_free(small_solved);
	igs_problem_free(small);
}
END_TEST

START_TEST(test_group) {
	dcs = tu_load_file(EX "dc-individual.json");
	ck_assert_int_gt(fail_each(group_dcs, "igs_group_find"), 20);
	igs_problem_free(dcs);
}
END_TEST

/* A thematic programme with attendees, a theme's chairs, the slot terms and track_breaks: the
 * reader's chairs and attendees, and the solvers' slot index and track counts. */
static const char *const people_problem =
	"{\"meeting\": {\"name\": \"P\", \"thematic_rooms\": true},"
	" \"days\": [{\"date\": \"2026-06-01\", \"start_every\": 30, \"slots\": [\"09:00-10:00\", \"11:00-12:00\"]}],"
	" \"rooms\": [{\"id\": \"r1\"}, {\"id\": \"r2\"}],"
	" \"themes\": [{\"id\": \"a\", \"chairs\": [\"c\"]}, {\"id\": \"b\"}],"
	" \"people\": [{\"id\": \"p\"}, {\"id\": \"q\"}, {\"id\": \"c\"}],"
	" \"weights\": {\"person_slot\": 2, \"attendee_slot\": 1, \"track_breaks\": 1},"
	" \"sessions\": [{\"id\": \"s1\", \"duration\": 30, \"themes\": [\"a\"], \"people\": [\"p\"], \"attendees\": [\"q\", \"c\"]},"
	" {\"id\": \"s2\", \"duration\": 30, \"themes\": [\"b\"], \"people\": [\"q\"], \"attendees\": [\"p\"]},"
	" {\"id\": \"s3\", \"duration\": 30, \"themes\": [\"a\"], \"people\": [\"q\"]},"
	" {\"id\": \"s4\", \"duration\": 60, \"themes\": [\"b\"], \"attendees\": [\"c\"]}]}\n";
static char *people_path;

static int solve_people(igs_diag *d) {
	igs_problem *p = NULL;
	int rc = said(d, igs_problem_load(&p, people_path, d));
	if (rc != IGS_OK)
		return rc;
	igs_options o;
	igs_options_init(&o);
	o.moves = 2000;
	o.verbose = 0;
	o.solver = IGS_SOLVER_HEURISTIC;
	igs_schedule *s = NULL;
	rc = said(d, igs_solve(&s, p, &o, d));
	igs_schedule_free(s);
	igs_problem_free(p);
	return rc;
}

static bool start_mismatch, start_made;

static int bound_start(igs_diag *d) {
	(void)d;
	igs_cosplib_bound b;
	igs_cosplib_solution *start = NULL;
	int rc = igs_cosplib_lower_bound_start(&b, &start, n2or, 30, NULL, 0);
	/* Check's assertions allocate, so none runs while allocations fail: the test reads these. */
	start_mismatch = start_mismatch || (rc == IGS_OK) != (start != NULL);
	start_made = start_made || start != NULL;
	igs_cosplib_solution_free(start);
	return rc;
}

START_TEST(test_people_and_bound_start) {
	people_path = tu_write_temp(people_problem, ".json");
	ck_assert_int_gt(fail_each(solve_people, "igs_problem_load and igs_solve, attendees and chairs"), 20);
	unlink(people_path);
	free(people_path);
	char *tiny = tu_write_temp(tiny_instance, ".json");
	n2or = tu_cosplib_load(tiny);
	ck_assert_int_gt(fail_each(bound_start, "igs_cosplib_lower_bound_start"), 5);
	/* A start schedule exactly when the call succeeds, and the tiny instance's programs are
	 * solved, so there is one. */
	ck_assert(!start_mismatch);
	ck_assert(start_made);
	igs_cosplib_free(n2or);
	unlink(tiny);
	free(tiny);
}
END_TEST

START_TEST(test_cosplib_search) {
	n2or = tu_cosplib_load_data("N2OR.json");
	ck_assert_int_gt(fail_each(search_cosplib, "igs_cosplib_search"), 20);
	igs_cosplib_free(n2or);
}
END_TEST

static Suite *suite(void) {
	Suite *s = suite_create("nomem");
	TCase *tc = tcase_create("nomem");
	tcase_set_timeout(tc, 300);
	tcase_add_test(tc, test_readers);
	tcase_add_test(tc, test_cosplib_import);
	tcase_add_test(tc, test_schedule_and_solve);
	tcase_add_test(tc, test_writers);
	tcase_add_test(tc, test_group);
	if (tu_cosplib_present("test_nomem", "test_cosplib_search"))
		tcase_add_test(tc, test_cosplib_search);
	tcase_add_test(tc, test_people_and_bound_start);
	suite_add_tcase(s, tc);
	return s;
}

/* Jansson's blocks are counted but never made to fail: Jansson reports some of its own
 * allocation failures as syntax errors ("string or '}' expected"), which no caller can tell
 * apart, so only igfsched's own allocations are failed here. */
static void *jansson_malloc(size_t n) {
	void *p = __real_malloc(n);
	track(p);
	return p;
}

int main(void) {
	live = __real_calloc(SLOTS, sizeof *live);
	if (!live)
		return EXIT_FAILURE;
	json_set_alloc_funcs(jansson_malloc, __wrap_free);
	/* Made here, outside any test: Check's assertions may only run inside one. */
	static char path[] = "/tmp/igs-nomem-XXXXXX";
	int fd = mkstemp(path);
	if (fd < 0)
		return EXIT_FAILURE;
	close(fd);
	out_path = strdup(path);
	static char path2[] = "/tmp/igs-nomem-XXXXXX";
	if ((fd = mkstemp(path2)) < 0)
		return EXIT_FAILURE;
	close(fd);
	out_path2 = strdup(path2);
	int rc = tu_run_suite(suite());
	unlink(out_path);
	free(out_path);
	unlink(out_path2);
	free(out_path2);
	return rc;
}
