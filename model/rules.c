/* Default rules per session type; a problem file overrides them field by field. */
#include <stdlib.h>
#include <string.h>

#include "model/rules.h"

typedef struct {
	const char *type;
	const char *feature; /* room feature every session of the type needs, or NULL */
	bool exclusive;
	const char *parallel_class;
	int max_parallel;
	bool pre_event_days, main_days;
} igs_rule_default;

/* The IGF's own conventions: ceremonies in the main hall with nothing in parallel, one
 * main session at a time, Day 0 reserved for pre-events, bilaterals in bilateral rooms. */
static const igs_rule_default defaults[] = {
	{"opening", "plenary", true, NULL, 0, false, true},
	{"closing", "plenary", true, NULL, 0, false, true},
	{"main", "plenary", false, "main", 1, false, true},
	{"high_level", "plenary", false, "main", 1, true, true},
	{"dc_main", "plenary", false, "main", 1, false, true},
	{"day0", NULL, false, NULL, 0, true, false},
	{"bilateral", "bilateral", false, NULL, 0, true, true},
};

int igs_rules_default_count(void) {
	return (int)(sizeof defaults / sizeof defaults[0]);
}

const char *igs_rules_default_type(int i) {
	return defaults[i].type;
}

const char *igs_rules_default_feature(int i) {
	return defaults[i].feature;
}

int igs_rule_init(igs_type_rule *r, const char *type) {
	memset(r, 0, sizeof *r);
	r->main_days = true;
	if (!(r->type = strdup(type)))
		return IGS_ENOMEM;
	for (int i = 0; i < igs_rules_default_count(); i++) {
		const igs_rule_default *d = &defaults[i];
		if (strcmp(d->type, type) != 0)
			continue;
		r->exclusive = d->exclusive;
		r->max_parallel = d->max_parallel;
		r->pre_event_days = d->pre_event_days;
		r->main_days = d->main_days;
		if (d->parallel_class && !(r->parallel_class = strdup(d->parallel_class)))
			return IGS_ENOMEM;
		/* room_features is a mask over the problem's interned names: the loader sets it. */
	}
	return IGS_OK;
}
