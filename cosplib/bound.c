/* CoSPLib lower bound: which block each item takes and which track each cell holds, priced by
 * the separable components; solved by GLPK (solver/mip.c). */
#include <math.h>
#include <stdlib.h>
#include <time.h>

#include "model/problem.h"
#include "cosplib/bound.h"
#include "cosplib/eval.h"
#include "solver/lpbuild.h"
#include "solver/glpk.h"

/* Pair columns stop being added beyond this many columns in all: GLPK's branch and cut
 * slows down long before, and the bound stays valid with fewer pairs. */
#define PAIR_COLUMNS_MAX 60000

/* The program, and the column of x(item, block) and of y(track, block, room), -1 where there is
 * none: kept for turning a solution of the program into a schedule. */
typedef struct {
	igs_lpb lp;
	int *xcol, *ycol;
} builder;

static int col(builder *B, double obj) {
	return igs_lpb_col(&B->lp, obj, 0, 1, true);
}

static int row(builder *B, double lo, double hi) {
	return igs_lpb_row(&B->lp, lo, hi);
}

static void entry(builder *B, int r, int c, double v) {
	igs_lpb_entry(&B->lp, r, c, v);
}

static void builder_free(builder *B) {
	igs_lpb_free(&B->lp);
	free(B->xcol);
	free(B->ycol);
}

/* A component's weight as the objective counts it: left out unless positive. */
static double weight(const igs_cosplib *c, igs_cosplib_component k) {
	return c->weight[k] > 0 ? (double)c->weight[k] : 0.0;
}

/* Columns: x(item, block) when the item fits the block's slots, priced by its slot penalties
 * (session and time zone, per occupied slot); y(track, block, room) for tracks with items,
 * priced by the cell's track, room and block penalties. Rows: each item in one block; each cell
 * at most one track; a track's items in a block fit the slots of its cells there. The item's
 * cheapest room penalty is a constant. Any valid complete schedule is a solution of this
 * program with the same value of these components, and the others are never negative. */
static int build(builder *B, const igs_cosplib *c, bool extended, double *constant, bool *infeasible) {
	int nb = c->n_blocks, nr = c->n_rooms, nt = c->n_tracks, ni = c->n_items;
	double w_ts = weight(c, IGS_CP_tracks_sessions), w_tr = weight(c, IGS_CP_tracks_rooms),
	       w_sr = weight(c, IGS_CP_sessions_rooms), w_tz = weight(c, IGS_CP_submissions_timezones),
	       w_ss = weight(c, IGS_CP_submissions_sessions), w_rm = weight(c, IGS_CP_submissions_rooms);
	int *x = malloc(((size_t)ni * nb + 1) * sizeof *x), *y = malloc(((size_t)nt * nb * nr + 1) * sizeof *y),
	    *on = malloc(((size_t)nt * nb + 1) * sizeof *on);
	bool *used = calloc((size_t)nt + 1, sizeof *used);
	int rc = IGS_OK;
	if (!x || !y || !on || !used) {
		rc = IGS_ENOMEM;
		goto cleanup;
	}
	*constant = 0;
	*infeasible = false;
	for (int u = 0; u < ni; u++) {
		const igs_cosplib_item *I = &c->items[u];
		used[I->track] = true;
		long long cheapest = -1;
		for (int r = 0; r < nr; r++)
			if (cheapest < 0 || c->item_room[(size_t)u * nr + r] < cheapest)
				cheapest = c->item_room[(size_t)u * nr + r];
		*constant += w_rm * (double)I->req * (double)(cheapest > 0 ? cheapest : 0);
		int one = row(B, 1, 1), fits = 0;
		for (int b = 0; b < nb; b++) {
			x[(size_t)u * nb + b] = -1;
			if (I->req > c->blocks[b].slots)
				continue;
			double cost = (double)I->req * (w_ss * (double)c->item_block[(size_t)u * nb + b] +
							w_tz * (double)c->item_tz[(size_t)u * nb + b]);
			int k = x[(size_t)u * nb + b] = col(B, cost);
			entry(B, one, k, 1);
			fits++;
		}
		if (!fits)
			*infeasible = true;
	}
	for (int t = 0; t < nt; t++)
		for (int b = 0; b < nb; b++)
			for (int r = 0; r < nr; r++)
				y[((size_t)t * nb + b) * nr + r] =
					used[t] ? col(B, w_ts * (double)c->track_block[(size_t)t * nb + b] +
								 w_tr * (double)c->track_room[(size_t)t * nr + r] +
								 w_sr * (double)c->block_room[(size_t)b * nr + r])
						: -1;
	for (int b = 0; b < nb; b++)
		for (int r = 0; r < nr; r++) {
			int cell = row(B, -INFINITY, 1);
			for (int t = 0; t < nt; t++)
				if (used[t])
					entry(B, cell, y[((size_t)t * nb + b) * nr + r], 1);
		}
	for (int t = 0; t < nt; t++)
		for (int b = 0; used[t] && b < nb; b++) {
			int fit = row(B, -INFINITY, 0);
			for (int u = 0; u < ni; u++)
				if (c->items[u].track == t && x[(size_t)u * nb + b] >= 0)
					entry(B, fit, x[(size_t)u * nb + b], c->items[u].req);
			for (int r = 0; r < nr; r++)
				entry(B, fit, y[((size_t)t * nb + b) * nr + r], -c->blocks[b].slots);
		}
	/* An item in a block needs a cell of its track there: tighter than the slot count alone,
	 * which a fraction of a cell would satisfy. */
	for (int u = 0; u < ni; u++)
		for (int b = 0; b < nb; b++) {
			if (x[(size_t)u * nb + b] < 0)
				continue;
			int need = row(B, -INFINITY, 0);
			entry(B, need, x[(size_t)u * nb + b], 1);
			for (int r = 0; r < nr; r++)
				entry(B, need, y[((size_t)c->items[u].track * nb + b) * nr + r], -1);
		}
	/* Session-level conflicts between items of different tracks: in one block they sit in
	 * different rooms (a cell holds one track), so the pair costs its weight: z >= x_u + x_v - 1.
	 * Pairs of one track may share a room for free and are left out. Attendee pairs can be
	 * many (ISF22): they come in while the program stays small. */
	static const igs_cosplib_component kinds[] = {IGS_CP_presenters_conflicts, IGS_CP_attendees_conflicts};
	for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++) {
		double w = weight(c, kinds[k]);
		const unsigned char *rel = kinds[k] == IGS_CP_presenters_conflicts ? c->presenter_conflict : c->attendee_conflict;
		for (int u = 0; w > 0 && u < ni; u++)
			for (int v = u + 1; v < ni && B->lp.n_cols < PAIR_COLUMNS_MAX; v++) {
				if (!rel[(size_t)u * ni + v] || c->items[u].track == c->items[v].track)
					continue;
				for (int b = 0; b < nb; b++) {
					int xu = x[(size_t)u * nb + b], xv = x[(size_t)v * nb + b];
					if (xu < 0 || xv < 0)
						continue;
					int z = col(B, w), both = row(B, -INFINITY, 1);
					entry(B, both, xu, 1);
					entry(B, both, xv, 1);
					entry(B, both, z, -1);
				}
			}
	}
	/* Track-pair terms in a block. on(t, b) >= y(t, b, r) for every room: 1 when t holds a
	 * cell there. Two tracks both on hold at least one pair of rooms, which a shared chair
	 * (chairs_conflicts) or a similarity (similar_tracks) charges: z >= on + on' - 1. */
	double w_cc = weight(c, IGS_CP_chairs_conflicts), w_sim = extended ? weight(c, IGS_CP_similar_tracks) : 0;
	if (w_cc > 0 || w_sim > 0) {
		for (int t = 0; t < nt; t++)
			for (int b = 0; b < nb; b++) {
				on[(size_t)t * nb + b] = -1;
				if (!used[t])
					continue;
				int k = on[(size_t)t * nb + b] = col(B, 0);
				for (int r = 0; r < nr; r++) {
					int le = row(B, -INFINITY, 0);
					entry(B, le, y[((size_t)t * nb + b) * nr + r], 1);
					entry(B, le, k, -1);
				}
			}
		for (int t = 0; t < nt; t++)
			for (int t2 = t + 1; used[t] && t2 < nt; t2++) {
				double cost = (c->chair_conflict[(size_t)t * nt + t2] ? w_cc : 0) +
					      w_sim * (double)c->similar[(size_t)t * nt + t2];
				if (!used[t2] || cost <= 0)
					continue;
				for (int b = 0; b < nb; b++) {
					int z = col(B, cost), both = row(B, -INFINITY, 1);
					entry(B, both, z, -1);
					entry(B, both, on[(size_t)t * nb + b], 1);
					entry(B, both, on[(size_t)t2 * nb + b], 1);
				}
			}
	}
	/* parallel_tracks: the rooms t holds in a block beyond the first, Σ_r y - p with
	 * p <= 1 and p <= Σ_r y (p is priced -w, so it rises to min(1, Σ_r y)). */
	double w_par = extended ? weight(c, IGS_CP_parallel_tracks) : 0;
	for (int t = 0; w_par > 0 && t < nt; t++)
		for (int b = 0; used[t] && b < nb; b++) {
			int p = col(B, -w_par), le = row(B, -INFINITY, 0);
			if (B->lp.oom)
				break;
			B->lp.integer[p] = false;
			entry(B, le, p, 1);
			for (int r = 0; r < nr; r++) {
				if (y[((size_t)t * nb + b) * nr + r] >= 0)
					B->lp.obj[y[((size_t)t * nb + b) * nr + r]] += w_par;
				entry(B, le, y[((size_t)t * nb + b) * nr + r], -1);
			}
		}
	/* rooms_per_track: the distinct rooms of a track less one; in(t, r) >= y(t, b, r) for every
	 * block, each used track holding at least one room (the -w is a constant). */
	double w_rpt = extended ? weight(c, IGS_CP_rooms_per_track) : 0;
	for (int t = 0; w_rpt > 0 && t < nt; t++) {
		if (!used[t])
			continue;
		*constant -= w_rpt;
		for (int r = 0; r < nr; r++) {
			int k = col(B, w_rpt);
			for (int b = 0; b < nb; b++) {
				int le = row(B, -INFINITY, 0);
				entry(B, le, y[((size_t)t * nb + b) * nr + r], 1);
				entry(B, le, k, -1);
			}
		}
	}
	if (B->lp.oom)
		rc = IGS_ENOMEM;
cleanup:
	B->xcol = x;
	B->ycol = y;
	free(on);
	free(used);
	return rc;
}

/* Every table the programs read holds no negative value. A negative penalty would let a
 * component go below what the programs charge (a similar pair counts once per pair of rooms,
 * not once), so no bound is claimed then; the six CoSPLib instances have none. */
static bool all_nonnegative(const igs_cosplib *c) {
	size_t nb = (size_t)c->n_blocks, nr = (size_t)c->n_rooms, nt = (size_t)c->n_tracks, ni = (size_t)c->n_items;
	const struct {
		const long long *v;
		size_t n;
	} tables[] = {{c->item_block, ni * nb}, {c->item_room, ni * nr}, {c->item_tz, ni * nb},
		      {c->track_block, nt * nb}, {c->track_room, nt * nr}, {c->block_room, nb * nr},
		      {c->similar, nt * nt}};
	for (size_t k = 0; k < sizeof tables / sizeof tables[0]; k++)
		for (size_t i = 0; i < tables[k].n; i++)
			if (tables[k].v[i] < 0)
				return false;
	return true;
}

static double now_s(void) {
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

static int longest_first(const void *a, const void *b) {
	const int *x = a, *y = b; /* (req, item) */
	return x[0] != y[0] ? y[0] - x[0] : x[1] - y[1];
}

/* A solution v of the program as a proper schedule: in each block, each track's items there,
 * longest first, go to the first of its cells with room, from the cell's first timeslot on. The
 * program counts only the timeslots of a track's cells in a block, so an item may find no cell
 * whole: it stays out, for the search to place. */
static int pack(igs_cosplib_solution **out, const igs_cosplib *c, const builder *B, const double *v) {
	int nb = c->n_blocks, nr = c->n_rooms, ni = c->n_items, n = 0;
	int *fill = calloc((size_t)nr + 1, sizeof *fill), *list = malloc(((size_t)ni + 1) * 2 * sizeof *list);
	int rc = fill && list ? igs_cosplib_solution_new(out, c) : IGS_ENOMEM;
	for (int b = 0; rc == IGS_OK && b < nb; b++)
		for (int t = 0; t < c->n_tracks; t++) {
			n = 0;
			for (int u = 0; u < ni; u++) {
				int k = B->xcol[(size_t)u * nb + b];
				if (c->items[u].track == t && k >= 0 && v[k] > 0.5) {
					list[2 * n] = c->items[u].req;
					list[2 * n++ + 1] = u;
				}
			}
			if (n == 0)
				continue;
			qsort(list, (size_t)n, 2 * sizeof *list, longest_first);
			for (int r = 0; r < nr; r++) {
				int k = B->ycol[((size_t)t * nb + b) * nr + r];
				fill[r] = k >= 0 && v[k] > 0.5 && (*out)->track[b * nr + r] < 0 ? 0 : -1;
			}
			for (int i = 0; i < n; i++) {
				int u = list[2 * i + 1], req = list[2 * i];
				for (int r = 0; r < nr; r++) {
					if (fill[r] < 0 || fill[r] + req > c->blocks[b].slots)
						continue;
					int *slot = (*out)->slot + c->blocks[b].first_slot + r * c->blocks[b].slots;
					for (int k = 0; k < req; k++)
						slot[fill[r] + k] = u;
					fill[r] += req;
					(*out)->track[b * nr + r] = t;
					break;
				}
			}
		}
	free(fill);
	free(list);
	return rc;
}

/* (items left out, objective) of s, compared in that order. */
static bool better(const igs_cosplib *c, const igs_cosplib_solution *s, const igs_cosplib_solution *than, int *rc) {
	igs_cosplib_report a, b;
	if ((*rc = igs_cosplib_evaluate(&a, c, s)) != IGS_OK)
		return false;
	if (!than)
		return true;
	if ((*rc = igs_cosplib_evaluate(&b, c, than)) != IGS_OK)
		return false;
	return a.wrong_count != b.wrong_count ? a.wrong_count < b.wrong_count : a.total < b.total;
}

/* One bounding program, solved for at most 'seconds'; out keeps the best bound so far and, when
 * start is not NULL, *start the best schedule made from the programs' solutions. */
static int solve_one(igs_cosplib_bound *out, igs_cosplib_solution **start, const igs_cosplib *c, bool extended,
		     double seconds, const atomic_int *interrupt, int verbose) {
	builder B = {0};
	double constant, *v = NULL;
	bool infeasible;
	igs_cosplib_solution *made = NULL;
	int rc = build(&B, c, extended, &constant, &infeasible);
	if (rc != IGS_OK)
		goto cleanup;
	if (start && !(v = malloc(((size_t)B.lp.n_cols + 1) * sizeof *v))) {
		rc = IGS_ENOMEM;
		goto cleanup;
	}
	out->cols = B.lp.n_cols > out->cols ? B.lp.n_cols : out->cols;
	out->rows = B.lp.n_rows > out->rows ? B.lp.n_rows : out->rows;
	if (infeasible) {
		out->infeasible = true;
		goto cleanup;
	}
	igs_lp m = igs_lpb_lp(&B.lp, constant, v);
	igs_lp_result r;
	if ((rc = igs_mip_bound(&r, &m, seconds, interrupt, verbose)) != IGS_OK)
		goto cleanup;
	/* Only a solved program's solution: one cut off by the clock depends on the machine's
	 * speed, and the search must give the same schedule for the same seed and budget. */
	if (start && r.has_x && r.optimal) {
		if ((rc = pack(&made, c, &B, v)) != IGS_OK || !better(c, made, *start, &rc))
			goto scored;
		igs_cosplib_solution_free(*start);
		*start = made;
		made = NULL;
	}
scored:
	if (rc != IGS_OK)
		goto cleanup;
	out->infeasible = out->infeasible || r.infeasible;
	if (isnan(r.bound) || r.infeasible)
		goto cleanup;
	/* The objective is an integer: a bound of 41.2 proves 42. The tolerance absorbs the
	 * simplex's rounding, which could otherwise lift a bound of exactly 42 to 43. */
	long long proven = (long long)ceil(r.bound - 1e-6 * (1 + fabs(r.bound)));
	if (!out->proven || proven > out->bound) {
		out->proven = true;
		out->bound = proven;
		out->lp_bound = r.lp_bound;
		out->optimal = r.optimal;
		out->extended = extended;
	}
cleanup:
	builder_free(&B);
	free(v);
	igs_cosplib_solution_free(made);
	return rc;
}

int igs_cosplib_lower_bound(igs_cosplib_bound *out, const igs_cosplib *c, double time_limit,
			    const atomic_int *interrupt, int verbose) {
	return igs_cosplib_lower_bound_start(out, NULL, c, time_limit, interrupt, verbose);
}

int igs_cosplib_lower_bound_start(igs_cosplib_bound *out, igs_cosplib_solution **start, const igs_cosplib *c,
				  double time_limit, const atomic_int *interrupt, int verbose) {
	*out = (igs_cosplib_bound){.lp_bound = NAN};
	if (start)
		*start = NULL;
	if (!all_nonnegative(c)) {
		out->negative = true;
		return IGS_OK;
	}
	/* The base program (cells, blocks, slots, conflicts) is small and often solved outright;
	 * the extended one adds the track-structure terms and is harder. Both bounds are valid, so
	 * the larger is kept; the base gets half the time when it needs it. Building counts too. */
	double t0 = now_s();
	int rc = solve_one(out, start, c, false, time_limit / 2, interrupt, verbose);
	double left = time_limit - (now_s() - t0);
	if (rc == IGS_OK && !out->infeasible && !(interrupt && *interrupt) && left > 0.05)
		rc = solve_one(out, start, c, true, left, interrupt, verbose);
	out->elapsed = now_s() - t0;
	if (rc != IGS_OK && start) {
		igs_cosplib_solution_free(*start);
		*start = NULL;
	}
	return rc;
}
