/* The evaluation report: the names of the violation kinds, and freeing and reading a report. */
#include <math.h>
#include <stdlib.h>

#include "model/report.h"

static const char *const violation_names[IGS_V__COUNT] = {
	[IGS_V_UNSCHEDULED] = "unscheduled",
	[IGS_V_ROOM_CLASH] = "room_clash",
	[IGS_V_FEATURES] = "features",
	[IGS_V_CAPACITY] = "capacity",
	[IGS_V_PERSON_CLASH] = "person_clash",
	[IGS_V_GROUP_CLASH] = "group_clash",
	[IGS_V_PIN] = "pin",
	[IGS_V_TIME] = "time",
	[IGS_V_ROOM_UNAVAILABLE] = "room_unavailable",
	[IGS_V_EXCLUSIVE] = "exclusive",
	[IGS_V_MAX_PARALLEL] = "max_parallel",
	[IGS_V_APART] = "apart",
	[IGS_V_ROOM_THEME] = "room_theme",
};

const char *igs_violation_name(igs_violation_kind k) {
	/* The enum may be unsigned, so one unsigned comparison covers both ends. */
	return (unsigned)k < IGS_V__COUNT ? violation_names[k] : "unknown";
}

void igs_report_free(igs_report *r) {
	if (!r)
		return;
	for (int i = 0; i < r->n_violations; i++)
		free(r->violations[i].text);
	free(r->violations);
	free(r->theme_share);
	free(r);
}

int igs_report_hard_count(const igs_report *r) {
	return r ? r->n_violations : 0;
}

double igs_report_score(const igs_report *r) {
	return r ? r->total : NAN;
}
