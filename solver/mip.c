/* Exact solver: a compact time-indexed MIP solved with GLPK, then a room assignment per day.
 *
 * The model chooses start times only. Rooms are aggregated: for every instant and every union
 * U of the sessions' candidate room sets, the sessions running whose rooms lie inside U may
 * not outnumber U's open rooms (Hall's condition); a second small MIP per day then assigns the
 * concrete rooms. Same-topic clashes are counted per instant, not per pair: two overlapping
 * sessions meet at the later one's start, so the pairs of a topic are C(y, 2) + y·w summed
 * over instants, with y the topic's sessions starting there and w those already running;
 * C(y, 2) is a convex piecewise-linear cost, y·w is bounded from below by two big-M cuts that
 * are exact while y <= 1 or w <= 1. Every approximation errs low, so the model's optimum is a
 * proven lower bound on the evaluator's score; docs/SOLVERS.md lists which terms are exact.
 *
 * Every GLPK call of igfsched lives in this file: a GLPK fatal error frees the whole GLPK
 * environment, and its error hook brings control back here to report it. */
#include <math.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <glpk.h>

#include "solver/duplicates.h"
#include "solver/evaluate.h"
#include "solver/mip.h"

/* Unions of candidate room sets kept for Hall's condition; beyond it only the sets
 * themselves and their full union are used and the room phase repairs what remains. */
#define UNION_MAX 128
/* Tangents of C(r, 2) per window row, at r = 1, 2, ...: the relaxation's counts stay small. */
#define WINDOW_TANGENTS 3

typedef struct {
	int s, t, set;  /* session, time index, candidate room set */
	long from, to;  /* absolute minutes */
	int i0, ni;     /* instants covered: i0 .. i0 + ni - 1 */
	double cost;    /* cheapest unary soft cost over the room set */
} xcol;

/* One (topic, instant) record, to derive the auxiliary values of a given schedule. */
typedef struct {
	int topic, inst;
	int y, w, c, z; /* GLPK columns, 0 when absent */
	int ymax, wmax;
} tirec;

typedef struct {
	int theme, day, col; /* spread excess column */
	int D;               /* days the theme may use */
	double fair;         /* constant fair share, or NAN when the u-indicators give it */
} sprec;

typedef struct {
	int theme, col0, m0, n; /* u-indicator columns col0 .. col0 + n - 1 for counts m0 .. m0 + n - 1 */
} urec;

typedef struct {
	char *member; /* per session */
	double weight;
} topic;

typedef struct {
	int attr, value, col; /* fairness column of one stakeholder group or region */
} frec;

typedef struct {
	int rule, day, col, fair; /* type_spread excess column of one spread_days type and day */
} trec;

typedef struct {
	const igs_problem *p;
	const igs_options *o;
	int nr, words;

	int nx;
	xcol *x;
	int *s_off; /* columns of session s: s_off[s] .. s_off[s + 1] */

	int nsets, cap_sets;
	uint64_t *sets; /* nsets × words */

	int ninst;
	long *inst;
	int *cov_off, *cov; /* columns covering each instant */

	int ntopics;
	topic *topics;
	bool sim_exact, spread_exact;
	bool stricter; /* a row cuts off schedules the evaluator accepts: no bound */
	bool too_big;  /* auto: building stopped past o->exact_max_nonzeros */

	/* the row-and-column builder */
	int ncols, cap_cols;
	int *ctype;
	double *clo, *chi, *cobj;
	int nrows, cap_rows;
	int *rtype;
	double *rlo, *rhi;
	int nnz, cap_nnz;
	int *ia, *ja;
	double *ar;
	double obj_const;

	tirec *ti;
	int nti, cap_ti;
	sprec *sp;
	int nsp, cap_sp;
	urec *ur;
	int nur, cap_ur;
	frec *fr;
	int nfr, cap_fr;
	trec *tr;
	int ntr, cap_tr;

	/* scratch */
	int *buf;
	double *val;
	char *seen;

	/* search state, seen by the callback */
	double *incumbent; /* 1-based column values of the start schedule, or NULL */
	bool given;
	double bound, t0, last_print;
	bool interrupted;
	jmp_buf fatal;
} mip;

static double now_s(void) {
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

/* ---- the builder: columns, rows and triplets, loaded into GLPK in one go ---- */

static int add_col(mip *M, int type, double lo, double hi, double obj) {
	int cap_cols = M->cap_cols;
	if (!igs_grow((void **)&M->ctype, &cap_cols, M->ncols + 1, sizeof *M->ctype))
		return -1;
	if (cap_cols != M->cap_cols) {
		/* the bounds and costs follow the types' capacity, grown only with it */
		double *a = realloc(M->clo, (size_t)cap_cols * sizeof *a);
		if (!a)
			return -1;
		M->clo = a;
		if (!(a = realloc(M->chi, (size_t)cap_cols * sizeof *a)))
			return -1;
		M->chi = a;
		if (!(a = realloc(M->cobj, (size_t)cap_cols * sizeof *a)))
			return -1;
		M->cobj = a;
		M->cap_cols = cap_cols;
	}
	M->ctype[M->ncols] = type;
	M->clo[M->ncols] = lo;
	M->chi[M->ncols] = hi;
	M->cobj[M->ncols] = obj;
	return ++M->ncols; /* GLPK's 1-based index */
}

/* Adds the row lo <= Σ val[k]·x[col[k]] <= hi (GLP_LO, GLP_UP, GLP_FX or GLP_DB). */
static int add_row(mip *M, int type, double lo, double hi, int n, const int *col, const double *val) {
	/* auto stops building a model it would skip anyway: memory and time stay bounded. */
	if (M->o->solver == IGS_SOLVER_AUTO && (long)M->nnz + n > M->o->exact_max_nonzeros) {
		M->too_big = true;
		return IGS_ENOMEM;
	}
	int cap_rows = M->cap_rows;
	if (!igs_grow((void **)&M->rtype, &cap_rows, M->nrows + 1, sizeof *M->rtype))
		return IGS_ENOMEM;
	if (cap_rows != M->cap_rows) {
		/* the bounds follow the types' capacity, grown only with it */
		double *a = realloc(M->rlo, (size_t)cap_rows * sizeof *a);
		if (!a)
			return IGS_ENOMEM;
		M->rlo = a;
		if (!(a = realloc(M->rhi, (size_t)cap_rows * sizeof *a)))
			return IGS_ENOMEM;
		M->rhi = a;
		M->cap_rows = cap_rows;
	}
	int cap = M->cap_nnz;
	if (!igs_grow((void **)&M->ia, &cap, M->nnz + n + 1, sizeof *M->ia))
		return IGS_ENOMEM;
	cap = M->cap_nnz;
	if (!igs_grow((void **)&M->ja, &cap, M->nnz + n + 1, sizeof *M->ja))
		return IGS_ENOMEM;
	if (!igs_grow((void **)&M->ar, &M->cap_nnz, M->nnz + n + 1, sizeof *M->ar))
		return IGS_ENOMEM;
	M->nrows++;
	M->rtype[M->nrows - 1] = type;
	M->rlo[M->nrows - 1] = lo;
	M->rhi[M->nrows - 1] = hi;
	for (int k = 0; k < n; k++) {
		/* GLPK triplets are 1-based: slot 0 stays unused. */
		M->nnz++;
		M->ia[M->nnz] = M->nrows;
		M->ja[M->nnz] = col[k];
		M->ar[M->nnz] = val[k];
	}
	return IGS_OK;
}

/* ---- candidate columns, instants, room sets ---- */

static int intern_set(mip *M, const uint64_t *bits) {
	for (int i = 0; i < M->nsets; i++)
		if (memcmp(&M->sets[(size_t)i * M->words], bits, (size_t)M->words * sizeof *bits) == 0)
			return i;
	if (M->nsets == M->cap_sets) {
		int n = M->cap_sets ? 2 * M->cap_sets : 16;
		uint64_t *q = realloc(M->sets, (size_t)n * M->words * sizeof *q);
		if (!q)
			return -1;
		M->sets = q;
		M->cap_sets = n;
	}
	memcpy(&M->sets[(size_t)M->nsets * M->words], bits, (size_t)M->words * sizeof *bits);
	return M->nsets++;
}

static bool subset(const mip *M, int a, const uint64_t *u) {
	const uint64_t *x = &M->sets[(size_t)a * M->words];
	for (int k = 0; k < M->words; k++)
		if (x[k] & ~u[k])
			return false;
	return true;
}

static int cmp_long(const void *a, const void *b) {
	long x = *(const long *)a, y = *(const long *)b;
	return (x > y) - (x < y);
}

static int find_inst(const mip *M, long v) {
	int lo = 0, hi = M->ninst;
	while (lo < hi) {
		int mid = (lo + hi) / 2;
		if (M->inst[mid] < v)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static int build_columns(mip *M) {
	const igs_problem *p = M->p;
	uint64_t *bits = calloc((size_t)M->words, sizeof *bits);
	int cap = 0;
	if (!bits || !(M->s_off = malloc(((size_t)p->n_sessions + 1) * sizeof *M->s_off)))
		goto oom;
	for (int s = 0; s < p->n_sessions; s++) {
		const igs_session *S = &p->sessions[s];
		M->s_off[s] = M->nx;
		for (int k = 0; k < S->n_cand_times; k++) {
			int t = S->cand_times[k];
			double best = INFINITY;
			memset(bits, 0, (size_t)M->words * sizeof *bits);
			for (int j = 0; j < S->n_cand_rooms; j++) {
				int r = S->cand_rooms[j];
				if (igs_place_unary(p, s, t, r) >= 0)
					continue;
				bits[r / 64] |= (uint64_t)1 << (r % 64);
				double c = igs_place_soft(p, s, t, r);
				best = c < best ? c : best;
			}
			if (!isfinite(best))
				continue;
			if (!igs_grow((void **)&M->x, &cap, M->nx + 1, sizeof *M->x))
				goto oom;
			xcol *X = &M->x[M->nx++];
			X->s = s;
			X->t = t;
			X->cost = best;
			igs_session_span(p, s, t, &X->from, &X->to);
			if ((X->set = intern_set(M, bits)) < 0)
				goto oom;
		}
	}
	M->s_off[p->n_sessions] = M->nx;
	free(bits);

	/* Instants: every candidate start. Two intervals overlap iff the later start lies in
	 * both, so checking these instants is checking every overlap. */
	if (!(M->inst = malloc(((size_t)M->nx + 1) * sizeof *M->inst)))
		return IGS_ENOMEM;
	for (int i = 0; i < M->nx; i++)
		M->inst[i] = M->x[i].from;
	qsort(M->inst, (size_t)M->nx, sizeof *M->inst, cmp_long);
	M->ninst = 0;
	for (int i = 0; i < M->nx; i++)
		if (M->ninst == 0 || M->inst[M->ninst - 1] != M->inst[i])
			M->inst[M->ninst++] = M->inst[i];
	if (!(M->cov_off = calloc((size_t)M->ninst + 1, sizeof *M->cov_off)))
		return IGS_ENOMEM;
	long total = 0;
	for (int i = 0; i < M->nx; i++) {
		xcol *X = &M->x[i];
		X->i0 = find_inst(M, X->from);
		X->ni = 0;
		for (int k = X->i0; k < M->ninst && M->inst[k] < X->to; k++)
			X->ni++;
		total += X->ni;
		for (int k = X->i0; k < X->i0 + X->ni; k++)
			M->cov_off[k + 1]++;
	}
	for (int k = 0; k < M->ninst; k++)
		M->cov_off[k + 1] += M->cov_off[k];
	int *fill = calloc((size_t)M->ninst + 1, sizeof *fill);
	if (!fill || !(M->cov = malloc(((size_t)total + 1) * sizeof *M->cov))) {
		free(fill);
		return IGS_ENOMEM;
	}
	for (int i = 0; i < M->nx; i++)
		for (int k = M->x[i].i0; k < M->x[i].i0 + M->x[i].ni; k++)
			M->cov[M->cov_off[k] + fill[k]++] = i;
	free(fill);
	return IGS_OK;
oom:
	free(bits);
	return IGS_ENOMEM;
}

/* ---- rows ---- */

/* Columns (1-based GLPK indices, in M->buf) covering instant k of sessions accepted by the
 * filter; returns their number and the number of distinct sessions among them. */
static int gather(mip *M, int k, bool (*keep)(const mip *, int s, const void *), const void *arg, int *sessions) {
	int n = 0, ns = 0;
	for (int j = M->cov_off[k]; j < M->cov_off[k + 1]; j++) {
		int c = M->cov[j], s = M->x[c].s;
		if (!keep(M, s, arg))
			continue;
		M->buf[n] = c + 1;
		M->val[n] = 1;
		n++;
		if (!M->seen[s]) {
			M->seen[s] = 1;
			ns++;
		}
	}
	for (int j = 0; j < n; j++)
		M->seen[M->x[M->buf[j] - 1].s] = 0;
	*sessions = ns;
	return n;
}

static int session_rows(mip *M) {
	for (int s = 0; s < M->p->n_sessions; s++) {
		int n = M->s_off[s + 1] - M->s_off[s];
		for (int j = 0; j < n; j++) {
			M->buf[j] = M->s_off[s] + j + 1;
			M->val[j] = 1;
		}
		bool opt = M->p->sessions[s].optional;
		if (n == 0) {
			if (!opt)
				return IGS_EINFEASIBLE;
			continue;
		}
		if (add_row(M, opt ? GLP_UP : GLP_FX, opt ? 0 : 1, 1, n, M->buf, M->val) != IGS_OK)
			return IGS_ENOMEM;
	}
	return IGS_OK;
}

/* Hall's condition per instant over the unions of the room sets. */
static int room_rows(mip *M) {
	const igs_problem *p = M->p;
	/* Close the family under union (new unions join the scan as they appear). */
	uint64_t *bits = malloc((size_t)M->words * sizeof *bits);
	if (!bits)
		return IGS_ENOMEM;
	for (int a = 0; a < M->nsets && M->nsets < UNION_MAX; a++)
		for (int b = 0; b < a && M->nsets < UNION_MAX; b++) {
			for (int k = 0; k < M->words; k++)
				bits[k] = M->sets[(size_t)a * M->words + k] | M->sets[(size_t)b * M->words + k];
			if (intern_set(M, bits) < 0) {
				free(bits);
				return IGS_ENOMEM;
			}
		}
	if (M->nsets >= UNION_MAX) {
		/* Too many to close: the union of everything still bounds the total. */
		memset(bits, 0, (size_t)M->words * sizeof *bits);
		for (int a = 0; a < M->nsets; a++)
			for (int k = 0; k < M->words; k++)
				bits[k] |= M->sets[(size_t)a * M->words + k];
		if (intern_set(M, bits) < 0) {
			free(bits);
			return IGS_ENOMEM;
		}
	}
	free(bits);
	for (int k = 0; k < M->ninst; k++) {
		int day = (int)(M->inst[k] / 1440), minute = (int)(M->inst[k] % 1440);
		for (int u = 0; u < M->nsets; u++) {
			const uint64_t *U = &M->sets[(size_t)u * M->words];
			int open = 0;
			for (int r = 0; r < p->n_rooms; r++)
				if ((U[r / 64] >> (r % 64) & 1) && igs_room_available(&p->rooms[r], day, minute, minute + 1))
					open++;
			int n = 0, ns = 0;
			for (int j = M->cov_off[k]; j < M->cov_off[k + 1]; j++) {
				int c = M->cov[j];
				if (!subset(M, M->x[c].set, U))
					continue;
				M->buf[n] = c + 1;
				M->val[n++] = 1;
				if (!M->seen[M->x[c].s]) {
					M->seen[M->x[c].s] = 1;
					ns++;
				}
			}
			for (int j = 0; j < n; j++)
				M->seen[M->x[M->buf[j] - 1].s] = 0;
			if (ns > open && add_row(M, GLP_UP, 0, open, n, M->buf, M->val) != IGS_OK)
				return IGS_ENOMEM;
		}
	}
	return IGS_OK;
}

typedef struct {
	const char *who; /* "person" or "group" */
	int id;
} member_of;

static bool keep_member(const mip *M, int s, const void *arg) {
	const member_of *m = arg;
	const igs_session *S = &M->p->sessions[s];
	if (m->who[0] == 'p') {
		for (int i = 0; i < S->n_people; i++)
			if (S->people[i].person == m->id)
				return true;
		return false;
	}
	for (int i = 0; i < S->n_groups; i++)
		if (S->groups[i] == m->id)
			return true;
	return false;
}

/* One clique row per person (group) and instant: at most one of their sessions runs. A row
 * whose columns the previous row already holds is left out. */
static int clique_rows(mip *M, const char *who, int n_ids, int *prev) {
	const igs_problem *p = M->p;
	/* mark[k] = id + 1: one of the id's sessions may start at instant k */
	int *mark = calloc((size_t)M->ninst + 1, sizeof *mark);
	if (!mark)
		return IGS_ENOMEM;
	int rc = IGS_OK;
	for (int id = 0; id < n_ids && rc == IGS_OK; id++) {
		member_of m = {who, id};
		int nsess = 0;
		for (int s = 0; s < p->n_sessions; s++)
			if (keep_member(M, s, &m))
				nsess++;
		if (nsess < 2)
			continue;
		int nprev = 0;
		for (int s = 0; s < p->n_sessions; s++) {
			if (!keep_member(M, s, &m))
				continue;
			/* Two of its sessions overlap iff the later start finds both running: the
			 * starts of its own candidates are the only instants to check. */
			for (int c = M->s_off[s]; c < M->s_off[s + 1]; c++)
				mark[M->x[c].i0] = id + 1;
		}
		for (int k = 0; k < M->ninst && rc == IGS_OK; k++) {
			if (mark[k] != id + 1)
				continue;
			int ns, n = gather(M, k, keep_member, &m, &ns);
			if (ns < 2)
				continue;
			/* Columns come in increasing order; skip a row contained in the previous one. */
			int i = 0, j = 0;
			while (i < n && j < nprev) {
				if (M->buf[i] == prev[j])
					i++, j++;
				else if (M->buf[i] > prev[j])
					j++;
				else
					break;
			}
			if (i == n)
				continue;
			rc = add_row(M, GLP_UP, 0, 1, n, M->buf, M->val);
			memcpy(prev, M->buf, (size_t)n * sizeof *prev);
			nprev = n;
		}
	}
	free(mark);
	return rc;
}

static bool keep_other(const mip *M, int s, const void *arg) {
	(void)M;
	return s != *(const int *)arg;
}

/* Nothing runs beside an exclusive session: K·(it runs) + (others running) <= K. */
static int exclusive_rows(mip *M) {
	const igs_problem *p = M->p;
	for (int e = 0; e < p->n_sessions; e++) {
		if (!p->rules[p->sessions[e].rule].exclusive)
			continue;
		for (int k = 0; k < M->ninst; k++) {
			int n = 0, mine = 0;
			for (int j = M->cov_off[k]; j < M->cov_off[k + 1]; j++)
				if (M->x[M->cov[j]].s == e)
					mine++;
			if (!mine)
				continue;
			int ns;
			n = gather(M, k, keep_other, &e, &ns);
			int K = ns < p->n_rooms ? ns : p->n_rooms;
			if (K == 0)
				continue;
			for (int j = M->cov_off[k]; j < M->cov_off[k + 1]; j++)
				if (M->x[M->cov[j]].s == e) {
					M->buf[n] = M->cov[j] + 1;
					M->val[n++] = K;
				}
			if (add_row(M, GLP_UP, 0, K, n, M->buf, M->val) != IGS_OK)
				return IGS_ENOMEM;
		}
	}
	return IGS_OK;
}

static bool keep_two(const mip *M, int s, const void *arg) {
	(void)M;
	const int *ab = arg;
	return s == ab[0] || s == ab[1];
}

/* Sessions whose type rules keep them apart (apart_from, apart_same_theme): at most one of
 * the two runs at each instant where either may start. Pairs that also share a person or a
 * group, or involve an exclusive session, have rows of those kinds already. */
static int apart_rows(mip *M) {
	const igs_problem *p = M->p;
	for (int a = 0; a < p->n_sessions; a++) {
		const igs_type_rule *R = &p->rules[p->sessions[a].rule];
		if (R->n_apart + R->n_apart_theme == 0 || M->s_off[a + 1] == M->s_off[a])
			continue;
		int ta = M->x[M->s_off[a]].t;
		for (int b = 0; b < p->n_sessions; b++) {
			if (b == a || M->s_off[b + 1] == M->s_off[b] || igs_place_pair(p, a, ta, -1, b, ta, -2) != IGS_V_APART)
				continue;
			const igs_type_rule *RB = &p->rules[p->sessions[b].rule];
			if (b < a && RB->n_apart + RB->n_apart_theme > 0)
				continue; /* the pair was done from b's side */
			int ab[2] = {a, b};
			for (int k = 0; k < M->ninst; k++) {
				bool starts = false;
				for (int j = M->cov_off[k]; j < M->cov_off[k + 1] && !starts; j++) {
					const xcol *X = &M->x[M->cov[j]];
					starts = (X->s == a || X->s == b) && X->i0 == k;
				}
				int ns, n = starts ? gather(M, k, keep_two, ab, &ns) : 0;
				if (n > 0 && ns == 2 && add_row(M, GLP_UP, 0, 1, n, M->buf, M->val) != IGS_OK)
					return IGS_ENOMEM;
			}
		}
	}
	return IGS_OK;
}

/* fairness: per stakeholder group or region with n optional sessions, L = n − (those placed)
 * left out and f >= L²/n through the secants of the convex L²/n between consecutive integers,
 * f >= ((2j + 1) L − j(j + 1)) / n for j = 0 .. n − 1: exact at every integer L. */
static int fair_rows(mip *M) {
	const igs_problem *p = M->p;
	double wf = p->weights.fairness;
	if (wf <= 0)
		return IGS_OK;
	for (int a = 0; a < IGS_FAIR_ATTRS; a++)
		for (int v = 0; v < p->n_fair[a]; v++) {
			int n = p->fair_optional[a][v];
			if (n == 0)
				continue;
			int nb = 0;
			for (int s = 0; s < p->n_sessions; s++) {
				const igs_session *S = &p->sessions[s];
				if (S->optional && S->fair[a] == v)
					for (int c = M->s_off[s]; c < M->s_off[s + 1]; c++)
						M->buf[nb++] = c + 1;
			}
			if (!igs_grow((void **)&M->fr, &M->cap_fr, M->nfr + 1, sizeof *M->fr))
				return IGS_ENOMEM;
			int f = add_col(M, GLP_CV, 0, n, wf);
			if (f < 0)
				return IGS_ENOMEM;
			M->fr[M->nfr++] = (frec){a, v, f};
			M->buf[nb] = f;
			for (int j = 0; j < n; j++) {
				/* f + (2j + 1)/n · Σx >= (2j + 1) − j(j + 1)/n, from L = n − Σx */
				for (int i = 0; i < nb; i++)
					M->val[i] = (2.0 * j + 1) / n;
				M->val[nb] = 1;
				if (add_row(M, GLP_LO, (2.0 * j + 1) - (double)j * (j + 1) / n, 0, nb + 1, M->buf, M->val) != IGS_OK)
					return IGS_ENOMEM;
			}
		}
	return IGS_OK;
}

static bool keep_class(const mip *M, int s, const void *arg) {
	return igs_parallel_class(M->p, s) == *(const int *)arg;
}

/* At most max_parallel sessions of a class at any instant. With several limits in one class
 * the smallest holds for all: stricter than the evaluator, never looser. */
static int parallel_rows(mip *M) {
	const igs_problem *p = M->p;
	for (int c = 0; c < p->n_parallel; c++) {
		int limit = p->parallel_min[c];
		/* stricter than the evaluator: the optimum is then no proof */
		if (p->parallel_mixed[c])
			M->stricter = true;
		for (int k = 0; k < M->ninst; k++) {
			int ns, n = gather(M, k, keep_class, &c, &ns);
			if (ns > limit && add_row(M, GLP_UP, 0, limit, n, M->buf, M->val) != IGS_OK)
				return IGS_ENOMEM;
		}
	}
	return IGS_OK;
}

/* ---- soft terms ---- */

static bool has_theme(const igs_session *S, int th) {
	for (int i = 0; i < S->n_themes; i++)
		if (S->themes[i] == th)
			return true;
	return false;
}

static bool has_tag(const igs_session *S, int tg) {
	for (int i = 0; i < S->n_tags; i++)
		if (S->tags[i] == tg)
			return true;
	return false;
}

/* Topics whose overlapping pairs cost: each theme, each tag, and for each pair of similar
 * themes (x, y) the sessions with x or y. With single-theme sessions the pairs of x ∪ y are
 * those of x, of y and across, so charging x and y (w_theme − w_sim·sim) each and x ∪ y
 * w_sim·sim charges exactly w_theme per same-theme pair and w_sim·sim per cross pair; a
 * session with both themes is charged less than the evaluator charges it (a lower bound). */
static int build_topics(mip *M) {
	const igs_problem *p = M->p;
	const igs_weights *w = &p->weights;
	int nth = p->n_themes, n = p->n_sessions;
	double lambda = 1;
	M->sim_exact = true;
	if (p->theme_sim && w->similarity_clash > 0)
		for (int x = 0; x < nth; x++) {
			double sum = 0;
			for (int y = 0; y < nth; y++)
				sum += y == x ? 0 : p->theme_sim[x * nth + y];
			if (sum * w->similarity_clash > w->theme_clash && sum > 0) {
				double l = w->theme_clash / (sum * w->similarity_clash);
				lambda = l < lambda ? l : lambda;
				M->sim_exact = false;
			}
		}
	int n_dup = p->dup_start && w->duplicate_clash > 0 ? p->dup_start[n] / 2 : 0;
	int cap = nth + p->n_tags + nth * nth + n_dup + (w->attendee_clash > 0 ? p->n_people : 0);
	if (!(M->topics = calloc((size_t)cap, sizeof *M->topics)))
		return IGS_ENOMEM;
	for (int x = 0; x < nth; x++) {
		double sim = 0;
		for (int y = 0; y < nth && p->theme_sim && w->similarity_clash > 0; y++)
			sim += y == x ? 0 : p->theme_sim[x * nth + y];
		topic *T = &M->topics[M->ntopics++];
		T->weight = w->theme_clash - lambda * w->similarity_clash * sim;
		if (!(T->member = calloc((size_t)n + 1, 1)))
			return IGS_ENOMEM;
		for (int s = 0; s < n; s++)
			T->member[s] = has_theme(&p->sessions[s], x);
	}
	for (int g = 0; g < p->n_tags && w->tag_clash > 0; g++) {
		topic *T = &M->topics[M->ntopics++];
		T->weight = w->tag_clash;
		if (!(T->member = calloc((size_t)n + 1, 1)))
			return IGS_ENOMEM;
		for (int s = 0; s < n; s++)
			T->member[s] = has_tag(&p->sessions[s], g);
	}
	for (int x = 0; x < nth && p->theme_sim && w->similarity_clash > 0; x++)
		for (int y = x + 1; y < nth; y++) {
			double sim = p->theme_sim[x * nth + y];
			if (sim <= 0)
				continue;
			topic *T = &M->topics[M->ntopics++];
			T->weight = lambda * w->similarity_clash * sim;
			if (!(T->member = calloc((size_t)n + 1, 1)))
				return IGS_ENOMEM;
			for (int s = 0; s < n; s++) {
				const igs_session *S = &p->sessions[s];
				bool hx = has_theme(S, x), hy = has_theme(S, y);
				T->member[s] = hx || hy;
				if (hx && hy)
					M->sim_exact = false;
			}
		}
	/* A near-duplicate pair is a topic of its two members: y·w and C(y, 2) count at most one
	 * pair there, so the charge is exact. */
	for (int a = 0; a < n && n_dup > 0; a++)
		for (int k = p->dup_start[a]; k < p->dup_start[a + 1]; k++) {
			if (p->dup_other[k] < a)
				continue;
			topic *T = &M->topics[M->ntopics++];
			T->weight = w->duplicate_clash * p->dup_sim[k];
			if (!(T->member = calloc((size_t)n + 1, 1)))
				return IGS_ENOMEM;
			T->member[a] = T->member[p->dup_other[k]] = 1;
		}
	/* An attendee is a topic of every session they attend or take part in: two of those
	 * that take part cannot overlap (a hard clash), so each overlapping pair there is one
	 * the attendee_clash term charges for this person, and the charge is exact. */
	unsigned char *attends = calloc((size_t)p->n_people + 1, 1);
	if (!attends)
		return IGS_ENOMEM;
	for (int s = 0; s < n; s++)
		for (int k = 0; k < p->sessions[s].n_attendees; k++)
			attends[p->sessions[s].attendees[k]] = 1;
	for (int x = 0; x < p->n_people && w->attendee_clash > 0; x++) {
		if (!attends[x])
			continue;
		topic *T = &M->topics[M->ntopics++];
		T->weight = w->attendee_clash;
		if (!(T->member = calloc((size_t)n + 1, 1))) {
			free(attends);
			return IGS_ENOMEM;
		}
		for (int s = 0; s < n; s++) {
			const igs_session *S = &p->sessions[s];
			for (int k = 0; k < S->n_attendees; k++)
				T->member[s] |= S->attendees[k] == x;
			for (int k = 0; k < S->n_people; k++)
				T->member[s] |= S->people[k].person == x;
		}
	}
	free(attends);
	return IGS_OK;
}

static int topic_rows(mip *M) {
	int nr = M->p->n_rooms;
	for (int q = 0; q < M->ntopics; q++) {
		const topic *T = &M->topics[q];
		if (T->weight <= 0)
			continue;
		for (int k = 0; k < M->ninst; k++) {
			int ny = 0, nw = 0, sy = 0, sw = 0;
			/* starters first in buf, then the sessions already running */
			for (int j = M->cov_off[k]; j < M->cov_off[k + 1]; j++) {
				int c = M->cov[j];
				if (T->member[M->x[c].s] && M->x[c].i0 == k)
					M->buf[ny++] = c + 1;
			}
			if (ny == 0)
				continue;
			for (int j = 0; j < ny; j++)
				if (!M->seen[M->x[M->buf[j] - 1].s]++)
					sy++;
			/* A session that may start here may also be running from an earlier start:
			 * count it on both sides. */
			for (int j = 0; j < ny; j++)
				M->seen[M->x[M->buf[j] - 1].s] = 0;
			for (int j = M->cov_off[k]; j < M->cov_off[k + 1]; j++) {
				int c = M->cov[j];
				if (T->member[M->x[c].s] && M->x[c].i0 != k) {
					M->buf[ny + nw++] = c + 1;
					if (!M->seen[M->x[c].s]++)
						sw++;
				}
			}
			for (int j = 0; j < ny + nw; j++)
				M->seen[M->x[M->buf[j] - 1].s] = 0;
			/* One session sits at one time only, so it never pairs with itself in y·w. */
			int ymax = sy < nr ? sy : nr, wmax = sw < nr ? sw : nr;
			if (ymax < 2 && wmax < 1)
				continue;
			if (!igs_grow((void **)&M->ti, &M->cap_ti, M->nti + 1, sizeof *M->ti))
				return IGS_ENOMEM;
			tirec *R = &M->ti[M->nti++];
			memset(R, 0, sizeof *R);
			R->topic = q;
			R->inst = k;
			R->ymax = ymax;
			R->wmax = wmax;
			if ((R->y = add_col(M, GLP_CV, 0, ymax, 0)) < 0)
				return IGS_ENOMEM;
			/* y row from a copy of the starters: buf[ny] is the first running column */
			int *yb = M->buf + ny + nw + 1;
			double *yv = M->val + ny + nw + 1;
			for (int j = 0; j < ny; j++) {
				yb[j] = M->buf[j];
				yv[j] = 1;
			}
			yb[ny] = R->y;
			yv[ny] = -1;
			if (add_row(M, GLP_FX, 0, 0, ny + 1, yb, yv) != IGS_OK)
				return IGS_ENOMEM;
			if (wmax > 0) {
				if ((R->w = add_col(M, GLP_CV, 0, wmax, 0)) < 0)
					return IGS_ENOMEM;
				for (int j = 0; j < nw; j++)
					M->val[ny + j] = 1;
				M->buf[ny + nw] = R->w;
				M->val[ny + nw] = -1;
				if (add_row(M, GLP_FX, 0, 0, nw + 1, M->buf + ny, M->val + ny) != IGS_OK)
					return IGS_ENOMEM;
				if ((R->z = add_col(M, GLP_CV, 0, ymax * wmax, T->weight)) < 0)
					return IGS_ENOMEM;
				/* y·w >= w once any starter runs, and >= y once any earlier one still runs:
				 * z >= w − wmax·(1 − x_c) per starter c, z >= y − ymax·(1 − x_c) per
				 * running c. Exact while y <= 1 or w <= 1, below y·w otherwise. */
				for (int j = 0; j < ny + nw; j++) {
					int c3[3] = {R->z, j < ny ? R->w : R->y, M->buf[j]};
					double big = j < ny ? wmax : ymax, v[3] = {1, -1, -big};
					if (add_row(M, GLP_LO, -big, 0, 3, c3, v) != IGS_OK)
						return IGS_ENOMEM;
				}
			}
			if (ymax >= 2) {
				if ((R->c = add_col(M, GLP_CV, 0, ymax * (ymax - 1) / 2.0, T->weight)) < 0)
					return IGS_ENOMEM;
				/* C(y, 2) >= j·y − j(j+1)/2: the tangents through consecutive integers */
				for (int j = 1; j < ymax; j++) {
					int c2[2] = {R->c, R->y};
					double v[2] = {1, -(double)j};
					if (add_row(M, GLP_LO, -j * (j + 1) / 2.0, 0, 2, c2, v) != IGS_OK)
						return IGS_ENOMEM;
				}
			}
		}
	}
	return IGS_OK;
}

/* Windows: the pairs of a topic running at instant k began, the later one, within the topic's
 * longest span before k, so the pairs counted at those starts (C(y, 2) + y·w) are at least
 * C(r, 2), r its sessions running at k. The true counts keep these rows, so the bound stays
 * a bound; they lift the relaxation where y·w's cuts give nothing, at fractional starts. */
static int window_rows(mip *M) {
	int *at = malloc(((size_t)M->ninst + 1) * sizeof *at);
	if (!at)
		return IGS_ENOMEM;
	for (int q = 0, first = 0; q < M->ntopics; q++) {
		const topic *T = &M->topics[q];
		for (int k = 0; k < M->ninst; k++)
			at[k] = -1;
		while (first < M->nti && M->ti[first].topic < q)
			first++;
		for (int i = first; i < M->nti && M->ti[i].topic == q; i++)
			at[M->ti[i].inst] = i;
		if (T->weight <= 0)
			continue;
		long span = 0;
		for (int i = 0; i < M->nx; i++)
			if (T->member[M->x[i].s] && M->x[i].to - M->x[i].from > span)
				span = M->x[i].to - M->x[i].from;
		for (int k = 0; k < M->ninst; k++) {
			int n = 0, ns;
			for (int j = M->cov_off[k]; j < M->cov_off[k + 1]; j++)
				if (T->member[M->x[M->cov[j]].s]) {
					M->buf[n] = M->cov[j] + 1;
					M->val[n++] = 1;
					M->seen[M->x[M->cov[j]].s]++;
				}
			ns = 0;
			for (int j = 0; j < n; j++)
				if (M->seen[M->x[M->buf[j] - 1].s]) {
					M->seen[M->x[M->buf[j] - 1].s] = 0;
					ns++;
				}
			int rmax = ns < M->nr ? ns : M->nr, m = n;
			if (rmax < 2)
				continue;
			for (int k2 = k; k2 >= 0 && M->inst[k2] > M->inst[k] - span; k2--) {
				if (at[k2] < 0)
					continue;
				const tirec *R = &M->ti[at[k2]];
				if (R->c)
					M->buf[m++] = R->c;
				if (R->z)
					M->buf[m++] = R->z;
			}
			for (int j = 1; j < rmax && j <= WINDOW_TANGENTS; j++) {
				for (int i = 0; i < m; i++)
					M->val[i] = i < n ? -(double)j : 1;
				if (add_row(M, GLP_LO, -j * (j + 1) / 2.0, 0, m, M->buf, M->val) != IGS_OK) {
					free(at);
					return IGS_ENOMEM;
				}
			}
		}
	}
	free(at);
	return IGS_OK;
}

static uint64_t day_mask(const igs_problem *p, const igs_session *S) {
	uint64_t m = 0;
	for (int k = 0; k < S->n_cand_times; k++)
		if (p->times[S->cand_times[k]].day < 64)
			m |= (uint64_t)1 << p->times[S->cand_times[k]].day;
	return m;
}

static int popcount64(uint64_t m) {
	int n = 0;
	for (; m; m &= m - 1)
		n++;
	return n;
}

/* theme_spread: per theme and day, the sessions beyond the fair share ⌈n / D⌉. When the
 * theme's optional sessions add no day to D, n is modelled exactly by indicators u_m
 * (n = m); otherwise the fair share is bounded from above, which errs low. */
static int spread_rows(mip *M) {
	const igs_problem *p = M->p;
	double wsp = p->weights.theme_spread;
	M->spread_exact = true;
	if (wsp <= 0)
		return IGS_OK;
	for (int th = 0; th < p->n_themes; th++) {
		int n_all = 0, n_req = 0;
		uint64_t m_req = 0, m_all = 0, m_first = 0;
		bool opt_same = true;
		for (int s = 0; s < p->n_sessions; s++) {
			const igs_session *S = &p->sessions[s];
			if (!has_theme(S, th) || M->s_off[s + 1] == M->s_off[s])
				continue;
			uint64_t dm = day_mask(p, S);
			if (n_all == 0)
				m_first = dm;
			opt_same &= dm == m_first;
			n_all++;
			m_all |= dm;
			if (!S->optional) {
				n_req++;
				m_req |= dm;
			}
		}
		if (n_all < 2)
			continue;
		bool varies = n_req < n_all;
		bool exact = !varies || (n_req > 0 ? m_all == m_req : opt_same);
		int D = popcount64(n_req > 0 ? m_req : m_all);
		if (D == 0)
			D = p->n_days > 0 ? p->n_days : 1;
		urec U = {th, 0, n_req, 0};
		double fair = NAN;
		if (!varies) {
			fair = (n_all + D - 1) / D;
		} else if (exact) {
			U.n = n_all - n_req + 1;
			for (int m = 0; m < U.n; m++) {
				int c = add_col(M, GLP_BV, 0, 1, 0);
				if (c < 0)
					return IGS_ENOMEM;
				if (m == 0)
					U.col0 = c;
			}
			/* Σ u = 1 and Σ m·u = the theme's scheduled sessions */
			int n = 0;
			for (int m = 0; m < U.n; m++) {
				M->buf[n] = U.col0 + m;
				M->val[n++] = 1;
			}
			if (add_row(M, GLP_FX, 1, 1, n, M->buf, M->val) != IGS_OK)
				return IGS_ENOMEM;
			n = 0;
			for (int m = 0; m < U.n; m++) {
				M->buf[n] = U.col0 + m;
				M->val[n++] = n_req + m;
			}
			for (int s = 0; s < p->n_sessions; s++)
				if (has_theme(&p->sessions[s], th))
					for (int c = M->s_off[s]; c < M->s_off[s + 1]; c++) {
						M->buf[n] = c + 1;
						M->val[n++] = -1;
					}
			if (add_row(M, GLP_FX, 0, 0, n, M->buf, M->val) != IGS_OK)
				return IGS_ENOMEM;
			if (!igs_grow((void **)&M->ur, &M->cap_ur, M->nur + 1, sizeof *M->ur))
				return IGS_ENOMEM;
			M->ur[M->nur++] = U;
		} else {
			fair = n_req > 0 ? (n_all + D - 1) / D : n_all;
			M->spread_exact = false;
		}
		int min_fair = isnan(fair) ? ((n_req > 1 ? n_req : 1) + D - 1) / D : (int)fair;
		for (int d = 0; d < p->n_days; d++) {
			int n = 0, ns = 0;
			for (int s = 0; s < p->n_sessions; s++) {
				if (!has_theme(&p->sessions[s], th))
					continue;
				bool any = false;
				for (int c = M->s_off[s]; c < M->s_off[s + 1]; c++)
					if (p->times[M->x[c].t].day == d) {
						M->buf[n] = c + 1;
						M->val[n++] = -1;
						any = true;
					}
				ns += any;
			}
			if (ns <= min_fair)
				continue;
			int col = add_col(M, GLP_CV, 0, ns, wsp);
			if (col < 0)
				return IGS_ENOMEM;
			M->buf[n] = col;
			M->val[n++] = 1;
			/* excess − Σ x_d + fair >= 0, fair constant or Σ ⌈m / D⌉·u_m */
			if (isnan(fair))
				for (int m = 0; m < U.n; m++) {
					M->buf[n] = U.col0 + m;
					M->val[n++] = ((n_req + m) + D - 1) / D;
				}
			if (add_row(M, GLP_LO, isnan(fair) ? 0 : -fair, 0, n, M->buf, M->val) != IGS_OK)
				return IGS_ENOMEM;
			if (!igs_grow((void **)&M->sp, &M->cap_sp, M->nsp + 1, sizeof *M->sp))
				return IGS_ENOMEM;
			M->sp[M->nsp++] = (sprec){th, d, col, D, fair};
		}
	}
	return IGS_OK;
}

/* type_spread: for a spread_days type whose sessions are all required, n and the days D are
 * fixed, so the fair share ⌈n / D⌉ is a constant and e_d >= (its sessions on day d) − fair
 * is exact. With optional sessions of the type n varies: the term is left out (a lower
 * bound) and the model is not exact. */
static int type_spread_rows(mip *M) {
	const igs_problem *p = M->p;
	double wt = p->weights.type_spread;
	if (wt <= 0)
		return IGS_OK;
	for (int k = 0; k < p->n_rules; k++) {
		if (!p->rules[k].spread_days)
			continue;
		int n = 0;
		bool optional = false;
		uint64_t days = 0;
		for (int s = 0; s < p->n_sessions; s++)
			if (p->sessions[s].rule == k) {
				n++;
				optional = optional || p->sessions[s].optional;
				days |= day_mask(p, &p->sessions[s]);
			}
		if (n < 2)
			continue;
		if (optional) {
			M->spread_exact = false;
			continue;
		}
		int D = popcount64(days);
		if (D == 0)
			D = p->n_days > 0 ? p->n_days : 1;
		int fair = (n + D - 1) / D;
		for (int d = 0; d < p->n_days; d++) {
			int nb = 0;
			for (int s = 0; s < p->n_sessions; s++)
				if (p->sessions[s].rule == k)
					for (int c = M->s_off[s]; c < M->s_off[s + 1]; c++)
						if (p->times[M->x[c].t].day == d)
							M->buf[nb++] = c + 1;
			if (nb <= fair)
				continue;
			if (!igs_grow((void **)&M->tr, &M->cap_tr, M->ntr + 1, sizeof *M->tr))
				return IGS_ENOMEM;
			int e = add_col(M, GLP_CV, 0, nb - fair, wt);
			if (e < 0)
				return IGS_ENOMEM;
			M->tr[M->ntr++] = (trec){k, d, e, fair};
			for (int i = 0; i < nb; i++)
				M->val[i] = 1;
			M->buf[nb] = e;
			M->val[nb] = -1;
			if (add_row(M, GLP_UP, 0, fair, nb + 1, M->buf, M->val) != IGS_OK)
				return IGS_ENOMEM;
		}
	}
	return IGS_OK;
}

static int build(mip *M) {
	const igs_problem *p = M->p;
	int rc;
	M->nr = p->n_rooms;
	M->words = (p->n_rooms + 63) / 64 > 0 ? (p->n_rooms + 63) / 64 : 1;
	if (M->o->solver == IGS_SOLVER_AUTO) {
		/* A first floor from the candidate times alone, before any column is built. */
		long est = 0;
		for (int s = 0; s < p->n_sessions; s++) {
			const igs_session *S = &p->sessions[s];
			est += (long)S->n_cand_times * (1 + S->n_people + S->n_groups + S->n_themes + S->n_tags);
		}
		if (est > M->o->exact_max_nonzeros) {
			M->nnz = est > INT32_MAX ? INT32_MAX : (int)est;
			return IGS_OK;
		}
	}
	if ((rc = build_columns(M)) != IGS_OK)
		return rc;
	if (M->o->solver == IGS_SOLVER_AUTO) {
		/* Each column enters a row per instant it covers for each of its people, groups,
		 * themes and tags, and its room rows: a floor on the nonzeros, known before
		 * building a matrix that may not fit in memory. */
		long est = 0;
		for (int i = 0; i < M->nx; i++) {
			const igs_session *S = &p->sessions[M->x[i].s];
			est += (long)M->x[i].ni * (1 + S->n_people + S->n_groups + S->n_themes + S->n_tags);
		}
		if (est > M->o->exact_max_nonzeros) {
			M->nnz = est > INT32_MAX ? INT32_MAX : (int)est;
			return IGS_OK;
		}
	}
	long scratch = 2L * M->nx + p->n_sessions + 64;
	if (!(M->buf = malloc((size_t)scratch * sizeof *M->buf)) ||
	    !(M->val = malloc((size_t)scratch * sizeof *M->val)) || !(M->seen = calloc((size_t)p->n_sessions + 1, 1)))
		return IGS_ENOMEM;
	for (int i = 0; i < M->nx; i++) {
		double obj = M->x[i].cost - igs_leave_out_soft(p, M->x[i].s);
		if (add_col(M, GLP_BV, 0, 1, obj) != i + 1)
			return IGS_ENOMEM;
	}
	for (int s = 0; s < p->n_sessions; s++)
		if (p->sessions[s].optional)
			M->obj_const += igs_leave_out_soft(p, s);
	int *prev = malloc((size_t)scratch * sizeof *prev);
	if (!prev)
		return IGS_ENOMEM;
	/* Each family of rows in turn; at verbose 2 the count of each is shown. */
	static const char *const names[] = {"sessions", "rooms", "people", "groups", "exclusive",
					    "parallel", "topics", "spread", "apart", "fairness", "type spread"};
	for (int k = 0; k < 11 && rc == IGS_OK; k++) {
		int r0 = M->nrows, c0 = M->ncols;
		switch (k) {
		case 0: rc = session_rows(M); break;
		case 1: rc = room_rows(M); break;
		case 2: rc = clique_rows(M, "person", p->n_people, prev); break;
		case 3: rc = clique_rows(M, "group", p->n_groups, prev); break;
		case 4: rc = exclusive_rows(M); break;
		case 5: rc = parallel_rows(M); break;
		case 6: rc = build_topics(M) == IGS_OK ? topic_rows(M) : IGS_ENOMEM;
			rc = rc == IGS_OK ? window_rows(M) : rc;
			break;
		case 7: rc = spread_rows(M); break;
		case 8: rc = apart_rows(M); break;
		case 9: rc = fair_rows(M); break;
		default: rc = type_spread_rows(M); break;
		}
		if (M->o->verbose >= 2)
			fprintf(stderr, "exact: %-9s %6d rows %6d columns\n", names[k], M->nrows - r0, M->ncols - c0);
	}
	free(prev);
	return rc;
}

/* ---- a schedule as a point of the model ---- */

static int col_of(const mip *M, int s, int t) {
	for (int c = M->s_off[s]; c < M->s_off[s + 1]; c++)
		if (M->x[c].t == t)
			return c;
	return -1;
}

/* The model's values for a schedule's times (1-based, v[0] unused); false when the schedule
 * places a session where the model has no column. */
static bool point_of(const mip *M, const igs_schedule *sch, double *v) {
	const igs_problem *p = M->p;
	memset(v, 0, ((size_t)M->ncols + 1) * sizeof *v);
	for (int s = 0; s < p->n_sessions; s++) {
		if (sch->time[s] < 0)
			continue;
		int c = col_of(M, s, sch->time[s]);
		if (c < 0)
			return false;
		v[c + 1] = 1;
	}
	for (int i = 0; i < M->nti; i++) {
		const tirec *R = &M->ti[i];
		const topic *T = &M->topics[R->topic];
		int y = 0, w = 0;
		for (int j = M->cov_off[R->inst]; j < M->cov_off[R->inst + 1]; j++) {
			int c = M->cov[j];
			if (!T->member[M->x[c].s] || v[c + 1] < 0.5)
				continue;
			if (M->x[c].i0 == R->inst)
				y++;
			else
				w++;
		}
		v[R->y] = y;
		if (R->w) {
			v[R->w] = w;
			double z = y >= 1 ? w : 0, z2 = w >= 1 ? y : 0;
			v[R->z] = z2 > z ? z2 : z;
		}
		if (R->c)
			v[R->c] = y * (y - 1) / 2.0;
	}
	for (int i = 0; i < M->nur; i++) {
		const urec *U = &M->ur[i];
		int n = 0;
		for (int s = 0; s < p->n_sessions; s++)
			if (sch->time[s] >= 0 && has_theme(&p->sessions[s], U->theme))
				n++;
		if (n - U->m0 < 0 || n - U->m0 >= U->n)
			return false;
		v[U->col0 + n - U->m0] = 1;
	}
	for (int i = 0; i < M->nsp; i++) {
		const sprec *S = &M->sp[i];
		int n = 0, n_theme = 0;
		for (int s = 0; s < p->n_sessions; s++)
			if (sch->time[s] >= 0 && has_theme(&p->sessions[s], S->theme)) {
				n_theme++;
				n += p->times[sch->time[s]].day == S->day;
			}
		double fair = isnan(S->fair) ? (n_theme + S->D - 1) / S->D : S->fair;
		v[S->col] = n > fair ? n - fair : 0;
	}
	for (int i = 0; i < M->nfr; i++) {
		const frec *F = &M->fr[i];
		int left = 0;
		for (int s = 0; s < p->n_sessions; s++)
			left += sch->time[s] < 0 && p->sessions[s].optional && p->sessions[s].fair[F->attr] == F->value;
		v[F->col] = igs_fairness_of(p, F->attr, F->value, left);
	}
	for (int i = 0; i < M->ntr; i++) {
		const trec *R = &M->tr[i];
		int on_day = 0;
		for (int s = 0; s < p->n_sessions; s++)
			on_day += p->sessions[s].rule == R->rule && sch->time[s] >= 0 && p->times[sch->time[s]].day == R->day;
		v[R->col] = on_day > R->fair ? on_day - R->fair : 0;
	}
	return true;
}

/* ---- GLPK ---- */

static int term_hook(void *info, const char *s) {
	const mip *M = info;
	if (M->o->verbose >= 3)
		fputs(s, stderr);
	return 1; /* never GLPK's own printing to standard output */
}

static void error_hook(void *info) {
	mip *M = info;
	longjmp(M->fatal, 1);
}

static void progress(mip *M, glp_tree *T, bool force) {
	double now = now_s();
	if (M->o->verbose < 1 || (!force && now - M->last_print < 1.0))
		return;
	M->last_print = now;
	glp_prob *P = glp_ios_get_prob(T);
	double inc = glp_mip_status(P) == GLP_FEAS || glp_mip_status(P) == GLP_OPT ? glp_mip_obj_val(P) : NAN;
	int a, n, t;
	glp_ios_tree_size(T, &a, &n, &t);
	bool live = M->o->live_progress;
	fprintf(stderr, "%sexact: %7.2f s  nodes %6d active %6d  incumbent %10.3f  bound %10.3f  gap %6.2f %%%s",
		live ? "\r" : "", now - M->t0, t, a, inc, M->bound,
		isnan(inc) || inc <= 0 ? NAN : 100 * (inc - M->bound) / fabs(inc), live ? "\033[K" : "\n");
	fflush(stderr);
}

static void callback(glp_tree *T, void *info) {
	mip *M = info;
	int best = glp_ios_best_node(T);
	if (best) {
		double b = glp_ios_node_bound(T, best);
		if (b > M->bound)
			M->bound = b;
	}
	if (glp_ios_reason(T) == GLP_IHEUR && M->incumbent && !M->given) {
		M->given = true;
		if (glp_ios_heur_sol(T, M->incumbent) != 0 && M->o->verbose >= 2)
			fprintf(stderr, "exact: GLPK did not take the start schedule as incumbent\n");
	}
	if (M->o->interrupt && *M->o->interrupt) {
		M->interrupted = true;
		glp_ios_terminate(T);
	}
	progress(M, T, false);
}

/* Rooms for the sessions the MIP placed on one day: a small assignment MIP that keeps a
 * room to one session at a time and pays the room-dependent cost above the cheapest. */
/* A room-phase column by its cell and track, for meeting.thematic_rooms. */
typedef struct {
	long cell;
	int track, j;
} cell_col;

static int cmp_cell_col(const void *a, const void *b) {
	const cell_col *x = a, *y = b;
	if (x->cell != y->cell)
		return x->cell < y->cell ? -1 : 1;
	if (x->track != y->track)
		return x->track - y->track;
	return x->j - y->j;
}

/* meeting.thematic_rooms in the room phase: a cell (slot, room) whose columns carry more than
 * one track gets a binary z per track, each column x <= its track's z, and the z of the
 * cell sum to at most 1. The time phase leaves the rule out (a relaxation, so its bound
 * stands); a session this phase cannot seat is left for the repair. */
static int track_rows(glp_prob *P, mip *M, const igs_schedule *out, const int *cs, const int *cr, int nc) {
	const igs_problem *p = M->p;
	cell_col *v = malloc((size_t)(nc ? nc : 1) * sizeof *v);
	if (!v)
		return IGS_ENOMEM;
	int n = 0;
	for (int j = 0; j < nc; j++) {
		int slot = igs_cell_slot(p, out->time[cs[j]]);
		if (slot >= 0)
			v[n++] = (cell_col){.cell = (long)slot * p->n_rooms + cr[j], .track = igs_track_of(p, cs[j]), .j = j};
	}
	qsort(v, (size_t)n, sizeof *v, cmp_cell_col);
	for (int a = 0, b; a < n; a = b) {
		for (b = a; b < n && v[b].cell == v[a].cell; b++)
			;
		if (v[a].track == v[b - 1].track)
			continue; /* one track only: nothing to choose */
		int one = glp_add_rows(P, 1), m = 0;
		glp_set_row_bnds(P, one, GLP_UP, 0, 1);
		for (int c = a, e; c < b; c = e) {
			int z = glp_add_cols(P, 1);
			glp_set_col_kind(P, z, GLP_BV);
			M->buf[m] = z;
			M->val[m++] = 1;
			for (e = c; e < b && v[e].track == v[c].track; e++) {
				int row = glp_add_rows(P, 1), ind[3] = {0, v[e].j + 1, z};
				double val[3] = {0, 1, -1};
				glp_set_row_bnds(P, row, GLP_UP, 0, 0);
				glp_set_mat_row(P, row, 2, ind, val);
			}
		}
		glp_set_mat_row(P, one, m, M->buf - 1, M->val - 1);
	}
	free(v);
	return IGS_OK;
}

static int assign_rooms(mip *M, igs_schedule *out, int day, double *extra, double time_left) {
	const igs_problem *p = M->p;
	int n = 0;
	for (int s = 0; s < p->n_sessions; s++)
		if (out->time[s] >= 0 && p->times[out->time[s]].day == day)
			n++;
	if (n == 0)
		return IGS_OK;
	glp_prob *P = glp_create_prob();
	glp_set_obj_dir(P, GLP_MIN);
	int nc = 0, *cs = NULL, *cr = NULL, *cc = NULL, cap = 0, capr = 0, capc = 0;
	int rc = IGS_OK;
	/* Leaving a session without a room costs more than any room could. */
	const double big = 1e6;
	for (int s = 0; s < p->n_sessions; s++) {
		if (out->time[s] < 0 || p->times[out->time[s]].day != day)
			continue;
		int c = col_of(M, s, out->time[s]);
		const uint64_t *U = &M->sets[(size_t)M->x[c].set * M->words];
		for (int r = 0; r < p->n_rooms; r++) {
			if (!(U[r / 64] >> (r % 64) & 1))
				continue;
			if (!igs_grow((void **)&cs, &cap, nc + 1, sizeof *cs) || !igs_grow((void **)&cr, &capr, nc + 1, sizeof *cr) ||
			    !igs_grow((void **)&cc, &capc, nc + 1, sizeof *cc)) {
				rc = IGS_ENOMEM;
				goto cleanup;
			}
			cs[nc] = s;
			cr[nc] = r;
			cc[nc] = c;
			nc++;
		}
	}
	glp_add_cols(P, nc);
	for (int j = 0; j < nc; j++) {
		glp_set_col_kind(P, j + 1, GLP_BV);
		glp_set_obj_coef(P, j + 1, igs_place_soft(p, cs[j], out->time[cs[j]], cr[j]) - M->x[cc[j]].cost - big);
	}
	/* one room per session */
	for (int j = 0, k; j < nc; j = k) {
		int m = 0;
		for (k = j; k < nc && cs[k] == cs[j]; k++) {
			M->buf[m] = k + 1;
			M->val[m++] = 1;
		}
		int row = glp_add_rows(P, 1);
		glp_set_row_bnds(P, row, GLP_UP, 0, 1);
		glp_set_mat_row(P, row, m, M->buf - 1, M->val - 1);
	}
	/* one session per room and instant */
	for (int k = 0; k < M->ninst; k++) {
		if (M->inst[k] / 1440 != day)
			continue;
		for (int r = 0; r < p->n_rooms; r++) {
			int m = 0;
			for (int j = 0; j < nc; j++) {
				const xcol *X = &M->x[cc[j]];
				if (cr[j] == r && X->i0 <= k && k < X->i0 + X->ni) {
					M->buf[m] = j + 1;
					M->val[m++] = 1;
				}
			}
			if (m < 2)
				continue;
			int row = glp_add_rows(P, 1);
			glp_set_row_bnds(P, row, GLP_UP, 0, 1);
			glp_set_mat_row(P, row, m, M->buf - 1, M->val - 1);
		}
	}
	if (p->thematic_rooms && (rc = track_rows(P, M, out, cs, cr, nc)) != IGS_OK)
		goto cleanup;
	glp_iocp io;
	glp_init_iocp(&io);
	io.presolve = GLP_ON;
	io.msg_lev = M->o->verbose >= 3 ? GLP_MSG_ON : GLP_MSG_OFF;
	io.tm_lim = (int)(time_left > 1 ? (time_left < 1e6 ? time_left * 1000 : 1e9) : 1000);
	int ret = glp_intopt(P, &io);
	int st = glp_mip_status(P);
	if (ret != 0 && st != GLP_FEAS && st != GLP_OPT) {
		/* No assignment at all in time: leave the day's sessions for the repair. */
		for (int s = 0; s < p->n_sessions; s++)
			if (out->time[s] >= 0 && p->times[out->time[s]].day == day)
				igs_schedule_set(out, s, -1, -1);
		goto cleanup;
	}
	for (int s = 0; s < p->n_sessions; s++)
		if (out->time[s] >= 0 && p->times[out->time[s]].day == day)
			out->room[s] = -1;
	for (int j = 0; j < nc; j++)
		if (glp_mip_col_val(P, j + 1) > 0.5) {
			out->room[cs[j]] = cr[j];
			*extra += igs_place_soft(p, cs[j], out->time[cs[j]], cr[j]) - M->x[cc[j]].cost;
		}
	for (int s = 0; s < p->n_sessions; s++)
		if (out->time[s] >= 0 && p->times[out->time[s]].day == day && out->room[s] < 0) {
			igs_schedule_set(out, s, -1, -1);
			igs_schedule_set_reason(out, s, "the exact solver found no free room for it at its time");
		}
cleanup:
	glp_delete_prob(P);
	free(cs);
	free(cr);
	free(cc);
	return rc;
}

static bool keeps_hard(const igs_schedule *start) {
	igs_report *r = NULL;
	if (igs_evaluate(&r, start->problem, start) != IGS_OK)
		return false;
	bool ok = igs_report_hard_count(r) == 0;
	igs_report_free(r);
	return ok;
}

/* The built rows and columns as a GLPK problem. */
static glp_prob *load_prob(const mip *M) {
	glp_prob *P = glp_create_prob();
	glp_set_obj_dir(P, GLP_MIN);
	glp_add_cols(P, M->ncols);
	for (int j = 0; j < M->ncols; j++) {
		int kind = M->ctype[j];
		glp_set_col_kind(P, j + 1, kind == GLP_BV ? GLP_BV : GLP_CV);
		if (kind != GLP_BV)
			glp_set_col_bnds(P, j + 1, M->chi[j] > M->clo[j] ? GLP_DB : GLP_FX, M->clo[j], M->chi[j]);
		glp_set_obj_coef(P, j + 1, M->cobj[j]);
	}
	glp_set_obj_coef(P, 0, M->obj_const);
	if (M->nrows > 0) {
		glp_add_rows(P, M->nrows);
		for (int i = 0; i < M->nrows; i++)
			glp_set_row_bnds(P, i + 1, M->rtype[i], M->rlo[i], M->rhi[i]);
		glp_load_matrix(P, M->nnz, M->ia, M->ja, M->ar);
	}
	return P;
}

/* GLPK's LP presolver cannot be stopped by the clock, and its time does not count against
 * tm_lim: about 3 s per million nonzeros on the reference machine (20 s for the 6.8 million of
 * the generated 600-session programme). It speeds the simplex up severalfold (the generated
 * 100-session root LP: 9 s with it, not solved in 30 s without), so it runs when its estimate
 * fits in a quarter of the time left, and the simplex gets what remains. */
#define PRESOLVE_S_PER_NONZERO 3e-6

static void limit_simplex(glp_smcp *sm, long nnz, double left) {
	double cost = PRESOLVE_S_PER_NONZERO * (double)nnz;
	sm->presolve = cost <= 0.25 * left ? GLP_ON : GLP_OFF;
	if (sm->presolve == GLP_ON)
		left -= cost;
	sm->tm_lim = left > 0 ? (int)(left < 2e6 ? left * 1000 : 2e9) : 1;
}

static int run_glpk(mip *M, igs_schedule *s, igs_mip_stats *st) {
	const igs_problem *p = M->p;
	const igs_options *o = M->o;
	int rc = IGS_OK;
	glp_prob *P = load_prob(M);
	st->rows = M->nrows;
	st->cols = M->ncols;
	st->binaries = glp_get_num_bin(P);
	if (o->verbose >= 2)
		fprintf(stderr, "exact: %d rows, %d columns (%d binary), %d nonzeros\n", M->nrows, M->ncols, st->binaries,
			M->nnz);

	double left = o->time_limit - (now_s() - M->t0), lp_start = now_s();
	glp_smcp sm;
	glp_init_smcp(&sm);
	sm.msg_lev = o->verbose >= 3 ? GLP_MSG_ON : GLP_MSG_OFF;
	limit_simplex(&sm, M->nnz, left);
	int ret = glp_simplex(P, &sm);
	if (ret == GLP_ENOPFS || glp_get_status(P) == GLP_NOFEAS) {
		st->infeasible = true;
		rc = IGS_EINFEASIBLE;
		goto done;
	}
	if (ret != 0 || glp_get_status(P) != GLP_OPT) {
		/* No optimal basis (the clock, or a presolved failure): no bound, keep the start. */
		st->timed_out = ret == GLP_ETMLIM;
		goto done;
	}
	M->bound = st->root_bound = glp_get_obj_val(P);
	if (o->verbose >= 1)
		fprintf(stderr, "exact: LP relaxation bound %.3f after %.2f s\n", M->bound, now_s() - M->t0);

	/* GLPK looks at its clock only between LPs, and a node LP costs about what the root LP
	 * did: stop that much early so the limit holds, and keep up to a second for the rooms. */
	double lp_cost = now_s() - lp_start;
	left = o->time_limit - (now_s() - M->t0);
	left -= lp_cost + (left * 0.2 < 1.0 ? left * 0.2 : 1.0);
	glp_iocp io;
	glp_init_iocp(&io);
	io.msg_lev = o->verbose >= 3 ? GLP_MSG_ON : GLP_MSG_OFF;
	io.presolve = GLP_OFF; /* the callback's columns must be the model's own */
	io.cb_func = callback;
	io.cb_info = M;
	io.mip_gap = o->gap;
	io.clq_cuts = GLP_ON;
	io.tm_lim = left > 0 ? (int)(left < 2e6 ? left * 1000 : 2e9) : 1;
	ret = left > 0 ? glp_intopt(P, &io) : GLP_ETMLIM;
	/* end the live progress line (keeping it), whatever follows */
	if (o->verbose >= 1 && o->live_progress && M->last_print > 0)
		fputc('\n', stderr);
	int ms = glp_mip_status(P);
	st->timed_out = ret == GLP_ETMLIM;
	st->interrupted = M->interrupted;
	if (ret == GLP_ENOPFS || ms == GLP_NOFEAS) {
		st->infeasible = true;
		rc = IGS_EINFEASIBLE;
		goto done;
	}
	if (ms != GLP_OPT && ms != GLP_FEAS)
		goto done;
	double obj = glp_mip_obj_val(P);
	st->optimal = ms == GLP_OPT || ret == GLP_EMIPGAP;
	if (ms == GLP_OPT && ret == 0)
		M->bound = obj;
	if (o->verbose >= 1)
		fprintf(stderr, "exact: %7.2f s  %s, objective %.3f, bound %.3f\n", now_s() - M->t0,
			ms == GLP_OPT ? "optimal" : M->interrupted ? "interrupted" : "stopped", obj, M->bound);

	/* The MIP's times, then rooms day by day. */
	for (int i = 0; i < p->n_sessions; i++)
		igs_schedule_set(s, i, -1, -1);
	for (int c = 0; c < M->nx; c++)
		if (glp_mip_col_val(P, c + 1) > 0.5)
			s->time[M->x[c].s] = M->x[c].t;
	bool small = true;
	for (int i = 0; i < M->nti; i++) {
		const tirec *R = &M->ti[i];
		if (R->w && glp_mip_col_val(P, R->y) > 1.5 && glp_mip_col_val(P, R->w) > 1.5)
			small = false;
	}
	double extra = 0;
	for (int d = 0; d < p->n_days && rc == IGS_OK; d++)
		rc = assign_rooms(M, s, d, &extra, o->time_limit - (now_s() - M->t0));
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
		st->bound = M->bound;
	glp_delete_prob(P);
	return rc;
}

/* Everything that touches GLPK. GLPK reports a fatal error (such as running out of memory)
 * through its error hook and cannot go on: the hook jumps back here, and the whole GLPK
 * environment, with every problem object in it, is freed. */
static int solve_glpk(mip *M, igs_schedule *s, igs_mip_stats *st) {
	glp_term_hook(term_hook, M);
	glp_error_hook(error_hook, M);
	if (setjmp(M->fatal)) {
		glp_free_env();
		return IGS_ENOMEM;
	}
	int rc = run_glpk(M, s, st);
	glp_term_hook(NULL, NULL);
	glp_error_hook(NULL, NULL);
	/* GLPK keeps a per-thread environment alive between calls; igfsched holds no GLPK
	 * object past this point, so release it and leave nothing reachable behind. */
	glp_free_env();
	return rc;
}

static void mip_free(mip *M) {
	free(M->x);
	free(M->s_off);
	free(M->sets);
	free(M->inst);
	free(M->cov_off);
	free(M->cov);
	for (int i = 0; i < M->ntopics; i++)
		free(M->topics[i].member);
	free(M->topics);
	free(M->ctype);
	free(M->clo);
	free(M->chi);
	free(M->cobj);
	free(M->rtype);
	free(M->rlo);
	free(M->rhi);
	free(M->ia);
	free(M->ja);
	free(M->ar);
	free(M->ti);
	free(M->sp);
	free(M->ur);
	free(M->fr);
	free(M->tr);
	free(M->buf);
	free(M->val);
	free(M->seen);
	free(M->incumbent);
}

int igs_mip_solve(igs_schedule *s, const igs_schedule *start, const igs_options *o, igs_mip_stats *st) {
	igs_mip_stats dummy;
	mip M;
	memset(&M, 0, sizeof M);
	if (!st)
		st = &dummy;
	memset(st, 0, sizeof *st);
	st->objective = st->bound = st->root_bound = NAN;
	M.p = s->problem;
	M.o = o;
	M.t0 = now_s();
	M.bound = -INFINITY;
	int rc = build(&M);
	if (rc == IGS_EINFEASIBLE) {
		st->infeasible = true;
		goto keep_start;
	}
	if (rc != IGS_OK && !M.too_big)
		goto cleanup;
	if (o->solver == IGS_SOLVER_AUTO && (M.too_big || M.nnz > o->exact_max_nonzeros)) {
		rc = IGS_OK;
		/* GLPK's simplex alone would eat the time limit on a matrix this size. */
		st->skipped = true;
		st->rows = M.nrows;
		st->cols = M.ncols;
		if (o->verbose >= 1 && M.too_big)
			fprintf(stderr,
				"exact: skipped: the model has more nonzeros than --exact-max-nonzeros %ld "
				"(use --solver exact to run it anyway)\n",
				o->exact_max_nonzeros);
		else if (o->verbose >= 1)
			fprintf(stderr,
				"exact: skipped: the model has at least %d nonzeros, above --exact-max-nonzeros %ld "
				"(use --solver exact to run it anyway)\n",
				M.nnz, o->exact_max_nonzeros);
		goto keep_start;
	}
	if (start && keeps_hard(start)) {
		if (!(M.incumbent = malloc(((size_t)M.ncols + 1) * sizeof *M.incumbent))) {
			rc = IGS_ENOMEM;
			goto cleanup;
		}
		if (!point_of(&M, start, M.incumbent)) {
			free(M.incumbent);
			M.incumbent = NULL;
		} else if (o->verbose >= 2) {
			double z = M.obj_const;
			for (int j = 0; j < M.ncols; j++)
				z += M.cobj[j] * M.incumbent[j + 1];
			fprintf(stderr, "exact: start schedule has model objective %.3f\n", z);
		}
	}
	rc = solve_glpk(&M, s, st);
	if (rc == IGS_ENOMEM)
		goto cleanup;
	if (isfinite(M.bound) && !M.stricter)
		st->bound = M.bound;
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
	st->elapsed = now_s() - M.t0;
	mip_free(&M);
	return rc;
}

/* ---- the textbook model, for the benchmark only ----
 *
 * A binary for every session × start × room and a variable for every pair of sessions that
 * may clash (sharing a theme or tag, or with similar themes): the formulation the compact
 * model replaces. Hard rules as in the compact model but per room; clash pairs as
 * p_ab >= (a at t) + (b at a time overlapping t) − 1; theme_spread, room_stability and order
 * are left out, which only makes it easier. */
static int build_textbook(mip *M) {
	const igs_problem *p = M->p;
	const igs_weights *w = &p->weights;
	int rc;
	M->nr = p->n_rooms;
	M->words = (p->n_rooms + 63) / 64 > 0 ? (p->n_rooms + 63) / 64 : 1;
	if ((rc = build_columns(M)) != IGS_OK)
		return rc;
	/* x(s, t, r) for each room of each compact column; z(s, t) = Σ_r x(s, t, r) */
	int *tb_off = malloc(((size_t)M->nx + 1) * sizeof *tb_off), *tb_room = NULL, ntb = 0, cap = 0;
	long scratch = 4L * M->nx * (p->n_rooms + 1) + p->n_sessions + 64;
	if (!tb_off || !(M->buf = malloc((size_t)scratch * sizeof *M->buf)) ||
	    !(M->val = malloc((size_t)scratch * sizeof *M->val)) || !(M->seen = calloc((size_t)p->n_sessions + 1, 1))) {
		free(tb_off);
		return IGS_ENOMEM;
	}
	rc = IGS_ENOMEM;
	for (int c = 0; c < M->nx; c++) {
		const xcol *X = &M->x[c];
		const uint64_t *U = &M->sets[(size_t)X->set * M->words];
		tb_off[c] = ntb;
		for (int r = 0; r < p->n_rooms; r++) {
			if (!(U[r / 64] >> (r % 64) & 1))
				continue;
			if (!igs_grow((void **)&tb_room, &cap, ntb + 1, sizeof *tb_room))
				goto out;
			tb_room[ntb++] = r;
			if (add_col(M, GLP_BV, 0, 1, igs_place_soft(p, X->s, X->t, r) - igs_leave_out_soft(p, X->s)) < 0)
				goto out;
		}
	}
	tb_off[M->nx] = ntb;
	int z0 = M->ncols + 1; /* z(c) is column z0 + c */
	for (int c = 0; c < M->nx; c++) {
		if (add_col(M, GLP_CV, 0, 1, 0) < 0)
			goto out;
		int n = 0;
		for (int j = tb_off[c]; j < tb_off[c + 1]; j++) {
			M->buf[n] = j + 1;
			M->val[n++] = 1;
		}
		M->buf[n] = z0 + c;
		M->val[n++] = -1;
		if (add_row(M, GLP_FX, 0, 0, n, M->buf, M->val) != IGS_OK)
			goto out;
	}
	for (int s = 0; s < p->n_sessions; s++)
		if (p->sessions[s].optional)
			M->obj_const += igs_leave_out_soft(p, s);
	for (int s = 0; s < p->n_sessions; s++) {
		int n = 0;
		for (int c = M->s_off[s]; c < M->s_off[s + 1]; c++) {
			M->buf[n] = z0 + c;
			M->val[n++] = 1;
		}
		bool opt = p->sessions[s].optional;
		if (n && add_row(M, opt ? GLP_UP : GLP_FX, opt ? 0 : 1, 1, n, M->buf, M->val) != IGS_OK)
			goto out;
	}
	/* one session per room and instant */
	for (int k = 0; k < M->ninst; k++)
		for (int r = 0; r < p->n_rooms; r++) {
			int n = 0;
			for (int j = M->cov_off[k]; j < M->cov_off[k + 1]; j++) {
				int c = M->cov[j];
				for (int q = tb_off[c]; q < tb_off[c + 1]; q++)
					if (tb_room[q] == r) {
						M->buf[n] = q + 1;
						M->val[n++] = 1;
					}
			}
			if (n > 1 && add_row(M, GLP_UP, 0, 1, n, M->buf, M->val) != IGS_OK)
				goto out;
		}
	/* people, groups, exclusive and parallel rows over z: the compact model's own, with
	 * its columns renumbered to the z columns */
	int nnz0 = M->nnz, *prev = malloc((size_t)scratch * sizeof *prev);
	if (!prev)
		goto out;
	if (clique_rows(M, "person", p->n_people, prev) != IGS_OK || clique_rows(M, "group", p->n_groups, prev) != IGS_OK ||
	    exclusive_rows(M) != IGS_OK || parallel_rows(M) != IGS_OK || apart_rows(M) != IGS_OK) {
		free(prev);
		goto out;
	}
	free(prev);
	for (int e = nnz0 + 1; e <= M->nnz; e++)
		M->ja[e] = z0 + M->ja[e] - 1;
	/* clash pairs */
	for (int a = 0; a < p->n_sessions; a++)
		for (int b = a + 1; b < p->n_sessions; b++) {
			if (M->s_off[a + 1] == M->s_off[a] || M->s_off[b + 1] == M->s_off[b])
				continue;
			/* the pair's cost when they overlap, as the evaluator charges it */
			const igs_session *A = &p->sessions[a], *B = &p->sessions[b];
			double cost = 0;
			for (int i = 0; i < A->n_themes; i++)
				for (int j = 0; j < B->n_themes; j++) {
					if (A->themes[i] == B->themes[j])
						cost += w->theme_clash;
					else if (p->theme_sim)
						cost += w->similarity_clash * p->theme_sim[A->themes[i] * p->n_themes + B->themes[j]];
				}
			for (int i = 0; i < A->n_tags; i++)
				cost += has_tag(B, A->tags[i]) ? w->tag_clash : 0;
			cost += w->duplicate_clash * igs_dup_link(p, a, b);
			if (cost <= 0)
				continue;
			int pc = add_col(M, GLP_CV, 0, 1, cost);
			if (pc < 0)
				goto out;
			for (int ca = M->s_off[a]; ca < M->s_off[a + 1]; ca++) {
				int n = 0;
				M->buf[n] = pc;
				M->val[n++] = 1;
				M->buf[n] = z0 + ca;
				M->val[n++] = -1;
				for (int cb = M->s_off[b]; cb < M->s_off[b + 1]; cb++)
					if (igs_intervals_overlap(M->x[ca].from, M->x[ca].to, M->x[cb].from, M->x[cb].to)) {
						M->buf[n] = z0 + cb;
						M->val[n++] = -1;
					}
				if (n > 2 && add_row(M, GLP_LO, -1, 0, n, M->buf, M->val) != IGS_OK)
					goto out;
			}
		}
	rc = IGS_OK;
out:
	free(tb_off);
	free(tb_room);
	return rc;
}

static int write_model(mip *M, bool textbook, const char *path, igs_diag *d) {
	int rc = textbook ? build_textbook(M) : build(M);
	if (rc == IGS_ENOMEM)
		return igs_diag_add(d, path, "", "out of memory building the model"), rc;
	if (rc == IGS_EINFEASIBLE)
		return igs_diag_add(d, path, "", "a required session has no candidate placement"), rc;
	glp_term_hook(term_hook, M);
	glp_error_hook(error_hook, M);
	if (setjmp(M->fatal)) {
		glp_free_env();
		return igs_diag_add(d, path, "", "GLPK failed writing the model"), IGS_EIO;
	}
	glp_prob *P = load_prob(M);
	/* glp_write_lp writes in place: write beside the target, then rename over it. */
	char *tmp = malloc(strlen(path) + 8);
	if (!tmp) {
		glp_delete_prob(P);
		return igs_diag_add(d, path, "", "out of memory"), IGS_ENOMEM;
	}
	sprintf(tmp, "%s.tmp", path);
	rc = glp_write_lp(P, NULL, tmp) == 0 && rename(tmp, path) == 0 ? IGS_OK : IGS_EIO;
	if (rc != IGS_OK) {
		remove(tmp);
		igs_diag_add(d, path, "", "cannot write the model");
	}
	free(tmp);
	glp_delete_prob(P);
	glp_term_hook(NULL, NULL);
	glp_error_hook(NULL, NULL);
	glp_free_env();
	return rc;
}

int igs_mip_write_lp(const igs_problem *p, const igs_options *o, bool textbook, const char *path, igs_diag *d) {
	mip M;
	memset(&M, 0, sizeof M);
	/* The whole model, whatever its size: auto's size guard would leave it empty. */
	igs_options whole = *o;
	whole.solver = IGS_SOLVER_EXACT;
	M.p = p;
	M.o = &whole;
	int rc = write_model(&M, textbook, path, d);
	mip_free(&M);
	return rc;
}

/* ---- lower bounds of integer programs built elsewhere ---- */

typedef struct {
	const atomic_int *interrupt;
	int verbose;
	double bound;
	bool interrupted;
	jmp_buf fatal;
} bound_ctx;

static int bound_term_hook(void *info, const char *s) {
	const bound_ctx *B = info;
	if (B->verbose >= 3)
		fputs(s, stderr);
	return 1;
}

static void bound_error_hook(void *info) {
	longjmp(((bound_ctx *)info)->fatal, 1);
}

static void bound_callback(glp_tree *T, void *info) {
	bound_ctx *B = info;
	int best = glp_ios_best_node(T);
	if (best) {
		double b = glp_ios_node_bound(T, best);
		if (b > B->bound)
			B->bound = b;
	}
	if (B->interrupt && *B->interrupt) {
		B->interrupted = true;
		glp_ios_terminate(T);
	}
}

static int glpk_bound_type(double lo, double hi) {
	if (isinf(lo) && isinf(hi))
		return GLP_FR;
	if (isinf(hi))
		return GLP_LO;
	if (isinf(lo))
		return GLP_UP;
	return lo == hi ? GLP_FX : GLP_DB;
}

static int ms_left(double t0, double limit) {
	double left = limit - (now_s() - t0);
	return left <= 0 ? 1 : left < 2e6 ? (int)(left * 1000) : 2000000000;
}

/* ia and ja are 1-based scratch of m->nnz + 1 entries, allocated by the caller so that a GLPK
 * fatal error, which leaves this function by longjmp, leaks nothing. */
static int run_bound(igs_lp_result *out, const igs_lp *m, double time_limit, bound_ctx *B, int *ia, int *ja) {
	double t0 = now_s();
	glp_prob *P = glp_create_prob();
	glp_set_obj_dir(P, GLP_MIN);
	glp_set_obj_coef(P, 0, m->obj_const);
	if (m->n_cols > 0)
		glp_add_cols(P, m->n_cols);
	if (m->n_rows > 0)
		glp_add_rows(P, m->n_rows);
	bool any_integer = false;
	for (int j = 0; j < m->n_cols; j++) {
		glp_set_col_bnds(P, j + 1, glpk_bound_type(m->col_lo[j], m->col_hi[j]), m->col_lo[j], m->col_hi[j]);
		glp_set_obj_coef(P, j + 1, m->obj[j]);
		if (m->integer && m->integer[j]) {
			glp_set_col_kind(P, j + 1, GLP_IV);
			any_integer = true;
		}
	}
	for (int i = 0; i < m->n_rows; i++)
		glp_set_row_bnds(P, i + 1, glpk_bound_type(m->row_lo[i], m->row_hi[i]), m->row_lo[i], m->row_hi[i]);
	for (int k = 0; k < m->nnz; k++) {
		ia[k + 1] = m->ia[k] + 1;
		ja[k + 1] = m->ja[k] + 1;
	}
	if (m->nnz > 0)
		glp_load_matrix(P, m->nnz, ia, ja, m->ar - 1);
	glp_smcp sm;
	glp_init_smcp(&sm);
	sm.msg_lev = B->verbose >= 3 ? GLP_MSG_ON : GLP_MSG_OFF;
	limit_simplex(&sm, m->nnz, time_limit - (now_s() - t0));
	int ret = glp_simplex(P, &sm);
	if (ret == GLP_ENOPFS || glp_get_status(P) == GLP_NOFEAS) {
		out->infeasible = true;
		goto done;
	}
	if (ret != 0 || glp_get_status(P) != GLP_OPT) {
		out->timed_out = ret == GLP_ETMLIM;
		goto done;
	}
	out->lp_bound = out->bound = glp_get_obj_val(P);
	if (!any_integer) {
		out->objective = out->lp_bound;
		out->optimal = true;
		for (int j = 0; m->x && j < m->n_cols; j++)
			m->x[j] = glp_get_col_prim(P, j + 1);
		out->has_x = m->x != NULL;
		goto done;
	}
	glp_iocp io;
	glp_init_iocp(&io);
	io.msg_lev = B->verbose >= 3 ? GLP_MSG_ON : GLP_MSG_OFF;
	io.cb_func = bound_callback;
	io.cb_info = B;
	io.clq_cuts = GLP_ON;
	io.gmi_cuts = GLP_ON;
	io.tm_lim = ms_left(t0, time_limit);
	B->bound = out->lp_bound;
	ret = now_s() - t0 < time_limit ? glp_intopt(P, &io) : GLP_ETMLIM;
	int ms = glp_mip_status(P);
	out->timed_out = ret == GLP_ETMLIM;
	out->interrupted = B->interrupted;
	if (ms == GLP_NOFEAS) {
		out->infeasible = true;
		goto done;
	}
	if (ms == GLP_OPT || ms == GLP_FEAS) {
		out->objective = glp_mip_obj_val(P);
		for (int j = 0; m->x && j < m->n_cols; j++)
			m->x[j] = glp_mip_col_val(P, j + 1);
		out->has_x = m->x != NULL;
	}
	out->optimal = ms == GLP_OPT;
	/* The best node's bound can lag the root's while the tree is young: keep the larger; and no
	 * bound may exceed a solution found. */
	out->bound = out->optimal ? out->objective : B->bound > out->lp_bound ? B->bound : out->lp_bound;
	if (!isnan(out->objective) && out->bound > out->objective)
		out->bound = out->objective;
done:
	glp_delete_prob(P);
	out->elapsed = now_s() - t0;
	return IGS_OK;
}

int igs_mip_bound(igs_lp_result *out, const igs_lp *m, double time_limit, const atomic_int *interrupt, int verbose) {
	*out = (igs_lp_result){.lp_bound = NAN, .bound = NAN, .objective = NAN};
	if (!m || m->n_cols < 0 || m->n_rows < 0 || m->nnz < 0)
		return IGS_EUSAGE;
	for (int k = 0; k < m->nnz; k++)
		if (m->ia[k] < 0 || m->ia[k] >= m->n_rows || m->ja[k] < 0 || m->ja[k] >= m->n_cols)
			return IGS_EUSAGE;
	bound_ctx B = {.interrupt = interrupt, .verbose = verbose, .bound = -INFINITY};
	int *ia = malloc(((size_t)m->nnz + 1) * sizeof *ia), *ja = malloc(((size_t)m->nnz + 1) * sizeof *ja);
	volatile int rc = IGS_ENOMEM; /* read after a longjmp */
	if (!ia || !ja)
		goto cleanup;
	glp_term_hook(bound_term_hook, &B);
	glp_error_hook(bound_error_hook, &B);
	if (setjmp(B.fatal)) {
		glp_free_env();
		*out = (igs_lp_result){.lp_bound = NAN, .bound = NAN, .objective = NAN};
		goto cleanup; /* GLPK's fatal errors are out of memory in practice */
	}
	rc = run_bound(out, m, time_limit, &B, ia, ja);
	glp_term_hook(NULL, NULL);
	glp_error_hook(NULL, NULL);
	glp_free_env();
cleanup:
	free(ia);
	free(ja);
	return rc;
}
