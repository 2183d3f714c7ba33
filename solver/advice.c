/* Advice for left-out sessions: try one change at a time against the placed sessions, each
 * placement priced by the incremental evaluator (solver/delta.h). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "solver/advice.h"
#include "solver/delta.h"
#include "solver/evaluate.h"

/* Checks (a room at a time, a placed session against a placement) over every left-out
 * session: enough for every session of an IGF-sized programme; a 10,000-session pool with
 * thousands left out gets advice for its highest-priority ones. Counted in checks, not
 * seconds, so the advice is the same on any machine (the count spends about 0.1 s). */
#define ADVICE_BUDGET 100000000L

/* The changes tried, smallest first. */
typedef enum { V_AS_IS, V_ANY_DAY, V_SMALLER_ROOM, V_SHORTER, V_DROP, V__COUNT } variant;

typedef struct {
	igs_problem q;          /* shallow copy of the problem whose sessions array is 'sess' */
	igs_session *sess;      /* copy of the sessions; only the advised one is ever changed */
	const igs_schedule *s;
	int *day_start, *day_items; /* placed sessions by day (CSR) */
	int *hits;              /* scratch: placed sessions overlapping a candidate time */
	int *kinds;             /* scratch: unary check of each room at one time */
	/* Scratch per time: whether each hit clashes with x in any room, and its pair cost;
	 * per room, how many of the other hits sit in it, and the first of them. */
	bool *clash;
	double *soft;
	int *in_room, *first_in_room;
	/* meeting.thematic_rooms, per room at one time: placed sessions of another track in the
	 * cell x would join, and the first of them */
	int *track_in_room, *first_track_in_room;
	igs_pair_probe *probe; /* the pair predicates for the advised session */
	int *par;                /* scratch: hits of the advised session's parallel class ... */
	long *par_from, *par_to; /* ... and their spans */
	igs_delta delta;       /* the placed sessions' cost state, to price a placement */
	long work;
} advisor;

typedef struct {
	bool found;
	int t, r, drop, duration;
	double cost;
} option;

/* Does x at from keep max_parallel, given the overlapping placed sessions in hits (skipping
 * 'drop')? The shared rule: x against its own limit when it starts, and every session of its
 * class that starts while x runs against that session's own limit. */
static bool parallel_ok(advisor *A, int x, long from, const int *hits, int nh, int drop) {
	const igs_problem *q = &A->q;
	int c = igs_parallel_class(q, x), n = 0;
	if (c < 0)
		return true;
	for (int j = 0; j < nh; j++) {
		int o = hits[j];
		if (o == drop || igs_parallel_class(q, o) != c)
			continue;
		A->par[n] = o;
		igs_session_span(q, o, A->s->time[o], &A->par_from[n], &A->par_to[n]);
		n++;
	}
	return igs_parallel_ok(q, x, from, A->par, A->par_from, A->par_to, n);
}

/* What placing x at (t, r) costs, 'drop' (unless -1) being left out to make room: the change
 * of the soft total, less what leaving x out costs now, so that an optional session's price
 * compares with its leave-out cost. The fit is that of the (possibly changed) copy of x; the
 * move is priced without checks, best_option having made them. */
static double price(advisor *A, int x, int t, int r, int drop) {
	igs_move m[IGS_MOVE_MAX];
	int k = 1;
	double d;
	igs_delta_set_move(&m[0], &A->delta, x, t, r, igs_place_soft(&A->q, x, t, r));
	if (drop >= 0)
		igs_delta_set_move(&m[k++], &A->delta, drop, -1, -1, 0);
	A->delta.nq0 = -1;
	igs_delta_eval(&A->delta, m, k, &d, false);
	igs_delta_reject(&A->delta, m, k);
	return A->q.sessions[x].optional ? d + igs_leave_out_soft(A->delta.p, x) : d;
}

/* The cheapest placement of x under the current (possibly changed) copy of x: with drop,
 * placements blocked by exactly one placed optional session of lower priority count, that
 * session being left out. */
static option best_option(advisor *A, int x, bool drop) {
	const igs_problem *q = &A->q;
	const igs_schedule *s = A->s;
	const igs_session *X = &q->sessions[x];
	option best = {.found = false, .drop = -1, .duration = X->duration, .cost = INFINITY};
	igs_pair_probe_set(A->probe, x);
	int prev_day = -1, nday = 0;
	const int *day = NULL;
	for (int t = 0; t < q->n_times; t++) {
		int d = q->times[t].day;
		if (d != prev_day) {
			day = A->day_items + A->day_start[d];
			nday = A->day_start[d + 1] - A->day_start[d];
			prev_day = d;
		}
		/* the time half of the unary check first: most times fail it for all rooms at once */
		A->work += q->n_rooms;
		if (igs_place_unary_rooms(q, x, t, A->kinds) >= 0)
			continue;
		long from, to;
		igs_session_span(q, x, t, &from, &to);
		int nh = 0;
		for (int i = 0; i < nday; i++) {
			long f, e;
			igs_session_span(q, day[i], s->time[day[i]], &f, &e);
			if (igs_intervals_overlap(from, to, f, e))
				A->hits[nh++] = day[i];
		}
		A->work += nday;
		/* A hit blocks x in room r when it clashes with x in any room or sits in r
		 * (igs_place_pair's room clash): the first half is the same for every room. */
		int n_clash = 0, first_clash = -1;
		for (int i = 0; i < nh; i++) {
			int o = A->hits[i];
			A->clash[i] = igs_probe_pair(A->probe, o) >= 0;
			if (A->clash[i]) {
				if (n_clash++ == 0)
					first_clash = o;
			} else if (s->room[o] >= 0 && A->in_room[s->room[o]]++ == 0) {
				A->first_in_room[s->room[o]] = o;
			}
		}
		int slot = q->thematic_rooms ? igs_cell_slot(q, t) : -1;
		for (int i = 0; slot >= 0 && i < nday; i++) {
			int o = day[i], ro = s->room[o];
			long f, e;
			igs_session_span(q, o, s->time[o], &f, &e);
			/* one overlapping x is a hit already (a clash, or in_room): counted once */
			if (ro >= 0 && !igs_intervals_overlap(from, to, f, e) && igs_track_of(q, o) != igs_track_of(q, x) &&
			    igs_cell_slot(q, s->time[o]) == slot && A->track_in_room[ro]++ == 0)
				A->first_track_in_room[ro] = o;
		}
		A->work += slot >= 0 ? nday : 0;
		bool priced = false;
		for (int r = 0; r < q->n_rooms; r++) {
			if (A->kinds[r] >= 0)
				continue;
			A->work += nh + 1;
			/* Only a single blocker matters: it is then the one to drop. A session of another
			 * track in the cell may run at another time, so it can also be the one. */
			int n_block = n_clash + A->in_room[r] + A->track_in_room[r];
			int blocker = n_block != 1          ? -1
				      : n_clash             ? first_clash
				      : A->in_room[r]       ? A->first_in_room[r]
							    : A->first_track_in_room[r];
			if (n_block > (drop ? 1 : 0))
				continue;
			if (drop) {
				if (n_block == 0)
					continue; /* fits without dropping: the as-is variant covers it */
				const igs_session *B = &q->sessions[blocker];
				if (!B->optional || !(B->priority < X->priority || (!X->optional && B->optional)))
					continue;
			}
			if (!parallel_ok(A, x, from, A->hits, nh, blocker))
				continue;
			double cost;
			if (X->duration == A->delta.dur[x]) {
				cost = price(A, x, t, r, blocker);
			} else {
				/* The evaluator's state knows the session at its own duration only: the
				 * shorter variant prices its fit and clashes alone. */
				if (!priced) {
					for (int i = 0; i < nh; i++)
						A->soft[i] = igs_probe_soft(A->probe, A->hits[i]);
					priced = true;
				}
				cost = igs_place_soft(q, x, t, r);
				for (int i = 0; i < nh; i++)
					if (A->hits[i] != blocker)
						cost += A->soft[i];
			}
			/* with a drop, the lowest priority given up comes first, then the cost */
			double key = drop ? q->sessions[blocker].priority * 1e12 + cost : cost;
			double best_key = drop && best.found ? q->sessions[best.drop].priority * 1e12 + best.cost : best.cost;
			if (!best.found || key < best_key) {
				best = (option){true, t, r, blocker, X->duration, cost};
			}
		}
		for (int i = 0; i < nh; i++)
			if (!A->clash[i] && s->room[A->hits[i]] >= 0)
				A->in_room[s->room[A->hits[i]]] = 0;
		if (slot >= 0)
			memset(A->track_in_room, 0, (size_t)q->n_rooms * sizeof *A->track_in_room);
	}
	return best;
}

static void where_txt(const igs_problem *p, const option *o, char *buf, size_t n) {
	const igs_time *T = &p->times[o->t];
	snprintf(buf, n, "%s %02d:%02d in room '%s'", p->days[T->day].label, T->start / 60, T->start % 60,
		 p->rooms[o->r].id);
}

/* Tries the variants in order on session x; writes the advice into buf. */
static void advise_one(advisor *A, const igs_problem *p, int x, char *buf, size_t n) {
	igs_session *X = &A->sess[x];
	const igs_session saved = *X;
	char at[160];
	for (int v = 0; v < V__COUNT; v++) {
		option o = {.found = false};
		*X = saved;
		switch (v) {
		case V_AS_IS:
			o = best_option(A, x, false);
			if (o.found) {
				where_txt(p, &o, at, sizeof at);
				if (X->optional)
					snprintf(buf, n,
						 "it fits as it is at %s, where its clashes and fit cost about %.3f against %.3f "
						 "for leaving it out",
						 at, o.cost, p->weights.unscheduled * X->priority);
				else
					snprintf(buf, n, "it fits as it is at %s: the search did not find that placement", at);
				return;
			}
			break;
		case V_ANY_DAY: {
			uint64_t all = p->n_days >= 64 ? ~0ULL : (1ULL << p->n_days) - 1;
			if ((X->allowed_days & all) == all)
				break; /* every day is allowed already */
			X->allowed_days = ~0ULL;
			o = best_option(A, x, false);
			if (o.found) {
				where_txt(p, &o, at, sizeof at);
				snprintf(buf, n, "smallest change: allow %s (it fits at %s)", p->days[p->times[o.t].day].label, at);
				return;
			}
			break;
		}
		case V_SMALLER_ROOM:
			if (X->min_capacity == 0 && !(p->rules[X->rule].capacity_hard && X->attendance > 0))
				break;
			X->min_capacity = 0;
			X->attendance = 0;
			o = best_option(A, x, false);
			if (o.found) {
				where_txt(p, &o, at, sizeof at);
				snprintf(buf, n, "smallest change: a smaller room (it fits at %s, %d seats, below the %d it asks for)",
					 at, p->rooms[o.r].capacity,
					 saved.min_capacity > saved.attendance ? saved.min_capacity : saved.attendance);
				return;
			}
			break;
		case V_SHORTER:
			for (int d = saved.duration - 30; d >= 30 && !o.found; d -= 30) {
				X->duration = d;
				o = best_option(A, x, false);
			}
			if (o.found) {
				where_txt(p, &o, at, sizeof at);
				snprintf(buf, n, "smallest change: shorten it to %d minutes (it fits at %s)", o.duration, at);
				return;
			}
			break;
		case V_DROP:
			o = best_option(A, x, true);
			if (o.found) {
				where_txt(p, &o, at, sizeof at);
				snprintf(buf, n, "smallest change: drop '%s' (priority %g; it then fits at %s)", p->sessions[o.drop].id,
					 p->sessions[o.drop].priority, at);
				return;
			}
			break;
		default: break;
		}
	}
	*X = saved;
	snprintf(buf, n,
		 "no single change lets it in (tried: another day, a smaller room, a shorter duration, dropping one "
		 "lower-priority session)");
}

typedef struct {
	int s;
	double key;
} pending;

static int cmp_pending(const void *a, const void *b) {
	const pending *x = a, *y = b;
	if (x->key != y->key)
		return x->key > y->key ? -1 : 1;
	return (x->s > y->s) - (x->s < y->s);
}

int igs_advise(igs_schedule *s) {
	const igs_problem *p = s->problem;
	int n = p->n_sessions, rc = IGS_OK, np = 0;
	advisor A = {.q = *p, .s = s};
	pending *todo = NULL;
	char *text = NULL, advice[600];
	for (int i = 0; i < n; i++)
		np += s->time[i] < 0;
	if (np == 0)
		return IGS_OK;
	A.sess = malloc((size_t)n * sizeof *A.sess);
	A.day_start = calloc((size_t)p->n_days + 1, sizeof *A.day_start);
	A.day_items = malloc(((size_t)n + 1) * sizeof *A.day_items);
	A.hits = malloc(((size_t)n + 1) * sizeof *A.hits);
	A.par = malloc(((size_t)n + 1) * sizeof *A.par);
	A.par_from = malloc(((size_t)n + 1) * sizeof *A.par_from);
	A.par_to = malloc(((size_t)n + 1) * sizeof *A.par_to);
	A.kinds = malloc(((size_t)p->n_rooms + 1) * sizeof *A.kinds);
	A.clash = malloc(((size_t)n + 1) * sizeof *A.clash);
	A.soft = malloc(((size_t)n + 1) * sizeof *A.soft);
	A.in_room = calloc((size_t)p->n_rooms + 1, sizeof *A.in_room);
	A.first_in_room = malloc(((size_t)p->n_rooms + 1) * sizeof *A.first_in_room);
	A.track_in_room = calloc((size_t)p->n_rooms + 1, sizeof *A.track_in_room);
	A.first_track_in_room = malloc(((size_t)p->n_rooms + 1) * sizeof *A.first_track_in_room);
	todo = malloc((size_t)np * sizeof *todo);
	if (!A.sess || !A.day_start || !A.day_items || !A.hits || !A.par || !A.par_from || !A.par_to || !A.kinds ||
	    !A.clash || !A.soft || !A.in_room ||
	    !A.track_in_room || !A.first_track_in_room ||
	    !A.first_in_room || !todo) {
		rc = IGS_ENOMEM;
		goto cleanup;
	}
	memcpy(A.sess, p->sessions, (size_t)n * sizeof *A.sess);
	A.q.sessions = A.sess;
	/* On the copy: the advised session changes there only in days, room needs and
	 * duration, so the marks of its people, groups, themes, tags and rule hold, and the
	 * hits are found with its current duration. */
	if (!(A.probe = igs_pair_probe_new(&A.q)) || (rc = igs_delta_init(&A.delta, s)) != IGS_OK) {
		rc = IGS_ENOMEM;
		goto cleanup;
	}
	igs_delta_load(&A.delta);
	for (int i = 0; i < n; i++)
		if (s->time[i] >= 0)
			A.day_start[p->times[s->time[i]].day + 1]++;
	for (int d = 0; d < p->n_days; d++)
		A.day_start[d + 1] += A.day_start[d];
	int *fill = A.hits; /* reused as per-day fill counters before the search needs it */
	memset(fill, 0, (size_t)p->n_days * sizeof *fill);
	for (int i = 0; i < n; i++)
		if (s->time[i] >= 0) {
			int d = p->times[s->time[i]].day;
			A.day_items[A.day_start[d] + fill[d]++] = i;
		}
	/* Required sessions first, then by priority: the budget goes where it matters most. */
	np = 0;
	for (int i = 0; i < n; i++)
		if (s->time[i] < 0)
			todo[np++] = (pending){i, p->sessions[i].optional ? p->sessions[i].priority : INFINITY};
	qsort(todo, (size_t)np, sizeof *todo, cmp_pending);
	for (int k = 0; k < np && rc == IGS_OK; k++) {
		int x = todo[k].s;
		if (A.work < ADVICE_BUDGET)
			advise_one(&A, p, x, advice, sizeof advice);
		else
			snprintf(advice, sizeof advice, "no advice: the analysis budget went to higher-priority sessions");
		const char *old = s->reason[x] ? s->reason[x] : "not placed";
		size_t len = strlen(old) + strlen(advice) + 3;
		char *t = realloc(text, len);
		if (!t) {
			rc = IGS_ENOMEM;
			break;
		}
		text = t;
		snprintf(text, len, "%s; %s", old, advice);
		rc = igs_schedule_set_reason(s, x, text);
	}
cleanup:
	free(text);
	free(todo);
	free(A.sess);
	free(A.day_start);
	free(A.day_items);
	free(A.hits);
	free(A.par);
	free(A.par_from);
	free(A.par_to);
	free(A.kinds);
	free(A.clash);
	free(A.soft);
	free(A.in_room);
	free(A.track_in_room);
	free(A.first_track_in_room);
	free(A.first_in_room);
	igs_pair_probe_free(A.probe);
	igs_delta_free(&A.delta);
	return rc;
}
