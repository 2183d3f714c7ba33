/* CoSPLib instances and solutions as igfsched problems and schedules (docs/COSPLIB.md,
 * "import-cosplib"); the way back is cosplib/write.h. CoSPLib's words (session, submission)
 * stay at this boundary: inside, a CoSPLib block is a named slot of a day and a submission a
 * session. */
#ifndef IGS_COSPLIB_IMPORT_H
#define IGS_COSPLIB_IMPORT_H

#include "igfsched.h"

/* A weighted penalty at least this large is what CoSPLib's data use for "never" (10,000 in the
 * penalty matrices): such a room in a block, or a room for a track, becomes a hard rule. */
#define IGS_COSPLIB_FORBIDDEN 10000LL

typedef struct {
	int days, slots, rooms, themes, sessions, people;
	int slot_minutes;          /* L: the common timeslot length */
	int room_rules;            /* sessions given a hard room restriction (forbidden rooms) */
	int room_rules_lost;       /* sessions whose forbidden rooms could not be expressed */
	int scheduled, unscheduled; /* of the imported solution, when one was given */
	/* For a schedule placing every session, igfsched's preference count is this constant plus
	 * the sum of the sessions' weighted CoSPLib block penalties: session, time-zone and track
	 * penalties (build_prefer). */
	long long preference_constant;
} igs_cosplib_import_stats;

/* Writes the igfsched problem of the CoSPLib instance at instance_path to problem_out and, when
 * solution_path is given, the schedule of that solution to schedule_out (both or neither).
 * Both outputs are written atomically; the problem is loaded back before it is committed, and
 * on any error neither file is left behind. Every problem is reported in d with its file and
 * JSON path. st may be NULL. */
int igs_cosplib_import(const char *instance_path, const char *problem_out, const char *solution_path,
		       const char *schedule_out, igs_cosplib_import_stats *st, igs_diag *d);

#endif
