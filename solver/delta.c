/* The incremental evaluator: the cost state a move changes (buckets of placed sessions by
 * time, per-theme counts, thematic cells, the slot index, fairness counts), the per-term deltas
 * of a move, and the static tables that make them cheap. Hard checks use the evaluator's
 * predicates; every sum runs in the order the local search has always used, so its schedules
 * stay bit-identical. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "solver/duplicates.h"
#include "solver/delta.h"

/* Dense tables up to these sizes (bytes in comments at the limit); beyond them the
 * predicates run per pair or placement, slower but the same answers. */
#define PAIR_TABLE_MAX 2048L        /* n × n 16-bit indices: 8 MiB (doubles: 32 MiB) */
#define CONFLICT_TABLE_MAX 16384L   /* n × n bits: 32 MiB */
#define PLACE_TABLE_MAX (256L << 20) /* candidate (time, room) pairs, one bit each: 32 MiB */
/* Partner lists beyond this many entries per session (and 65,536) give way to the above. */
#define PARTNERS_PER_SESSION 64L

/* How far ahead of the session it prices a pair sum asks the cache for a key. */
#define PREFETCH_AHEAD 8

/* Tags with a bit of their own in igs_delta.tag_bits. */
#define TAG_EXACT 48
#define TAG_EXACT_MASK (((uint64_t)1 << TAG_EXACT) - 1)

/* ---- static tables ---- */

static bool first_of(const int *v, int i) {
	for (int k = 0; k < i; k++)
		if (v[k] == v[i])
			return false;
	return true;
}

/* Bits of the hash of session b in a partners' bitmap of 2^bits bits. */
static inline unsigned dup_hash(int b, int bits) {
	return ((unsigned)b * 2654435761u) >> (32 - bits);
}

/* Fills the bitmap of a's near-duplicate partners in the slot filled longer ago unless a has
 * one; returns the slot. */
static inline int dup_mark(igs_delta *L, int a) {
	const igs_problem *p = L->p;
	for (int k = 0; k < 2; k++)
		if (L->dup_a[k] == a) {
			L->dup_old = 1 - k;
			return k;
		}
	int k = L->dup_old, bits = 6, m = p->dup_start ? p->dup_start[a + 1] - p->dup_start[a] : 0;
	uint64_t *at = L->dup_at + (size_t)k * L->dup_cap;
	memset(at, 0, ((size_t)1 << (L->dup_bits[k] - 6)) * sizeof *at);
	while ((1L << bits) < 32L * m)
		bits++;
	L->dup_bits[k] = bits;
	for (int j = m ? p->dup_start[a] : 0; m && j < p->dup_start[a + 1]; j++) {
		unsigned h = dup_hash(p->dup_other[j], bits);
		at[h >> 6] |= (uint64_t)1 << (h & 63);
	}
	L->dup_a[k] = a;
	L->dup_old = 1 - k;
	return k;
}

/* A session's near-duplicate partners as a lookup reads them: its bitmap and its list. */
typedef struct {
	const uint64_t *bm;
	int bits, lo, m; /* the list: p->dup_other[lo .. lo + m) */
	const int *list;
} dup_view;

static inline dup_view dup_of(igs_delta *L, int a) {
	int k = dup_mark(L, a), lo = L->p->dup_start ? L->p->dup_start[a] : 0;
	return (dup_view){.bm = L->dup_at + (size_t)k * L->dup_cap, .bits = L->dup_bits[k], .lo = lo,
			  .m = L->p->dup_start ? L->p->dup_start[a + 1] - lo : 0, .list = L->p->dup_other + lo};
}

/* 1 + b's entry in p->dup_sim for v's session, 0 when b is no partner of it. */
static inline int dup_find(const dup_view *v, int b) {
	unsigned h = dup_hash(b, v->bits);
	if (!((v->bm[h >> 6] >> (h & 63)) & 1))
		return 0;
	int j = igs_delta_find_idx(v->list, v->m, b);
	return j < 0 ? 0 : v->lo + j + 1;
}

/* igs_dup_link(p, a, b) from the partners' bitmap. */
static double dup_link(igs_delta *L, int a, int b) {
	dup_view v = dup_of(L, a);
	int j = dup_find(&v, b);
	return j ? L->p->dup_sim[j - 1] : 0;
}

/* Tags a and b share, as the evaluator's pair_counts counts them. */
static int shared_tags(const igs_delta *L, int a, int b) {
	const igs_delta_key *ka = &L->key[a], *kb = &L->key[b];
	uint64_t common = ka->tag_bits & kb->tag_bits;
	int tags = 0;
	if ((common & ~TAG_EXACT_MASK) && ka->ntag <= IGS_DELTA_TAGV && kb->ntag <= IGS_DELTA_TAGV) {
		/* a rare tag maybe in common: the two short sorted lists side by side */
		const int *u = L->tagv + (size_t)a * IGS_DELTA_TAGV, *v = L->tagv + (size_t)b * IGS_DELTA_TAGV;
		for (int i = 0, j = 0; i < ka->ntag && j < kb->ntag;) {
			tags += u[i] == v[j];
			if (u[i] <= v[j])
				i++;
			else
				j++;
		}
	} else if (common & ~TAG_EXACT_MASK) {
		const igs_session *A = &L->p->sessions[a], *B = &L->p->sessions[b];
		for (int i = 0; i < A->n_tags; i++)
			tags += first_of(A->tags, i) && igs_list_has(B->tags, B->n_tags, A->tags[i]);
	} else {
		for (; common; common &= common - 1) /* few bits: no popcount instruction needed */
			tags++;
	}
	return tags;
}

/* igs_pair_soft of two overlapping sessions from the profiles' table: the same five
 * products summed in the evaluator's order, so the same value to the last bit. */
static double pair_soft_profiled(igs_delta *L, int a, int b) {
	if (a == b)
		return 0;
	const igs_weights *w = L->w;
	const igs_delta_key *ka = &L->key[a], *kb = &L->key[b];
	const double *pf = L->pf + 2 * ((size_t)ka->prof * (size_t)L->np + (size_t)kb->prof);
	int att = 0;
	if (ka->attends | kb->attends)
		igs_pair_people(L->p, a, b, &att);
	return pf[0] + w->tag_clash * shared_tags(L, a, b) + pf[1] + w->duplicate_clash * dup_link(L, a, b) +
	       w->attendee_clash * att;
}

static double pair_soft(igs_delta *L, int a, int b) {
	if (L->pci)
		return L->pcv[L->pci[(size_t)a * (size_t)L->n + (size_t)b]];
	if (L->pc)
		return L->pc[(size_t)a * (size_t)L->n + (size_t)b];
	if (L->pf)
		return pair_soft_profiled(L, a, b);
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

/* Pairs of one session a with many (the sessions beside a move): what pricing them reads of
 * a, read once. Valid while a's marks stay (two more sessions marked end them). */
typedef struct {
	int a;
	const double *row; /* a's row of the profiles' table; NULL: pair_soft */
	const double *fast; /* a's rows of pft, or NULL */
	dup_view dup;      /* a's near-duplicate partners */
	uint64_t tags;
	unsigned char attends;
	double w_tag, w_dup, w_att;
} pricer;

static inline void pricer_set(igs_delta *L, pricer *c, int a) {
	*c = (pricer){.a = a};
	if (!L->pf)
		return;
	const igs_delta_key *ka = &L->key[a];
	c->dup = dup_of(L, a);
	c->row = L->pf + 2 * (size_t)ka->prof * (size_t)L->np;
	c->fast = L->pft ? L->pft + (size_t)ka->prof * IGS_DELTA_PFT * (size_t)L->np : NULL;
	c->tags = ka->tag_bits;
	c->attends = ka->attends;
	c->w_tag = L->w->tag_clash;
	c->w_dup = L->w->duplicate_clash;
	c->w_att = L->w->attendee_clash;
}

/* pair_soft(L, c->a, b), each product as pair_soft_profiled forms it. */
static inline double price(igs_delta *L, const pricer *c, int b) {
	if (!c->row)
		return pair_soft(L, c->a, b);
	if (b == c->a)
		return 0;
	const igs_delta_key *kb = &L->key[b];
	const double *pf = c->row + 2 * (size_t)kb->prof;
	uint64_t common = c->tags & kb->tag_bits;
	int tags = 0, att = 0, j = dup_find(&c->dup, b);
	if (c->fast && !(common & ~TAG_EXACT_MASK) && !j && !(c->attends | kb->attends)) {
		for (; common; common &= common - 1)
			tags++;
		if (tags < IGS_DELTA_PFT)
			return c->fast[(size_t)tags * (size_t)L->np + (size_t)kb->prof];
		tags = 0;
		common = c->tags & kb->tag_bits;
	}
	if (common & ~TAG_EXACT_MASK)
		tags = shared_tags(L, c->a, b);
	else
		for (; common; common &= common - 1)
			tags++;
	if (c->attends | kb->attends)
		igs_pair_people(L->p, c->a, b, &att);
	return pf[0] + c->w_tag * tags + pf[1] + c->w_dup * (j ? L->p->dup_sim[j - 1] : 0) + c->w_att * att;
}

static void bucket_add(igs_delta *L, int s) {
	for (long b = L->fb[s]; b <= (L->to[s] - 1) / L->bw; b++)
		L->b_item[L->b_off[b] + L->b_cnt[b]++] = s;
	L->s_item[L->s_off[L->fb[s]] + L->s_cnt[L->fb[s]]++] = s;
}

/* The order of b_item is the order the pair sums have always run in; removing a session
 * moves a bucket's last one into its place, so each bucket of s lists its starters afresh. */
static void bucket_del(igs_delta *L, int s) {
	for (long b = L->fb[s]; b <= (L->to[s] - 1) / L->bw; b++) {
		int *it = L->b_item + L->b_off[b];
		for (int k = 0; k < L->b_cnt[b]; k++)
			if (it[k] == s) {
				it[k] = it[--L->b_cnt[b]];
				break;
			}
		int *st = L->s_item + L->s_off[b], m = 0;
		for (int k = 0; k < L->b_cnt[b]; k++)
			if (L->fb[it[k]] == b)
				st[m++] = it[k];
		L->s_cnt[b] = m;
	}
}

/* Files placed session s under its room, by start. */
static void room_add(igs_delta *L, int s) {
	int r = L->key[s].room;
	if (!L->rm_off || r < 0)
		return;
	struct igs_delta_span *v = L->rm_item + L->rm_off[r];
	int m = L->rm_cnt[r]++, x = m;
	while (x > 0 && v[x - 1].from > L->key[s].from)
		x--;
	memmove(v + x + 1, v + x, (size_t)(m - x) * sizeof *v);
	v[x] = (struct igs_delta_span){L->key[s].from, L->key[s].to, s};
	for (int d = L->key[s].from / 1440 + 1; d < L->rm_nd; d++)
		L->rm_day[r * L->rm_nd + d]++;
}

static void room_del(igs_delta *L, int s) {
	int r = L->key[s].room;
	if (!L->rm_off || r < 0)
		return;
	struct igs_delta_span *v = L->rm_item + L->rm_off[r];
	int m = L->rm_cnt[r]--, x = 0;
	while (v[x].s != s)
		x++;
	memmove(v + x, v + x + 1, (size_t)(m - x - 1) * sizeof *v);
	for (int d = L->key[s].from / 1440 + 1; d < L->rm_nd; d++)
		L->rm_day[r * L->rm_nd + d]--;
}

/* Writes to out the placed sessions of room r that overlap [a0, a1); returns how many. */
static int room_over(const igs_delta *L, int r, long a0, long a1, int *out) {
	const struct igs_delta_span *v = L->rm_item + L->rm_off[r];
	/* from the first start of the day the earliest session to reach a0 could start on */
	long d = (a0 - L->max_dur + 1) / 1440;
	int x = d <= 0 ? 0 : d >= L->rm_nd ? L->rm_cnt[r] : L->rm_day[r * L->rm_nd + d], n = 0;
	for (; x < L->rm_cnt[r] && v[x].from < a1; x++)
		if (v[x].to > a0)
			out[n++] = v[x].s;
	return n;
}

int igs_delta_in_way(const igs_delta *L, int s, long a0, long a1, int r, int *b) {
	if (!L->rm_off || L->key[s].cflag || L->cls[s] >= 0 || r < 0)
		return -1;
	int n = 0, o;
	*b = -1;
	/* as the sets they are: a session in the way for two reasons counts once */
	int m = room_over(L, r, a0, a1, L->qp);
	for (int j = 0; j < m; j++)
		if ((o = L->qp[j]) != s && o != *b && n++ == 0)
			*b = o;
	for (int j = 0; j < L->n_ex && n < 2; j++)
		if ((o = L->ex[j]) != s && o != *b && L->key[o].from < a1 && L->key[o].to > a0 && n++ == 0)
			*b = o;
	m = n < 2 ? igs_delta_partners_over(L, s, a0, a1, L->qp) : 0;
	for (int j = 0; j < m && n < 2; j++)
		if ((o = L->qp[j]) != s && o != *b && n++ == 0)
			*b = o;
	return n < 2 ? n : 2;
}

/* ---- theme terms ---- */

static int spread_of(const igs_delta *L, int th) {
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
static void theme_apply(igs_delta *L, int s, int t, int r, int sign, bool membership) {
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
static int breaks_of(const igs_delta *L, int th) {
	const int *c = L->tbc + th * L->tb_ns;
	int runs = 0;
	for (int k = 0; k < L->tb_ns; k++)
		runs += c[k] > 0 && (k == 0 || c[k - 1] == 0);
	return runs > 1 ? runs - 1 : 0;
}

static void themes_move(igs_delta *L, const igs_move *M, int k, int sign) {
	for (int i = 0; i < k; i++) {
		const igs_move *m = &M[i];
		if (m->t0 >= 0)
			theme_apply(L, m->s, m->t0, m->r0, -sign, m->t1 < 0);
		if (m->t1 >= 0)
			theme_apply(L, m->s, m->t1, m->r1, sign, m->t0 < 0);
	}
}

void igs_delta_reject(igs_delta *L, const igs_move *M, int k) {
	themes_move(L, M, k, -1);
}

static int out_of_order(const igs_problem *p, int a, long fa, int b, long fbs) {
	int oa = p->sessions[a].order, ob = p->sessions[b].order;
	return (oa < ob && fa > fbs) || (ob < oa && fbs > fa);
}

static bool is_moved(const igs_move *M, int k, int o) {
	for (int i = 0; i < k; i++)
		if (M[i].s == o)
			return true;
	return false;
}

static int order_delta(const igs_delta *L, const igs_move *M, int k) {
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
 * may list moved sessions at their old places: they are skipped)? Sums the pair soft into
 * *pair unless pair is NULL (the checks alone). */
static bool fits(igs_delta *L, const igs_move *M, int k, int i, long a0, long a1, const int *q, int nq, bool check,
		 bool clear, double *pair) {
	int s = M[i].s, r = M[i].r1, c = L->cls[s], nc = 0;
	double sum = 0;
	bool listed = L->pt_off != NULL; /* person and group clashes from s's partners */
	pricer pr = {.a = s};
	if (pair)
		pricer_set(L, &pr, s);
	if (check && !clear && listed) {
		int np = igs_delta_partners_over(L, s, a0, a1, L->qp);
		for (int j = 0; j < np; j++)
			if (!is_moved(M, k, L->qp[j]))
				return false;
	}
	for (int j = 0; j < nq; j++) {
		int o = q[j];
		/* the keys some sessions ahead, for the cache (q has room for one more) */
		if (j + PREFETCH_AHEAD < nq)
			__builtin_prefetch(&L->key[q[j + PREFETCH_AHEAD]]);
		if (is_moved(M, k, o))
			continue;
		if (check && !clear &&
		    (L->key[o].room == r || (listed ? igs_delta_conflict_unlisted(L, s, o) : igs_delta_conflict(L, s, o))))
			return false;
		if (pair)
			sum += price(L, &pr, o);
		if (check && c >= 0 && L->key[o].cls == c) {
			L->cb[nc] = o;
			L->cf[nc] = L->key[o].from;
			L->ct[nc++] = L->key[o].to;
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
	if (pair)
		*pair = sum;
	return true;
}

/* fits' checks of M[i] at [a0, a1) from the room index, the exclusive sessions and the
 * partner lists, without a query: 1 when they pass, 0 when they fail, -1 when the index cannot
 * tell (then fits must judge). */
static int fits_indexed(igs_delta *L, const igs_move *M, int k, int i, long a0, long a1) {
	int s = M[i].s, r = M[i].r1;
	if (!L->rm_off || L->key[s].cflag || L->cls[s] >= 0 || r < 0)
		return -1;
	int m = igs_delta_partners_over(L, s, a0, a1, L->qp);
	for (int j = 0; j < m; j++)
		if (!is_moved(M, k, L->qp[j]))
			return 0;
	m = room_over(L, r, a0, a1, L->qp);
	for (int j = 0; j < m; j++)
		if (!is_moved(M, k, L->qp[j]))
			return 0;
	for (int j = 0; j < L->n_ex; j++) {
		int o = L->ex[j];
		if (!is_moved(M, k, o) && L->key[o].from < a1 && L->key[o].to > a0)
			return 0;
	}
	return 1;
}

/* meeting.thematic_rooms: may each moved session join its new cell, given the moved ones
 * that leave it (they share the cell's track, as the state keeps the rule) and each other? */
static bool cells_ok(const igs_delta *L, const igs_move *M, int k) {
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
static double slot_delta(const igs_delta *L, const igs_move *M, int k) {
	if (!igs_slots_on(L->slots))
		return 0;
	int skip[IGS_MOVE_MAX];
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
static double fair_delta(igs_delta *L, const igs_move *M, int k, bool apply) {
	const igs_problem *p = L->p;
	double d = 0;
	int step[IGS_MOVE_MAX] = {0};
	for (int i = 0; i < k; i++) {
		/* the key first: most moves change no optional session's membership */
		step[i] = !L->key[M[i].s].optional || (M[i].t0 < 0) == (M[i].t1 < 0) ? 0 : M[i].t1 < 0 ? 1 : -1;
		const igs_session *S = &p->sessions[M[i].s];
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

/* The per-theme counts are left applied, for igs_delta_reject or igs_delta_commit to follow. */
/* fits for a lone move of s to [a0, a1), every room at once: false when a session of q
 * (s aside) conflicts with s or max_parallel refuses; else *pair is the pair soft and the
 * rooms of q are marked taken. */
static bool fits_time(igs_delta *L, int s, long a0, const int *q, int nq, double *pair) {
	int c = L->cls[s], nc = 0;
	double sum = 0;
	bool listed = L->pt_off != NULL;
	pricer pr;
	pricer_set(L, &pr, s);
	if (listed) {
		int np = igs_delta_partners_over(L, s, a0, a0 + L->dur[s], L->qp);
		for (int j = 0; j < np; j++)
			if (L->qp[j] != s)
				return false;
	}
	L->room_mark++;
	for (int j = 0; j < nq; j++) {
		int o = q[j];
		if (o == s)
			continue;
		if (listed ? igs_delta_conflict_unlisted(L, s, o) : igs_delta_conflict(L, s, o))
			return false;
		if (L->key[o].room >= 0)
			L->room_seen[L->key[o].room] = L->room_mark;
		sum += price(L, &pr, o);
		if (c >= 0 && L->key[o].cls == c) {
			L->cb[nc] = o;
			L->cf[nc] = L->key[o].from;
			L->ct[nc++] = L->key[o].to;
		}
	}
	if (c >= 0 && !igs_parallel_ok(L->p, s, a0, L->cb, L->cf, L->ct, nc))
		return false;
	*pair = sum;
	return true;
}

/* igs_delta_eval; with pair0, M[0]'s new time is known to fit apart from its room (the
 * rooms taken then are marked in room_seen) and *pair0 is its pair soft there. */
static bool eval_move(igs_delta *L, const igs_move *M, int k, double *delta, bool check, const double *pair0) {
	const igs_problem *p = L->p;
	const igs_weights *w = L->w;
	double d = 0;
	if (check && !cells_ok(L, M, k))
		return false;
	/* The second session's hard checks first: in a full programme half the pairs fail there
	 * (10,000 generated sessions), and the first one's pair sum is then not needed. Its query
	 * stays in q1 for its pair sum; the first one's, when not given, goes to q0. */
	bool second = check && k == 2 && M[1].t1 >= 0;
	long s0 = second ? igs_time_abs(p, M[1].t1) : 0, s1 = second ? s0 + L->dur[M[1].s] : 0;
	int nq1 = -1, ix = second ? fits_indexed(L, M, k, 1, s0, s1) : 1;
	if (ix == 0)
		return false;
	if (ix < 0) {
		nq1 = igs_delta_query(L, s0, s1, L->q1);
		if (!fits(L, M, k, 1, s0, s1, L->q1, nq1, true, false, NULL))
			return false;
	}
	for (int i = 0; i < k; i++) {
		if (M[i].t1 < 0)
			continue;
		double pair;
		if (i == 0 && pair0) {
			if (check && L->room_seen[M[0].r1] == L->room_mark)
				return false;
			pair = *pair0;
		} else if (i == 1 && second) {
			if (nq1 < 0) /* judged by the index: the query for the pair sum */
				nq1 = igs_delta_query(L, s0, s1, L->q1);
			fits(L, M, k, 1, s0, s1, L->q1, nq1, false, false, &pair);
		} else {
			long a0 = igs_time_abs(p, M[i].t1), a1 = a0 + L->dur[M[i].s];
			int *q = second ? L->q0 : L->q1, nq;
			bool clear = false;
			if (i == 0 && L->nq0 >= 0) {
				q = L->q0;
				nq = L->nq0;
				clear = L->q0_clear;
			} else {
				nq = igs_delta_query(L, a0, a1, q);
				clear = i == 0 && L->nq0 == IGS_DELTA_CLEAR;
			}
			if (!fits(L, M, k, i, a0, a1, q, nq, check, clear, &pair))
				return false;
		}
		d += M[i].soft1 + pair;
	}
	if (k == 2) {
		int a = M[0].s, b = M[1].s;
		if (M[0].t1 >= 0 && M[1].t1 >= 0) {
			long a0 = igs_time_abs(p, M[0].t1), b0 = igs_time_abs(p, M[1].t1);
			if (igs_intervals_overlap(a0, a0 + L->dur[a], b0, b0 + L->dur[b])) {
				if (check && (M[0].r1 == M[1].r1 || igs_delta_conflict(L, a, b)))
					return false;
				d += pair_soft(L, a, b);
			}
		}
		/* Both removals below subtract this pair once each. */
		if (M[0].t0 >= 0 && M[1].t0 >= 0 &&
		    igs_intervals_overlap(L->key[a].from, L->key[a].to, L->key[b].from, L->key[b].to))
			d += pair_soft(L, a, b);
	}
	for (int i = 0; i < k; i++) {
		bool optional = L->key[M[i].s].optional;
		if (M[i].t0 >= 0)
			d -= L->soft[M[i].s] + L->psum[M[i].s];
		if (optional && M[i].t0 >= 0 && M[i].t1 < 0)
			d += igs_leave_out_soft(p, M[i].s);
		else if (optional && M[i].t0 < 0 && M[i].t1 >= 0)
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

bool igs_delta_eval(igs_delta *L, const igs_move *M, int k, double *delta, bool check) {
	return eval_move(L, M, k, delta, check, NULL);
}

/* cur_ci and cur_ri of s from its placement, from its shared lists once filled. */
static void set_current(igs_delta *L, int s) {
	const igs_session *S = &L->p->sessions[s];
	igs_delta_sess *c = &L->cs[s];
	int t = L->s->time[s], r = L->s->room[s];
	if (t < 0) {
		c->cur_ci = c->cur_ri = -1;
	} else if (c->toff >= 0) {
		c->cur_ci = igs_delta_find_cand(L->ce + c->toff, c->nct, t);
		c->cur_ri = igs_delta_find_cand(L->ce + c->roff, c->ncr, r);
	} else {
		c->cur_ci = igs_delta_find_idx(S->cand_times, S->n_cand_times, t);
		c->cur_ri = igs_delta_find_idx(S->cand_rooms, S->n_cand_rooms, r);
	}
}

static void lift(igs_delta *L, int s) {
	int n = igs_delta_query(L, L->from[s], L->to[s], L->q1);
	pricer pr;
	pricer_set(L, &pr, s);
	for (int j = 0; j < n; j++)
		if (L->q1[j] != s)
			L->psum[L->q1[j]] -= price(L, &pr, L->q1[j]);
	bucket_del(L, s);
	room_del(L, s);
	L->psum[s] = L->soft[s] = 0;
	L->key[s].from = L->key[s].to = 0;
}

static void put(igs_delta *L, int s, int t, double soft) {
	long a0 = igs_time_abs(L->p, t);
	int n = igs_delta_query(L, a0, a0 + L->dur[s], L->q1);
	double sum = 0;
	pricer pr;
	pricer_set(L, &pr, s);
	for (int j = 0; j < n; j++) {
		double c = price(L, &pr, L->q1[j]);
		L->psum[L->q1[j]] += c;
		sum += c;
	}
	L->from[s] = a0;
	L->to[s] = a0 + L->dur[s];
	L->key[s].from = (int)a0;
	L->key[s].to = (int)(a0 + L->dur[s]);
	L->fb[s] = (int)(a0 / L->bw);
	bucket_add(L, s);
	room_add(L, s);
	L->psum[s] = sum;
	L->soft[s] = soft;
}

void igs_delta_commit(igs_delta *L, const igs_move *M, int k, double delta) {
	for (int i = 0; i < k; i++)
		if (M[i].t0 >= 0) {
			lift(L, M[i].s);
			igs_cells_del(L->cells, M[i].s, M[i].t0, M[i].r0);
			igs_slots_del(L->slots, M[i].s, M[i].t0, M[i].r0);
		}
	for (int i = 0; i < k; i++) {
		L->key[M[i].s].room = M[i].t1 >= 0 ? M[i].r1 : -1; /* put files it under its room */
		if (M[i].t1 >= 0) {
			put(L, M[i].s, M[i].t1, M[i].soft1);
			igs_cells_add(L->cells, M[i].s, M[i].t1, M[i].r1);
			igs_slots_add(L->slots, M[i].s, M[i].t1, M[i].r1);
		}
		L->s->time[M[i].s] = M[i].t1;
		L->s->room[M[i].s] = L->key[M[i].s].room;
		set_current(L, M[i].s);
	}
	fair_delta(L, M, k, true);
	for (int i = 0; i < k; i++)
		if ((M[i].t0 < 0) != (M[i].t1 < 0) && !L->key[M[i].s].optional)
			L->unplaced_req += M[i].t1 < 0 ? 1 : -1;
	for (int x = 0; x < L->n_touched; x++) {
		int th = L->touched[x];
		L->tspread[th] = L->tnew[th];
		if (L->tbc && th < L->nth)
			L->tbk[th] = L->tbk_new[th];
	}
	L->total += delta;
}

void igs_delta_load(igs_delta *L) {
	const igs_problem *p = L->p;
	const igs_weights *w = L->w;
	int n = L->n;
	memset(L->b_cnt, 0, (size_t)L->nb * sizeof *L->b_cnt);
	memset(L->s_cnt, 0, (size_t)L->nb * sizeof *L->s_cnt);
	if (L->rm_off) {
		memset(L->rm_cnt, 0, (size_t)L->nr * sizeof *L->rm_cnt);
		memset(L->rm_day, 0, (size_t)L->nr * (size_t)L->rm_nd * sizeof *L->rm_day);
	}
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
		L->key[s].from = L->key[s].to = 0;
		L->key[s].room = r;
		set_current(L, s);
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

void igs_delta_free(igs_delta *L) {
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
	free(L->cs);
	free(L->ce);
	free(L->ce_hash);
	free(L->ce_len);
	free(L->u_fixed);
	free(L->u_kinds);
	free(L->conf);
	free(L->pt_off);
	free(L->pt);
	free(L->rule);
	free(L->apart);
	free(L->sig_theme);
	free(L->sig_near);
	free(L->sig_tag);
	free(L->sig_who);
	free(L->pc);
	free(L->pci);
	free(L->pcv);
	free(L->pf);
	free(L->pft);
	free(L->key);
	free(L->tagv);
	free(L->dup_at);
	free(L->tk_off);
	free(L->tk);
	free(L->b_off);
	free(L->b_cnt);
	free(L->b_item);
	free(L->s_off);
	free(L->s_cnt);
	free(L->s_item);
	free(L->rm_off);
	free(L->rm_cnt);
	free(L->rm_item);
	free(L->ex);
	free(L->rm_day);
	free(L->from);
	free(L->to);
	free(L->fb);
	free(L->soft);
	free(L->psum);
	free(L->tn);
	free(L->tspread);
	free(L->tday);
	free(L->tmc);
	free(L->tdrooms);
	free(L->tdr);
	free(L->q0);
	free(L->q1);
	free(L->qp);
	free(L->cb);
	free(L->cf);
	free(L->ct);
	free(L->touched);
	free(L->tnew);
	free(L->tmark);
	free(L->room_seen);
}

/* Sizes the buckets so that none can overflow: each counts every session that has a
 * candidate (or its current) placement touching it. */
static int buckets_init(igs_delta *L) {
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
	L->s_off = calloc((size_t)L->nb + 1, sizeof *L->s_off);
	L->s_cnt = calloc((size_t)L->nb, sizeof *L->s_cnt);
	stamp = calloc((size_t)L->nb, sizeof *stamp);
	if (!L->b_off || !L->b_cnt || !L->s_off || !L->s_cnt || !stamp) {
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
		/* the buckets s may start in, stamped apart from those it may touch */
		for (int k = -1; k < S->n_cand_times; k++) {
			int t = k < 0 ? L->s->time[s] : S->cand_times[k];
			if (t < 0)
				continue;
			long b = igs_time_abs(p, t) / L->bw;
			if (stamp[b] != -(s + 1)) {
				stamp[b] = -(s + 1);
				L->s_off[b + 1]++;
			}
		}
	}
	for (int b = 0; b < L->nb; b++) {
		L->b_off[b + 1] += L->b_off[b];
		L->s_off[b + 1] += L->s_off[b];
	}
	L->b_item = malloc((size_t)(L->b_off[L->nb] ? L->b_off[L->nb] : 1) * sizeof *L->b_item);
	L->s_item = malloc((size_t)(L->s_off[L->nb] ? L->s_off[L->nb] : 1) * sizeof *L->s_item);
	if (!L->b_item || !L->s_item)
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
static int pair_table(igs_delta *L) {
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

static int cmp_long(const void *x, const void *y) {
	long a = *(const long *)x, b = *(const long *)y;
	return (a > b) - (a < b);
}

/* Fills tag_bits and ntag of L->key and L->tagv: a bit for each of the TAG_EXACT tags in most sessions, the others
 * hashed into the bits above. */
static int tag_bits(igs_delta *L) {
	const igs_problem *p = L->p;
	int nt = p->n_tags, *rank = malloc(((size_t)nt + 1) * sizeof *rank);
	long *key = calloc((size_t)nt + 1, sizeof *key);
	if (!key || !rank) {
		free(key);
		free(rank);
		return IGS_ENOMEM;
	}
	/* key: the sessions without the tag, then the tag, so that sorted the commonest come first */
	for (int t = 0; t < nt; t++)
		key[t] = L->n;
	for (int s = 0; s < L->n; s++) {
		const igs_session *S = &p->sessions[s];
		for (int i = 0; i < S->n_tags; i++)
			key[S->tags[i]] -= first_of(S->tags, i);
	}
	for (int t = 0; t < nt; t++)
		key[t] = key[t] * (nt + 1L) + t;
	qsort(key, (size_t)nt, sizeof *key, cmp_long);
	for (int i = 0; i < nt; i++)
		rank[key[i] % (nt + 1L)] = i;
	for (int s = 0; s < L->n; s++) {
		const igs_session *S = &p->sessions[s];
		int *v = L->tagv + (size_t)s * IGS_DELTA_TAGV, m = 0;
		for (int i = 0; i < S->n_tags; i++) {
			if (!first_of(S->tags, i))
				continue;
			if (m < IGS_DELTA_TAGV) { /* insertion into the sorted list */
				int x = m++;
				for (; x > 0 && v[x - 1] > S->tags[i]; x--)
					v[x] = v[x - 1];
				v[x] = S->tags[i];
			} else {
				m = IGS_DELTA_TAGV + 1;
			}
		}
		L->key[s].ntag = (unsigned char)m;
		for (int i = 0; i < S->n_tags; i++) {
			unsigned t = (unsigned)S->tags[i];
			L->key[s].tag_bits |= rank[t] < TAG_EXACT ? (uint64_t)1 << rank[t]
							     : (uint64_t)1 << (TAG_EXACT + (t * 2654435761u >> 16) % (64 - TAG_EXACT));
		}
	}
	free(key);
	free(rank);
	return IGS_OK;
}

/* The sessions' theme profiles (lists of distinct themes, in their order) and, per pair of
 * profiles, the theme part of the pair soft as the evaluator's pair_counts sums it. Left
 * out (IGS_OK, pf NULL) when the profiles' table would outgrow the sessions. */
static int profile_table(igs_delta *L) {
	const igs_problem *p = L->p;
	size_t n = (size_t)L->n, hs = 16;
	while (hs < 2 * n)
		hs *= 2;
	long limit = 16L * L->n + 65536L;
	int *head = malloc(hs * sizeof *head), *rep = malloc((n + 1) * sizeof *rep), rc = IGS_OK;
	int most = 0;
	for (int s = 0; p->dup_start && s < L->n; s++)
		if (p->dup_start[s + 1] - p->dup_start[s] > most)
			most = p->dup_start[s + 1] - p->dup_start[s];
	L->dup_cap = 1; /* words: 2^bits bits, the least power of 2 from 32 a partner and 64 */
	while ((long)L->dup_cap * 64 < 32L * most)
		L->dup_cap *= 2;
	L->dup_a[0] = L->dup_a[1] = -1;
	L->dup_bits[0] = L->dup_bits[1] = 6;
	if (!(L->dup_at = calloc(2 * L->dup_cap, sizeof *L->dup_at)) ||
	    !(L->tagv = malloc((n + 1) * IGS_DELTA_TAGV * sizeof *L->tagv)) || !head || !rep || tag_bits(L) != IGS_OK) {
		rc = IGS_ENOMEM;
		goto cleanup;
	}
	/* One hash bucket per distinct list; a profile is named by its first session (rep). */
	for (size_t h = 0; h < hs; h++)
		head[h] = -1;
	L->np = 0;
	for (int s = 0; s < L->n; s++) {
		const igs_session *S = &p->sessions[s];
		uint64_t key = 1469598103934665603ULL;
		for (int k = 0; k < S->n_themes; k++)
			if (first_of(S->themes, k))
				key = (key ^ (uint64_t)(unsigned)S->themes[k]) * 1099511628211ULL;
		size_t h = (size_t)(key ^ (key >> 29)) & (hs - 1);
		for (;; h = (h + 1) & (hs - 1)) {
			if (head[h] < 0) {
				head[h] = L->np;
				rep[L->np] = s;
				L->key[s].prof = L->np++;
				break;
			}
			const igs_session *R = &p->sessions[rep[head[h]]];
			int i = 0, j = 0;
			for (;;) { /* the two lists of distinct themes, side by side */
				while (i < S->n_themes && !first_of(S->themes, i))
					i++;
				while (j < R->n_themes && !first_of(R->themes, j))
					j++;
				if (i == S->n_themes || j == R->n_themes || S->themes[i] != R->themes[j])
					break;
				i++;
				j++;
			}
			if (i == S->n_themes && j == R->n_themes) {
				L->key[s].prof = head[h];
				break;
			}
		}
	}
	if ((long)L->np * L->np > limit)
		goto cleanup;
	size_t np = (size_t)L->np;
	if (!(L->pf = malloc(2 * np * np * sizeof *L->pf))) {
		rc = IGS_ENOMEM;
		goto cleanup;
	}
	const igs_weights *w = L->w;
	for (size_t u = 0; u < np; u++)
		for (size_t v = 0; v < np; v++) {
			const igs_session *A = &p->sessions[rep[u]], *B = &p->sessions[rep[v]];
			int themes = 0;
			double sim = 0;
			for (int i = 0; i < A->n_themes; i++) {
				if (!first_of(A->themes, i))
					continue;
				for (int j = 0; j < B->n_themes; j++) {
					int x = A->themes[i], y = B->themes[j];
					if (!first_of(B->themes, j))
						continue;
					if (x == y)
						themes++;
					else if (p->theme_sim)
						sim += p->theme_sim[x * p->n_themes + y];
				}
			}
			L->pf[2 * (u * np + v)] = w->theme_clash * themes;
			L->pf[2 * (u * np + v) + 1] = w->similarity_clash * sim;
		}
	/* A finite weight times no link or no attendee adds a zero, which leaves a sum as it was
	 * (its sign aside, which no sum that starts from 0 keeps), so the lookup is the sum. */
	if ((long)L->np * L->np * IGS_DELTA_PFT > limit || !isfinite(w->duplicate_clash) || !isfinite(w->attendee_clash))
		goto cleanup;
	if (!(L->pft = malloc(np * np * IGS_DELTA_PFT * sizeof *L->pft))) {
		rc = IGS_ENOMEM;
		goto cleanup;
	}
	for (size_t u = 0; u < np; u++)
		for (size_t t = 0; t < IGS_DELTA_PFT; t++)
			for (size_t v = 0; v < np; v++) {
				const double *pf = L->pf + 2 * (u * np + v);
				L->pft[(u * IGS_DELTA_PFT + t) * np + v] = pf[0] + w->tag_clash * (int)t + pf[1];
			}
cleanup:
	free(head);
	free(rep);
	return rc;
}

static void conflict_pair(igs_delta *L, int a, int b) {
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

/* The sessions of each person and group (ids: people, then groups): those of id i are
 * (*item)[(*off)[i] .. (*off)[i + 1]). */
static int sessions_by_id(const igs_delta *L, int **off_out, int **item_out) {
	const igs_problem *p = L->p;
	int ids = p->n_people + p->n_groups;
	int *off = calloc((size_t)ids + 2, sizeof *off), *item = NULL, *fill = NULL;
	*off_out = *item_out = NULL;
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
	free(fill);
	*off_out = off;
	*item_out = item;
	return IGS_OK;
}

/* Exclusive sessions beyond which the room index is not built: each is checked per move. */
#define EXCLUSIVE_MAX 16

/* The room index of igs_delta (rm_off NULL, IGS_OK, when there are no partner lists or the
 * exclusive sessions are many). */
static int room_index(igs_delta *L) {
	const igs_problem *p = L->p;
	int nr = L->nr, n_ex = 0;
	for (int s = 0; s < L->n; s++)
		n_ex += (L->key[s].cflag & IGS_DELTA_EXCLUSIVE) != 0;
	if (!L->pt_off || n_ex > EXCLUSIVE_MAX || nr == 0)
		return IGS_OK;
	L->rm_off = calloc((size_t)nr + 1, sizeof *L->rm_off);
	L->rm_cnt = calloc((size_t)nr, sizeof *L->rm_cnt);
	L->ex = malloc(((size_t)n_ex + 1) * sizeof *L->ex);
	if (!L->rm_off || !L->rm_cnt || !L->ex)
		return IGS_ENOMEM;
	for (int s = 0; s < L->n; s++) {
		const igs_session *S = &p->sessions[s];
		int cur = L->s->room[s];
		for (int k = 0; k < S->n_cand_rooms; k++)
			L->rm_off[S->cand_rooms[k] + 1]++;
		if (cur >= 0 && !igs_list_has(S->cand_rooms, S->n_cand_rooms, cur))
			L->rm_off[cur + 1]++;
		if (S->duration > L->max_dur)
			L->max_dur = S->duration;
		if (L->key[s].cflag & IGS_DELTA_EXCLUSIVE)
			L->ex[L->n_ex++] = s;
	}
	for (int r = 0; r < nr; r++)
		L->rm_off[r + 1] += L->rm_off[r];
	long last = 0; /* the latest start, current or candidate */
	for (int s = 0; s < L->n; s++) {
		const igs_session *S = &p->sessions[s];
		for (int k = -1; k < S->n_cand_times; k++) {
			int t = k < 0 ? L->s->time[s] : S->cand_times[k];
			if (t >= 0 && igs_time_abs(p, t) > last)
				last = igs_time_abs(p, t);
		}
	}
	L->rm_nd = (int)(last / 1440) + 1;
	if (!(L->rm_item = malloc(((size_t)L->rm_off[nr] + 1) * sizeof *L->rm_item)) ||
	    !(L->rm_day = calloc((size_t)nr * (size_t)L->rm_nd, sizeof *L->rm_day)))
		return IGS_ENOMEM;
	return IGS_OK;
}

static int cmp_int(const void *x, const void *y) {
	int a = *(const int *)x, b = *(const int *)y;
	return (a > b) - (a < b);
}

bool igs_delta_apart_theme(const igs_delta *L, int a, int b) {
	if (L->p->n_themes <= 64) /* one bit per theme */
		return (L->sig_theme[a] & L->sig_theme[b]) != 0;
	return igs_kept_apart(L->p, &L->p->sessions[a], &L->p->sessions[b]);
}

/* The partner lists, flags, types and apart table of igs_delta (pt_off NULL, IGS_OK, when
 * the pairs sharing a person or group are more than PARTNERS_PER_SESSION per session). */
static int partner_lists(igs_delta *L) {
	const igs_problem *p = L->p;
	int ids = p->n_people + p->n_groups, *off, *item, rc = sessions_by_id(L, &off, &item), nr = p->n_rules;
	if (rc != IGS_OK)
		return rc;
	long pairs = 0;
	for (int i = 0; i < ids; i++)
		pairs += (long)(off[i + 1] - off[i]) * (off[i + 1] - off[i] - 1);
	if (pairs > PARTNERS_PER_SESSION * (long)L->n + 65536L)
		goto cleanup;
	L->n_rules = nr;
	if (!(L->pt_off = malloc(((size_t)L->n + 1) * sizeof *L->pt_off)) ||
	    !(L->pt = malloc(((size_t)pairs + 1) * sizeof *L->pt)) || !(L->rule = malloc(((size_t)L->n + 1) * sizeof *L->rule)) ||
	    !(L->apart = calloc((size_t)nr * (size_t)nr + 1, 1))) {
		rc = IGS_ENOMEM;
		goto cleanup;
	}
	int w = 0;
	for (int s = 0; s < L->n; s++) {
		const igs_session *S = &p->sessions[s];
		int start = w;
		for (int k = 0; k < S->n_people + S->n_groups; k++) {
			int id = k < S->n_people ? S->people[k].person : p->n_people + S->groups[k - S->n_people];
			for (int x = off[id]; x < off[id + 1]; x++)
				if (item[x] != s)
					L->pt[w++] = item[x];
		}
		qsort(L->pt + start, (size_t)(w - start), sizeof *L->pt, cmp_int);
		int u = start;
		for (int x = start; x < w; x++)
			if (u == start || L->pt[x] != L->pt[u - 1])
				L->pt[u++] = L->pt[x];
		w = u;
		L->pt_off[s] = start;
		L->rule[s] = S->rule;
		L->key[s].cflag = p->rules[S->rule].exclusive ? IGS_DELTA_EXCLUSIVE : 0;
	}
	L->pt_off[L->n] = w;
	for (int a = 0; a < nr; a++)
		for (int b = 0; b < nr; b++) {
			const igs_type_rule *A = &p->rules[a], *B = &p->rules[b];
			if (igs_list_has(A->apart, A->n_apart, b) || igs_list_has(B->apart, B->n_apart, a))
				L->apart[a * nr + b] = 1;
			else if (igs_list_has(A->apart_theme, A->n_apart_theme, b) ||
				 igs_list_has(B->apart_theme, B->n_apart_theme, a))
				L->apart[a * nr + b] = 2;
		}
	for (int s = 0; s < L->n; s++)
		for (int r = 0; r < nr && !(L->key[s].cflag & IGS_DELTA_APART); r++)
			if (L->apart[L->rule[s] * nr + r])
				L->key[s].cflag |= IGS_DELTA_APART;
cleanup:
	free(off);
	free(item);
	return rc;
}

static int conflict_table(igs_delta *L) {
	const igs_problem *p = L->p;
	int ids = p->n_people + p->n_groups, *off, *item, rc = sessions_by_id(L, &off, &item);
	if (rc != IGS_OK)
		return rc;
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
	return IGS_OK;
}

/* The list of n entries at the end of ce, appended to ce when no equal list is there: its
 * offset in ce. */
static long intern(igs_delta *L, int n) {
	const igs_delta_cand *v = L->ce + L->ce_n;
	if (n == 0)
		return L->ce_n;
	uint64_t h = 1469598103934665603ULL;
	const unsigned char *b = (const unsigned char *)v;
	for (size_t i = 0; i < (size_t)n * sizeof *v; i++)
		h = (h ^ b[i]) * 1099511628211ULL;
	size_t mask = L->ce_hs - 1;
	for (size_t x = (size_t)(h ^ (h >> 31)) & mask;; x = (x + 1) & mask) {
		long off = L->ce_hash[x];
		if (off < 0) {
			L->ce_hash[x] = L->ce_n;
			L->ce_len[x] = n;
			L->ce_n += n;
			return L->ce_hash[x];
		}
		if (L->ce_len[x] == n && memcmp(L->ce + off, v, (size_t)n * sizeof *v) == 0)
			return off;
	}
}

/* A session's candidates, filled on first use (a user of the delta that never asks a
 * session's candidates, as the advice, never pays for them). The place soft is a time part
 * (preferences, remote hours) plus a room part (capacity fit): two short lists instead of
 * one per (time, room), which would not stay in cache; the evaluator's own value with no
 * room is the time part. The unary verdicts likewise: the room verdicts that hold at every
 * time and the time's own verdict, as igs_place_unary_rooms_fixed forms them. */
void igs_delta_fill(igs_delta *L, int s) {
	const igs_problem *p = L->p;
	const igs_session *S = &p->sessions[s];
	igs_delta_cand *v = L->ce + L->ce_n;
	bool unary = L->unary && S->n_cand_times > 0;
	if (unary)
		igs_place_unary_fixed(p, s, L->u_fixed);
	for (int ci = 0; ci < S->n_cand_times; ci++) {
		int t = S->cand_times[ci];
		/* no room listed: the time's own verdict */
		v[ci] = (igs_delta_cand){.soft = igs_place_soft(p, s, t, -1), .v = t,
					 .ok = unary && igs_place_unary_rooms_fixed(p, s, t, L->u_fixed, S->cand_rooms, 0,
										    L->u_kinds) < 0};
	}
	L->cs[s].toff = intern(L, S->n_cand_times);
	v = L->ce + L->ce_n;
	for (int ri = 0; ri < S->n_cand_rooms; ri++) {
		int t = S->n_cand_times > 0 ? S->cand_times[0] : -1, r = S->cand_rooms[ri];
		v[ri] = (igs_delta_cand){.soft = t < 0 ? 0 : igs_place_soft(p, s, t, r) - igs_place_soft(p, s, t, -1),
					 .v = r, .ok = unary && L->u_fixed[r] < 0};
	}
	L->cs[s].roff = intern(L, S->n_cand_rooms);
}

igs_delta_limits igs_delta_default_limits(void) {
	return (igs_delta_limits){PAIR_TABLE_MAX, CONFLICT_TABLE_MAX, PLACE_TABLE_MAX, true};
}

int igs_delta_init(igs_delta *L, igs_schedule *s) {
	igs_delta_limits lim = igs_delta_default_limits();
	return igs_delta_init_limits(L, s, &lim);
}

int igs_delta_init_limits(igs_delta *L, igs_schedule *s, const igs_delta_limits *lim) {
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
	L->cs = malloc(n * sizeof *L->cs);
	/* untouched beyond the distinct lists: the pages are taken as they are written */
	L->ce = malloc((size_t)(n_ct + n_cr + 1) * sizeof *L->ce);
	for (L->ce_hs = 16; L->ce_hs < 4 * n;)
		L->ce_hs *= 2;
	L->ce_hash = malloc(L->ce_hs * sizeof *L->ce_hash);
	L->ce_len = malloc(L->ce_hs * sizeof *L->ce_len);
	L->u_fixed = malloc((size_t)(L->nr > 0 ? L->nr : 1) * sizeof *L->u_fixed);
	L->u_kinds = malloc((size_t)(L->nr > 0 ? L->nr : 1) * sizeof *L->u_kinds);
	L->tk_off = calloc(nth + 1, sizeof *L->tk_off);
	L->tk = malloc(n * sizeof *L->tk);
	/* whole records in whole cache lines */
	if ((L->key = aligned_alloc(64, ((n + 1) * sizeof *L->key + 63) / 64 * 64)))
		memset(L->key, 0, (n + 1) * sizeof *L->key);
	L->from = calloc(n, sizeof *L->from);
	L->to = calloc(n, sizeof *L->to);
	L->fb = calloc(n, sizeof *L->fb);
	L->soft = calloc(n, sizeof *L->soft);
	L->psum = calloc(n, sizeof *L->psum);
	L->tn = calloc(nth, sizeof *L->tn);
	L->tspread = calloc(nth, sizeof *L->tspread);
	L->tday = calloc(ntd, sizeof *L->tday);
	L->tmc = calloc(ntd, sizeof *L->tmc);
	L->tdrooms = calloc(ntd, sizeof *L->tdrooms);
	L->tdr = calloc(ntd * (size_t)(L->nr > 0 ? L->nr : 1), sizeof *L->tdr);
	L->q0 = malloc((n + 1) * sizeof *L->q0);
	L->q1 = malloc((n + 1) * sizeof *L->q1);
	L->qp = malloc((n + 1) * sizeof *L->qp);
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
	L->cb = malloc((n + IGS_MOVE_MAX) * sizeof *L->cb);
	L->cf = malloc((n + IGS_MOVE_MAX) * sizeof *L->cf);
	L->ct = malloc((n + IGS_MOVE_MAX) * sizeof *L->ct);
	L->touched = malloc(nth * sizeof *L->touched);
	L->tnew = calloc(nth, sizeof *L->tnew);
	L->tmark = calloc(nth, sizeof *L->tmark);
	L->room_seen = calloc((size_t)(L->nr > 0 ? L->nr : 1), sizeof *L->room_seen);
	if (rc != IGS_OK || !L->dur || !L->th_off || !L->th || !L->dmask || !L->cls || !L->track ||
	    !L->cs || !L->ce || !L->ce_hash || !L->ce_len || !L->u_fixed || !L->u_kinds ||
	    !L->tk_off || !L->tk || !L->key || !L->from || !L->to || !L->fb ||
	    !L->soft || !L->psum || !L->tn || !L->tspread || !L->tday || !L->tmc ||
	    !L->tdrooms || !L->tdr || !L->q0 || !L->q1 || !L->qp || !L->cb || !L->cf || !L->ct || !L->touched || !L->tnew ||
	    !L->tmark || !L->room_seen) {
		rc = IGS_ENOMEM;
		goto cleanup;
	}

	int n_th_used = 0;
	for (int i = 0; i < L->n; i++) {
		const igs_session *S = &p->sessions[i];
		L->dur[i] = S->duration;
		L->key[i].attends = S->n_attendees > 0;
		L->key[i].optional = S->optional;
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
		L->cls[i] = L->key[i].cls = igs_parallel_class(p, i);
		L->track[i] = S->order > 0 && S->n_themes > 0 ? S->themes[0] : -1;
		if (L->track[i] >= 0)
			L->tk_off[L->track[i] + 1]++;
	}
	L->th_off[L->n] = n_th_used;
	for (int th = 0; th < L->nth; th++)
		L->tk_off[th + 1] += L->tk_off[th];
	for (int i = 0, *fill = L->touched; i < L->nth; i++)
		fill[i] = L->tk_off[i];
	for (int i = 0; i < L->n; i++)
		if (L->track[i] >= 0)
			L->tk[L->touched[L->track[i]]++] = i;

	L->unary = n_place <= lim->place_table_max;
	for (size_t x = 0; x < L->ce_hs; x++)
		L->ce_hash[x] = -1;
	for (int i = 0; i < L->n; i++) {
		const igs_session *S = &p->sessions[i];
		L->cs[i] = (igs_delta_sess){.toff = -1, .roff = -1, .nct = S->n_cand_times, .ncr = S->n_cand_rooms,
					    .cur_ci = -1, .cur_ri = -1};
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
	if (lim->sparse && ((rc = partner_lists(L)) != IGS_OK || (rc = room_index(L)) != IGS_OK))
		goto cleanup;
	if (!L->pt_off && L->n <= lim->conflict_table_max && p->n_times > 0) {
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
	if (L->n >= 2 && L->n <= lim->pair_table_max && p->n_times > 0 && (rc = pair_table(L)) != IGS_OK)
		goto cleanup;
	if (!L->pci && !L->pc && lim->sparse && (rc = profile_table(L)) != IGS_OK)
		goto cleanup;
	rc = buckets_init(L);
cleanup:
	return rc;
}

void igs_delta_set_move(igs_move *m, const igs_delta *L, int s, int t1, int r1, double soft1) {
	*m = (igs_move){.s = s, .t0 = L->s->time[s], .r0 = L->s->room[s], .t1 = t1, .r1 = r1, .soft1 = soft1};
}

bool igs_delta_cheapest(igs_delta *L, int s, int avoid, igs_move *m, double *delta) {
	return igs_delta_cheapest_plus(L, s, avoid, NULL, m, delta);
}

bool igs_delta_cheapest_plus(igs_delta *L, int s, int avoid, const double *time_cost, igs_move *m, double *delta) {
	const igs_session *S = &L->p->sessions[s];
	bool found = false;
	for (int ci = 0; ci < S->n_cand_times; ci++) {
		if (time_cost && isinf(time_cost[ci]))
			continue;
		/* One query, one pass over the sessions then running and their pair soft serve
		 * every room at this time. */
		long a0 = igs_time_abs(L->p, S->cand_times[ci]);
		int nq = igs_delta_query(L, a0, a0 + L->dur[s], L->q0);
		double pair;
		if (!fits_time(L, s, a0, L->q0, nq, &pair))
			continue;
		for (int ri = 0; ri < S->n_cand_rooms; ri++) {
			double soft = igs_delta_cand_soft_idx(L, s, ci, ri), d;
			if (isnan(soft) || L->room_seen[S->cand_rooms[ri]] == L->room_mark ||
			    (avoid >= 0 && igs_cells_index(L->cells, S->cand_times[ci], S->cand_rooms[ri]) == avoid))
				continue;
			igs_move c;
			igs_delta_set_move(&c, L, s, S->cand_times[ci], S->cand_rooms[ri], soft);
			if (!eval_move(L, &c, 1, &d, true, &pair))
				continue;
			igs_delta_reject(L, &c, 1);
			if (time_cost)
				d += time_cost[ci];
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
