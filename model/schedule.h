/* A schedule: for every session of a problem, its placement or the reason it has none. */
#ifndef IGS_MODEL_SCHEDULE_H
#define IGS_MODEL_SCHEDULE_H

#include "model/problem.h"

/* The soft terms by their row in IGS_WEIGHTS: IGS_TERM_theme_clash, … */
#define IGS_TERM_ENUM_(f, n, d, m, h) IGS_TERM_##f,
typedef enum { IGS_WEIGHTS(IGS_TERM_ENUM_) IGS_N_TERMS } igs_term_index;
#undef IGS_TERM_ENUM_

/* The decomposition lower bound (solver/bound.h) as a schedule carries it: plain numbers, so
 * the writers need no solver. */
typedef struct {
	double value;   /* the proven bound on any feasible schedule's score; NaN: not computed */
	double seconds; /* spent computing it */
	bool complete;  /* no part was cut by its time limit before its minimum was proven */
	int parts;      /* the parts it sums */
	/* What the bound holds of each term (parts of two terms apportioned, bound.h); NaN: the
	 * term's weight is positive and no part bounds it (left out, bounded by 0 only). */
	double term[IGS_N_TERMS];
} igs_bound_split;

typedef struct {
	char solver[32];   /* "greedy", "exact", "heuristic", "input" */
	long seed;
	double elapsed;    /* seconds */
	long effort;       /* solver-specific deterministic work count (placements tried, moves) */
	char mode[8];      /* "moves": the effort was counted (the result repeats on any machine);
			    * "time": the search ran until the time limit (it depends on the machine) */
	int threads;       /* parallel searches */
	double objective;  /* the evaluator's score of the schedule, NaN if none */
	double model_objective; /* the exact solver's model objective for it, NaN if none */
	double bound;      /* best proven lower bound, NaN if none */
	char status[32];   /* "feasible", "optimal", "time limit", "infeasible", "interrupted" */
	long submips;      /* the matheuristic's sub-MIPs solved (solver/lns.h), and of those */
	long submips_proven, submips_improved; /* proven optimal, and making the schedule better */
	igs_bound_split decomposition; /* solve --bound-time: the decomposition bound; value NaN if not run */
} igs_solver_stats;

struct igs_schedule {
	const igs_problem *problem;
	int n;         /* = problem->n_sessions */
	int *time;     /* time index, or -1 when unscheduled */
	int *room;     /* room index, or -1 when unscheduled */
	char **reason; /* why unscheduled; NULL when scheduled (or no reason given) */
	igs_solver_stats stats;
};

/* Places or clears (time = -1) one session; the reason is copied. */
int igs_schedule_set(igs_schedule *s, int session, int time, int room);
int igs_schedule_set_reason(igs_schedule *s, int session, const char *reason);
int igs_schedule_copy(igs_schedule *dst, const igs_schedule *src);

/* (objective - bound) / objective, 0 when they differ by rounding only, NaN without both: the
 * gap the schedule file, its text, compare and solve's summary all print. */
double igs_solver_gap(const igs_solver_stats *st);

/* How one session's placement changed from one programme to another; the largest change names
 * it. Revisions (--reference) and the editor's comparison of versions both say it this way. */
typedef enum {
	IGS_CHANGE_NONE,
	IGS_CHANGE_DAY,
	IGS_CHANGE_TIME,
	IGS_CHANGE_ROOM,
	IGS_CHANGE_LEFT_OUT, /* placed before, not now */
	IGS_CHANGE_NEW       /* not placed before (or not in it at all), placed now */
} igs_change;

/* From (day0, start0, room0) to (day1, start1, room1), starts in minutes of the day; a start
 * below 0 means not placed. */
igs_change igs_change_of(int day0, int start0, int room0, int day1, int start1, int room1);
/* "none", "day", "time", "room", "left out", "new". */
const char *igs_change_name(igs_change c);

#endif
