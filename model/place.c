/* The hard rules of a placement, shared by the evaluator and every solver. */
#include <stdlib.h>
#include <string.h>

#include "model/place.h"

void igs_session_span(const igs_problem *p, int s, int t, long *from, long *to) {
	*from = igs_time_abs(p, t);
	*to = *from + p->sessions[s].duration;
}

static bool is_start(const igs_day *d, int start) {
	int lo = 0, hi = d->n_starts - 1;
	while (lo <= hi) {
		int mid = (lo + hi) / 2;
		if (d->starts[mid] == start)
			return true;
		if (d->starts[mid] < start)
			lo = mid + 1;
		else
			hi = mid - 1;
	}
	return false;
}

igs_featmask igs_session_needs(const igs_problem *p, const igs_session *S) {
	return S->needs | S->requires | p->rules[S->rule].room_features;
}

/* The room-independent half of the unary check: the time and the pinned day and start. */
static int time_check(const igs_problem *p, int s, int t, igs_unary_why *why) {
	const igs_session *S = &p->sessions[s];
	const igs_type_rule *R = &p->rules[S->rule];
	*why = IGS_U_OK;
	if (t < 0 || t >= p->n_times) {
		*why = IGS_U_TIME_RANGE;
		return IGS_V_TIME;
	}
	int day = p->times[t].day, start = p->times[t].start, end = start + S->duration;
	const igs_day *D = &p->days[day];
	if (!is_start(D, start))
		*why = IGS_U_NOT_START;
	else if (!igs_day_fits(p, day, start, S->duration))
		*why = IGS_U_NO_FIT;
	else if (day < 64 && !((S->allowed_days >> day) & 1))
		*why = IGS_U_DAY_NOT_ALLOWED;
	else if (D->pre_event ? !R->pre_event_days : !R->main_days)
		*why = IGS_U_RULE_DAY;
	else if (S->n_allowed_times > 0 && !igs_windows_contain(S->allowed_times, S->n_allowed_times, day, start, end))
		*why = IGS_U_NOT_IN_TIMES;
	else if (igs_windows_meet(S->forbidden_times, S->n_forbidden_times, day, start, end))
		*why = IGS_U_FORBIDDEN;
	if (*why != IGS_U_OK)
		return IGS_V_TIME;

	if (S->pin_day >= 0 && S->pin_day != day)
		*why = IGS_U_PIN_DAY;
	else if (S->pin_start >= 0 && S->pin_start != start)
		*why = IGS_U_PIN_START;
	return *why != IGS_U_OK ? IGS_V_PIN : -1;
}

/* The part of the room half that no time changes: pin, features, capacity. */
static int room_fixed(const igs_problem *p, int s, int r, igs_unary_why *why) {
	const igs_session *S = &p->sessions[s];
	const igs_type_rule *R = &p->rules[S->rule];
	int kind = -1;
	*why = IGS_U_OK;
	if (S->pin_room >= 0 && S->pin_room != r) {
		*why = IGS_U_PIN_ROOM;
		return IGS_V_PIN;
	}
	/* A placement without a real room cannot be checked further; call the room closed. */
	if (r < 0 || r >= p->n_rooms) {
		*why = IGS_U_NO_ROOM;
		return IGS_V_ROOM_UNAVAILABLE;
	}
	const igs_room *room = &p->rooms[r];
	igs_featmask needs = igs_session_needs(p, S);
	if ((room->features & needs) != needs) {
		*why = IGS_U_FEATURES;
		kind = IGS_V_FEATURES;
	} else if (room->capacity > 0 && room->capacity < S->min_capacity) {
		*why = IGS_U_MIN_CAPACITY;
		kind = IGS_V_CAPACITY;
	} else if (room->capacity > 0 && R->capacity_hard && S->attendance > room->capacity) {
		*why = IGS_U_ATTENDANCE;
		kind = IGS_V_CAPACITY;
	}
	return kind;
}

/* The room's own hours over [start, end) on day, once room_fixed has passed. */
static int room_open(const igs_room *room, int day, int start, int end, igs_unary_why *why) {
	if (igs_room_available(room, day, start, end))
		return -1;
	*why = IGS_U_ROOM_CLOSED;
	return IGS_V_ROOM_UNAVAILABLE;
}

/* The room half, for a time that passed time_check. */
static int room_check(const igs_problem *p, int s, int t, int r, igs_unary_why *why) {
	int k = room_fixed(p, s, r, why);
	if (k >= 0)
		return k;
	int start = p->times[t].start;
	return room_open(&p->rooms[r], p->times[t].day, start, start + p->sessions[s].duration, why);
}

int igs_place_unary_why(const igs_problem *p, int s, int t, int r, igs_unary_why *why) {
	int k = time_check(p, s, t, why);
	return k >= 0 ? k : room_check(p, s, t, r, why);
}

int igs_place_unary(const igs_problem *p, int s, int time, int room) {
	igs_unary_why why;
	return igs_place_unary_why(p, s, time, room, &why);
}

int igs_place_unary_rooms(const igs_problem *p, int s, int time, int *kinds) {
	igs_unary_why why;
	int k = time_check(p, s, time, &why);
	for (int r = 0; r < p->n_rooms; r++)
		kinds[r] = k >= 0 ? k : room_check(p, s, time, r, &why);
	return k;
}

void igs_place_unary_fixed(const igs_problem *p, int s, int *fixed) {
	igs_unary_why why;
	for (int r = 0; r < p->n_rooms; r++)
		fixed[r] = room_fixed(p, s, r, &why);
}

int igs_place_unary_rooms_fixed(const igs_problem *p, int s, int time, const int *fixed, const int *rooms, int n,
				int *kinds) {
	igs_unary_why why;
	int k = time_check(p, s, time, &why);
	int day = p->times[time].day, start = p->times[time].start, end = start + p->sessions[s].duration;
	for (int i = 0; i < n; i++) {
		int r = rooms[i];
		kinds[r] = k >= 0 ? k : fixed[r] >= 0 ? fixed[r] : room_open(&p->rooms[r], day, start, end, &why);
	}
	return k;
}

static bool share_person(const igs_session *A, const igs_session *B) {
	for (int i = 0; i < A->n_people; i++)
		for (int j = 0; j < B->n_people; j++)
			if (A->people[i].person == B->people[j].person)
				return true;
	return false;
}

static bool share_group(const igs_session *A, const igs_session *B) {
	for (int i = 0; i < A->n_groups; i++)
		if (igs_list_has(B->groups, B->n_groups, A->groups[i]))
			return true;
	return false;
}

static bool share_theme(const igs_session *A, const igs_session *B) {
	for (int i = 0; i < A->n_themes; i++)
		if (igs_list_has(B->themes, B->n_themes, A->themes[i]))
			return true;
	return false;
}

bool igs_kept_apart(const igs_problem *p, const igs_session *A, const igs_session *B) {
	const igs_type_rule *RA = &p->rules[A->rule], *RB = &p->rules[B->rule];
	if ((RA->n_apart | RA->n_apart_theme | RB->n_apart | RB->n_apart_theme) == 0)
		return false;
	if (igs_list_has(RA->apart, RA->n_apart, B->rule) || igs_list_has(RB->apart, RB->n_apart, A->rule))
		return true;
	if (igs_list_has(RA->apart_theme, RA->n_apart_theme, B->rule) || igs_list_has(RB->apart_theme, RB->n_apart_theme, A->rule))
		return share_theme(A, B);
	return false;
}

int igs_place_pair(const igs_problem *p, int a, int ta, int ra, int b, int tb, int rb) {
	long a0, a1, b0, b1;
	if (a == b)
		return -1;
	igs_session_span(p, a, ta, &a0, &a1);
	igs_session_span(p, b, tb, &b0, &b1);
	if (!igs_intervals_overlap(a0, a1, b0, b1))
		return -1;
	const igs_session *A = &p->sessions[a], *B = &p->sessions[b];
	/* Negative rooms never clash: solvers pass -1/-2 to test everything but the room. */
	if (ra >= 0 && ra == rb)
		return IGS_V_ROOM_CLASH;
	if (p->rules[A->rule].exclusive || p->rules[B->rule].exclusive)
		return IGS_V_EXCLUSIVE;
	if (share_person(A, B))
		return IGS_V_PERSON_CLASH;
	if (share_group(A, B))
		return IGS_V_GROUP_CLASH;
	if (igs_kept_apart(p, A, B))
		return IGS_V_APART;
	return -1;
}

int igs_track_of(const igs_problem *p, int s) {
	return p->sessions[s].n_themes ? p->sessions[s].themes[0] : -1;
}

int igs_cell_slot(const igs_problem *p, int t) {
	int d = p->times[t].day, base = 0;
	for (int k = 0; k < d; k++)
		base += p->days[k].n_slots;
	int k = igs_day_slot_of(&p->days[d], p->times[t].start);
	return k < 0 ? -1 : base + k;
}

/* ---- max_parallel ---- */

int igs_parallel_build(igs_problem *p) {
	int n = p->n_sessions;
	p->n_parallel = 0;
	p->parallel = malloc((size_t)(n ? n : 1) * sizeof *p->parallel);
	p->parallel_min = malloc((size_t)(n ? n : 1) * sizeof *p->parallel_min);
	p->parallel_mixed = calloc((size_t)(n ? n : 1), sizeof *p->parallel_mixed);
	if (!p->parallel || !p->parallel_min || !p->parallel_mixed)
		return IGS_ENOMEM;
	/* Classes are compared by name, as the type rules give them; numbering them in order of
	 * their first session keeps every loop over classes in the order of a loop over sessions. */
	for (int s = 0; s < n; s++) {
		const igs_type_rule *R = &p->rules[p->sessions[s].rule];
		p->parallel[s] = -1;
		if (!R->parallel_class || R->max_parallel <= 0)
			continue;
		int c = -1;
		for (int q = 0; q < s && c < 0; q++) {
			const igs_type_rule *Q = &p->rules[p->sessions[q].rule];
			if (p->parallel[q] >= 0 && strcmp(Q->parallel_class, R->parallel_class) == 0)
				c = p->parallel[q];
		}
		if (c < 0) {
			c = p->n_parallel++;
			p->parallel_min[c] = R->max_parallel;
		} else if (R->max_parallel != p->parallel_min[c] || p->parallel_mixed[c]) {
			p->parallel_mixed[c] = true;
			if (R->max_parallel < p->parallel_min[c])
				p->parallel_min[c] = R->max_parallel;
		}
		p->parallel[s] = c;
	}
	return IGS_OK;
}

/* The evaluator's sweep order: by start, ties by session index. */
static bool sorts_before(long fa, int a, long fb, int b) {
	return fa < fb || (fa == fb && a < b);
}

bool igs_parallel_ok(const igs_problem *p, int a, long a0, const int *sess, const long *from, const long *to, int n) {
	int running = 0;
	for (int j = 0; j < n; j++)
		running += sorts_before(from[j], sess[j], a0, a);
	if (igs_parallel_full(p, a, running))
		return false;
	for (int x = 0; x < n; x++) {
		if (!sorts_before(a0, a, from[x], sess[x]))
			continue;
		int run = 1; /* a itself */
		for (int y = 0; y < n; y++)
			run += y != x && sorts_before(from[y], sess[y], from[x], sess[x]) && to[y] > from[x];
		if (igs_parallel_full(p, sess[x], run))
			return false;
	}
	return true;
}

