/* The incremental evaluator: the soft total and the hard checks of a schedule, kept up to date
 * move by move. A move (one or two sessions placed, left out or relocated) is judged by
 * touching only the sessions it changes: igs_delta_eval gives its exact change of the soft
 * total, igs_delta_commit applies it, igs_delta_reject forgets it. The terms are the
 * evaluator's (solver/evaluate.h): igs_delta_load's total is igs_evaluate's soft total, each
 * delta its change. The solvers' search strategies drive it; they read its fields (total and
 * unplaced_req are the totals) but write none, except nq0 and q0_clear (see igs_delta_eval)
 * and total, which a caller that undid a compound move by hand may set back to the value it
 * saved, so that the undo's rounding does not stay. */
#ifndef IGS_SOLVER_DELTA_H
#define IGS_SOLVER_DELTA_H

#include <limits.h>
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "model/schedule.h"
#include "solver/cells.h"
#include "solver/evaluate.h"
#include "solver/slots.h"

/* A candidate time or room of a session: its part of the place soft (the time's, or the
 * room's capacity fit), its index (time or room) and its unary verdict (1: it passes), the
 * last only when the unary tables are on (igs_delta.unary). */
typedef struct {
	double soft;
	int v, ok;
} igs_delta_cand;

/* A session's candidates as a move reads them, in one record: its lists of candidate times
 * and rooms (at ce + toff and ce + roff once filled, toff -1 before), their lengths, and the
 * indexes of its placement among them (-1 when left out or not a candidate). */
typedef struct {
	long toff, roff;
	int nct, ncr, cur_ci, cur_ri;
} igs_delta_sess;

/* One session's part of a move. */
typedef struct {
	int s;
	int t0, r0;   /* where it is; t0 = -1 when left out */
	int t1, r1;   /* where it goes; t1 = -1 to leave it out */
	double soft1; /* igs_place_soft at the new placement */
} igs_move;

/* Sessions one move may change; tags of a session kept beside its tag bits; tags in common
 * that igs_delta.pft covers. */
enum { IGS_MOVE_MAX = 2, IGS_DELTA_TAGV = 4, IGS_DELTA_PFT = 4 };

/* What a query, a pair's price or a conflict check reads of a session, in one record of 32
 * bytes (the search meets the sessions running beside a move in no order the cache can
 * guess, so each costs one cache line instead of one per array). */
typedef struct {
	/* Its tags as bits: the commonest tags one bit each, the others hashed into the bits
	 * above. Two sessions whose hashed bits meet in no bit share exactly the count of their
	 * common bits; else their lists (tagv, or the sessions' own) are compared. */
	uint64_t tag_bits;
	int from, to;           /* from and to while placed, else 0 and 0 */
	int room;               /* its room (the schedule's) */
	int cls;                /* parallel class, as cls */
	int prof;               /* its theme profile */
	unsigned char ntag;     /* distinct tags in tagv (IGS_DELTA_TAGV + 1: more) */
	unsigned char attends;  /* has attendees (the attendee_clash term) */
	unsigned char cflag;    /* IGS_DELTA_EXCLUSIVE, IGS_DELTA_APART (with the partner lists) */
	unsigned char optional; /* the session is optional */
} igs_delta_key;

typedef struct {
	const igs_problem *p;
	igs_schedule *s; /* the placements, written by igs_delta_commit only */
	const igs_weights *w;
	int n, nd, nr, nth;
	/* Spread groups: the themes 0 .. nth - 1, then one per spread_days type (rule_sg), which
	 * share the theme_spread counting but not room stability or order. */
	int nsg, *rule_sg;

	/* static, per session */
	int *dur;
	int *th_off, *th; /* distinct themes (and spread groups) of s: th[th_off[s] .. th_off[s + 1]) */
	uint64_t *dmask;  /* days with a candidate time: what D_t of theme_spread counts */
	int *cls;         /* parallel class (igs_parallel_class) */
	int *track;       /* first theme when the session has an order, else -1 */
	/* The candidates (igs_delta_sess, igs_delta_cand), filled per session on first use. The
	 * unary rules of a candidate (time, room) are factored as model/place.c's batched check
	 * does: its time passes the time checks, its room the pin, features and capacity (the
	 * entries' ok), and the room is open then (igs_room_available); unary false: none of that,
	 * igs_place_unary instead. Sessions with the same entries share them: a programme has few
	 * distinct lists (57 of times and 1,111 of rooms at 10,000 generated sessions), so the
	 * lists the search reads stay in cache. ce holds room for every session's own lists;
	 * ce_n are used, ce_hash (ce_hs slots, -1 free) finds a list by its entries. */
	bool unary;
	igs_delta_sess *cs;
	igs_delta_cand *ce;
	long ce_n, *ce_hash;
	int *ce_len;
	size_t ce_hs;
	int *u_fixed, *u_kinds; /* igs_delta_fill's scratch, a room each */
	uint64_t *conf;  /* static pair conflicts (exclusive, person, group); NULL = compute */
	/* Static pair conflicts, sparse: per session the sessions sharing a person or a group
	 * with it (pt[pt_off[s] .. pt_off[s + 1]), sorted), its flags (IGS_DELTA_EXCLUSIVE: its
	 * type is exclusive; IGS_DELTA_APART: a rule keeps its type apart from some type), its
	 * type (rule), and per two types whether they are kept apart (1) or kept apart on a
	 * shared theme (2). NULL when the lists would outgrow the sessions. (Flags: key.) */
	int *pt_off, *pt, *rule, n_rules;
	unsigned char *apart;
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
	/* Without those tables: the theme part of the pair soft, which depends only on the two
	 * sessions' lists of distinct themes ("profiles", few even in a large programme), per
	 * pair of profiles: w.theme_clash × shared themes and w.similarity_clash × similarity,
	 * the evaluator's two products. NULL when the profiles are too many. Per session its
	 * profile, tags and flags: key. */
	int np;
	double *pf; /* the two products of profiles u and v at pf[2 (u np + v)] and the next */
	/* Per profiles u and v and t tags in common below IGS_DELTA_PFT, the pair soft of two
	 * sessions with no near-duplicate link and no attendees (pft[(u IGS_DELTA_PFT + t) np + v]),
	 * as pair_soft_profiled sums it: the common case in one lookup. NULL: always summed. */
	double *pft;
	igs_delta_key *key;
	int *tagv; /* per session its distinct tags, sorted: tagv[s * IGS_DELTA_TAGV ..] */
	/* The near-duplicate partners of sessions dup_a[0] and dup_a[1] (the two of a move) as
	 * bits of a Fibonacci hash of their indexes (slot k: dup_bits[k] bits, about 32 per
	 * partner, at dup_at + k * dup_cap words). A move prices one session against many, nearly
	 * none of them its partners: a bit each, in a few words that stay in cache, and a search of
	 * the list only when it is set. dup_old is the slot to fill next. */
	int dup_a[2], dup_old, dup_bits[2];
	uint64_t *dup_at;
	size_t dup_cap;
	int *tk_off, *tk; /* per theme: sessions ordered on it */

	/* time buckets over absolute minutes, each sized for every session that could touch it;
	 * per bucket also the sessions that start in it (s_item), in their order in b_item */
	int bw, nb;
	long *b_off, *s_off;
	int *b_cnt, *b_item, *s_cnt, *s_item;

	/* Placed sessions per room by start, with their spans: rm_item[rm_off[r] .. + rm_cnt[r]),
	 * each room sized for every session that could be placed there; max_dur the longest
	 * session. With the exclusive sessions (ex, n_ex of them) and the partner lists they tell
	 * which sessions are in the way of a session of no exclusive or kept-apart type and no
	 * parallel class, without a query (igs_delta_in_way). rm_off NULL: not built (no partner
	 * lists, or many exclusive sessions). */
	long *rm_off;
	struct igs_delta_span {
		int from, to, s;
	} *rm_item;
	int *rm_cnt, max_dur, *ex, n_ex;
	int rm_nd, *rm_day; /* per room and day (1,440 minutes), the index of its first start then */

	/* dynamic, per session (and cs's cur_ci, cur_ri) */
	long *from, *to;
	int *fb;            /* first bucket */
	double *soft, *psum; /* placement soft and sum of pair soft with overlapping sessions */

	/* per theme, theme × day, theme × day × room */
	int *tn, *tspread, *tday, *tmc, *tdrooms, *tdr;
	long rs_count;
	/* track_breaks (NULL when its weight is 0): per time index its slot across the days, per
	 * (track, slot) the sessions of the track starting there, per track its breaks now and
	 * with the move being judged. */
	int tb_ns, *tb_slot, *tbc, *tbk, *tbk_new;

	/* move scratch */
	int *q0, *q1, nq0; /* q0 caches the primary's new-placement query (igs_delta_eval) */
	int *qp;           /* partners found over a time (igs_delta_partners_over) */
	bool q0_clear;     /* ... and no session of q0 but the moved ones is in its way */
	int *cb;
	long *cf, *ct;
	int *touched, n_touched, *tnew;
	long *tmark, mark;
	long *room_seen, room_mark; /* rooms taken at the time igs_delta_cheapest is trying */

	int *fair_out[IGS_FAIR_ATTRS]; /* optional sessions left out per stakeholder group, region */
	igs_cells *cells;              /* meeting.thematic_rooms */
	igs_slots *slots;              /* person_slot, attendee_slot */

	double total;     /* the soft total, as the deltas keep it */
	int unplaced_req; /* required sessions left out */
} igs_delta;

/* Sizes every table for s's problem and for s's current placements (which may lie outside
 * the candidates); s's placements are read by igs_delta_load, not here. IGS_OK or
 * IGS_ENOMEM; either way igs_delta_free releases what was taken. */
int igs_delta_init(igs_delta *D, igs_schedule *s);

/* The sizes up to which the dense static tables are built: sessions for the n × n pair
 * soft and conflict tables, candidate (time, room) pairs for the unary bits. Beyond them
 * the same answers come from the forms that scale: the theme profiles and the partner
 * lists (when 'sparse' and they stay linear in the sessions; the partner lists are then
 * used at any size), else the predicates. */
typedef struct {
	long pair_table_max, conflict_table_max, place_table_max;
	bool sparse; /* the theme profiles and the partner lists, when they stay linear */
} igs_delta_limits;
/* The limits igs_delta_init uses. */
igs_delta_limits igs_delta_default_limits(void);
/* igs_delta_init with other limits (the tests run the scalable forms on small examples). */
int igs_delta_init_limits(igs_delta *D, igs_schedule *s, const igs_delta_limits *lim);
void igs_delta_free(igs_delta *D);
/* Rebuilds every dynamic structure from s's placements and the total from scratch. */
void igs_delta_load(igs_delta *D);

/* Is the move M[0 .. k) hard-feasible (check false: assume it is)? If so, *delta is the exact
 * change of the soft total, and igs_delta_commit or igs_delta_reject must follow before the
 * next call. When D->nq0 >= 0, D->q0 holds the D->nq0 sessions overlapping M[0]'s new
 * placement (igs_delta_query), saving that query; set it to -1 otherwise. A caller that sets
 * nq0 also sets q0_clear: true when it found that no session of q0 but the moved ones takes
 * M[0]'s new room or conflicts with M[0] (igs_delta_conflict), saving those checks. nq0 =
 * IGS_DELTA_CLEAR says the same with no query given (igs_delta_in_way found it). */
bool igs_delta_eval(igs_delta *D, const igs_move *M, int k, double *delta, bool check);
/* Applies the move igs_delta_eval just judged, with the delta it gave. */
void igs_delta_commit(igs_delta *D, const igs_move *M, int k, double delta);
/* Forgets the move igs_delta_eval just judged. */
void igs_delta_reject(igs_delta *D, const igs_move *M, int k);

/* The move of session s from where it is to (t1, r1) (t1 = -1: left out), soft1 being its
 * place soft there. */
void igs_delta_set_move(igs_move *m, const igs_delta *D, int s, int t1, int r1, double soft1);
/* The cheapest valid placement of s, outside thematic cell 'avoid' (-1: anywhere), as a move
 * and its delta; false when there is none. */
bool igs_delta_cheapest(igs_delta *D, int s, int avoid, igs_move *m, double *delta);
/* igs_delta_cheapest ranking each placement by its delta plus time_cost[ci], ci its time's index
 * among s's candidates: a search's own price of a time (the constructive start's look-ahead; a
 * time priced INFINITY is not looked at); *delta is the cheapest one's sum. */
bool igs_delta_cheapest_plus(igs_delta *D, int s, int avoid, const double *time_cost, igs_move *m, double *delta);

/* The hot lookups below are inline: the search calls them for every move it proposes. */

/* Index of x in the sorted v[0 .. n), or -1. */
static inline int igs_delta_find_idx(const int *v, int n, int x) {
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

/* Can a and b conflict at all? An exclusive session (all bits) conflicts with anyone,
 * even a session with no people or groups (no bits). */
static inline bool igs_delta_may_conflict(const igs_delta *L, int a, int b) {
	return (L->sig_who[a] & L->sig_who[b]) || L->sig_who[a] == ~(uint64_t)0 || L->sig_who[b] == ~(uint64_t)0;
}

enum { IGS_DELTA_EXCLUSIVE = 1, IGS_DELTA_APART = 2, IGS_DELTA_CLEAR = -2 };

/* The placed sessions other than s in the way of s at [a0, a1) in room r: sharing the room
 * then, clashing through a person or a group, or exclusive. Returns how many (2: two or more),
 * the one in *b when one; -1 when the index cannot tell (s is exclusive, of a type kept apart
 * or in a parallel class, or the index is off): a query must. */
int igs_delta_in_way(const igs_delta *D, int s, long a0, long a1, int r, int *b);

/* Two sessions of types kept apart on a shared theme (igs_kept_apart's second half). */
bool igs_delta_apart_theme(const igs_delta *L, int a, int b);

/* With the partner lists: do a and b (a != b) clash other than through a person or a group
 * (exclusivity, types kept apart)? */
static inline bool igs_delta_conflict_unlisted(const igs_delta *L, int a, int b) {
	unsigned f = L->key[a].cflag | L->key[b].cflag;
	if (f & IGS_DELTA_EXCLUSIVE)
		return true;
	/* kept apart is symmetric: both sides of such a pair have the flag */
	if (!(L->key[a].cflag & L->key[b].cflag & IGS_DELTA_APART))
		return false;
	unsigned char k = L->apart[L->rule[a] * L->n_rules + L->rule[b]];
	return k == 1 || (k == 2 && igs_delta_apart_theme(L, a, b));
}

/* With the partner lists: writes to out the sessions sharing a person or a group with s that
 * are placed over [a0, a1); returns how many. */
static inline int igs_delta_partners_over(const igs_delta *L, int s, long a0, long a1, int *out) {
	int n = 0;
	for (int x = L->pt_off[s]; x < L->pt_off[s + 1]; x++) {
		int o = L->pt[x];
		if (L->key[o].from < a1 && L->key[o].to > a0) /* never when left out */
			out[n++] = o;
	}
	return n;
}

/* Do a and b clash wherever they overlap (a person, a group, exclusivity, types kept apart)? */
static inline bool igs_delta_conflict(const igs_delta *L, int a, int b) {
	if (L->pt_off) {
		if (a == b)
			return false;
		if (igs_delta_conflict_unlisted(L, a, b))
			return true;
		const int *v = L->pt + L->pt_off[a];
		int m = L->pt_off[a + 1] - L->pt_off[a];
		return igs_delta_find_idx(v, m, b) >= 0;
	}
	if (L->conf)
		return (L->conf[(size_t)a * (size_t)L->words + (size_t)(b >> 6)] >> (b & 63)) & 1;
	if (!igs_delta_may_conflict(L, a, b))
		return false;
	return igs_place_pair(L->p, a, 0, -1, b, 0, -2) >= 0;
}

/* Fills s's candidates (igs_delta_sess, igs_delta_cand), which the lookups below do on a
 * session's first use. */
void igs_delta_fill(igs_delta *D, int s);

/* s's candidate times and rooms (cs[s].nct and cs[s].ncr of them). */
static inline const igs_delta_cand *igs_delta_times(igs_delta *L, int s) {
	if (L->cs[s].toff < 0)
		igs_delta_fill(L, s);
	return L->ce + L->cs[s].toff;
}
static inline const igs_delta_cand *igs_delta_rooms(igs_delta *L, int s) {
	if (L->cs[s].toff < 0)
		igs_delta_fill(L, s);
	return L->ce + L->cs[s].roff;
}

/* Asks the cache for what pricing s against the sessions beside it will read first and no
 * query brings: the list of its near-duplicate partners. A hint, as soon as a move knows s. */
static inline void igs_delta_prefetch(const igs_delta *L, int s) {
	if (L->p->dup_start)
		__builtin_prefetch(L->p->dup_other + L->p->dup_start[s]);
}

/* Index of time or room x in the candidates v[0 .. n), or -1. */
static inline int igs_delta_find_cand(const igs_delta_cand *v, int n, int x) {
	int lo = 0, hi = n - 1;
	while (lo <= hi) {
		int mid = (lo + hi) / 2;
		if (v[mid].v == x)
			return mid;
		if (v[mid].v < x)
			lo = mid + 1;
		else
			hi = mid - 1;
	}
	return -1;
}

/* Place soft of candidate (ci, ri) of s, NAN when the pair breaks a unary rule. */
static inline double igs_delta_cand_soft_idx(igs_delta *L, int s, int ci, int ri) {
	const igs_problem *p = L->p;
	const igs_delta_cand *T = igs_delta_times(L, s) + ci, *R = L->ce + L->cs[s].roff + ri;
	bool ok;
	if (L->unary) {
		const igs_time *tm = &p->times[T->v];
		ok = T->ok && R->ok && igs_room_available(&p->rooms[R->v], tm->day, tm->start, tm->start + L->dur[s]);
	} else {
		ok = igs_place_unary(p, s, T->v, R->v) < 0;
	}
	return ok ? T->soft + R->soft : NAN;
}

/* Place soft of s at (t, r), NAN when that is no valid candidate. */
static inline double igs_delta_cand_soft(igs_delta *L, int s, int t, int r) {
	const igs_delta_cand *T = igs_delta_times(L, s), *R = L->ce + L->cs[s].roff;
	int ci = igs_delta_find_cand(T, L->cs[s].nct, t), ri = igs_delta_find_cand(R, L->cs[s].ncr, r);
	return ci < 0 || ri < 0 ? NAN : igs_delta_cand_soft_idx(L, s, ci, ri);
}

/* Writes to out (room for every session and one more) the placed sessions overlapping
 * [a0, a1) (absolute minutes); returns how many. */
static inline int igs_delta_query(const igs_delta *L, long a0, long a1, int *out) {
	int n = 0;
	long b0 = a0 / L->bw, b1 = (a1 - 1) / L->bw;
	if (b1 >= L->nb)
		b1 = L->nb - 1;
	if (b0 > b1)
		return 0;
	/* A session spans several buckets: report it from the first one both share. In b0 that
	 * is any session there that overlaps; in a later bucket one that starts there, which all
	 * overlap but those of the last bucket that start at a1 or later. Without branches: which
	 * items pass is as good as random. */
	const int *it = L->b_item + L->b_off[b0];
	for (int k = 0, m = L->b_cnt[b0]; k < m; k++) {
		int o = it[k];
		if (k + 8 < m) /* the key some items ahead, for the cache */
			__builtin_prefetch(&L->key[it[k + 8]]);
		out[n] = o;
		n += (L->key[o].from < a1) & (L->key[o].to > a0);
	}
	for (long b = b0 + 1; b <= b1; b++) {
		it = L->s_item + L->s_off[b];
		int m = L->s_cnt[b];
		if (b < b1 || (b + 1) * L->bw <= a1) {
			memcpy(out + n, it, (size_t)m * sizeof *it);
			n += m;
			continue;
		}
		for (int k = 0; k < m; k++) {
			int o = it[k];
			out[n] = o;
			n += L->key[o].from < a1;
		}
	}
	return n;
}

#endif
