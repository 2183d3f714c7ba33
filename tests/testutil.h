/* Shared test helpers: problems from JSON text, running the CLI, and running the exact solver. */
#ifndef IGS_TESTS_TESTUTIL_H
#define IGS_TESTS_TESTUTIL_H

#include <check.h>

#include "cosplib/instance.h"
#include "igfsched.h"
#include "model/problem.h"
#include "model/schedule.h"
#include "solver/mip.h"
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
/* tu_problem(sessions, extra) loaded, which must be valid. */
igs_problem *tu_load_sessions(const char *sessions, const char *extra);
/* Two 90-minute sessions of theme a and no other weighted term that they must pay: a schedule
 * that parts them scores 0, one that runs them side by side pays one clash. */
igs_problem *tu_load_zero_reachable(void);
/* Default options, quiet, with a budget of moves. */
void tu_quiet_options(igs_options *o, long moves);
/* For tu_problem: 3 rooms × 6 slots = 18 places for 90-minute sessions; 2 required + 20
 * optional sessions (8 of priority 3, 6 of priority 2, 6 of priority 1), nothing else to
 * trade: the best schedule leaves out 4 of the 6 priority-1 sessions and scores
 * 4 × 100 × 1 = 400. With stakeholders, the six of priority 1 come from two groups, three
 * each. Caller frees. */
char *tu_oversubscribed_sessions(bool stakeholders);
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
/* The C library's example LCG: 15 random bits a step from the state *x, the same on every
 * platform (the generated instances of the tests must not depend on the C library's rand). */
unsigned tu_lcg(unsigned *x);
/* The minimum score over every feasible schedule of a small problem (INFINITY when there is
 * none), by enumeration; a branch is cut only where the evaluator would report a hard violation
 * (igs_place_unary, igs_place_pair). With 'raw', nothing is cut: every session tries every
 * (time, room) and "left out" and the evaluator alone judges (to check the pruned enumeration).
 * leaves, best_t and best_r (n_sessions each) may be NULL. */
double tu_brute_force(const igs_problem *p, bool raw, long *leaves, int *best_t, int *best_r);
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

/* ---- the exact solver (the MIP tests) ---- */
/* The evaluator's score less the terms the model leaves out (docs/SOLVERS.md): what its
 * objective equals when it says exact. */
double tu_modelled(const igs_report *r);
/* A one-day or two-day meeting with the given days, rooms, sessions and extra top-level
 * members (may be ""), with themes a and b, people p1 and p2 and group g1. */
igs_problem *tu_mini(const char *days, const char *rooms, const char *sessions, const char *extra);
/* Quiet options for the exact solver: 20 seconds, gap 0. */
void tu_mip_options(igs_options *o);
/* Prints every session's placement, or its reason when left out (for failing tests). */
void tu_dump_schedule(const igs_problem *p, const igs_schedule *s);
/* The greedy's schedule of p, which must be feasible or infeasible (caller frees). */
igs_schedule *tu_greedy_of(const igs_problem *p);
/* igs_mip_solve into a fresh schedule; the status in *rc. */
igs_schedule *tu_mip_run(const igs_problem *p, const igs_schedule *start, const igs_options *o, igs_mip_stats *st,
			 int *rc);
/* Exact solve of a feasible instance, checked for hard feasibility; the caller frees. */
igs_schedule *tu_exact_feasible(const igs_problem *p, igs_mip_stats *st);
/* The exact solver from the greedy's start and from nothing; each schedule without hard
 * violations, handed to check(). Frees p. */
void tu_both_starts(igs_problem *p, void (*check)(const igs_problem *, const igs_schedule *, double));
/* The index of session 'id', failing the test when there is none. */
int tu_sid(const igs_problem *p, const char *id);

#endif
