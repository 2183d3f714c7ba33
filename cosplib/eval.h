/* The CoSPLib objective (OBJECTIVE.md of the data set, docs/COSPLIB.md), computed exactly in integers.
 *
 * Words as in cosplib/instance.h: CoSPLib's sessions are blocks, its submissions are items. */
#ifndef IGS_COSPLIB_EVAL_H
#define IGS_COSPLIB_EVAL_H

#include <jansson.h>
#include <stdbool.h>
#include <stdio.h>

#include "cosplib/instance.h"

#define IGS_COSPLIB_SPLIT 10000000LL         /* multi-slot item not whole in one (block, room) */
#define IGS_COSPLIB_NONCONTIGUOUS 1000000000LL /* multi-slot item's slots not consecutive */
#define IGS_COSPLIB_MISSING 1000000000LL     /* some multi-slot item not placed: the whole term */

typedef struct {
	long long total;                /* the objective: the weighted components plus structural */
	long long structural;           /* OBJECTIVE.md §5, never weighted */
	long long count[IGS_CP__COUNT]; /* raw count of each component */
	long long cost[IGS_CP__COUNT];  /* weight * count, or 0 when the weight is 0 or less */
	bool feasible;                  /* every item occupies exactly its required number of slots */
	bool valid;                     /* every occupied slot of a track cell holds an item of that track */
	int wrong_count;                /* items placed in another number of slots than required */
	int wrong_track;                /* occupied slots of track cells holding another track's item */
} igs_cosplib_report;

/* Evaluates both layers of sol, even when they disagree or items are missing (OBJECTIVE.md §2).
 * Returns 0, or IGS_ENOMEM. */
int igs_cosplib_evaluate(igs_cosplib_report *out, const igs_cosplib *inst, const igs_cosplib_solution *sol);

/* The same with working memory allocated once per instance, for searches that evaluate in a
 * loop: igs_cosplib_evaluate_with never allocates and always returns 0. */
typedef struct igs_cosplib_evaluator igs_cosplib_evaluator;
int igs_cosplib_evaluator_new(igs_cosplib_evaluator **out, const igs_cosplib *inst);
void igs_cosplib_evaluator_free(igs_cosplib_evaluator *e);
int igs_cosplib_evaluate_with(igs_cosplib_evaluator *e, igs_cosplib_report *out, const igs_cosplib_solution *sol);

/* The objective, the flags and one line per component. */
void igs_cosplib_report_print(const igs_cosplib_report *r, const igs_cosplib *inst, FILE *out);
/* The same as one JSON object, with evaluate.py's key names (NULL when out of memory). */
json_t *igs_cosplib_report_json(const igs_cosplib_report *r, const igs_cosplib *inst);
/* That object written to out; returns 0, IGS_ENOMEM or IGS_EIO. */
int igs_cosplib_report_write_json(const igs_cosplib_report *r, const igs_cosplib *inst, FILE *out);

#endif
