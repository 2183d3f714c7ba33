/* Exact solver, the driver: builds the compact model (solver/mip_model.c), hands it to GLPK
 * through the seam (solver/glpk.c) with the start schedule as first incumbent, reads the
 * times back and seats them with the room phase (solver/mip_rooms.c); and writes the compact
 * or the textbook model (solver/mip_textbook.c) for other solvers. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "solver/evaluate.h"
#include "solver/glpk.h"
#include "solver/mip.h"
#include "solver/mip_model.h"
#include "solver/mip_rooms.h"
#include "solver/mip_textbook.h"

typedef igs_mip_model mip;
typedef igs_mip_tirec tirec;

static double now_s(void) {
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

static bool keeps_hard(const igs_schedule *start) {
	igs_report *r = NULL;
	if (igs_evaluate(&r, start->problem, start) != IGS_OK)
		return false;
	bool ok = igs_report_hard_count(r) == 0;
	igs_report_free(r);
	return ok;
}

/* GLPK on the built model, then rooms day by day. t0 is when o->time_limit started; *bound
 * receives the best bound proven (-INFINITY if none); incumbent is NULL or the start
 * schedule as a point of the model. */
static int run_glpk(mip *M, igs_schedule *s, igs_mip_stats *st, double t0, const double *incumbent,
		    const igs_mip_limits *lim, double *bound) {
	const igs_problem *p = M->p;
	const igs_options *o = M->o;
	int rc = IGS_OK;
	st->rows = M->B.n_rows;
	st->cols = M->B.n_cols;
	st->binaries = 0;
	for (int j = 0; j < M->B.n_cols; j++)
		st->binaries += M->B.integer[j] && M->B.lo[j] == 0 && M->B.hi[j] == 1;
	if (o->verbose >= 2)
		fprintf(stderr, "exact: %d rows, %d columns (%d binary), %d nonzeros\n", M->B.n_rows, M->B.n_cols,
			st->binaries, M->B.nnz);
	double *x = malloc(((size_t)M->B.n_cols + 1) * sizeof *x);
	if (!x)
		return IGS_ENOMEM;
	igs_lp lp = igs_lpb_lp(&M->B, M->obj_const, x);
	igs_glpk_params par = {.t0 = t0, .time_limit = o->time_limit, .keep_margin = true, .gap = o->gap,
			       .start = incumbent, .interrupt = o->interrupt, .verbose = o->verbose, .name = "exact",
			       .live_progress = o->live_progress, .node_limit = lim ? lim->nodes : 0,
			       .iteration_limit = lim ? lim->iterations : 0, .mip_presolve = lim && lim->presolve};
	igs_glpk_result r;
	if ((rc = igs_glpk_solve(&r, &lp, &par)) != IGS_OK)
		goto done;
	st->nodes = r.nodes;
	st->iterations = r.iterations;
	*bound = r.node_bound;
	st->timed_out = r.timed_out;
	st->interrupted = r.interrupted;
	if (r.lp_solved)
		st->root_bound = r.lp_obj;
	if (r.infeasible) {
		st->infeasible = true;
		rc = IGS_EINFEASIBLE;
		goto done;
	}
	/* No optimal basis (the clock, or a presolved failure) or no integral solution: keep the
	 * start. */
	if (!r.has_x)
		goto done;
	double obj = r.objective;
	st->optimal = r.mip_optimal || r.gap_reached;
	if (r.mip_optimal && r.mip_finished)
		*bound = obj;
	if (o->verbose >= 1)
		fprintf(stderr, "exact: %7.2f s  %s, objective %.3f, bound %.3f\n", now_s() - t0,
			r.mip_optimal ? "optimal" : r.interrupted ? "interrupted" : "stopped", obj, *bound);

	/* The MIP's times, then rooms day by day. */
	for (int i = 0; i < p->n_sessions; i++)
		igs_schedule_set(s, i, -1, -1);
	for (int c = 0; c < M->nx; c++)
		if (x[c] > 0.5)
			s->time[M->x[c].s] = M->x[c].t;
	bool small = true;
	for (int i = 0; i < M->nti; i++) {
		const tirec *R = &M->ti[i];
		if (R->w && x[R->y - 1] > 1.5 && x[R->w - 1] > 1.5)
			small = false;
	}
	double extra = 0;
	for (int d = 0; d < p->n_days && rc == IGS_OK; d++)
		rc = igs_mip_rooms_assign(M, s, d, &extra, o->time_limit - (now_s() - t0));
	bool all_rooms = true;
	for (int i = 0; i < p->n_sessions; i++)
		if (s->time[i] >= 0 && s->room[i] < 0)
			all_rooms = false;
	for (int i = 0; i < p->n_sessions; i++)
		if (s->time[i] >= 0 && s->room[i] < 0) {
			igs_schedule_set(s, i, -1, -1);
			all_rooms = false;
		}
	for (int i = 0; i < p->n_sessions; i++)
		if (s->time[i] < 0 && !s->reason[i])
			igs_schedule_set_reason(s, i,
						p->sessions[i].optional
							? "left out by the exact solver: the sessions placed are worth more than it"
							: "the exact solver found no room for it");
	st->objective = obj + extra;
	st->improved = true;
	/* The room phase paying above the cheapest rooms means the times were chosen against
	 * costs that did not hold: the model's optimum is then no longer the schedule's. */
	st->objective_exact = small && all_rooms && M->sim_exact && M->spread_exact;
	st->exact = st->objective_exact && extra <= 1e-9;
done:
	if (rc == IGS_OK && st->bound != st->bound)
		st->bound = *bound;
	free(x);
	return rc;
}

int igs_mip_solve(igs_schedule *s, const igs_schedule *start, const igs_options *o, igs_mip_stats *st) {
	return igs_mip_solve_limited(s, start, o, NULL, st);
}

int igs_mip_solve_limited(igs_schedule *s, const igs_schedule *start, const igs_options *o, const igs_mip_limits *lim,
			  igs_mip_stats *st) {
	igs_mip_stats dummy;
	mip M;
	memset(&M, 0, sizeof M);
	if (!st)
		st = &dummy;
	memset(st, 0, sizeof *st);
	st->objective = st->bound = st->root_bound = NAN;
	M.p = s->problem;
	M.o = o;
	double t0 = now_s(), bound = -INFINITY, *incumbent = NULL;
	int rc = igs_mip_model_build(&M);
	if (rc == IGS_EINFEASIBLE) {
		st->infeasible = true;
		goto keep_start;
	}
	if (rc != IGS_OK && !M.too_big)
		goto cleanup;
	if (o->solver == IGS_SOLVER_AUTO && (M.too_big || M.nnz_floor > o->exact_max_nonzeros)) {
		rc = IGS_OK;
		/* GLPK's simplex alone would eat the time limit on a matrix this size. */
		st->skipped = true;
		st->rows = M.B.n_rows;
		st->cols = M.B.n_cols;
		if (o->verbose >= 1 && M.too_big)
			fprintf(stderr,
				"exact: skipped: the model has more nonzeros than --exact-max-nonzeros %ld "
				"(use --solver exact to run it anyway)\n",
				o->exact_max_nonzeros);
		else if (o->verbose >= 1)
			fprintf(stderr,
				"exact: skipped: the model has at least %d nonzeros, above --exact-max-nonzeros %ld "
				"(use --solver exact to run it anyway)\n",
				M.nnz_floor, o->exact_max_nonzeros);
		goto keep_start;
	}
	if (start && keeps_hard(start)) {
		if (!(incumbent = malloc(((size_t)M.B.n_cols + 1) * sizeof *incumbent))) {
			rc = IGS_ENOMEM;
			goto cleanup;
		}
		if (!igs_mip_model_point(&M, start, incumbent)) {
			free(incumbent);
			incumbent = NULL;
		} else if (o->verbose >= 2) {
			double z = M.obj_const;
			for (int j = 0; j < M.B.n_cols; j++)
				z += M.B.obj[j] * incumbent[j + 1];
			fprintf(stderr, "exact: start schedule has model objective %.3f\n", z);
		}
	}
	rc = run_glpk(&M, s, st, t0, incumbent ? incumbent + 1 : NULL, lim, &bound);
	if (rc == IGS_ENOMEM || rc == IGS_ESOLVER)
		goto cleanup;
	if (isfinite(bound) && !M.stricter)
		st->bound = bound;
	if (M.stricter)
		st->optimal = st->exact = st->objective_exact = false;
	if (st->improved)
		goto cleanup;
keep_start:
	if (start && igs_schedule_copy(s, start) != IGS_OK)
		rc = IGS_ENOMEM;
	if (st->infeasible && rc != IGS_ENOMEM)
		rc = IGS_EINFEASIBLE;
cleanup:
	st->elapsed = now_s() - t0;
	free(incumbent);
	igs_mip_model_free(&M);
	return rc;
}

bool igs_mip_skipped(const igs_problem *p, const igs_options *o) {
	if (o->solver != IGS_SOLVER_AUTO)
		return false;
	if (igs_mip_skipped_early(p, o))
		return true;
	mip M;
	memset(&M, 0, sizeof M);
	M.p = p;
	M.o = o;
	int rc = igs_mip_model_build(&M);
	bool skip = M.too_big || (rc == IGS_OK && M.nnz_floor > o->exact_max_nonzeros);
	igs_mip_model_free(&M);
	return skip;
}

int igs_mip_write_lp(const igs_problem *p, const igs_options *o, bool textbook, const char *path, igs_diag *d) {
	mip M;
	memset(&M, 0, sizeof M);
	/* The whole model, whatever its size: auto's size guard would leave it empty. */
	igs_options whole = *o;
	whole.solver = IGS_SOLVER_EXACT;
	M.p = p;
	M.o = &whole;
	int rc = textbook ? igs_mip_textbook_build(&M) : igs_mip_model_build(&M);
	if (rc == IGS_ENOMEM)
		igs_diag_add(d, path, "", "out of memory building the model");
	else if (rc == IGS_EINFEASIBLE)
		igs_diag_add(d, path, "", "a required session has no candidate placement");
	if (rc != IGS_OK)
		goto cleanup;
	igs_lp lp = igs_lpb_lp(&M.B, M.obj_const, NULL);
	rc = igs_glpk_write_lp(&lp, path, whole.verbose);
	if (rc == IGS_ESOLVER)
		igs_diag_add(d, path, "", "GLPK failed writing the model");
	else if (rc == IGS_ENOMEM)
		igs_diag_add(d, path, "", "out of memory");
	else if (rc != IGS_OK)
		igs_diag_add(d, path, "", "cannot write the model");
cleanup:
	igs_mip_model_free(&M);
	return rc;
}
