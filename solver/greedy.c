/* Constructive solver: places the most constrained sessions first at their cheapest valid
 * placement, then relocates sessions one at a time while that lowers the cost. The cost is a
 * surrogate of the score: what a placement costs by itself, with the sessions beside it and in
 * its people's slots, plus a fair-share look-ahead for theme_spread (the spread is unknown
 * until the programme is placed); the shape of the whole programme (the spreads, room
 * stability, order, track breaks) is the local search's to improve. The first pass prices a
 * placement with the evaluator's predicates (solver/evaluate.h) while it gathers why a session
 * fits nowhere; the relocation passes price moves with the incremental evaluator
 * (solver/delta.h) on the surrogate's weights. */
#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "solver/cells.h"
#include "solver/delta.h"
#include "solver/slots.h"
#include "solver/evaluate.h"
#include "solver/greedy.h"

/* Sessions from which a programme counts as large, and the candidate times the first
 * pass then samples per session. */
#define LARGE_PROGRAMME 1000
#define SAMPLE_TIMES 24

typedef struct {
	const igs_problem *p;
	igs_schedule *s;
	int *placed; /* indices of placed sessions */
	int n_placed;
	/* Placed sessions by start, oldest first: time t's n_at[t] sessions and their spans
	 * from index t * cap. Sessions of one start all overlap and the greedy places only
	 * in free rooms, so a start holds at most one session per room: cap = n_rooms. */
	int cap, *n_at, *at;
	long *at_from, *at_to;
	int max_dur;             /* the longest session, to bound the start window */
	int stride, phase;       /* look at every stride-th candidate time only, from phase */
	int skip;                /* when > 1: look at all but every skip-th from phase */
	/* Large programmes only: per time, the rooms a placed session holds at that start (a
	 * bit per room, nw words per time). A session at t holds the times of its day from t
	 * while they start before it ends; two placements overlap exactly when they hold a time
	 * in common, both starting at times. room_mask: the candidate rooms of the session being
	 * placed that its pins, features and capacity allow. */
	bool large;
	int nw;
	uint64_t *held, *room_mask;
	igs_pair_probe *probe;   /* the pair predicates for the session being placed */
	int *busy;               /* per room: the overlapping session in it, while one time is scored */
	int *kinds;              /* per room: igs_place_unary's verdict at the time being scored */
	int *fixed;              /* per room: the part of it that is the same at every time */
	int *overlap; /* scratch: placed sessions overlapping the candidate time */
	int *par;                /* scratch: those of the session's parallel class ... */
	long *par_from, *par_to; /* ... and their spans */
	int *theme_day; /* n_themes × n_days placed counts, for the spread estimate */
	igs_cells *cells; /* meeting.thematic_rooms */
	igs_slots *slots; /* person_slot, attendee_slot */
	double *fair;   /* per theme: fair share of one day */
	long blocked[IGS_V__COUNT];
	int blocker_person, blocker_group;
	int blocker[IGS_V__COUNT];     /* one session in the way, per kind, or -1 */
	int blocker_room;             /* a room found taken, or -1 */
	int blocker_theme_room;       /* a room whose slot holds another theme, or -1 */
	long effort;
} greedy;

static double now_s(void) {
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

/* Marks (clear: unmarks) room r as held at every time of s placed at t. */
static void hold(greedy *g, int s, int t, int r, bool clear) {
	const igs_problem *p = g->p;
	if (!g->large || r < 0)
		return;
	uint64_t bit = (uint64_t)1 << (r % 64);
	int end = p->times[t].start + p->sessions[s].duration;
	for (int c = t; c < p->n_times && p->times[c].day == p->times[t].day && p->times[c].start < end; c++) {
		uint64_t *w = &g->held[(size_t)c * (size_t)g->nw + (size_t)(r / 64)];
		*w = clear ? *w & ~bit : *w | bit;
	}
}

/* The fair-share estimate of theme_spread for s at t, s not counted in theme_day: the weight for
 * each of its themes that would have more sessions that day than its fair share. */
static double lookahead(const greedy *g, int s, int t) {
	const igs_problem *p = g->p;
	const igs_session *S = &p->sessions[s];
	double spread = 0;
	int day = p->times[t].day;
	for (int k = 0; k < S->n_themes; k++)
		if (g->theme_day[S->themes[k] * p->n_days + day] + 1 > g->fair[S->themes[k]])
			spread += p->weights.theme_spread;
	return spread;
}

/* Counts s in (by = 1) or out of (by = -1) theme_day on the day of time t. */
static void count_day(greedy *g, int s, int t, int by) {
	const igs_session *S = &g->p->sessions[s];
	for (int k = 0; k < S->n_themes; k++)
		g->theme_day[S->themes[k] * g->p->n_days + g->p->times[t].day] += by;
}

static void place(greedy *g, int s, int t, int r) {
	hold(g, s, t, r, false);
	igs_schedule_set(g->s, s, t, r);
	g->placed[g->n_placed++] = s;
	int slot = t * g->cap + g->n_at[t]++;
	g->at[slot] = s;
	igs_session_span(g->p, s, t, &g->at_from[slot], &g->at_to[slot]);
	igs_cells_add(g->cells, s, t, r);
	igs_slots_add(g->slots, s, t, r);
	count_day(g, s, t, 1);
}

/* Large programmes: the rooms s may take whatever the time (its pins, features and capacity),
 * in room_mask; g->fixed holds igs_place_unary_fixed's verdicts for s. */
static void set_room_mask(greedy *g, int s) {
	const igs_session *S = &g->p->sessions[s];
	memset(g->room_mask, 0, (size_t)g->nw * sizeof *g->room_mask);
	for (int ri = 0; ri < S->n_cand_rooms; ri++)
		if (g->fixed[S->cand_rooms[ri]] < 0)
			g->room_mask[S->cand_rooms[ri] / 64] |= (uint64_t)1 << (S->cand_rooms[ri] % 64);
}

/* The last time of t's day that starts before s, started at t, ends. */
static int last_within(const greedy *g, int s, int t) {
	const igs_problem *p = g->p;
	int hi = t;
	while (hi + 1 < p->n_times && p->times[hi + 1].day == p->times[t].day &&
	       p->times[hi + 1].start < p->times[t].start + p->sessions[s].duration)
		hi++;
	return hi;
}

/* Large programmes: is every room of room_mask held at some time from t to hi? */
static bool all_held(const greedy *g, int t, int hi) {
	for (int w = 0; w < g->nw; w++) {
		uint64_t held = 0;
		for (int c = t; c <= hi; c++)
			held |= g->held[(size_t)c * (size_t)g->nw + (size_t)w];
		if (g->room_mask[w] & ~held)
			return false;
	}
	return true;
}

/* Would s at t break max_parallel, given the placed sessions in overlap[]? */
static bool parallel_ok(const greedy *g, int s, int t, int n_overlap) {
	const igs_problem *p = g->p;
	int c = igs_parallel_class(p, s), n = 0;
	if (c < 0)
		return true;
	for (int i = 0; i < n_overlap; i++) {
		int o = g->overlap[i];
		if (igs_parallel_class(p, o) != c)
			continue;
		g->par[n] = o;
		igs_session_span(p, o, g->s->time[o], &g->par_from[n], &g->par_to[n]);
		n++;
	}
	return igs_parallel_ok(p, s, igs_time_abs(p, t), g->par, g->par_from, g->par_to, n);
}

/* Finds the cheapest valid placement of s against the placed sessions; returns its cost, or
 * INFINITY with the blocking kinds counted in g->blocked. */
static double best_placement(greedy *g, int s, int *bt, int *br) {
	const igs_problem *p = g->p;
	const igs_session *S = &p->sessions[s];
	double best = INFINITY;
	*bt = *br = -1;
	igs_pair_probe_set(g->probe, s);
	igs_place_unary_fixed(p, s, g->fixed);
	const int *rooms = S->cand_rooms;
	int n_rooms = S->n_cand_rooms;
	if (g->large)
		set_room_mask(g, s);
	for (int ci = 0; ci < S->n_cand_times; ci++) {
		int t = S->cand_times[ci];
		if ((g->stride > 1 && ci % g->stride != g->phase) || (g->skip > 1 && ci % g->skip == g->phase))
			continue;
		long a0, a1;
		igs_session_span(p, s, t, &a0, &a1);
		int n_overlap = 0;
		bool time_blocked = false;
		/* Only sessions starting on the same day, less than the longest duration before
		 * this start and before its end, can overlap it: walk those start buckets. */
		int lo = t, hi = last_within(g, s, t);
		while (lo > 0 && p->times[lo - 1].day == p->times[t].day &&
		       p->times[lo - 1].start > p->times[t].start - g->max_dur)
			lo--;
		/* On a large programme, a time where every room the session may take is held
		 * cannot take it, whatever else clashes: its rooms are counted as taken without
		 * walking the sessions that overlap it (once one of them has been named). Most of
		 * the times a left-out session is tried at are such. */
		if (g->large && g->blocker[IGS_V_ROOM_CLASH] >= 0 && all_held(g, t, hi)) {
			igs_place_unary_rooms_fixed(p, s, t, g->fixed, rooms, n_rooms, g->kinds);
			for (int ri = 0; ri < n_rooms; ri++)
				g->blocked[IGS_V_ROOM_CLASH] += g->kinds[rooms[ri]] < 0;
			g->effort++;
			continue;
		}
		/* Newest first in each bucket: the order that names the first blocker and sums
		 * the pair costs. */
		for (int tt = lo; tt <= hi && !time_blocked; tt++)
			for (int e = tt * g->cap + g->n_at[tt] - 1; e >= tt * g->cap; e--) {
				if (!igs_intervals_overlap(a0, a1, g->at_from[e], g->at_to[e]))
					continue;
				int o = g->at[e];
				g->overlap[n_overlap++] = o;
				/* Clashes that do not depend on the room rule the whole time out. */
				int k = igs_probe_pair(g->probe, o);
				if (k >= 0) {
					g->blocked[k]++;
					if (g->blocker[k] < 0)
						g->blocker[k] = o;
					if (k == IGS_V_PERSON_CLASH && g->blocker_person < 0)
						for (int x = 0; x < S->n_people; x++)
							for (int y = 0; y < p->sessions[o].n_people; y++)
								if (S->people[x].person == p->sessions[o].people[y].person)
									g->blocker_person = S->people[x].person;
					if (k == IGS_V_GROUP_CLASH && g->blocker_group < 0)
						for (int x = 0; x < S->n_groups; x++)
							for (int y = 0; y < p->sessions[o].n_groups; y++)
								if (S->groups[x] == p->sessions[o].groups[y])
									g->blocker_group = S->groups[x];
					time_blocked = true;
					break;
				}
			}
		g->effort++;
		if (time_blocked)
			continue;
		if (!parallel_ok(g, s, t, n_overlap)) {
			g->blocked[IGS_V_MAX_PARALLEL]++;
			continue;
		}
		double spread = lookahead(g, s, t);
		for (int i = n_overlap - 1; i >= 0; i--)
			if (g->s->room[g->overlap[i]] >= 0)
				g->busy[g->s->room[g->overlap[i]]] = g->overlap[i];
		igs_place_unary_rooms_fixed(p, s, t, g->fixed, rooms, n_rooms, g->kinds);
		/* Priced at the first free room only: where every room is taken, as at every
		 * time of a session that is left out, the sum would go unused. The order of the
		 * terms is the overlap order, as the sum is a double. */
		bool priced = false;
		double pair_cost = 0;
		for (int ri = 0; ri < n_rooms; ri++) {
			int r = rooms[ri];
			if (g->kinds[r] >= 0)
				continue;
			int taken = g->busy[r];
			if (taken >= 0) {
				g->blocked[IGS_V_ROOM_CLASH]++;
				if (g->blocker[IGS_V_ROOM_CLASH] < 0) {
					g->blocker[IGS_V_ROOM_CLASH] = taken;
					g->blocker_room = r;
				}
				continue;
			}
			if (!igs_cells_accepts(g->cells, s, t, r, 0)) {
				g->blocked[IGS_V_ROOM_THEME]++;
				if (g->blocker[IGS_V_ROOM_THEME] < 0) {
					int cell = igs_cells_index(g->cells, t, r);
					for (int i = 0; i < g->n_placed && g->blocker[IGS_V_ROOM_THEME] < 0; i++) {
						int o = g->placed[i];
						if (igs_cells_index(g->cells, g->s->time[o], g->s->room[o]) == cell)
							g->blocker[IGS_V_ROOM_THEME] = o;
					}
					g->blocker_theme_room = r;
				}
				continue;
			}
			if (!priced) {
				for (int i = 0; i < n_overlap; i++)
					pair_cost += igs_probe_soft(g->probe, g->overlap[i]);
				priced = true;
			}
			double c = pair_cost + spread + igs_place_soft(p, s, t, r) + igs_slots_cost(g->slots, s, t, r, NULL, 0);
			if (c < best - 1e-9) {
				best = c;
				*bt = t;
				*br = r;
			}
		}
		for (int i = 0; i < n_overlap; i++)
			if (g->s->room[g->overlap[i]] >= 0)
				g->busy[g->s->room[g->overlap[i]]] = -1;
	}
	return best;
}

/* Most constrained first: exclusive and class-limited sessions, then the fewest options,
 * the most people and groups, the longest, then input order; optional sessions last, by
 * priority. Keys are computed once so the comparison needs no context. */
typedef struct {
	int optional, cls;
	double neg_priority;
	long flex;
	int neg_members, neg_duration, index;
} order_key;

static int cmp_key(const void *a, const void *b) {
	const order_key *x = a, *y = b;
	if (x->optional != y->optional)
		return x->optional - y->optional;
	if (x->cls != y->cls)
		return x->cls - y->cls;
	if (x->neg_priority != y->neg_priority)
		return x->neg_priority < y->neg_priority ? -1 : 1;
	if (x->flex != y->flex)
		return x->flex < y->flex ? -1 : 1;
	if (x->neg_members != y->neg_members)
		return x->neg_members - y->neg_members;
	if (x->neg_duration != y->neg_duration)
		return x->neg_duration - y->neg_duration;
	return x->index - y->index;
}

static order_key key_of(const igs_problem *p, int s) {
	const igs_session *S = &p->sessions[s];
	const igs_type_rule *R = &p->rules[S->rule];
	return (order_key){
		.optional = S->optional,
		.cls = R->exclusive ? 0 : R->max_parallel > 0 ? 1 : 2,
		.neg_priority = S->optional ? -S->priority : 0,
		.flex = (long)S->n_cand_times * S->n_cand_rooms,
		.neg_members = -(S->n_people + S->n_groups),
		.neg_duration = -S->duration,
		.index = s,
	};
}

static void reason_for(greedy *g, int s, char *buf, size_t n) {
	const igs_problem *p = g->p;
	const igs_session *S = &p->sessions[s];
	if (S->n_cand_times == 0) {
		snprintf(buf, n, "fits no room and start time on its own (see 'igfsched check')");
		return;
	}
	int used = snprintf(buf, n, "%sno clash-free placement among %d start times x %d rooms:",
			    S->optional ? "optional, left out: " : "", S->n_cand_times, S->n_cand_rooms);
	static const int kinds[] = {IGS_V_ROOM_CLASH, IGS_V_PERSON_CLASH, IGS_V_GROUP_CLASH, IGS_V_EXCLUSIVE,
				    IGS_V_MAX_PARALLEL, IGS_V_ROOM_THEME};
	for (size_t i = 0; i < sizeof kinds / sizeof kinds[0] && used > 0 && (size_t)used < n; i++) {
		int k = kinds[i];
		if (!g->blocked[k])
			continue;
		/* Name one session in the way, and the room, person or group they share. */
		const char *other = g->blocker[k] >= 0 ? p->sessions[g->blocker[k]].id : NULL;
		if (k == IGS_V_ROOM_CLASH && other && g->blocker_room >= 0)
			used += snprintf(buf + used, n - (size_t)used, " %s %ld (e.g. room '%s' taken by '%s')",
					 igs_violation_name(k), g->blocked[k], p->rooms[g->blocker_room].id, other);
		else if (k == IGS_V_ROOM_THEME && other && g->blocker_theme_room >= 0)
			used += snprintf(buf + used, n - (size_t)used, " %s %ld (e.g. room '%s' holds '%s' of another theme in that slot)",
					 igs_violation_name(k), g->blocked[k], p->rooms[g->blocker_theme_room].id, other);
		else if (k == IGS_V_PERSON_CLASH && g->blocker_person >= 0 && other)
			used += snprintf(buf + used, n - (size_t)used, " %s %ld (e.g. '%s' busy in '%s')",
					 igs_violation_name(k), g->blocked[k], p->people[g->blocker_person].id, other);
		else if (k == IGS_V_GROUP_CLASH && g->blocker_group >= 0 && other)
			used += snprintf(buf + used, n - (size_t)used, " %s %ld (e.g. group '%s' busy in '%s')",
					 igs_violation_name(k), g->blocked[k], p->groups[g->blocker_group].id, other);
		else if (other)
			used += snprintf(buf + used, n - (size_t)used, " %s %ld (e.g. with '%s')", igs_violation_name(k),
					 g->blocked[k], other);
		else
			used += snprintf(buf + used, n - (size_t)used, " %s %ld", igs_violation_name(k), g->blocked[k]);
	}
}

/* The relocation passes: each session in turn goes to its cheapest valid placement given all
 * the others when that costs less than where it is, and a left-out one is placed where it can
 * be, until a pass changes nothing, after 'passes' passes or when the time limit passes. The
 * incremental evaluator prices the moves on a copy of the problem with the surrogate's weights,
 * to which each time's look-ahead is added. */
static int relocate(greedy *g, const igs_options *o, double t0, const int *order, int passes,
		    int *unplaced_required) {
	const igs_problem *p = g->p;
	igs_problem q = *p;
	q.weights = igs_greedy_weights(&p->weights);
	int rc = IGS_OK, max_times = 1;
	for (int s = 0; s < p->n_sessions; s++)
		max_times = p->sessions[s].n_cand_times > max_times ? p->sessions[s].n_cand_times : max_times;
	igs_schedule *sq = igs_schedule_new(&q);
	double *ahead = malloc((size_t)max_times * sizeof *ahead);
	igs_delta D;
	bool live = false;
	if (!sq || !ahead) {
		rc = IGS_ENOMEM;
		goto cleanup;
	}
	for (int s = 0; s < p->n_sessions; s++)
		if (g->s->time[s] >= 0 && (rc = igs_schedule_set(sq, s, g->s->time[s], g->s->room[s])) != IGS_OK)
			goto cleanup;
	live = true;
	if ((rc = igs_delta_init(&D, sq)) != IGS_OK)
		goto cleanup;
	igs_delta_load(&D);
	for (int pass = 0; pass < passes; pass++) {
		bool changed = false;
		for (int i = 0; i < p->n_sessions; i++) {
			if (now_s() - t0 > o->time_limit)
				break;
			int s = order[i], t0s = sq->time[s];
			const igs_session *S = &p->sessions[s];
			/* A time looked at each, and where it is. */
			g->effort += S->n_cand_times + (t0s >= 0);
			if (t0s >= 0) {
				count_day(g, s, t0s, -1);
				hold(g, s, t0s, sq->room[s], true);
			}
			/* On a large programme a time whose every room is held is not looked at. */
			if (g->large) {
				igs_place_unary_fixed(p, s, g->fixed);
				set_room_mask(g, s);
			}
			for (int ci = 0; ci < S->n_cand_times; ci++) {
				int t = S->cand_times[ci];
				ahead[ci] = g->large && all_held(g, t, last_within(g, s, t)) ? INFINITY : lookahead(g, s, t);
			}
			double stay = t0s >= 0 ? lookahead(g, s, t0s) : INFINITY, v, d;
			igs_move m;
			bool go = igs_delta_cheapest_plus(&D, s, -1, ahead, &m, &v) && v < stay - 1e-9;
			if (go && (go = igs_delta_eval(&D, &m, 1, &d, true)))
				igs_delta_commit(&D, &m, 1, d);
			if (go || t0s >= 0) {
				count_day(g, s, sq->time[s], 1);
				hold(g, s, sq->time[s], sq->room[s], false);
			}
			if (!go)
				continue;
			changed = true;
			/* Placed here, its reason goes when the placements are copied back. */
			if (t0s < 0)
				*unplaced_required -= !S->optional;
		}
		if (!changed)
			break;
	}
	for (int s = 0; s < p->n_sessions; s++)
		if (sq->time[s] != g->s->time[s] || sq->room[s] != g->s->room[s])
			igs_schedule_set(g->s, s, sq->time[s], sq->room[s]);
cleanup:
	if (live)
		igs_delta_free(&D);
	igs_schedule_free(sq);
	free(ahead);
	return rc;
}

igs_weights igs_greedy_weights(const igs_weights *w) {
	igs_weights v = *w;
	v.theme_spread = v.type_spread = v.room_stability = v.order = v.track_breaks = 0;
	return v;
}

int igs_greedy_solve(igs_schedule *sch, const igs_options *o) {
	return igs_greedy_solve_large_from(sch, o, LARGE_PROGRAMME);
}

int igs_greedy_solve_large_from(igs_schedule *sch, const igs_options *o, int large_from) {
	const igs_problem *p = sch->problem;
	double t0 = now_s();
	int rc = IGS_OK;
	int n = p->n_sessions;
	greedy g = {.p = p, .s = sch, .blocker_person = -1, .blocker_group = -1, .blocker_room = -1,
		    .blocker_theme_room = -1};
	for (int k = 0; k < IGS_V__COUNT; k++)
		g.blocker[k] = -1;
	int *order = malloc((size_t)(n ? n : 1) * sizeof *order);
	order_key *keys = malloc((size_t)(n ? n : 1) * sizeof *keys);
	g.placed = malloc((size_t)(n ? n : 1) * sizeof *g.placed);
	g.overlap = malloc((size_t)(n ? n : 1) * sizeof *g.overlap);
	g.par = malloc((size_t)(n ? n : 1) * sizeof *g.par);
	g.par_from = malloc((size_t)(n ? n : 1) * sizeof *g.par_from);
	g.par_to = malloc((size_t)(n ? n : 1) * sizeof *g.par_to);
	g.theme_day = calloc((size_t)(p->n_themes * p->n_days + 1), sizeof *g.theme_day);
	g.fair = calloc((size_t)(p->n_themes + 1), sizeof *g.fair);
	g.cap = p->n_rooms ? p->n_rooms : 1;
	size_t slots = (size_t)(p->n_times ? p->n_times : 1) * (size_t)g.cap;
	g.n_at = calloc((size_t)(p->n_times ? p->n_times : 1), sizeof *g.n_at);
	g.at = malloc(slots * sizeof *g.at);
	g.at_from = malloc(slots * sizeof *g.at_from);
	g.at_to = malloc(slots * sizeof *g.at_to);
	g.busy = malloc((size_t)(p->n_rooms ? p->n_rooms : 1) * sizeof *g.busy);
	g.kinds = malloc((size_t)(p->n_rooms ? p->n_rooms : 1) * sizeof *g.kinds);
	g.fixed = malloc((size_t)(p->n_rooms ? p->n_rooms : 1) * sizeof *g.fixed);
	g.probe = igs_pair_probe_new(p);
	g.large = n >= large_from;
	g.nw = (p->n_rooms + 63) / 64 ? (p->n_rooms + 63) / 64 : 1;
	g.held = calloc(g.large ? (size_t)(p->n_times ? p->n_times : 1) * (size_t)g.nw : 1, sizeof *g.held);
	g.room_mask = calloc((size_t)g.nw, sizeof *g.room_mask);
	g.cells = igs_cells_new(p);
	g.slots = igs_slots_new(p, NULL);
	if (!g.cells || !g.slots || !order || !keys || !g.placed || !g.overlap || !g.theme_day || !g.fair || !g.n_at || !g.at ||
	    !g.at_from || !g.at_to || !g.busy || !g.kinds || !g.fixed || !g.probe || !g.par || !g.par_from || !g.par_to ||
	    !g.held || !g.room_mask) {
		rc = IGS_ENOMEM;
		goto cleanup;
	}
	for (int r = 0; r < p->n_rooms; r++)
		g.busy[r] = -1;
	for (int s = 0; s < n; s++)
		g.max_dur = p->sessions[s].duration > g.max_dur ? p->sessions[s].duration : g.max_dur;
	/* The fair share of a day uses every session of the theme: a target, not a count. */
	for (int s = 0; s < n; s++) {
		order[s] = s;
		for (int k = 0; k < p->sessions[s].n_themes; k++)
			g.fair[p->sessions[s].themes[k]] += 1.0;
	}
	for (int th = 0; th < p->n_themes; th++)
		g.fair[th] = ceil(g.fair[th] / (p->n_days ? p->n_days : 1));
	for (int s = 0; s < n; s++)
		keys[s] = key_of(p, s);
	qsort(keys, (size_t)n, sizeof *keys, cmp_key);
	for (int i = 0; i < n; i++)
		order[i] = keys[i].index;

	int unplaced_required = 0;
	char reason[512];
	bool cut = false;
	for (int i = 0; i < n; i++) {
		int s = order[i], t, r;
		/* A positive limit bounds the first pass too; 0 asks for the first pass alone, whole. */
		if (o->time_limit > 0 && now_s() - t0 > o->time_limit) {
			for (int j = i; j < n; j++) {
				if (igs_schedule_set_reason(sch, order[j], IGS_GREEDY_OUT_OF_TIME) != IGS_OK) {
					rc = IGS_ENOMEM;
					goto cleanup;
				}
				unplaced_required += !p->sessions[order[j]].optional;
			}
			cut = true;
			break;
		}
		memset(g.blocked, 0, sizeof g.blocked);
		g.blocker_person = g.blocker_group = g.blocker_room = g.blocker_theme_room = -1;
		for (int k = 0; k < IGS_V__COUNT; k++)
			g.blocker[k] = -1;
		/* On large programmes the first pass looks at about SAMPLE_TIMES evenly spread
		 * candidate times (the relocation passes then see them all): the first schedule
		 * comes in seconds, not minutes. */
		g.stride = n >= LARGE_PROGRAMME ? (p->sessions[s].n_cand_times + SAMPLE_TIMES - 1) / SAMPLE_TIMES : 1;
		g.phase = g.stride > 1 ? s % g.stride : 0;
		long effort0 = g.effort;
		bool found = isfinite(best_placement(&g, s, &t, &r));
		if (!found && g.stride > 1) {
			/* Nothing has moved, so the full look would find the sampled times blocked
			 * exactly as before: count them twice, as it did, without scanning them again. */
			long sampled[IGS_V__COUNT], sampled_effort = g.effort - effort0;
			memcpy(sampled, g.blocked, sizeof sampled);
			g.skip = g.stride;
			g.stride = 1;
			found = isfinite(best_placement(&g, s, &t, &r));
			g.skip = 0;
			for (int k = 0; k < IGS_V__COUNT; k++)
				g.blocked[k] += sampled[k];
			g.effort += sampled_effort;
		}
		g.stride = 1;
		if (found) {
			place(&g, s, t, r);
			continue;
		}
		reason_for(&g, s, reason, sizeof reason);
		if (igs_schedule_set_reason(sch, s, reason) != IGS_OK) {
			rc = IGS_ENOMEM;
			goto cleanup;
		}
		unplaced_required += !p->sessions[s].optional;
	}

	/* Relocation passes: move one session to its cheapest placement given all others,
	 * and retry the left-out ones, until a pass changes nothing or time runs out. */
	/* On a large programme that the local search will take over, its moves do this
	 * job far faster than full rescans. */
	int passes = cut || (n >= LARGE_PROGRAMME && o->moves > 0) || now_s() - t0 > o->time_limit ? 0 : 20;
	if (passes > 0 && (rc = relocate(&g, o, t0, order, passes, &unplaced_required)) != IGS_OK)
		goto cleanup;

	snprintf(sch->stats.solver, sizeof sch->stats.solver, "greedy");
	snprintf(sch->stats.status, sizeof sch->stats.status, "%s",
		 cut ? "time limit" : unplaced_required ? "infeasible" : "feasible");
	sch->stats.seed = o->seed;
	sch->stats.effort = g.effort;
	sch->stats.elapsed = now_s() - t0;
	if (unplaced_required)
		rc = IGS_EINFEASIBLE;
cleanup:
	free(order);
	free(keys);
	free(g.placed);
	free(g.overlap);
	free(g.par);
	free(g.par_from);
	free(g.par_to);
	free(g.theme_day);
	free(g.fair);
	free(g.n_at);
	free(g.at);
	free(g.at_from);
	free(g.at_to);
	free(g.busy);
	free(g.kinds);
	free(g.fixed);
	free(g.held);
	free(g.room_mask);
	igs_pair_probe_free(g.probe);
	igs_cells_free(g.cells);
	igs_slots_free(g.slots);
	return rc;
}
