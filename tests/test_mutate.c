/* Mutation tests of every reader (problems, schedules, CoSPLib files, CSV, wishes, merges and
 * revision references): bundled input files damaged in thousands of seeded ways
 * (bytes changed, spans cut or doubled, files truncated, numbers made extreme, fragments
 * spliced in) must each be either read or rejected with located messages: never a crash, a
 * leak or a sanitizer report (CI runs this under ASan+UBSan), never another status. An input
 * that still reads is solved briefly, so odd but valid values reach the solvers too. The same
 * seed gives the same mutants, so a failure replays exactly: its index is in the message and
 * IGS_MUTATE_KEEP=DIR keeps each mutant written there. */
#include <gsl/gsl_rng.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cosplib/instance.h"
#include "cosplib/import.h"
#include "cosplib/eval.h"
#include "testutil.h"

#define EX IGS_EXAMPLES_DIR "/"
enum { MUTANTS = 1500 };

typedef struct {
	char *text;
	size_t len, cap;
} buf;

static buf slurp(const char *path) {
	FILE *f = fopen(path, "rb");
	ck_assert_msg(f != NULL, "cannot open %s", path);
	buf b = {0};
	fseek(f, 0, SEEK_END);
	b.len = (size_t)ftell(f);
	rewind(f);
	b.cap = b.len + 1;
	b.text = malloc(b.cap);
	ck_assert_ptr_nonnull(b.text);
	ck_assert_uint_eq(fread(b.text, 1, b.len, f), b.len);
	b.text[b.len] = 0;
	fclose(f);
	return b;
}

static void reserve(buf *b, size_t n) {
	if (b->len + n + 1 <= b->cap)
		return;
	b->cap = 2 * (b->len + n + 1);
	b->text = realloc(b->text, b->cap);
	ck_assert_ptr_nonnull(b->text);
}

static void insert(buf *b, size_t at, const char *s, size_t n) {
	reserve(b, n);
	memmove(b->text + at + n, b->text + at, b->len - at + 1);
	memcpy(b->text + at, s, n);
	b->len += n;
}

static size_t pick(gsl_rng *r, size_t n) { return n ? (size_t)gsl_rng_uniform_int(r, (unsigned long)n) : 0; }

/* One to three damages of the kinds a hand-edited or truncated file shows. */
static buf mutate(const buf *base, gsl_rng *r) {
	static const char bytes[] = "{}[]\":,0123456789-.eE ntfalsrue\\/\n\t\x01\xc3\xff";
	static const char *const values[] = {"1e309",     "-1",  "0",     "-99999999999999999999", "2147483648", "null",
					     "\"\"",      "[]",  "{}",    "\"\\u0000\"",           "1.5",        "true",
					     "\"99:99\"", "\"x\"", "-0.0", "\"2023-02-30\"",        "\"24:00\"",  "1e-400"};
	buf b = {malloc(base->len + 1), base->len, base->len + 1};
	ck_assert_ptr_nonnull(b.text);
	memcpy(b.text, base->text, base->len + 1);
	/* Mostly one damage, and mostly a value swapped, which leaves valid JSON for the checks
	 * behind the syntax to see. */
	for (int n = pick(r, 10) < 7 ? 1 : 2 + (int)pick(r, 2); n > 0 && b.len > 0; n--) {
		size_t at = pick(r, b.len), span = 1 + pick(r, 24);
		if (span > b.len - at)
			span = b.len - at;
		size_t kind = pick(r, 20);
		switch (kind < 9 ? 4 : kind < 12 ? 0 : kind < 14 ? 1 : kind < 16 ? 2 : kind < 17 ? 3 : 5) {
		case 0: /* one byte changed */
			b.text[at] = bytes[pick(r, sizeof bytes - 1)];
			break;
		case 1: /* a span cut out */
			memmove(b.text + at, b.text + at + span, b.len - at - span + 1);
			b.len -= span;
			break;
		case 2: { /* a span doubled */
			char *copy = malloc(span);
			ck_assert_ptr_nonnull(copy);
			memcpy(copy, b.text + at, span);
			insert(&b, at, copy, span);
			free(copy);
			break;
		}
		case 3: /* truncated */
			b.len = at;
			b.text[at] = 0;
			break;
		case 4: { /* a value replaced by an extreme or mistyped one */
			size_t v = at;
			while (v < b.len && b.text[v] != ':' && b.text[v] != ',')
				v++;
			if (v >= b.len)
				break;
			size_t end = v + 1;
			while (end < b.len && b.text[end] == ' ')
				end++;
			size_t stop = end;
			while (stop < b.len && !strchr(",}]\n", b.text[stop]))
				stop++;
			memmove(b.text + end, b.text + stop, b.len - stop + 1);
			b.len -= stop - end;
			const char *val = values[pick(r, sizeof values / sizeof *values)];
			insert(&b, end, val, strlen(val));
			break;
		}
		default: { /* a fragment of the file spliced in elsewhere */
			size_t from = pick(r, b.len), n2 = 1 + pick(r, 60);
			if (n2 > b.len - from)
				n2 = b.len - from;
			char *copy = malloc(n2);
			ck_assert_ptr_nonnull(copy);
			memcpy(copy, b.text + from, n2);
			insert(&b, at, copy, n2);
			free(copy);
		}
		}
	}
	return b;
}

static char *write_mutant(const buf *b, const char *suffix, int index) {
	const char *keep = getenv("IGS_MUTATE_KEEP");
	char *path;
	if (keep) {
		path = malloc(strlen(keep) + 64);
		ck_assert_ptr_nonnull(path);
		sprintf(path, "%s/mutant-%d%s", keep, index, suffix);
		FILE *f = fopen(path, "wb");
		ck_assert_ptr_nonnull(f);
		fwrite(b->text, 1, b->len, f);
		fclose(f);
		return path;
	}
	return tu_write_temp(b->text, suffix);
}

/* A rejection names the file and says what is wrong. */
static void check_rejection(const igs_diag *d, const char *path, const char *what, int index) {
	ck_assert_msg(igs_diag_count(d) > 0, "%s mutant %d: rejected without a message", what, index);
	for (int i = 0; i < igs_diag_count(d); i++) {
		const igs_msg *m = igs_diag_get(d, i);
		ck_assert_msg(m->message && m->message[0], "%s mutant %d: empty message", what, index);
		ck_assert_msg(m->file && strcmp(m->file, path) == 0, "%s mutant %d: message '%s' names file '%s'", what,
			      index, m->message, m->file ? m->file : "(null)");
	}
}

typedef struct {
	int read, rejected;
} tally;

/* Each kind of damage must make some mutants fail and leave some readable, or the test is not
 * testing what it claims. */
static void check_tally(const tally *t, const char *what) {
	printf("%s: %d mutants read, %d rejected\n", what, t->read, t->rejected);
	ck_assert_msg(t->rejected > MUTANTS / 10 && t->read > 0, "%s: %d read, %d rejected", what, t->read,
		      t->rejected);
}

static void solve_briefly(const igs_problem *p) {
	igs_options o;
	igs_options_init(&o);
	o.moves = 300;
	o.time_limit = 10;
	o.verbose = 0;
	o.solver = IGS_SOLVER_HEURISTIC;
	igs_diag *d = igs_diag_new();
	igs_schedule *s = NULL;
	int rc = igs_solve(&s, p, &o, d);
	ck_assert(rc == IGS_OK || rc == IGS_EINFEASIBLE);
	igs_schedule_free(s);
	igs_diag_free(d);
}

static const char *const problems[] = {"small.json", "dc-joint.json", "igf-2023.json", "tracks.json"};

START_TEST(test_problem_reader) {
	char base_path[1024];
	snprintf(base_path, sizeof base_path, EX "%s", problems[_i]);
	buf base = slurp(base_path);
	gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
	gsl_rng_set(r, 1000 + (unsigned long)_i);
	tally t = {0};
	int mutants = _i == 2 ? MUTANTS / 4 : MUTANTS; /* the large file: fewer, each costs more */
	for (int i = 0; i < mutants; i++) {
		buf m = mutate(&base, r);
		char *path = write_mutant(&m, ".json", i);
		igs_diag *d = igs_diag_new();
		igs_problem *p = NULL;
		int rc = igs_problem_load(&p, path, d);
		ck_assert_msg(rc == IGS_OK || rc == IGS_EINPUT, "%s mutant %d: status %d", problems[_i], i, rc);
		if (rc == IGS_OK) {
			t.read++;
			ck_assert_ptr_nonnull(p);
			if (_i == 0)
				solve_briefly(p);
		} else {
			t.rejected++;
			ck_assert_ptr_null(p);
			check_rejection(d, path, problems[_i], i);
		}
		igs_problem_free(p);
		igs_diag_free(d);
		if (!getenv("IGS_MUTATE_KEEP"))
			unlink(path);
		free(path);
		free(m.text);
	}
	check_tally(&t, problems[_i]);
	gsl_rng_free(r);
	free(base.text);
}
END_TEST

/* A schedule of small.json, written by the program itself, then damaged. */
START_TEST(test_schedule_reader) {
	igs_problem *p = tu_load_file(EX "small.json");
	char *sched = tu_schedule_file(p, 1000);
	buf base = slurp(sched);
	unlink(sched);
	free(sched);
	gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
	gsl_rng_set(r, 2000);
	tally t = {0};
	for (int i = 0; i < MUTANTS; i++) {
		buf m = mutate(&base, r);
		char *path = write_mutant(&m, ".json", i);
		igs_diag *d = igs_diag_new();
		igs_schedule *got = NULL;
		int rc = igs_schedule_load(&got, p, path, d);
		ck_assert_msg(rc == IGS_OK || rc == IGS_EINPUT, "schedule mutant %d: status %d", i, rc);
		if (rc == IGS_OK) {
			t.read++;
			igs_report_free(tu_eval(p, got)); /* whatever it holds, the evaluator must score it */
		} else {
			t.rejected++;
			check_rejection(d, path, "schedule", i);
		}
		igs_schedule_free(got);
		igs_diag_free(d);
		if (!getenv("IGS_MUTATE_KEEP"))
			unlink(path);
		free(path);
		free(m.text);
	}
	check_tally(&t, "schedule");
	gsl_rng_free(r);
	free(base.text);
	igs_problem_free(p);
}
END_TEST

/* import-cosplib of a mutant that reads: it imports, or says why with the mutant's (instance
 * or solution) file named, and writes nothing then. */
static void import_mutant(const char *inst, const char *sol, const char *named, int index) {
	char prob[] = "/tmp/igs-mutate-import-XXXXXX", sched[] = "/tmp/igs-mutate-import-XXXXXX";
	int fd = mkstemp(prob);
	ck_assert_int_ge(fd, 0);
	close(fd);
	ck_assert_int_ge(fd = mkstemp(sched), 0);
	close(fd);
	unlink(prob);
	unlink(sched);
	igs_diag *d = igs_diag_new();
	int rc = igs_cosplib_import(inst, prob, sol, sol ? sched : NULL, NULL, d);
	ck_assert_msg(rc == IGS_OK || rc == IGS_EINPUT, "import-cosplib mutant %d: status %d", index, rc);
	if (rc != IGS_OK) {
		check_rejection(d, named, "import-cosplib", index);
		ck_assert_msg(access(prob, F_OK) != 0 && access(sched, F_OK) != 0,
			      "import-cosplib mutant %d: a file written after an error", index);
	}
	unlink(prob);
	unlink(sched);
	igs_diag_free(d);
}

/* CoSPLib: the N2OR instance damaged (what reads is evaluated with an empty schedule, and
 * imported), then the published solution damaged against the intact instance (and imported
 * with it). */
START_TEST(test_cosplib_readers) {
	gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
	gsl_rng_set(r, 3000);
	char ip[4200], sp[4200];
	snprintf(ip, sizeof ip, "%sN2OR.json", tu_cosplib_dir());
	snprintf(sp, sizeof sp, "%ssolutions/N2OR.exact.json", tu_cosplib_dir());
	buf inst = slurp(ip), sol = slurp(sp);
	igs_cosplib *good = tu_cosplib_load(ip);
	tally ti = {0}, ts = {0};
	for (int i = 0; i < 2 * MUTANTS; i++) {
		bool on_instance = i < MUTANTS;
		buf m = mutate(on_instance ? &inst : &sol, r);
		char *path = write_mutant(&m, ".json", i);
		igs_diag *d = igs_diag_new();
		int rc;
		if (on_instance) {
			igs_cosplib *c = NULL;
			rc = igs_cosplib_load(&c, path, d);
			if (rc == IGS_OK) {
				igs_cosplib_solution *empty = NULL;
				igs_cosplib_report rep;
				ck_assert_int_eq(igs_cosplib_solution_new(&empty, c), IGS_OK);
				ck_assert_int_eq(igs_cosplib_evaluate(&rep, c, empty), IGS_OK);
				igs_cosplib_solution_free(empty);
				import_mutant(path, NULL, path, i);
			}
			igs_cosplib_free(c);
		} else {
			igs_cosplib_solution *s = NULL;
			rc = igs_cosplib_solution_load(&s, good, path, d);
			if (rc == IGS_OK) {
				igs_cosplib_report rep;
				ck_assert_int_eq(igs_cosplib_evaluate(&rep, good, s), IGS_OK);
				import_mutant(ip, path, path, i);
			}
			igs_cosplib_solution_free(s);
		}
		ck_assert_msg(rc == IGS_OK || rc == IGS_EINPUT, "CoSPLib mutant %d: status %d", i, rc);
		tally *t = on_instance ? &ti : &ts;
		if (rc == IGS_OK) {
			t->read++;
		} else {
			t->rejected++;
			check_rejection(d, path, on_instance ? "CoSPLib instance" : "CoSPLib solution", i);
		}
		igs_diag_free(d);
		if (!getenv("IGS_MUTATE_KEEP"))
			unlink(path);
		free(path);
		free(m.text);
	}
	check_tally(&ti, "CoSPLib instance");
	check_tally(&ts, "CoSPLib solution");
	igs_cosplib_free(good);
	gsl_rng_free(r);
	free(inst.text);
	free(sol.text);
}
END_TEST

/* The spreadsheet importer: the CSV damaged; nothing is written unless the result loads. */
START_TEST(test_csv_import) {
	gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
	gsl_rng_set(r, 4000);
	buf base = slurp(EX "spreadsheet/sessions-small.csv");
	tally t = {0};
	for (int i = 0; i < MUTANTS; i++) {
		buf m = mutate(&base, r);
		char *path = write_mutant(&m, ".csv", i);
		char *out = tu_write_temp("", ".json");
		unlink(out);
		igs_diag *d = igs_diag_new();
		int n = 0, rc = igs_import_csv(path, EX "spreadsheet/venue-small.json", out, &n, d);
		ck_assert_msg(rc == IGS_OK || rc == IGS_EINPUT, "CSV mutant %d: status %d", i, rc);
		if (rc == IGS_OK) {
			t.read++;
			igs_problem_free(tu_load_file(out)); /* what it writes, it must be able to read */
			unlink(out);
		} else {
			t.rejected++;
			ck_assert_msg(access(out, F_OK) != 0, "CSV mutant %d: rejected but %s was written", i, out);
			ck_assert_msg(igs_diag_count(d) > 0, "CSV mutant %d: rejected without a message", i);
		}
		igs_diag_free(d);
		if (!getenv("IGS_MUTATE_KEEP"))
			unlink(path);
		free(path);
		free(out);
		free(m.text);
	}
	check_tally(&t, "CSV");
	gsl_rng_free(r);
	free(base.text);
}
END_TEST

/* The side files users write by hand: group wishes, duplicate merges, a published schedule
 * as the revision reference. Each is damaged and handed to its command's function. */
enum { WISHES, MERGES, REFERENCE };

static int side_call(int which, const char *path, igs_problem *p, const char *out, igs_diag *d) {
	if (which == WISHES) {
		igs_group_options g = {.k = 10, .min_size = 1, .max_size = 6, .seed = 1, .wishes = path};
		igs_grouping *grouping = NULL;
		int rc = igs_group_find(&grouping, p, &g, d);
		igs_grouping_free(grouping);
		return rc == IGS_EINFEASIBLE ? IGS_EINPUT : rc; /* wishes that cannot all be kept */
	}
	if (which == MERGES) {
		int rc = igs_duplicates_merge(p, path, out, NULL, d);
		if (rc == IGS_OK)
			igs_problem_free(tu_load_file(out)); /* what it writes, it must be able to read */
		unlink(out);
		return rc;
	}
	return igs_problem_set_reference(p, path, d);
}

START_TEST(test_side_files) {
	static const char *const problem[] = {EX "dc-individual.json", EX "dc-joint.json", EX "small.json"};
	static const char *const names[] = {"wishes", "merges", "reference"};
	char merges[] = "[[\"ws-002\", \"ws-003\"], [\"ws-018\", \"ws-008\"]]\n";
	buf base;
	if (_i == WISHES) {
		base = slurp(EX "wishes/dc-wishes.json");
	} else if (_i == MERGES) {
		base = (buf){strdup(merges), strlen(merges), strlen(merges) + 1};
	} else {
		igs_problem *p = tu_load_file(EX "small.json");
		char *sched = tu_schedule_file(p, 1000);
		igs_problem_free(p);
		base = slurp(sched);
		unlink(sched);
		free(sched);
	}
	ck_assert_ptr_nonnull(base.text);
	gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
	gsl_rng_set(r, 5000 + (unsigned long)_i);
	igs_problem *shared = _i == REFERENCE ? NULL : tu_load_file(problem[_i]);
	char *out = tu_write_temp("", ".json");
	unlink(out);
	tally t = {0};
	int mutants = _i == WISHES ? MUTANTS / 5 : MUTANTS; /* each grouping searches: fewer */
	for (int i = 0; i < mutants; i++) {
		buf m = mutate(&base, r);
		char *path = write_mutant(&m, ".json", i);
		/* A reference is set once per problem: a fresh one each time. */
		igs_problem *p = shared ? shared : tu_load_file(problem[_i]);
		igs_diag *d = igs_diag_new();
		int rc = side_call(_i, path, p, out, d);
		ck_assert_msg(rc == IGS_OK || rc == IGS_EINPUT, "%s mutant %d: status %d", names[_i], i, rc);
		if (rc == IGS_OK) {
			t.read++;
		} else {
			t.rejected++;
			ck_assert_msg(igs_diag_count(d) > 0, "%s mutant %d: rejected without a message", names[_i], i);
			ck_assert_msg(access(out, F_OK) != 0, "%s mutant %d: rejected but %s was written", names[_i], i, out);
		}
		if (!shared)
			igs_problem_free(p);
		igs_diag_free(d);
		if (!getenv("IGS_MUTATE_KEEP"))
			unlink(path);
		free(path);
		free(m.text);
	}
	printf("%s: %d mutants read, %d rejected\n", names[_i], t.read, t.rejected);
	ck_assert_msg(t.read > 0 && t.rejected > 0, "%s: %d read, %d rejected", names[_i], t.read, t.rejected);
	igs_problem_free(shared);
	free(out);
	gsl_rng_free(r);
	free(base.text);
}
END_TEST

static Suite *suite(void) {
	Suite *s = suite_create("mutate");
	TCase *tc = tcase_create("mutate");
	tcase_set_timeout(tc, 300);
	tcase_add_loop_test(tc, test_problem_reader, 0, (int)(sizeof problems / sizeof *problems));
	tcase_add_test(tc, test_schedule_reader);
	if (tu_cosplib_present("test_mutate", "test_cosplib_readers"))
		tcase_add_test(tc, test_cosplib_readers);
	tcase_add_test(tc, test_csv_import);
	tcase_add_loop_test(tc, test_side_files, WISHES, REFERENCE + 1);
	suite_add_tcase(s, tc);
	return s;
}

int main(void) {
	return tu_run_suite(suite());
}
