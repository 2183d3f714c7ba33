/* The problem reader's private seam (io/problem_json.c and the files it reads sections with):
 * the loader's state, the located messages, the typed field getters and the readers of the
 * sections. Nothing outside these files includes it. */
#ifndef IGS_IO_PROBLEM_LOAD_H
#define IGS_IO_PROBLEM_LOAD_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "model/problem.h"

/* Id lists that are looked up by id while loading. */
enum { ID_ROOM, ID_THEME, ID_PERSON, ID_GROUP, ID_SESSION, ID_TAG, ID__COUNT };

typedef struct {
	igs_problem *p;
	igs_diag *d;
	const char *file;
	int errors;
	bool oom;
	/* Per list, Jansson objects as hash maps: id -> index in the JSON array (for duplicate
	 * ids) and id -> index in the model (for references), so loading stays linear in the
	 * file's size. */
	json_t *seen[ID__COUNT], *index[ID__COUNT];
} loader;


/* ---- io/problem_load.c: messages, typed fields and shared readers ---- */
void igs_load_err(loader *L, const char *path, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
char *igs_load_strdup(loader *L, const char *s);
void *igs_load_calloc(loader *L, size_t n, size_t size);
/* Unknown keys are errors so that a typo never passes silently; x- and _ keys are notes. */
void igs_load_check_keys(loader *L, json_t *obj, const char *path, const char *const *allowed);
json_t *igs_load_obj(loader *L, json_t *parent, const char *key, const char *path, bool required);
json_t *igs_load_arr(loader *L, json_t *parent, const char *key, const char *path, bool required);
/* Returns the string or dflt; reports a wrong type or a missing required value. */
const char *igs_load_str(loader *L, json_t *parent, const char *key, const char *path, bool required,
			 const char *dflt);
bool igs_load_bool(loader *L, json_t *parent, const char *key, const char *path, bool dflt);
/* Integer in [lo, hi]; 'what' completes "is not ..." in the message. */
long igs_load_int(loader *L, json_t *parent, const char *key, const char *path, bool required, long dflt,
		  long lo, long hi, const char *what);
double igs_load_num(loader *L, json_t *parent, const char *key, const char *path, double dflt, double lo,
		    double hi, bool lo_open, const char *what);
int igs_load_time(loader *L, json_t *v, const char *p, int *out);
int igs_load_interval(loader *L, json_t *v, const char *p, igs_interval *out);
int igs_load_day_ref(loader *L, json_t *v, const char *p);
/* The model index of an id of one list, or -1. */
int igs_load_find_id(const loader *L, int kind, const char *id);
void igs_load_set_index(loader *L, json_t *map, const char *id, json_int_t value);
/* Interns a string into a growable table; returns its index or -1 on allocation failure. */
int igs_load_intern(loader *L, char ***table, int *n, const char *s);
int igs_load_feature(loader *L, const char *name, const char *p);
/* A feature named by a session or rule must exist in some room, else nothing can host it. */
igs_featmask igs_load_features(loader *L, json_t *arr, const char *p, bool must_exist);
int igs_load_window(loader *L, json_t *v, const char *p, igs_window *w, double *weight);
igs_window *igs_load_windows(loader *L, json_t *parent, const char *key, const char *path, int *n);

/* ---- io/problem_calendar.c: the meeting and its days ---- */
void igs_load_meeting(loader *L, json_t *root, json_t **dflt_slots, long *dflt_every);
void igs_load_days(loader *L, json_t *root, json_t *dflt_slots, long dflt_every);

/* ---- io/problem_entities.c: rooms, themes, people, groups, type rules and chairs ---- */
/* The keys and the id of element i of a list of entities (path p): the id, recorded as the
 * m-th of its kind, or NULL when it is missing; a duplicate is said, naming the first. */
const char *igs_load_id(loader *L, json_t *v, const char *p, const char *const *keys, int kind, size_t i, int m,
			const char *what, const char *list);
void igs_load_rooms(loader *L, json_t *root);
void igs_load_themes(loader *L, json_t *root);
void igs_load_people(loader *L, json_t *root);
int *igs_load_tags(loader *L, json_t *parent, const char *key, const char *path, int *n);
void igs_load_groups(loader *L, json_t *root);
int igs_load_add_rule(loader *L, const char *type);
/* apart_from and apart_same_theme: the defaults, then the file's lists in their place. Run
 * after every rule exists, since the lists add rules (and add_rule moves the array). */
void igs_load_apart(loader *L, json_t *overrides);
/* How many optional sessions carry each stakeholder group and region: the fairness term's
 * denominators. */
void igs_load_count_fair(loader *L);
void igs_load_rules(loader *L, json_t *root);
/* themes[].chairs, read once the people are known. */
void igs_load_chairs(loader *L, json_t *root);
/* A theme's chairs take part in every session whose first theme it is: they join its people
 * as chairs (unless listed there already) and leave its attendees, so every rule on people
 * (clashes, person_slot, the exact solver's cliques) applies to them with no code of its own. */
void igs_load_seat_chairs(loader *L);

#endif
