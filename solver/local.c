/* Local search: simulated annealing over relocations, swaps, room exchanges, ejection chains,
 * optional add/drop/replace, periodic ruin-and-recreate and thematic cell moves. This file is
 * the strategy (which move to try, whether to keep it); the incremental evaluator
 * (solver/delta.h) prices and applies each move. */
#include <math.h>
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
	int ruin[LIFT_MAX], ruin_t[LIFT_MAX], ruin_r[LIFT_MAX];
	double sample[SAMPLE_MAX];
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

/* Applies a move igs_delta_eval judged, keeping the sets of sessions in step. */
static void commit(ls *L, const igs_move *M, int k, double delta) {
	igs_delta_commit(&L->d, M, k, delta);
	for (int i = 0; i < k; i++)
		if ((M[i].t0 < 0) != (M[i].t1 < 0))
			file_session(L, M[i].s);
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
	if (rc != IGS_OK || !L->mobile || !L->can_place || !L->best_t || !L->best_r)
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
	const igs_session *S = &L->p->sessions[s];
	int nct = S->n_cand_times, ncr = S->n_cand_rooms;
	if (nct == 0 || ncr == 0)
		return false;
	int ci = -1, ri = -1, t0 = L->s->time[s], r0 = L->s->room[s];
	int mode = t0 >= 0 ? pick(L, 3) : 2;
	if (mode == 0)
		ci = L->d.cur_ci[s];
	else if (mode == 1)
		ri = L->d.cur_ri[s];
	if (ci < 0)
		ci = pick(L, nct);
	if (ri < 0)
		ri = pick(L, ncr);
	*t = S->cand_times[ci];
	*r = S->cand_rooms[ri];
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
	if (!random_target(L, s, &t, &r, &soft))
		return 0;
	long a0 = igs_time_abs(p, t), a1 = a0 + L->d.dur[s];
	int nq = igs_delta_query(&L->d, a0, a1, L->d.q0), b = -1;
	bool listed = L->d.pt_off != NULL; /* person and group clashes from s's partners */
	for (int j = 0; j < nq; j++) {
		int o = L->d.q0[j];
		if (o == s || (L->d.key[o].room != r &&
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
	L->d.q0_clear = true; /* b, the one in the way, moves too */
	igs_delta_set_move(&M[0], &L->d, s, t, r, soft);
	if (b < 0)
		return 1;
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
		int ri = igs_delta_find_idx(p->sessions[b].cand_rooms, p->sessions[b].n_cand_rooms, r0);
		nt = bt;
		nr = r0;
		/* b keeps its time: its candidate index is known */
		bs = L->d.cur_ci[b] < 0 || ri < 0 ? NAN : igs_delta_cand_soft_idx(&L->d, b, L->d.cur_ci[b], ri);
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
	fprintf(stderr, "  current %.3f  T %.4g%s", L->d.total, temp, o->live_progress ? "\033[K" : "");
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
	st->start_score = st->best_score = L.d.total;
	st->start_unplaced = st->best_unplaced = L.d.unplaced_req;
	save_best(&L);
	if (max_moves <= 0 || L.n == 0)
		goto finish;

	bool at_best = true; /* the current schedule is the best and best_t/best_r may be stale */
	double best = L.d.total, t_hi, t_lo, temp, last_report = t_start;
	int best_req = L.d.unplaced_req;
	long warm = max_moves / 100 < SAMPLE_MAX ? max_moves / 100 : SAMPLE_MAX;
	t_hi = start_temperature(&L, warm, START_ACCEPT, &st->tried);
	t_lo = t_hi * END_COOLING;
	if (o->verbose >= 3)
		fprintf(stderr, "local: temperature %g down to %g over %ld moves\n", t_hi, t_lo, max_moves);
	temp = t_hi;
	/* Ruin-and-recreate about every 1 % of the budget: a large step the single moves cannot
	 * take, as when a day's sessions are all locked in place by one another. */
	long ruin_every = max_moves / 100 > 1000 ? max_moves / 100 : 1000;
	igs_move M[IGS_MOVE_MAX];
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
			double before = L.d.total;
			int req_before = L.d.unplaced_req;
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
			double before = L.d.total;
			int req_before = L.d.unplaced_req;
			if (at_best)
				save_best(&L);
			at_best = false;
			int nr = ruin(&L);
			recreate(&L, nr);
			if (!keep_compound(&L, nr, true, before, req_before, temp))
				continue;
		} else {
			int k = propose(&L, M);
			if (k == 0 || !igs_delta_eval(&L.d, M, k, &d, true))
				continue;
			int req_gain = 0;
			for (int i = 0; i < k; i++)
				if (!L.p->sessions[M[i].s].optional)
					req_gain += (M[i].t0 < 0) - (M[i].t1 < 0);
			bool accept = req_gain > 0 ||
				      (req_gain == 0 && (d <= 0 || gsl_rng_uniform(L.rng) < exp(-d / temp)));
			if (!accept) {
				igs_delta_reject(&L.d, M, k);
				continue;
			}
			if (at_best)
				save_best(&L);
			at_best = false;
			commit(&L, M, k, d);
		}
		st->accepted++;
		if (L.d.unplaced_req < best_req || (L.d.unplaced_req == best_req && L.d.total < best - 1e-9)) {
			best = L.d.total;
			best_req = L.d.unplaced_req;
			at_best = true;
			st->improved++;
			st->best_score = best;
			st->best_unplaced = best_req;
		}
		if (st->on_accept && !st->on_accept(s, L.d.total, st->arg))
			break;
	}
	if (!at_best) {
		memcpy(s->time, L.best_t, (size_t)L.n * sizeof *s->time);
		memcpy(s->room, L.best_r, (size_t)L.n * sizeof *s->room);
	}
finish:
	/* The kept total has drifted by rounding over millions of deltas; report it afresh. */
	load_state(&L);
	st->best_score = L.d.total;
	st->best_unplaced = L.d.unplaced_req;
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
			*total = L.d.total;
		if (unplaced_required)
			*unplaced_required = L.d.unplaced_req;
	}
	ls_free(&L);
	return rc;
}
