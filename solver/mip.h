/* Exact solver: a compact time-indexed integer program of the programme, solved with GLPK.
 * Every GLPK call of igfsched lives in solver/mip.c. */
#ifndef IGS_SOLVER_MIP_H
#define IGS_SOLVER_MIP_H

#include "model/schedule.h"

typedef struct {
	double objective;  /* the model's objective of the returned schedule, room phase included; NaN if none */
	double bound;      /* proven lower bound on the evaluator's score; NaN if none */
	double root_bound; /* the LP relaxation's bound */
	bool optimal;      /* the model was solved to optimality (within o->gap) */
	bool objective_exact; /* for this schedule the model's objective, room phase included,
			       * equals the evaluator's score less the terms it leaves out:
			       * room_stability, order, person_slot, attendee_slot and track_breaks
			       * (see docs/SOLVERS.md) */
	bool exact;        /* objective_exact, and the room phase paid no more than the cheapest
			    * rooms the time phase priced: an optimal model is then an optimal
			    * schedule */
	bool infeasible;   /* the model has no solution: the hard constraints cannot all hold */
	bool timed_out, interrupted;
	bool improved;     /* the MIP found a schedule other than the incumbent it was given */
	bool skipped;      /* auto mode left out a model above o->exact_max_nonzeros */
	int rows, cols, binaries;
	double elapsed;
} igs_mip_stats;

/* Solves the MIP, handing 'start' to GLPK as the first incumbent when it keeps every hard
 * constraint (start may be NULL). On return s holds the best schedule known: the MIP's, or a
 * copy of start when the MIP found none. Honours o->time_limit, o->gap and o->interrupt.
 * Returns IGS_OK, IGS_EINFEASIBLE (the model is infeasible: s holds a copy of start, or
 * stays empty) or IGS_ENOMEM. */
int igs_mip_solve(igs_schedule *s, const igs_schedule *start, const igs_options *o, igs_mip_stats *st);

/* Writes the compact model, or the textbook one (a binary per session × start × room and a
 * variable per pair that may clash), in CPLEX LP format, for glpsol and other solvers: the
 * benchmark's yardstick. */
int igs_mip_write_lp(const igs_problem *p, const igs_options *o, bool textbook, const char *path, igs_diag *d);

/* A small integer program given as data, for lower bounds built outside this file (the
 * CoSPLib bound): minimise obj·x + obj_const subject to row_lo <= A x <= row_hi and the column
 * bounds, columns flagged integer being integral. Infinite bounds mean none. */
typedef struct {
	int n_cols, n_rows, nnz;
	const double *obj, *col_lo, *col_hi; /* n_cols each */
	const bool *integer;                 /* n_cols; NULL: all continuous */
	const double *row_lo, *row_hi;       /* n_rows each */
	const int *ia, *ja;                  /* nnz 0-based row and column indices */
	const double *ar;                    /* nnz values */
	double obj_const;
	double *x; /* NULL, or n_cols: receives the best integral solution found (see has_x) */
} igs_lp;

typedef struct {
	double lp_bound;  /* the LP relaxation's optimum; NaN if it was not solved */
	double bound;     /* the best proven lower bound: the MIP optimum, else its best node, else the LP's; NaN if none */
	double objective; /* the best integral solution found; NaN if none */
	bool optimal, infeasible, timed_out, interrupted;
	bool has_x; /* m->x holds the columns of the solution whose value is objective */
	double elapsed;
} igs_lp_result;

/* Solves m's LP relaxation, then the integer program by branch and cut while time_limit
 * seconds last or until interrupt is set (may be NULL), and reports the bounds. Returns
 * IGS_OK (whatever the status; see out), IGS_EUSAGE for a malformed m, or IGS_ENOMEM. */
int igs_mip_bound(igs_lp_result *out, const igs_lp *m, double time_limit, const atomic_int *interrupt, int verbose);

#endif
