/* CoSPLib local search. The slot layer is the state; the track of a cell is derived from it
 * (the track of its items, none when empty), so every schedule searched is valid and a move
 * that would put two tracks in one cell is refused before it is scored. Items that do not fit
 * stay unplaced and are counted apart: costs compare (unplaced items, objective)
 * lexicographically, which keeps "every submission placed" above any weight.
 *
 * The evaluator scores each move in full: it is the one definition of the objective, and at
 * about 30 µs for the largest instance it allows a million moves in under a minute. */
#include <gsl/gsl_rng.h>
#include <limits.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cosplib/eval.h"
#include "cosplib/search.h"

typedef struct {
	int missing;
	long long total;
} cost;

static bool cost_le(cost a, cost b) { return a.missing != b.missing ? a.missing < b.missing : a.total <= b.total; }
static bool cost_lt(cost a, cost b) { return a.missing != b.missing ? a.missing < b.missing : a.total < b.total; }

/* One move: items and their new places (cell -1: unplaced), with the old places kept to undo. */
typedef struct {
	int n;
	int *item, *cell, *k, *old_cell, *old_k;
	bool applied; /* made while it was generated (gen_evacuate): only undo remains */
} move;

typedef struct {
	const igs_cosplib *c;
	const igs_cosplib_options *o;
	igs_cosplib_solution *sol, *best;
	igs_cosplib_evaluator *ev;
	gsl_rng *rng;
	int nr, n_cells;
	int *cell_base, *cell_size; /* [cell = block * rooms + room]: first slot entry, slots */
	int *cell_n;                /* [cell] occupied slots */
	int *at_cell, *at_k;        /* [item] place, cell -1 when unplaced */
	int missing;                /* unplaced items */
	int *track_items, *track_start; /* items of each track, grouped; track_start[t]..[t+1] */
	int *same_size;                 /* [block] next block (cyclically) with as many slots, or itself */
	int *scratch;                   /* candidates: cells, or items of a cell */
	int *starts;                    /* candidate starts inside one cell */
	int *order;                     /* items in construction order */
	cost *hist;                     /* late-acceptance history */
	int n_hist;
	move mv;
	struct timespec t0;             /* shared by all chains, so their times compare */
	const atomic_int *stop;         /* set when the other chains could not all start */
	atomic_llong *met_at;           /* fewest moves after which a chain met the bound; LLONG_MAX: none yet */
	long long met;                  /* this chain's moves when it met the bound; LLONG_MAX: not met */
	const igs_cosplib_solution *start; /* chain 0's first schedule, or NULL */
	igs_cosplib_search_stats *st;
	int trace_cap;
} search;

static double seconds(const search *S) {
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)(t.tv_sec - S->t0.tv_sec) + 1e-9 * (double)(t.tv_nsec - S->t0.tv_nsec);
}

static int rnd(search *S, int n) { return n <= 1 ? 0 : (int)gsl_rng_uniform_int(S->rng, (unsigned long)n); }

static int *slots_of(search *S, int cell) { return S->sol->slot + S->cell_base[cell]; }

static void put(search *S, int u, int cell, int k) {
	const igs_cosplib_item *U = &S->c->items[u];
	int *x = slots_of(S, cell);
	for (int i = 0; i < U->req; i++)
		x[k + i] = u;
	S->cell_n[cell] += U->req;
	S->sol->track[cell] = U->track;
	S->at_cell[u] = cell;
	S->at_k[u] = k;
	S->missing--;
}

static void take(search *S, int u) {
	int cell = S->at_cell[u];
	if (cell < 0)
		return;
	const igs_cosplib_item *U = &S->c->items[u];
	int *x = slots_of(S, cell);
	for (int i = 0; i < U->req; i++)
		x[S->at_k[u] + i] = -1;
	if ((S->cell_n[cell] -= U->req) == 0)
		S->sol->track[cell] = -1;
	S->at_cell[u] = -1;
	S->missing++;
}

/* Whether u can start at slot k of cell: inside the cell, on empty slots, and the cell empty or
 * already u's track (one track per cell). */
static bool fits(const search *S, int u, int cell, int k) {
	const igs_cosplib_item *U = &S->c->items[u];
	if (k < 0 || k + U->req > S->cell_size[cell])
		return false;
	if (S->cell_n[cell] > 0 && S->sol->track[cell] != U->track)
		return false;
	const int *x = S->sol->slot + S->cell_base[cell];
	for (int i = 0; i < U->req; i++)
		if (x[k + i] >= 0)
			return false;
	return true;
}

/* Takes every item of the move out, then puts each where the move says; if one does not fit,
 * everything goes back and the move is refused. */
static bool apply(search *S) {
	move *m = &S->mv;
	for (int i = 0; i < m->n; i++) {
		m->old_cell[i] = S->at_cell[m->item[i]];
		m->old_k[i] = S->at_k[m->item[i]];
		take(S, m->item[i]);
	}
	for (int i = 0; i < m->n; i++) {
		if (m->cell[i] < 0)
			continue;
		if (!fits(S, m->item[i], m->cell[i], m->k[i])) {
			for (int j = 0; j < i; j++)
				take(S, m->item[j]);
			for (int j = 0; j < m->n; j++)
				if (m->old_cell[j] >= 0)
					put(S, m->item[j], m->old_cell[j], m->old_k[j]);
			return false;
		}
		put(S, m->item[i], m->cell[i], m->k[i]);
	}
	return true;
}

static void undo(search *S) {
	move *m = &S->mv;
	for (int i = 0; i < m->n; i++)
		take(S, m->item[i]);
	for (int i = 0; i < m->n; i++)
		if (m->old_cell[i] >= 0)
			put(S, m->item[i], m->old_cell[i], m->old_k[i]);
}

static void add(search *S, int u, int cell, int k) {
	move *m = &S->mv;
	m->item[m->n] = u;
	m->cell[m->n] = cell;
	m->k[m->n++] = k;
}

/* A random start in cell where u fits, its own slots counted free; -1 if none. */
static int random_start(search *S, int u, int cell) {
	const igs_cosplib_item *U = &S->c->items[u];
	if (S->cell_n[cell] > 0 && S->sol->track[cell] != U->track)
		return -1;
	const int *x = slots_of(S, cell);
	int n = 0;
	for (int k = 0; k + U->req <= S->cell_size[cell]; k++) {
		bool ok = true;
		for (int i = 0; ok && i < U->req; i++)
			ok = x[k + i] < 0 || x[k + i] == u;
		if (ok)
			S->starts[n++] = k;
	}
	return n ? S->starts[rnd(S, n)] : -1;
}

/* A random cell among the first n of S->scratch in which u fits, and a random start there
 * (drawing cells until one has room, so a tight programme does not make most moves fail). */
static bool pick_place(search *S, int u, int n, int *cell, int *k) {
	for (; n > 0; n--) {
		int i = rnd(S, n), c = S->scratch[i];
		S->scratch[i] = S->scratch[n - 1];
		if ((*k = random_start(S, u, c)) >= 0) {
			*cell = c;
			return true;
		}
	}
	return false;
}

/* Relocate one item: half the time into another cell of its own track, else into any cell that
 * is empty or of its track. Unplaced items are picked first half the time. */
static bool gen_relocate(search *S) {
	const igs_cosplib *c = S->c;
	int u = rnd(S, c->n_items);
	if (S->missing > 0 && rnd(S, 2) == 0)
		for (int i = 0; i < c->n_items && S->at_cell[u] >= 0; i++)
			u = (u + 1) % c->n_items;
	int t = c->items[u].track, n = 0;
	bool own = rnd(S, 2) == 0;
	for (int cell = 0; cell < S->n_cells; cell++)
		if (S->cell_n[cell] > 0 ? S->sol->track[cell] == t : !own)
			S->scratch[n++] = cell;
	int cell, k;
	if (!pick_place(S, u, n, &cell, &k))
		return false;
	add(S, u, cell, k);
	return true;
}

/* Exchange the places of two items, mostly of the same track. */
static bool gen_swap(search *S) {
	const igs_cosplib *c = S->c;
	int u = rnd(S, c->n_items), v;
	if (rnd(S, 10) < 7) {
		int t = c->items[u].track, n = S->track_start[t + 1] - S->track_start[t];
		v = S->track_items[S->track_start[t] + rnd(S, n)];
	} else {
		v = rnd(S, c->n_items);
	}
	if (u == v || (S->at_cell[u] < 0 && S->at_cell[v] < 0))
		return false;
	add(S, u, S->at_cell[v], S->at_k[v]);
	add(S, v, S->at_cell[u], S->at_k[u]);
	return true;
}

/* The items of cell in slot order, appended to the move with their new cell and start. Starts
 * are kept where the target is as long, else the items are packed from slot 0. */
static bool add_cell(search *S, int from, int to) {
	const int *x = slots_of(S, from);
	int first = S->mv.n, end = 0;
	for (int k = 0; k < S->cell_size[from]; k++)
		if (x[k] >= 0 && (k == 0 || x[k - 1] != x[k])) {
			add(S, x[k], to, k);
			end = k + S->c->items[x[k]].req;
		}
	if (end <= S->cell_size[to])
		return true;
	int at = 0;
	for (int i = first; i < S->mv.n; i++) {
		S->mv.k[i] = at;
		at += S->c->items[S->mv.item[i]].req;
	}
	return at <= S->cell_size[to];
}

/* Exchange the whole contents of two cells: half the time within one block (the track changes
 * room), else anywhere (it changes time, and room). */
static bool gen_cell_swap(search *S) {
	int c1 = rnd(S, S->n_cells);
	if (S->cell_n[c1] == 0)
		return false;
	int c2 = rnd(S, 2) == 0 ? (c1 / S->nr) * S->nr + rnd(S, S->nr) : rnd(S, S->n_cells);
	if (c2 == c1)
		return false;
	return add_cell(S, c1, c2) && add_cell(S, c2, c1);
}

/* Exchange two blocks with as many slots, every room at once: whole parts of the programme
 * move in time while their tracks keep their rooms. */
static bool gen_block_swap(search *S) {
	int b1 = rnd(S, S->c->n_blocks), b2 = S->same_size[b1];
	if (b2 == b1)
		return false;
	for (int r = 0; r < S->nr; r++)
		if (!add_cell(S, b1 * S->nr + r, b2 * S->nr + r) || !add_cell(S, b2 * S->nr + r, b1 * S->nr + r))
			return false;
	return true;
}

/* Two items of one cell change order, keeping the gap between them. */
static bool gen_reorder(search *S) {
	int u = rnd(S, S->c->n_items), cell = S->at_cell[u];
	if (cell < 0)
		return false;
	const int *x = slots_of(S, cell);
	int n = 0;
	for (int k = 0; k < S->cell_size[cell]; k++)
		if (x[k] >= 0 && x[k] != u && (k == 0 || x[k - 1] != x[k]))
			S->scratch[n++] = x[k];
	if (n == 0)
		return false;
	int v = S->scratch[rnd(S, n)], a = u, b = v;
	if (S->at_k[a] > S->at_k[b])
		a = v, b = u;
	int ka = S->at_k[a], ra = S->c->items[a].req, kb = S->at_k[b], rb = S->c->items[b].req;
	add(S, b, cell, ka);
	add(S, a, cell, ka + rb + (kb - ka - ra));
	return true;
}

/* Empty one cell: its items go one after the other, each to a random place in another cell of
 * its track or in an empty cell. This lets a track leave a bad block or room when no single
 * cell can take all of its items, which no one-cell move can do. */
static bool gen_evacuate(search *S) {
	move *m = &S->mv;
	int from = S->at_cell[rnd(S, S->c->n_items)];
	if (from < 0)
		return false;
	const int *x = slots_of(S, from);
	for (int k = 0; k < S->cell_size[from]; k++)
		if (x[k] >= 0 && (k == 0 || x[k - 1] != x[k])) {
			m->item[m->n] = x[k];
			m->old_cell[m->n] = from;
			m->old_k[m->n++] = k;
		}
	for (int i = 0; i < m->n; i++)
		take(S, m->item[i]);
	bool own = rnd(S, 2) == 0;
	for (int i = 0; i < m->n; i++) {
		int u = m->item[i], t = S->c->items[u].track, n = 0, cell, k;
		for (cell = 0; cell < S->n_cells; cell++)
			if (cell != from && (S->cell_n[cell] > 0 ? S->sol->track[cell] == t : !own))
				S->scratch[n++] = cell;
		if (n == 0 && own) /* no other cell of the track yet: an empty one */
			for (cell = 0; cell < S->n_cells; cell++)
				if (cell != from && S->cell_n[cell] == 0)
					S->scratch[n++] = cell;
		if (!pick_place(S, u, n, &cell, &k)) {
			for (int j = 0; j < i; j++)
				take(S, m->item[j]);
			for (int j = 0; j < m->n; j++)
				put(S, m->item[j], m->old_cell[j], m->old_k[j]);
			return false;
		}
		put(S, u, cell, k);
		m->cell[i] = cell;
		m->k[i] = k;
	}
	m->applied = true;
	return true;
}

static bool generate(search *S) {
	S->mv.n = 0;
	S->mv.applied = false;
	int r = rnd(S, 100);
	if (r < 4)
		return gen_evacuate(S);
	if (r < 40)
		return gen_relocate(S);
	if (r < 70)
		return gen_swap(S);
	if (r < 88)
		return gen_cell_swap(S);
	if (r < 96)
		return gen_reorder(S);
	return gen_block_swap(S);
}

static cost score(search *S) {
	igs_cosplib_report rep;
	igs_cosplib_evaluate_with(S->ev, &rep, S->sol);
	return (cost){S->missing, rep.total};
}

/* A component's weight as the objective applies it (OBJECTIVE.md §4: only if above 0). */
static long long weight(const igs_cosplib *c, igs_cosplib_component k) { return c->weight[k] > 0 ? c->weight[k] : 0; }

/* Each item in construction order into a cell of its track that has room, else into the empty
 * cell that costs its track least. */
static void construct(search *S) {
	const igs_cosplib *c = S->c;
	for (int i = 0; i < c->n_items; i++) {
		int u = S->order[i], t = c->items[u].track, req = c->items[u].req, best = -1, best_k = 0;
		if (S->at_cell[u] >= 0)
			continue; /* placed by the start schedule */
		long long best_pen = 0;
		for (int cell = 0; cell < S->n_cells && best < 0; cell++)
			if (S->cell_n[cell] > 0 && S->sol->track[cell] == t)
				for (int k = 0; k + req <= S->cell_size[cell] && best < 0; k++)
					if (fits(S, u, cell, k))
						best = cell, best_k = k;
		bool shared = best >= 0;
		for (int cell = 0; cell < S->n_cells && !shared; cell++) {
			if (S->cell_n[cell] > 0 || S->cell_size[cell] < req)
				continue;
			int b = cell / S->nr, r = cell % S->nr;
			long long pen = weight(c, IGS_CP_tracks_sessions) * c->track_block[(size_t)t * c->n_blocks + b] +
					weight(c, IGS_CP_tracks_rooms) * c->track_room[(size_t)t * S->nr + r] +
					weight(c, IGS_CP_sessions_rooms) * c->block_room[(size_t)b * S->nr + r];
			if (best < 0 || pen < best_pen)
				best = cell, best_pen = pen;
		}
		if (best >= 0)
			put(S, u, best, best_k);
	}
}

static void record(search *S, cost cur, long long moves) {
	igs_cosplib_search_stats *st = S->st;
	memcpy(S->best->track, S->sol->track, (size_t)S->n_cells * sizeof *S->sol->track);
	memcpy(S->best->slot, S->sol->slot, (size_t)S->c->n_slots * sizeof *S->sol->slot);
	st->total = cur.total;
	st->missing = cur.missing;
	st->best_s = seconds(S);
	if (cur.missing > 0)
		return;
	if (st->n_trace == S->trace_cap) {
		int cap = S->trace_cap ? 2 * S->trace_cap : 64;
		igs_cosplib_point *p = realloc(st->trace, (size_t)cap * sizeof *p);
		if (!p)
			return; /* the trace is a report: a point missing from it does not change the search */
		st->trace = p;
		S->trace_cap = cap;
	}
	st->trace[st->n_trace++] = (igs_cosplib_point){st->best_s, moves, cur.total};
}

static void progress(search *S, cost best, long long moves, bool last) {
	if (S->o->verbose < 1)
		return;
	double s = seconds(S);
	fprintf(stderr, "%s%7.1f s  best %lld%s  %lld moves  %.0f moves/s%s", S->o->live_progress ? "\r" : "", s,
		best.total, best.missing ? " (items unplaced)" : "", moves, s > 0 ? (double)moves / s : 0.0,
		S->o->live_progress && !last ? "" : "\n");
	fflush(stderr);
}

/* Back to the best schedule found: its layers, then the places and counts derived from them. */
static void restore_best(search *S) {
	const igs_cosplib *c = S->c;
	memcpy(S->sol->track, S->best->track, (size_t)S->n_cells * sizeof *S->sol->track);
	memcpy(S->sol->slot, S->best->slot, (size_t)c->n_slots * sizeof *S->sol->slot);
	memset(S->cell_n, 0, (size_t)S->n_cells * sizeof *S->cell_n);
	for (int u = 0; u < c->n_items; u++)
		S->at_cell[u] = -1;
	S->missing = c->n_items;
	for (int cell = 0; cell < S->n_cells; cell++) {
		const int *x = slots_of(S, cell);
		for (int k = 0; k < S->cell_size[cell]; k++)
			if (x[k] >= 0 && (k == 0 || x[k - 1] != x[k])) {
				S->at_cell[x[k]] = cell;
				S->at_k[x[k]] = k;
				S->cell_n[cell] += c->items[x[k]].req;
				S->missing--;
			}
	}
}

/* Whether best is complete and scores the proven bound (below it cannot be): then this chain
 * stops, and so does every chain past as many moves, since one that met the bound later would
 * lose the tie (igs_cosplib_search_from). The pick stays independent of the threads' timing. */
static bool meets_bound(search *S, cost best, long long moves) {
	if (!S->o->has_bound || best.missing > 0 || best.total > S->o->bound)
		return false;
	S->met = moves;
	long long seen = atomic_load(S->met_at);
	while (moves < seen && !atomic_compare_exchange_weak(S->met_at, &seen, moves))
		;
	return true;
}

/* Late acceptance: a move is kept if it is no worse than the current schedule or than the one
 * of L moves ago; scale-free, so one setting serves objectives from 1 to 10^9. Once it has
 * accepted nothing better than the best for 50 L moves it has converged: it restarts from the
 * best schedule shaken by a few random moves, with a fresh history. */
static void run(search *S) {
	const igs_cosplib_options *o = S->o;
	int L = S->n_hist;
	cost *hist = S->hist, cur = score(S), best = cur;
	for (int i = 0; i < L; i++)
		hist[i] = cur;
	record(S, cur, 0);
	long long moves = 0, stall = 50LL * L, last_change = 0;
	double next_report = 1.0;
	bool done = meets_bound(S, best, 0);
	while (!done && moves < o->moves) {
		if ((moves & 127) == 0) {
			if (moves >= atomic_load_explicit(S->met_at, memory_order_relaxed))
				break;
			if (o->interrupt && *o->interrupt) {
				S->st->interrupted = true;
				break;
			}
			if (atomic_load_explicit(S->stop, memory_order_relaxed))
				break;
			double s = seconds(S);
			if (s >= o->time_limit)
				break;
			if (s >= next_report) {
				progress(S, best, moves, false);
				next_report = s + 1.0;
			}
		}
		if (moves - last_change > stall) {
			restore_best(S);
			for (int kicks = 3 + rnd(S, 8), tries = 0; kicks > 0 && tries < 1000 && moves < o->moves; tries++, moves++)
				kicks -= generate(S) && (S->mv.applied || apply(S));
			cur = score(S);
			for (int i = 0; i < L; i++)
				hist[i] = cur;
			last_change = moves;
			S->st->restarts++;
			continue;
		}
		int v = (int)(moves % L);
		moves++;
		if (generate(S) && (S->mv.applied || apply(S))) {
			cost cand = score(S);
			if (cost_le(cand, cur) || cost_le(cand, hist[v])) {
				cur = cand;
				if (cost_lt(cur, best)) {
					best = cur;
					last_change = moves;
					record(S, cur, moves);
					done = meets_bound(S, best, moves);
				}
			} else {
				undo(S);
			}
		}
		if (cost_lt(cur, hist[v]))
			hist[v] = cur;
	}
	S->st->moves = moves;
	if (moves > 0 || o->verbose >= 2)
		progress(S, best, moves, true);
}

typedef struct {
	long long need; /* slots of the item's track */
	int track, req, item;
} rank;

static int by_rank(const void *pa, const void *pb) {
	const rank *a = pa, *b = pb;
	if (a->need != b->need)
		return a->need > b->need ? -1 : 1;
	if (a->track != b->track)
		return a->track - b->track;
	if (a->req != b->req)
		return b->req - a->req;
	return a->item - b->item;
}

/* Tracks with the most slots first, each track's longest items first. */
static int construction_order(search *S) {
	const igs_cosplib *c = S->c;
	rank *r = malloc(((size_t)c->n_items + 1) * sizeof *r);
	long long *need = calloc((size_t)c->n_tracks + 1, sizeof *need);
	if (!r || !need) {
		free(r);
		free(need);
		return IGS_ENOMEM;
	}
	for (int u = 0; u < c->n_items; u++)
		need[c->items[u].track] += c->items[u].req;
	for (int u = 0; u < c->n_items; u++)
		r[u] = (rank){need[c->items[u].track], c->items[u].track, c->items[u].req, u};
	qsort(r, (size_t)c->n_items, sizeof *r, by_rank);
	for (int u = 0; u < c->n_items; u++)
		S->order[u] = r[u].item;
	free(r);
	free(need);
	return IGS_OK;
}

static int setup(search *S, const igs_cosplib *c) {
	int nt = c->n_tracks, nu = c->n_items, max_slots = 1;
	S->nr = c->n_rooms;
	S->n_cells = c->n_blocks * c->n_rooms;
	for (int b = 0; b < c->n_blocks; b++)
		max_slots = c->blocks[b].slots > max_slots ? c->blocks[b].slots : max_slots;
	int cand = S->n_cells > nt ? S->n_cells : nt;
	cand = cand > max_slots * S->nr ? cand : max_slots * S->nr;
	size_t cells = (size_t)S->n_cells, items = (size_t)nu;
	int moves = 2 * S->nr * max_slots + 2;
	S->cell_base = malloc(cells * sizeof(int));
	S->cell_size = malloc(cells * sizeof(int));
	S->cell_n = calloc(cells, sizeof(int));
	S->at_cell = malloc((items + 1) * sizeof(int));
	S->at_k = calloc(items + 1, sizeof(int));
	S->track_items = malloc((items + 1) * sizeof(int));
	S->track_start = calloc((size_t)nt + 2, sizeof(int));
	S->same_size = malloc(((size_t)c->n_blocks + 1) * sizeof(int));
	S->scratch = malloc(((size_t)cand + 1) * sizeof(int));
	S->starts = malloc(((size_t)max_slots + 1) * sizeof(int));
	S->order = malloc((items + 1) * sizeof(int));
	S->n_hist = 1000 + 10 * nu;
	S->hist = malloc((size_t)S->n_hist * sizeof *S->hist);
	int **mv[] = {&S->mv.item, &S->mv.cell, &S->mv.k, &S->mv.old_cell, &S->mv.old_k};
	bool ok = S->cell_base && S->cell_size && S->cell_n && S->at_cell && S->at_k && S->track_items &&
		  S->track_start && S->same_size && S->scratch && S->starts && S->order && S->hist;
	for (size_t i = 0; i < sizeof mv / sizeof *mv; i++)
		ok = ok && (*mv[i] = malloc((size_t)moves * sizeof(int)));
	if (!ok)
		return IGS_ENOMEM;
	for (int b = 0; b < c->n_blocks; b++) {
		for (int r = 0; r < S->nr; r++) {
			S->cell_base[b * S->nr + r] = c->blocks[b].first_slot + r * c->blocks[b].slots;
			S->cell_size[b * S->nr + r] = c->blocks[b].slots;
		}
		S->same_size[b] = b;
		for (int i = 1; i < c->n_blocks; i++) {
			int o = (b + i) % c->n_blocks;
			if (c->blocks[o].slots == c->blocks[b].slots) {
				S->same_size[b] = o;
				break;
			}
		}
	}
	for (int u = 0; u < nu; u++) {
		S->at_cell[u] = -1;
		S->track_start[c->items[u].track + 1]++;
	}
	for (int t = 0; t < nt; t++)
		S->track_start[t + 1] += S->track_start[t];
	int *fill = calloc((size_t)nt + 1, sizeof *fill);
	if (!fill)
		return IGS_ENOMEM;
	for (int u = 0; u < nu; u++) {
		int t = c->items[u].track;
		S->track_items[S->track_start[t] + fill[t]++] = u;
	}
	free(fill);
	S->missing = nu;
	return construction_order(S);
}

static void search_free(search *S) {
	gsl_rng_free(S->rng);
	igs_cosplib_evaluator_free(S->ev);
	igs_cosplib_solution_free(S->sol);
	igs_cosplib_solution_free(S->best);
	int **arrays[] = {&S->cell_base, &S->cell_size, &S->cell_n, &S->at_cell, &S->at_k, &S->track_items,
			  &S->track_start, &S->same_size, &S->scratch, &S->starts, &S->order, &S->mv.item, &S->mv.cell,
			  &S->mv.k, &S->mv.old_cell, &S->mv.old_k};
	for (size_t i = 0; i < sizeof arrays / sizeof *arrays; i++)
		free(*arrays[i]);
	free(S->hist);
}

/* One independent chain: its own state, evaluator workspace and random stream. */
typedef struct {
	search S;
	igs_cosplib_options o; /* the caller's, quiet except in chain 0 */
	igs_cosplib_search_stats st;
	int rc;
} chain;

/* The proper part of a given schedule: each item whole and contiguous in one cell of its own
 * track, the first such place of it in scan order; anything else is left to construct(). */
static void load_start(search *S) {
	const igs_cosplib *c = S->c;
	for (int cell = 0; cell < S->n_cells; cell++) {
		const int *x = S->start->slot + S->cell_base[cell];
		int t = S->start->track[cell];
		for (int k = 0; k < S->cell_size[cell]; k++) {
			int u = x[k];
			if (u < 0 || u >= c->n_items || S->at_cell[u] >= 0 || c->items[u].track != t)
				continue;
			int run = 0;
			while (k + run < S->cell_size[cell] && x[k + run] == u)
				run++;
			if (run == c->items[u].req && fits(S, u, cell, k))
				put(S, u, cell, k);
		}
	}
}

static void *chain_run(void *arg) {
	chain *ch = arg;
	search *S = &ch->S;
	if (S->start)
		load_start(S);
	construct(S);
	run(S);
	ch->st.elapsed_s = seconds(S);
	return NULL;
}

static int chain_init(chain *ch, const igs_cosplib *c, const igs_cosplib_options *o, int index, struct timespec t0,
		      const atomic_int *stop, atomic_llong *met_at) {
	ch->o = *o;
	if (index > 0)
		ch->o.verbose = 0;
	ch->S = (search){.c = c, .o = &ch->o, .st = &ch->st, .t0 = t0, .stop = stop, .met_at = met_at, .met = LLONG_MAX};
	search *S = &ch->S;
	int rc = setup(S, c);
	if (rc == IGS_OK)
		rc = igs_cosplib_solution_new(&S->sol, c);
	if (rc == IGS_OK)
		rc = igs_cosplib_solution_new(&S->best, c);
	if (rc == IGS_OK)
		rc = igs_cosplib_evaluator_new(&S->ev, c);
	if (rc == IGS_OK && !(S->rng = gsl_rng_alloc(gsl_rng_mt19937)))
		rc = IGS_ENOMEM;
	/* Streams of their own: the same seed gives other numbers here than in the programme
	 * search, and each chain differs from the others. */
	if (rc == IGS_OK)
		gsl_rng_set(S->rng, (unsigned long)o->seed * 2654435761UL + 0x5c05UL + 0x9e3779b9UL * (unsigned long)index);
	return rc;
}

/* The chains' improvements as one trace: every point that improves on all earlier points of
 * any chain, in time order. */
static int merge_traces(igs_cosplib_search_stats *st, chain *ch, int n) {
	int total = 0;
	for (int i = 0; i < n; i++)
		total += ch[i].st.n_trace;
	if (total == 0)
		return IGS_OK;
	if (!(st->trace = malloc((size_t)total * sizeof *st->trace)))
		return IGS_ENOMEM;
	int *at = calloc((size_t)n, sizeof *at);
	if (!at) {
		free(st->trace);
		st->trace = NULL;
		return IGS_ENOMEM;
	}
	for (;;) {
		int next = -1;
		for (int i = 0; i < n; i++)
			if (at[i] < ch[i].st.n_trace &&
			    (next < 0 || ch[i].st.trace[at[i]].s < ch[next].st.trace[at[next]].s))
				next = i;
		if (next < 0)
			break;
		igs_cosplib_point p = ch[next].st.trace[at[next]++];
		if (st->n_trace == 0 || p.total < st->trace[st->n_trace - 1].total)
			st->trace[st->n_trace++] = p;
	}
	free(at);
	return IGS_OK;
}

int igs_cosplib_search(igs_cosplib_solution **out, igs_cosplib_search_stats *st, const igs_cosplib *c,
		       const igs_cosplib_options *o, igs_diag *d) {
	return igs_cosplib_search_from(out, st, c, NULL, o, d);
}

int igs_cosplib_search_from(igs_cosplib_solution **out, igs_cosplib_search_stats *st, const igs_cosplib *c,
			    const igs_cosplib_solution *start, const igs_cosplib_options *o, igs_diag *d) {
	*out = NULL;
	memset(st, 0, sizeof *st);
	if (igs_cosplib_options_check(o, d) != IGS_OK)
		return IGS_EUSAGE;
	int n = o->threads, started = 0, rc = IGS_OK;
	atomic_int stop = 0;
	atomic_llong met_at = LLONG_MAX;
	struct timespec t0;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	chain *ch = calloc((size_t)n, sizeof *ch);
	pthread_t *tid = calloc((size_t)n, sizeof *tid);
	if (!ch || !tid)
		rc = IGS_ENOMEM;
	for (int i = 0; rc == IGS_OK && i < n; i++)
		rc = chain_init(&ch[i], c, o, i, t0, &stop, &met_at);
	/* Chain 0 alone starts from the given schedule: the others keep their own constructions,
	 * so a poor start cannot pull every chain the same way. */
	if (rc == IGS_OK)
		ch[0].S.start = start;
	if (rc != IGS_OK) {
		igs_diag_add(d, c->file, "", "out of memory while setting up the CoSPLib search");
		goto cleanup;
	}
	/* Chains 1.. run in threads, chain 0 here. Each chain alone is deterministic, and the
	 * winner is chosen by cost and then by index, so the result does not depend on timing. If
	 * a thread cannot start, those started are stopped at once and nothing is searched. */
	for (; started + 1 < n; started++)
		if (pthread_create(&tid[started + 1], NULL, chain_run, &ch[started + 1]) != 0)
			break;
	if (started + 1 < n)
		atomic_store(&stop, 1);
	else
		chain_run(&ch[0]);
	for (int i = 1; i <= started; i++)
		pthread_join(tid[i], NULL);
	if (started + 1 < n) {
		igs_diag_add(d, c->file, "", "could not start %d search threads; use --threads %d or fewer", n - 1,
			     started + 1);
		rc = IGS_ENOMEM;
		goto cleanup;
	}
	int win = 0;
	for (int i = 1; i < n; i++) {
		cost a = {ch[i].st.missing, ch[i].st.total}, b = {ch[win].st.missing, ch[win].st.total};
		if (cost_lt(a, b) || (cost_le(a, b) && ch[i].S.met < ch[win].S.met))
			win = i;
	}
	st->bound_met = ch[win].S.met < LLONG_MAX;
	st->total = ch[win].st.total;
	st->missing = ch[win].st.missing;
	st->best_s = ch[win].st.best_s;
	for (int i = 0; i < n; i++) {
		st->moves += ch[i].st.moves;
		st->restarts += ch[i].st.restarts;
		st->interrupted = st->interrupted || ch[i].st.interrupted;
		st->elapsed_s = ch[i].st.elapsed_s > st->elapsed_s ? ch[i].st.elapsed_s : st->elapsed_s;
	}
	if ((rc = merge_traces(st, ch, n)) != IGS_OK) {
		igs_diag_add(d, c->file, "", "out of memory after the CoSPLib search");
		goto cleanup;
	}
	*out = ch[win].S.best;
	ch[win].S.best = NULL;
cleanup:
	for (int i = 0; ch && i < n; i++) {
		search_free(&ch[i].S);
		free(ch[i].st.trace);
	}
	free(ch);
	free(tid);
	return rc;
}

void igs_cosplib_search_stats_clear(igs_cosplib_search_stats *st) {
	free(st->trace);
	memset(st, 0, sizeof *st);
}
