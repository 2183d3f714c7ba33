/* Local search: simulated annealing over relocations, swaps, room exchanges, ejection chains,
 * optional add/drop/replace and periodic ruin-and-recreate, scored by delta evaluation that
 * touches only the sessions a move changes. Hard checks use the evaluator's predicates. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <gsl/gsl_rng.h>

#include "solver/cells.h"
#include "solver/slots.h"
#include "solver/duplicates.h"
#include "solver/evaluate.h"
#include "solver/local.h"

/* Dense tables up to these sizes (bytes in comments at the limit); beyond them the
 * predicates run per pair or placement, slower but the same answers. */
#define PAIR_TABLE_MAX 2048L        /* n × n 16-bit indices: 8 MiB (doubles: 32 MiB) */
#define CONFLICT_TABLE_MAX 16384L   /* n × n bits: 32 MiB */
#define PLACE_TABLE_MAX (256L << 20) /* candidate (time, room) pairs, one bit each: 32 MiB */

/* Moves sampled to set the temperature; the mean chance of accepting an uphill one at the
 * start (tuned on examples/igf-like.json: from 0.05 to 0.2 differ by less than seed noise);
 * the end temperature as a fraction of the start. */
#define SAMPLE_MAX 2000
#define START_ACCEPT 0.1
#define END_COOLING 1e-3

/* Sessions a ruin step may lift at once, and a cell exchange. */
#define RUIN_MAX 8
#define LIFT_MAX 16

/* With meeting.thematic_rooms, the share of moves that empty a cell, and the share that
 * empty one or exchange two whole cells. */
#define EVACUATE_RATE 0.01
#define EXCHANGE_RATE 0.05

typedef struct {
	int *item, *pos; /* pos[s]: index of s in item, or -1 */
	int n;
} idxset;

typedef struct {
	int s;
	int t0, r0;   /* where it is; t0 = -1 when left out */
	int t1, r1;   /* where it goes; t1 = -1 to leave it out */
	double soft1; /* igs_place_soft at the new placement */
} mv;

enum { MAX_MV = 2 };

typedef struct {
	const igs_problem *p;
	igs_schedule *s;
	const igs_weights *w;
	int n, nd, nr, nth;
	/* Spread groups: the themes 0 .. nth - 1, then one per spread_days type (rule_sg), which
	 * share the theme_spread counting but not room stability or order. */
	int nsg, *rule_sg;

	/* static, per session */
	int *dur;
	int *th_off, *th; /* distinct themes of s: th[th_off[s] .. th_off[s + 1]) */
	uint64_t *dmask;  /* days with a candidate time: what D_t of theme_spread counts */
	int *cls;         /* parallel class (igs_parallel_class) */
	int *track;       /* first theme when the session has an order, else -1 */
	bool *mobile;     /* more than one candidate placement */
	bool *can_place;  /* at least one candidate placement */
	long *c_off;     /* bit of s's first candidate (time, room) in c_ok */
	uint64_t *c_ok;  /* unary-valid candidate pairs; NULL = compute */
	long *ct_off, *cr_off;
	double *c_time, *c_room; /* place soft split into its time part and its room part */
	uint64_t *conf;  /* static pair conflicts (exclusive, person, group); NULL = compute */
	/* Per session, 64-bit signatures that rule pairs out cheaply: its themes, its themes
	 * and every theme similar to one of them, a hash of its tags (near-duplicate pairs are
	 * looked up apart, see pair_soft), a hash of its people and
	 * groups (all bits for an exclusive session). Disjoint signatures mean a zero pair cost
	 * or no conflict; overlapping ones fall back to the evaluator's predicates. */
	uint64_t *sig_theme, *sig_near, *sig_tag, *sig_who;
	long words;
	uint16_t *pci;   /* pair soft of two sessions that overlap, as an index into pcv ... */
	double *pcv;
	double *pc;      /* ... or, with too many distinct values, itself; both NULL = compute */
	int *tk_off, *tk; /* per theme: sessions ordered on it */

	/* time buckets over absolute minutes, each sized for every session that could touch it */
	int bw, nb;
	long *b_off;
	int *b_cnt, *b_item;

	/* dynamic, per session */
	long *from, *to;
	int *fb;            /* first bucket */
	double *soft, *psum; /* placement soft and sum of pair soft with overlapping sessions */
	idxset mob, opt_in, opt_out, req_out;
	int *best_t, *best_r;

	/* per theme, theme × day, theme × day × room */
	int *tn, *tspread, *tday, *tmc, *tdrooms, *tdr;
	long rs_count;
	/* track_breaks (NULL when its weight is 0): per time index its slot across the days, per
	 * (track, slot) the sessions of the track starting there, per track its breaks now and
	 * with the move being judged. */
	int tb_ns, *tb_slot, *tbc, *tbk, *tbk_new;

	/* move scratch */
	int *q0, *q1, nq0; /* q0 caches the primary's new-placement query when nq0 >= 0 */
	int *cb;
	long *cf, *ct;
	int *touched, n_touched, *tnew;
	long *tmark, mark;
	int ruin[LIFT_MAX], ruin_t[LIFT_MAX], ruin_r[LIFT_MAX];
	double sample[SAMPLE_MAX];

	int *fair_out[IGS_FAIR_ATTRS]; /* optional sessions left out per stakeholder group, region */
	igs_cells *cells;              /* meeting.thematic_rooms */
	igs_slots *slots;              /* person_slot, attendee_slot */

	double total;
	int unplaced_req;
	gsl_rng *rng;
} ls;

static double now_s(void) {
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

static void set_add(idxset *x, int s) {
	if (x->pos[s] >= 0)
		return;
	x->pos[s] = x->n;
	x->item[x->n++] = s;
}

static void set_del(idxset *x, int s) {
	int i = x->pos[s];
	if (i < 0)
		return;
	int last = x->item[--x->n];
	x->item[i] = last;
	x->pos[last] = i;
	x->pos[s] = -1;
}

static void set_clear(idxset *x, int n) {
	x->n = 0;
	for (int i = 0; i < n; i++)
		x->pos[i] = -1;
}

static int pick(ls *L, int n) {
	return (int)gsl_rng_uniform_int(L->rng, (unsigned long)n);
}

static int find_idx(const int *v, int n, int x) {
	int lo = 0, hi = n - 1;
	while (lo <= hi) {
		int mid = (lo + hi) / 2;
		if (v[mid] == x)
			return mid;
		if (v[mid] < x)
			lo = mid + 1;
		else
			hi = mid - 1;
	}
	return -1;
}

/* ---- static tables ---- */

static double pair_soft(const ls *L, int a, int b) {
	if (L->pci)
		return L->pcv[L->pci[(size_t)a * (size_t)L->n + (size_t)b]];
	if (L->pc)
		return L->pc[(size_t)a * (size_t)L->n + (size_t)b];
	const igs_session *A = &L->p->sessions[a], *B = &L->p->sessions[b];
	if (!(L->sig_near[a] & L->sig_theme[b]) && !(L->sig_tag[a] & L->sig_tag[b]) &&
	    !(A->n_attendees | B->n_attendees)) {
		/* no theme, tag or attendee in common: only a near-duplicate pair costs anything */
		const igs_problem *p = L->p;
		return p->dup_start && p->dup_start[a] != p->dup_start[a + 1]
			       ? p->weights.duplicate_clash * igs_dup_link(p, a, b)
			       : 0;
	}
	/* Any common time overlaps both; the pair cost does not depend on where. */
	return igs_pair_soft(L->p, a, 0, b, 0);
}

/* Can a and b conflict at all? An exclusive session (all bits) conflicts with anyone,
 * even a session with no people or groups (no bits). */
static bool may_conflict(const ls *L, int a, int b) {
	return (L->sig_who[a] & L->sig_who[b]) || L->sig_who[a] == ~(uint64_t)0 || L->sig_who[b] == ~(uint64_t)0;
}

static bool conflict(const ls *L, int a, int b) {
	if (L->conf)
		return (L->conf[(size_t)a * (size_t)L->words + (size_t)(b >> 6)] >> (b & 63)) & 1;
	if (!may_conflict(L, a, b))
		return false;
	return igs_place_pair(L->p, a, 0, -1, b, 0, -2) >= 0;
}

/* Place soft of candidate (ci, ri) of s, NAN when the pair breaks a unary rule. */
static double cand_soft_idx(const ls *L, int s, int ci, int ri) {
	const igs_session *S = &L->p->sessions[s];
	bool ok;
	if (L->c_ok) {
		long bit = L->c_off[s] + (long)ci * S->n_cand_rooms + ri;
		ok = (L->c_ok[bit >> 6] >> (bit & 63)) & 1;
	} else {
		ok = igs_place_unary(L->p, s, S->cand_times[ci], S->cand_rooms[ri]) < 0;
	}
	return ok ? L->c_time[L->ct_off[s] + ci] + L->c_room[L->cr_off[s] + ri] : NAN;
}

static double cand_soft(const ls *L, int s, int t, int r) {
	const igs_session *S = &L->p->sessions[s];
	int ci = find_idx(S->cand_times, S->n_cand_times, t), ri = find_idx(S->cand_rooms, S->n_cand_rooms, r);
	return ci < 0 || ri < 0 ? NAN : cand_soft_idx(L, s, ci, ri);
}

/* ---- time buckets ---- */

static int query(const ls *L, long a0, long a1, int *out) {
	int n = 0;
	long b0 = a0 / L->bw, b1 = (a1 - 1) / L->bw;
	if (b1 >= L->nb)
		b1 = L->nb - 1;
	for (long b = b0; b <= b1; b++) {
		const int *it = L->b_item + L->b_off[b];
		for (int k = 0, m = L->b_cnt[b]; k < m; k++) {
			int o = it[k];
			/* A session spans several buckets: report it from the first one both share. */
			if (b != b0 && L->fb[o] != b)
				continue;
			if (L->from[o] < a1 && L->to[o] > a0)
				out[n++] = o;
		}
	}
	return n;
}

static void bucket_add(ls *L, int s) {
	for (long b = L->fb[s]; b <= (L->to[s] - 1) / L->bw; b++)
		L->b_item[L->b_off[b] + L->b_cnt[b]++] = s;
}

static void bucket_del(ls *L, int s) {
	for (long b = L->fb[s]; b <= (L->to[s] - 1) / L->bw; b++) {
		int *it = L->b_item + L->b_off[b];
		for (int k = 0; k < L->b_cnt[b]; k++)
			if (it[k] == s) {
				it[k] = it[--L->b_cnt[b]];
				break;
			}
	}
}

/* ---- theme terms ---- */

static int spread_of(const ls *L, int th) {
	if (L->tn[th] == 0)
		return 0;
	int days = 0, nd = L->nd, count = 0;
	for (int d = 0; d < nd && d < 64; d++)
		days += L->tmc[th * nd + d] > 0;
	if (days == 0)
		days = nd > 0 ? nd : 1;
	int fair = (L->tn[th] + days - 1) / days;
	for (int d = 0; d < nd; d++)
		if (L->tday[th * nd + d] > fair)
			count += L->tday[th * nd + d] - fair;
	return count;
}

/* Adds (sign +1) or removes (-1) session s at (t, r) in the per-theme counts; membership
 * says whether s joins or leaves the scheduled set (which moves n_t and D_t). */
static void theme_apply(ls *L, int s, int t, int r, int sign, bool membership) {
	int nd = L->nd, day = L->p->times[t].day;
	for (int k = L->th_off[s]; k < L->th_off[s + 1]; k++) {
		int th = L->th[k], td = th * nd + day;
		if (L->tmark[th] != L->mark) {
			L->tmark[th] = L->mark;
			L->touched[L->n_touched++] = th;
		}
		L->tday[td] += sign;
		if (membership) {
			L->tn[th] += sign;
			for (uint64_t m = L->dmask[s]; m; m &= m - 1)
				L->tmc[th * nd + __builtin_ctzll(m)] += sign;
		}
		if (L->tbc && k == L->th_off[s] && th < L->nth && L->tb_slot[t] >= 0)
			L->tbc[th * L->tb_ns + L->tb_slot[t]] += sign; /* the first theme: the track */
		if (r < 0 || th >= L->nth)
			continue;
		int *c = &L->tdr[(long)td * L->nr + r];
		int before = L->tdrooms[td];
		*c += sign;
		if ((sign > 0 && *c == 1) || (sign < 0 && *c == 0))
			L->tdrooms[td] += sign;
		int after = L->tdrooms[td];
		L->rs_count += (after > 0 ? after - 1 : 0) - (before > 0 ? before - 1 : 0);
	}
}

/* Runs of consecutive slots in which track th starts sessions, less one. */
static int breaks_of(const ls *L, int th) {
	const int *c = L->tbc + th * L->tb_ns;
	int runs = 0;
	for (int k = 0; k < L->tb_ns; k++)
		runs += c[k] > 0 && (k == 0 || c[k - 1] == 0);
	return runs > 1 ? runs - 1 : 0;
}

static void themes_move(ls *L, const mv *M, int k, int sign) {
	for (int i = 0; i < k; i++) {
		const mv *m = &M[i];
		if (m->t0 >= 0)
			theme_apply(L, m->s, m->t0, m->r0, -sign, m->t1 < 0);
		if (m->t1 >= 0)
			theme_apply(L, m->s, m->t1, m->r1, sign, m->t0 < 0);
	}
}

static int out_of_order(const igs_problem *p, int a, long fa, int b, long fbs) {
	int oa = p->sessions[a].order, ob = p->sessions[b].order;
	return (oa < ob && fa > fbs) || (ob < oa && fbs > fa);
}

static bool is_moved(const mv *M, int k, int o) {
	for (int i = 0; i < k; i++)
		if (M[i].s == o)
			return true;
	return false;
}

static int order_delta(const ls *L, const mv *M, int k) {
	const igs_problem *p = L->p;
	int d = 0;
	for (int i = 0; i < k; i++) {
		int s = M[i].s, th = L->track[s];
		if (th < 0)
			continue;
		long f0 = L->from[s], f1 = M[i].t1 >= 0 ? igs_time_abs(p, M[i].t1) : 0;
		for (int x = L->tk_off[th]; x < L->tk_off[th + 1]; x++) {
			int o = L->tk[x];
			if (o == s || L->s->time[o] < 0 || is_moved(M, k, o))
				continue;
			if (M[i].t0 >= 0)
				d -= out_of_order(p, s, f0, o, L->from[o]);
			if (M[i].t1 >= 0)
				d += out_of_order(p, s, f1, o, L->from[o]);
		}
	}
	if (k == 2 && L->track[M[0].s] >= 0 && L->track[M[0].s] == L->track[M[1].s]) {
		int a = M[0].s, b = M[1].s;
		if (M[0].t0 >= 0 && M[1].t0 >= 0)
			d -= out_of_order(p, a, L->from[a], b, L->from[b]);
		if (M[0].t1 >= 0 && M[1].t1 >= 0)
			d += out_of_order(p, a, igs_time_abs(p, M[0].t1), b, igs_time_abs(p, M[1].t1));
	}
	return d;
}

/* ---- hard checks ---- */

/* Can M[i] take its new placement [a0, a1) against the sessions overlapping it (q, which
 * may list moved sessions at their old places: they are skipped)? Sums the pair soft. */
static bool fits(ls *L, const mv *M, int k, int i, long a0, long a1, const int *q, int nq, bool check,
		 double *pair) {
	int s = M[i].s, r = M[i].r1, c = L->cls[s], nc = 0;
	double sum = 0;
	for (int j = 0; j < nq; j++) {
		int o = q[j];
		if (is_moved(M, k, o))
			continue;
		if (check && (L->s->room[o] == r || conflict(L, s, o)))
			return false;
		sum += pair_soft(L, s, o);
		if (check && c >= 0 && L->cls[o] == c) {
			L->cb[nc] = o;
			L->cf[nc] = L->from[o];
			L->ct[nc++] = L->to[o];
		}
	}
	if (check && c >= 0) {
		for (int j = 0; j < k; j++) {
			if (j == i || M[j].t1 < 0 || L->cls[M[j].s] != c)
				continue;
			long b0 = igs_time_abs(L->p, M[j].t1), b1 = b0 + L->dur[M[j].s];
			if (!igs_intervals_overlap(a0, a1, b0, b1))
				continue;
			L->cb[nc] = M[j].s;
			L->cf[nc] = b0;
			L->ct[nc++] = b1;
		}
		if (!igs_parallel_ok(L->p, s, a0, L->cb, L->cf, L->ct, nc))
			return false;
	}
	*pair = sum;
	return true;
}

/* meeting.thematic_rooms: may each moved session join its new cell, given the moved ones
 * that leave it (they share the cell's track, as the state keeps the rule) and each other? */
static bool cells_ok(const ls *L, const mv *M, int k) {
	for (int i = 0; i < k; i++) {
		if (M[i].t1 < 0)
			continue;
		int cell = igs_cells_index(L->cells, M[i].t1, M[i].r1), leaving = 0;
		if (cell < 0)
			continue; /* the rule is off */
		for (int j = 0; j < k; j++) {
			leaving += M[j].t0 >= 0 && igs_cells_index(L->cells, M[j].t0, M[j].r0) == cell;
			if (j < i && M[j].t1 >= 0 && igs_cells_index(L->cells, M[j].t1, M[j].r1) == cell &&
			    igs_track_of(L->p, M[j].s) != igs_track_of(L->p, M[i].s))
				return false;
		}
		if (!igs_cells_accepts(L->cells, M[i].s, M[i].t1, M[i].r1, leaving))
			return false;
	}
	return true;
}

/* ---- evaluating and applying moves ---- */

/* Change of person_slot and attendee_slot: each moved session leaves its slot's partners and
 * meets the new one's; pairs of moved sessions are priced at both ends apart. */
static double slot_delta(const ls *L, const mv *M, int k) {
	if (!igs_slots_on(L->slots))
		return 0;
	int skip[MAX_MV];
	double d = 0;
	for (int i = 0; i < k; i++)
		skip[i] = M[i].s;
	for (int i = 0; i < k; i++) {
		if (M[i].t0 >= 0)
			d -= igs_slots_cost(L->slots, M[i].s, M[i].t0, M[i].r0, skip, k);
		if (M[i].t1 >= 0)
			d += igs_slots_cost(L->slots, M[i].s, M[i].t1, M[i].r1, skip, k);
		for (int j = i + 1; j < k; j++) {
			if (M[i].t0 >= 0 && M[j].t0 >= 0)
				d -= igs_slots_pair(L->slots, M[i].s, M[i].t0, M[i].r0, M[j].s, M[j].t0, M[j].r0);
			if (M[i].t1 >= 0 && M[j].t1 >= 0)
				d += igs_slots_pair(L->slots, M[i].s, M[i].t1, M[i].r1, M[j].s, M[j].t1, M[j].r1);
		}
	}
	return d;
}

/* Change of the fairness count when the move's optional sessions go out or come in, one
 * after the other (two of one group count 1 then 2); with apply, the counts stay changed. */
static double fair_delta(ls *L, const mv *M, int k, bool apply) {
	const igs_problem *p = L->p;
	double d = 0;
	int step[MAX_MV] = {0};
	for (int i = 0; i < k; i++) {
		const igs_session *S = &p->sessions[M[i].s];
		step[i] = !S->optional || (M[i].t0 < 0) == (M[i].t1 < 0) ? 0 : M[i].t1 < 0 ? 1 : -1;
		for (int a = 0; a < IGS_FAIR_ATTRS && step[i]; a++) {
			int v = S->fair[a];
			if (v < 0)
				continue;
			int *out = &L->fair_out[a][v];
			d += igs_fairness_of(p, a, v, *out + step[i]) - igs_fairness_of(p, a, v, *out);
			*out += step[i];
		}
	}
	if (!apply)
		for (int i = 0; i < k; i++)
			for (int a = 0; a < IGS_FAIR_ATTRS && step[i]; a++)
				if (p->sessions[M[i].s].fair[a] >= 0)
					L->fair_out[a][p->sessions[M[i].s].fair[a]] -= step[i];
	return d;
}

/* Is the move hard-feasible (check false: assume it is)? If so, *delta is the exact change
 * of the soft total and the per-theme counts are left applied, for themes_move(-1) or
 * commit() to follow. */
static bool evaluate(ls *L, const mv *M, int k, double *delta, bool check) {
	const igs_problem *p = L->p;
	const igs_weights *w = L->w;
	double d = 0;
	if (check && !cells_ok(L, M, k))
		return false;
	for (int i = 0; i < k; i++) {
		if (M[i].t1 < 0)
			continue;
		long a0 = igs_time_abs(p, M[i].t1), a1 = a0 + L->dur[M[i].s];
		int *q = L->q1, nq;
		if (i == 0 && L->nq0 >= 0) {
			q = L->q0;
			nq = L->nq0;
		} else {
			nq = query(L, a0, a1, q);
		}
		double pair;
		if (!fits(L, M, k, i, a0, a1, q, nq, check, &pair))
			return false;
		d += M[i].soft1 + pair;
	}
	if (k == 2) {
		int a = M[0].s, b = M[1].s;
		if (M[0].t1 >= 0 && M[1].t1 >= 0) {
			long a0 = igs_time_abs(p, M[0].t1), b0 = igs_time_abs(p, M[1].t1);
			if (igs_intervals_overlap(a0, a0 + L->dur[a], b0, b0 + L->dur[b])) {
				if (check && (M[0].r1 == M[1].r1 || conflict(L, a, b)))
					return false;
				d += pair_soft(L, a, b);
			}
		}
		/* Both removals below subtract this pair once each. */
		if (M[0].t0 >= 0 && M[1].t0 >= 0 && igs_intervals_overlap(L->from[a], L->to[a], L->from[b], L->to[b]))
			d += pair_soft(L, a, b);
	}
	for (int i = 0; i < k; i++) {
		const igs_session *S = &p->sessions[M[i].s];
		if (M[i].t0 >= 0)
			d -= L->soft[M[i].s] + L->psum[M[i].s];
		if (S->optional && M[i].t0 >= 0 && M[i].t1 < 0)
			d += igs_leave_out_soft(p, M[i].s);
		else if (S->optional && M[i].t0 < 0 && M[i].t1 >= 0)
			d -= igs_leave_out_soft(p, M[i].s);
	}
	d += slot_delta(L, M, k);
	if (w->fairness != 0)
		d += w->fairness * fair_delta(L, M, k, false);
	if (w->order != 0)
		d += w->order * order_delta(L, M, k);
	L->mark++;
	L->n_touched = 0;
	long rs0 = L->rs_count;
	themes_move(L, M, k, +1);
	int spread = 0, tspread = 0, breaks = 0;
	for (int x = 0; x < L->n_touched; x++) {
		int th = L->touched[x];
		L->tnew[th] = spread_of(L, th);
		if (th < L->nth)
			spread += L->tnew[th] - L->tspread[th];
		else
			tspread += L->tnew[th] - L->tspread[th];
		if (L->tbc && th < L->nth) {
			L->tbk_new[th] = breaks_of(L, th);
			breaks += L->tbk_new[th] - L->tbk[th];
		}
	}
	d += w->theme_spread * spread + w->type_spread * tspread + w->room_stability * (double)(L->rs_count - rs0) +
	     w->track_breaks * breaks;
	*delta = d;
	return true;
}

static void lift(ls *L, int s) {
	int n = query(L, L->from[s], L->to[s], L->q1);
	for (int j = 0; j < n; j++)
		if (L->q1[j] != s)
			L->psum[L->q1[j]] -= pair_soft(L, s, L->q1[j]);
	bucket_del(L, s);
	L->psum[s] = L->soft[s] = 0;
}

static void put(ls *L, int s, int t, double soft) {
	long a0 = igs_time_abs(L->p, t);
	int n = query(L, a0, a0 + L->dur[s], L->q1);
	double sum = 0;
	for (int j = 0; j < n; j++) {
		double c = pair_soft(L, s, L->q1[j]);
		L->psum[L->q1[j]] += c;
		sum += c;
	}
	L->from[s] = a0;
	L->to[s] = a0 + L->dur[s];
	L->fb[s] = (int)(a0 / L->bw);
	bucket_add(L, s);
	L->psum[s] = sum;
	L->soft[s] = soft;
}

/* Keeps the sets of placed and left-out sessions in step with s's placement. */
static void file_session(ls *L, int s) {
	bool placed = L->s->time[s] >= 0, opt = L->p->sessions[s].optional;
	if (placed) {
		if (L->mobile[s])
			set_add(&L->mob, s);
		if (opt)
			set_add(&L->opt_in, s);
		set_del(&L->opt_out, s);
		set_del(&L->req_out, s);
	} else {
		set_del(&L->mob, s);
		set_del(&L->opt_in, s);
		if (L->can_place[s])
			set_add(opt ? &L->opt_out : &L->req_out, s);
	}
}

static void commit(ls *L, const mv *M, int k, double delta) {
	for (int i = 0; i < k; i++)
		if (M[i].t0 >= 0) {
			lift(L, M[i].s);
			igs_cells_del(L->cells, M[i].s, M[i].t0, M[i].r0);
			igs_slots_del(L->slots, M[i].s, M[i].t0, M[i].r0);
		}
	for (int i = 0; i < k; i++) {
		if (M[i].t1 >= 0) {
			put(L, M[i].s, M[i].t1, M[i].soft1);
			igs_cells_add(L->cells, M[i].s, M[i].t1, M[i].r1);
			igs_slots_add(L->slots, M[i].s, M[i].t1, M[i].r1);
		}
		L->s->time[M[i].s] = M[i].t1;
		L->s->room[M[i].s] = M[i].t1 >= 0 ? M[i].r1 : -1;
	}
	fair_delta(L, M, k, true);
	for (int i = 0; i < k; i++)
		if ((M[i].t0 < 0) != (M[i].t1 < 0)) {
			file_session(L, M[i].s);
			if (!L->p->sessions[M[i].s].optional)
				L->unplaced_req += M[i].t1 < 0 ? 1 : -1;
		}
	for (int x = 0; x < L->n_touched; x++) {
		int th = L->touched[x];
		L->tspread[th] = L->tnew[th];
		if (L->tbc && th < L->nth)
			L->tbk[th] = L->tbk_new[th];
	}
	L->total += delta;
}

/* Rebuilds every dynamic structure from s's placements and the total from scratch. */
static void load_state(ls *L) {
	const igs_problem *p = L->p;
	const igs_weights *w = L->w;
	int n = L->n;
	memset(L->b_cnt, 0, (size_t)L->nb * sizeof *L->b_cnt);
	set_clear(&L->mob, n);
	set_clear(&L->opt_in, n);
	set_clear(&L->opt_out, n);
	set_clear(&L->req_out, n);
	size_t ntd = (size_t)L->nsg * (size_t)L->nd;
	memset(L->tn, 0, (size_t)L->nsg * sizeof *L->tn);
	memset(L->tday, 0, ntd * sizeof *L->tday);
	memset(L->tmc, 0, ntd * sizeof *L->tmc);
	memset(L->tdrooms, 0, ntd * sizeof *L->tdrooms);
	memset(L->tdr, 0, ntd * (size_t)L->nr * sizeof *L->tdr);
	L->rs_count = 0;
	L->unplaced_req = 0;
	if (L->tbc)
		memset(L->tbc, 0, (size_t)L->nth * (size_t)L->tb_ns * sizeof *L->tbc);
	igs_cells_clear(L->cells);
	igs_slots_clear(L->slots);
	L->mark++;
	L->n_touched = 0;
	double unscheduled = 0;
	for (int s = 0; s < n; s++) {
		int t = L->s->time[s], r = L->s->room[s];
		L->psum[s] = L->soft[s] = 0;
		if (t >= 0) {
			put(L, s, t, igs_place_soft(p, s, t, r));
			igs_cells_add(L->cells, s, t, r);
			igs_slots_add(L->slots, s, t, r);
			theme_apply(L, s, t, r, +1, true);
		} else if (p->sessions[s].optional) {
			unscheduled += igs_leave_out_soft(p, s);
		} else {
			L->unplaced_req++;
		}
		file_session(L, s);
	}
	double soft = 0, pairs = 0;
	for (int s = 0; s < n; s++) {
		soft += L->soft[s];
		pairs += L->psum[s];
	}
	long spread = 0, order = 0, tspread = 0;
	for (int g = L->nth; g < L->nsg; g++) {
		L->tspread[g] = spread_of(L, g);
		tspread += L->tspread[g];
	}
	for (int th = 0; th < L->nth; th++) {
		L->tspread[th] = spread_of(L, th);
		spread += L->tspread[th];
		for (int x = L->tk_off[th]; x < L->tk_off[th + 1]; x++)
			for (int y = x + 1; y < L->tk_off[th + 1]; y++) {
				int a = L->tk[x], b = L->tk[y];
				if (L->s->time[a] >= 0 && L->s->time[b] >= 0)
					order += out_of_order(p, a, L->from[a], b, L->from[b]);
			}
	}
	double fair = 0;
	for (int a = 0; a < IGS_FAIR_ATTRS; a++) {
		memset(L->fair_out[a], 0, (size_t)p->n_fair[a] * sizeof *L->fair_out[a]);
		for (int s = 0; s < n; s++)
			if (L->s->time[s] < 0 && p->sessions[s].optional && p->sessions[s].fair[a] >= 0)
				L->fair_out[a][p->sessions[s].fair[a]]++;
		for (int v = 0; v < p->n_fair[a]; v++)
			fair += igs_fairness_of(p, a, v, L->fair_out[a][v]);
	}
	L->total = soft + pairs / 2 + w->theme_spread * (double)spread + w->type_spread * (double)tspread +
		   w->room_stability * (double)L->rs_count +
		   w->order * (double)order + unscheduled + w->fairness * fair + igs_slots_total(L->slots);
	long breaks = 0;
	for (int th = 0; L->tbc && th < L->nth; th++)
		breaks += L->tbk[th] = breaks_of(L, th);
	L->total += w->track_breaks * (double)breaks;
}

/* ---- set-up ---- */

static void ls_free(ls *L) {
	free(L->rule_sg);
	igs_cells_free(L->cells);
	igs_slots_free(L->slots);
	free(L->tb_slot);
	free(L->tbc);
	free(L->tbk);
	free(L->tbk_new);
	for (int a = 0; a < IGS_FAIR_ATTRS; a++)
		free(L->fair_out[a]);
	free(L->dur);
	free(L->th_off);
	free(L->th);
	free(L->dmask);
	free(L->cls);
	free(L->track);
	free(L->mobile);
	free(L->can_place);
	free(L->c_off);
	free(L->c_ok);
	free(L->ct_off);
	free(L->cr_off);
	free(L->c_time);
	free(L->c_room);
	free(L->conf);
	free(L->sig_theme);
	free(L->sig_near);
	free(L->sig_tag);
	free(L->sig_who);
	free(L->pc);
	free(L->pci);
	free(L->pcv);
	free(L->tk_off);
	free(L->tk);
	free(L->b_off);
	free(L->b_cnt);
	free(L->b_item);
	free(L->from);
	free(L->to);
	free(L->fb);
	free(L->soft);
	free(L->psum);
	free(L->mob.item);
	free(L->mob.pos);
	free(L->opt_in.item);
	free(L->opt_in.pos);
	free(L->opt_out.item);
	free(L->opt_out.pos);
	free(L->req_out.item);
	free(L->req_out.pos);
	free(L->best_t);
	free(L->best_r);
	free(L->tn);
	free(L->tspread);
	free(L->tday);
	free(L->tmc);
	free(L->tdrooms);
	free(L->tdr);
	free(L->q0);
	free(L->q1);
	free(L->cb);
	free(L->cf);
	free(L->ct);
	free(L->touched);
	free(L->tnew);
	free(L->tmark);
	if (L->rng)
		gsl_rng_free(L->rng);
}

static bool first_of(const int *v, int i) {
	for (int k = 0; k < i; k++)
		if (v[k] == v[i])
			return false;
	return true;
}

/* Sizes the buckets so that none can overflow: each counts every session that has a
 * candidate (or its current) placement touching it. */
static int buckets_init(ls *L) {
	const igs_problem *p = L->p;
	int rc = IGS_OK, *stamp = NULL;
	int min_dur = 0;
	long last = 0;
	for (int s = 0; s < L->n; s++) {
		const igs_session *S = &p->sessions[s];
		for (int k = -1; k < S->n_cand_times; k++) {
			int t = k < 0 ? L->s->time[s] : S->cand_times[k];
			if (t < 0)
				continue;
			long end = igs_time_abs(p, t) + S->duration;
			if (end > last)
				last = end;
		}
		if (S->n_cand_times > 0 && (min_dur == 0 || S->duration < min_dur))
			min_dur = S->duration;
	}
	/* About one short session per bucket: finer wastes bucket visits, coarser wastes
	 * overlap tests on sessions that only share the bucket. */
	L->bw = min_dur < 15 ? 15 : min_dur > 60 ? 60 : min_dur;
	L->nb = (int)(last / L->bw) + 1;
	L->b_off = calloc((size_t)L->nb + 1, sizeof *L->b_off);
	L->b_cnt = calloc((size_t)L->nb, sizeof *L->b_cnt);
	stamp = calloc((size_t)L->nb, sizeof *stamp);
	if (!L->b_off || !L->b_cnt || !stamp) {
		rc = IGS_ENOMEM;
		goto cleanup;
	}
	for (int s = 0; s < L->n; s++) {
		const igs_session *S = &p->sessions[s];
		for (int k = -1; k < S->n_cand_times; k++) {
			int t = k < 0 ? L->s->time[s] : S->cand_times[k];
			if (t < 0)
				continue;
			long a0 = igs_time_abs(p, t);
			for (long b = a0 / L->bw; b <= (a0 + S->duration - 1) / L->bw; b++)
				if (stamp[b] != s + 1) {
					stamp[b] = s + 1;
					L->b_off[b + 1]++;
				}
		}
	}
	for (int b = 0; b < L->nb; b++)
		L->b_off[b + 1] += L->b_off[b];
	L->b_item = malloc((size_t)(L->b_off[L->nb] ? L->b_off[L->nb] : 1) * sizeof *L->b_item);
	if (!L->b_item)
		rc = IGS_ENOMEM;
cleanup:
	free(stamp);
	return rc;
}

static int cmp_double(const void *x, const void *y) {
	double a = *(const double *)x, b = *(const double *)y;
	return (a > b) - (a < b);
}

/* Pair soft of every two sessions. Pairs share few distinct values (counts of shared
 * themes and tags, sums of similarities), so a 16-bit index into them keeps the table a
 * quarter of the doubles' size and in cache; the doubles are the fallback. */
static int pair_table(ls *L) {
	const igs_problem *p = L->p;
	size_t n = (size_t)L->n, nv = 0, m = n * (n - 1) / 2 + 1;
	int rc = IGS_OK;
	double *v = malloc(m * sizeof *v);
	if (!v) {
		rc = IGS_ENOMEM;
		goto cleanup;
	}
	v[nv++] = 0; /* the diagonal */
	for (int a = 0; a < L->n; a++)
		for (int b = a + 1; b < L->n; b++)
			v[nv++] = igs_pair_soft(p, a, 0, b, 0);
	qsort(v, nv, sizeof *v, cmp_double);
	size_t u = 0;
	for (size_t i = 0; i < nv; i++)
		if (u == 0 || v[i] != v[u - 1])
			v[u++] = v[i];
	if (u <= 65536) {
		L->pci = malloc(n * n * sizeof *L->pci);
		L->pcv = malloc(u * sizeof *L->pcv);
		if (!L->pci || !L->pcv) {
			rc = IGS_ENOMEM;
			goto cleanup;
		}
		memcpy(L->pcv, v, u * sizeof *v);
		for (int a = 0; a < L->n; a++) {
			L->pci[(size_t)a * n + (size_t)a] = 0;
			for (int b = a + 1; b < L->n; b++) {
				double x = igs_pair_soft(p, a, 0, b, 0);
				size_t lo = 0, hi = u - 1;
				while (lo < hi) {
					size_t mid = (lo + hi) / 2;
					if (L->pcv[mid] < x)
						lo = mid + 1;
					else
						hi = mid;
				}
				L->pci[(size_t)a * n + (size_t)b] = L->pci[(size_t)b * n + (size_t)a] = (uint16_t)lo;
			}
		}
	} else {
		L->pc = malloc(n * n * sizeof *L->pc);
		if (!L->pc) {
			rc = IGS_ENOMEM;
			goto cleanup;
		}
		for (int a = 0; a < L->n; a++) {
			L->pc[(size_t)a * n + (size_t)a] = 0;
			for (int b = a + 1; b < L->n; b++)
				L->pc[(size_t)a * n + (size_t)b] = L->pc[(size_t)b * n + (size_t)a] =
					igs_pair_soft(p, a, 0, b, 0);
		}
	}
cleanup:
	free(v);
	return rc;
}

static void conflict_pair(ls *L, int a, int b) {
	if (a == b || igs_place_pair(L->p, a, 0, -1, b, 0, -2) < 0)
		return;
	L->conf[(size_t)a * (size_t)L->words + (size_t)(b >> 6)] |= (uint64_t)1 << (b & 63);
	L->conf[(size_t)b * (size_t)L->words + (size_t)(a >> 6)] |= (uint64_t)1 << (a & 63);
}

/* Fills L->conf from the sessions of each person and group and the exclusive sessions. */
/* The signature bit of type (rule) r when some rule keeps sessions of r apart, else 0. */
static uint64_t type_bit(const igs_problem *p, int r) {
	bool named = false;
	for (int k = 0; k < p->n_rules && !named; k++) {
		const igs_type_rule *R = &p->rules[k];
		for (int i = 0; i < R->n_apart && !named; i++)
			named = R->apart[i] == r;
		for (int i = 0; i < R->n_apart_theme && !named; i++)
			named = R->apart_theme[i] == r;
	}
	return named ? (uint64_t)1 << ((((unsigned)r + 0x9e37u) * 2654435761u) >> 26) : 0;
}

static int conflict_table(ls *L) {
	const igs_problem *p = L->p;
	int ids = p->n_people + p->n_groups;
	int *off = calloc((size_t)ids + 2, sizeof *off), *item = NULL, *fill = NULL;
	if (!off)
		return IGS_ENOMEM;
	long total = 0;
	for (int s = 0; s < L->n; s++) {
		const igs_session *S = &p->sessions[s];
		for (int k = 0; k < S->n_people; k++)
			off[S->people[k].person + 1]++;
		for (int k = 0; k < S->n_groups; k++)
			off[p->n_people + S->groups[k] + 1]++;
		total += S->n_people + S->n_groups;
	}
	for (int i = 0; i < ids; i++)
		off[i + 1] += off[i];
	if (!(item = malloc(((size_t)total + 1) * sizeof *item)) || !(fill = calloc((size_t)ids + 1, sizeof *fill))) {
		free(off);
		free(item);
		return IGS_ENOMEM;
	}
	for (int s = 0; s < L->n; s++) {
		const igs_session *S = &p->sessions[s];
		for (int k = 0; k < S->n_people; k++)
			item[off[S->people[k].person] + fill[S->people[k].person]++] = s;
		for (int k = 0; k < S->n_groups; k++) {
			int g = p->n_people + S->groups[k];
			item[off[g] + fill[g]++] = s;
		}
	}
	for (int i = 0; i < ids; i++)
		for (int x = off[i]; x < off[i + 1]; x++)
			for (int y = x + 1; y < off[i + 1]; y++)
				conflict_pair(L, item[x], item[y]);
	for (int e = 0; e < L->n; e++)
		if (p->rules[p->sessions[e].rule].exclusive)
			for (int b = 0; b < L->n; b++)
				conflict_pair(L, e, b);
	/* Types kept apart: every session of a rule that names others, against all of them. */
	for (int a = 0; a < L->n; a++) {
		const igs_type_rule *R = &p->rules[p->sessions[a].rule];
		if (R->n_apart + R->n_apart_theme > 0)
			for (int b = 0; b < L->n; b++)
				conflict_pair(L, a, b);
	}
	free(off);
	free(item);
	free(fill);
	return IGS_OK;
}

static int ls_init(ls *L, igs_schedule *s) {
	const igs_problem *p = s->problem;
	int rc = IGS_OK;
	memset(L, 0, sizeof *L);
	L->p = p;
	L->s = s;
	L->w = &p->weights;
	L->n = p->n_sessions;
	L->nd = p->n_days;
	L->nr = p->n_rooms;
	L->nth = p->n_themes;
	L->nsg = L->nth;
	if (!(L->rule_sg = malloc(((size_t)p->n_rules + 1) * sizeof *L->rule_sg)))
		return IGS_ENOMEM;
	for (int k = 0; k < p->n_rules; k++)
		L->rule_sg[k] = p->rules[k].spread_days && p->weights.type_spread != 0 ? L->nsg++ : -1;
	size_t n = (size_t)(L->n > 0 ? L->n : 1), nth = (size_t)(L->nsg > 0 ? L->nsg : 1);
	size_t ntd = nth * (size_t)(L->nd > 0 ? L->nd : 1);
	long n_th = 0, n_place = 0, n_ct = 0, n_cr = 0;
	for (int i = 0; i < L->n; i++) {
		n_th += p->sessions[i].n_themes + 1;
		n_place += (long)p->sessions[i].n_cand_times * p->sessions[i].n_cand_rooms;
		n_ct += p->sessions[i].n_cand_times;
		n_cr += p->sessions[i].n_cand_rooms;
	}
	L->dur = malloc(n * sizeof *L->dur);
	L->th_off = malloc((n + 1) * sizeof *L->th_off);
	L->th = malloc((size_t)(n_th ? n_th : 1) * sizeof *L->th);
	L->dmask = malloc(n * sizeof *L->dmask);
	L->cls = malloc(n * sizeof *L->cls);
	L->track = malloc(n * sizeof *L->track);
	L->mobile = malloc(n * sizeof *L->mobile);
	L->can_place = malloc(n * sizeof *L->can_place);
	L->c_off = malloc(n * sizeof *L->c_off);
	L->ct_off = malloc(n * sizeof *L->ct_off);
	L->cr_off = malloc(n * sizeof *L->cr_off);
	L->c_time = malloc((size_t)(n_ct ? n_ct : 1) * sizeof *L->c_time);
	L->c_room = malloc((size_t)(n_cr ? n_cr : 1) * sizeof *L->c_room);
	L->tk_off = calloc(nth + 1, sizeof *L->tk_off);
	L->tk = malloc(n * sizeof *L->tk);
	L->from = calloc(n, sizeof *L->from);
	L->to = calloc(n, sizeof *L->to);
	L->fb = calloc(n, sizeof *L->fb);
	L->soft = calloc(n, sizeof *L->soft);
	L->psum = calloc(n, sizeof *L->psum);
	idxset *sets[] = {&L->mob, &L->opt_in, &L->opt_out, &L->req_out};
	for (size_t k = 0; k < sizeof sets / sizeof sets[0]; k++) {
		sets[k]->item = malloc(n * sizeof *sets[k]->item);
		sets[k]->pos = malloc(n * sizeof *sets[k]->pos);
		if (!sets[k]->item || !sets[k]->pos)
			rc = IGS_ENOMEM;
	}
	L->best_t = malloc(n * sizeof *L->best_t);
	L->best_r = malloc(n * sizeof *L->best_r);
	L->tn = calloc(nth, sizeof *L->tn);
	L->tspread = calloc(nth, sizeof *L->tspread);
	L->tday = calloc(ntd, sizeof *L->tday);
	L->tmc = calloc(ntd, sizeof *L->tmc);
	L->tdrooms = calloc(ntd, sizeof *L->tdrooms);
	L->tdr = calloc(ntd * (size_t)(L->nr > 0 ? L->nr : 1), sizeof *L->tdr);
	L->q0 = malloc(n * sizeof *L->q0);
	L->q1 = malloc(n * sizeof *L->q1);
	for (int a = 0; a < IGS_FAIR_ATTRS; a++)
		if (!(L->fair_out[a] = calloc((size_t)p->n_fair[a] + 1, sizeof *L->fair_out[a])))
			rc = IGS_ENOMEM;
	if (!(L->cells = igs_cells_new(p)) || !(L->slots = igs_slots_new(p, s)))
		rc = IGS_ENOMEM;
	for (int d = 0; d < p->n_days; d++)
		L->tb_ns += p->days[d].n_slots;
	if (p->weights.track_breaks != 0 && L->nth > 0 && L->tb_ns > 0 && p->n_times > 0) {
		L->tb_slot = malloc((size_t)p->n_times * sizeof *L->tb_slot);
		L->tbc = calloc((size_t)L->nth * (size_t)L->tb_ns, sizeof *L->tbc);
		L->tbk = calloc((size_t)L->nth, sizeof *L->tbk);
		L->tbk_new = calloc((size_t)L->nth, sizeof *L->tbk_new);
		if (!L->tb_slot || !L->tbc || !L->tbk || !L->tbk_new)
			rc = IGS_ENOMEM;
		for (int t = 0; L->tb_slot && t < p->n_times; t++)
			L->tb_slot[t] = igs_cell_slot(p, t);
	}
	L->cb = malloc((n + MAX_MV) * sizeof *L->cb);
	L->cf = malloc((n + MAX_MV) * sizeof *L->cf);
	L->ct = malloc((n + MAX_MV) * sizeof *L->ct);
	L->touched = malloc(nth * sizeof *L->touched);
	L->tnew = calloc(nth, sizeof *L->tnew);
	L->tmark = calloc(nth, sizeof *L->tmark);
	if (rc != IGS_OK || !L->dur || !L->th_off || !L->th || !L->dmask || !L->cls || !L->track ||
	    !L->mobile || !L->can_place || !L->c_off || !L->ct_off || !L->cr_off || !L->c_time || !L->c_room ||
	    !L->tk_off || !L->tk || !L->from || !L->to || !L->fb ||
	    !L->soft || !L->psum || !L->best_t || !L->best_r || !L->tn || !L->tspread || !L->tday || !L->tmc ||
	    !L->tdrooms || !L->tdr || !L->q0 || !L->q1 || !L->cb || !L->cf || !L->ct || !L->touched || !L->tnew ||
	    !L->tmark) {
		rc = IGS_ENOMEM;
		goto cleanup;
	}

	int n_th_used = 0;
	for (int i = 0; i < L->n; i++) {
		const igs_session *S = &p->sessions[i];
		L->dur[i] = S->duration;
		L->th_off[i] = n_th_used;
		for (int k = 0; k < S->n_themes; k++)
			if (first_of(S->themes, k))
				L->th[n_th_used++] = S->themes[k];
		if (L->rule_sg[S->rule] >= 0)
			L->th[n_th_used++] = L->rule_sg[S->rule];
		uint64_t m = 0;
		for (int k = 0; k < S->n_cand_times; k++)
			if (p->times[S->cand_times[k]].day < 64)
				m |= (uint64_t)1 << p->times[S->cand_times[k]].day;
		L->dmask[i] = m;
		L->cls[i] = igs_parallel_class(p, i);
		L->track[i] = S->order > 0 && S->n_themes > 0 ? S->themes[0] : -1;
		if (L->track[i] >= 0)
			L->tk_off[L->track[i] + 1]++;
		L->can_place[i] = S->n_cand_times > 0 && S->n_cand_rooms > 0;
		L->mobile[i] = (long)S->n_cand_times * S->n_cand_rooms > 1;
	}
	L->th_off[L->n] = n_th_used;
	for (int th = 0; th < L->nth; th++)
		L->tk_off[th + 1] += L->tk_off[th];
	for (int i = 0, *fill = L->touched; i < L->nth; i++)
		fill[i] = L->tk_off[i];
	for (int i = 0; i < L->n; i++)
		if (L->track[i] >= 0)
			L->tk[L->touched[L->track[i]]++] = i;

	if (n_place <= PLACE_TABLE_MAX) {
		L->c_ok = calloc((size_t)(n_place / 64 + 1), sizeof *L->c_ok);
		if (!L->c_ok) {
			rc = IGS_ENOMEM;
			goto cleanup;
		}
	}
	/* The place soft is a time part (preferences, remote hours) plus a room part (capacity
	 * fit): two small tables instead of one per (time, room), which would not stay in
	 * cache. The evaluator's own value with no room is the time part. */
	long bit = 0, oct = 0, ocr = 0;
	for (int i = 0; i < L->n; i++) {
		const igs_session *S = &p->sessions[i];
		L->c_off[i] = bit;
		L->ct_off[i] = oct;
		L->cr_off[i] = ocr;
		for (int ci = 0; ci < S->n_cand_times; ci++) {
			int t = S->cand_times[ci];
			L->c_time[oct++] = igs_place_soft(p, i, t, -1);
			for (int ri = 0; ri < S->n_cand_rooms; ri++, bit++)
				if (L->c_ok && igs_place_unary(p, i, t, S->cand_rooms[ri]) < 0)
					L->c_ok[bit >> 6] |= (uint64_t)1 << (bit & 63);
		}
		for (int ri = 0; ri < S->n_cand_rooms; ri++) {
			int t = S->n_cand_times > 0 ? S->cand_times[0] : -1, r = S->cand_rooms[ri];
			L->c_room[ocr++] = t < 0 ? 0 : igs_place_soft(p, i, t, r) - igs_place_soft(p, i, t, -1);
		}
	}
	if (!(L->sig_theme = calloc(n + 1, sizeof *L->sig_theme)) || !(L->sig_near = calloc(n + 1, sizeof *L->sig_near)) ||
	    !(L->sig_tag = calloc(n + 1, sizeof *L->sig_tag)) || !(L->sig_who = calloc(n + 1, sizeof *L->sig_who))) {
		rc = IGS_ENOMEM;
		goto cleanup;
	}
	for (int i = 0; i < L->n; i++) {
		const igs_session *S = &p->sessions[i];
		for (int k = 0; k < S->n_themes; k++) {
			int x = S->themes[k];
			if (p->n_themes > 64) {
				L->sig_theme[i] = L->sig_near[i] = ~(uint64_t)0;
				break;
			}
			L->sig_theme[i] |= (uint64_t)1 << x;
			L->sig_near[i] |= (uint64_t)1 << x;
			for (int y = 0; y < p->n_themes && p->theme_sim; y++)
				if (p->theme_sim[x * p->n_themes + y] != 0)
					L->sig_near[i] |= (uint64_t)1 << y;
		}
		for (int k = 0; k < S->n_tags; k++)
			L->sig_tag[i] |= (uint64_t)1 << (((unsigned)S->tags[k] * 2654435761u) >> 26);
		for (int k = 0; k < S->n_people; k++)
			L->sig_who[i] |= (uint64_t)1 << (((unsigned)S->people[k].person * 2654435761u) >> 26);
		for (int k = 0; k < S->n_groups; k++)
			L->sig_who[i] |= (uint64_t)1 << (((unsigned)(S->groups[k] + p->n_people) * 2654435761u) >> 26);
		/* Types kept apart: a bit per type, set on a session of a type that names others
		 * for each named type, and on every session for its own type. */
		const igs_type_rule *R = &p->rules[S->rule];
		L->sig_who[i] |= type_bit(p, S->rule);
		for (int k = 0; k < R->n_apart; k++)
			L->sig_who[i] |= type_bit(p, R->apart[k]);
		for (int k = 0; k < R->n_apart_theme; k++)
			L->sig_who[i] |= type_bit(p, R->apart_theme[k]);
		if (R->exclusive)
			L->sig_who[i] = ~(uint64_t)0;
	}
	if (L->n <= CONFLICT_TABLE_MAX && p->n_times > 0) {
		L->words = (L->n + 63) / 64;
		L->conf = calloc(n * (size_t)L->words, sizeof *L->conf);
		if (!L->conf) {
			rc = IGS_ENOMEM;
			goto cleanup;
		}
		/* Static conflicts come from sharing a person or a group, or from an exclusive
		 * session: walk the sessions of each person and group and the exclusive ones
		 * instead of all n² pairs, and let the evaluator's predicate decide each. */
		if ((rc = conflict_table(L)) != IGS_OK)
			goto cleanup;
	}
	if (L->n >= 2 && L->n <= PAIR_TABLE_MAX && p->n_times > 0 && (rc = pair_table(L)) != IGS_OK)
		goto cleanup;
	rc = buckets_init(L);
cleanup:
	return rc;
}

/* ---- moves ---- */

/* A random candidate placement of s: same time, same room or both new. */
static bool random_target(ls *L, int s, int *t, int *r, double *soft) {
	const igs_session *S = &L->p->sessions[s];
	int nct = S->n_cand_times, ncr = S->n_cand_rooms;
	if (nct == 0 || ncr == 0)
		return false;
	int ci = -1, ri = -1, t0 = L->s->time[s], r0 = L->s->room[s];
	int mode = t0 >= 0 ? pick(L, 3) : 2;
	if (mode == 0)
		ci = find_idx(S->cand_times, nct, t0);
	else if (mode == 1)
		ri = find_idx(S->cand_rooms, ncr, r0);
	if (ci < 0)
		ci = pick(L, nct);
	if (ri < 0)
		ri = pick(L, ncr);
	*t = S->cand_times[ci];
	*r = S->cand_rooms[ri];
	if (*t == t0 && *r == r0)
		return false;
	*soft = cand_soft_idx(L, s, ci, ri);
	return !isnan(*soft);
}

static void set_mv(mv *m, const ls *L, int s, int t1, int r1, double soft1) {
	*m = (mv){.s = s, .t0 = L->s->time[s], .r0 = L->s->room[s], .t1 = t1, .r1 = r1, .soft1 = soft1};
}

/* Session s to a random candidate placement; a single session in the way is swapped into
 * s's old place, exchanges rooms with it, is pushed elsewhere (an ejection chain) or, when
 * optional, dropped (replace). Returns the number of sessions moved, 0 for no move. */
static int propose_target(ls *L, int s, mv *M) {
	const igs_problem *p = L->p;
	int t, r;
	double soft;
	if (!random_target(L, s, &t, &r, &soft))
		return 0;
	long a0 = igs_time_abs(p, t);
	int nq = query(L, a0, a0 + L->dur[s], L->q0), b = -1;
	for (int j = 0; j < nq; j++) {
		int o = L->q0[j];
		if (o == s || (L->s->room[o] != r && !conflict(L, s, o)))
			continue;
		if (b >= 0)
			return 0;
		b = o;
	}
	L->nq0 = nq;
	set_mv(&M[0], L, s, t, r, soft);
	if (b < 0)
		return 1;
	int t0 = L->s->time[s], r0 = L->s->room[s], bt = L->s->time[b];
	int options = (t0 >= 0 ? 2 : 0) + 1 + p->sessions[b].optional, choice = pick(L, options);
	int nt = -1, nr = -1;
	double bs = 0;
	if (t0 < 0)
		choice += 2;
	if (choice == 0) { /* swap */
		nt = t0;
		nr = r0;
		bs = cand_soft(L, b, nt, nr);
	} else if (choice == 1) { /* room exchange */
		nt = bt;
		nr = r0;
		bs = cand_soft(L, b, nt, nr);
	} else if (choice == 2) { /* chain */
		if (!random_target(L, b, &nt, &nr, &bs))
			return 0;
	} /* else drop the optional b */
	if (isnan(bs))
		return 0;
	set_mv(&M[1], L, b, nt, nr, bs);
	return 2;
}

/* Two sessions that overlap exchange rooms. */
static int propose_rooms(ls *L, mv *M) {
	if (L->mob.n == 0)
		return 0;
	int s = L->mob.item[pick(L, L->mob.n)];
	int nq = query(L, L->from[s], L->to[s], L->q1);
	if (nq < 2)
		return 0;
	int o = L->q1[pick(L, nq)];
	if (o == s)
		return 0;
	int ts = L->s->time[s], rs = L->s->room[s], to = L->s->time[o], ro = L->s->room[o];
	double ss = cand_soft(L, s, ts, ro), so = cand_soft(L, o, to, rs);
	if (isnan(ss) || isnan(so))
		return 0;
	set_mv(&M[0], L, s, ts, ro, ss);
	set_mv(&M[1], L, o, to, rs, so);
	return 2;
}

static int propose(ls *L, mv *M) {
	L->nq0 = -1;
	double u = gsl_rng_uniform(L->rng);
	if (L->req_out.n > 0 && u < 0.25)
		return propose_target(L, L->req_out.item[pick(L, L->req_out.n)], M);
	if (L->opt_out.n > 0 && u < 0.30)
		return propose_target(L, L->opt_out.item[pick(L, L->opt_out.n)], M);
	if (L->opt_in.n > 0 && u < 0.31) {
		int s = L->opt_in.item[pick(L, L->opt_in.n)];
		set_mv(&M[0], L, s, -1, -1, 0);
		return 1;
	}
	if (u < 0.36)
		return propose_rooms(L, M);
	if (L->mob.n == 0)
		return 0;
	return propose_target(L, L->mob.item[pick(L, L->mob.n)], M);
}

/* ---- ruin and recreate ---- */

/* Cheapest valid placement of s against the placed sessions; false when there is none. */
/* The cheapest valid placement of s, outside thematic cell 'avoid' (-1: anywhere). */
static bool cheapest(ls *L, int s, int avoid, mv *m, double *delta) {
	const igs_session *S = &L->p->sessions[s];
	bool found = false;
	for (int ci = 0; ci < S->n_cand_times; ci++) {
		/* One query serves every room at this time. */
		long a0 = igs_time_abs(L->p, S->cand_times[ci]);
		L->nq0 = query(L, a0, a0 + L->dur[s], L->q0);
		for (int ri = 0; ri < S->n_cand_rooms; ri++) {
			double soft = cand_soft_idx(L, s, ci, ri), d;
			if (isnan(soft) || (avoid >= 0 && igs_cells_index(L->cells, S->cand_times[ci], S->cand_rooms[ri]) == avoid))
				continue;
			mv c;
			set_mv(&c, L, s, S->cand_times[ci], S->cand_rooms[ri], soft);
			if (!evaluate(L, &c, 1, &d, true))
				continue;
			themes_move(L, &c, 1, -1);
			if (!found || d < *delta - 1e-9) {
				*m = c;
				*delta = d;
				found = true;
			}
		}
	}
	L->nq0 = -1;
	return found;
}

/* Applies a one-session move whose feasibility is known (or, check false, irrelevant). */
static void force(ls *L, int s, int t, int r, double soft, bool check) {
	mv m;
	double d;
	set_mv(&m, L, s, t, r, soft);
	L->nq0 = -1;
	if (evaluate(L, &m, 1, &d, check))
		commit(L, &m, 1, d);
}

/* Lifts 2 to RUIN_MAX placed sessions of one random day or theme, remembering where they
 * were; returns how many. */
static int ruin(ls *L) {
	const igs_problem *p = L->p;
	int n = 0;
	if (L->mob.n == 0)
		return 0;
	int anchor = L->mob.item[pick(L, L->mob.n)];
	int n_themes = L->th_off[anchor + 1] - L->th_off[anchor];
	bool by_day = n_themes == 0 || pick(L, 2) == 0;
	int day = p->times[L->s->time[anchor]].day;
	int theme = by_day ? -1 : L->th[L->th_off[anchor] + pick(L, n_themes)];
	int start = pick(L, L->mob.n), want = 2 + pick(L, RUIN_MAX - 1);
	for (int x = 0; x < L->mob.n && n < want; x++) {
		int s = L->mob.item[(start + x) % L->mob.n];
		bool match = by_day && p->times[L->s->time[s]].day == day;
		for (int k = L->th_off[s]; !by_day && k < L->th_off[s + 1]; k++)
			match = match || L->th[k] == theme;
		if (match)
			L->ruin[n++] = s;
	}
	for (int i = 0; i < n; i++) {
		int s = L->ruin[i];
		L->ruin_t[i] = L->s->time[s];
		L->ruin_r[i] = L->s->room[s];
		force(L, s, -1, -1, 0, true);
	}
	return n;
}

/* Puts each lifted session back at its cheapest valid placement; an optional one only when
 * that beats leaving it out. */
static void recreate(ls *L, int n) {
	for (int i = 0; i < n; i++) {
		int s = L->ruin[i];
		mv m;
		double d;
		if (cheapest(L, s, -1, &m, &d) && (!L->p->sessions[s].optional || d < 0))
			force(L, s, m.t1, m.r1, m.soft1, true);
	}
}

/* One (slot, room) cell: the sessions starting in slot k of a day in room r. */
typedef struct {
	int day, k, r;
} cell;

static bool cell_of(const igs_problem *p, int t, int r, cell *c) {
	c->day = p->times[t].day;
	c->k = igs_day_slot_of(&p->days[c->day], p->times[t].start);
	c->r = r;
	return c->k >= 0;
}

/* Appends the placed sessions of c to L->ruin (from n on); false when they are too many. */
static bool cell_sessions(ls *L, const cell *c, int *n) {
	const igs_interval *S = &L->p->days[c->day].slots[c->k];
	long base = (long)c->day * 1440L;
	int m = query(L, base + S->from, base + S->to, L->q1);
	for (int j = 0; j < m; j++) {
		int o = L->q1[j];
		cell oc;
		if (L->s->room[o] != c->r || !cell_of(L->p, L->s->time[o], c->r, &oc) || oc.day != c->day || oc.k != c->k)
			continue;
		if (*n == LIFT_MAX)
			return false;
		L->ruin[(*n)++] = o;
	}
	return true;
}

/* Places s at its start's offset in cell from, moved to cell to; false when it cannot go. */
static bool shift_into(ls *L, int s, int t_old, const cell *from, const cell *to) {
	const igs_problem *p = L->p;
	int start = p->times[t_old].start - p->days[from->day].slots[from->k].from + p->days[to->day].slots[to->k].from;
	int t = igs_problem_find_time(p, to->day, start);
	double soft = t < 0 ? NAN : cand_soft(L, s, t, to->r);
	if (isnan(soft))
		return false;
	force(L, s, t, to->r, soft, true);
	return L->s->time[s] == t;
}

/* meeting.thematic_rooms: exchanges the contents of two cells whose slots are as long, each
 * session keeping its offset in the slot, so a whole track changes room or time at once, which
 * no move of one or two sessions can do while every cell keeps one theme (an empty cell is a
 * target too). Returns how many sessions were lifted (in L->ruin, their old places in ruin_t
 * and ruin_r, for rollback), 0 when nothing changed; *ok is false when one could not go. */
static int exchange(ls *L, bool *ok) {
	const igs_problem *p = L->p;
	*ok = false;
	if (L->mob.n == 0 || p->n_rooms == 0)
		return 0;
	int a = L->mob.item[pick(L, L->mob.n)];
	cell A, B;
	if (!cell_of(p, L->s->time[a], L->s->room[a], &A))
		return 0;
	const igs_interval *SA = &p->days[A.day].slots[A.k];
	B.day = pick(L, p->n_days);
	if (p->days[B.day].n_slots == 0)
		return 0;
	B.k = pick(L, p->days[B.day].n_slots);
	B.r = pick(L, p->n_rooms);
	const igs_interval *SB = &p->days[B.day].slots[B.k];
	if (SB->to - SB->from != SA->to - SA->from || (A.day == B.day && A.k == B.k && A.r == B.r))
		return 0;
	int na = 0, n;
	if (!cell_sessions(L, &A, &na))
		return 0;
	n = na;
	if (!cell_sessions(L, &B, &n))
		return 0;
	for (int i = 0; i < n; i++) {
		L->ruin_t[i] = L->s->time[L->ruin[i]];
		L->ruin_r[i] = L->s->room[L->ruin[i]];
	}
	for (int i = 0; i < n; i++)
		force(L, L->ruin[i], -1, -1, 0, true);
	*ok = true;
	for (int i = 0; i < n && *ok; i++)
		*ok = i < na ? shift_into(L, L->ruin[i], L->ruin_t[i], &A, &B) : shift_into(L, L->ruin[i], L->ruin_t[i], &B, &A);
	return n;
}

/* meeting.thematic_rooms: empties one cell, each of its sessions going to its cheapest valid
 * placement outside it (or out, when there is none), then gives up to two left-out required
 * sessions their cheapest placement. A cell can so pass from one track to another, or take a
 * session that fits nowhere else: in a full programme where every cell keeps one theme, moves
 * of one or two sessions rarely reach that. Returns how many sessions moved (in L->ruin, their
 * old places in ruin_t and ruin_r, -1 for those that were out), 0 when nothing changed. (Taking
 * the emptied cell for a left-out session first, tried, placed fewer on N2OR and ISF22.) */
static int evacuate(ls *L) {
	const igs_problem *p = L->p;
	if (L->mob.n == 0)
		return 0;
	int a = L->mob.item[pick(L, L->mob.n)], n = 0;
	cell A;
	if (!cell_of(p, L->s->time[a], L->s->room[a], &A) || !cell_sessions(L, &A, &n))
		return 0;
	int avoid = igs_cells_index(L->cells, L->s->time[a], L->s->room[a]);
	for (int i = 0; i < n; i++) {
		L->ruin_t[i] = L->s->time[L->ruin[i]];
		L->ruin_r[i] = L->s->room[L->ruin[i]];
	}
	for (int i = 0; i < n; i++)
		force(L, L->ruin[i], -1, -1, 0, true);
	mv m;
	double d;
	for (int i = 0; i < n; i++)
		if (cheapest(L, L->ruin[i], avoid, &m, &d))
			force(L, L->ruin[i], m.t1, m.r1, m.soft1, true);
	for (int k = 0; k < 2 && L->req_out.n > 0 && n < LIFT_MAX; k++) {
		int s = L->req_out.item[pick(L, L->req_out.n)];
		if (!cheapest(L, s, -1, &m, &d))
			continue;
		L->ruin[n] = s;
		L->ruin_t[n] = L->ruin_r[n] = -1;
		n++;
		force(L, s, m.t1, m.r1, m.soft1, true);
	}
	return n;
}

/* Undoes ruin and recreate: the old placements were valid together with the rest, which
 * has not changed, so they go back without checks. */
static void rollback(ls *L, int n) {
	for (int i = 0; i < n; i++)
		if (L->s->time[L->ruin[i]] >= 0)
			force(L, L->ruin[i], -1, -1, 0, true);
	for (int i = 0; i < n; i++) {
		int s = L->ruin[i], t = L->ruin_t[i], r = L->ruin_r[i];
		if (t >= 0) /* one that was out (evacuate) stays out */
			force(L, s, t, r, igs_place_soft(L->p, s, t, r), false);
	}
}

/* Keeps a compound move already made (ruin and recreate, a cell exchange or emptying; ok false
 * when it could not be completed) when it leaves fewer required sessions out, or as many and
 * the annealing takes its change of score; else undoes it. */
static bool keep_compound(ls *L, int nr, bool ok, double before, int req_before, double temp) {
	double d = L->total - before;
	bool keep = nr > 0 && ok &&
		    (L->unplaced_req < req_before ||
		     (L->unplaced_req == req_before && (d <= 0 || gsl_rng_uniform(L->rng) < exp(-d / temp))));
	if (!keep) {
		rollback(L, nr);
		L->total = before;
	}
	return keep;
}

/* ---- the search ---- */

static void report(const ls *L, igs_local_stats *st, const igs_options *o, double elapsed, double temp, bool last) {
	st->elapsed = elapsed;
	if (st->progress) {
		st->progress(st, st->arg);
		return;
	}
	if (o->verbose < 1)
		return;
	/* On a terminal the line is rewritten in place and ends only with the last report. */
	fprintf(stderr, "%slocal: %7.2f s %12ld moves (%6.2f M/s) accepted %9ld  best %.3f", o->live_progress ? "\r" : "",
		elapsed, st->tried, elapsed > 0 ? st->tried / elapsed * 1e-6 : 0.0, st->accepted, st->best_score);
	if (st->best_unplaced)
		fprintf(stderr, " (%d required unplaced)", st->best_unplaced);
	fprintf(stderr, "  current %.3f  T %.4g%s", L->total, temp, o->live_progress ? "\033[K" : "");
	if (!o->live_progress || last)
		fputc('\n', stderr);
	fflush(stderr);
}

static void save_best(ls *L) {
	memcpy(L->best_t, L->s->time, (size_t)L->n * sizeof *L->best_t);
	memcpy(L->best_r, L->s->room, (size_t)L->n * sizeof *L->best_r);
}

/* The temperature at which random feasible moves from the start that go uphill are accepted
 * with mean probability 'target'. Not a mean or median step: the steps spread over orders of
 * magnitude (a seat of waste costs 0.002, dropping an optional session its whole priority),
 * and the productive temperature sits among the small ones. */
static double start_temperature(ls *L, long budget, double target, long *tried) {
	mv M[MAX_MV];
	int ups = 0;
	for (long i = 0; i < budget; i++) {
		int k = propose(L, M);
		double d;
		(*tried)++;
		if (k == 0 || !evaluate(L, M, k, &d, true))
			continue;
		themes_move(L, M, k, -1);
		if (d > 1e-9 && isfinite(d))
			L->sample[ups++] = d;
	}
	if (ups == 0)
		return 1.0;
	double lo = 1e-9, hi = 0;
	for (int i = 0; i < ups; i++)
		hi = L->sample[i] > hi ? L->sample[i] : hi;
	/* Acceptance grows with the temperature: bisect on a log scale. */
	for (int step = 0; step < 60; step++) {
		double mid = sqrt(lo * hi), acc = 0;
		for (int i = 0; i < ups; i++)
			acc += exp(-L->sample[i] / mid);
		if (acc / ups < target)
			lo = mid;
		else
			hi = mid;
	}
	return hi;
}

int igs_local_search(igs_schedule *s, const igs_options *o, long max_moves, igs_local_stats *st) {
	igs_local_stats dummy;
	ls L;
	int rc = IGS_OK;
	double t_start = now_s();
	memset(&dummy, 0, sizeof dummy);
	if (!st)
		st = &dummy;
	st->tried = st->accepted = st->improved = st->exchanged = st->evacuated = 0;
	st->timed_out = st->interrupted = false;
	st->elapsed = 0;
	rc = ls_init(&L, s);
	if (rc != IGS_OK)
		goto cleanup;
	if (!(L.rng = gsl_rng_alloc(gsl_rng_mt19937))) {
		rc = IGS_ENOMEM;
		goto cleanup;
	}
	/* A stream of its own: another phase seeded from o->seed must not replay this one. */
	gsl_rng_set(L.rng, (unsigned long)o->seed * 2654435761UL + 1UL);
	load_state(&L);
	st->start_score = st->best_score = L.total;
	st->start_unplaced = st->best_unplaced = L.unplaced_req;
	save_best(&L);
	if (max_moves <= 0 || L.n == 0)
		goto finish;

	bool at_best = true; /* the current schedule is the best and best_t/best_r may be stale */
	double best = L.total, t_hi, t_lo, temp, last_report = t_start;
	int best_req = L.unplaced_req;
	long warm = max_moves / 100 < SAMPLE_MAX ? max_moves / 100 : SAMPLE_MAX;
	t_hi = start_temperature(&L, warm, START_ACCEPT, &st->tried);
	t_lo = t_hi * END_COOLING;
	if (o->verbose >= 3)
		fprintf(stderr, "local: temperature %g down to %g over %ld moves\n", t_hi, t_lo, max_moves);
	temp = t_hi;
	/* Ruin-and-recreate about every 1 % of the budget: a large step the single moves cannot
	 * take, as when a day's sessions are all locked in place by one another. */
	long ruin_every = max_moves / 100 > 1000 ? max_moves / 100 : 1000;
	mv M[MAX_MV];
	bool thematic = L.p->thematic_rooms;
	for (long it = st->tried; it < max_moves; it++) {
		if ((it & 4095) == 0) {
			double now = now_s();
			temp = t_hi * pow(t_lo / t_hi, (double)it / (double)max_moves);
			if (now - t_start > o->time_limit) {
				st->timed_out = true;
				break;
			}
			if (o->interrupt && *o->interrupt) {
				st->interrupted = true;
				break;
			}
			if (now - last_report >= 1.0) {
				last_report = now;
				report(&L, st, o, now - t_start, temp, false);
			}
		}
		st->tried++;
		double d;
		double u = thematic ? gsl_rng_uniform(L.rng) : 1;
		if (u < EXCHANGE_RATE) {
			/* Judged like a ruin step; a half-made exchange or evacuation is undone. */
			double before = L.total;
			int req_before = L.unplaced_req;
			if (at_best)
				save_best(&L);
			bool ok = true;
			int nr = u < EVACUATE_RATE ? evacuate(&L) : exchange(&L, &ok);
			if (nr == 0)
				continue;
			at_best = false;
			if (!keep_compound(&L, nr, ok, before, req_before, temp))
				continue;
			st->exchanged += u >= EVACUATE_RATE;
			st->evacuated += u < EVACUATE_RATE;
		} else if (it % ruin_every == ruin_every - 1) {
			/* A large move from the current schedule, judged like any other. */
			double before = L.total;
			int req_before = L.unplaced_req;
			if (at_best)
				save_best(&L);
			at_best = false;
			int nr = ruin(&L);
			recreate(&L, nr);
			if (!keep_compound(&L, nr, true, before, req_before, temp))
				continue;
		} else {
			int k = propose(&L, M);
			if (k == 0 || !evaluate(&L, M, k, &d, true))
				continue;
			int req_gain = 0;
			for (int i = 0; i < k; i++)
				if (!L.p->sessions[M[i].s].optional)
					req_gain += (M[i].t0 < 0) - (M[i].t1 < 0);
			bool accept = req_gain > 0 ||
				      (req_gain == 0 && (d <= 0 || gsl_rng_uniform(L.rng) < exp(-d / temp)));
			if (!accept) {
				themes_move(&L, M, k, -1);
				continue;
			}
			if (at_best)
				save_best(&L);
			at_best = false;
			commit(&L, M, k, d);
		}
		st->accepted++;
		if (L.unplaced_req < best_req || (L.unplaced_req == best_req && L.total < best - 1e-9)) {
			best = L.total;
			best_req = L.unplaced_req;
			at_best = true;
			st->improved++;
			st->best_score = best;
			st->best_unplaced = best_req;
		}
		if (st->on_accept && !st->on_accept(s, L.total, st->arg))
			break;
	}
	if (!at_best) {
		memcpy(s->time, L.best_t, (size_t)L.n * sizeof *s->time);
		memcpy(s->room, L.best_r, (size_t)L.n * sizeof *s->room);
	}
finish:
	/* The kept total has drifted by rounding over millions of deltas; report it afresh. */
	load_state(&L);
	st->best_score = L.total;
	st->best_unplaced = L.unplaced_req;
	st->elapsed = now_s() - t_start;
	report(&L, st, o, st->elapsed, 0, true);
	for (int i = 0; i < L.n && rc == IGS_OK; i++) {
		if (s->time[i] >= 0 && s->reason[i])
			rc = igs_schedule_set_reason(s, i, NULL);
		else if (s->time[i] < 0 && !s->reason[i] && L.p->sessions[i].optional)
			rc = igs_schedule_set_reason(s, i,
						     "optional, left out: the local search found the programme scores "
						     "better without it than at any placement it tried");
	}
cleanup:
	ls_free(&L);
	return rc;
}

int igs_local_full_cost(const igs_schedule *s, double *total, int *unplaced_required) {
	ls L;
	/* load_state only reads the placements; the cast lets it share the search's code. */
	int rc = ls_init(&L, (igs_schedule *)s);
	if (rc == IGS_OK) {
		load_state(&L);
		if (total)
			*total = L.total;
		if (unplaced_required)
			*unplaced_required = L.unplaced_req;
	}
	ls_free(&L);
	return rc;
}
