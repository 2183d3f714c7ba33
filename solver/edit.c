/* The editing state of `igfsched serve`: moves priced by the incremental evaluator, explained
 * with the hard-rule predicates of model/place.h, undone and redone; the optimisation of the
 * sessions nobody fixed runs the local search on a problem copy in which they cannot move. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/freeze.h"
#include "solver/delta.h"
#include "solver/edit.h"
#include "solver/evaluate.h"
#include "solver/local.h"

/* The undo history keeps this many edits; older ones are forgotten. */
#define EDIT_HISTORY 1000

typedef struct {
	igs_edit_step *steps;
	int n;
} entry;

typedef struct {
	entry *v;
	int n, cap;
} history;

struct igs_edit {
	const igs_problem *p;
	igs_schedule *s;
	igs_report *r;
	igs_delta D;
	long version;
	bool *pinned, *moved;
	history undo, redo;
	/* scratch of one judgement, n_sessions entries each */
	int *hits, *par;
	long *par_from, *par_to;
	long *mark, stamp;
	double *old_cost;
	int *kinds; /* n_rooms */
};

static void entry_free(entry *x) {
	free(x->steps);
	x->steps = NULL;
	x->n = 0;
}

static void history_clear(history *h) {
	for (int i = 0; i < h->n; i++)
		entry_free(&h->v[i]);
	h->n = 0;
}

static void history_free(history *h) {
	history_clear(h);
	free(h->v);
	h->v = NULL;
	h->cap = 0;
}

/* Takes x (its steps now belong to h). IGS_OK or IGS_ENOMEM (x untouched). */
static int history_push(history *h, entry x) {
	if (h->n == EDIT_HISTORY) {
		entry_free(&h->v[0]);
		memmove(h->v, h->v + 1, (size_t)(h->n - 1) * sizeof *h->v);
		h->n--;
	}
	if (h->n == h->cap) {
		int cap = h->cap ? 2 * h->cap : 16;
		entry *v = realloc(h->v, (size_t)cap * sizeof *v);
		if (!v)
			return IGS_ENOMEM;
		h->v = v;
		h->cap = cap;
	}
	h->v[h->n++] = x;
	return IGS_OK;
}

void igs_edit_free(igs_edit *e) {
	if (!e)
		return;
	igs_delta_free(&e->D);
	igs_report_free(e->r);
	igs_schedule_free(e->s);
	free(e->pinned);
	free(e->moved);
	history_free(&e->undo);
	history_free(&e->redo);
	free(e->hits);
	free(e->par);
	free(e->par_from);
	free(e->par_to);
	free(e->mark);
	free(e->old_cost);
	free(e->kinds);
	free(e);
}

/* After the placements changed: the delta state and the report from scratch. An edit is a
 * person's click, so the full count (a few milliseconds) is affordable and keeps the state
 * exactly the evaluator's. */
static int refresh(igs_edit *e) {
	igs_delta_load(&e->D);
	igs_report *r = NULL;
	if (igs_evaluate(&r, e->p, e->s) != IGS_OK)
		return IGS_ENOMEM;
	igs_report_free(e->r);
	e->r = r;
	e->version++;
	return IGS_OK;
}

int igs_edit_new(igs_edit **out, const igs_schedule *start) {
	*out = NULL;
	const igs_problem *p = start->problem;
	igs_edit *e = calloc(1, sizeof *e);
	if (!e)
		return IGS_ENOMEM;
	e->p = p;
	size_t n = p->n_sessions > 0 ? (size_t)p->n_sessions : 1;
	e->s = igs_schedule_new(p);
	e->pinned = calloc(n, sizeof *e->pinned);
	e->moved = calloc(n, sizeof *e->moved);
	e->hits = calloc(n, sizeof *e->hits);
	e->par = calloc(n, sizeof *e->par);
	e->par_from = calloc(n, sizeof *e->par_from);
	e->par_to = calloc(n, sizeof *e->par_to);
	e->mark = calloc(n, sizeof *e->mark);
	e->old_cost = calloc(n, sizeof *e->old_cost);
	e->kinds = calloc(p->n_rooms > 0 ? (size_t)p->n_rooms : 1, sizeof *e->kinds);
	if (!e->s || !e->pinned || !e->moved || !e->hits || !e->par || !e->par_from || !e->par_to || !e->mark ||
	    !e->old_cost || !e->kinds || igs_schedule_copy(e->s, start) != IGS_OK) {
		igs_edit_free(e);
		return IGS_ENOMEM;
	}
	e->s->stats = start->stats;
	if (igs_delta_init(&e->D, e->s) != IGS_OK || refresh(e) != IGS_OK) {
		igs_edit_free(e);
		return IGS_ENOMEM;
	}
	*out = e;
	return IGS_OK;
}

const igs_schedule *igs_edit_schedule(const igs_edit *e) {
	return e->s;
}
const igs_report *igs_edit_report(const igs_edit *e) {
	return e->r;
}
long igs_edit_version(const igs_edit *e) {
	return e->version;
}
bool igs_edit_pinned(const igs_edit *e, int s) {
	return e->pinned[s];
}
bool igs_edit_moved(const igs_edit *e, int s) {
	return e->moved[s];
}
bool igs_edit_can_undo(const igs_edit *e) {
	return e->undo.n > 0;
}
bool igs_edit_can_redo(const igs_edit *e) {
	return e->redo.n > 0;
}

void igs_edit_set_pin(igs_edit *e, int s, bool pinned) {
	if (e->pinned[s] != pinned) {
		e->pinned[s] = pinned;
		e->version++;
	}
}

/* ---- judging a move ---- */

static void add_break(igs_edit_verdict *v, igs_violation_kind kind, igs_unary_why why, int other, int person,
		      int group, int room) {
	v->n_broken_all++;
	if (v->n_broken < IGS_EDIT_LIST)
		v->broken[v->n_broken++] = (igs_edit_break){kind, why, other, person, group, room};
}

static void add_clash(igs_edit_clash *list, int *n, int *n_all, int other, double cost, bool hard) {
	(*n_all)++;
	if (*n < IGS_EDIT_LIST)
		list[(*n)++] = (igs_edit_clash){other, cost, hard};
}

static int shared_person(const igs_problem *p, int a, int b) {
	const igs_session *A = &p->sessions[a], *B = &p->sessions[b];
	for (int i = 0; i < A->n_people; i++)
		for (int j = 0; j < B->n_people; j++)
			if (A->people[i].person == B->people[j].person)
				return A->people[i].person;
	return -1;
}

static int shared_group(const igs_problem *p, int a, int b) {
	const igs_session *A = &p->sessions[a], *B = &p->sessions[b];
	for (int i = 0; i < A->n_groups; i++)
		if (igs_list_has(B->groups, B->n_groups, A->groups[i]))
			return A->groups[i];
	return -1;
}

/* Does the unary check that failed concern the room (rather than the time)? */
static bool unary_of_room(igs_unary_why why) {
	return why == IGS_U_FEATURES || why == IGS_U_MIN_CAPACITY || why == IGS_U_ATTENDANCE ||
	       why == IGS_U_ROOM_CLOSED || why == IGS_U_PIN_ROOM;
}

/* The placed sessions other than s overlapping s at t, into e->hits; returns how many. */
static int overlapping(igs_edit *e, int s, int t) {
	long a0, a1;
	igs_session_span(e->p, s, t, &a0, &a1);
	int n = igs_delta_query(&e->D, a0, a1, e->hits), m = 0;
	for (int j = 0; j < n; j++)
		if (e->hits[j] != s)
			e->hits[m++] = e->hits[j];
	return m;
}

/* Every hard rule s at (t, r) breaks against the placed sessions, and on its own. */
static void explain_breaks(igs_edit *e, int s, int t, int r, igs_edit_verdict *v) {
	const igs_problem *p = e->p;
	if (t < 0) {
		if (!p->sessions[s].optional)
			add_break(v, IGS_V_UNSCHEDULED, IGS_U_OK, -1, -1, -1, -1);
		return;
	}
	igs_unary_why why = IGS_U_OK;
	int k = igs_place_unary_why(p, s, t, r, &why);
	if (k >= 0)
		add_break(v, (igs_violation_kind)k, why, -1, -1, -1, unary_of_room(why) ? r : -1);
	int nh = overlapping(e, s, t), np = 0, c = igs_parallel_class(p, s);
	for (int j = 0; j < nh; j++) {
		int o = e->hits[j];
		int pk = igs_place_pair(p, s, t, r, o, e->s->time[o], e->s->room[o]);
		if (pk >= 0)
			add_break(v, (igs_violation_kind)pk, IGS_U_OK, o, pk == IGS_V_PERSON_CLASH ? shared_person(p, s, o) : -1,
				  pk == IGS_V_GROUP_CLASH ? shared_group(p, s, o) : -1, pk == IGS_V_ROOM_CLASH ? r : -1);
		if (c >= 0 && igs_parallel_class(p, o) == c) {
			e->par[np] = o;
			igs_session_span(p, o, e->s->time[o], &e->par_from[np], &e->par_to[np]);
			np++;
		}
	}
	long a0, a1;
	igs_session_span(p, s, t, &a0, &a1);
	if (c >= 0 && !igs_parallel_ok(p, s, a0, e->par, e->par_from, e->par_to, np))
		add_break(v, IGS_V_MAX_PARALLEL, IGS_U_OK, -1, -1, -1, -1);
	if (p->thematic_rooms) {
		int slot = igs_cell_slot(p, t), track = igs_track_of(p, s);
		for (int o = 0; slot >= 0 && o < e->s->n; o++)
			if (o != s && e->s->time[o] >= 0 && e->s->room[o] == r && igs_cell_slot(p, e->s->time[o]) == slot &&
			    igs_track_of(p, o) != track) {
				add_break(v, IGS_V_ROOM_THEME, IGS_U_OK, o, -1, -1, r);
				break;
			}
	}
}

/* The clashes s makes and removes moving from where it is to t. */
static void explain_clashes(igs_edit *e, int s, int t, int r, igs_edit_verdict *v) {
	const igs_problem *p = e->p;
	int t0 = e->s->time[s], r0 = e->s->room[s];
	e->stamp++;
	if (t0 >= 0) {
		int nh = overlapping(e, s, t0);
		for (int j = 0; j < nh; j++) {
			int o = e->hits[j];
			double cost = igs_pair_soft(p, s, t0, o, e->s->time[o]);
			bool hard = igs_place_pair(p, s, t0, r0, o, e->s->time[o], e->s->room[o]) >= 0;
			if (cost > 0 || hard) {
				e->mark[o] = e->stamp;
				e->old_cost[o] = cost;
			}
		}
	}
	if (t >= 0) {
		int nh = overlapping(e, s, t);
		for (int j = 0; j < nh; j++) {
			int o = e->hits[j];
			double cost = igs_pair_soft(p, s, t, o, e->s->time[o]);
			bool hard = igs_place_pair(p, s, t, r, o, e->s->time[o], e->s->room[o]) >= 0;
			if (!(cost > 0 || hard))
				continue;
			if (e->mark[o] == e->stamp)
				e->mark[o] = -e->stamp; /* kept, neither made nor removed */
			else
				add_clash(v->made, &v->n_made, &v->n_made_all, o, cost, hard);
		}
	}
	if (t0 >= 0) {
		int nh = overlapping(e, s, t0);
		for (int j = 0; j < nh; j++) {
			int o = e->hits[j];
			if (e->mark[o] == e->stamp) {
				bool hard = igs_place_pair(p, s, t0, r0, o, e->s->time[o], e->s->room[o]) >= 0;
				add_clash(v->removed, &v->n_removed, &v->n_removed_all, o, e->old_cost[o], hard);
			}
		}
	}
}

/* The delta state's verdict and price of s to (t, r): feasibility by its checks (the unary
 * rule asked first: the delta assumes candidates), the price whatever the verdict. */
static bool price(igs_edit *e, int s, int t, int r, double *delta) {
	const igs_problem *p = e->p;
	if (t == e->s->time[s] && (t < 0 || r == e->s->room[s])) {
		*delta = 0;
		return true; /* where it is: its standing violations are not the move's */
	}
	bool unary = t < 0 ? p->sessions[s].optional : igs_place_unary(p, s, t, r) < 0;
	igs_move m;
	igs_delta_set_move(&m, &e->D, s, t, t < 0 ? -1 : r, t < 0 ? 0 : igs_place_soft(p, s, t, r));
	e->D.nq0 = -1;
	bool ok = unary && igs_delta_eval(&e->D, &m, 1, delta, true);
	if (ok) {
		igs_delta_reject(&e->D, &m, 1);
		return true;
	}
	e->D.nq0 = -1;
	igs_delta_eval(&e->D, &m, 1, delta, false);
	igs_delta_reject(&e->D, &m, 1);
	return false;
}

void igs_edit_judge(igs_edit *e, int s, int t, int r, bool explain, igs_edit_verdict *v) {
	v->n_broken = v->n_broken_all = v->n_made = v->n_made_all = v->n_removed = v->n_removed_all = 0;
	v->feasible = price(e, s, t, r, &v->delta);
	if (!explain)
		return;
	if (!v->feasible) {
		explain_breaks(e, s, t, r, v);
		if (v->n_broken == 0) /* the delta's checks and the predicates agree by test; say so anyway */
			add_break(v, IGS_V__COUNT, IGS_U_OK, -1, -1, -1, -1);
	}
	explain_clashes(e, s, t, r, v);
}

void igs_edit_cells(igs_edit *e, int s, igs_edit_break *brk, double *delta) {
	const igs_problem *p = e->p;
	igs_edit_verdict v;
	for (int t = 0; t < p->n_times; t++) {
		igs_place_unary_rooms(p, s, t, e->kinds);
		for (int r = 0; r < p->n_rooms; r++) {
			long i = (long)t * p->n_rooms + r;
			bool here = e->s->time[s] == t && e->s->room[s] == r;
			if (!here && e->kinds[r] >= 0) {
				/* The unary verdict alone: cheap, and what most cells of a drag get. */
				v.n_broken = v.n_broken_all = 0;
				igs_unary_why why = IGS_U_OK;
				int k = igs_place_unary_why(p, s, t, r, &why);
				add_break(&v, (igs_violation_kind)k, why, -1, -1, -1, unary_of_room(why) ? r : -1);
				brk[i] = v.broken[0];
				delta[i] = NAN;
				continue;
			}
			if (price(e, s, t, r, &delta[i]))
				continue;
			v.n_broken = v.n_broken_all = 0;
			explain_breaks(e, s, t, r, &v);
			if (v.n_broken == 0)
				add_break(&v, IGS_V__COUNT, IGS_U_OK, -1, -1, -1, -1);
			brk[i] = v.broken[0];
			delta[i] = NAN;
		}
	}
}

typedef struct {
	int t, r;
	double d;
} alt;

static int alt_cmp(const void *x, const void *y) {
	const alt *a = x, *b = y;
	if (a->d != b->d)
		return a->d < b->d ? -1 : 1;
	if (a->t != b->t)
		return a->t - b->t;
	return a->r - b->r;
}

int igs_edit_alternatives(igs_edit *e, int s, int max, int *t, int *r, double *delta) {
	const igs_session *S = &e->p->sessions[s];
	size_t cap = (size_t)S->n_cand_times * (size_t)S->n_cand_rooms;
	alt *v = malloc((cap ? cap : 1) * sizeof *v);
	if (!v)
		return IGS_ENOMEM;
	int n = 0;
	for (int ci = 0; ci < S->n_cand_times; ci++)
		for (int ri = 0; ri < S->n_cand_rooms; ri++) {
			int tt = S->cand_times[ci], rr = S->cand_rooms[ri];
			if (tt == e->s->time[s] && rr == e->s->room[s])
				continue;
			double soft1 = igs_delta_cand_soft_idx(&e->D, s, ci, ri);
			if (isnan(soft1))
				continue;
			igs_move m;
			double d;
			igs_delta_set_move(&m, &e->D, s, tt, rr, soft1);
			e->D.nq0 = -1;
			if (!igs_delta_eval(&e->D, &m, 1, &d, true))
				continue;
			igs_delta_reject(&e->D, &m, 1);
			v[n++] = (alt){tt, rr, d};
		}
	qsort(v, (size_t)n, sizeof *v, alt_cmp);
	if (n > max)
		n = max;
	for (int i = 0; i < n; i++) {
		t[i] = v[i].t;
		r[i] = v[i].r;
		delta[i] = v[i].d;
	}
	free(v);
	return n;
}

/* ---- changing the schedule ---- */

/* Is (t, r) one of s's candidate placements? */
static bool candidate(const igs_problem *p, int s, int t, int r) {
	const igs_session *S = &p->sessions[s];
	return igs_delta_find_idx(S->cand_times, S->n_cand_times, t) >= 0 &&
	       igs_delta_find_idx(S->cand_rooms, S->n_cand_rooms, r) >= 0;
}

/* Puts every step at its 'to' (forward) or its 'from' end, then refreshes. The delta state's
 * time buckets are sized at igs_delta_init for the candidates and the placements of that
 * moment: a session put anywhere else (a forced move, or an undo back to one) needs them sized
 * again. */
static int place_steps(igs_edit *e, const igs_edit_step *st, int n, bool forward) {
	bool resize = false;
	for (int i = 0; i < n; i++) {
		int t = forward ? st[i].t1 : st[i].t0, r = forward ? st[i].r1 : st[i].r0;
		igs_schedule_set(e->s, st[i].s, t, t < 0 ? -1 : r);
		if (t < 0 && !e->s->reason[st[i].s])
			igs_schedule_set_reason(e->s, st[i].s, "left out in the editor");
		resize = resize || (t >= 0 && !candidate(e->p, st[i].s, t, r));
	}
	if (resize) {
		igs_delta_free(&e->D);
		memset(&e->D, 0, sizeof e->D);
		if (igs_delta_init(&e->D, e->s) != IGS_OK)
			return IGS_ENOMEM;
	}
	return refresh(e);
}

int igs_edit_apply(igs_edit *e, const igs_edit_step *steps, int n, bool by_person) {
	const igs_problem *p = e->p;
	for (int i = 0; i < n; i++) {
		const igs_edit_step *x = &steps[i];
		if (x->s < 0 || x->s >= p->n_sessions || x->t1 >= p->n_times ||
		    (x->t1 >= 0 && (x->r1 < 0 || x->r1 >= p->n_rooms)))
			return IGS_EUSAGE;
	}
	/* Keep the last step of each session, and only the ones that change something. */
	entry x = {malloc((n > 0 ? (size_t)n : 1) * sizeof *x.steps), 0};
	if (!x.steps)
		return IGS_ENOMEM;
	e->stamp++;
	for (int i = n - 1; i >= 0; i--) {
		int s = steps[i].s;
		if (e->mark[s] == e->stamp)
			continue;
		e->mark[s] = e->stamp;
		igs_edit_step y = steps[i];
		if (y.t1 < 0)
			y.t1 = y.r1 = -1;
		y.t0 = e->s->time[s];
		y.r0 = e->s->room[s];
		if (y.t0 == y.t1 && y.r0 == y.r1)
			continue;
		x.steps[x.n++] = y;
	}
	if (x.n == 0) {
		free(x.steps);
		return IGS_OK;
	}
	if (history_push(&e->undo, x) != IGS_OK) {
		free(x.steps);
		return IGS_ENOMEM;
	}
	history_clear(&e->redo);
	for (int i = 0; by_person && i < x.n; i++)
		e->moved[x.steps[i].s] = true;
	return place_steps(e, x.steps, x.n, true);
}

static int step_history(igs_edit *e, history *from, history *to, bool forward) {
	if (from->n == 0)
		return IGS_EUSAGE;
	entry x = from->v[from->n - 1];
	if (history_push(to, x) != IGS_OK)
		return IGS_ENOMEM;
	from->n--;
	return place_steps(e, x.steps, x.n, forward);
}

int igs_edit_undo(igs_edit *e) {
	return step_history(e, &e->undo, &e->redo, false);
}

int igs_edit_redo(igs_edit *e) {
	return step_history(e, &e->redo, &e->undo, true);
}

int igs_edit_replace(igs_edit *e, const igs_schedule *s) {
	int n = e->p->n_sessions;
	igs_edit_step *st = malloc((n > 0 ? (size_t)n : 1) * sizeof *st);
	if (!st)
		return IGS_ENOMEM;
	for (int i = 0; i < n; i++)
		st[i] = (igs_edit_step){i, -1, -1, s->time[i], s->room[i]};
	int rc = igs_edit_apply(e, st, n, false);
	free(st);
	return rc;
}

/* ---- words ---- */

static const char *unary_words(igs_unary_why why) {
	switch (why) {
	case IGS_U_TIME_RANGE: return "the start is outside the grid";
	case IGS_U_NOT_START: return "the time is not an allowed start";
	case IGS_U_NO_FIT: return "it does not fit in the day's slots";
	case IGS_U_DAY_NOT_ALLOWED: return "the session may not run that day";
	case IGS_U_RULE_DAY: return "its type may not run that day";
	case IGS_U_NOT_IN_TIMES: return "outside the session's allowed times";
	case IGS_U_FORBIDDEN: return "in one of the session's forbidden times";
	case IGS_U_PIN_DAY: return "the session is pinned to another day";
	case IGS_U_PIN_START: return "the session is pinned to another start";
	case IGS_U_PIN_ROOM: return "the session is pinned to another room";
	case IGS_U_NO_ROOM: return "no such room";
	case IGS_U_FEATURES: return "the room lacks a feature it needs";
	case IGS_U_MIN_CAPACITY: return "the room is smaller than its minimum capacity";
	case IGS_U_ATTENDANCE: return "the room is too small for its attendance";
	case IGS_U_ROOM_CLOSED: return "the room is closed then";
	case IGS_U_OK: break;
	}
	return "a rule of the session alone";
}

void igs_edit_break_text(const igs_problem *p, const igs_edit_break *b, char *buf, size_t n) {
	const char *other = b->other >= 0 ? p->sessions[b->other].id : "";
	switch ((int)b->kind) {
	case IGS_V_UNSCHEDULED: snprintf(buf, n, "a required session left out"); break;
	case IGS_V_ROOM_CLASH: snprintf(buf, n, "room %s is taken by %s", p->rooms[b->room].id, other); break;
	case IGS_V_PERSON_CLASH:
		snprintf(buf, n, "%s is also in %s", b->person >= 0 ? p->people[b->person].name : "someone", other);
		break;
	case IGS_V_GROUP_CLASH:
		snprintf(buf, n, "group %s is also in %s", b->group >= 0 ? p->groups[b->group].name : "?", other);
		break;
	case IGS_V_EXCLUSIVE: snprintf(buf, n, "%s runs then, and one of the two is exclusive", other); break;
	case IGS_V_APART: snprintf(buf, n, "the type rules keep it apart from %s", other); break;
	case IGS_V_MAX_PARALLEL: snprintf(buf, n, "too many sessions of its parallel class at once"); break;
	case IGS_V_ROOM_THEME: snprintf(buf, n, "room %s holds another track then (%s)", p->rooms[b->room].id, other); break;
	case IGS_V__COUNT: snprintf(buf, n, "breaks a hard rule"); break;
	default:
		if (b->room >= 0)
			snprintf(buf, n, "room %s: %s", p->rooms[b->room].id, unary_words(b->why));
		else
			snprintf(buf, n, "%s", unary_words(b->why));
	}
}

/* ---- the optimisation of the rest ---- */

struct igs_edit_opt {
	igs_frozen fz;      /* the problem copy: pinned (and, asked, moved) sessions stay where they are */
	igs_schedule *from; /* the schedule it started from, of the real problem */
	igs_schedule *work; /* the copy the search improves, of fz.q */
	long version;
};

void igs_edit_opt_free(igs_edit_opt *j) {
	if (!j)
		return;
	igs_schedule_free(j->work);
	igs_schedule_free(j->from);
	igs_frozen_free(&j->fz);
	free(j);
}

int igs_edit_opt_new(igs_edit_opt **out, const igs_edit *e, bool fix_moved) {
	*out = NULL;
	const igs_problem *p = e->p;
	int n = p->n_sessions;
	igs_edit_opt *j = calloc(1, sizeof *j);
	if (!j)
		return IGS_ENOMEM;
	bool *fixed = calloc(n > 0 ? (size_t)n : 1, sizeof *fixed);
	if (!fixed || igs_frozen_init(&j->fz, p) != IGS_OK || !(j->from = igs_schedule_new(p)) ||
	    igs_schedule_copy(j->from, e->s) != IGS_OK) {
		free(fixed);
		igs_edit_opt_free(j);
		return IGS_ENOMEM;
	}
	for (int s = 0; s < n; s++)
		fixed[s] = e->pinned[s] || (fix_moved && e->moved[s]);
	igs_frozen_set(&j->fz, fixed, e->s->time, e->s->room);
	free(fixed);
	if (!(j->work = igs_schedule_new(&j->fz.q))) {
		igs_edit_opt_free(j);
		return IGS_ENOMEM;
	}
	for (int s = 0; s < n; s++) {
		j->work->time[s] = e->s->time[s];
		j->work->room[s] = e->s->room[s];
	}
	j->version = e->version;
	*out = j;
	return IGS_OK;
}

typedef struct {
	igs_edit_progress fn;
	void *arg;
} progress_hook;

static void on_progress(const igs_local_stats *st, void *arg) {
	const progress_hook *h = arg;
	h->fn(st->tried, st->best_score, h->arg);
}

int igs_edit_opt_run(igs_edit_opt *j, const igs_options *o, igs_edit_progress progress, void *arg) {
	igs_options lo = *o;
	lo.verbose = 0;
	lo.live_progress = false;
	progress_hook h = {progress, arg};
	igs_local_stats st;
	memset(&st, 0, sizeof st);
	if (progress) {
		st.progress = on_progress;
		st.arg = &h;
	}
	return igs_local_search(j->work, &lo, lo.moves, &st);
}

int igs_edit_opt_moves(const igs_edit_opt *j, igs_edit_step *steps, double *score, int *hard) {
	const igs_problem *p = j->from->problem;
	int n = 0;
	igs_schedule *res = igs_schedule_new(p);
	igs_report *r = NULL;
	if (!res)
		return IGS_ENOMEM;
	for (int s = 0; s < p->n_sessions; s++) {
		res->time[s] = j->work->time[s];
		res->room[s] = j->work->room[s];
		if (j->work->time[s] != j->from->time[s] || (j->work->time[s] >= 0 && j->work->room[s] != j->from->room[s]))
			steps[n++] = (igs_edit_step){s, j->from->time[s], j->from->room[s], j->work->time[s], j->work->room[s]};
	}
	int rc = igs_evaluate(&r, p, res);
	if (rc == IGS_OK) {
		*score = igs_report_score(r);
		*hard = igs_report_hard_count(r);
	}
	igs_report_free(r);
	igs_schedule_free(res);
	return rc == IGS_OK ? n : IGS_ENOMEM;
}

long igs_edit_opt_version(const igs_edit_opt *j) {
	return j->version;
}
