/* The decomposition lower bound. The score is a sum of parts (each session's placement, each
 * group of similar themes' clashes, the tags', the spreads, …); the minimum of a sum is at
 * least the sum of the parts' minima, so bounding each part alone bounds the score. Parts of
 * one session are exact in closed form, the spreads by a flow, the clash parts by the compact
 * MIP of a sub-problem that holds only that part's terms (solver/mip.c). */
#include <jansson.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "model/report.h"
#include "solver/bound.h"
#include "solver/evaluate.h"
#include "solver/glpk.h"
#include "solver/lpbuild.h"
#include "solver/mip.h"

#define TERM(f) (1u << IGS_TERM_##f)

static double now_s(void) {
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

static const char *const term_names[] = {
#define IGS_TERM_NAME_(f, n, d, m, h) n,
	IGS_WEIGHTS(IGS_TERM_NAME_)
#undef IGS_TERM_NAME_
};

static double weight_of(const igs_weights *w, int k) {
	const double v[] = {
#define IGS_TERM_W_(f, n, d, m, h) w->f,
		IGS_WEIGHTS(IGS_TERM_W_)
#undef IGS_TERM_W_
	};
	return v[k];
}

static void set_weight(igs_weights *w, int k, double x) {
	double *v[] = {
#define IGS_TERM_P_(f, n, d, m, h) &w->f,
		IGS_WEIGHTS(IGS_TERM_P_)
#undef IGS_TERM_P_
	};
	*v[k] = x;
}

/* p's weights of the terms in mask, the others 0. */
static igs_weights weights_of(const igs_problem *p, unsigned mask) {
	igs_weights w;
	memset(&w, 0, sizeof w);
	for (int k = 0; k < IGS_N_TERMS; k++)
		if (mask >> k & 1)
			set_weight(&w, k, weight_of(&p->weights, k));
	return w;
}

static igs_bound_part *add_part(igs_bound *b, const char *name, unsigned terms) {
	igs_bound_part *np = realloc(b->parts, ((size_t)b->n_parts + 1) * sizeof *np);
	if (!np)
		return NULL;
	b->parts = np;
	igs_bound_part *P = &b->parts[b->n_parts++];
	memset(P, 0, sizeof *P);
	snprintf(P->name, sizeof P->name, "%s", name);
	P->terms = terms;
	P->proven = true;
	P->method = "closed form";
	P->best = NAN;
	return P;
}

/* ---- placement: every term of one session alone ---- */

/* Each session's cheapest valid placement (or, optional, leaving it out): capacity,
 * preference, remote hours, the changes against a reference and unscheduled. The terms of the
 * cheapest choice are what the part holds of each. */
static int placement_part(igs_bound *b, const igs_problem *p) {
	const unsigned mask = TERM(capacity_over) | TERM(capacity_waste) | TERM(preference) | TERM(remote_hours) |
			      TERM(change_day) | TERM(change_time) | TERM(change_room) | TERM(unscheduled);
	igs_bound_part *P = add_part(b, "placement", mask);
	if (!P)
		return IGS_ENOMEM;
	igs_problem one = *p;
	for (int s = 0; s < p->n_sessions; s++) {
		const igs_session *S = &p->sessions[s];
		double best = S->optional ? igs_leave_out_soft(p, s) : INFINITY;
		int bt = -1, br = -1;
		for (int i = 0; i < S->n_cand_times; i++)
			for (int j = 0; j < S->n_cand_rooms; j++) {
				int t = S->cand_times[i], r = S->cand_rooms[j];
				if (igs_place_unary(p, s, t, r) >= 0)
					continue;
				double c = igs_place_soft(p, s, t, r);
				if (c < best) {
					best = c;
					bt = t;
					br = r;
				}
			}
		/* A required session with no valid placement: no schedule is feasible, and every
		 * bound holds. */
		if (!isfinite(best))
			continue;
		P->sessions++;
		P->value += best;
		for (int k = 0; k < IGS_N_TERMS; k++) {
			if (!(mask >> k & 1) || weight_of(&p->weights, k) == 0)
				continue;
			one.weights = weights_of(p, 1u << k);
			P->term[k] += bt >= 0 ? igs_place_soft(&one, s, bt, br) : igs_leave_out_soft(&one, s);
		}
	}
	return IGS_OK;
}

/* ---- placement and room-time: who gets a room at all ---- */

/* The minutes a room can hold on day d: the day's slots joined through gaps of at most
 * join_gap (a session may run on through those, never through a longer one). Sessions in one
 * room never overlap and each lies inside such a block, so their durations sum to at most this. */
static long day_minutes(const igs_problem *p, int d) {
	const igs_day *D = &p->days[d];
	long total = 0;
	for (int k = 0; k < D->n_slots; k++) {
		total += D->slots[k].to - D->slots[k].from;
		if (k > 0 && D->slots[k].from - D->slots[k - 1].to <= p->join_gap)
			total += D->slots[k].from - D->slots[k - 1].to;
	}
	return total;
}

/* The placement part again, with the rooms' time shared: a binary per session and (day, room)
 * where it has a valid placement, costing its cheapest placement there, or leaving an optional
 * session out; per (day, room) the durations placed fit the room's minutes. Every feasible
 * schedule is a point of it, so its bound bounds the same terms as the closed form, and it is
 * stronger when the programme is oversubscribed: some optional sessions must be left out. The
 * part keeps the larger of the two. */
static int roomtime_part(igs_bound *b, const igs_problem *p, const igs_options *o, double budget, int placement) {
	int n = p->n_sessions, nd = p->n_days, nr = p->n_rooms, rc = IGS_OK;
	double t0 = now_s();
	igs_lpb B;
	memset(&B, 0, sizeof B);
	int *col_s = NULL, *col_dr = NULL, ncols = 0, cap = 0;
	double *x = NULL, *cost = malloc(((size_t)nd * nr + 1) * sizeof *cost), obj_const = 0;
	if (!cost) {
		rc = IGS_ENOMEM;
		goto done;
	}
	for (int s = 0; s < n; s++) {
		const igs_session *S = &p->sessions[s];
		for (int k = 0; k < nd * nr; k++)
			cost[k] = INFINITY;
		for (int i = 0; i < S->n_cand_times; i++)
			for (int j = 0; j < S->n_cand_rooms; j++) {
				int t = S->cand_times[i], r = S->cand_rooms[j], k = p->times[t].day * nr + r;
				if (igs_place_unary(p, s, t, r) >= 0)
					continue;
				double c = igs_place_soft(p, s, t, r);
				cost[k] = c < cost[k] ? c : cost[k];
			}
		double leave = igs_leave_out_soft(p, s);
		if (S->optional)
			obj_const += leave;
		int first = ncols;
		for (int k = 0; k < nd * nr; k++) {
			if (!isfinite(cost[k]))
				continue;
			int had = cap;
			if (!igs_grow((void **)&col_s, &cap, ncols + 1, sizeof *col_s)) {
				rc = IGS_ENOMEM;
				goto done;
			}
			if (cap != had) {
				int *g = realloc(col_dr, (size_t)cap * sizeof *g);
				if (!g) {
					rc = IGS_ENOMEM;
					goto done;
				}
				col_dr = g;
			}
			col_s[ncols] = s;
			col_dr[ncols++] = k;
			igs_lpb_col(&B, cost[k] - (S->optional ? leave : 0), 0, 1, true);
		}
		/* A required session with no valid placement: no schedule is feasible. */
		if (ncols == first && !S->optional) {
			b->parts[placement].method = "closed form (a required session has no placement)";
			goto done;
		}
		int row = igs_lpb_row(&B, S->optional ? -INFINITY : 1, 1);
		for (int c = first; c < ncols; c++)
			igs_lpb_entry(&B, row, c, 1);
	}
	/* Per (day, room), the columns there: one pass per room-day over the columns, grouped. */
	for (int k = 0; k < nd * nr; k++) {
		int row = -1;
		for (int c = 0; c < ncols; c++)
			if (col_dr[c] == k) {
				if (row < 0)
					row = igs_lpb_row(&B, -INFINITY, (double)day_minutes(p, k / nr));
				igs_lpb_entry(&B, row, c, p->sessions[col_s[c]].duration);
			}
	}
	if (B.oom || !(x = malloc(((size_t)ncols + 1) * sizeof *x))) {
		rc = IGS_ENOMEM;
		goto done;
	}
	igs_lp m = igs_lpb_lp(&B, obj_const, x);
	igs_lp_result res;
	if ((rc = igs_mip_bound(&res, &m, budget > 0.05 ? budget : 0.05, o->interrupt, o->verbose >= 3 ? 3 : 0)) != IGS_OK) {
		rc = rc == IGS_ENOMEM ? rc : IGS_OK;
		goto done;
	}
	igs_bound_part *P = &b->parts[placement];
	double v = res.bound;
	if (isfinite(v) && v > P->value + 1e-9) {
		/* Apportion over the terms as the program's best solution splits its cost. */
		double split[IGS_N_TERMS] = {0}, sum = 0;
		igs_problem one = *p;
		for (int s = 0, c = 0; res.has_x && s < n; s++) {
			bool placed = false;
			for (; c < ncols && col_s[c] == s; c++) {
				if (x[c] < 0.5)
					continue;
				placed = true;
				int d = col_dr[c] / nr, r = col_dr[c] % nr;
				for (int k = 0; k < IGS_N_TERMS; k++) {
					if (!(P->terms >> k & 1) || weight_of(&p->weights, k) == 0)
						continue;
					one.weights = weights_of(p, 1u << k);
					double best = INFINITY;
					for (int i = 0; i < p->sessions[s].n_cand_times; i++) {
						int t = p->sessions[s].cand_times[i];
						if (p->times[t].day == d && igs_place_unary(p, s, t, r) < 0)
							best = fmin(best, igs_place_soft(&one, s, t, r));
					}
					split[k] += isfinite(best) ? best : 0;
				}
			}
			for (int k = 0; !placed && k < IGS_N_TERMS; k++)
				if (P->terms >> k & 1 && weight_of(&p->weights, k) > 0) {
					one.weights = weights_of(p, 1u << k);
					split[k] += igs_leave_out_soft(&one, s);
				}
		}
		for (int k = 0; k < IGS_N_TERMS; k++)
			sum += split[k];
		for (int k = 0; k < IGS_N_TERMS; k++)
			if (P->terms >> k & 1 && weight_of(&p->weights, k) > 0)
				P->term[k] = sum > 0 ? v * split[k] / sum : k == IGS_TERM_unscheduled ? v : 0;
		P->value = v;
		P->method = res.optimal ? "room-time mip" : "room-time mip (cut by its time limit)";
	}
	P->proven = res.optimal;
	if (!res.optimal)
		b->split.complete = false;
done:
	b->parts[placement].seconds = now_s() - t0;
	free(cost);
	free(col_s);
	free(col_dr);
	free(x);
	igs_lpb_free(&B);
	return rc;
}

/* ---- spreads: a flow of the required sessions into days of a fair share each ---- */

/* Augmenting paths of excess_flow: can session u take a day, moving others along? Each level
 * visits a day not seen before, so the depth is at most the days. */
typedef struct {
	const uint64_t *days;
	int n, n_days, cap;
	int *load, *match;
	unsigned char *seen;
} flow;

static bool augment(flow *F, int u) {
	for (int d = 0; d < F->n_days; d++) {
		if (!(F->days[u] >> d & 1) || F->seen[d])
			continue;
		F->seen[d] = 1;
		if (F->load[d] < F->cap) {
			F->load[d]++;
			F->match[u] = d;
			return true;
		}
		for (int v = 0; v < F->n; v++)
			if (F->match[v] == d && augment(F, v)) {
				F->match[u] = d;
				return true;
			}
	}
	return false;
}

/* The fewest sessions beyond cap on some day when each of the n sessions takes one of its
 * days (days[i], a bit per day): n less a maximum assignment into cap places per day. */
static int excess_flow(flow *F) {
	int matched = 0;
	for (int d = 0; d < F->n_days; d++)
		F->load[d] = 0;
	for (int i = 0; i < F->n; i++)
		F->match[i] = -1;
	for (int i = 0; i < F->n; i++) {
		memset(F->seen, 0, (size_t)F->n_days);
		matched += augment(F, i);
	}
	return F->n - matched;
}

/* The days a session can take (a valid placement there), and the evaluator's day mask (its
 * candidate times), which D counts. */
static void session_days(const igs_problem *p, int s, uint64_t *valid, uint64_t *cand) {
	const igs_session *S = &p->sessions[s];
	*valid = *cand = 0;
	for (int i = 0; i < S->n_cand_times; i++) {
		int t = S->cand_times[i], day = p->times[t].day;
		if (day >= 64)
			continue;
		*cand |= (uint64_t)1 << day;
		for (int j = 0; j < S->n_cand_rooms && !(*valid >> day & 1); j++)
			if (igs_place_unary(p, s, t, S->cand_rooms[j]) < 0)
				*valid |= (uint64_t)1 << day;
	}
}

static int popcount64(uint64_t m) {
	int n = 0;
	for (; m; m &= m - 1)
		n++;
	return n;
}

/* theme_spread (kind 0, per theme) or type_spread (kind 1, per spread_days type). For a set of
 * sessions with R required of N: whatever is scheduled, D counts at least the required ones'
 * candidate days D_R and n is at most N, so the fair share is at most F = ⌈N / D_R⌉ and the
 * excess at least that of the required sessions over F per day: R less a maximum flow into
 * days of F places each. */
static int spread_part(igs_bound *b, const igs_problem *p, int kind) {
	int term = kind == 0 ? IGS_TERM_theme_spread : IGS_TERM_type_spread;
	double w = weight_of(&p->weights, term);
	int groups = kind == 0 ? p->n_themes : p->n_rules;
	if (w <= 0 || p->n_days > 64)
		return IGS_OK;
	igs_bound_part *P = add_part(b, term_names[term], 1u << term);
	if (!P)
		return IGS_ENOMEM;
	P->method = "flow";
	P->proven = false;
	int n = p->n_sessions, nd = p->n_days;
	uint64_t *days = malloc(((size_t)n + 1) * sizeof *days);
	int *load = malloc(((size_t)nd + 1) * sizeof *load), *match = malloc(((size_t)n + 1) * sizeof *match);
	unsigned char *seen = malloc((size_t)nd + 1);
	int rc = IGS_OK;
	if (!days || !load || !match || !seen) {
		rc = IGS_ENOMEM;
		goto done;
	}
	for (int g = 0; g < groups; g++) {
		int R = 0, N = 0;
		uint64_t dr = 0;
		for (int s = 0; s < n; s++) {
			const igs_session *S = &p->sessions[s];
			bool in = false;
			if (kind == 1)
				in = S->rule == g && p->rules[g].spread_days;
			for (int k = 0; kind == 0 && k < S->n_themes && !in; k++)
				in = S->themes[k] == g;
			if (!in)
				continue;
			N++;
			if (S->optional)
				continue;
			uint64_t valid, cand;
			session_days(p, s, &valid, &cand);
			days[R++] = valid;
			dr |= cand;
		}
		if (R == 0)
			continue;
		P->sessions += N;
		int D = popcount64(dr);
		if (D == 0)
			D = nd > 0 ? nd : 1;
		flow fl = {days, R, nd, (N + D - 1) / D, load, match, seen};
		P->value += w * excess_flow(&fl);
	}
	P->proven = true;
	P->term[term] = P->value;
done:
	free(days);
	free(load);
	free(match);
	free(seen);
	return rc;
}

/* ---- clash parts in closed form: pigeonhole over one track of time ---- */

static int cmp_int(const void *a, const void *b) {
	return *(const int *)a - *(const int *)b;
}

/* At most how many of the required sessions flagged in mark can run pairwise apart (one after
 * another, in any rooms)? Their durations fit in the minutes of the days (day_minutes), and
 * those on day d fit in day d's among the sessions that may run on d: the fewer of the two
 * counts by shortest first. */
static int apart_max(const igs_problem *p, const unsigned char *mark, int *dur) {
	int n = 0, best = 0;
	long total = 0, used = 0;
	for (int d = 0; d < p->n_days; d++)
		total += day_minutes(p, d);
	for (int s = 0; s < p->n_sessions; s++)
		if (mark[s])
			dur[n++] = p->sessions[s].duration;
	qsort(dur, (size_t)n, sizeof *dur, cmp_int);
	while (best < n && used + dur[best] <= total)
		used += dur[best++];
	int per_day = 0;
	for (int d = 0; d < p->n_days && d < 64; d++) {
		int m = 0, k = 0;
		long left = day_minutes(p, d);
		for (int s = 0; s < p->n_sessions; s++) {
			uint64_t valid, cand;
			if (!mark[s])
				continue;
			session_days(p, s, &valid, &cand);
			if (valid >> d & 1)
				dur[m++] = p->sessions[s].duration;
		}
		qsort(dur, (size_t)m, sizeof *dur, cmp_int);
		while (k < m && dur[k] <= left)
			left -= dur[k++];
		per_day += k;
	}
	return per_day < best ? per_day : best;
}

/* The fewest overlapping pairs among n placed sessions of which at most a run pairwise apart.
 * Their overlap graph is an interval graph, whose complement is perfect: its vertices split
 * into at most a cliques, each of m sessions giving C(m, 2) pairs, fewest when as even as can
 * be. */
static double forced_pairs(int n, int a) {
	if (a <= 0 || n <= a)
		return 0;
	long q = n / a, r = n % a;
	return (double)(r * (q + 1) * q / 2 + (a - r) * q * (q - 1) / 2);
}

/* The required sessions with theme x (or with x or y when y >= 0) in mark; their count. */
static int mark_theme(const igs_problem *p, int x, int y, unsigned char *mark) {
	int n = 0;
	for (int s = 0; s < p->n_sessions; s++) {
		const igs_session *S = &p->sessions[s];
		mark[s] = 0;
		for (int k = 0; k < S->n_themes && !S->optional; k++)
			mark[s] |= S->themes[k] == x || (y >= 0 && S->themes[k] == y);
		n += mark[s];
	}
	return n;
}

/* A closed-form bound of a theme group's part: w_theme × the forced pairs of each theme; for a
 * group of two similar themes x, y also, with m = min(w_theme, w_sim·σ), m × the forced pairs of
 * the sessions of x or y plus (w_theme − m) × each theme's: every overlapping pair of x ∪ y pays
 * at least m, and (w_theme − m) more per theme it shares. */
static int pigeonhole_themes(const igs_problem *p, const unsigned char *keep, double *out) {
	int n = p->n_sessions, nth = p->n_themes, rc = IGS_OK;
	unsigned char *mark = malloc((size_t)n + 1);
	int *dur = malloc(((size_t)n + 1) * sizeof *dur);
	double w = p->weights.theme_clash, own = 0, sim = 0;
	int x0 = -1, x1 = -1, count = 0;
	*out = 0;
	if (!mark || !dur) {
		rc = IGS_ENOMEM;
		goto done;
	}
	for (int x = 0; x < nth; x++) {
		if (!keep[x])
			continue;
		count++;
		x1 = x0 < 0 ? -1 : x;
		x0 = x0 < 0 ? x : x0;
		int m = mark_theme(p, x, -1, mark);
		own += forced_pairs(m, apart_max(p, mark, dur));
	}
	*out = w * own;
	if (count == 2 && p->theme_sim && p->weights.similarity_clash > 0) {
		double ws = p->weights.similarity_clash * p->theme_sim[x0 * nth + x1], m = ws < w ? ws : w;
		int u = mark_theme(p, x0, x1, mark);
		sim = m * forced_pairs(u, apart_max(p, mark, dur)) + (w - m) * own;
		*out = sim > *out ? sim : *out;
	}
done:
	free(mark);
	free(dur);
	return rc;
}

/* ---- clash parts: the compact MIP of a sub-problem ---- */

typedef struct {
	unsigned terms;                 /* weighted in the sub-problem */
	const unsigned char *theme_keep; /* per theme: kept in the sessions; NULL: no theme */
	bool tags, attendees;           /* the sessions keep their tags, their attendees */
	unsigned char *member;          /* per session: in the part */
} part_spec;

/* The sub-problem of a part: p's times, rooms and people; its sessions keep the part's themes,
 * tags and attendees only, and only the part's terms weigh. A session out of the part is
 * optional without a candidate (gone), or, coupled, kept with no theme, tag or attendee: it
 * still takes a room and its people's time. Every feasible schedule of p, restricted, is
 * feasible here and costs here what it costs of the part in p, so the sub-problem's minimum
 * bounds the part's. Classes of max_parallel with mixed limits are dropped (the MIP would be
 * stricter than the evaluator and prove nothing): a relaxation. */
typedef struct {
	igs_problem q;
	igs_session *sess;
	int *pool;
	double *sim;
	int *parallel;
} sub_problem;

static void sub_free(sub_problem *u) {
	free(u->sess);
	free(u->pool);
	free(u->sim);
	free(u->parallel);
}

static int sub_build(sub_problem *u, const igs_problem *p, const part_spec *ps, bool coupled) {
	int n = p->n_sessions, nth = p->n_themes, total = 0;
	memset(u, 0, sizeof *u);
	for (int s = 0; s < n; s++)
		total += p->sessions[s].n_themes;
	u->q = *p;
	u->sess = malloc(((size_t)n + 1) * sizeof *u->sess);
	u->pool = malloc(((size_t)total + 1) * sizeof *u->pool);
	u->parallel = malloc(((size_t)n + 1) * sizeof *u->parallel);
	if (!u->sess || !u->pool || !u->parallel)
		return IGS_ENOMEM;
	if (p->theme_sim && ps->theme_keep) {
		if (!(u->sim = malloc(((size_t)nth * nth + 1) * sizeof *u->sim)))
			return IGS_ENOMEM;
		for (int x = 0; x < nth; x++)
			for (int y = 0; y < nth; y++)
				u->sim[x * nth + y] = ps->theme_keep[x] && ps->theme_keep[y] ? p->theme_sim[x * nth + y] : 0;
	}
	u->q.theme_sim = u->sim;
	memcpy(u->sess, p->sessions, (size_t)n * sizeof *u->sess);
	int used = 0;
	for (int s = 0; s < n; s++) {
		igs_session *S = &u->sess[s];
		int c = p->parallel ? p->parallel[s] : -1;
		u->parallel[s] = c >= 0 && p->parallel_mixed[c] ? -1 : c;
		if (!ps->member[s] && !coupled) {
			S->n_cand_times = S->n_cand_rooms = 0;
			S->optional = true;
		}
		int *th = &u->pool[used], k = 0;
		for (int i = 0; ps->member[s] && ps->theme_keep && i < S->n_themes; i++)
			if (ps->theme_keep[S->themes[i]])
				th[k++] = S->themes[i];
		S->themes = th;
		S->n_themes = k;
		used += k;
		if (!ps->member[s] || !ps->tags)
			S->n_tags = 0;
		if (!ps->member[s] || !ps->attendees)
			S->n_attendees = 0;
	}
	u->q.sessions = u->sess;
	u->q.parallel = p->parallel ? u->parallel : NULL;
	u->q.weights = weights_of(p, ps->terms);
	return IGS_OK;
}

/* Is every count of the part a multiple of its one weight? Then so is its minimum, and a
 * bound rounds up to the next multiple. */
static double round_up(double v, const igs_problem *p, unsigned terms) {
	unsigned integral = TERM(theme_clash) | TERM(tag_clash) | TERM(attendee_clash);
	if ((terms & (terms - 1)) || !(terms & integral) || !isfinite(v))
		return v;
	int k = 0;
	while (!(terms >> k & 1))
		k++;
	double w = weight_of(&p->weights, k);
	return w > 0 ? w * ceil(v / w - 1e-6) : v;
}

static double score_term(const igs_report *r, int k) {
	const double v[] = {
#define IGS_TERM_C_(f, n, d, m, h) r->f.cost,
		IGS_WEIGHTS(IGS_TERM_C_)
#undef IGS_TERM_C_
	};
	return v[k];
}

static int mip_part(igs_bound *b, const igs_problem *p, const igs_options *o, const char *name, const part_spec *ps,
		    bool coupled, const igs_schedule *hint, double budget) {
	igs_bound_part *P = add_part(b, name, ps->terms);
	if (!P)
		return IGS_ENOMEM;
	int rc0;
	for (int s = 0; s < p->n_sessions; s++)
		P->sessions += ps->member[s];
	if (P->sessions < 2)
		return IGS_OK; /* no pair: nothing can clash */
	double t0 = now_s(), closed = 0;
	if (ps->theme_keep && (rc0 = pigeonhole_themes(p, ps->theme_keep, &closed)) != IGS_OK)
		return rc0;
	P->value = closed;
	P->term[IGS_TERM_theme_clash] = closed;
	sub_problem u;
	igs_schedule *s = NULL, *start = NULL;
	igs_report *r = NULL;
	int rc = sub_build(&u, p, ps, coupled);
	if (rc != IGS_OK)
		goto done;
	if (!(s = igs_schedule_new(&u.q)) || (hint && !(start = igs_schedule_new(&u.q)))) {
		rc = IGS_ENOMEM;
		goto done;
	}
	/* The hint restricted to the part: the MIP's first incumbent (it prunes, and its split
	 * apportions the bound). */
	for (int i = 0; start && i < p->n_sessions; i++)
		if (ps->member[i] || coupled)
			igs_schedule_set(start, i, hint->time[i], hint->room[i]);
	igs_options mo = *o;
	mo.solver = IGS_SOLVER_EXACT;
	mo.time_limit = budget > 0.05 ? budget : 0.05;
	mo.gap = 0;
	mo.verbose = o->verbose >= 3 ? 3 : 0;
	mo.live_progress = false;
	igs_mip_stats ms;
	rc = igs_mip_solve(s, start, &mo, &ms);
	if (rc == IGS_ENOMEM)
		goto done;
	P->method = "mip";
	if (rc == IGS_EINFEASIBLE) {
		/* A relaxation without a schedule: p has none either, and every bound holds. */
		P->method = "mip (infeasible)";
		rc = IGS_OK;
		goto done;
	}
	if (rc != IGS_OK || !isfinite(ms.bound)) {
		P->method = rc == IGS_ESOLVER ? (closed > 0 ? "pigeonhole (GLPK failed)" : "no bound (GLPK failed)")
			    : closed > 0      ? "pigeonhole (the LP was not solved in time)"
					      : "no bound (the LP was not solved in time)";
		P->proven = false;
		b->split.complete = false;
		rc = IGS_OK;
		goto done;
	}
	if (!ms.optimal) {
		P->method = "mip (cut by its time limit)";
		b->split.complete = false;
	}
	double v = fmax(0, round_up(ms.bound, p, ps->terms));
	if (v < closed)
		P->method = ms.optimal ? "pigeonhole (the mip proves less)" : "pigeonhole (the mip, cut, proves less)";
	P->value = fmax(v, closed);
	/* Apportion a part of two terms as its best schedule found splits its cost. */
	if ((rc = igs_evaluate(&r, &u.q, s)) != IGS_OK)
		goto done;
	if (igs_report_hard_count(r) == 0)
		P->best = r->total;
	P->proven = ms.optimal && P->best <= P->value + 1e-6;
	/* Apportion a part of several terms as its best schedule found splits its cost. */
	double sum = 0;
	for (int k = 0; k < IGS_N_TERMS; k++)
		sum += ps->terms >> k & 1 ? score_term(r, k) : 0;
	for (int k = 0, first = 1; k < IGS_N_TERMS; k++)
		if (ps->terms >> k & 1) {
			P->term[k] = sum > 0 && igs_report_hard_count(r) == 0 ? P->value * score_term(r, k) / sum
										 : first ? P->value : 0;
			first = 0;
		}
done:
	P->seconds = now_s() - t0;
	igs_report_free(r);
	igs_schedule_free(s);
	igs_schedule_free(start);
	sub_free(&u);
	return rc;
}

/* The placement part a third way: the compact MIP of p with only the placement terms and
 * fairness weighted, every session in it: time-indexed, so the start grid's lost minutes count
 * (a 60-minute session in a 90-minute slot). It replaces the placement part when it proves
 * more; fairness is then bounded too. */
static int timed_placement(igs_bound *b, const igs_problem *p, const igs_options *o, const igs_schedule *hint,
			   double budget) {
	if (budget <= 0)
		return IGS_OK;
	unsigned char *all = malloc((size_t)p->n_sessions + 1);
	if (!all)
		return IGS_ENOMEM;
	memset(all, 1, (size_t)p->n_sessions + 1);
	part_spec spec = {b->parts[0].terms | TERM(fairness), NULL, false, false, all};
	int rc = mip_part(b, p, o, "placement", &spec, false, hint, budget);
	free(all);
	if (rc != IGS_OK)
		return rc;
	igs_bound_part *T = &b->parts[--b->n_parts], *P = &b->parts[0];
	/* At a tie it still bounds fairness too. */
	if (T->value >= P->value - 1e-9 && strncmp(T->method, "no bound", 8) != 0) {
		bool proven = T->proven && P->proven;
		*P = *T;
		P->proven = proven;
		P->method = T->proven ? "time-indexed mip" : "time-indexed mip (cut by its time limit)";
	}
	return IGS_OK;
}

/* ---- the parts of the clash terms ---- */

typedef struct {
	int *parent, *size;
} uf;

static int uf_find(uf *U, int x) {
	while (U->parent[x] != x)
		x = U->parent[x] = U->parent[U->parent[x]];
	return x;
}

typedef struct {
	int x, y;
	double key;
} sim_edge;

static int cmp_edge(const void *a, const void *b) {
	const sim_edge *e = a, *f = b;
	if (e->key != f->key)
		return e->key > f->key ? -1 : 1;
	return e->x != f->x ? e->x - f->x : e->y - f->y;
}

/* Themes joined by similarity into groups, largest edges first, while a group's sessions stay
 * within cap: a group's part holds theme_clash and similarity_clash of its themes, so the
 * cross pairs of similar themes compete with the same-theme pairs in one MIP. An edge left
 * between two groups is a similarity the bound leaves out (*cut). */
static int theme_groups(const igs_problem *p, int *group_of, int *cut) {
	int nth = p->n_themes, n = p->n_sessions, rc = IGS_OK;
	int *count = calloc((size_t)nth + 1, sizeof *count);
	uf U = {malloc(((size_t)nth + 1) * sizeof(int)), malloc(((size_t)nth + 1) * sizeof(int))};
	sim_edge *E = malloc(((size_t)nth * nth + 1) * sizeof *E);
	*cut = 0;
	if (!count || !U.parent || !U.size || !E) {
		rc = IGS_ENOMEM;
		goto done;
	}
	for (int s = 0; s < n; s++)
		for (int k = 0; k < p->sessions[s].n_themes; k++)
			count[p->sessions[s].themes[k]]++;
	int cap = 120;
	for (int x = 0; x < nth; x++) {
		U.parent[x] = x;
		U.size[x] = count[x];
		cap = count[x] > cap ? count[x] : cap;
	}
	int ne = 0;
	bool sim = p->theme_sim && p->weights.similarity_clash > 0;
	for (int x = 0; x < nth && sim; x++)
		for (int y = x + 1; y < nth; y++)
			if (p->theme_sim[x * nth + y] > 0 && count[x] && count[y])
				E[ne++] = (sim_edge){x, y, p->theme_sim[x * nth + y] * (count[x] < count[y] ? count[x] : count[y])};
	qsort(E, (size_t)ne, sizeof *E, cmp_edge);
	for (int e = 0; e < ne; e++) {
		int a = uf_find(&U, E[e].x), c = uf_find(&U, E[e].y);
		if (a == c)
			continue;
		/* the sessions of the union: a session of both counts once */
		int both = 0;
		for (int s = 0; s < n; s++) {
			bool ia = false, ic = false;
			for (int k = 0; k < p->sessions[s].n_themes; k++) {
				int r = uf_find(&U, p->sessions[s].themes[k]);
				ia = ia || r == a;
				ic = ic || r == c;
			}
			both += ia && ic;
		}
		if (U.size[a] + U.size[c] - both > cap) {
			(*cut)++;
			continue;
		}
		U.parent[c] = a;
		U.size[a] += U.size[c] - both;
	}
	for (int x = 0; x < nth; x++)
		group_of[x] = uf_find(&U, x);
done:
	free(count);
	free(U.parent);
	free(U.size);
	free(E);
	return rc;
}

/* A planned MIP part and its share of the time. */
typedef struct {
	char name[96];
	part_spec spec;
	unsigned char *keep;
	double share;
	bool too_big; /* past MIP_MAX sessions: its MIP would not solve its LP in its share; closed form only */
} plan;

/* The largest part given a MIP: measured, GLPK solves the LP of a coupled theme group of about
 * 100 sessions within 10 s, and none of 340 sessions within 12 s (generated 1000), whose time
 * the placement programs use better. */
#define MIP_MAX 250

static bool any_shared_tag(const igs_problem *p, int *count) {
	bool any = false;
	memset(count, 0, (size_t)(p->n_tags + 1) * sizeof *count);
	for (int s = 0; s < p->n_sessions; s++)
		for (int k = 0; k < p->sessions[s].n_tags; k++)
			any = ++count[p->sessions[s].tags[k]] >= 2 || any;
	return any;
}

static int plan_parts(plan **out, int *n_out, const igs_problem *p, int *cut) {
	int n = p->n_sessions, nth = p->n_themes, np = 0, rc = IGS_OK;
	plan *P = calloc((size_t)nth + 4, sizeof *P);
	int *group_of = malloc(((size_t)nth + 1) * sizeof *group_of);
	int *tagc = malloc(((size_t)p->n_tags + 1) * sizeof *tagc);
	*out = P;
	*n_out = 0;
	if (!P || !group_of || !tagc || (rc = theme_groups(p, group_of, cut)) != IGS_OK) {
		rc = rc != IGS_OK ? rc : IGS_ENOMEM;
		goto done;
	}
	for (int g = 0; g < nth && p->weights.theme_clash + p->weights.similarity_clash > 0; g++) {
		if (group_of[g] != g)
			continue;
		plan *L = &P[np++];
		if (!(L->keep = calloc((size_t)nth + 1, 1)) || !(L->spec.member = calloc((size_t)n + 1, 1))) {
			rc = IGS_ENOMEM;
			goto done;
		}
		int len = snprintf(L->name, sizeof L->name, "themes ");
		for (int x = 0; x < nth; x++)
			if (group_of[x] == g) {
				L->keep[x] = 1;
				len += snprintf(L->name + len, sizeof L->name > (size_t)len ? sizeof L->name - len : 0, "%s%s",
						len > 7 ? "+" : "", p->themes[x].id);
			}
		L->spec.theme_keep = L->keep;
		L->spec.terms = TERM(theme_clash) | TERM(similarity_clash);
		for (int s = 0; s < n; s++)
			for (int k = 0; k < p->sessions[s].n_themes; k++)
				if (L->keep[p->sessions[s].themes[k]]) {
					L->spec.member[s] = 1;
					L->share += 1;
					break;
				}
	}
	/* Tags, attendees, near-duplicates: one part each, their terms over every session that
	 * has one; smaller weights, smaller shares of the time. */
	for (int kind = 0; kind < 3; kind++) {
		bool on = kind == 0   ? p->weights.tag_clash > 0 && any_shared_tag(p, tagc)
			  : kind == 1 ? p->weights.attendee_clash > 0
				      : p->weights.duplicate_clash > 0 && p->dup_start && p->dup_start[n] > 0;
		if (!on)
			continue;
		plan *L = &P[np];
		if (!(L->spec.member = calloc((size_t)n + 1, 1))) {
			rc = IGS_ENOMEM;
			goto done;
		}
		int m = 0;
		for (int s = 0; s < n; s++) {
			const igs_session *S = &p->sessions[s];
			bool in = kind == 0 ? false : kind == 1 ? S->n_attendees > 0 || S->n_people > 0
								: p->dup_start[s + 1] > p->dup_start[s];
			for (int k = 0; kind == 0 && k < S->n_tags && !in; k++)
				in = tagc[S->tags[k]] >= 2;
			L->spec.member[s] = in;
			m += in;
		}
		if (kind == 1) {
			/* attendee_clash needs someone who attends */
			int att = 0;
			for (int s = 0; s < n; s++)
				att += p->sessions[s].n_attendees > 0;
			if (!att)
				m = 0;
		}
		if (m < 2) {
			free(L->spec.member);
			L->spec.member = NULL;
			continue;
		}
		snprintf(L->name, sizeof L->name, "%s", kind == 0 ? "tags" : kind == 1 ? "attendees" : "near-duplicates");
		L->spec.terms = kind == 0 ? TERM(tag_clash) : kind == 1 ? TERM(attendee_clash) : TERM(duplicate_clash);
		L->spec.tags = kind == 0;
		L->spec.attendees = kind == 1;
		L->share = 0.1 * m;
		np++;
	}
	for (int i = 0; i < np; i++)
		if (P[i].share > MIP_MAX * (P[i].spec.theme_keep ? 1 : 0.1)) {
			P[i].too_big = true;
			P[i].share = 0;
		}
	*n_out = np;
done:
	free(group_of);
	free(tagc);
	return rc;
}

/* ---- the whole bound ---- */

void igs_bound_free(igs_bound *b) {
	if (!b)
		return;
	free(b->parts);
	free(b);
}

/* Which terms no part bounds: their weight is positive and a schedule can make them cost. */
static void mark_left_out(igs_bound *b, const igs_problem *p, unsigned covered) {
	for (int k = 0; k < IGS_N_TERMS; k++)
		if (!(covered >> k & 1) && weight_of(&p->weights, k) > 0)
			b->split.term[k] = NAN;
}

/* Terms no schedule of p can make cost, bounded exactly by 0. */
static unsigned zero_terms(const igs_problem *p) {
	unsigned z = 0;
	int n_opt = 0, att = 0, shared = 0, *tagc = malloc(((size_t)p->n_tags + 1) * sizeof *tagc);
	for (int s = 0; s < p->n_sessions; s++) {
		n_opt += p->sessions[s].optional;
		att += p->sessions[s].n_attendees > 0;
	}
	if (tagc)
		shared = any_shared_tag(p, tagc);
	free(tagc);
	if (n_opt == 0)
		z |= TERM(fairness) | TERM(unscheduled);
	if (!p->ref_start)
		z |= TERM(change_day) | TERM(change_time) | TERM(change_room);
	if (!att)
		z |= TERM(attendee_clash) | TERM(attendee_slot);
	if (tagc && !shared)
		z |= TERM(tag_clash);
	if (!p->theme_sim)
		z |= TERM(similarity_clash);
	if (!p->dup_start || p->dup_start[p->n_sessions] == 0)
		z |= TERM(duplicate_clash);
	bool spread = false;
	for (int k = 0; k < p->n_rules; k++)
		spread = spread || p->rules[k].spread_days;
	if (!spread)
		z |= TERM(type_spread);
	return z;
}

int igs_bound_compute(igs_bound **out, const igs_problem *p, const igs_options *o, bool coupled,
		      const igs_schedule *hint, igs_diag *d) {
	if (!out || !p || !o)
		return igs_diag_add(d, "", "", "igs_bound_compute: %s is NULL", !out ? "out" : !p ? "the problem" : "options"),
		       IGS_EUSAGE;
	*out = NULL;
	double t0 = now_s();
	igs_bound *b = calloc(1, sizeof *b);
	plan *P = NULL;
	int np = 0, cut = 0, rc;
	if (!b)
		return igs_diag_add(d, p->source, "", "out of memory computing the bound"), IGS_ENOMEM;
	b->split.complete = true;
	if ((rc = placement_part(b, p)) != IGS_OK || (rc = spread_part(b, p, 0)) != IGS_OK ||
	    (rc = spread_part(b, p, 1)) != IGS_OK || (rc = plan_parts(&P, &np, p, &cut)) != IGS_OK)
		goto done;
	unsigned covered = zero_terms(p) | TERM(capacity_over) | TERM(capacity_waste) | TERM(preference) |
			   TERM(remote_hours) | TERM(change_day) | TERM(change_time) | TERM(change_room) |
			   TERM(theme_spread) | TERM(type_spread);
	/* unscheduled is the placement part's when fairness cannot add to it: the part prices
	 * leaving out alone. */
	covered |= TERM(unscheduled);
	/* The placement programs matter most when some sessions must be left out. */
	int n_opt = 0;
	for (int s = 0; s < p->n_sessions; s++)
		n_opt += p->sessions[s].optional;
	double left = 0, rt_share = (n_opt ? 0.2 : 0.05) * p->n_sessions, ti_share = (n_opt ? 0.4 : 0.1) * p->n_sessions;
	for (int i = 0; i < np; i++)
		left += P[i].share;
	if (o->bound_time > 0 && !(o->interrupt && *o->interrupt)) {
		left += ti_share;
		if ((rc = roomtime_part(b, p, o, o->bound_time * rt_share / (rt_share + left), 0)) != IGS_OK ||
		    (rc = timed_placement(b, p, o, hint, (o->bound_time - (now_s() - t0)) * ti_share / left)) != IGS_OK)
			goto done;
		left -= ti_share;
		if (b->parts[0].terms & TERM(fairness))
			covered |= TERM(fairness);
		if (o->verbose >= 1)
			fprintf(stderr, "bound: %7.1f s  placement and room-time (%d sessions): %.3f, %s\n", now_s() - t0,
				b->parts[0].sessions, b->parts[0].value, b->parts[0].method);
	}
	for (int i = 0; i < np; i++) {
		double spent = now_s() - t0, rest = o->bound_time - spent;
		double budget = left > 0 ? rest * P[i].share / left : 0;
		left -= P[i].share;
		if (o->interrupt && *o->interrupt)
			budget = 0;
		if (budget <= 0) {
			/* no time: the part is bounded by 0 only */
			igs_bound_part *Q = add_part(b, P[i].name, P[i].spec.terms);
			if (!Q) {
				rc = IGS_ENOMEM;
				goto done;
			}
			Q->method = "no bound (no time)";
			Q->proven = false;
			for (int s = 0; s < p->n_sessions; s++)
				Q->sessions += P[i].spec.member[s];
			if (P[i].spec.theme_keep && (rc = pigeonhole_themes(p, P[i].spec.theme_keep, &Q->value)) != IGS_OK)
				goto done;
			if (P[i].too_big)
				Q->method = Q->value > 0 ? "pigeonhole (too large for a mip)" : "no bound (too large for a mip)";
			else if (Q->value > 0)
				Q->method = "pigeonhole (no time for the mip)";
			Q->term[IGS_TERM_theme_clash] = Q->value;
			b->split.complete = false;
			covered |= P[i].spec.terms;
			continue;
		}
		if ((rc = mip_part(b, p, o, P[i].name, &P[i].spec, coupled, hint, budget)) != IGS_OK)
			goto done;
		covered |= P[i].spec.terms;
		const igs_bound_part *Q = &b->parts[b->n_parts - 1];
		if (o->verbose >= 1) {
			double sum = 0;
			for (int k = 0; k < b->n_parts; k++)
				sum += b->parts[k].value;
			fprintf(stderr, "bound: %7.1f s  part %d/%d %s (%d sessions): %.3f, %s; total so far %.3f\n",
				now_s() - t0, i + 1, np, Q->name, Q->sessions, Q->value, Q->method, sum);
		}
	}
	b->sim_pairs_cut = cut;
	for (int i = 0; i < b->n_parts; i++)
		for (int k = 0; k < IGS_N_TERMS; k++)
			b->split.term[k] += b->parts[i].term[k];
	mark_left_out(b, p, covered);
	b->split.value = 0;
	for (int k = 0; k < b->n_parts; k++) {
		b->split.value += b->parts[k].value;
		if (b->parts[k].proven && isnan(b->parts[k].best))
			b->parts[k].best = b->parts[k].value;
	}
	b->split.parts = b->n_parts;
	b->split.seconds = now_s() - t0;
	if (o->verbose >= 1)
		fprintf(stderr, "bound: %.3f from %d parts in %.1f s%s\n", b->split.value, b->n_parts, b->split.seconds,
			b->split.complete ? "" : " (some parts cut by their time limit)");
done:
	for (int i = 0; P && i < np; i++) {
		free(P[i].keep);
		free(P[i].spec.member);
	}
	free(P);
	if (rc != IGS_OK) {
		igs_bound_free(b);
		return igs_diag_add(d, p->source, "", "out of memory computing the bound"), IGS_ENOMEM;
	}
	*out = b;
	return IGS_OK;
}

/* ---- output ---- */

int igs_bound_print(const igs_bound *b, const igs_problem *p, const igs_report *score, FILE *out) {
	fprintf(out, "lower bound: %.3f from %d parts in %.1f s%s\n", b->split.value, b->n_parts, b->split.seconds,
		b->split.complete ? "" : " (some parts cut by their time limit)");
	if (b->sim_pairs_cut)
		fprintf(out, "similarity_clash: %d pair%s of similar themes in different parts, left out\n", b->sim_pairs_cut,
			b->sim_pairs_cut == 1 ? "" : "s");
	if (score)
		fprintf(out, "schedule: %.3f, gap %.2f%%\n", score->total,
			100.0 * (score->total - b->split.value) / fmax(1e-9, fabs(score->total)));
	fprintf(out, "\n  %-32s %9s %12s %12s %8s  %s\n", "part", "sessions", "bound", "part best", "seconds", "method");
	for (int i = 0; i < b->n_parts; i++) {
		const igs_bound_part *P = &b->parts[i];
		fprintf(out, "  %-32s %9d %12.3f %12.3f %8.1f  %s%s\n", P->name, P->sessions, P->value, P->best, P->seconds,
			P->method, P->proven ? ", proven minimum" : "");
	}
	fprintf(out, "\n  %-20s %12s%s\n", "term", "bound", score ? "     schedule       missed" : "");
	for (int k = 0; k < IGS_N_TERMS; k++) {
		if (weight_of(&p->weights, k) <= 0)
			continue;
		double v = b->split.term[k];
		if (isnan(v))
			fprintf(out, "  %-20s %12s", term_names[k], "left out");
		else
			fprintf(out, "  %-20s %12.3f", term_names[k], v);
		if (score)
			fprintf(out, " %12.3f %12.3f", score_term(score, k), score_term(score, k) - (isnan(v) ? 0 : v));
		fputc('\n', out);
	}
	return ferror(out) ? IGS_EIO : IGS_OK;
}

static json_t *jnum(double v) {
	return isfinite(v) ? json_real(round(v * 1e6) / 1e6) : json_null();
}

int igs_bound_write_json(const igs_bound *b, const igs_problem *p, const igs_report *score, FILE *out) {
	json_t *root = json_object(), *parts = json_array(), *terms = json_object(), *left = json_array();
	bool bad = !root || !parts || !terms || !left;
	for (int i = 0; !bad && i < b->n_parts; i++) {
		const igs_bound_part *P = &b->parts[i];
		json_t *o = json_object(), *tl = json_array();
		bad = !o || !tl;
		for (int k = 0; !bad && k < IGS_N_TERMS; k++)
			if (P->terms >> k & 1)
				bad = json_array_append_new(tl, json_string(term_names[k])) != 0;
		bad = bad || json_object_set_new(o, "name", json_string(P->name)) || json_object_set_new(o, "terms", tl) ||
		      json_object_set_new(o, "sessions", json_integer(P->sessions)) ||
		      json_object_set_new(o, "bound", jnum(P->value)) || json_object_set_new(o, "best", jnum(P->best)) ||
		      json_object_set_new(o, "proven", json_boolean(P->proven)) ||
		      json_object_set_new(o, "method", json_string(P->method)) ||
		      json_object_set_new(o, "seconds", jnum(P->seconds)) || json_array_append_new(parts, o);
	}
	for (int k = 0; !bad && k < IGS_N_TERMS; k++) {
		if (weight_of(&p->weights, k) <= 0)
			continue;
		if (isnan(b->split.term[k]))
			bad = json_array_append_new(left, json_string(term_names[k])) != 0;
		else
			bad = json_object_set_new(terms, term_names[k], jnum(b->split.term[k])) != 0;
	}
	bad = bad || json_object_set_new(root, "bound", jnum(b->split.value)) ||
	      json_object_set_new(root, "seconds", jnum(b->split.seconds)) ||
	      json_object_set_new(root, "complete", json_boolean(b->split.complete)) ||
	      json_object_set_new(root, "terms", terms) ||
	      json_object_set_new(root, "similar_theme_pairs_left_out", json_integer(b->sim_pairs_cut)) || json_object_set_new(root, "left_out", left) ||
	      json_object_set_new(root, "parts", parts);
	if (!bad && score)
		bad = json_object_set_new(root, "score", jnum(score->total)) ||
		      json_object_set_new(root, "gap", jnum((score->total - b->split.value) / fmax(1e-9, fabs(score->total))));
	if (!bad) {
		char *text = json_dumps(root, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
		bad = !text || fprintf(out, "%s\n", text) < 0;
		free(text);
	}
	json_decref(root);
	return bad ? IGS_ENOMEM : IGS_OK;
}
