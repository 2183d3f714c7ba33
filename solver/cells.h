/* Thematic-room cells for the solvers: per (slot, room) how many sessions are placed and
 * their shared track, so meeting.thematic_rooms is checked per placement in constant time.
 * The rule itself is model/place.c's (igs_track_of, igs_cell_slot); this is its index. */
#ifndef IGS_SOLVER_CELLS_H
#define IGS_SOLVER_CELLS_H

#include <stdbool.h>

#include "model/problem.h"

typedef struct igs_cells igs_cells;

/* An empty table; with the rule off it accepts everything and holds nothing. NULL when
 * out of memory. */
igs_cells *igs_cells_new(const igs_problem *p);
void igs_cells_free(igs_cells *c);
/* Empties every cell. */
void igs_cells_clear(igs_cells *c);

/* The cell of a placement, or -1 when the rule is off or the start lies in no slot. */
int igs_cells_index(const igs_cells *c, int t, int r);
void igs_cells_add(igs_cells *c, int s, int t, int r);
void igs_cells_del(igs_cells *c, int s, int t, int r);
/* May s join (t, r) given what the cell holds, less 'leaving' of its sessions (moving out in
 * the same move)? Only an empty cell, or one whose sessions all have s's track. */
bool igs_cells_accepts(const igs_cells *c, int s, int t, int r, int leaving);

#endif
