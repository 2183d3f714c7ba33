/* igfsched public API: load a meeting, solve it, score any schedule.
 *
 * Conventions: every name starts with igs_; handles are opaque with _new/_free (or
 * _load/_free) pairs; functions return 0 or a negative igs_status, and put every
 * problem found, with its file and JSON path or CSV line, into an igs_diag. */
#ifndef IGFSCHED_H
#define IGFSCHED_H

#include <stdarg.h>
#include <stdbool.h>
#include <stdatomic.h>
#include <stdio.h>

#define IGS_VERSION "0.1.0"

typedef enum {
	IGS_OK = 0,
	IGS_EINPUT = -1,      /* the input is malformed or inconsistent */
	IGS_ENOMEM = -2,      /* allocation failed */
	IGS_EIO = -3,         /* a file could not be read or written */
	IGS_EINFEASIBLE = -4, /* no schedule satisfies the hard constraints */
	IGS_EUSAGE = -5,      /* a caller passed arguments that make no sense */
	IGS_ESOLVER = -6      /* an internal solver failure, e.g. GLPK returning an unexpected error */
} igs_status;

/* ---- diagnostics: every message carries where it comes from ---- */

typedef struct {
	char *file;    /* input file name, or "" */
	char *where;   /* JSON path ("sessions[12].duration") or "line 7, column 3"; may be "" */
	char *message; /* what is wrong and how to fix it */
} igs_msg;

typedef struct igs_diag igs_diag;

igs_diag *igs_diag_new(void);
void igs_diag_free(igs_diag *d);
int igs_diag_count(const igs_diag *d);
const igs_msg *igs_diag_get(const igs_diag *d, int i);
/* Adds one message; returns IGS_EINPUT so callers can 'return igs_diag_add(...)'. */
int igs_diag_add(igs_diag *d, const char *file, const char *where, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
/* The same with a va_list: a reader's own error function stays two lines. */
int igs_diag_addv(igs_diag *d, const char *file, const char *where, const char *fmt, va_list ap)
	__attribute__((format(printf, 4, 0)));
/* Prints "file: where: message" lines. */
void igs_diag_print(const igs_diag *d, FILE *out);

/* ---- weights of the soft terms: X(field, json name, default, mip, help) ---- */

/* How the exact solver's MIP models a soft term: the mip column of IGS_WEIGHTS. docs/SOLVERS.md
 * gives each term's rows and the conditions under which a bounded one is exact. */
typedef enum {
	IGS_MIP_EXACT, /* the model charges what the evaluator charges */
	IGS_MIP_BOUND, /* exact under the documented conditions, else bounded from below */
	IGS_MIP_NONE   /* not modelled: the model's objective and bound leave it out */
} igs_mip_treatment;

#define IGS_WEIGHTS(X)                                                                              \
	X(theme_clash, "theme_clash", 10.0, IGS_MIP_BOUND, "per pair of overlapping sessions, per shared theme") \
	X(tag_clash, "tag_clash", 2.0, IGS_MIP_BOUND, "per pair of overlapping sessions, per shared topic tag") \
	X(similarity_clash, "similarity_clash", 10.0, IGS_MIP_BOUND,                                \
	  "per pair of overlapping sessions, times the summed similarity of their distinct themes") \
	X(duplicate_clash, "duplicate_clash", 20.0, IGS_MIP_EXACT,                                  \
	  "per pair of overlapping near-duplicate proposals, times their similarity")               \
	X(theme_spread, "theme_spread", 1.0, IGS_MIP_BOUND, "per session of a theme beyond its fair share of a day") \
	X(type_spread, "type_spread", 20.0, IGS_MIP_BOUND,                                          \
	  "per session of a spread_days type (main) beyond its fair share of a day")                \
	X(capacity_over, "capacity_over", 0.05, IGS_MIP_EXACT, "per expected attendee beyond room capacity") \
	X(capacity_waste, "capacity_waste", 0.002, IGS_MIP_EXACT, "per seat beyond twice the expected attendance") \
	X(preference, "preference", 5.0, IGS_MIP_EXACT, "per unmet preference, times its weight")   \
	X(remote_hours, "remote_hours", 5.0, IGS_MIP_EXACT,                                         \
	  "per remote person per session outside their local hours")                                \
	X(unscheduled, "unscheduled", 100.0, IGS_MIP_EXACT, "per optional session left out, times its priority") \
	X(fairness, "fairness", 50.0, IGS_MIP_EXACT,                                                \
	  "per unit of Σ left_out² / proposed over stakeholder groups and regions (optional sessions)") \
	X(change_day, "change_day", 10.0, IGS_MIP_EXACT,                                            \
	  "with --reference: per person of a session moved to another day or left out")             \
	X(change_time, "change_time", 4.0, IGS_MIP_EXACT,                                           \
	  "with --reference: per person of a session moved to another time the same day")           \
	X(change_room, "change_room", 1.0, IGS_MIP_EXACT, "with --reference: per person of a session moved to another room") \
	X(attendee_clash, "attendee_clash", 1.0, IGS_MIP_BOUND,                                     \
	  "per pair of overlapping sessions, per person who wants to attend one and is in the other") \
	X(person_slot, "person_slot", 0.0, IGS_MIP_NONE,                                            \
	  "per person taking part in two sessions that start in one slot of a day in different rooms") \
	X(attendee_slot, "attendee_slot", 0.0, IGS_MIP_NONE,                                        \
	  "per attendee of two sessions that start in one slot of a day in different rooms")        \
	X(room_stability, "room_stability", 0.0, IGS_MIP_NONE,                                      \
	  "per extra room a theme uses on one day (track hopping)")                                 \
	X(order, "order", 0.0, IGS_MIP_NONE, "per pair of a theme's ordered sessions run out of order") \
	X(track_breaks, "track_breaks", 0.0, IGS_MIP_NONE,                                          \
	  "per break in the run of slots a track (first theme) starts sessions in: slots 1, 2, 4, 7 make two")

/* The largest weight the problem file's "weights" and --weight accept: far above any
 * meaningful weight, and small enough that no score can overflow a double. */
#define IGS_WEIGHT_MAX 1e12

typedef struct {
#define IGS_W_FIELD(f, n, d, m, h) double f;
	IGS_WEIGHTS(IGS_W_FIELD)
#undef IGS_W_FIELD
} igs_weights;

void igs_weights_init(igs_weights *w);

/* The json names of the terms the MIP leaves out (IGS_MIP_NONE), in table order, as the
 * initialisers of a string array: static const char *const names[] = {IGS_MIP_LEFT_OUT}; */
#define IGS_MIP_LEFT_OUT IGS_WEIGHTS(IGS_W_MIP_LEFT_OUT_)
#define IGS_W_MIP_LEFT_OUT_(f, n, d, m, h) IGS_W_MIP_LEFT_OUT_##m(n)
#define IGS_W_MIP_LEFT_OUT_IGS_MIP_EXACT(n)
#define IGS_W_MIP_LEFT_OUT_IGS_MIP_BOUND(n)
#define IGS_W_MIP_LEFT_OUT_IGS_MIP_NONE(n) n,

/* ---- options: X(type, name, default, min, max, help); one struct from CLI to solver ---- */

#define IGS_OPTIONS(X)                                                                             \
	X(double, time_limit, 60.0, 0.0, 1e7, "wall-clock limit in seconds from the start, loading included; without --moves the search spends it; 0: the constructive start only")           \
	X(long, seed, 1, 0, 2147483647L, "seed of every random stream")                              \
	X(long, moves, 2000000, 0, 1000000000000L, "local-search moves per search (deterministic effort; 0 = no local search)") \
	X(int, threads, 1, 1, 256, "parallel searches, the best returned (docs/SOLVERS.md, Threads)") \
	X(double, gap, 0.0, 0.0, 1.0, "exact solver: stop once (score - bound) / score is at most this (0.01 = 1 %)") \
	X(long, exact_max_nonzeros, 500000, 0, 1000000000L, "--solver auto: skip the MIP when its matrix has more nonzeros") \
	X(long, submip, 0, 0, 1000000000L, "--solver auto: sub-MIPs of freed neighbourhoods after the local search, each within counted work (0: none; with --time-limit and no --moves, any N: they fill the time the search leaves)") \
	X(double, bound_time, 0.0, 0.0, 1e7, "seconds for the decomposition lower bound after the solve, on top of the time limit (0: none)") \
	X(int, verbose, 1, 0, 3, "0 quiet, 1 summary and progress, 2 more progress, 3 solver logs")

/* Which solvers the pipeline runs; see igs_solve. */
typedef enum {
	IGS_SOLVER_AUTO,      /* heuristic, then the exact MIP from its incumbent */
	IGS_SOLVER_HEURISTIC, /* constructive start, then local search */
	IGS_SOLVER_EXACT      /* constructive start as the MIP's incumbent, then the MIP alone */
} igs_solver_kind;

/* What ends the local search; see igs_solve. */
typedef enum {
	IGS_EFFORT_MOVES, /* options.moves moves per search: the same input, seed, moves and threads give
			   * the same schedule on any machine while the time limit is not reached */
	IGS_EFFORT_TIME   /* the whole time limit: the cooling follows the clock, the result depends on
			   * the machine's speed (the CLI's choice when --time-limit is given without --moves) */
} igs_effort;

typedef struct {
#define IGS_O_FIELD(t, n, d, lo, hi, h) t n;
	IGS_OPTIONS(IGS_O_FIELD)
#undef IGS_O_FIELD
	/* Weight overrides from the command line; NaN means "as the problem file says". */
	igs_weights weights;
	igs_solver_kind solver;
	igs_effort effort;
	/* Set to non-zero (from a signal handler, or another thread) to stop the solvers early:
	 * they return the best schedule found so far. NULL: never interrupted. An atomic, not a
	 * volatile sig_atomic_t, because solver threads read it: C11 lets a handler store to a
	 * lock-free atomic and makes the reads in other threads well defined. */
	const atomic_int *interrupt;
	/* Progress on a terminal: one line rewritten in place (carriage return) instead of a
	 * line a second. The CLI sets it when standard error is a terminal. */
	bool live_progress;
} igs_options;

void igs_options_init(igs_options *o);
/* 0 when every option is within its IGS_OPTIONS range, every weight override is NaN or from 0
 * to IGS_WEIGHT_MAX, and the solver kind is one of igs_solver_kind; otherwise IGS_EUSAGE, with
 * one message per bad option in d located as "options.NAME" (o NULL: "options"). igs_solve
 * checks this on entry; the CLI checks it before running anything. */
int igs_options_validate(const igs_options *o, igs_diag *d);

/* ---- problem ---- */

typedef struct igs_problem igs_problem;

/* Loads and validates a problem file; on failure *out is NULL and d holds every problem
 * found (not only the first). */
int igs_problem_load(igs_problem **out, const char *path, igs_diag *d);
/* The same, with progress of a long load (a line a second on stderr) at verbose 1 or more. */
int igs_problem_load_verbose(igs_problem **out, const char *path, int verbose, igs_diag *d);
/* The same, the near-duplicate pair search that ends a load stopping once time_limit seconds
 * have passed since the call (0: no limit). Reading and checking the file are never cut; a
 * search that stopped keeps the links it found, and igs_problem_load_warning says so. */
int igs_problem_load_limited(igs_problem **out, const char *path, int verbose, double time_limit, igs_diag *d);
/* Whether the load of p left something out (the pair search stopped at its time limit); if
 * so, says what in buf (n bytes). */
bool igs_problem_load_warning(const igs_problem *p, char *buf, size_t n);
void igs_problem_free(igs_problem *p);
/* What makes a loaded problem infeasible before any search, though its file is valid: the
 * required sessions' demand beyond the rooms' hours (overall, and on pre-event days), and
 * required sessions pinned into a clash. IGS_EINFEASIBLE with one message each in d, else
 * IGS_OK. 'check' reports them (exit 1); a solver still writes a schedule, which lists the
 * sessions left out and why. */
int igs_problem_feasibility(const igs_problem *p, igs_diag *d);
/* Applies the options' weight overrides to the problem. */
void igs_problem_apply_options(igs_problem *p, const igs_options *o);
/* One-paragraph human summary (days, rooms, sessions, demand versus capacity). */
void igs_problem_describe(const igs_problem *p, FILE *out);
/* Reads a published schedule as the reference of a revision: the change_day, change_time and
 * change_room terms then charge every session placed away from it. Sessions, days and rooms
 * of the reference that the problem no longer has are not errors (they were cancelled or fell
 * out); a malformed file is, with its JSON path. */
int igs_problem_set_reference(igs_problem *p, const char *path, igs_diag *d);

/* ---- schedule ---- */

typedef struct igs_schedule igs_schedule;

igs_schedule *igs_schedule_new(const igs_problem *p);
void igs_schedule_free(igs_schedule *s);
/* Reads a schedule JSON file written by igfsched or by hand (a past programme). */
int igs_schedule_load(igs_schedule **out, const igs_problem *p, const char *path, igs_diag *d);
/* The lower bound a solver proved for the schedule's problem and the gap (score - bound) /
 * score, both NaN without one; true when the solver stopped on its proof: the gap closed, or
 * within the --gap asked for. */
bool igs_schedule_bound(double *bound, double *gap, const igs_schedule *s);

/* ---- evaluation: the single source of truth for feasibility and score ---- */

typedef struct igs_report igs_report;

int igs_evaluate(igs_report **out, const igs_problem *p, const igs_schedule *s);
void igs_report_free(igs_report *r);
int igs_report_hard_count(const igs_report *r);
double igs_report_score(const igs_report *r);
void igs_report_print(const igs_report *r, const igs_problem *p, FILE *out);
int igs_report_write_json(const igs_report *r, const igs_problem *p, FILE *out);

/* ---- solving ---- */

/* Runs the solver pipeline; *out always receives a schedule (possibly partial) unless
 * allocation fails (IGS_ENOMEM), GLPK does (IGS_ESOLVER) or the arguments are bad: NULL out,
 * p or o, or options igs_options_validate rejects (IGS_EUSAGE, said in d). Returns
 * IGS_EINFEASIBLE when a non-optional session stays unplaced. */
int igs_solve(igs_schedule **out, const igs_problem *p, const igs_options *o, igs_diag *d);

/* Scenarios (solver/duplicates.c, docs/SCENARIOS.md): near-duplicate proposals and a
 * side-by-side comparison of solved problems. */

/* Default similarity threshold of 'igfsched duplicates' and of compare's duplicate count. */
#define IGS_DUP_THRESHOLD 0.6

typedef struct igs_dups igs_dups;

/* Every pair of sessions whose similarity is at least threshold (0 < threshold <= 1),
 * ranked, and the clusters (connected components) they form. */
int igs_duplicates_find(igs_dups **out, const igs_problem *p, double threshold, igs_diag *d);
void igs_dups_free(igs_dups *x);
int igs_dups_pair_count(const igs_dups *x);
int igs_dups_cluster_count(const igs_dups *x);
/* The first 'top' pairs and clusters (top <= 0: all), as text or as one JSON object. */
int igs_dups_print(const igs_dups *x, int top, FILE *out);
int igs_dups_write_json(const igs_dups *x, int top, FILE *out);

/* Writes a copy of the file p was loaded from in which each group of merges_path (a JSON
 * list of lists of session ids) becomes one session, atomically to out_path; the input is
 * never modified. Every id is checked first and the result must load as a problem: on any
 * error nothing is written. *n_sessions (may be NULL) receives the new session count. */
int igs_duplicates_merge(const igs_problem *p, const char *merges_path, const char *out_path, int *n_sessions,
			 igs_diag *d);

/* One column of 'igfsched compare': a solved scenario measured. */
typedef struct {
	int scheduled, unscheduled;
	double room_hours;           /* sum of the scheduled sessions' durations */
	double room_hours_available; /* slot time of every day times the rooms */
	double dup_threshold;        /* the problem's meeting.duplicate_threshold */
	int duplicate_pairs;         /* overlapping scheduled pairs with similarity >= dup_threshold */
	int clash_pairs;             /* overlapping pairs sharing a theme or tag (the report's) */
	double worst_share, mean_share; /* per-theme attendable share (the report's) */
	int hard_violations;
	double score, seconds;
	double gap;      /* (score - bound) / score; NaN without a bound */
	char status[32]; /* the solver's status: optimal, feasible, time limit, … */
} igs_scenario;

int igs_scenario_measure(igs_scenario *out, const igs_problem *p, const igs_schedule *s);
/* One column per scenario (names[i] heads column i), one row per measure. */
void igs_scenarios_print(const igs_scenario *v, const char *const *names, int n, FILE *out);
int igs_scenarios_write_json(const igs_scenario *v, const char *const *names, const char *const *files, int n,
			     FILE *out);

/* ---- output ---- */

typedef enum {
	IGS_FMT_JSON,
	IGS_FMT_CSV,
	IGS_FMT_TEXT,
	IGS_FMT_ICS,
	IGS_FMT_HTML,
	IGS_FMT_FRAB,      /* frab schedule.xml */
	IGS_FMT_FRAB_JSON, /* frab schedule.json */
	IGS_FMT_COSPLIB    /* cosplib-solution/1, for problems with named slots (docs/COSPLIB.md): the
			    * CoSPLib engine writes it (cosplib/write.h), igs_schedule_write refuses it */
} igs_format;

/* ---- joint Dynamic Coalition sessions: igfsched group ---- */

typedef struct igs_grouping igs_grouping;

typedef struct {
	int k;              /* joint sessions to form */
	int min_size, max_size; /* coalitions per joint session */
	const char *kind;   /* groups of this kind take part (NULL: "dc") */
	const char *wishes; /* wishes file, or NULL (docs/SCENARIOS.md) */
	long seed;          /* of the local search, when the exhaustive search is too large */
	int exhaustive_max; /* prove by enumeration up to this many units: 0 = 12, -1 = never */
} igs_group_options;

/* Forms the k joint sessions: every participating group in exactly one, or left out by a
 * wish; sizes within bounds; "with" / "not_with" wishes kept; the sum of within-session topic
 * similarities as large as found (proven optimal up to 12 units). IGS_EINPUT for bad wishes or
 * impossible bounds, IGS_EINFEASIBLE when no grouping keeps them all, each said in d. */
int igs_group_find(igs_grouping **out, const igs_problem *p, const igs_group_options *o, igs_diag *d);
void igs_grouping_free(igs_grouping *g);
int igs_grouping_print(const igs_grouping *g, FILE *out);
int igs_grouping_write_json(const igs_grouping *g, FILE *out);
/* The problem file with one dc_joint session per group added (and, with replace, the grouped
 * coalitions' own dc_session sessions removed), written atomically once it loads. */
int igs_grouping_write_problem(const igs_grouping *g, const char *out_path, int duration, bool replace, igs_diag *d);

/* Spreadsheet input: CSV proposals (one row per session; columns named in the header, see
 * docs/FORMAT.md) and a venue file (a problem file whose sessions, if any, are kept) become a
 * problem file at out_path, written only when it loads. Every bad row and cell is reported
 * with its line and column. *n_sessions (may be NULL) gets the sessions written. */
int igs_import_csv(const char *csv_path, const char *venue_path, const char *out_path, int *n_sessions,
		   igs_diag *d);
/* igs_import_csv with cells separated by delimiter (';', a tab, …) instead of ','. */
int igs_import_csv_delimited(const char *csv_path, const char *venue_path, const char *out_path, char delimiter,
			     int *n_sessions, igs_diag *d);

/* frab / Pentabarf / pretalx input (docs/IMPORT.md): a published schedule.xml or schedule.json
 * becomes a problem file (a frab event is a session, its track a theme, its type the session
 * type, its persons people) and, with real_schedule, the schedule that really ran. */
typedef struct {
	const char *real_schedule; /* also write the programme as published here, or NULL */
	bool thematic_rooms;       /* meeting.thematic_rooms, slots cut where a room changes track */
	bool used_hours;           /* rooms open only in the hours the programme used (else all day on the days used) */
	const char *plenary_rooms; /* "NAME;NAME": rooms with the plenary feature, which their events need */
	const char *capacities;    /* "NAME=SEATS;…", or NULL (capacity unknown) */
	int max_duration;          /* minutes; longer events are left out as absurd (0: 720) */
	int timeslot;              /* the start grid in minutes (0: the file's timeslot_duration, else 5) */
} igs_frab_import_options;

/* What an import read and did; every event left out and every flaw is also a warning in d. */
typedef struct {
	int events, kept;                                    /* read; in the problem */
	int cancelled, bad_duration, bad_time, duplicates;   /* left out */
	int room_overlaps, person_clashes, no_persons, one_day_rooms, duplicate_ids; /* kept, warned */
	int days, rooms, themes, people, slot_minutes, clock_shift; /* clock_shift: minutes, days past midnight */
	int real_hard; /* hard violations of the real schedule (the data's own), with real_schedule */
} igs_frab_import_stats;

/* Reads path (XML, or JSON when its first character is '{'), writes the problem to out_path
 * once it loads, and the real schedule beside it; nothing is written on an error. Warnings
 * ("warning: …") go to d and leave IGS_OK. IGS_EINPUT, IGS_EIO or IGS_ENOMEM otherwise. */
int igs_import_frab(igs_frab_import_stats *st, const char *path, const char *out_path, const igs_frab_import_options *o,
		    igs_diag *d);

/* With a reference (igs_problem_set_reference): the list of changes, one line per session
 * moved, left out or new (from, to, people to notify) and per cancelled one. Prints nothing
 * without a reference. The JSON schedule carries the same list under "changes". */
int igs_changes_print(const igs_schedule *s, FILE *out);

/* Refuses an output that is one of the inputs, the same regular file by device and inode
 * whatever names reach it: IGS_EUSAGE with the message in d. "-", NULL and a path that does not
 * exist yet are no input; NULL inputs are skipped. Every command checks its outputs with it. */
int igs_output_check(const char *out, const char *const *inputs, int n_inputs, igs_diag *d);

/* Writes the schedule with its evaluation, atomically (temporary file + rename);
 * path "-" writes to standard output. IGS_EUSAGE for IGS_FMT_COSPLIB. */
int igs_schedule_write(const igs_schedule *s, const igs_report *r, igs_format f, const char *path,
		       igs_diag *d);

/* Writes an evaluation report alone, atomically: text (as igs_report_print) or JSON (as
 * igs_report_write_json, f = IGS_FMT_JSON); path "-" writes to standard output. */
int igs_report_write(const igs_report *r, const igs_problem *p, igs_format f, const char *path, igs_diag *d);

#endif
