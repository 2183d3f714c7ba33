/* Local search: simulated annealing over relocations, swaps, room exchanges, ejection chains,
 * optional add/drop/replace, periodic ruin-and-recreate and thematic cell moves. This file is
 * the strategy (which move to try, whether to keep it); the incremental evaluator
 * (solver/delta.h) prices and applies each move. */
#include <limits.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <gsl/gsl_rng.h>

#include "solver/delta.h"
#include "solver/local.h"

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

/* Sessions moved since the best was saved beyond which saving it copies every session. */
#define DIRTY_MAX(n) ((n) / 16)

typedef struct {
	int *item, *pos; /* pos[s]: index of s in item, or -1 */
	int n;
} idxset;

typedef struct {
	igs_delta d; /* the cost state and the moves' deltas */
	const igs_problem *p;
	igs_schedule *s;
	int n;
	bool *mobile;    /* more than one candidate placement */
	bool *can_place; /* at least one candidate placement */
	idxset mob, opt_in, opt_out, req_out;
	int *best_t, *best_r;
	/* The sessions moved since best_t and best_r last took the schedule (each once: dirty[s]),
	 * so that saving the best copies those only; all_dirty: every session, as after the
	 * schedule was overwritten or when they were more than DIRTY_MAX. */
	int *moved, n_moved;
	bool *dirty, all_dirty;
	int ruin[LIFT_MAX], ruin_t[LIFT_MAX], ruin_r[LIFT_MAX];
	double sample[SAMPLE_MAX];
	gsl_rng *rng;
	/* The search's own state, carried from one epoch to the next (igs_local_search). */
	igs_local_stats st;
	long it, max_moves, next_ruin, ruin_every; /* max_moves LONG_MAX: until the time limit */
	double t_start, limit, t_hi, t_lo, temp, best;
	double c_start; /* when the current cooling cycle began */
	int best_req;
	bool at_best; /* the current schedule is the best and best_t/best_r may be stale */
	bool stop;    /* the budget, the time limit or an interrupt ended it ... */
	bool expired; /* ... the last two */
	bool cycles;  /* one of the cooling cycles of a time-limited run: only moves pace it ... */
	bool first;   /* ... but the first, which the clock paces too should it be about to cut it */
	bool spend;   /* a time-limited run: the limit is its planned end, not a cut */
	bool optimal; /* it reached a score of 0: nothing is better (at_zero) */
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

/* Applies a move igs_delta_eval judged, keeping the sets of sessions and the moved ones in
 * step. */
static void commit(ls *L, const igs_move *M, int k, double delta) {
	igs_delta_commit(&L->d, M, k, delta);
	for (int i = 0; i < k; i++) {
		int s = M[i].s;
		if ((M[i].t0 < 0) != (M[i].t1 < 0))
			file_session(L, s);
		if (L->all_dirty || L->dirty[s])
			continue;
		if (L->n_moved == DIRTY_MAX(L->n)) {
			L->all_dirty = true;
		} else {
			L->dirty[s] = true;
			L->moved[L->n_moved++] = s;
		}
	}
}

/* Rebuilds the cost state and the sets from s's placements. */
static void load_state(ls *L) {
	igs_delta_load(&L->d);
	set_clear(&L->mob, L->n);
	set_clear(&L->opt_in, L->n);
	set_clear(&L->opt_out, L->n);
	set_clear(&L->req_out, L->n);
	for (int s = 0; s < L->n; s++)
		file_session(L, s);
}

static void ls_free(ls *L) {
	igs_delta_free(&L->d);
	free(L->mobile);
	free(L->can_place);
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
	free(L->moved);
	free(L->dirty);
	if (L->rng)
		gsl_rng_free(L->rng);
}

static int ls_init(ls *L, igs_schedule *s) {
	const igs_problem *p = s->problem;
	memset(L, 0, sizeof *L);
	L->p = p;
	L->s = s;
	L->n = p->n_sessions;
	int rc = igs_delta_init(&L->d, s);
	size_t n = (size_t)(L->n > 0 ? L->n : 1);
	L->mobile = malloc(n * sizeof *L->mobile);
	L->can_place = malloc(n * sizeof *L->can_place);
	idxset *sets[] = {&L->mob, &L->opt_in, &L->opt_out, &L->req_out};
	for (size_t k = 0; k < sizeof sets / sizeof sets[0]; k++) {
		sets[k]->item = malloc(n * sizeof *sets[k]->item);
		sets[k]->pos = malloc(n * sizeof *sets[k]->pos);
		if (!sets[k]->item || !sets[k]->pos)
			rc = IGS_ENOMEM;
	}
	L->best_t = malloc(n * sizeof *L->best_t);
	L->best_r = malloc(n * sizeof *L->best_r);
	L->moved = malloc(n * sizeof *L->moved);
	L->dirty = calloc(n, sizeof *L->dirty);
	L->all_dirty = true;
	if (rc != IGS_OK || !L->mobile || !L->can_place || !L->best_t || !L->best_r || !L->moved || !L->dirty)
		return IGS_ENOMEM;
	for (int i = 0; i < L->n; i++) {
		const igs_session *S = &p->sessions[i];
		L->can_place[i] = S->n_cand_times > 0 && S->n_cand_rooms > 0;
		L->mobile[i] = (long)S->n_cand_times * S->n_cand_rooms > 1;
	}
	return IGS_OK;
}

/* ---- moves ---- */

/* A random candidate placement of s: same time, same room or both new. */
static bool random_target(ls *L, int s, int *t, int *r, double *soft) {
	const igs_delta_sess *c = &L->d.cs[s];
	int nct = c->nct, ncr = c->ncr;
	if (nct == 0 || ncr == 0)
		return false;
	int ci = -1, ri = -1, t0 = L->s->time[s], r0 = L->s->room[s];
	int mode = t0 >= 0 ? pick(L, 3) : 2;
	if (mode == 0)
		ci = c->cur_ci;
	else if (mode == 1)
		ri = c->cur_ri;
	if (ci < 0)
		ci = pick(L, nct);
	if (ri < 0)
		ri = pick(L, ncr);
	*t = igs_delta_times(&L->d, s)[ci].v;
	*r = igs_delta_rooms(&L->d, s)[ri].v;
	if (*t == t0 && *r == r0)
		return false;
	*soft = igs_delta_cand_soft_idx(&L->d, s, ci, ri);
	return !isnan(*soft);
}

/* Session s to a random candidate placement; a single session in the way is swapped into
 * s's old place, exchanges rooms with it, is pushed elsewhere (an ejection chain) or, when
 * optional, dropped (replace). Returns the number of sessions moved, 0 for no move. */
static int propose_target(ls *L, int s, igs_move *M) {
	const igs_problem *p = L->p;
	int t, r;
	double soft;
	igs_delta_prefetch(&L->d, s);
	if (!random_target(L, s, &t, &r, &soft))
		return 0;
	long a0 = igs_time_abs(p, t), a1 = a0 + L->d.dur[s];
	int b = -1, in_way = igs_delta_in_way(&L->d, s, a0, a1, r, &b);
	if (in_way > 1)
		return 0;
	if (in_way >= 0) {
		L->d.nq0 = IGS_DELTA_CLEAR; /* b, the one in the way, moves too */
	} else {
		int nq = igs_delta_query(&L->d, a0, a1, L->d.q0);
		bool listed = L->d.pt_off != NULL; /* person and group clashes from s's partners */
		for (int j = 0; j < nq; j++) {
			int o = L->d.q0[j];
			if (o == s ||
			    (L->d.key[o].room != r &&
			     !(listed ? igs_delta_conflict_unlisted(&L->d, s, o) : igs_delta_conflict(&L->d, s, o))))
				continue;
			if (b >= 0)
				return 0;
			b = o;
		}
		for (int j = 0, np = listed ? igs_delta_partners_over(&L->d, s, a0, a1, L->d.qp) : 0; j < np; j++) {
			int o = L->d.qp[j];
			if (o == s || o == b)
				continue;
			if (b >= 0)
				return 0;
			b = o;
		}
		L->d.nq0 = nq;
	}
	L->d.q0_clear = true; /* b, the one in the way, moves too */
	igs_delta_set_move(&M[0], &L->d, s, t, r, soft);
	if (b < 0)
		return 1;
	igs_delta_prefetch(&L->d, b);
	int t0 = L->s->time[s], r0 = L->s->room[s], bt = L->s->time[b];
	int options = (t0 >= 0 ? 2 : 0) + 1 + L->d.key[b].optional, choice = pick(L, options);
	int nt = -1, nr = -1;
	double bs = 0;
	if (t0 < 0)
		choice += 2;
	if (choice == 0) { /* swap */
		nt = t0;
		nr = r0;
		bs = igs_delta_cand_soft(&L->d, b, nt, nr);
	} else if (choice == 1) { /* room exchange */
		int ri = igs_delta_find_cand(igs_delta_rooms(&L->d, b), L->d.cs[b].ncr, r0);
		nt = bt;
		nr = r0;
		/* b keeps its time: its candidate index is known */
		bs = L->d.cs[b].cur_ci < 0 || ri < 0 ? NAN : igs_delta_cand_soft_idx(&L->d, b, L->d.cs[b].cur_ci, ri);
	} else if (choice == 2) { /* chain */
		if (!random_target(L, b, &nt, &nr, &bs))
			return 0;
	} /* else drop the optional b */
	if (isnan(bs))
		return 0;
	igs_delta_set_move(&M[1], &L->d, b, nt, nr, bs);
	return 2;
}

/* Two sessions that overlap exchange rooms. */
static int propose_rooms(ls *L, igs_move *M) {
	if (L->mob.n == 0)
		return 0;
	int s = L->mob.item[pick(L, L->mob.n)];
	int nq = igs_delta_query(&L->d, L->d.from[s], L->d.to[s], L->d.q1);
	if (nq < 2)
		return 0;
	int o = L->d.q1[pick(L, nq)];
	if (o == s)
		return 0;
	int ts = L->s->time[s], rs = L->s->room[s], to = L->s->time[o], ro = L->s->room[o];
	double ss = igs_delta_cand_soft(&L->d, s, ts, ro), so = igs_delta_cand_soft(&L->d, o, to, rs);
	if (isnan(ss) || isnan(so))
		return 0;
	igs_delta_set_move(&M[0], &L->d, s, ts, ro, ss);
	igs_delta_set_move(&M[1], &L->d, o, to, rs, so);
	return 2;
}

static int propose(ls *L, igs_move *M) {
	L->d.nq0 = -1;
	double u = gsl_rng_uniform(L->rng);
	if (L->req_out.n > 0 && u < 0.25)
		return propose_target(L, L->req_out.item[pick(L, L->req_out.n)], M);
	if (L->opt_out.n > 0 && u < 0.30)
		return propose_target(L, L->opt_out.item[pick(L, L->opt_out.n)], M);
	if (L->opt_in.n > 0 && u < 0.31) {
		int s = L->opt_in.item[pick(L, L->opt_in.n)];
		igs_delta_set_move(&M[0], &L->d, s, -1, -1, 0);
		return 1;
	}
	if (u < 0.36)
		return propose_rooms(L, M);
	if (L->mob.n == 0)
		return 0;
	return propose_target(L, L->mob.item[pick(L, L->mob.n)], M);
}

/* ---- ruin and recreate ---- */

/* Applies a one-session move whose feasibility is known (or, check false, irrelevant). */
static void force(ls *L, int s, int t, int r, double soft, bool check) {
	igs_move m;
	double d;
	igs_delta_set_move(&m, &L->d, s, t, r, soft);
	L->d.nq0 = -1;
	if (igs_delta_eval(&L->d, &m, 1, &d, check))
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
	int n_themes = L->d.th_off[anchor + 1] - L->d.th_off[anchor];
	bool by_day = n_themes == 0 || pick(L, 2) == 0;
	int day = p->times[L->s->time[anchor]].day;
	int theme = by_day ? -1 : L->d.th[L->d.th_off[anchor] + pick(L, n_themes)];
	int start = pick(L, L->mob.n), want = 2 + pick(L, RUIN_MAX - 1);
	for (int x = 0; x < L->mob.n && n < want; x++) {
		int s = L->mob.item[(start + x) % L->mob.n];
		bool match = by_day && p->times[L->s->time[s]].day == day;
		for (int k = L->d.th_off[s]; !by_day && k < L->d.th_off[s + 1]; k++)
			match = match || L->d.th[k] == theme;
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
		igs_move m;
		double d;
		if (igs_delta_cheapest(&L->d, s, -1, &m, &d) && (!L->p->sessions[s].optional || d < 0))
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
	int m = igs_delta_query(&L->d, base + S->from, base + S->to, L->d.q1);
	for (int j = 0; j < m; j++) {
		int o = L->d.q1[j];
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
	double soft = t < 0 ? NAN : igs_delta_cand_soft(&L->d, s, t, to->r);
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
	int avoid = igs_cells_index(L->d.cells, L->s->time[a], L->s->room[a]);
	for (int i = 0; i < n; i++) {
		L->ruin_t[i] = L->s->time[L->ruin[i]];
		L->ruin_r[i] = L->s->room[L->ruin[i]];
	}
	for (int i = 0; i < n; i++)
		force(L, L->ruin[i], -1, -1, 0, true);
	igs_move m;
	double d;
	for (int i = 0; i < n; i++)
		if (igs_delta_cheapest(&L->d, L->ruin[i], avoid, &m, &d))
			force(L, L->ruin[i], m.t1, m.r1, m.soft1, true);
	for (int k = 0; k < 2 && L->req_out.n > 0 && n < LIFT_MAX; k++) {
		int s = L->req_out.item[pick(L, L->req_out.n)];
		if (!igs_delta_cheapest(&L->d, s, -1, &m, &d))
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
	double d = L->d.total - before;
	bool keep = nr > 0 && ok &&
		    (L->d.unplaced_req < req_before ||
		     (L->d.unplaced_req == req_before && (d <= 0 || gsl_rng_uniform(L->rng) < exp(-d / temp))));
	if (!keep) {
		rollback(L, nr);
		L->d.total = before;
	}
	return keep;
}

/* ---- the search ---- */

static void save_best(ls *L) {
	if (L->all_dirty) {
		memcpy(L->best_t, L->s->time, (size_t)L->n * sizeof *L->best_t);
		memcpy(L->best_r, L->s->room, (size_t)L->n * sizeof *L->best_r);
	}
	for (int i = 0; i < L->n_moved; i++) {
		int s = L->moved[i];
		L->best_t[s] = L->s->time[s];
		L->best_r[s] = L->s->room[s];
		L->dirty[s] = false;
	}
	L->n_moved = 0;
	L->all_dirty = false;
}

/* The temperature at which random feasible moves from the start that go uphill are accepted
 * with mean probability 'target'. Not a mean or median step: the steps spread over orders of
 * magnitude (a seat of waste costs 0.002, dropping an optional session its whole priority),
 * and the productive temperature sits among the small ones. */
static double start_temperature(ls *L, long budget, double target, long *tried) {
	igs_move M[IGS_MOVE_MAX];
	int ups = 0;
	for (long i = 0; i < budget; i++) {
		int k = propose(L, M);
		double d;
		(*tried)++;
		if (k == 0 || !igs_delta_eval(&L->d, M, k, &d, true))
			continue;
		igs_delta_reject(&L->d, M, k);
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

/* How far the search is, from 0 to 1: the share of the move budget spent or of the time limit
 * elapsed, whichever is further. With a move budget the clock does not count while the run keeps
 * pace with its limit (the result then repeats on any machine); when the clock would cut the
 * budget, the cooling follows the clock, so that the run still ends cold. A later cooling cycle
 * follows its moves alone: cut by the clock, it leaves the best schedule of the cycles before. */
static double progress(const ls *L, long it, double now) {
	double f = (double)it / (double)L->max_moves;
	if (L->cycles && !L->first)
		return f;
	/* The first cycle counts its clock from its own start, so that the set-up before it does not
	 * take over a cycle that the clock will not cut: limits long enough for it replay it. */
	double from = L->cycles ? L->c_start : L->t_start, left = L->t_start + L->limit - from;
	double ft = left > 0 ? (now - from) / left : 1;
	return ft > f ? ft : f;
}

/* Sets the temperature and the ruin period for progress f at move it. The ruin-and-recreate
 * comes about every 1 % of the run: a large step the single moves cannot take, as when a day's
 * sessions are all locked in place by one another; with the clock in charge, 1 % of the moves
 * the run is on pace to make. */
static void pace(ls *L, long it, double f) {
	L->temp = L->t_hi * pow(L->t_lo / L->t_hi, f < 1 ? f : 1);
	long total = L->max_moves;
	if (f > 0 && (L->max_moves == LONG_MAX || (double)it / (double)L->max_moves < f))
		total = (long)fmin((double)it / f, 1e15);
	L->ruin_every = total / 100 > 1000 ? total / 100 : 1000;
}

/* Does the current schedule score 0 with every required session placed? The loader keeps every
 * weight at 0 or more and every count is, so no schedule is better and the search can stop. The
 * kept total drifts by rounding over millions of deltas: one near 0 is summed afresh, and only
 * an exact 0 counts. */
static bool at_zero(ls *L) {
	if (L->d.unplaced_req > 0 || L->d.total > 1e-9)
		return false;
	load_state(L);
	if (L->d.total > 0)
		return false;
	L->best = L->d.total;
	L->best_req = 0;
	L->at_best = true;
	L->st.best_score = L->best;
	L->st.best_unplaced = 0;
	L->optimal = L->stop = true;
	return true;
}

/* Starts the search of L from its loaded cost state: the best so far, the start temperature
 * from a sample of moves; a start that scores 0 is not searched. */
static void search_start(ls *L, const igs_options *o, long max_moves, double t_start, double limit) {
	L->c_start = now_s();
	L->st.start_score = L->st.best_score = L->best = L->d.total;
	L->st.start_unplaced = L->st.best_unplaced = L->best_req = L->d.unplaced_req;
	save_best(L);
	L->at_best = true;
	L->max_moves = max_moves;
	L->t_start = t_start;
	L->limit = limit;
	long warm = max_moves / 100 < SAMPLE_MAX ? max_moves / 100 : SAMPLE_MAX;
	long tried0 = L->st.tried;
	L->t_hi = start_temperature(L, warm, START_ACCEPT, &L->st.tried);
	L->t_lo = L->t_hi * END_COOLING;
	L->it = L->st.tried - tried0;
	L->stop = false;
	at_zero(L);
	pace(L, L->it, 0);
	/* The first ruin where a period of the budget ends, as it % ruin_every == ruin_every - 1. */
	L->next_ruin = L->it - L->it % L->ruin_every + L->ruin_every - 1;
	if (o->verbose >= 3)
		fprintf(stderr, "local: temperature %g down to %g over %ld moves\n", L->t_hi, L->t_lo, max_moves);
}

/* Is the current schedule better than the best seen? Then it is the best. */
static void note_best(ls *L) {
	if (L->d.unplaced_req < L->best_req || (L->d.unplaced_req == L->best_req && L->d.total < L->best - 1e-9)) {
		L->best = L->d.total;
		L->best_req = L->d.unplaced_req;
		L->at_best = true;
		L->st.improved++;
		L->st.best_score = L->best;
		L->st.best_unplaced = L->best_req;
	}
}

/* Runs L's search until move it_end or the clock time t_end, the end of its budget or time
 * limit, or an interrupt; the state carries over to the next call. */
static void search_run(ls *L, const igs_options *o, long it_end, double t_end) {
	igs_move M[IGS_MOVE_MAX];
	bool thematic = L->p->thematic_rooms;
	igs_local_stats *st = &L->st;
	if (it_end > L->max_moves)
		it_end = L->max_moves;
	for (; L->it < it_end; L->it++) {
		long it = L->it;
		if ((it & 4095) == 0) {
			double now = now_s();
			pace(L, it, progress(L, it, now));
			if (now - L->t_start > L->limit) {
				L->stop = L->expired = true;
				st->timed_out = !L->spend;
				break;
			}
			if (o->interrupt && *o->interrupt) {
				L->stop = L->expired = true;
				st->interrupted = true;
				break;
			}
			if (now >= t_end)
				break;
		}
		bool ruin_now = it == L->next_ruin;
		if (it >= L->next_ruin)
			L->next_ruin += L->ruin_every;
		st->tried++;
		double d;
		double u = thematic ? gsl_rng_uniform(L->rng) : 1;
		if (u < EXCHANGE_RATE) {
			/* Judged like a ruin step; a half-made exchange or evacuation is undone. */
			double before = L->d.total;
			int req_before = L->d.unplaced_req;
			if (L->at_best)
				save_best(L);
			bool ok = true;
			int nr = u < EVACUATE_RATE ? evacuate(L) : exchange(L, &ok);
			if (nr == 0)
				continue;
			L->at_best = false;
			if (!keep_compound(L, nr, ok, before, req_before, L->temp))
				continue;
			st->exchanged += u >= EVACUATE_RATE;
			st->evacuated += u < EVACUATE_RATE;
		} else if (ruin_now) {
			/* A large move from the current schedule, judged like any other. */
			double before = L->d.total;
			int req_before = L->d.unplaced_req;
			if (L->at_best)
				save_best(L);
			L->at_best = false;
			int nr = ruin(L);
			recreate(L, nr);
			if (!keep_compound(L, nr, true, before, req_before, L->temp))
				continue;
		} else {
			int k = propose(L, M);
			if (k == 0 || !igs_delta_eval(&L->d, M, k, &d, true))
				continue;
			int req_gain = 0;
			for (int i = 0; i < k; i++)
				if (!L->p->sessions[M[i].s].optional)
					req_gain += (M[i].t0 < 0) - (M[i].t1 < 0);
			bool accept = req_gain > 0 ||
				      (req_gain == 0 && (d <= 0 || gsl_rng_uniform(L->rng) < exp(-d / L->temp)));
			if (!accept) {
				igs_delta_reject(&L->d, M, k);
				continue;
			}
			if (L->at_best)
				save_best(L);
			L->at_best = false;
			commit(L, M, k, d);
		}
		st->accepted++;
		note_best(L);
		if (L->d.total <= 1e-9 && at_zero(L))
			break;
		if (st->on_accept && !st->on_accept(L->s, L->d.total, st->arg)) {
			L->stop = true;
			break;
		}
	}
	if (L->it >= L->max_moves)
		L->stop = true;
}

/* The placements of L's best schedule. */
static void best_of(const ls *L, const int **t, const int **r) {
	*t = L->at_best ? L->s->time : L->best_t;
	*r = L->at_best ? L->s->room : L->best_r;
}

/* Is search a's best better than b's: fewer required sessions out, then a lower score? */
static bool better_best(const ls *a, const ls *b) {
	return a->best_req < b->best_req || (a->best_req == b->best_req && a->best < b->best - 1e-9);
}

/* A search that has fallen behind the best of all continues from it, at its own temperature.
 * The first never does: it stays the one-thread search, so that N searches return a schedule no
 * worse than one search with the same seed and budget. (Letting it take over too was measured
 * on igf-like at 60 s: 1,243.5 with 2 threads against 1,238.5 with one.) */
static void share_best(ls *S, int n) {
	int g = 0;
	for (int i = 1; i < n; i++)
		if (better_best(&S[i], &S[g]))
			g = i;
	const int *t, *r;
	best_of(&S[g], &t, &r);
	for (int i = 1; i < n; i++) {
		if (i == g || !better_best(&S[g], &S[i]))
			continue;
		memcpy(S[i].s->time, t, (size_t)S[i].n * sizeof *t);
		memcpy(S[i].s->room, r, (size_t)S[i].n * sizeof *r);
		S[i].all_dirty = true;
		load_state(&S[i]);
		S[i].best = S[g].best;
		S[i].best_req = S[g].best_req;
		S[i].st.best_score = S[g].best;
		S[i].st.best_unplaced = S[g].best_req;
		S[i].at_best = true;
	}
}

/* The counts of all searches together in st, the best of them its best. */
static void gather(const ls *S, int n, igs_local_stats *st) {
	st->tried = st->accepted = 0;
	int g = 0;
	for (int i = 0; i < n; i++) {
		st->tried += S[i].st.tried;
		st->accepted += S[i].st.accepted;
		if (better_best(&S[i], &S[g]))
			g = i;
	}
	st->best_score = S[g].best;
	st->best_unplaced = S[g].best_req;
}

/* The progress line: the best over all searches, the moves of all, the first one's state. */
static void report(const ls *S, int n, igs_local_stats *st, const igs_options *o, double elapsed, bool last) {
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
	if (n > 1)
		fprintf(stderr, "  (%d threads)", n);
	else
		fprintf(stderr, "  current %.3f  T %.4g", S[0].d.total, last ? 0 : S[0].temp);
	fprintf(stderr, "%s", o->live_progress ? "\033[K" : "");
	if (!o->live_progress || last)
		fputc('\n', stderr);
	fflush(stderr);
}

/* The options table's bound on --threads. */
#define THREADS_MAX 256
/* The epochs of a run: the searches meet at the end of each (the progress line is printed
 * there), and share the best schedule every SHARE_EVERY epochs. */
#define EPOCHS 100
#define SHARE_EVERY 10

/* One search's part of a step that every search takes at once, in its own thread. */
typedef struct {
	ls *L;
	const igs_options *o;
	long it_end;  /* an epoch: its last move ... */
	double t_end; /* ... and its end on the clock */
	/* the set-up: the schedule to search from (copied into its own when own is set) */
	const igs_schedule *from;
	igs_schedule *own;
	int index, rc;
} job;

/* The next cooling cycle of L, twice as long, from its own best schedule. */
static void next_cycle(ls *L, const igs_options *o) {
	if (!L->at_best) {
		memcpy(L->s->time, L->best_t, (size_t)L->n * sizeof *L->best_t);
		memcpy(L->s->room, L->best_r, (size_t)L->n * sizeof *L->best_r);
		L->all_dirty = true;
		load_state(L);
		L->at_best = true;
	}
	long moves = L->max_moves > LONG_MAX / 4 ? LONG_MAX / 2 : L->max_moves * 2;
	L->first = false;
	search_start(L, o, moves, L->t_start, L->limit);
}

/* Runs L to the end of the epoch; a search in cooling cycles starts its next cycle there and
 * then, not waiting for the others. */
static void *run_epoch_job(void *arg) {
	job *j = arg;
	ls *L = j->L;
	for (;;) {
		if (L->cycles && L->stop && !L->expired && L->it >= L->max_moves && now_s() < j->t_end)
			next_cycle(L, j->o);
		if (L->stop)
			break;
		search_run(L, j->o, j->it_end, j->t_end);
		if (!L->stop)
			break;
	}
	return NULL;
}

/* Gives search index its schedule, its cost state and its random stream. */
static void *run_setup_job(void *arg) {
	job *j = arg;
	igs_schedule *si = (igs_schedule *)j->from;
	if (j->own && (si = j->own, igs_schedule_copy(si, j->from) != IGS_OK)) {
		j->rc = IGS_ENOMEM;
		return NULL;
	}
	if ((j->rc = ls_init(j->L, si)) != IGS_OK)
		return NULL;
	if (!(j->L->rng = gsl_rng_alloc(gsl_rng_mt19937))) {
		j->rc = IGS_ENOMEM;
		return NULL;
	}
	/* A stream of its own: another phase seeded from o->seed must not replay this one,
	 * nor one search another. */
	gsl_rng_set(j->L->rng, (unsigned long)j->o->seed * 2654435761UL + 1UL + (unsigned long)j->index * 0x9E3779B9UL);
	load_state(j->L);
	return NULL;
}

/* Runs fn on the n jobs at once, the first in this thread. IGS_ENOMEM when a thread could not
 * start (its job did not run). */
static int run_all(job *J, int n, void *(*fn)(void *)) {
	pthread_t tid[THREADS_MAX];
	bool started[THREADS_MAX];
	int rc = IGS_OK;
	for (int i = 1; i < n; i++) {
		started[i] = pthread_create(&tid[i], NULL, fn, &J[i]) == 0;
		if (!started[i])
			rc = IGS_ENOMEM;
	}
	fn(&J[0]);
	for (int i = 1; i < n; i++)
		if (started[i])
			pthread_join(tid[i], NULL);
	return rc;
}

int igs_local_search(igs_schedule *s, const igs_options *o, long max_moves, igs_local_stats *st) {
	igs_local_stats dummy;
	double t_start = now_s();
	int rc = IGS_OK, n = o->threads >= 1 && o->threads <= THREADS_MAX ? o->threads : 1;
	memset(&dummy, 0, sizeof dummy);
	if (!st)
		st = &dummy;
	st->tried = st->accepted = st->improved = st->exchanged = st->evacuated = 0;
	st->timed_out = st->interrupted = st->optimal = false;
	st->elapsed = 0;
	const igs_problem *p = s->problem;
	ls *S = calloc((size_t)n, sizeof *S);
	igs_schedule **own = calloc((size_t)n, sizeof *own);
	if (!S || !own) {
		rc = IGS_ENOMEM;
		goto cleanup;
	}
	long budget = max_moves <= 0 || p->n_sessions == 0 ? 0 : o->effort == IGS_EFFORT_TIME ? LONG_MAX : max_moves;
	if (budget == 0)
		n = 1;
	job J[THREADS_MAX];
	for (int i = 0; i < n; i++) {
		J[i] = (job){.L = &S[i], .o = o, .from = s, .index = i, .rc = IGS_OK};
		if (i > 0 && !(J[i].own = own[i] = igs_schedule_new(p))) {
			rc = IGS_ENOMEM;
			goto cleanup;
		}
	}
	/* Each search builds its cost state in its own thread: at 10,000 sessions that is seconds. */
	rc = run_all(J, n, run_setup_job);
	for (int i = 0; i < n && rc == IGS_OK; i++) {
		rc = J[i].rc;
		S[i].st.on_accept = st->on_accept;
		S[i].st.arg = st->arg;
	}
	if (rc != IGS_OK)
		goto cleanup;
	if (budget == 0) {
		st->start_score = S[0].d.total;
		st->start_unplaced = S[0].d.unplaced_req;
		goto finish;
	}
	/* Spending the limit, the search leaves the work after it (a fresh total, the advice for
	 * left-out sessions, writing) about as long as its own set-up took. */
	double limit = o->time_limit;
	if (budget == LONG_MAX)
		limit = fmax(0, limit - 2 * (now_s() - t_start));
	/* Spending a time limit, the first search runs cooling cycles of --moves, twice as many,
	 * four times as many ... moves, each from its best schedule so far, until the clock stops it:
	 * a longer run replays a shorter one and goes on, so more time never gives a worse schedule,
	 * and only where the clock stops depends on the machine. The other searches each run one
	 * annealing cooled by the clock over the whole limit, on their own: a long cooling finds
	 * better schedules than the cycles but is not monotone in time (docs/SOLVERS.md); the first
	 * search keeps the guarantee, the others add what a long cooling finds. */
	bool spend = budget == LONG_MAX;
	for (int i = 0; i < n; i++) {
		S[i].spend = spend;
		S[i].cycles = S[i].first = spend && i == 0;
		search_start(&S[i], o, spend ? (i == 0 ? max_moves : LONG_MAX) : budget, t_start, limit);
	}
	st->start_score = S[0].st.start_score;
	st->start_unplaced = S[0].st.start_unplaced;
	double last_report = t_start;
	bool going = true;
	for (int e = 1; e <= EPOCHS && going && rc == IGS_OK; e++) {
		for (int i = 0; i < n; i++) {
			J[i].it_end = spend ? LONG_MAX : e == EPOCHS ? budget : (long)((double)budget / EPOCHS * e);
			J[i].t_end = t_start + limit * e / EPOCHS;
		}
		rc = run_all(J, n, run_epoch_job);
		if (n > 1 && !spend && e % SHARE_EVERY == 0)
			share_best(S, n);
		going = false;
		bool optimal = false;
		for (int i = 0; i < n; i++) {
			going = going || !S[i].stop || (S[i].cycles && !S[i].expired);
			optimal = optimal || S[i].optimal;
		}
		/* At the end of an epoch, so that with a move budget the result stays the same. */
		going = going && !optimal;
		double now = now_s();
		if (going && now - last_report >= 1.0) {
			last_report = now;
			gather(S, n, st);
			report(S, n, st, o, now - t_start, false);
		}
	}
	int g = 0;
	for (int i = 0; i < n; i++) {
		if (better_best(&S[i], &S[g]))
			g = i;
		st->improved += S[i].st.improved;
		st->exchanged += S[i].st.exchanged;
		st->evacuated += S[i].st.evacuated;
		st->timed_out = st->timed_out || S[i].st.timed_out;
		st->interrupted = st->interrupted || S[i].st.interrupted;
		st->optimal = st->optimal || S[i].optimal;
	}
	const int *bt, *br;
	best_of(&S[g], &bt, &br);
	if (bt != s->time) {
		memcpy(s->time, bt, (size_t)S[0].n * sizeof *s->time);
		memcpy(s->room, br, (size_t)S[0].n * sizeof *s->room);
	}
	gather(S, n, st);
	/* The kept total has drifted by rounding over millions of deltas; report it afresh. */
	load_state(&S[0]);
finish:
	st->best_score = S[0].d.total;
	st->best_unplaced = S[0].d.unplaced_req;
	report(S, n, st, o, now_s() - t_start, true);
	for (int i = 0; i < p->n_sessions && rc == IGS_OK; i++) {
		if (s->time[i] >= 0 && s->reason[i])
			rc = igs_schedule_set_reason(s, i, NULL);
		else if (s->time[i] < 0 && !s->reason[i] && p->sessions[i].optional)
			rc = igs_schedule_set_reason(s, i,
						     "optional, left out: the local search found the programme scores "
						     "better without it than at any placement it tried");
	}
cleanup:
	for (int i = 0; S && i < n; i++) {
		ls_free(&S[i]);
		igs_schedule_free(own ? own[i] : NULL);
	}
	free(S);
	free(own);
	return rc;
}

int igs_local_full_cost(const igs_schedule *s, double *total, int *unplaced_required) {
	ls L;
	/* load_state only reads the placements; the cast lets it share the search's code. */
	int rc = ls_init(&L, (igs_schedule *)s);
	if (rc == IGS_OK) {
		load_state(&L);
		if (total)
			*total = L.d.total;
		if (unplaced_required)
			*unplaced_required = L.d.unplaced_req;
	}
	ls_free(&L);
	return rc;
}
