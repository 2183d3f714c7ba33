/* CoSPLib solutions written as "cosplib-solution/1" files: a solution of an instance (the
 * search's output), and an igfsched schedule of a problem with named slots (--format cosplib). */
#ifndef IGS_COSPLIB_WRITE_H
#define IGS_COSPLIB_WRITE_H

#include "cosplib/bound.h"
#include "cosplib/eval.h"
#include "cosplib/instance.h"
#include "cosplib/search.h"
#include "igfsched.h"

/* Writes s as a "cosplib-solution/1" file (atomically; "-" is standard output); note goes under
 * "source" with the program's name and version. */
int igs_cosplib_solution_write(const igs_cosplib *c, const igs_cosplib_solution *s, const char *note,
			       const char *path, igs_diag *d);
/* The same with "conversion_notes": what the file cannot say (n_notes strings, may be 0). */
int igs_cosplib_solution_write_notes(const igs_cosplib *c, const igs_cosplib_solution *s, const char *note,
				     const char *const *notes, int n_notes, const char *path, igs_diag *d);

/* Writes schedule s as a "cosplib-solution/1" file (the writer of --format cosplib): a block is
 * the name of the slot holding a session's start, its timeslots the indices of the day's starts
 * inside that slot that the session covers, a cell's track the first theme of its sessions.
 * IGS_EINPUT (said in d) when a placed session starts in an unnamed slot. */
int igs_cosplib_write_schedule(const igs_schedule *s, const char *path, igs_diag *d);

/* Writes cosplib-solve --stats: the search's statistics and trace, the solution's evaluation
 * (r), and the bound and gap (b may be NULL: none asked for), atomically to path. */
int igs_cosplib_stats_write(const igs_cosplib_search_stats *st, const igs_cosplib_report *r, const igs_cosplib *inst,
			    long seed, const igs_cosplib_bound *b, const char *path, igs_diag *d);

#endif
