/* The evaluator: the report of a schedule, its hard violations as model/place.c finds them and its soft costs. */
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "model/similarity.h"
#include "solver/evaluate.h"

/* True when v[i] is the first occurrence of its value in v, so a list that names one
 * person, group, theme or tag twice still counts it once. */
static bool first_of(const int *v, int i) {
	for (int k = 0; k < i; k++)
		if (v[k] == v[i])
			return false;
	return true;
}

int igs_pair_people(const igs_problem *p, int a, int b, int *attend) {
	const igs_session *A = &p->sessions[a], *B = &p->sessions[b];
	int both = 0, att = 0;
	for (int i = 0; i < A->n_people; i++)
		for (int j = 0; j < B->n_people; j++)
			both += A->people[i].person == B->people[j].person;
	/* The loader keeps each list free of repeats and an attendee out of the session's own
	 * people, so the three intersections count distinct people. */
	for (int i = 0; i < A->n_attendees; i++) {
		int who = A->attendees[i];
		for (int j = 0; j < B->n_attendees; j++)
			att += B->attendees[j] == who;
		for (int j = 0; j < B->n_people; j++)
			att += B->people[j].person == who;
	}
	for (int i = 0; i < B->n_attendees; i++)
		for (int j = 0; j < A->n_people; j++)
			att += A->people[j].person == B->attendees[i];
	*attend = att;
	return both;
}

/* attendee_clash count of a pair assumed to overlap (0 at once when neither has attendees). */
static int attendee_count(const igs_problem *p, int a, int b) {
	if (!p->sessions[a].n_attendees && !p->sessions[b].n_attendees)
		return 0;
	int att;
	igs_pair_people(p, a, b, &att);
	return att;
}

/* Raw counts of the pair terms of two sessions assumed to overlap. */
static void pair_counts(const igs_problem *p, const igs_session *A, const igs_session *B, int *themes, int *tags,
			double *sim) {
	*themes = *tags = 0;
	*sim = 0;
	for (int i = 0; i < A->n_themes; i++) {
		if (!first_of(A->themes, i))
			continue;
		int x = A->themes[i];
		for (int j = 0; j < B->n_themes; j++) {
			int y = B->themes[j];
			if (!first_of(B->themes, j))
				continue;
			if (x == y)
				(*themes)++;
			else if (p->theme_sim)
				*sim += p->theme_sim[x * p->n_themes + y];
		}
	}
	for (int i = 0; i < A->n_tags; i++)
		if (first_of(A->tags, i) && igs_list_has(B->tags, B->n_tags, A->tags[i]))
			(*tags)++;
}

double igs_pair_soft(const igs_problem *p, int a, int ta, int b, int tb) {
	long a0, a1, b0, b1;
	if (a == b)
		return 0;
	igs_session_span(p, a, ta, &a0, &a1);
	igs_session_span(p, b, tb, &b0, &b1);
	if (!igs_intervals_overlap(a0, a1, b0, b1))
		return 0;
	int themes, tags;
	double sim;
	pair_counts(p, &p->sessions[a], &p->sessions[b], &themes, &tags, &sim);
	const igs_weights *w = &p->weights;
	return w->theme_clash * themes + w->tag_clash * tags + w->similarity_clash * sim +
	       w->duplicate_clash * igs_dup_link(p, a, b) + w->attendee_clash * attendee_count(p, a, b);
}

struct igs_pair_probe {
	const igs_problem *p;
	int a;
	/* An entry equal to stamp marks a's own: a new stamp per session clears them all. */
	unsigned stamp;
	unsigned *person, *group, *theme, *tag, *dup;
	int *dup_at;    /* per session marked in dup: its entry in p->dup_sim */
	int *a_themes;  /* a's distinct themes in the order pair_counts meets them */
	int n_a_themes;
	/* Most partners clash with a in no way: a session marked in 'near' (it shares a person
	 * or group with a) or of a rule marked in 'rule' (exclusive, or apart from a's) may;
	 * any other cannot, which two lookups in small arrays tell. */
	unsigned *near, *rule;
	int *rule_of;               /* per session its rule, packed */
	/* Per session b from lists[list_at[b]]: its distinct themes in order of first
	 * occurrence, counted first, then its distinct tags, counted first; one short run to
	 * read where the session's own lists are two more allocations. */
	int *lists, *list_at;
	int *by_person, *by_group;  /* sessions per person and per group ... */
	int *person_at, *group_at;  /* ... from these offsets */
};

static int n_owners(const igs_session *S, bool groups) {
	return groups ? S->n_groups : S->n_people;
}

static int owner_of(const igs_session *S, bool groups, int i) {
	return groups ? S->groups[i] : S->people[i].person;
}

/* The sessions of each of the n people (or groups), owner k's in list[at[k] .. at[k + 1]). */
static int owner_index(const igs_problem *p, int n, bool groups, int **at, int **list) {
	long total = 0;
	for (int s = 0; s < p->n_sessions; s++)
		total += n_owners(&p->sessions[s], groups);
	*at = calloc((size_t)n + 1, sizeof **at);
	*list = malloc((size_t)(total ? total : 1) * sizeof **list);
	if (!*at || !*list)
		return IGS_ENOMEM;
	for (int s = 0; s < p->n_sessions; s++)
		for (int i = 0; i < n_owners(&p->sessions[s], groups); i++)
			(*at)[owner_of(&p->sessions[s], groups, i) + 1]++;
	for (int k = 0; k < n; k++)
		(*at)[k + 1] += (*at)[k];
	/* Fill with at[k] as the cursor of owner k, then shift the cursors back to starts. */
	for (int s = 0; s < p->n_sessions; s++)
		for (int i = 0; i < n_owners(&p->sessions[s], groups); i++)
			(*list)[(*at)[owner_of(&p->sessions[s], groups, i)]++] = s;
	for (int k = n; k > 0; k--)
		(*at)[k] = (*at)[k - 1];
	(*at)[0] = 0;
	return IGS_OK;
}

igs_pair_probe *igs_pair_probe_new(const igs_problem *p) {
	igs_pair_probe *q = calloc(1, sizeof *q);
	if (!q)
		return NULL;
	q->p = p;
	q->a = -1;
	q->person = calloc((size_t)p->n_people + 1, sizeof *q->person);
	q->group = calloc((size_t)p->n_groups + 1, sizeof *q->group);
	q->theme = calloc((size_t)p->n_themes + 1, sizeof *q->theme);
	q->tag = calloc((size_t)p->n_tags + 1, sizeof *q->tag);
	q->dup = calloc((size_t)p->n_sessions + 1, sizeof *q->dup);
	q->dup_at = calloc((size_t)p->n_sessions + 1, sizeof *q->dup_at);
	q->a_themes = calloc((size_t)p->n_themes + 1, sizeof *q->a_themes);
	q->near = calloc((size_t)p->n_sessions + 1, sizeof *q->near);
	q->rule = calloc((size_t)p->n_rules + 1, sizeof *q->rule);
	q->rule_of = malloc(((size_t)p->n_sessions + 1) * sizeof *q->rule_of);
	if (!q->person || !q->group || !q->theme || !q->tag || !q->dup || !q->dup_at || !q->a_themes || !q->near ||
	    !q->rule || !q->rule_of || owner_index(p, p->n_people, false, &q->person_at, &q->by_person) != IGS_OK ||
	    owner_index(p, p->n_groups, true, &q->group_at, &q->by_group) != IGS_OK) {
		igs_pair_probe_free(q);
		return NULL;
	}
	size_t total = 0;
	for (int s = 0; s < p->n_sessions; s++) {
		q->rule_of[s] = p->sessions[s].rule;
		total += 2 + (size_t)p->sessions[s].n_themes + (size_t)p->sessions[s].n_tags;
	}
	q->lists = malloc(total * sizeof *q->lists);
	q->list_at = malloc(((size_t)p->n_sessions + 1) * sizeof *q->list_at);
	if (!q->lists || !q->list_at) {
		igs_pair_probe_free(q);
		return NULL;
	}
	int at = 0;
	for (int s = 0; s < p->n_sessions; s++) {
		const igs_session *S = &p->sessions[s];
		q->list_at[s] = at;
		int *n = &q->lists[at++];
		*n = 0;
		for (int i = 0; i < S->n_themes; i++)
			if (first_of(S->themes, i))
				q->lists[at + (*n)++] = S->themes[i];
		at += *n;
		n = &q->lists[at++];
		*n = 0;
		for (int i = 0; i < S->n_tags; i++)
			if (first_of(S->tags, i))
				q->lists[at + (*n)++] = S->tags[i];
		at += *n;
	}
	return q;
}

void igs_pair_probe_free(igs_pair_probe *q) {
	if (!q)
		return;
	free(q->person);
	free(q->group);
	free(q->theme);
	free(q->tag);
	free(q->dup);
	free(q->dup_at);
	free(q->a_themes);
	free(q->near);
	free(q->rule);
	free(q->rule_of);
	free(q->lists);
	free(q->list_at);
	free(q->by_person);
	free(q->by_group);
	free(q->person_at);
	free(q->group_at);
	free(q);
}

void igs_pair_probe_set(igs_pair_probe *q, int a) {
	const igs_problem *p = q->p;
	const igs_session *A = &p->sessions[a];
	q->a = a;
	if (++q->stamp == 0) {
		/* Wrapped: old marks could equal new stamps. */
		memset(q->person, 0, (size_t)p->n_people * sizeof *q->person);
		memset(q->group, 0, (size_t)p->n_groups * sizeof *q->group);
		memset(q->theme, 0, (size_t)p->n_themes * sizeof *q->theme);
		memset(q->tag, 0, (size_t)p->n_tags * sizeof *q->tag);
		memset(q->dup, 0, (size_t)p->n_sessions * sizeof *q->dup);
		memset(q->near, 0, (size_t)p->n_sessions * sizeof *q->near);
		memset(q->rule, 0, (size_t)p->n_rules * sizeof *q->rule);
		q->stamp = 1;
	}
	for (int i = 0; i < A->n_people; i++) {
		int who = A->people[i].person;
		q->person[who] = q->stamp;
		for (int k = q->person_at[who]; k < q->person_at[who + 1]; k++)
			q->near[q->by_person[k]] = q->stamp;
	}
	for (int i = 0; i < A->n_groups; i++) {
		int g = A->groups[i];
		q->group[g] = q->stamp;
		for (int k = q->group_at[g]; k < q->group_at[g + 1]; k++)
			q->near[q->by_group[k]] = q->stamp;
	}
	/* Every rule through which kept_apart or exclusivity could hold. */
	const igs_type_rule *RA = &p->rules[A->rule];
	for (int r = 0; r < p->n_rules; r++) {
		const igs_type_rule *RB = &p->rules[r];
		if (RA->exclusive || RB->exclusive || igs_list_has(RA->apart, RA->n_apart, r) ||
		    igs_list_has(RB->apart, RB->n_apart, A->rule) || igs_list_has(RA->apart_theme, RA->n_apart_theme, r) ||
		    igs_list_has(RB->apart_theme, RB->n_apart_theme, A->rule))
			q->rule[r] = q->stamp;
	}
	q->n_a_themes = 0;
	for (int i = 0; i < A->n_themes; i++)
		if (q->theme[A->themes[i]] != q->stamp) {
			q->theme[A->themes[i]] = q->stamp;
			q->a_themes[q->n_a_themes++] = A->themes[i];
		}
	for (int i = 0; i < A->n_tags; i++)
		q->tag[A->tags[i]] = q->stamp;
	if (p->dup_start)
		for (int k = p->dup_start[a]; k < p->dup_start[a + 1]; k++) {
			q->dup[p->dup_other[k]] = q->stamp;
			q->dup_at[p->dup_other[k]] = k;
		}
}

/* The checks and their order are igs_place_pair's. */
int igs_probe_pair(const igs_pair_probe *q, int b) {
	const igs_problem *p = q->p;
	if (q->a == b || (q->near[b] != q->stamp && q->rule[q->rule_of[b]] != q->stamp))
		return -1;
	const igs_session *A = &p->sessions[q->a], *B = &p->sessions[b];
	if (p->rules[A->rule].exclusive || p->rules[B->rule].exclusive)
		return IGS_V_EXCLUSIVE;
	for (int j = 0; j < B->n_people; j++)
		if (q->person[B->people[j].person] == q->stamp)
			return IGS_V_PERSON_CLASH;
	for (int j = 0; j < B->n_groups; j++)
		if (q->group[B->groups[j]] == q->stamp)
			return IGS_V_GROUP_CLASH;
	if (igs_kept_apart(p, A, B))
		return IGS_V_APART;
	return -1;
}

/* pair_counts and igs_pair_soft with a's side marked: the same counts, and the similarity
 * summed in the same order, so the cost is the same double. */
double igs_probe_soft(const igs_pair_probe *q, int b) {
	const igs_problem *p = q->p;
	if (q->a == b)
		return 0;
	const int *b_themes = &q->lists[q->list_at[b] + 1], n_themes = b_themes[-1];
	const int *b_tags = b_themes + n_themes + 1, n_tags = b_tags[-1];
	int themes = 0, tags = 0;
	double sim = 0;
	for (int j = 0; j < n_themes; j++)
		themes += q->theme[b_themes[j]] == q->stamp;
	if (p->theme_sim)
		for (int i = 0; i < q->n_a_themes; i++) {
			int x = q->a_themes[i];
			for (int j = 0; j < n_themes; j++)
				if (x != b_themes[j])
					sim += p->theme_sim[x * p->n_themes + b_themes[j]];
		}
	for (int j = 0; j < n_tags; j++)
		tags += q->tag[b_tags[j]] == q->stamp;
	double dup = q->dup[b] == q->stamp ? p->dup_sim[q->dup_at[b]] : 0;
	const igs_weights *w = &p->weights;
	return w->theme_clash * themes + w->tag_clash * tags + w->similarity_clash * sim + w->duplicate_clash * dup +
	       w->attendee_clash * attendee_count(p, q->a, b);
}

/* Is [from, to) covered by the union of the intervals? Adjacent intervals (08:00-12:00,
 * 12:00-18:00) join, as a person's hours would. */
static bool covered(const igs_interval *iv, int n, int from, int to) {
	int at = from;
	bool moved = true;
	while (at < to && moved) {
		moved = false;
		for (int i = 0; i < n; i++)
			if (iv[i].from <= at && at < iv[i].to) {
				at = iv[i].to;
				moved = true;
			}
	}
	return at >= to;
}

/* Does a session starting at meeting-local minute 'start' lie inside the person's local
 * hours? Their clock may be on another date, so the interval is taken on a circular day
 * and split where it wraps past midnight. */
static bool remote_fits(const igs_problem *p, const igs_person *H, int start, int duration) {
	if (duration >= 1440)
		return covered(H->available, H->n_available, 0, 1440);
	long local = (long)start - p->utc_offset + H->utc_offset;
	int l0 = (int)(((local % 1440) + 1440) % 1440), l1 = l0 + duration;
	if (l1 <= 1440)
		return covered(H->available, H->n_available, l0, l1);
	return covered(H->available, H->n_available, l0, 1440) &&
	       covered(H->available, H->n_available, 0, l1 - 1440);
}

/* Raw counts of the one-placement terms. */
typedef struct {
	double over, waste, pref, remote;
	double change_day, change_time, change_room; /* people affected */
} place_terms;

/* The people a change of s concerns: its distinct people, at least one (the organisers). */
static int people_affected(const igs_session *S) {
	int n = 0;
	for (int k = 0; k < S->n_people; k++) {
		bool seen = false;
		for (int j = 0; j < k && !seen; j++)
			seen = S->people[j].person == S->people[k].person;
		n += !seen;
	}
	return n > 0 ? n : 1;
}

double igs_leave_out_soft(const igs_problem *p, int s) {
	const igs_session *S = &p->sessions[s];
	if (!S->optional)
		return 0;
	return p->weights.unscheduled * S->priority +
	       (igs_has_reference(p, s) ? p->weights.change_day * people_affected(S) : 0);
}

static place_terms place_counts(const igs_problem *p, int s, int t, int r) {
	place_terms c = {0};
	const igs_session *S = &p->sessions[s];
	if (t < 0 || t >= p->n_times)
		return c;
	int day = p->times[t].day, start = p->times[t].start, end = start + S->duration;
	if (r >= 0 && r < p->n_rooms && p->rooms[r].capacity > 0 && S->attendance > 0) {
		int cap = p->rooms[r].capacity;
		if (S->attendance > cap)
			c.over = S->attendance - cap;
		if (cap > 2 * S->attendance)
			c.waste = cap - 2 * S->attendance;
	}
	for (int k = 0; k < S->n_prefer; k++)
		if (!igs_windows_contain(&S->prefer[k].when, 1, day, start, end))
			c.pref += S->prefer[k].weight;
	for (int k = 0; k < S->n_people; k++) {
		int who = S->people[k].person;
		bool seen = false;
		for (int j = 0; j < k && !seen; j++)
			seen = S->people[j].person == who;
		const igs_person *H = &p->people[who];
		if (!seen && H->remote && H->n_available > 0 && !remote_fits(p, H, start, S->duration))
			c.remote += 1;
	}
	/* Against the published schedule: the day (or, the same day, the start) is one part and
	 * the room another, so the room's share never depends on the time chosen. */
	if (igs_has_reference(p, s)) {
		int who = people_affected(S);
		if (day != p->ref_day[s])
			c.change_day = who;
		else if (start != p->ref_start[s])
			c.change_time = who;
		if (r >= 0 && r != p->ref_room[s])
			c.change_room = who;
	}
	return c;
}

double igs_place_soft(const igs_problem *p, int s, int time, int room) {
	place_terms c = place_counts(p, s, time, room);
	const igs_weights *w = &p->weights;
	return w->capacity_over * c.over + w->capacity_waste * c.waste + w->preference * c.pref +
	       w->remote_hours * c.remote + w->change_day * c.change_day + w->change_time * c.change_time +
	       w->change_room * c.change_room;
}

/* ---- text helpers ---- */

typedef struct {
	char s[192];
} txt;

static const char *day_label(const igs_problem *p, int day) {
	return day >= 0 && day < p->n_days ? p->days[day].label : "(no such day)";
}

/* "Day 1 11:00-12:30" for an absolute span; the end keeps counting past 24:00 rather than
 * naming another day, because a span never crosses midnight in a valid grid. */
static txt span_txt(const igs_problem *p, long from, long to) {
	txt o;
	int day = (int)(from / 1440);
	long m0 = from - day * 1440L, m1 = to - day * 1440L;
	snprintf(o.s, sizeof o.s, "%s %02ld:%02ld-%02ld:%02ld", day_label(p, day), m0 / 60, m0 % 60, m1 / 60, m1 % 60);
	return o;
}

static txt hhmm(int minute) {
	txt o;
	snprintf(o.s, sizeof o.s, "%02d:%02d", minute / 60, minute % 60);
	return o;
}

static txt feature_list(const igs_problem *p, igs_featmask m) {
	txt o;
	o.s[0] = 0;
	for (int f = 0; f < p->n_features && f < IGS_MAX_FEATURES; f++)
		if (m & ((igs_featmask)1 << f)) {
			if (o.s[0])
				strncat(o.s, ", ", sizeof o.s - strlen(o.s) - 1);
			strncat(o.s, p->features[f], sizeof o.s - strlen(o.s) - 1);
		}
	return o;
}

/* ---- the report ---- */

static int add_violation(igs_report *r, igs_violation_kind kind, int a, int b, int room, int person, int group,
			 int time, const char *fmt, ...) __attribute__((format(printf, 9, 10)));

static int add_violation(igs_report *r, igs_violation_kind kind, int a, int b, int room, int person, int group,
			 int time, const char *fmt, ...) {
	int rc = IGS_OK;
	char *text = NULL;
	va_list ap;
	if (r->n_violations == r->cap_violations) {
		int cap = r->cap_violations ? 2 * r->cap_violations : 16;
		igs_violation *v = realloc(r->violations, (size_t)cap * sizeof *v);
		if (!v) {
			rc = IGS_ENOMEM;
			goto cleanup;
		}
		r->violations = v;
		r->cap_violations = cap;
	}
	va_start(ap, fmt);
	int len = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (len < 0 || !(text = malloc((size_t)len + 1))) {
		rc = IGS_ENOMEM;
		goto cleanup;
	}
	va_start(ap, fmt);
	vsnprintf(text, (size_t)len + 1, fmt, ap);
	va_end(ap);
	r->violations[r->n_violations++] = (igs_violation){
		.kind = kind, .a = a, .b = b, .room = room, .person = person, .group = group, .time = time, .text = text};
	text = NULL;
cleanup:
	free(text);
	return rc;
}

static int add_unary(igs_report *r, const igs_problem *p, int s, int t, int rm) {
	igs_unary_why why;
	int kind = igs_place_unary_why(p, s, t, rm, &why);
	if (kind < 0)
		return IGS_OK;
	const igs_session *S = &p->sessions[s];
	const char *id = S->id;
	if (why == IGS_U_TIME_RANGE)
		return add_violation(r, IGS_V_TIME, s, -1, -1, -1, -1, -1,
				     "'%s' is placed at time index %d, which is not a time of this problem", id, t);
	int day = p->times[t].day, start = p->times[t].start;
	long a0, a1;
	igs_session_span(p, s, t, &a0, &a1);
	txt at = span_txt(p, a0, a1);
	int room = rm >= 0 && rm < p->n_rooms ? rm : -1;
	const char *rid = room >= 0 ? p->rooms[room].id : "";
	const char *type = p->rules[S->rule].type;
	switch (why) {
	case IGS_U_NOT_START:
		return add_violation(r, kind, s, -1, room, -1, -1, t, "'%s' starts at %s %s, which is not an allowed start of %s",
				     id, day_label(p, day), hhmm(start).s, day_label(p, day));
	case IGS_U_NO_FIT:
		return add_violation(r, kind, s, -1, room, -1, -1, t,
				     "'%s' at %s does not fit the day's slots (it may run only through breaks of at most %d "
				     "minutes)",
				     id, at.s, p->join_gap);
	case IGS_U_DAY_NOT_ALLOWED:
		return add_violation(r, kind, s, -1, room, -1, -1, t,
				     "'%s' is on %s (%s), which its 'days'/'not_days' do not allow", id, day_label(p, day),
				     p->days[day].date);
	case IGS_U_RULE_DAY:
		return add_violation(r, kind, s, -1, room, -1, -1, t,
				     "'%s' is on %s, %s, where sessions of type '%s' do not run", id, day_label(p, day),
				     p->days[day].pre_event ? "a pre-event day" : "an ordinary (not pre-event) day", type);
	case IGS_U_NOT_IN_TIMES:
		return add_violation(r, kind, s, -1, room, -1, -1, t, "'%s' at %s lies outside every window of its 'times'",
				     id, at.s);
	case IGS_U_FORBIDDEN:
		return add_violation(r, kind, s, -1, room, -1, -1, t, "'%s' at %s touches a window of its 'not_times'", id,
				     at.s);
	case IGS_U_PIN_DAY:
		return add_violation(r, kind, s, -1, room, -1, -1, t, "'%s' is pinned to %s but is on %s", id,
				     day_label(p, S->pin_day), day_label(p, day));
	case IGS_U_PIN_START:
		return add_violation(r, kind, s, -1, room, -1, -1, t, "'%s' is pinned to start at %s but starts at %s %s",
				     id, hhmm(S->pin_start).s, day_label(p, day), hhmm(start).s);
	case IGS_U_PIN_ROOM:
		return add_violation(r, kind, s, -1, room, -1, -1, t, "'%s' is pinned to room '%s' but is in room '%s' at %s",
				     id, S->pin_room < p->n_rooms ? p->rooms[S->pin_room].id : "?",
				     room >= 0 ? rid : "(none)", at.s);
	case IGS_U_NO_ROOM:
		return add_violation(r, kind, s, -1, -1, -1, -1, t, "'%s' at %s has no valid room (room index %d)", id, at.s,
				     rm);
	case IGS_U_FEATURES:
		return add_violation(r, kind, s, -1, room, -1, -1, t,
				     "room '%s' lacks %s, which '%s' needs (its 'requires' plus the '%s' type rule), at %s",
				     rid, feature_list(p, igs_session_needs(p, S) & ~p->rooms[room].features).s, id, type, at.s);
	case IGS_U_MIN_CAPACITY:
		return add_violation(r, kind, s, -1, room, -1, -1, t,
				     "room '%s' seats %d but '%s' needs at least %d (min_capacity), at %s", rid,
				     p->rooms[room].capacity, id, S->min_capacity, at.s);
	case IGS_U_ATTENDANCE:
		return add_violation(r, kind, s, -1, room, -1, -1, t,
				     "room '%s' seats %d but '%s' expects %d attendees and type '%s' makes capacity hard, "
				     "at %s",
				     rid, p->rooms[room].capacity, id, S->attendance, type, at.s);
	case IGS_U_ROOM_CLOSED:
		return add_violation(r, kind, s, -1, room, -1, -1, t, "room '%s' is unavailable during '%s' at %s", rid, id,
				     at.s);
	default:
		return add_violation(r, kind, s, -1, room, -1, -1, t, "'%s' at %s breaks a %s rule", id, at.s,
				     igs_violation_name(kind));
	}
}

/* One placed session in start order. */
typedef struct {
	long from, to;
	int s, t, r;
} span;

static int cmp_span(const void *x, const void *y) {
	const span *a = x, *b = y;
	if (a->from != b->from)
		return a->from < b->from ? -1 : 1;
	return (a->s > b->s) - (a->s < b->s);
}

/* Every hard violation of one overlapping pair: each applicable kind, and each shared
 * person and group by name, since each needs its own fix. */
static int pair_violations(igs_report *r, const igs_problem *p, const span *x, const span *y) {
	int rc = IGS_OK;
	if (igs_place_pair(p, x->s, x->t, x->r, y->s, y->t, y->r) < 0)
		return IGS_OK;
	const igs_session *A = &p->sessions[x->s], *B = &p->sessions[y->s];
	long o0 = x->from > y->from ? x->from : y->from, o1 = x->to < y->to ? x->to : y->to;
	txt at = span_txt(p, o0, o1);
	int t = x->from > y->from ? x->t : y->t;
	if (x->r >= 0 && x->r == y->r && x->r < p->n_rooms)
		rc = add_violation(r, IGS_V_ROOM_CLASH, x->s, y->s, x->r, -1, -1, t,
				   "'%s' and '%s' are both in room '%s' and overlap on %s", A->id, B->id, p->rooms[x->r].id,
				   at.s);
	const igs_type_rule *RA = &p->rules[A->rule], *RB = &p->rules[B->rule];
	if (rc == IGS_OK && (RA->exclusive || RB->exclusive)) {
		const igs_session *E = RA->exclusive ? A : B, *O = RA->exclusive ? B : A;
		rc = add_violation(r, IGS_V_EXCLUSIVE, x->s, y->s, -1, -1, -1, t,
				   "'%s' (type '%s') must run alone but '%s' overlaps it on %s", E->id, p->rules[E->rule].type,
				   O->id, at.s);
	}
	for (int i = 0; i < A->n_people && rc == IGS_OK; i++) {
		int who = A->people[i].person;
		bool a_first = true, in_b = false;
		for (int k = 0; k < i; k++)
			a_first = a_first && A->people[k].person != who;
		for (int k = 0; k < B->n_people && !in_b; k++)
			in_b = B->people[k].person == who;
		if (a_first && in_b)
			rc = add_violation(r, IGS_V_PERSON_CLASH, x->s, y->s, -1, who, -1, t,
					   "person '%s' is in '%s' and '%s', which overlap on %s", p->people[who].id, A->id,
					   B->id, at.s);
	}
	for (int i = 0; i < A->n_groups && rc == IGS_OK; i++) {
		int g = A->groups[i];
		if (first_of(A->groups, i) && igs_list_has(B->groups, B->n_groups, g))
			rc = add_violation(r, IGS_V_GROUP_CLASH, x->s, y->s, -1, -1, g, t,
					   "group '%s' has both '%s' and '%s', which overlap on %s", p->groups[g].id, A->id,
					   B->id, at.s);
	}
	if (rc == IGS_OK && igs_kept_apart(p, A, B))
		rc = add_violation(r, IGS_V_APART, x->s, y->s, -1, -1, -1, t,
				   "'%s' (type '%s') and '%s' (type '%s') overlap on %s, but the type rules keep them apart "
				   "(apart_from / apart_same_theme)",
				   A->id, A->type, B->id, B->type, at.s);
	return rc;
}

/* A placed session by its cell, earliest first inside one. */
typedef struct {
	long cell, from;
	int s, t, r;
} in_cell;

static int cmp_in_cell(const void *x, const void *y) {
	const in_cell *a = x, *b = y;
	if (a->cell != b->cell)
		return a->cell < b->cell ? -1 : 1;
	if (a->from != b->from)
		return a->from < b->from ? -1 : 1;
	return (a->s > b->s) - (a->s < b->s);
}

static const char *track_name(const igs_problem *p, int s) {
	int th = igs_track_of(p, s);
	return th < 0 ? "no theme" : p->themes[th].id;
}

/* meeting.thematic_rooms: in each cell the track most sessions have (on a tie, that of the
 * earliest of them) stays, and every session of another track is one violation, named with
 * the earliest session that stays: the count is the fewest sessions to move out, so taking a
 * session out of a cell never adds one. */
static int room_theme_violations(igs_report *r, const igs_problem *p, const span *sp, int n_sp) {
	in_cell *c = malloc((size_t)(n_sp ? n_sp : 1) * sizeof *c);
	if (!c)
		return IGS_ENOMEM;
	int n = 0, rc = IGS_OK;
	for (int i = 0; i < n_sp; i++) {
		int slot = sp[i].r >= 0 ? igs_cell_slot(p, sp[i].t) : -1;
		if (slot >= 0)
			c[n++] = (in_cell){.cell = (long)slot * p->n_rooms + sp[i].r, .from = sp[i].from, .s = sp[i].s,
					   .t = sp[i].t};
	}
	qsort(c, (size_t)n, sizeof *c, cmp_in_cell);
	for (int a = 0, b; a < n && rc == IGS_OK; a = b) {
		for (b = a; b < n && c[b].cell == c[a].cell; b++)
			;
		int keep = a, best = 0; /* the earliest session of the staying track */
		for (int i = a; i < b; i++) {
			int same = 0;
			for (int j = a; j < b; j++)
				same += igs_track_of(p, c[j].s) == igs_track_of(p, c[i].s);
			if (same > best) {
				best = same;
				keep = i;
			}
		}
		for (int i = a; i < b && rc == IGS_OK; i++) {
			int x = c[keep].s, y = c[i].s;
			if (igs_track_of(p, x) == igs_track_of(p, y))
				continue;
			const igs_day *D = &p->days[p->times[c[i].t].day];
			int k = igs_day_slot_of(D, p->times[c[i].t].start);
			const char *name = D->slot_names ? D->slot_names[k] : NULL;
			txt from = hhmm(D->slots[k].from), to = hhmm(D->slots[k].to);
			int room = (int)(c[i].cell % p->n_rooms);
			rc = add_violation(r, IGS_V_ROOM_THEME, x, y, room, -1, -1, c[i].t,
					   "'%s' (%s) and '%s' (%s) are both in room '%s' in the slot %s%s%s-%s of %s, but "
					   "meeting.thematic_rooms keeps one theme per room and slot; move '%s' to another "
					   "room or slot, or %s%s",
					   p->sessions[y].id, track_name(p, y), p->sessions[x].id, track_name(p, x),
					   p->rooms[room].id, name ? name : "", name ? " " : "", from.s, to.s, D->label,
					   p->sessions[y].id, igs_track_of(p, x) < 0 ? "take its themes off" : "make its first theme ",
					   igs_track_of(p, x) < 0 ? "" : track_name(p, x));
		}
	}
	free(c);
	return rc;
}

/* track_breaks: per track (first theme), the runs of consecutive slots (across the days, in
 * programme order) in which its sessions start, less one. */
static int track_breaks(igs_report *r, const igs_problem *p, const span *sp, int n_sp) {
	int ns = 0;
	for (int d = 0; d < p->n_days; d++)
		ns += p->days[d].n_slots;
	if (p->n_themes == 0 || ns == 0)
		return IGS_OK;
	unsigned char *used = calloc((size_t)p->n_themes * (size_t)ns, 1);
	if (!used)
		return IGS_ENOMEM;
	for (int i = 0; i < n_sp; i++) {
		int th = igs_track_of(p, sp[i].s), k = igs_cell_slot(p, sp[i].t);
		if (th >= 0 && k >= 0)
			used[(size_t)th * ns + k] = 1;
	}
	for (int th = 0; th < p->n_themes; th++) {
		int runs = 0;
		for (int k = 0; k < ns; k++)
			runs += used[(size_t)th * ns + k] && (k == 0 || !used[(size_t)th * ns + k - 1]);
		r->track_breaks.count += runs > 1 ? runs - 1 : 0;
	}
	free(used);
	return IGS_OK;
}

/* person_slot and attendee_slot: pairs of sessions with people that start in one slot of a
 * day in different rooms, whether or not they overlap in time. */
static int slot_people(igs_report *r, const igs_problem *p, const span *sp, int n_sp) {
	in_cell *c = malloc((size_t)(n_sp ? n_sp : 1) * sizeof *c);
	if (!c)
		return IGS_ENOMEM;
	int n = 0;
	for (int i = 0; i < n_sp; i++) {
		const igs_session *S = &p->sessions[sp[i].s];
		int slot = sp[i].r >= 0 && (S->n_people || S->n_attendees) ? igs_cell_slot(p, sp[i].t) : -1;
		if (slot >= 0) /* one cell per slot here, whatever the room */
			c[n++] = (in_cell){.cell = slot, .from = sp[i].from, .s = sp[i].s, .t = sp[i].t, .r = sp[i].r};
	}
	qsort(c, (size_t)n, sizeof *c, cmp_in_cell);
	for (int a = 0, b; a < n; a = b) {
		for (b = a; b < n && c[b].cell == c[a].cell; b++)
			;
		for (int i = a; i < b; i++)
			for (int j = i + 1; j < b; j++)
				if (c[i].r != c[j].r) {
					int att, both = igs_pair_people(p, c[i].s, c[j].s, &att);
					r->person_slot.count += both;
					r->attendee_slot.count += att;
				}
	}
	free(c);
	return IGS_OK;
}

static int parallel_violation(igs_report *r, const igs_problem *p, const span *sp, const int *active, int n_active,
			      const span *cur) {
	int cls = igs_parallel_class(p, cur->s);
	if (cls < 0)
		return IGS_OK;
	int running = 0, first = -1;
	char names[512] = "";
	size_t used = 0;
	bool cut = false;
	for (int j = 0; j < n_active; j++) {
		const span *o = &sp[active[j]];
		if (igs_parallel_class(p, o->s) != cls)
			continue;
		running++;
		if (first < 0)
			first = o->s;
		/* Name the running sessions while they fit; the count in the text stays exact. */
		const char *id = p->sessions[o->s].id;
		if (!cut && used + strlen(id) + 16 < sizeof names) {
			used += (size_t)snprintf(names + used, sizeof names - used, "%s'%s'", used ? ", " : "", id);
		} else if (!cut) {
			snprintf(names + used, sizeof names - used, ", ...");
			cut = true;
		}
	}
	if (!igs_parallel_full(p, cur->s, running))
		return IGS_OK;
	txt at = span_txt(p, cur->from, cur->to);
	return add_violation(r, IGS_V_MAX_PARALLEL, cur->s, first, -1, -1, -1, cur->t,
			     "'%s' (%s) starts while %d session%s of parallel class '%s' already run%s (%s); at most %d may "
			     "run at once",
			     p->sessions[cur->s].id, at.s, running, running == 1 ? "" : "s",
			     p->rules[p->sessions[cur->s].rule].parallel_class, running == 1 ? "s" : "", names,
			     igs_parallel_limit(p, cur->s));
}

/* One (theme, scheduled session) membership, for the per-theme terms. */
typedef struct {
	int theme, day, room, s;
	long from, to;
} member;

static int cmp_member_day(const void *x, const void *y) {
	const member *a = x, *b = y;
	if (a->theme != b->theme)
		return a->theme - b->theme;
	if (a->day != b->day)
		return a->day - b->day;
	if (a->room != b->room)
		return a->room - b->room;
	return a->s - b->s;
}

static int cmp_member_end(const void *x, const void *y) {
	const member *a = x, *b = y;
	if (a->theme != b->theme)
		return a->theme - b->theme;
	if (a->to != b->to)
		return a->to < b->to ? -1 : 1;
	if (a->from != b->from)
		return a->from < b->from ? -1 : 1;
	return a->s - b->s;
}

static uint64_t cand_day_mask(const igs_problem *p, const igs_session *S) {
	uint64_t m = 0;
	for (int k = 0; k < S->n_cand_times; k++) {
		int t = S->cand_times[k];
		if (t >= 0 && t < p->n_times && p->times[t].day < 64)
			m |= (uint64_t)1 << p->times[t].day;
	}
	return m;
}

static int popcount64(uint64_t m) {
	int n = 0;
	for (; m; m &= m - 1)
		n++;
	return n;
}

/* theme_spread, room_stability and order over memberships sorted by theme, day, room. */
/* type_spread: for each spread_days type, as theme_spread for a theme: n scheduled sessions
 * of the type, D the days on which one of them has a candidate time, excess over ⌈n / D⌉
 * per day. */
static int type_spread_count(const igs_problem *p, const igs_schedule *sch, double *out) {
	*out = 0;
	int nd = p->n_days > 0 ? p->n_days : 1;
	int *per_day = malloc((size_t)nd * sizeof *per_day);
	if (!per_day)
		return IGS_ENOMEM;
	for (int k = 0; k < p->n_rules; k++) {
		if (!p->rules[k].spread_days)
			continue;
		int n = 0;
		uint64_t days = 0;
		memset(per_day, 0, (size_t)nd * sizeof *per_day);
		for (int s = 0; s < p->n_sessions; s++)
			if (p->sessions[s].rule == k && sch->time[s] >= 0 && sch->time[s] < p->n_times) {
				n++;
				per_day[p->times[sch->time[s]].day]++;
				days |= cand_day_mask(p, &p->sessions[s]);
			}
		if (n == 0)
			continue;
		int D = popcount64(days);
		if (D == 0)
			D = nd;
		int fair = (n + D - 1) / D;
		for (int d = 0; d < p->n_days; d++)
			*out += per_day[d] > fair ? per_day[d] - fair : 0;
	}
	free(per_day);
	return IGS_OK;
}

static void theme_terms(igs_report *r, const igs_problem *p, const member *m, int nm) {
	for (int i = 0, j; i < nm; i = j) {
		int th = m[i].theme;
		uint64_t mask = 0;
		for (j = i; j < nm && m[j].theme == th; j++)
			mask |= cand_day_mask(p, &p->sessions[m[j].s]);
		int n_t = j - i, days = popcount64(mask);
		if (days == 0)
			days = p->n_days > 0 ? p->n_days : 1;
		int fair = (n_t + days - 1) / days;
		for (int k = i, l; k < j; k = l) {
			int rooms = 0, last = -1;
			for (l = k; l < j && m[l].day == m[k].day; l++)
				if (m[l].room >= 0 && m[l].room != last) {
					rooms++;
					last = m[l].room;
				}
			if (l - k > fair)
				r->theme_spread.count += l - k - fair;
			if (rooms >= 1)
				r->room_stability.count += rooms - 1;
		}
		for (int a = i; a < j; a++) {
			const igs_session *A = &p->sessions[m[a].s];
			if (A->order <= 0 || A->themes[0] != th)
				continue;
			for (int b = a + 1; b < j; b++) {
				const igs_session *B = &p->sessions[m[b].s];
				if (B->order <= 0 || B->themes[0] != th)
					continue;
				if ((A->order < B->order && m[a].from > m[b].from) ||
				    (B->order < A->order && m[b].from > m[a].from))
					r->order.count += 1;
			}
		}
	}
}

/* Largest set of pairwise non-overlapping sessions per theme (earliest end first is exact
 * for intervals), over memberships sorted by theme, end. */
static void theme_shares(igs_report *r, const member *m, int nm) {
	for (int i = 0, j; i < nm; i = j) {
		int th = m[i].theme, picked = 0;
		long last_end = LONG_MIN;
		for (j = i; j < nm && m[j].theme == th; j++)
			if (m[j].from >= last_end) {
				picked++;
				last_end = m[j].to;
			}
		r->theme_share[th] = (double)picked / (j - i);
	}
	int n = 0;
	double sum = 0;
	r->worst_share = 1.0;
	r->worst_theme = -1;
	for (int th = 0; th < r->n_themes; th++) {
		double x = r->theme_share[th];
		if (isnan(x))
			continue;
		n++;
		sum += x;
		if (r->worst_theme < 0 || x < r->worst_share) {
			r->worst_share = x;
			r->worst_theme = th;
		}
	}
	r->mean_share = n ? sum / n : 1.0;
}

/* Orders violations by kind, keeping discovery order within a kind, so text and JSON list
 * them the same way. */
static int group_by_kind(igs_report *r) {
	int n = r->n_violations;
	if (n == 0)
		return IGS_OK;
	igs_violation *v = malloc((size_t)n * sizeof *v);
	if (!v)
		return IGS_ENOMEM;
	int k = 0;
	for (int kind = 0; kind < IGS_V__COUNT; kind++)
		for (int i = 0; i < n; i++)
			if ((int)r->violations[i].kind == kind)
				v[k++] = r->violations[i];
	free(r->violations);
	r->violations = v;
	r->cap_violations = n;
	return IGS_OK;
}

double igs_fairness_of(const igs_problem *p, int attr, int value, int left_out) {
	int n = p->fair_optional[attr] ? p->fair_optional[attr][value] : 0;
	return n > 0 ? (double)left_out * left_out / n : 0;
}

/* Σ over stakeholder groups and regions of left_out² / proposed, over optional sessions:
 * for a fixed number left out it is least when each value loses in proportion to what it
 * proposed, so the solvers spread the cuts. */
static int fairness_count(const igs_problem *p, const igs_schedule *sch, double *out) {
	*out = 0;
	for (int a = 0; a < IGS_FAIR_ATTRS; a++) {
		if (p->n_fair[a] == 0)
			continue;
		int *left = calloc((size_t)p->n_fair[a], sizeof *left);
		if (!left)
			return IGS_ENOMEM;
		for (int s = 0; s < p->n_sessions; s++)
			if (sch->time[s] < 0 && p->sessions[s].optional && p->sessions[s].fair[a] >= 0)
				left[p->sessions[s].fair[a]]++;
		for (int v = 0; v < p->n_fair[a]; v++)
			*out += igs_fairness_of(p, a, v, left[v]);
		free(left);
	}
	return IGS_OK;
}

int igs_evaluate(igs_report **out, const igs_problem *p, const igs_schedule *sch) {
	int rc = IGS_OK;
	igs_report *r = NULL;
	span *sp = NULL;
	int *active = NULL;
	member *mb = NULL;
	*out = NULL;
	if (!p || !sch || sch->n != p->n_sessions) {
		rc = IGS_EUSAGE;
		goto cleanup;
	}
	int n = p->n_sessions;
	r = calloc(1, sizeof *r);
	sp = malloc((size_t)(n ? n : 1) * sizeof *sp);
	active = malloc((size_t)(n ? n : 1) * sizeof *active);
	long n_members = 0;
	for (int s = 0; s < n; s++)
		n_members += p->sessions[s].n_themes;
	mb = malloc((size_t)(n_members ? n_members : 1) * sizeof *mb);
	if (!r || !sp || !active || !mb) {
		rc = IGS_ENOMEM;
		goto cleanup;
	}
	r->n_themes = p->n_themes;
	r->theme_share = malloc((size_t)(p->n_themes ? p->n_themes : 1) * sizeof *r->theme_share);
	if (!r->theme_share) {
		rc = IGS_ENOMEM;
		goto cleanup;
	}
	for (int th = 0; th < p->n_themes; th++)
		r->theme_share[th] = NAN;

	/* Per session: left out, unary checks, one-placement costs. */
	int n_sp = 0, nm = 0;
	double priorities = 0;
	for (int s = 0; s < n && rc == IGS_OK; s++) {
		const igs_session *S = &p->sessions[s];
		int t = sch->time[s], rm = sch->room[s];
		if (t < 0) {
			r->n_unscheduled++;
			if (S->optional) {
				r->unscheduled.count += 1;
				priorities += S->priority;
				/* a published session dropped: its people must be told, as for a new day */
				if (igs_has_reference(p, s))
					r->change_day.count += people_affected(S);
			} else {
				const char *why = sch->reason ? sch->reason[s] : NULL;
				rc = add_violation(r, IGS_V_UNSCHEDULED, s, -1, -1, -1, -1, -1,
						   "required session '%s' (%s, %d min) is not scheduled%s%s", S->id, S->type,
						   S->duration, why ? ": " : "", why ? why : "");
			}
			continue;
		}
		r->n_scheduled++;
		rc = add_unary(r, p, s, t, rm);
		if (rc != IGS_OK || t >= p->n_times)
			continue;
		place_terms c = place_counts(p, s, t, rm);
		r->capacity_over.count += c.over;
		r->capacity_waste.count += c.waste;
		r->preference.count += c.pref;
		r->remote_hours.count += c.remote;
		r->change_day.count += c.change_day;
		r->change_time.count += c.change_time;
		r->change_room.count += c.change_room;
		span *x = &sp[n_sp++];
		x->s = s;
		x->t = t;
		x->r = rm >= 0 && rm < p->n_rooms ? rm : -1;
		igs_session_span(p, s, t, &x->from, &x->to);
		for (int k = 0; k < S->n_themes; k++)
			if (first_of(S->themes, k))
				mb[nm++] = (member){.theme = S->themes[k], .day = p->times[t].day, .room = x->r, .s = s,
						    .from = x->from, .to = x->to};
	}
	if (rc != IGS_OK)
		goto cleanup;

	/* Sweep in start order: the active list holds exactly the earlier sessions still
	 * running, so only overlapping pairs are ever compared. */
	qsort(sp, (size_t)n_sp, sizeof *sp, cmp_span);
	int n_active = 0;
	for (int i = 0; i < n_sp && rc == IGS_OK; i++) {
		const span *cur = &sp[i];
		int keep = 0;
		for (int j = 0; j < n_active; j++)
			if (sp[active[j]].to > cur->from)
				active[keep++] = active[j];
		n_active = keep;
		for (int j = 0; j < n_active && rc == IGS_OK; j++) {
			const span *o = &sp[active[j]];
			int themes, tags;
			double sim;
			pair_counts(p, &p->sessions[o->s], &p->sessions[cur->s], &themes, &tags, &sim);
			r->theme_clash.count += themes;
			r->tag_clash.count += tags;
			r->similarity_clash.count += sim;
			r->duplicate_clash.count += igs_dup_link(p, o->s, cur->s);
			r->attendee_clash.count += attendee_count(p, o->s, cur->s);
			r->clash_pairs += themes > 0 || tags > 0;
			rc = pair_violations(r, p, o, cur);
		}
		if (rc == IGS_OK)
			rc = parallel_violation(r, p, sp, active, n_active, cur);
		active[n_active++] = i;
	}
	if (rc != IGS_OK)
		goto cleanup;

	if (p->thematic_rooms && (rc = room_theme_violations(r, p, sp, n_sp)) != IGS_OK)
		goto cleanup;
	if ((rc = slot_people(r, p, sp, n_sp)) != IGS_OK || (rc = track_breaks(r, p, sp, n_sp)) != IGS_OK)
		goto cleanup;

	if ((rc = fairness_count(p, sch, &r->fairness.count)) != IGS_OK ||
	    (rc = type_spread_count(p, sch, &r->type_spread.count)) != IGS_OK)
		goto cleanup;
	qsort(mb, (size_t)nm, sizeof *mb, cmp_member_day);
	theme_terms(r, p, mb, nm);
	qsort(mb, (size_t)nm, sizeof *mb, cmp_member_end);
	theme_shares(r, mb, nm);

	const igs_weights *w = &p->weights;
#define IGS_COST(f, nm_, d, m, h) r->f.cost = w->f * r->f.count;
	IGS_WEIGHTS(IGS_COST)
#undef IGS_COST
	r->unscheduled.cost = w->unscheduled * priorities;
	r->total = 0;
#define IGS_SUM(f, nm_, d, m, h) r->total += r->f.cost;
	IGS_WEIGHTS(IGS_SUM)
#undef IGS_SUM
	rc = group_by_kind(r);
cleanup:
	free(sp);
	free(active);
	free(mb);
	if (rc == IGS_OK)
		*out = r;
	else
		igs_report_free(r);
	return rc;
}
