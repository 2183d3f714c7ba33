/* Problem lifecycle, lookups and the time arithmetic every module shares. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "model/problem.h"

void igs_weights_init(igs_weights *w) {
#define IGS_W_INIT(f, n, d, m, h) w->f = d;
	IGS_WEIGHTS(IGS_W_INIT)
#undef IGS_W_INIT
}

void igs_options_init(igs_options *o) {
#define IGS_O_INIT(t, n, d, lo, hi, h) o->n = d;
	IGS_OPTIONS(IGS_O_INIT)
#undef IGS_O_INIT
#define IGS_W_NAN(f, n, d, m, h) o->weights.f = NAN;
	IGS_WEIGHTS(IGS_W_NAN)
#undef IGS_W_NAN
	o->solver = IGS_SOLVER_AUTO;
	o->effort = IGS_EFFORT_MOVES;
	o->interrupt = NULL;
	o->live_progress = false;
}

#define IGS_W_STR(x) #x
#define IGS_W_XSTR(x) IGS_W_STR(x)
#define IGS_W_MAX_TEXT IGS_W_XSTR(IGS_WEIGHT_MAX)

int igs_options_validate(const igs_options *o, igs_diag *d) {
	if (!o)
		return igs_diag_add(d, "", "options", "none given (NULL): pass options set by igs_options_init"), IGS_EUSAGE;
	int rc = IGS_OK;
	/* The ranges are those of the table, so the CLI's flags and the library agree. */
#define IGS_O_CHECK(t, n, def, lo, hi, h)                                                          \
	if (!((double)o->n >= (lo) && (double)o->n <= (hi))) {                                     \
		igs_diag_add(d, "", "options." #n, "%.15g is out of range: give a %s from %.15g to %.15g", \
			     (double)o->n, (double)(t)0.5 == 0.5 ? "number" : "whole number", (double)(lo), \
			     (double)(hi));                                                            \
		rc = IGS_EUSAGE;                                                                   \
	}
	IGS_OPTIONS(IGS_O_CHECK)
#undef IGS_O_CHECK
#define IGS_W_CHECK(f, n, def, m, h)                                                                  \
	if (!(isnan(o->weights.f) || (o->weights.f >= 0 && o->weights.f <= IGS_WEIGHT_MAX))) {     \
		igs_diag_add(d, "", "options.weights." n,                                          \
			     "%.15g is out of range: give 0 to %s, or NaN to keep the problem's weight", \
			     o->weights.f, IGS_W_MAX_TEXT);                                            \
		rc = IGS_EUSAGE;                                                                   \
	}
	IGS_WEIGHTS(IGS_W_CHECK)
#undef IGS_W_CHECK
	if (o->solver != IGS_SOLVER_AUTO && o->solver != IGS_SOLVER_HEURISTIC && o->solver != IGS_SOLVER_EXACT) {
		igs_diag_add(d, "", "options.solver",
			     "%d is not a solver: use IGS_SOLVER_AUTO, IGS_SOLVER_HEURISTIC or IGS_SOLVER_EXACT", (int)o->solver);
		rc = IGS_EUSAGE;
	}
	if (o->effort != IGS_EFFORT_MOVES && o->effort != IGS_EFFORT_TIME) {
		igs_diag_add(d, "", "options.effort", "%d is not an effort: use IGS_EFFORT_MOVES or IGS_EFFORT_TIME",
			     (int)o->effort);
		rc = IGS_EUSAGE;
	}
	return rc;
}

void igs_problem_apply_options(igs_problem *p, const igs_options *o) {
#define IGS_W_APPLY(f, n, d, m, h)                                                                 \
	if (!isnan(o->weights.f))                                                                  \
		p->weights.f = o->weights.f;
	IGS_WEIGHTS(IGS_W_APPLY)
#undef IGS_W_APPLY
}

igs_problem *igs_problem_alloc(void) {
	igs_problem *p = calloc(1, sizeof *p);
	if (p) {
		p->join_gap = 30;
		p->dup_threshold = IGS_DUP_THRESHOLD;
		igs_weights_init(&p->weights);
	}
	return p;
}

void igs_problem_free(igs_problem *p) {
	if (!p)
		return;
	free(p->source);
	free(p->name);
	free(p->timezone);
	for (int i = 0; i < p->n_days; i++) {
		free(p->days[i].date);
		free(p->days[i].label);
		free(p->days[i].slots);
		for (int k = 0; p->days[i].slot_names && k < p->days[i].n_slots; k++)
			free(p->days[i].slot_names[k]);
		free(p->days[i].slot_names);
		free(p->days[i].starts);
	}
	free(p->days);
	free(p->times);
	for (int i = 0; i < p->n_rooms; i++) {
		free(p->rooms[i].id);
		free(p->rooms[i].name);
		free(p->rooms[i].unavailable);
	}
	free(p->rooms);
	for (int i = 0; i < p->n_themes; i++) {
		free(p->themes[i].id);
		free(p->themes[i].name);
		free(p->themes[i].chairs);
	}
	free(p->themes);
	free(p->theme_sim);
	for (int a = 0; a < IGS_FAIR_ATTRS; a++) {
		for (int i = 0; i < p->n_fair[a]; i++)
			free(p->fair_names[a][i]);
		free(p->fair_names[a]);
		free(p->fair_optional[a]);
	}
	free(p->ref_day);
	free(p->ref_start);
	free(p->ref_room);
	for (int i = 0; i < p->n_ref_cancelled; i++)
		free(p->ref_cancelled[i]);
	free(p->ref_cancelled);
	free(p->ref_source);
	free(p->dup_start);
	free(p->dup_other);
	free(p->dup_sim);
	free(p->parallel);
	free(p->parallel_min);
	free(p->parallel_mixed);
	for (int i = 0; i < p->n_tags; i++)
		free(p->tags[i]);
	free(p->tags);
	for (int i = 0; i < p->n_features; i++)
		free(p->features[i]);
	for (int i = 0; i < p->n_people; i++) {
		free(p->people[i].id);
		free(p->people[i].name);
		free(p->people[i].available);
	}
	free(p->people);
	for (int i = 0; i < p->n_groups; i++) {
		free(p->groups[i].id);
		free(p->groups[i].name);
		free(p->groups[i].kind);
		free(p->groups[i].topics);
	}
	free(p->groups);
	for (int i = 0; i < p->n_rules; i++) {
		free(p->rules[i].type);
		free(p->rules[i].parallel_class);
		free(p->rules[i].apart);
		free(p->rules[i].apart_theme);
	}
	free(p->rules);
	for (int i = 0; i < p->n_sessions; i++) {
		igs_session *s = &p->sessions[i];
		free(s->id);
		free(s->title);
		free(s->type);
		free(s->description);
		free(s->themes);
		free(s->tags);
		free(s->people);
		free(s->attendees);
		free(s->groups);
		free(s->allowed_times);
		free(s->forbidden_times);
		free(s->prefer);
		free(s->cand_times);
		free(s->cand_rooms);
	}
	free(p->sessions);
	free(p);
}

/* Linear lookups: they run at load time and on schedule reading, never in solver loops,
 * so a hash table would buy nothing measurable at IGF sizes. */
#define IGS_FIND_BY_ID(fn, arr, count)                                                             \
	int fn(const igs_problem *p, const char *id) {                                             \
		for (int i = 0; i < p->count; i++)                                                 \
			if (strcmp(p->arr[i].id, id) == 0)                                         \
				return i;                                                          \
		return -1;                                                                         \
	}
IGS_FIND_BY_ID(igs_problem_find_room, rooms, n_rooms)
IGS_FIND_BY_ID(igs_problem_find_theme, themes, n_themes)
IGS_FIND_BY_ID(igs_problem_find_person, people, n_people)
IGS_FIND_BY_ID(igs_problem_find_group, groups, n_groups)
IGS_FIND_BY_ID(igs_problem_find_session, sessions, n_sessions)
#undef IGS_FIND_BY_ID

int igs_problem_find_day(const igs_problem *p, const char *ref) {
	for (int i = 0; i < p->n_days; i++)
		if (strcmp(p->days[i].date, ref) == 0 || strcmp(p->days[i].label, ref) == 0)
			return i;
	return -1;
}

int igs_problem_find_time(const igs_problem *p, int day, int start) {
	int lo = 0, hi = p->n_times - 1;
	long key = (long)day * 1440L + start;
	while (lo <= hi) {
		int mid = (lo + hi) / 2;
		long v = igs_time_abs(p, mid);
		if (v == key)
			return mid;
		if (v < key)
			lo = mid + 1;
		else
			hi = mid - 1;
	}
	return -1;
}

int igs_problem_find_rule(const igs_problem *p, const char *type) {
	for (int i = 0; i < p->n_rules; i++)
		if (strcmp(p->rules[i].type, type) == 0)
			return i;
	return -1;
}

int igs_day_slot_of(const igs_day *d, int start) {
	for (int k = 0; k < d->n_slots; k++)
		if (d->slots[k].from <= start && start < d->slots[k].to)
			return k;
	return -1;
}

bool igs_day_fits(const igs_problem *p, int day, int start, int duration) {
	const igs_day *d = &p->days[day];
	int end = start + duration;
	for (int k = 0; k < d->n_slots; k++) {
		if (start < d->slots[k].from || start >= d->slots[k].to)
			continue;
		/* Walk forward through slots joined by short gaps until the session ends. */
		int reach = d->slots[k].to;
		for (int m = k + 1; reach < end && m < d->n_slots; m++) {
			if (d->slots[m].from - reach > p->join_gap)
				break;
			reach = d->slots[m].to;
		}
		return end <= reach;
	}
	return false;
}

bool igs_windows_contain(const igs_window *w, int n, int day, int from, int to) {
	for (int i = 0; i < n; i++)
		if ((w[i].day < 0 || w[i].day == day) && w[i].from <= from && to <= w[i].to)
			return true;
	return false;
}

bool igs_windows_meet(const igs_window *w, int n, int day, int from, int to) {
	for (int i = 0; i < n; i++)
		if ((w[i].day < 0 || w[i].day == day) && w[i].from < to && from < w[i].to)
			return true;
	return false;
}

void igs_problem_describe(const igs_problem *p, FILE *out) {
	long demand = 0, optional_demand = 0, room_time = 0;
	int n_optional = 0;
	for (int i = 0; i < p->n_sessions; i++) {
		if (p->sessions[i].optional) {
			n_optional++;
			optional_demand += p->sessions[i].duration;
		} else {
			demand += p->sessions[i].duration;
		}
	}
	for (int d = 0; d < p->n_days; d++)
		for (int k = 0; k < p->days[d].n_slots; k++)
			room_time += (long)(p->days[d].slots[k].to - p->days[d].slots[k].from);
	room_time *= p->n_rooms;
	fprintf(out,
		"%s: %d days, %d rooms, %d themes, %d people, %d groups; %d sessions (%d optional); "
		"demand %.1f h required + %.1f h optional of %.1f room-hours\n",
		p->name, p->n_days, p->n_rooms, p->n_themes, p->n_people, p->n_groups, p->n_sessions,
		n_optional, demand / 60.0, optional_demand / 60.0, room_time / 60.0);
}

bool igs_grow(void **v, int *cap, int need, size_t size) {
	if (need <= *cap)
		return true;
	int n = *cap ? *cap : 64;
	while (n < need)
		n *= 2;
	void *q = realloc(*v, (size_t)n * size);
	if (!q)
		return false;
	*v = q;
	*cap = n;
	return true;
}
