/* Exact solver: a compact time-indexed integer program of the programme, solved with GLPK
 * through its seam (solver/glpk.h). */
#ifndef IGS_SOLVER_MIP_H
#define IGS_SOLVER_MIP_H

#include "model/schedule.h"

typedef struct {
	double objective;  /* the model's objective of the returned schedule, room phase included; NaN if none */
	double bound;      /* proven lower bound on the evaluator's score; NaN if none */
	double root_bound; /* the LP relaxation's bound */
	bool optimal;      /* the model was solved to optimality (within o->gap) */
	bool objective_exact; /* for this schedule the model's objective, room phase included,
			       * equals the evaluator's score less the terms it leaves out (those
			       * IGS_WEIGHTS marks IGS_MIP_NONE, listed by IGS_MIP_LEFT_OUT) */
	bool exact;        /* objective_exact, and the room phase paid no more than the cheapest
			    * rooms the time phase priced: an optimal model is then an optimal
			    * schedule */
	bool infeasible;   /* the model has no solution: the hard constraints cannot all hold */
	bool timed_out, interrupted;
	bool improved;     /* the MIP found a schedule other than the incumbent it was given */
	bool skipped;      /* auto mode left out a model above o->exact_max_nonzeros */
	int rows, cols, binaries;
	double elapsed;
	long nodes, iterations; /* GLPK's branch-and-bound nodes and simplex iterations */
} igs_mip_stats;

/* Work limits of one MIP, 0 for none: counted, not timed (solver/glpk.h). */
typedef struct {
	long nodes, iterations;
	bool presolve; /* through GLPK's MIP presolver, the start not offered (solver/glpk.h) */
} igs_mip_limits;

/* Solves the MIP, handing 'start' to GLPK as the first incumbent when it keeps every hard
 * constraint (start may be NULL). On return s holds the best schedule known: the MIP's, or a
 * copy of start when the MIP found none. Honours o->time_limit, o->gap and o->interrupt.
 * Returns IGS_OK, IGS_EINFEASIBLE (the model is infeasible: s holds a copy of start, or
 * stays empty), IGS_ENOMEM or IGS_ESOLVER (GLPK failed). */
int igs_mip_solve(igs_schedule *s, const igs_schedule *start, const igs_options *o, igs_mip_stats *st);
/* The same within work limits (lim may be NULL): the matheuristic's sub-MIPs (solver/lns.c). */
int igs_mip_solve_limited(igs_schedule *s, const igs_schedule *start, const igs_options *o, const igs_mip_limits *lim,
			  igs_mip_stats *st);

/* Will --solver auto skip the MIP for its size, by the floor it checks before building? (It may
 * still skip by a later floor.) Lets the pipeline give the local search the whole time. */
bool igs_mip_skipped_early(const igs_problem *p, const igs_options *o);
/* Will --solver auto skip the MIP for its size, by every floor? Builds the model as far as
 * igs_mip_solve would (the whole model when it fits): what the time is shared by depends on it. */
bool igs_mip_skipped(const igs_problem *p, const igs_options *o);

/* Writes the compact model, or the textbook one (a binary per session × start × room and a
 * variable per pair that may clash), in CPLEX LP format, for glpsol and other solvers: the
 * benchmark's yardstick. */
int igs_mip_write_lp(const igs_problem *p, const igs_options *o, bool textbook, const char *path, igs_diag *d);

#endif
