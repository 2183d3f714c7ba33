/* The GLPK seam: solving, and writing, a program built through solver/lpbuild.h. solver/glpk.c
 * is the one file of igfsched that includes glpk.h; every GLPK return code becomes an
 * igs_status or a field of a result here. */
#ifndef IGS_SOLVER_GLPK_H
#define IGS_SOLVER_GLPK_H

#include <stdatomic.h>
#include <stdbool.h>

#include "solver/lpbuild.h"

/* How a program is solved: its LP relaxation by the simplex, then branch and cut. */
typedef struct {
	double t0;           /* the monotonic clock (seconds) when time_limit started */
	double time_limit;   /* seconds from t0 for both */
	bool keep_margin;    /* stop branch and cut a node LP early and keep up to a second after it */
	double gap;          /* relative MIP gap; 0 is GLPK's default */
	bool gmi_cuts;       /* Gomory's mixed-integer cuts besides the clique cuts */
	const double *start; /* NULL, or a value per column: the first incumbent offered */
	const atomic_int *interrupt; /* may be NULL */
	int verbose;         /* GLPK's own output at 3 */
	const char *name;    /* NULL, or the prefix of this solve's lines at verbose >= 1 */
	bool live_progress;  /* the progress line is rewritten in place */
	/* Work limits, 0 for none: branch-and-bound nodes, and simplex iterations (the root LP's,
	 * then all of them, checked between node LPs). Counted, not timed, they give the same
	 * result on any machine while the time limit is not reached. */
	long node_limit, iteration_limit;
	/* Branch and cut straight through GLPK's MIP presolver, which drops fixed columns and the
	 * rows they alone fill (a sub-MIP's frozen sessions) before any LP: the start is then not
	 * offered (its columns are not the presolved program's), and no root bound is reported. */
	bool mip_presolve;
} igs_glpk_params;

/* What GLPK found, before any caller reads it as a bound. */
typedef struct {
	bool lp_solved;      /* the relaxation was solved to optimality: lp_obj is its value */
	double lp_obj;
	bool infeasible;     /* the relaxation or the branch and cut proved there is no solution */
	bool timed_out, interrupted;
	bool mip_optimal;    /* GLPK's MIP status is optimal */
	bool mip_finished;   /* branch and cut ran to its end (not stopped by the clock, the gap, ...) */
	bool gap_reached;    /* branch and cut stopped at the relative gap */
	bool has_x;          /* x holds an integral solution (the LP's where no column is integer) */
	double objective;    /* its value; NaN if none */
	double node_bound;   /* the best node's bound seen, at least lp_obj; -INFINITY if none */
	long nodes, iterations; /* branch-and-bound nodes made, simplex iterations (root LP included) */
} igs_glpk_result;

/* Solves m under par; m->x (may be NULL) receives the solution when out->has_x. Returns
 * IGS_OK whatever GLPK found (see out), IGS_EUSAGE when a row's entries are not contiguous or
 * an index is out of range, IGS_ENOMEM, or IGS_ESOLVER when GLPK failed (a fatal error, or a
 * return code that only a malformed program gives). */
int igs_glpk_solve(igs_glpk_result *out, const igs_lp *m, const igs_glpk_params *par);

/* Branch and cut straight away, through GLPK's MIP presolver, for at most time_limit seconds
 * (at least one). *found is false when no integral solution came out; else m->x holds it.
 * Returns IGS_OK, IGS_EUSAGE, IGS_ENOMEM or IGS_ESOLVER. */
int igs_glpk_presolved(bool *found, const igs_lp *m, double time_limit, int verbose);

/* Writes m in CPLEX LP format to path, through a temporary file beside it. Returns IGS_OK,
 * IGS_EIO, IGS_EUSAGE, IGS_ENOMEM or IGS_ESOLVER. */
int igs_glpk_write_lp(const igs_lp *m, const char *path, int verbose);

/* ---- lower bounds of integer programs built elsewhere (the CoSPLib bound) ---- */

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
 * IGS_OK (whatever the status; see out), IGS_EUSAGE for a malformed m, IGS_ENOMEM, or
 * IGS_ESOLVER when GLPK failed. */
int igs_mip_bound(igs_lp_result *out, const igs_lp *m, double time_limit, const atomic_int *interrupt, int verbose);

#endif
