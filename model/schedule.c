/* Schedule lifecycle: placements and reasons of every session of one problem. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "model/schedule.h"

static void stats_init(igs_solver_stats *st) {
	memset(st, 0, sizeof *st);
	snprintf(st->solver, sizeof st->solver, "none");
	snprintf(st->status, sizeof st->status, "none");
	/* NaN, not 0: a schedule nobody optimised has no objective, and 0 would read as perfect. */
	st->objective = NAN;
	st->model_objective = NAN;
	st->bound = NAN;
	st->decomposition.value = NAN;
}

igs_schedule *igs_schedule_new(const igs_problem *p) {
	if (!p)
		return NULL;
	igs_schedule *s = calloc(1, sizeof *s);
	if (!s)
		return NULL;
	s->problem = p;
	s->n = p->n_sessions;
	/* At least one element each, so an empty problem still gives non-NULL arrays. */
	size_t n = s->n > 0 ? (size_t)s->n : 1;
	s->time = malloc(n * sizeof *s->time);
	s->room = malloc(n * sizeof *s->room);
	s->reason = calloc(n, sizeof *s->reason);
	if (!s->time || !s->room || !s->reason) {
		igs_schedule_free(s);
		return NULL;
	}
	for (int i = 0; i < s->n; i++)
		s->time[i] = s->room[i] = -1;
	stats_init(&s->stats);
	return s;
}

void igs_schedule_free(igs_schedule *s) {
	if (!s)
		return;
	if (s->reason)
		for (int i = 0; i < s->n; i++)
			free(s->reason[i]);
	free(s->reason);
	free(s->time);
	free(s->room);
	free(s);
}

int igs_schedule_set(igs_schedule *s, int session, int time, int room) {
	if (!s || session < 0 || session >= s->n)
		return IGS_EUSAGE;
	if (time < 0) {
		s->time[session] = -1;
		s->room[session] = -1;
		return IGS_OK;
	}
	if (time >= s->problem->n_times || room < 0 || room >= s->problem->n_rooms)
		return IGS_EUSAGE;
	s->time[session] = time;
	s->room[session] = room;
	/* A placed session has no reason to be out; a stale one would surface in the output. */
	free(s->reason[session]);
	s->reason[session] = NULL;
	return IGS_OK;
}

int igs_schedule_set_reason(igs_schedule *s, int session, const char *reason) {
	if (!s || session < 0 || session >= s->n)
		return IGS_EUSAGE;
	char *copy = NULL;
	if (reason && !(copy = strdup(reason)))
		return IGS_ENOMEM;
	free(s->reason[session]);
	s->reason[session] = copy;
	return IGS_OK;
}

int igs_schedule_copy(igs_schedule *dst, const igs_schedule *src) {
	int rc = IGS_OK;
	char **reasons = NULL;
	if (!dst || !src || dst->problem != src->problem || dst->n != src->n)
		return IGS_EUSAGE;
	if (dst == src)
		return IGS_OK;
	/* Copy the reasons aside first so that running out of memory leaves dst untouched. */
	reasons = calloc(src->n > 0 ? (size_t)src->n : 1, sizeof *reasons);
	if (!reasons) {
		rc = IGS_ENOMEM;
		goto cleanup;
	}
	for (int i = 0; i < src->n; i++)
		if (src->reason[i] && !(reasons[i] = strdup(src->reason[i]))) {
			rc = IGS_ENOMEM;
			goto cleanup;
		}
	for (int i = 0; i < src->n; i++) {
		free(dst->reason[i]);
		dst->reason[i] = reasons[i];
		reasons[i] = NULL;
	}
	if (src->n > 0) {
		memcpy(dst->time, src->time, (size_t)src->n * sizeof *dst->time);
		memcpy(dst->room, src->room, (size_t)src->n * sizeof *dst->room);
	}
	dst->stats = src->stats;
cleanup:
	if (reasons)
		for (int i = 0; i < src->n; i++)
			free(reasons[i]);
	free(reasons);
	return rc;
}

igs_change igs_change_of(int day0, int start0, int room0, int day1, int start1, int room1) {
	if (start0 < 0)
		return start1 >= 0 ? IGS_CHANGE_NEW : IGS_CHANGE_NONE;
	if (start1 < 0)
		return IGS_CHANGE_LEFT_OUT;
	if (day0 != day1)
		return IGS_CHANGE_DAY;
	if (start0 != start1)
		return IGS_CHANGE_TIME;
	return room0 != room1 ? IGS_CHANGE_ROOM : IGS_CHANGE_NONE;
}

const char *igs_change_name(igs_change c) {
	static const char *const names[] = {"none", "day", "time", "room", "left out", "new"};
	return c >= IGS_CHANGE_NONE && c <= IGS_CHANGE_NEW ? names[c] : "none";
}

double igs_solver_gap(const igs_solver_stats *st) {
	if (!isfinite(st->objective) || !isfinite(st->bound))
		return NAN;
	double gap = fabs(st->objective - st->bound) / fmax(1e-9, fabs(st->objective));
	return gap < 1e-9 ? 0 : gap;
}

bool igs_schedule_bound(double *bound, double *gap, const igs_schedule *s) {
	*bound = s->stats.bound;
	*gap = igs_solver_gap(&s->stats);
	return strcmp(s->stats.status, "optimal") == 0;
}
