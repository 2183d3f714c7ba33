/* The evaluation report: every hard violation found and the count and cost of each soft term.
 *
 * The evaluator (solver/evaluate.c) fills it; the writers (io/) print it; the placement
 * predicates (model/place.h) name their verdicts with its violation kinds. */
#ifndef IGS_MODEL_REPORT_H
#define IGS_MODEL_REPORT_H

#include "model/problem.h"

typedef enum {
	IGS_V_UNSCHEDULED,      /* a non-optional session has no placement */
	IGS_V_ROOM_CLASH,       /* two sessions overlap in one room */
	IGS_V_FEATURES,         /* the room lacks a feature the session or its type needs */
	IGS_V_CAPACITY,         /* a hard capacity rule is broken */
	IGS_V_PERSON_CLASH,     /* one person in two overlapping sessions */
	IGS_V_GROUP_CLASH,      /* one group in two overlapping sessions */
	IGS_V_PIN,              /* a pinned day, start or room is not kept */
	IGS_V_TIME,             /* not an allowed start, outside the day's slots or the session's windows */
	IGS_V_ROOM_UNAVAILABLE, /* the room is closed during the session */
	IGS_V_EXCLUSIVE,        /* something runs in parallel with an exclusive session */
	IGS_V_MAX_PARALLEL,     /* too many sessions of one parallel class at once */
	IGS_V_APART,            /* two sessions whose type rules keep them apart overlap */
	IGS_V_ROOM_THEME,       /* meeting.thematic_rooms: two first themes in one room and slot */
	IGS_V__COUNT
} igs_violation_kind;

const char *igs_violation_name(igs_violation_kind k);

typedef struct {
	igs_violation_kind kind;
	int a, b;   /* sessions involved (b = -1 when one) */
	int room;   /* or -1 */
	int person; /* or -1 */
	int group;  /* or -1 */
	int time;   /* time index where it happens, or -1 */
	char *text; /* a sentence naming everything involved */
} igs_violation;

/* One soft term: how many times it occurred and its weighted cost. */
typedef struct {
	double count;
	double cost;
} igs_term;

struct igs_report {
	int n_violations, cap_violations;
	igs_violation *violations;
#define IGS_R_FIELD(f, n, d, m, h) igs_term f;
	IGS_WEIGHTS(IGS_R_FIELD)
#undef IGS_R_FIELD
	double total; /* sum of the soft costs; lower is better */
	int n_scheduled, n_unscheduled;
	int clash_pairs;   /* overlapping pairs sharing a theme or a tag */
	int n_themes;
	double *theme_share; /* per theme: largest non-overlapping subset / scheduled sessions; NaN if none */
	double worst_share, mean_share;
	int worst_theme; /* -1 if no theme has a scheduled session */
};

#endif
