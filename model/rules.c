/* Default rules per session type; a problem file overrides them field by field. */
#include <stdlib.h>
#include <string.h>

#include "model/rules.h"

typedef struct {
	const char *type;
	const char *feature;  /* room feature every session of the type needs, or NULL */
	const char *feature2; /* a second one, or NULL */
	bool exclusive;
	const char *parallel_class;
	int max_parallel;
	bool pre_event_days, main_days;
	const char *apart;       /* a type never run beside this one, or NULL */
	const char *apart_theme; /* a type never run beside this one on a shared theme */
	bool spread_days;
} igs_rule_default;

/* The IGF's own conventions: ceremonies in the main hall with nothing in parallel, one
 * main session at a time, Day 0 reserved for pre-events, bilaterals in hybrid bilateral
 * rooms (DC annual meetings are held for members on site and online); a
 * Dynamic Coalition session (joint or single) never beside the DC main session, where every
 * DC is expected, and a joint one never beside a main session on its theme (the DC
 * Coordination Group's request); main sessions spread over the days. */
static const igs_rule_default defaults[] = {
	{"opening", "plenary", NULL, true, NULL, 0, false, true, NULL, NULL, false},
	{"closing", "plenary", NULL, true, NULL, 0, false, true, NULL, NULL, false},
	{"main", "plenary", NULL, false, "main", 1, false, true, NULL, NULL, true},
	{"high_level", "plenary", NULL, false, "main", 1, true, true, NULL, NULL, false},
	{"dc_main", "plenary", NULL, false, "main", 1, false, true, NULL, NULL, false},
	{"dc_joint", NULL, NULL, false, NULL, 0, false, true, "dc_main", "main", false},
	{"dc_session", NULL, NULL, false, NULL, 0, false, true, "dc_main", NULL, false},
	{"day0", NULL, NULL, false, NULL, 0, true, false, NULL, NULL, false},
	{"bilateral", "bilateral", "hybrid", false, NULL, 0, true, true, NULL, NULL, false},
};

int igs_rules_default_count(void) {
	return (int)(sizeof defaults / sizeof defaults[0]);
}

const char *igs_rules_default_type(int i) {
	return defaults[i].type;
}

const char *igs_rules_default_feature(int i, int k) {
	return k == 0 ? defaults[i].feature : k == 1 ? defaults[i].feature2 : NULL;
}

const char *igs_rules_default_apart(int i, bool same_theme) {
	return same_theme ? defaults[i].apart_theme : defaults[i].apart;
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
		r->spread_days = d->spread_days;
		if (d->parallel_class && !(r->parallel_class = strdup(d->parallel_class)))
			return IGS_ENOMEM;
		/* room_features is a mask over the problem's interned names: the loader sets it. */
	}
	return IGS_OK;
}
