/* The programme model: every entity of a meeting, resolved to indices after loading.
 *
 * Internal to libigfsched: io/ fills it, solver/ reads it, cli/ sees only igfsched.h.
 * All times are minutes since midnight of a day, local meeting time; a placement is
 * (time index, room index) where a time index names one (day, start) pair. */
#ifndef IGS_MODEL_PROBLEM_H
#define IGS_MODEL_PROBLEM_H

#include <stdbool.h>
#include <stdint.h>

#include "igfsched.h"

/* Features are interned into a 64-bit mask: ample for room equipment, and the
 * loader rejects a 65th distinct name with a clear message. */
#define IGS_MAX_FEATURES 64
typedef uint64_t igs_featmask;

typedef struct {
	int from, to; /* [from, to) in minutes since midnight */
} igs_interval;

typedef struct {
	int day;      /* day index, or -1 for every day */
	int from, to; /* [from, to) minutes */
} igs_window;

typedef struct {
	char *date;  /* "YYYY-MM-DD" */
	char *label; /* "Day 0", "Day 1" … */
	bool pre_event; /* a Day 0: only types whose rule allows pre-event days run here */
	int n_slots;
	igs_interval *slots; /* sorted, disjoint */
	char **slot_names;   /* n_slots entries, an entry NULL when that slot is unnamed; NULL when none is named */
	int n_starts;
	int *starts; /* allowed start minutes, sorted, unique */
} igs_day;

typedef struct {
	int day, start; /* one allowed (day, start) pair */
} igs_time;

typedef struct {
	char *id, *name;
	int capacity; /* 0 = unknown */
	igs_featmask features;
	int n_unavailable;
	igs_window *unavailable;
} igs_room;

typedef struct {
	char *id, *name;
	/* People who chair the theme's track; the loader adds them, as chairs, to the people of
	 * every session whose first theme this is. */
	int n_chairs;
	int *chairs;
} igs_theme;

typedef struct {
	char *id, *name;
	bool remote;
	int utc_offset;  /* minutes east of UTC; meaningful when remote */
	int n_available; /* local-time windows the person can take part in (day = -1) */
	igs_interval *available;
} igs_person;

typedef struct {
	char *id, *name, *kind; /* kind: "dc", "bpf", "pn", "nri", … free string */
	int n_topics;
	int *topics; /* tag indices */
} igs_group;

typedef enum { IGS_ROLE_ORGANISER, IGS_ROLE_SPEAKER, IGS_ROLE_MODERATOR, IGS_ROLE_CHAIR, IGS_ROLE_OTHER } igs_role;

typedef struct {
	int person;
	igs_role role;
} igs_participation;

typedef struct {
	igs_window when;
	double weight;
} igs_preference;

/* The attributes the fairness term balances over: stakeholder group and region. */
#define IGS_FAIR_ATTRS 2

/* Rules shared by every session of one type. Defaults live in model/rules.c. */
typedef struct {
	char *type;
	igs_featmask room_features; /* rooms must have all of these */
	bool exclusive;             /* nothing else may overlap it */
	char *parallel_class;       /* sessions of one class share max_parallel; NULL = none */
	int max_parallel;           /* 0 = unlimited */
	bool pre_event_days;        /* may run on pre-event days (Day 0) */
	bool main_days;             /* may run on ordinary days */
	bool capacity_hard;         /* attendance above room capacity is a hard violation */
	bool spread_days;           /* its sessions spread over the days (the type_spread term) */
	/* Types (rule indices) whose sessions may never overlap one of this type: all of them,
	 * or those sharing a theme with it. One side naming the other is enough. */
	int n_apart, *apart;
	int n_apart_theme, *apart_theme;
} igs_type_rule;

typedef struct {
	char *id, *title, *type, *description;
	int rule; /* index into problem->rules */
	int duration; /* minutes, > 0 */
	int n_themes;
	int *themes;
	int n_tags;
	int *tags;
	int n_people;
	igs_participation *people;
	/* People who want to attend but are not needed: their clashes are soft (attendee_clash,
	 * attendee_slot). Never one of the session's own people. */
	int n_attendees;
	int *attendees;
	int n_groups;
	int *groups;
	int attendance; /* expected, 0 = unknown */
	igs_featmask requires; /* session's own requirements; rule's are added in 'needs' */
	igs_featmask needs;    /* requires | rule room_features */
	int min_capacity;      /* hard: room capacity at least this (0 = none) */
	double priority;       /* > 0; weight of leaving an optional session out */
	bool optional;
	int pin_day, pin_start, pin_room; /* -1 = not pinned */
	uint64_t allowed_days;            /* bit d set: may run on day d */
	int n_allowed_times;              /* if > 0, must lie inside one of these */
	igs_window *allowed_times;
	int n_forbidden_times;
	igs_window *forbidden_times;
	int n_prefer;
	igs_preference *prefer;
	int order; /* position within its first theme's track, 0 = none */
	int fair[IGS_FAIR_ATTRS]; /* index of its stakeholder group and region in the problem's lists, -1 = none */

	/* derived by igs_problem_prepare */
	int n_cand_times;
	int *cand_times; /* time indices where the session fits the day, its windows and pins */
	int n_cand_rooms;
	int *cand_rooms; /* rooms with the features, capacity and pin */
} igs_session;



struct igs_problem {
	char *source; /* file it was loaded from, for messages */
	char *name, *timezone;
	int utc_offset; /* minutes east of UTC */
	int join_gap;   /* a session may run through gaps between slots up to this long */
	/* meeting.thematic_rooms: the sessions a room hosts within one slot of a day share their
	 * first theme (or all have none), as thematic tracks and paper-conference tracks do. */
	bool thematic_rooms;

	int n_days;
	igs_day *days;
	int n_times;
	igs_time *times; /* all (day, start) pairs, sorted by day then start */
	int n_rooms;
	igs_room *rooms;
	int n_themes;
	igs_theme *themes;
	double *theme_sim; /* n_themes × n_themes, symmetric, diagonal 0 */
	int n_tags;
	char **tags;
	int n_features;
	char *features[IGS_MAX_FEATURES];
	int n_people;
	igs_person *people;
	int n_groups;
	igs_group *groups;
	int n_rules;
	igs_type_rule *rules;
	int n_sessions;
	igs_session *sessions;
	igs_weights weights;

	/* Fairness (stakeholder group, region): the distinct values of each attribute and how many
	 * optional sessions carry each. */
	int n_fair[IGS_FAIR_ATTRS];
	char **fair_names[IGS_FAIR_ATTRS];
	int *fair_optional[IGS_FAIR_ATTRS];

	/* Reference of a revision (igs_problem_set_reference), or NULL: per session its published
	 * day index (-1: none, or a day the problem no longer has), start minute (-1: not
	 * published) and room index (-1: none, or a room that fell out); and the ids of
	 * published sessions the problem no longer has. */
	int *ref_day, *ref_start, *ref_room;
	int n_ref_cancelled;
	char **ref_cancelled;
	char *ref_source;

	/* Near-duplicate proposals (model/similarity.c), for the duplicate_clash term: the
	 * partners of session s are dup_other[dup_start[s] .. dup_start[s + 1]), sorted, with
	 * their similarity in dup_sim. Built by igs_problem_prepare from meeting.duplicate_threshold. */
	double dup_threshold;
	int *dup_start;
	int *dup_other;
	double *dup_sim;
	/* Whether the pair search stopped at the load's time limit, before session dup_done (of
	 * n_sessions), after scoring dup_scored candidate pairs (igs_problem_load_warning). */
	bool dup_stopped;
	int dup_done;
	long long dup_scored;

	/* max_parallel's classes, interned by igs_problem_prepare (model/place.c): session s
	 * belongs to class parallel[s], -1 when its rule names none or sets no limit; classes are
	 * numbered in order of their first session. Per class: the smallest limit of its
	 * sessions' types, and whether those limits differ. */
	int n_parallel;
	int *parallel;
	int *parallel_min;
	bool *parallel_mixed;
};

/* Interning and lookup; -1 when absent. */
int igs_problem_find_room(const igs_problem *p, const char *id);
int igs_problem_find_theme(const igs_problem *p, const char *id);
int igs_problem_find_person(const igs_problem *p, const char *id);
int igs_problem_find_group(const igs_problem *p, const char *id);
int igs_problem_find_session(const igs_problem *p, const char *id);
int igs_problem_find_day(const igs_problem *p, const char *date_or_label);
int igs_problem_find_time(const igs_problem *p, int day, int start);
int igs_problem_find_rule(const igs_problem *p, const char *type);

/* Does s have a placement in the reference schedule of a revision? */
static inline bool igs_has_reference(const igs_problem *p, int s) {
	return p->ref_start && p->ref_start[s] >= 0;
}

/* Does a session placed at (day, start) for 'duration' minutes lie inside the day's
 * slots, crossing only gaps of at most join_gap minutes? */
bool igs_day_fits(const igs_problem *p, int day, int start, int duration);
/* Index of the slot of day d that contains minute 'start', or -1. */
int igs_day_slot_of(const igs_day *d, int start);
/* Does [from, to) on day lie inside one of the windows (window day -1 = any)? */
bool igs_windows_contain(const igs_window *w, int n, int day, int from, int to);
bool igs_windows_meet(const igs_window *w, int n, int day, int from, int to);
/* Is the room free of its unavailable periods over [from, to) on 'day'? Inline: the
 * unary checks ask it for every room and time, and most rooms are never closed. */
static inline bool igs_room_available(const igs_room *r, int day, int from, int to) {
	return r->n_unavailable == 0 || !igs_windows_meet(r->unavailable, r->n_unavailable, day, from, to);
}

/* Absolute minute of a time index, so overlap tests are one comparison pair. */
static inline long igs_time_abs(const igs_problem *p, int t) {
	return (long)p->times[t].day * 1440L + p->times[t].start;
}

static inline bool igs_intervals_overlap(long a0, long a1, long b0, long b1) {
	return a0 < b1 && b0 < a1;
}

/* Derives what the solvers and the evaluator read from a freshly loaded problem (model/
 * prepare.c): every session's candidate placements, the near-duplicate links and the parallel
 * classes. Reports each session with no valid placement, and demand beyond room-time, in d.
 * Returns IGS_EINPUT when anything was reported, IGS_ENOMEM on allocation failure. verbose: as
 * the option (at 1 or more, progress of a long load on stderr). The near-duplicate pair
 * search stops at deadline (CLOCK_MONOTONIC seconds, INFINITY: none; igs_dup_links_build). */
int igs_problem_prepare(igs_problem *p, int verbose, double deadline, igs_diag *d);

/* Allocation helpers that keep sizes honest. */
igs_problem *igs_problem_alloc(void);
/* Grows *v (of *cap elements of 'size' bytes) by doubling until it holds 'need'; false when
 * out of memory, *v and *cap then unchanged. */
bool igs_grow(void **v, int *cap, int need, size_t size);

#endif
