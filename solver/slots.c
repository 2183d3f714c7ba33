/* Slot index: the placed sessions with people per slot of a day, for person_slot and
 * attendee_slot. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "solver/evaluate.h"
#include "solver/slots.h"

struct igs_slots {
	const igs_problem *p;
	bool on;
	double w_person, w_attend;
	int *slot_of;   /* per time index: its slot across the days, or -1 */
	uint64_t *sig;  /* per session: a hash of its people and attendees (0: none) */
	/* Members of slot k: item[off[k] .. off[k] + cnt[k]), with their rooms in room[]; each
	 * slot is sized for every session that could start in it, so adding never overflows. */
	long *off;
	int *cnt, *item, *room;
	int n_slots;
};

static uint64_t bit_of(int person) {
	return (uint64_t)1 << (((unsigned)person * 2654435761u) >> 26);
}

igs_slots *igs_slots_new(const igs_problem *p, const igs_schedule *s) {
	igs_slots *x = calloc(1, sizeof *x);
	int *stamp = NULL;
	if (!x)
		return NULL;
	x->p = p;
	x->w_person = p->weights.person_slot;
	x->w_attend = p->weights.attendee_slot;
	for (int d = 0; d < p->n_days; d++)
		x->n_slots += p->days[d].n_slots;
	x->sig = calloc((size_t)p->n_sessions + 1, sizeof *x->sig);
	if (!x->sig)
		goto fail;
	bool social = false;
	for (int i = 0; i < p->n_sessions; i++) {
		const igs_session *S = &p->sessions[i];
		for (int k = 0; k < S->n_people; k++)
			x->sig[i] |= bit_of(S->people[k].person);
		for (int k = 0; k < S->n_attendees; k++)
			x->sig[i] |= bit_of(S->attendees[k]);
		social = social || x->sig[i];
	}
	x->on = (x->w_person != 0 || x->w_attend != 0) && social && x->n_slots > 0 && p->n_times > 0;
	if (!x->on)
		return x;
	x->slot_of = malloc((size_t)p->n_times * sizeof *x->slot_of);
	x->off = calloc((size_t)x->n_slots + 1, sizeof *x->off);
	x->cnt = calloc((size_t)x->n_slots, sizeof *x->cnt);
	stamp = calloc((size_t)x->n_slots, sizeof *stamp);
	if (!x->slot_of || !x->off || !x->cnt || !stamp)
		goto fail;
	for (int t = 0; t < p->n_times; t++)
		x->slot_of[t] = igs_cell_slot(p, t);
	for (int i = 0; i < p->n_sessions; i++) {
		const igs_session *S = &p->sessions[i];
		if (!x->sig[i])
			continue;
		for (int k = -1; k < S->n_cand_times; k++) {
			int t = k < 0 ? (s ? s->time[i] : -1) : S->cand_times[k];
			int slot = t >= 0 && t < p->n_times ? x->slot_of[t] : -1;
			if (slot >= 0 && stamp[slot] != i + 1) {
				stamp[slot] = i + 1;
				x->off[slot + 1]++;
			}
		}
	}
	for (int k = 0; k < x->n_slots; k++)
		x->off[k + 1] += x->off[k];
	size_t total = (size_t)(x->off[x->n_slots] ? x->off[x->n_slots] : 1);
	x->item = malloc(total * sizeof *x->item);
	x->room = malloc(total * sizeof *x->room);
	if (!x->item || !x->room)
		goto fail;
	free(stamp);
	return x;
fail:
	free(stamp);
	igs_slots_free(x);
	return NULL;
}

void igs_slots_free(igs_slots *x) {
	if (!x)
		return;
	free(x->slot_of);
	free(x->sig);
	free(x->off);
	free(x->cnt);
	free(x->item);
	free(x->room);
	free(x);
}

bool igs_slots_on(const igs_slots *x) {
	return x->on;
}

void igs_slots_clear(igs_slots *x) {
	if (x->on)
		memset(x->cnt, 0, (size_t)x->n_slots * sizeof *x->cnt);
}

static int slot_at(const igs_slots *x, int s, int t) {
	return x->on && x->sig[s] && t >= 0 ? x->slot_of[t] : -1;
}

void igs_slots_add(igs_slots *x, int s, int t, int r) {
	int k = slot_at(x, s, t);
	if (k < 0)
		return;
	long at = x->off[k] + x->cnt[k]++;
	x->item[at] = s;
	x->room[at] = r;
}

void igs_slots_del(igs_slots *x, int s, int t, int r) {
	(void)r;
	int k = slot_at(x, s, t);
	if (k < 0)
		return;
	int *it = x->item + x->off[k], *rm = x->room + x->off[k];
	for (int i = 0; i < x->cnt[k]; i++)
		if (it[i] == s) {
			int last = --x->cnt[k];
			it[i] = it[last];
			rm[i] = rm[last];
			return;
		}
}

/* Weighted cost of two sessions known to start in one slot in different rooms. */
static double cost(const igs_slots *x, int a, int b) {
	if (!(x->sig[a] & x->sig[b]))
		return 0;
	int att, both = igs_pair_people(x->p, a, b, &att);
	return x->w_person * both + x->w_attend * att;
}

double igs_slots_cost(const igs_slots *x, int s, int t, int r, const int *skip, int n_skip) {
	int k = slot_at(x, s, t);
	if (k < 0)
		return 0;
	double sum = 0;
	const int *it = x->item + x->off[k], *rm = x->room + x->off[k];
	for (int i = 0; i < x->cnt[k]; i++) {
		int o = it[i];
		if (o == s || rm[i] == r)
			continue;
		bool skipped = false;
		for (int j = 0; j < n_skip && !skipped; j++)
			skipped = skip[j] == o;
		if (!skipped)
			sum += cost(x, s, o);
	}
	return sum;
}

double igs_slots_pair(const igs_slots *x, int a, int ta, int ra, int b, int tb, int rb) {
	int ka = slot_at(x, a, ta), kb = slot_at(x, b, tb);
	if (ka < 0 || ka != kb || ra == rb || a == b)
		return 0;
	return cost(x, a, b);
}

double igs_slots_total(const igs_slots *x) {
	double sum = 0;
	for (int k = 0; x->on && k < x->n_slots; k++) {
		const int *it = x->item + x->off[k], *rm = x->room + x->off[k];
		for (int i = 0; i < x->cnt[k]; i++)
			for (int j = i + 1; j < x->cnt[k]; j++)
				if (rm[i] != rm[j])
					sum += cost(x, it[i], it[j]);
	}
	return sum;
}
