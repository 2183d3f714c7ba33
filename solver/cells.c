/* Thematic-room cells: counts and tracks per (slot, room) for meeting.thematic_rooms. */
#include <stdlib.h>
#include <string.h>

#include "model/place.h"
#include "solver/cells.h"

struct igs_cells {
	const igs_problem *p;
	bool on;
	int n_rooms;
	int *slot_of; /* per time index: its slot across the days, or -1 */
	/* Per cell: sessions, the track of the first to arrive, and how many have that track. A
	 * cell where the two counts differ is mixed (a draft that breaks the rule): it takes no
	 * one until it is empty, so no move adds a violation. */
	int *n, *track, *same;
	size_t n_cells;
};

igs_cells *igs_cells_new(const igs_problem *p) {
	igs_cells *c = calloc(1, sizeof *c);
	if (!c)
		return NULL;
	c->p = p;
	c->on = p->thematic_rooms && p->n_rooms > 0;
	c->n_rooms = p->n_rooms;
	if (!c->on)
		return c;
	int slots = 0;
	for (int d = 0; d < p->n_days; d++)
		slots += p->days[d].n_slots;
	size_t cells = (size_t)(slots ? slots : 1) * (size_t)p->n_rooms;
	c->n_cells = cells;
	c->slot_of = malloc((size_t)(p->n_times ? p->n_times : 1) * sizeof *c->slot_of);
	c->n = calloc(cells, sizeof *c->n);
	c->track = malloc(cells * sizeof *c->track);
	c->same = calloc(cells, sizeof *c->same);
	if (!c->slot_of || !c->n || !c->track || !c->same) {
		igs_cells_free(c);
		return NULL;
	}
	for (int t = 0; t < p->n_times; t++)
		c->slot_of[t] = igs_cell_slot(p, t);
	return c;
}

void igs_cells_free(igs_cells *c) {
	if (!c)
		return;
	free(c->slot_of);
	free(c->n);
	free(c->track);
	free(c->same);
	free(c);
}

void igs_cells_clear(igs_cells *c) {
	if (c->on) {
		memset(c->n, 0, c->n_cells * sizeof *c->n);
		memset(c->same, 0, c->n_cells * sizeof *c->same);
	}
}

int igs_cells_index(const igs_cells *c, int t, int r) {
	if (!c->on || t < 0 || r < 0 || c->slot_of[t] < 0)
		return -1;
	return c->slot_of[t] * c->n_rooms + r;
}

void igs_cells_add(igs_cells *c, int s, int t, int r) {
	int k = igs_cells_index(c, t, r);
	if (k < 0)
		return;
	int tr = igs_track_of(c->p, s);
	if (c->n[k]++ == 0)
		c->track[k] = tr;
	c->same[k] += c->track[k] == tr;
}

void igs_cells_del(igs_cells *c, int s, int t, int r) {
	int k = igs_cells_index(c, t, r);
	if (k < 0 || c->n[k] == 0)
		return;
	c->same[k] -= c->same[k] > 0 && c->track[k] == igs_track_of(c->p, s);
	if (--c->n[k] == 0)
		c->same[k] = 0;
}

bool igs_cells_accepts(const igs_cells *c, int s, int t, int r, int leaving) {
	int k = igs_cells_index(c, t, r);
	if (k < 0 || c->n[k] - leaving <= 0)
		return true;
	return c->n[k] == c->same[k] && c->track[k] == igs_track_of(c->p, s);
}
