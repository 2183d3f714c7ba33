/* Shared test helpers: problems from JSON text, and running the CLI. */
#ifndef IGS_TESTS_TESTUTIL_H
#define IGS_TESTS_TESTUTIL_H

#include <check.h>

#include "cosplib/instance.h"
#include "igfsched.h"
#include "model/problem.h"
#include "model/schedule.h"
#include "solver/evaluate.h"

/* Writes text to a fresh temporary file and returns its path (caller frees and unlinks). */
char *tu_write_temp(const char *text, const char *suffix);
/* Loads a problem from JSON text; returns the status, fills *p (or NULL) and d. */
int tu_load_text(igs_problem **p, igs_diag *d, const char *json);
/* Loads a problem that must be valid: on an error, prints the text and the messages and fails. */
igs_problem *tu_load_ok(const char *json);
/* Solves p with o, which must return 'want' (IGS_OK, IGS_EINFEASIBLE) and a schedule; on
 * another status, prints the messages and fails. The diag goes to *keep (caller frees), or
 * is freed when keep is NULL. */
igs_schedule *tu_solve(const igs_problem *p, const igs_options *o, int want, igs_diag **keep);
/* True when some message of d has exactly this 'where' and contains 'needle'. */
int tu_diag_has(const igs_diag *d, const char *where, const char *needle);
/* Prints every message (for failing tests). */
void tu_diag_dump(const igs_diag *d);
/* Runs a shell command line; returns its exit status, captures stdout+stderr into *out
 * (caller frees). */
int tu_run(const char *cmdline, char **out);
/* A minimal valid problem: 2 days, 3 rooms, themes a/b, with SESSIONS spliced in
 * (a JSON array body) and EXTRA top-level members (may be ""). Caller frees. */
char *tu_problem(const char *sessions, const char *extra);
/* Loads a problem file, failing the test (with every message printed) if it is invalid. */
igs_problem *tu_load_file(const char *path);
/* p solved with a budget of moves and written as a JSON schedule to a fresh temporary file;
 * returns its path (caller unlinks and frees). */
char *tu_schedule_file(const igs_problem *p, long moves);
/* A CoSPLib instance that must load (its problems are printed if not). */
igs_cosplib *tu_cosplib_load(const char *path);
/* The third-party CoSPLib data set's folder, with a trailing '/': $IGS_SHARED_DATA/cosplib/,
 * else the project root's ../shared/data/cosplib/ (IGS_SHARED_DATA_DEFAULT, from CMake). */
const char *tu_cosplib_dir(void);
/* tu_cosplib_load of a file of that folder ("N2OR.json", "solutions/N2OR.exact.json"). */
igs_cosplib *tu_cosplib_load_data(const char *file);
/* True when that folder exists; else says on standard error that who skips what, and why. */
bool tu_cosplib_present(const char *who, const char *what);
/* text with the first occurrence of 'from' replaced by 'to', failing the test when 'from' is
 * not there (caller frees). */
char *tu_replace(const char *text, const char *from, const char *to);
/* A growable text buffer for building problem files in tests. */
typedef struct {
	char *s;
	size_t len, cap;
} tu_buf;
/* Appends printf-style text to b. */
void tu_put(tu_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Evaluates s, failing the test if evaluation itself fails. Caller frees. */
igs_report *tu_eval(const igs_problem *p, const igs_schedule *s);
/* Prints every violation of r (for failing tests). */
void tu_dump_violations(const igs_report *r);
/* Fails the test, printing the violations, unless r has no hard violation. */
void tu_expect_no_hard(const igs_report *r);
/* Runs a Check suite and returns the process exit code. */
int tu_run_suite(Suite *s);

#endif
