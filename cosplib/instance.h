/* CoSPLib benchmark instances and solutions (FORMAT.md of the data set) read into index arrays.
 *
 * Vocabulary: CoSPLib calls a time block a "session" and a talk a "submission"; igfsched says
 * session for a talk. Here CoSPLib's sessions are *blocks* and its submissions are *items*;
 * CoSPLib's own words appear only where the file format is quoted (JSON keys, paths, messages
 * about the file). Tracks and rooms keep their names. Every name (block, room, track, item,
 * person) is resolved to an index at load, so the evaluator never compares strings. */
#ifndef IGS_COSPLIB_INSTANCE_H
#define IGS_COSPLIB_INSTANCE_H

#include <stdbool.h>

#include "igfsched.h"

/* The 16 weighted components of the objective, in the order of the instance's "weights"
 * object (OBJECTIVE.md §4); X(field, JSON key). */
#define IGS_COSPLIB_COMPONENTS(X)                                                                  \
	X(tracks_sessions, "tracks_sessions")                                                      \
	X(tracks_rooms, "tracks_rooms")                                                            \
	X(sessions_rooms, "sessions_rooms")                                                        \
	X(similar_tracks, "similar_tracks")                                                        \
	X(rooms_per_track, "rooms_per_track")                                                      \
	X(parallel_tracks, "parallel_tracks")                                                      \
	X(consecutive_tracks, "consecutive_tracks")                                                \
	X(submissions_timezones, "submissions_timezones")                                          \
	X(submissions_order, "submissions_order")                                                  \
	X(submissions_sessions, "submissions_sessions")                                            \
	X(submissions_rooms, "submissions_rooms")                                                  \
	X(presenters_conflicts, "presenters_conflicts")                                            \
	X(attendees_conflicts, "attendees_conflicts")                                              \
	X(chairs_conflicts, "chairs_conflicts")                                                    \
	X(presenters_conflicts_timeslot, "presenters_conflicts_timeslot")                          \
	X(attendees_conflicts_timeslot, "attendees_conflicts_timeslot")

typedef enum {
#define IGS_CP_ENUM(f, k) IGS_CP_##f,
	IGS_COSPLIB_COMPONENTS(IGS_CP_ENUM)
#undef IGS_CP_ENUM
		IGS_CP__COUNT
} igs_cosplib_component;

/* JSON key of a component ("tracks_sessions", ...). */
const char *igs_cosplib_component_key(igs_cosplib_component c);

/* Weights and penalties are bounded so that every total fits in 64 bits (see the loader). */
#define IGS_COSPLIB_MAX_VALUE 1000000LL
#define IGS_COSPLIB_MAX_SLOTS 100000 /* slot entries of the whole grid: blocks x rooms x slots */
#define IGS_COSPLIB_MAX_ITEMS 4096   /* items and tracks: their pair tables are dense */

typedef struct {
	char *name;
	int slots;      /* "max_timeslots": slots per room, the same in every room */
	int start, end; /* local clock, minutes after midnight */
	char *date;     /* "date" as written, NULL when absent: the objective never reads it */
	int first_slot; /* index of (block, room 0, slot 0) in the solution's slot layer */
} igs_cosplib_block;

typedef struct {
	char *name;
	int *chairs; /* person ids, ascending, distinct */
	int n_chairs;
} igs_cosplib_track;

typedef struct {
	char *name;
	int track;
	int req;        /* "required_timeslots" */
	int order;      /* wanted 1-based position in its track; 0: no wish */
	int utc_offset; /* hours */
	int *presenters, *attendees; /* person ids, ascending, distinct */
	int n_presenters, n_attendees;
} igs_cosplib_item;

typedef struct {
	char *name, *file;
	int n_blocks, n_rooms, n_tracks, n_items, n_people, n_slots;
	igs_cosplib_block *blocks;
	char **rooms;
	igs_cosplib_track *tracks;
	igs_cosplib_item *items;
	char **people; /* presenters, attendees and chairs, interned */
	long long weight[IGS_CP__COUNT];
	/* "parameters": kept for the import (cosplib/import.c); the evaluator reads item_tz. */
	int local_utc_offset;           /* hours */
	int suitable[2], less_suitable[2]; /* [from, to], minutes after midnight */
	long long less_suitable_penalty, unsuitable_penalty;
	/* Dense tables, row-major; 0 where the file lists nothing. */
	long long *item_block; /* [item][block]: "session_penalties" */
	long long *item_room;  /* [item][room]: "room_penalties" */
	long long *item_tz;    /* [item][block]: time-zone penalty of the block's clock times */
	long long *track_block, *track_room, *block_room;
	long long *similar; /* [track][track], symmetric, 0 on the diagonal */
	/* Conflict relations (OBJECTIVE.md §3.1), symmetric, 0 on the diagonal. */
	unsigned char *presenter_conflict; /* [item][item] */
	unsigned char *attendee_conflict;  /* [item][item] */
	unsigned char *chair_conflict;     /* [track][track] */
} igs_cosplib;

/* The two layers of a schedule (OBJECTIVE.md §2). */
typedef struct {
	int *track; /* [block * n_rooms + room]: track index, or -1 */
	int *slot;  /* [blocks[b].first_slot + room * blocks[b].slots + k]: item index, or -1 */
} igs_cosplib_solution;

/* Reads a "cosplib-instance/1" file; on failure *out is NULL and d holds every problem found,
 * each with the file, its JSON path and a fix. */
int igs_cosplib_load(igs_cosplib **out, const char *path, igs_diag *d);
void igs_cosplib_free(igs_cosplib *c);

/* Reads a "cosplib-solution/1" file of instance c, reporting like igs_cosplib_load. */
int igs_cosplib_solution_load(igs_cosplib_solution **out, const igs_cosplib *c, const char *path, igs_diag *d);
void igs_cosplib_solution_free(igs_cosplib_solution *s);

/* An empty schedule of instance c: no track in any cell, every slot empty. */
int igs_cosplib_solution_new(igs_cosplib_solution **out, const igs_cosplib *c);

#endif
