/* The exact solver's compact time-phase model: a time-indexed MIP built through lpbuild.
 *
 * The model chooses start times only. Rooms are aggregated: for every instant and every union
 * U of the sessions' candidate room sets, the sessions running whose rooms lie inside U may
 * not outnumber U's open rooms (Hall's condition); the room phase (solver/mip_rooms.c) then
 * assigns the concrete rooms. Same-topic clashes are counted per instant, not per pair: two
 * overlapping sessions meet at the later one's start, so the pairs of a topic are
 * C(y, 2) + y·w summed over instants, with y the topic's sessions starting there and w those
 * already running; C(y, 2) is a convex piecewise-linear cost, y·w is bounded from below by two
 * big-M cuts that are exact while y <= 1 or w <= 1. Every approximation errs low, so the
 * model's optimum is a proven lower bound on the evaluator's score; docs/SOLVERS.md lists
 * which terms are exact. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "solver/evaluate.h"
#include "solver/mip_model.h"


/* Unions of candidate room sets kept for Hall's condition; beyond it only the sets
 * themselves and their full union are used and the room phase repairs what remains. */
#define UNION_MAX 128
/* Tangents of C(r, 2) per window row, at r = 1, 2, ...: the relaxation's counts stay small. */
#define WINDOW_TANGENTS 3

typedef igs_mip_model mip;
typedef igs_mip_xcol xcol;
typedef igs_mip_tirec tirec;

typedef struct igs_mip_sprec {
	int theme, day, col; /* spread excess column */
	int D;               /* days the theme may use */
	double fair;         /* constant fair share, or NAN when the u-indicators give it */
} sprec;

typedef struct igs_mip_urec {
	int theme, col0, m0, n; /* u-indicator columns col0 .. col0 + n - 1 for counts m0 .. m0 + n - 1 */
} urec;

typedef struct igs_mip_topic {
	char *member; /* per session */
	double weight;
} topic;

typedef struct igs_mip_frec {
	int attr, value, col; /* fairness column of one stakeholder group or region */
} frec;

typedef struct igs_mip_trec {
	int rule, day, col, fair; /* type_spread excess column of one spread_days type and day */
} trec;

/* ---- the builder: columns and rows in lpbuild, 1-based here ---- */

int igs_mip_add_col(mip *M, bool integer, double lo, double hi, double obj) {
	int c = igs_lpb_col(&M->B, obj, lo, hi, integer);
	return c < 0 ? -1 : c + 1;
}

int igs_mip_add_row(mip *M, double lo, double hi, int n, const int *col, const double *val) {
	/* auto stops building a model it would skip anyway: memory and time stay bounded. */
	if (M->o->solver == IGS_SOLVER_AUTO && (long)M->B.nnz + n > M->o->exact_max_nonzeros) {
		M->too_big = true;
		return IGS_ENOMEM;
	}
	int r = igs_lpb_row(&M->B, lo, hi);
	for (int k = 0; k < n; k++)
		igs_lpb_entry(&M->B, r, col[k] - 1, val[k]);
	return M->B.oom ? IGS_ENOMEM : IGS_OK;
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

int igs_mip_model_columns(mip *M) {
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
		if (igs_mip_add_row(M, opt ? -INFINITY : 1, 1, n, M->buf, M->val) != IGS_OK)
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
			if (ns > open && igs_mip_add_row(M, -INFINITY, open, n, M->buf, M->val) != IGS_OK)
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
			rc = igs_mip_add_row(M, -INFINITY, 1, n, M->buf, M->val);
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
			if (igs_mip_add_row(M, -INFINITY, K, n, M->buf, M->val) != IGS_OK)
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
				if (n > 0 && ns == 2 && igs_mip_add_row(M, -INFINITY, 1, n, M->buf, M->val) != IGS_OK)
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
			int f = igs_mip_add_col(M, false, 0, n, wf);
			if (f < 0)
				return IGS_ENOMEM;
			M->fr[M->nfr++] = (frec){a, v, f};
			M->buf[nb] = f;
			for (int j = 0; j < n; j++) {
				/* f + (2j + 1)/n · Σx >= (2j + 1) − j(j + 1)/n, from L = n − Σx */
				for (int i = 0; i < nb; i++)
					M->val[i] = (2.0 * j + 1) / n;
				M->val[nb] = 1;
				if (igs_mip_add_row(M, (2.0 * j + 1) - (double)j * (j + 1) / n, INFINITY, nb + 1, M->buf, M->val) != IGS_OK)
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
			if (ns > limit && igs_mip_add_row(M, -INFINITY, limit, n, M->buf, M->val) != IGS_OK)
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

bool igs_mip_has_tag(const igs_session *S, int tg) {
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
			T->member[s] = igs_mip_has_tag(&p->sessions[s], g);
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
			if ((R->y = igs_mip_add_col(M, false, 0, ymax, 0)) < 0)
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
			if (igs_mip_add_row(M, 0, 0, ny + 1, yb, yv) != IGS_OK)
				return IGS_ENOMEM;
			if (wmax > 0) {
				if ((R->w = igs_mip_add_col(M, false, 0, wmax, 0)) < 0)
					return IGS_ENOMEM;
				for (int j = 0; j < nw; j++)
					M->val[ny + j] = 1;
				M->buf[ny + nw] = R->w;
				M->val[ny + nw] = -1;
				if (igs_mip_add_row(M, 0, 0, nw + 1, M->buf + ny, M->val + ny) != IGS_OK)
					return IGS_ENOMEM;
				if ((R->z = igs_mip_add_col(M, false, 0, ymax * wmax, T->weight)) < 0)
					return IGS_ENOMEM;
				/* y·w >= w once any starter runs, and >= y once any earlier one still runs:
				 * z >= w − wmax·(1 − x_c) per starter c, z >= y − ymax·(1 − x_c) per
				 * running c. Exact while y <= 1 or w <= 1, below y·w otherwise. */
				for (int j = 0; j < ny + nw; j++) {
					int c3[3] = {R->z, j < ny ? R->w : R->y, M->buf[j]};
					double big = j < ny ? wmax : ymax, v[3] = {1, -1, -big};
					if (igs_mip_add_row(M, -big, INFINITY, 3, c3, v) != IGS_OK)
						return IGS_ENOMEM;
				}
			}
			if (ymax >= 2) {
				if ((R->c = igs_mip_add_col(M, false, 0, ymax * (ymax - 1) / 2.0, T->weight)) < 0)
					return IGS_ENOMEM;
				/* C(y, 2) >= j·y − j(j+1)/2: the tangents through consecutive integers */
				for (int j = 1; j < ymax; j++) {
					int c2[2] = {R->c, R->y};
					double v[2] = {1, -(double)j};
					if (igs_mip_add_row(M, -j * (j + 1) / 2.0, INFINITY, 2, c2, v) != IGS_OK)
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
				if (igs_mip_add_row(M, -j * (j + 1) / 2.0, INFINITY, m, M->buf, M->val) != IGS_OK) {
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
				int c = igs_mip_add_col(M, true, 0, 1, 0);
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
			if (igs_mip_add_row(M, 1, 1, n, M->buf, M->val) != IGS_OK)
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
			if (igs_mip_add_row(M, 0, 0, n, M->buf, M->val) != IGS_OK)
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
			int col = igs_mip_add_col(M, false, 0, ns, wsp);
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
			if (igs_mip_add_row(M, isnan(fair) ? 0 : -fair, INFINITY, n, M->buf, M->val) != IGS_OK)
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
			int e = igs_mip_add_col(M, false, 0, nb - fair, wt);
			if (e < 0)
				return IGS_ENOMEM;
			M->tr[M->ntr++] = (trec){k, d, e, fair};
			for (int i = 0; i < nb; i++)
				M->val[i] = 1;
			M->buf[nb] = e;
			M->val[nb] = -1;
			if (igs_mip_add_row(M, -INFINITY, fair, nb + 1, M->buf, M->val) != IGS_OK)
				return IGS_ENOMEM;
		}
	}
	return IGS_OK;
}

/* A first floor on the nonzeros from the candidate times alone, before any column is built. */
static long times_floor(const igs_problem *p) {
	long est = 0;
	for (int s = 0; s < p->n_sessions; s++) {
		const igs_session *S = &p->sessions[s];
		est += (long)S->n_cand_times * (1 + S->n_people + S->n_groups + S->n_themes + S->n_tags);
	}
	return est;
}

bool igs_mip_skipped_early(const igs_problem *p, const igs_options *o) {
	return o->solver == IGS_SOLVER_AUTO && times_floor(p) > o->exact_max_nonzeros;
}

int igs_mip_model_build(mip *M) {
	const igs_problem *p = M->p;
	int rc;
	M->nr = p->n_rooms;
	M->words = (p->n_rooms + 63) / 64 > 0 ? (p->n_rooms + 63) / 64 : 1;
	if (M->o->solver == IGS_SOLVER_AUTO) {
		long est = times_floor(p);
		if (est > M->o->exact_max_nonzeros) {
			M->nnz_floor = est > INT32_MAX ? INT32_MAX : (int)est;
			return IGS_OK;
		}
	}
	if ((rc = igs_mip_model_columns(M)) != IGS_OK)
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
			M->nnz_floor = est > INT32_MAX ? INT32_MAX : (int)est;
			return IGS_OK;
		}
	}
	long scratch = 2L * M->nx + p->n_sessions + 64;
	if (!(M->buf = malloc((size_t)scratch * sizeof *M->buf)) ||
	    !(M->val = malloc((size_t)scratch * sizeof *M->val)) || !(M->seen = calloc((size_t)p->n_sessions + 1, 1)))
		return IGS_ENOMEM;
	for (int i = 0; i < M->nx; i++) {
		double obj = M->x[i].cost - igs_leave_out_soft(p, M->x[i].s);
		if (igs_mip_add_col(M, true, 0, 1, obj) != i + 1)
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
		int r0 = M->B.n_rows, c0 = M->B.n_cols;
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
			fprintf(stderr, "exact: %-9s %6d rows %6d columns\n", names[k], M->B.n_rows - r0,
				M->B.n_cols - c0);
	}
	free(prev);
	return rc;
}

/* ---- a schedule as a point of the model ---- */

int igs_mip_model_column_of(const mip *M, int s, int t) {
	for (int c = M->s_off[s]; c < M->s_off[s + 1]; c++)
		if (M->x[c].t == t)
			return c;
	return -1;
}

bool igs_mip_model_point(const mip *M, const igs_schedule *sch, double *v) {
	const igs_problem *p = M->p;
	memset(v, 0, ((size_t)M->B.n_cols + 1) * sizeof *v);
	for (int s = 0; s < p->n_sessions; s++) {
		if (sch->time[s] < 0)
			continue;
		int c = igs_mip_model_column_of(M, s, sch->time[s]);
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

/* ---- parts the textbook model shares ---- */

int igs_mip_model_clash_rows(mip *M, int *prev) {
	const igs_problem *p = M->p;
	if (clique_rows(M, "person", p->n_people, prev) != IGS_OK || clique_rows(M, "group", p->n_groups, prev) != IGS_OK ||
	    exclusive_rows(M) != IGS_OK || parallel_rows(M) != IGS_OK || apart_rows(M) != IGS_OK)
		return IGS_ENOMEM;
	return IGS_OK;
}

void igs_mip_model_free(mip *M) {
	free(M->x);
	free(M->s_off);
	free(M->sets);
	free(M->inst);
	free(M->cov_off);
	free(M->cov);
	for (int i = 0; i < M->ntopics; i++)
		free(M->topics[i].member);
	free(M->topics);
	igs_lpb_free(&M->B);
	free(M->ti);
	free(M->sp);
	free(M->ur);
	free(M->fr);
	free(M->tr);
	free(M->buf);
	free(M->val);
	free(M->seen);
}
