/* The GLPK seam: the only file that includes glpk.h. A program built through lpbuild is loaded
 * into GLPK, solved (simplex, then branch and cut) or written, and GLPK's return codes become
 * igs_status values and result fields.
 *
 * A GLPK fatal error (running out of memory, or a malformed program) frees nothing by itself
 * and cannot go on: its error hook jumps back to the entry point, which frees the whole GLPK
 * environment, every problem object in it, and reports IGS_ESOLVER. Everything allocated with
 * malloc is allocated before the first GLPK call, so that the jump leaks nothing.
 *
 * The root simplex has no callback and looks at no flag, and one LP can run for minutes: its
 * terminal output is the one thing it does on a clock while it pivots (every out_frq ms, read
 * only: the pivots are those of a silent run). So the simplex always talks, the terminal hook
 * prints only at verbose 3, and on an interrupt the hook leaves GLPK by the same jump as a
 * fatal error: GLPK keeps all its state in its environment, which glp_free_env releases
 * whole. The interrupted run then has no bound and keeps the start schedule. Restarting the
 * simplex in short tm_lim chunks from its basis would look at the flag too, but a restart
 * resets the pricing and the presolver, so a long LP would pivot (and may end) differently. */
#include <math.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <glpk.h>

#include "igfsched.h"
#include "solver/glpk.h"

/* GLPK's LP presolver cannot be stopped by the clock, and its time does not count against
 * tm_lim: about 3 s per million nonzeros on the reference machine (20 s for the 6.8 million of
 * the generated 600-session programme). It speeds the simplex up severalfold (the generated
 * 100-session root LP: 9 s with it, not solved in 30 s without), so it runs when its estimate
 * fits in a quarter of the time left, and the simplex gets what remains. */
#define PRESOLVE_S_PER_NONZERO 3e-6

/* How often (ms) the simplex reports, and so how soon an interrupt stops it. */
#define SIMPLEX_POLL_MS 100

/* setjmp's values: a fatal GLPK error, or an interrupt seen by the terminal hook. */
enum { JUMP_FATAL = 1, JUMP_INTERRUPT = 2 };

/* One entry point's state: the hooks' context, the callback's, and the scratch of the load. */
typedef struct {
	const igs_glpk_params *par; /* NULL outside igs_glpk_solve */
	int verbose;
	int *ind;     /* 1-based column indices of one row, for glp_set_mat_row */
	double *val;  /* and their values */
	double *start; /* 1-based copy of par->start, or NULL */
	double start_obj; /* the objective at start, shown until GLPK has an incumbent of its own */
	double bound, last_print;
	bool given, interrupted;
	long nodes, iterations;
	bool in_simplex; /* the root simplex runs, and par->interrupt is set */
	jmp_buf fatal;
} seam;

static double now_s(void) {
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

static int term_hook(void *info, const char *s) {
	seam *S = info;
	if (S->verbose >= 3)
		fputs(s, stderr);
	/* Only from the root simplex: later, an incumbent of the branch and cut would be lost,
	 * and its callback stops it anyway. */
	if (S->in_simplex && *S->par->interrupt)
		longjmp(S->fatal, JUMP_INTERRUPT);
	return 1; /* never GLPK's own printing to standard output */
}

static void error_hook(void *info) {
	longjmp(((seam *)info)->fatal, JUMP_FATAL);
}

/* Checks that every index is in range and each row's entries are contiguous (the load hands
 * GLPK one row at a time), and allocates the scratch of the longest row. */
static int seam_init(seam *S, const igs_lp *m, int verbose) {
	memset(S, 0, sizeof *S);
	S->verbose = verbose;
	if (m->n_cols < 0 || m->n_rows < 0 || m->nnz < 0)
		return IGS_EUSAGE;
	unsigned char *done = calloc((size_t)m->n_rows + 1, 1);
	if (!done)
		return IGS_ENOMEM;
	int longest = 0, run = 0, rc = IGS_OK;
	for (int k = 0; k < m->nnz && rc == IGS_OK; k++) {
		if (m->ia[k] < 0 || m->ia[k] >= m->n_rows || m->ja[k] < 0 || m->ja[k] >= m->n_cols) {
			rc = IGS_EUSAGE;
		} else if (k == 0 || m->ia[k] != m->ia[k - 1]) {
			if (done[m->ia[k]])
				rc = IGS_EUSAGE;
			done[m->ia[k]] = 1;
			run = 0;
		}
		run++;
		longest = run > longest ? run : longest;
	}
	free(done);
	if (rc != IGS_OK)
		return rc;
	S->ind = malloc(((size_t)longest + 1) * sizeof *S->ind);
	S->val = malloc(((size_t)longest + 1) * sizeof *S->val);
	return S->ind && S->val ? IGS_OK : IGS_ENOMEM;
}

static void seam_free(seam *S) {
	free(S->ind);
	free(S->val);
	free(S->start);
}

static int bound_type(double lo, double hi) {
	if (isinf(lo) && isinf(hi))
		return GLP_FR;
	if (isinf(hi))
		return GLP_LO;
	if (isinf(lo))
		return GLP_UP;
	return lo == hi ? GLP_FX : GLP_DB;
}

/* The program as a GLPK problem. The matrix goes in row by row: GLPK keeps each column's
 * entries in the order their rows were set, and its presolver and pivoting break ties by it. */
static glp_prob *load(seam *S, const igs_lp *m) {
	glp_prob *P = glp_create_prob();
	glp_set_obj_dir(P, GLP_MIN);
	glp_set_obj_coef(P, 0, m->obj_const);
	if (m->n_cols > 0)
		glp_add_cols(P, m->n_cols);
	if (m->n_rows > 0)
		glp_add_rows(P, m->n_rows);
	for (int j = 0; j < m->n_cols; j++) {
		glp_set_col_bnds(P, j + 1, bound_type(m->col_lo[j], m->col_hi[j]), m->col_lo[j], m->col_hi[j]);
		glp_set_obj_coef(P, j + 1, m->obj[j]);
		if (m->integer && m->integer[j])
			glp_set_col_kind(P, j + 1, GLP_IV);
	}
	for (int i = 0; i < m->n_rows; i++)
		glp_set_row_bnds(P, i + 1, bound_type(m->row_lo[i], m->row_hi[i]), m->row_lo[i], m->row_hi[i]);
	for (int k = 0, e; k < m->nnz; k = e) {
		int n = 0;
		for (e = k; e < m->nnz && m->ia[e] == m->ia[k]; e++) {
			S->ind[++n] = m->ja[e] + 1;
			S->val[n] = m->ar[e];
		}
		glp_set_mat_row(P, m->ia[k] + 1, n, S->ind, S->val);
	}
	return P;
}

static bool any_integer(const igs_lp *m) {
	for (int j = 0; m->integer && j < m->n_cols; j++)
		if (m->integer[j])
			return true;
	return false;
}

static void limit_simplex(glp_smcp *sm, long nnz, double left) {
	double cost = PRESOLVE_S_PER_NONZERO * (double)nnz;
	sm->presolve = cost <= 0.25 * left ? GLP_ON : GLP_OFF;
	if (sm->presolve == GLP_ON)
		left -= cost;
	sm->tm_lim = left > 0 ? (int)(left < 2e6 ? left * 1000 : 2e9) : 1;
}

/* Return codes that a well-formed program with GLPK's own starting basis never gives: bad
 * bounds, or a basis GLPK was handed. The others (the clock, the gap, the presolver's proof,
 * a numerical give-up) are results. */
static bool unexpected(int ret) {
	return ret == GLP_EBOUND || ret == GLP_EBADB || ret == GLP_ESING || ret == GLP_ECOND || ret == GLP_EROOT;
}

static void progress(seam *S, glp_tree *T) {
	const igs_glpk_params *par = S->par;
	double now = now_s();
	if (!par->name || par->verbose < 1 || now - S->last_print < 1.0)
		return;
	S->last_print = now;
	glp_prob *P = glp_ios_get_prob(T);
	/* Until the first GLP_IHEUR call hands the start over (the root LP comes first), GLPK has no
	 * incumbent, yet the run has one: the start, which the caller keeps if nothing beats it. */
	double inc = glp_mip_status(P) == GLP_FEAS || glp_mip_status(P) == GLP_OPT ? glp_mip_obj_val(P) : S->start_obj;
	int a, n, t;
	glp_ios_tree_size(T, &a, &n, &t);
	bool live = par->live_progress;
	char incs[32] = "      none", gaps[16] = "     -";
	if (!isnan(inc))
		snprintf(incs, sizeof incs, "%10.3f", inc);
	if (!isnan(inc) && inc > 0 && isfinite(S->bound))
		snprintf(gaps, sizeof gaps, "%6.2f", 100 * (inc - S->bound) / fabs(inc));
	fprintf(stderr, "%s%s: %7.2f s  nodes %6d active %6d  incumbent %s  bound %10.3f  gap %s %%%s",
		live ? "\r" : "", par->name, now - par->t0, t, a, incs, S->bound, gaps, live ? "\033[K" : "\n");
	fflush(stderr);
}

static void callback(glp_tree *T, void *info) {
	seam *S = info;
	int best = glp_ios_best_node(T);
	if (best) {
		double b = glp_ios_node_bound(T, best);
		if (b > S->bound)
			S->bound = b;
	}
	if (glp_ios_reason(T) == GLP_IHEUR && S->start && !S->given && !S->par->mip_presolve) {
		S->given = true;
		if (glp_ios_heur_sol(T, S->start) != 0 && S->par->name && S->par->verbose >= 2)
			fprintf(stderr, "%s: GLPK did not take the start schedule as incumbent\n", S->par->name);
	}
	if (S->par->interrupt && *S->par->interrupt) {
		S->interrupted = true;
		glp_ios_terminate(T);
	}
	int a, n, t;
	glp_ios_tree_size(T, &a, &n, &t);
	S->nodes = t;
	S->iterations = glp_get_it_cnt(glp_ios_get_prob(T));
	if ((S->par->node_limit > 0 && S->nodes >= S->par->node_limit) ||
	    (S->par->iteration_limit > 0 && S->iterations >= S->par->iteration_limit))
		glp_ios_terminate(T);
	progress(S, T);
}

static int run_solve(seam *S, igs_glpk_result *out, const igs_lp *m) {
	const igs_glpk_params *par = S->par;
	int rc = IGS_OK;
	glp_prob *P = load(S, m);
	double left = par->time_limit - (now_s() - par->t0), lp_start = now_s();
	glp_smcp sm;
	glp_init_smcp(&sm);
	sm.msg_lev = par->verbose >= 3 || par->interrupt ? GLP_MSG_ON : GLP_MSG_OFF;
	sm.out_frq = par->verbose >= 3 ? sm.out_frq : SIMPLEX_POLL_MS;
	limit_simplex(&sm, m->nnz, left);
	if (par->iteration_limit > 0)
		sm.it_lim = par->iteration_limit < 2000000000L ? (int)par->iteration_limit : 2000000000;
	/* The presolver inside glp_simplex cannot be stopped: do not start it once interrupted. */
	if (par->interrupt && *par->interrupt) {
		out->interrupted = true;
		goto done;
	}
	int ret;
	if (par->mip_presolve && any_integer(m))
		goto branch;
	S->in_simplex = par->interrupt != NULL;
	ret = glp_simplex(P, &sm);
	S->in_simplex = false;
	if (unexpected(ret)) {
		rc = IGS_ESOLVER;
		goto done;
	}
	if (ret == GLP_ENOPFS || glp_get_status(P) == GLP_NOFEAS) {
		out->infeasible = true;
		goto done;
	}
	S->iterations = glp_get_it_cnt(P);
	if (ret != 0 || glp_get_status(P) != GLP_OPT) {
		/* No optimal basis (the clock, the iteration limit, or a presolved failure): no bound. */
		out->timed_out = ret == GLP_ETMLIM;
		goto done;
	}
	out->lp_solved = true;
	out->lp_obj = S->bound = glp_get_obj_val(P);
	if (par->name && par->verbose >= 1)
		fprintf(stderr, "%s: LP relaxation bound %.3f after %.2f s\n", par->name, S->bound, now_s() - par->t0);
	if (!any_integer(m)) {
		out->mip_optimal = out->mip_finished = out->has_x = true;
		out->objective = out->lp_obj;
		for (int j = 0; m->x && j < m->n_cols; j++)
			m->x[j] = glp_get_col_prim(P, j + 1);
		goto done;
	}

	/* GLPK looks at its clock only between LPs, and a node LP costs about what the root LP
	 * did: with keep_margin, stop that much early so the limit holds, and keep up to a second
	 * for what follows. */
branch:;
	double lp_cost = now_s() - lp_start;
	left = par->time_limit - (now_s() - par->t0);
	if (par->keep_margin)
		left -= lp_cost + (left * 0.2 < 1.0 ? left * 0.2 : 1.0);
	glp_iocp io;
	glp_init_iocp(&io);
	io.msg_lev = par->verbose >= 3 ? GLP_MSG_ON : GLP_MSG_OFF;
	io.presolve = par->mip_presolve ? GLP_ON : GLP_OFF; /* else the callback's columns must be the program's own */
	io.cb_func = callback;
	io.cb_info = S;
	io.mip_gap = par->gap;
	io.clq_cuts = GLP_ON;
	io.gmi_cuts = par->gmi_cuts ? GLP_ON : GLP_OFF;
	io.tm_lim = left > 0 ? (int)(left < 2e6 ? left * 1000 : 2e9) : 1;
	ret = left > 0 ? glp_intopt(P, &io) : GLP_ETMLIM;
	S->iterations = glp_get_it_cnt(P);
	/* end the live progress line (keeping it), whatever follows */
	if (par->name && par->verbose >= 1 && par->live_progress && S->last_print > 0)
		fputc('\n', stderr);
	if (unexpected(ret)) {
		rc = IGS_ESOLVER;
		goto done;
	}
	int ms = glp_mip_status(P);
	out->timed_out = ret == GLP_ETMLIM;
	out->interrupted = S->interrupted;
	out->gap_reached = ret == GLP_EMIPGAP;
	out->mip_finished = ret == 0;
	out->mip_optimal = ms == GLP_OPT;
	out->infeasible = ret == GLP_ENOPFS || ms == GLP_NOFEAS;
	if (!out->infeasible && (ms == GLP_OPT || ms == GLP_FEAS)) {
		out->has_x = true;
		out->objective = glp_mip_obj_val(P);
		for (int j = 0; m->x && j < m->n_cols; j++)
			m->x[j] = glp_mip_col_val(P, j + 1);
	}
done:
	out->node_bound = S->bound;
	out->nodes = S->nodes;
	out->iterations = S->iterations;
	glp_delete_prob(P);
	return rc;
}

int igs_glpk_solve(igs_glpk_result *out, const igs_lp *m, const igs_glpk_params *par) {
	*out = (igs_glpk_result){.lp_obj = NAN, .objective = NAN, .node_bound = -INFINITY};
	seam S;
	volatile int rc = seam_init(&S, m, par->verbose); /* read after a longjmp */
	S.par = par;
	S.bound = -INFINITY;
	S.start_obj = NAN;
	if (rc != IGS_OK)
		goto cleanup;
	if (par->start) {
		if (!(S.start = malloc(((size_t)m->n_cols + 1) * sizeof *S.start))) {
			rc = IGS_ENOMEM;
			goto cleanup;
		}
		S.start[0] = 0;
		memcpy(S.start + 1, par->start, (size_t)m->n_cols * sizeof *S.start);
		S.start_obj = m->obj_const;
		for (int j = 0; j < m->n_cols; j++)
			S.start_obj += m->obj[j] * par->start[j];
	}
	glp_term_hook(term_hook, &S);
	glp_error_hook(error_hook, &S);
	switch (setjmp(S.fatal)) {
	case 0:
		break;
	case JUMP_INTERRUPT:
		glp_free_env();
		*out = (igs_glpk_result){.lp_obj = NAN, .objective = NAN, .node_bound = -INFINITY, .interrupted = true};
		goto cleanup;
	default:
		glp_free_env();
		*out = (igs_glpk_result){.lp_obj = NAN, .objective = NAN, .node_bound = -INFINITY};
		rc = IGS_ESOLVER;
		goto cleanup;
	}
	rc = run_solve(&S, out, m);
	glp_term_hook(NULL, NULL);
	glp_error_hook(NULL, NULL);
	/* GLPK keeps a per-thread environment alive between calls; igfsched holds no GLPK
	 * object past this point, so release it and leave nothing reachable behind. */
	glp_free_env();
cleanup:
	seam_free(&S);
	return rc;
}

static int run_presolved(seam *S, bool *found, const igs_lp *m, double time_limit) {
	glp_prob *P = load(S, m);
	glp_iocp io;
	glp_init_iocp(&io);
	io.presolve = GLP_ON;
	io.msg_lev = S->verbose >= 3 ? GLP_MSG_ON : GLP_MSG_OFF;
	io.tm_lim = (int)(time_limit > 1 ? (time_limit < 1e6 ? time_limit * 1000 : 1e9) : 1000);
	int ret = glp_intopt(P, &io), rc = IGS_OK;
	int st = glp_mip_status(P);
	if (unexpected(ret))
		rc = IGS_ESOLVER;
	else if (ret == 0 || st == GLP_FEAS || st == GLP_OPT) {
		*found = true;
		for (int j = 0; m->x && j < m->n_cols; j++)
			m->x[j] = glp_mip_col_val(P, j + 1);
	}
	glp_delete_prob(P);
	return rc;
}

int igs_glpk_presolved(bool *found, const igs_lp *m, double time_limit, int verbose) {
	*found = false;
	seam S;
	volatile int rc = seam_init(&S, m, verbose);
	if (rc != IGS_OK)
		goto cleanup;
	glp_term_hook(term_hook, &S);
	glp_error_hook(error_hook, &S);
	if (setjmp(S.fatal)) {
		glp_free_env();
		*found = false;
		rc = IGS_ESOLVER;
		goto cleanup;
	}
	rc = run_presolved(&S, found, m, time_limit);
	glp_term_hook(NULL, NULL);
	glp_error_hook(NULL, NULL);
	glp_free_env();
cleanup:
	seam_free(&S);
	return rc;
}

int igs_glpk_write_lp(const igs_lp *m, const char *path, int verbose) {
	seam S;
	/* glp_write_lp writes in place: write beside the target, then rename over it. */
	char *tmp = malloc(strlen(path) + 8);
	volatile int rc = tmp ? seam_init(&S, m, verbose) : IGS_ENOMEM;
	if (!tmp)
		return rc;
	if (rc != IGS_OK)
		goto cleanup;
	sprintf(tmp, "%s.tmp", path);
	glp_term_hook(term_hook, &S);
	glp_error_hook(error_hook, &S);
	if (setjmp(S.fatal)) {
		glp_free_env();
		rc = IGS_ESOLVER;
		goto cleanup;
	}
	glp_prob *P = load(&S, m);
	rc = glp_write_lp(P, NULL, tmp) == 0 && rename(tmp, path) == 0 ? IGS_OK : IGS_EIO;
	if (rc != IGS_OK)
		remove(tmp);
	glp_delete_prob(P);
	glp_term_hook(NULL, NULL);
	glp_error_hook(NULL, NULL);
	glp_free_env();
cleanup:
	seam_free(&S);
	free(tmp);
	return rc;
}

/* ---- lower bounds of integer programs built elsewhere ---- */

int igs_mip_bound(igs_lp_result *out, const igs_lp *m, double time_limit, const atomic_int *interrupt, int verbose) {
	*out = (igs_lp_result){.lp_bound = NAN, .bound = NAN, .objective = NAN};
	if (!m)
		return IGS_EUSAGE;
	igs_glpk_params par = {.t0 = now_s(), .time_limit = time_limit, .gmi_cuts = true, .interrupt = interrupt,
			       .verbose = verbose};
	igs_glpk_result r;
	int rc = igs_glpk_solve(&r, m, &par);
	if (rc != IGS_OK)
		return rc;
	out->timed_out = r.timed_out;
	out->interrupted = r.interrupted;
	if (!r.lp_solved) {
		out->infeasible = r.infeasible;
		goto done;
	}
	out->lp_bound = out->bound = r.lp_obj;
	if (r.infeasible) {
		out->infeasible = true;
		goto done;
	}
	out->objective = r.objective;
	out->has_x = r.has_x && m->x != NULL;
	out->optimal = r.mip_optimal;
	/* The best node's bound can lag the root's while the tree is young (node_bound keeps the
	 * larger); and no bound may exceed a solution found. */
	out->bound = out->optimal ? out->objective : r.node_bound;
	if (!isnan(out->objective) && out->bound > out->objective)
		out->bound = out->objective;
done:
	out->elapsed = now_s() - par.t0;
	return IGS_OK;
}
