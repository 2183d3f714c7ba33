/* The problem reader's entities (io/problem_load.h): rooms, themes and their similarity, people,
 * groups, the type rules and the themes' chairs. */
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/json_path.h"
#include "io/problem_load.h"
#include "model/rules.h"
#include "model/timefmt.h"

/* ---- rooms, themes, people, groups ---- */

/* The keys and the id of element i of a list of entities (path p): the id, recorded as the
 * m-th of its kind, or NULL when it is missing; a duplicate is said, naming the first. */
const char *igs_load_id(loader *L, json_t *v, const char *p, const char *const *keys, int kind, size_t i, int m,
			const char *what, const char *list) {
	igs_load_check_keys(L, v, p, keys);
	const char *id = igs_load_str(L, v, "id", p, true, NULL);
	if (!id)
		return NULL;
	json_t *x = json_object_get(L->seen[kind], id);
	if (x) {
		char q[IGS_PATH_LEN];
		igs_json_subpath(q, p, "id");
		igs_load_err(L, q, "duplicate %s id '%s' (also %s[%" JSON_INTEGER_FORMAT "]); ids must be unique", what, id, list,
			     json_integer_value(x));
		return id;
	}
	igs_load_set_index(L, L->seen[kind], id, (json_int_t)i);
	igs_load_set_index(L, L->index[kind], id, m);
	return id;
}

void igs_load_rooms(loader *L, json_t *root) {
	static const char *const keys[] = {"id", "name", "capacity", "features", "unavailable", NULL};
	igs_problem *P = L->p;
	json_t *arr = igs_load_arr(L, root, "rooms", "", true);
	if (!arr)
		return;
	if (json_array_size(arr) == 0)
		igs_load_err(L, "rooms", "is empty; list at least one room");
	P->rooms = igs_load_calloc(L, json_array_size(arr), sizeof *P->rooms);
	if (!P->rooms)
		return;
	size_t i;
	json_t *v;
	char p[IGS_PATH_LEN], q[IGS_PATH_LEN];
	json_array_foreach(arr, i, v) {
		igs_json_indexpath(p, "rooms", i);
		if (!json_is_object(v)) {
			igs_load_err(L, p, "is %s; expected a room object", igs_json_kind(v));
			continue;
		}
		const char *id = igs_load_id(L, v, p, keys, ID_ROOM, i, P->n_rooms, "room", "rooms");
		if (!id)
			continue;
		igs_room *R = &P->rooms[P->n_rooms];
		R->id = igs_load_strdup(L, id);
		R->name = igs_load_strdup(L, igs_load_str(L, v, "name", p, false, id));
		R->capacity = (int)igs_load_int(L, v, "capacity", p, false, 0, 0, 10000000, "a number of seats (0 = unknown)");
		json_t *f = igs_load_arr(L, v, "features", p, false);
		if (f) {
			igs_json_subpath(q, p, "features");
			R->features = igs_load_features(L, f, q, false);
		}
		R->unavailable = igs_load_windows(L, v, "unavailable", p, &R->n_unavailable);
		P->n_rooms++;
	}
}

void igs_load_themes(loader *L, json_t *root) {
	static const char *const keys[] = {"id", "name", "chairs", NULL};
	static const char *const sim_keys[] = {"a", "b", "value", NULL};
	igs_problem *P = L->p;
	json_t *arr = igs_load_arr(L, root, "themes", "", false);
	size_t i;
	json_t *v;
	char p[IGS_PATH_LEN], q[IGS_PATH_LEN];
	if (arr) {
		P->themes = igs_load_calloc(L, json_array_size(arr), sizeof *P->themes);
		json_array_foreach(arr, i, v) {
			igs_json_indexpath(p, "themes", i);
			if (!json_is_object(v)) {
				igs_load_err(L, p, "is %s; expected {\"id\": …, \"name\": …}", igs_json_kind(v));
				continue;
			}
			if (!P->themes)
				continue;
			const char *id = igs_load_id(L, v, p, keys, ID_THEME, i, P->n_themes, "theme", "themes");
			if (!id)
				continue;
			P->themes[P->n_themes].id = igs_load_strdup(L, id);
			P->themes[P->n_themes].name = igs_load_strdup(L, igs_load_str(L, v, "name", p, false, id));
			P->n_themes++;
		}
	}
	P->theme_sim = igs_load_calloc(L, (size_t)P->n_themes * (size_t)P->n_themes, sizeof *P->theme_sim);
	arr = igs_load_arr(L, root, "theme_similarity", "", false);
	if (!arr || !P->theme_sim)
		return;
	json_array_foreach(arr, i, v) {
		igs_json_indexpath(p, "theme_similarity", i);
		if (!json_is_object(v)) {
			igs_load_err(L, p, "is %s; expected {\"a\": THEME, \"b\": THEME, \"value\": 0..1}", igs_json_kind(v));
			continue;
		}
		igs_load_check_keys(L, v, p, sim_keys);
		int ab[2] = {-1, -1};
		for (int k = 0; k < 2; k++) {
			const char *key = k ? "b" : "a";
			const char *id = igs_load_str(L, v, key, p, true, NULL);
			igs_json_subpath(q, p, key);
			if (id && (ab[k] = igs_load_find_id(L, ID_THEME, id)) < 0)
				igs_load_err(L, q, "'%s' is not a theme id; use one of themes[].id", id);
		}
		double x = igs_load_num(L, v, "value", p, NAN, 0.0, 1.0, false, "a similarity from 0 to 1");
		if (!json_object_get(v, "value")) {
			igs_json_subpath(q, p, "value");
			igs_load_err(L, q, "missing; give a similarity from 0 to 1");
		}
		if (ab[0] >= 0 && ab[0] == ab[1])
			igs_load_err(L, p, "a theme's similarity with itself is implied; list only pairs of distinct themes");
		else if (ab[0] >= 0 && ab[1] >= 0 && !isnan(x))
			P->theme_sim[ab[0] * P->n_themes + ab[1]] = P->theme_sim[ab[1] * P->n_themes + ab[0]] = x;
	}
}

void igs_load_people(loader *L, json_t *root) {
	static const char *const keys[] = {"id", "name", "remote", "utc_offset", "available", NULL};
	igs_problem *P = L->p;
	json_t *arr = igs_load_arr(L, root, "people", "", false);
	if (!arr)
		return;
	P->people = igs_load_calloc(L, json_array_size(arr), sizeof *P->people);
	if (!P->people)
		return;
	size_t i;
	json_t *v;
	char p[IGS_PATH_LEN], q[IGS_PATH_LEN], r[IGS_PATH_LEN];
	json_array_foreach(arr, i, v) {
		igs_json_indexpath(p, "people", i);
		if (!json_is_object(v)) {
			igs_load_err(L, p, "is %s; expected a person object", igs_json_kind(v));
			continue;
		}
		const char *id = igs_load_id(L, v, p, keys, ID_PERSON, i, P->n_people, "person", "people");
		if (!id)
			continue;
		igs_person *H = &P->people[P->n_people];
		H->id = igs_load_strdup(L, id);
		H->name = igs_load_strdup(L, igs_load_str(L, v, "name", p, false, id));
		H->remote = igs_load_bool(L, v, "remote", p, false);
		const char *off = igs_load_str(L, v, "utc_offset", p, false, NULL);
		if (off && igs_parse_utc_offset(off, &H->utc_offset) != 0) {
			igs_json_subpath(q, p, "utc_offset");
			igs_load_err(L, q, "'%s' is not a UTC offset; write \"+02:00\" or \"-05:00\"", off);
		}
		json_t *av = igs_load_arr(L, v, "available", p, false);
		if (av) {
			igs_json_subpath(q, p, "available");
			H->available = igs_load_calloc(L, json_array_size(av), sizeof *H->available);
			size_t k;
			json_t *x;
			json_array_foreach(av, k, x) {
				igs_json_indexpath(r, q, k);
				if (H->available && igs_load_interval(L, x, r, &H->available[H->n_available]) == 0)
					H->n_available++;
			}
		}
		if (H->remote && !off) {
			igs_json_subpath(q, p, "utc_offset");
			igs_load_err(L, q, "missing for a remote person; give their offset from UTC, e.g. \"-05:00\"");
		}
		P->n_people++;
	}
}

int *igs_load_tags(loader *L, json_t *parent, const char *key, const char *path, int *n) {
	char p[IGS_PATH_LEN], q[IGS_PATH_LEN];
	*n = 0;
	json_t *arr = igs_load_arr(L, parent, key, path, false);
	if (!arr || !json_array_size(arr))
		return NULL;
	igs_json_subpath(p, path, key);
	int *out = igs_load_calloc(L, json_array_size(arr), sizeof *out);
	size_t i;
	json_t *v;
	json_array_foreach(arr, i, v) {
		igs_json_indexpath(q, p, i);
		if (!json_is_string(v)) {
			igs_load_err(L, q, "is %s; expected a tag string", igs_json_kind(v));
			continue;
		}
		if (!*json_string_value(v)) {
			igs_load_err(L, q, "is empty; give a non-empty tag or remove it");
			continue;
		}
		int t = igs_load_intern(L, &L->p->tags, &L->p->n_tags, json_string_value(v));
		bool dup = false;
		for (int k = 0; k < *n; k++)
			dup = dup || out[k] == t;
		if (out && t >= 0 && !dup)
			out[(*n)++] = t;
	}
	return out;
}

void igs_load_groups(loader *L, json_t *root) {
	static const char *const keys[] = {"id", "name", "kind", "topics", NULL};
	igs_problem *P = L->p;
	json_t *arr = igs_load_arr(L, root, "groups", "", false);
	if (!arr)
		return;
	P->groups = igs_load_calloc(L, json_array_size(arr), sizeof *P->groups);
	if (!P->groups)
		return;
	size_t i;
	json_t *v;
	char p[IGS_PATH_LEN];
	json_array_foreach(arr, i, v) {
		igs_json_indexpath(p, "groups", i);
		if (!json_is_object(v)) {
			igs_load_err(L, p, "is %s; expected a group object", igs_json_kind(v));
			continue;
		}
		const char *id = igs_load_id(L, v, p, keys, ID_GROUP, i, P->n_groups, "group", "groups");
		if (!id)
			continue;
		igs_group *G = &P->groups[P->n_groups];
		G->id = igs_load_strdup(L, id);
		G->name = igs_load_strdup(L, igs_load_str(L, v, "name", p, false, id));
		G->kind = igs_load_strdup(L, igs_load_str(L, v, "kind", p, false, ""));
		G->topics = igs_load_tags(L, v, "topics", p, &G->n_topics);
		P->n_groups++;
	}
}

/* ---- type rules ---- */

int igs_load_add_rule(loader *L, const char *type) {
	igs_problem *P = L->p;
	int r = igs_problem_find_rule(P, type);
	if (r >= 0)
		return r;
	igs_type_rule *t = realloc(P->rules, (size_t)(P->n_rules + 1) * sizeof *t);
	if (!t) {
		L->oom = true;
		return -1;
	}
	P->rules = t;
	if (igs_rule_init(&t[P->n_rules], type) != IGS_OK) {
		free(t[P->n_rules].type);
		free(t[P->n_rules].parallel_class);
		L->oom = true;
		return -1;
	}
	return P->n_rules++;
}

/* A list of types for apart_from / apart_same_theme as rule indices (each named type gets a
 * rule, as a session's type would). Returns the count, or -1 after reporting. */
static int type_list(loader *L, json_t *arr, const char *p, int **out) {
	*out = NULL;
	if (!json_is_array(arr)) {
		igs_load_err(L, p, "is %s; expected an array of session types, e.g. [\"dc_main\"]", igs_json_kind(arr));
		return -1;
	}
	size_t n = json_array_size(arr), i;
	int *v = malloc((n ? n : 1) * sizeof *v), k = 0;
	if (!v) {
		L->oom = true;
		return -1;
	}
	json_t *x;
	char q[IGS_PATH_LEN];
	json_array_foreach(arr, i, x) {
		igs_json_indexpath(q, p, i);
		if (!json_is_string(x) || !*json_string_value(x)) {
			igs_load_err(L, q, "is %s; expected a session type such as \"dc_main\"", igs_json_kind(x));
			continue;
		}
		int r = igs_load_add_rule(L, json_string_value(x));
		if (r >= 0)
			v[k++] = r;
	}
	*out = v;
	return k;
}

/* apart_from and apart_same_theme: the defaults, then the file's lists in their place. Run
 * after every rule exists, since the lists add rules (and add_rule moves the array). */
void igs_load_apart(loader *L, json_t *overrides) {
	igs_problem *P = L->p;
	static const char *const keys[2] = {"apart_from", "apart_same_theme"};
	for (int same = 0; same < 2; same++) {
		for (int i = 0; i < igs_rules_default_count(); i++) {
			const char *type = igs_rules_default_type(i), *other = igs_rules_default_apart(i, same);
			if (!other || json_object_get(json_object_get(overrides, type), keys[same]))
				continue;
			int o = igs_load_add_rule(L, other), r = igs_problem_find_rule(P, type);
			int *v = malloc(sizeof *v);
			if (o < 0 || r < 0 || !v) {
				free(v);
				L->oom = true;
				return;
			}
			*v = o;
			if (same) {
				P->rules[r].apart_theme = v;
				P->rules[r].n_apart_theme = 1;
			} else {
				P->rules[r].apart = v;
				P->rules[r].n_apart = 1;
			}
		}
		const char *type;
		json_t *v;
		char p[IGS_PATH_LEN], q[IGS_PATH_LEN];
		json_object_foreach(overrides, type, v) {
			json_t *arr = json_is_object(v) ? json_object_get(v, keys[same]) : NULL;
			if (!arr)
				continue;
			igs_json_subpath(p, "type_rules", type);
			igs_json_subpath(q, p, keys[same]);
			int *list, n = type_list(L, arr, q, &list), r = igs_problem_find_rule(P, type);
			if (n < 0 || r < 0) {
				free(list);
				continue;
			}
			igs_type_rule *R = &P->rules[r];
			free(same ? R->apart_theme : R->apart);
			if (same) {
				R->apart_theme = list;
				R->n_apart_theme = n;
			} else {
				R->apart = list;
				R->n_apart = n;
			}
		}
	}
}

/* How many optional sessions carry each stakeholder group and region: the fairness term's
 * denominators. */
void igs_load_count_fair(loader *L) {
	igs_problem *P = L->p;
	for (int a = 0; a < IGS_FAIR_ATTRS; a++) {
		if (!(P->fair_optional[a] = calloc((size_t)P->n_fair[a] + 1, sizeof *P->fair_optional[a]))) {
			L->oom = true;
			return;
		}
		for (int s = 0; s < P->n_sessions; s++)
			if (P->sessions[s].optional && P->sessions[s].fair[a] >= 0)
				P->fair_optional[a][P->sessions[s].fair[a]]++;
	}
}

void igs_load_rules(loader *L, json_t *root) {
	static const char *const keys[] = {"room_features", "exclusive",      "parallel_class", "max_parallel",
					   "pre_event_days", "main_days",     "capacity_hard",  "apart_from",
					   "apart_same_theme", "spread_days", NULL};
	igs_problem *P = L->p;
	/* Default rules name features (plenary, bilateral) that may not exist in this file: a
	 * session of such a type will then fit no room, which the candidate check reports.
	 * A default feature is interned only when some session has the type and type_rules does
	 * not replace its room_features, so unused defaults take none of the 64 feature slots. */
	json_t *sessions = json_object_get(root, "sessions");
	json_t *overrides = json_object_get(root, "type_rules");
	for (int i = 0; i < igs_rules_default_count(); i++) {
		const char *type = igs_rules_default_type(i), *f = igs_rules_default_feature(i, 0);
		int r = igs_load_add_rule(L, type);
		if (r < 0 || !f || json_object_get(json_object_get(overrides, type), "room_features"))
			continue;
		size_t j;
		json_t *sv;
		char q[IGS_PATH_LEN], t[IGS_PATH_LEN];
		bool used = false;
		json_array_foreach(sessions, j, sv) {
			json_t *ty = json_object_get(sv, "type");
			if (json_is_string(ty) && strcmp(json_string_value(ty), type) == 0) {
				igs_json_indexpath(q, "sessions", j);
				igs_json_subpath(t, q, "type");
				used = true;
				break;
			}
		}
		for (int n = 0; used && n < 2; n++) {
			const char *name = igs_rules_default_feature(i, n);
			int k = name ? igs_load_feature(L, name, t) : -1;
			if (k >= 0)
				P->rules[r].room_features |= (igs_featmask)1 << k;
		}
	}
	json_t *obj = igs_load_obj(L, root, "type_rules", "", false);
	if (!obj)
		return;
	const char *type;
	json_t *v;
	char p[IGS_PATH_LEN], q[IGS_PATH_LEN];
	json_object_foreach(obj, type, v) {
		igs_json_subpath(p, "type_rules", type);
		if (!json_is_object(v)) {
			igs_load_err(L, p, "is %s; expected an object of rule fields", igs_json_kind(v));
			continue;
		}
		igs_load_check_keys(L, v, p, keys);
		int r = igs_load_add_rule(L, type);
		if (r < 0)
			continue;
		igs_type_rule *R = &P->rules[r];
		json_t *f = igs_load_arr(L, v, "room_features", p, false);
		if (f) {
			igs_json_subpath(q, p, "room_features");
			R->room_features = igs_load_features(L, f, q, false);
		}
		R->exclusive = igs_load_bool(L, v, "exclusive", p, R->exclusive);
		json_t *cls = json_object_get(v, "parallel_class");
		if (cls) {
			igs_json_subpath(q, p, "parallel_class");
			if (json_is_null(cls)) {
				free(R->parallel_class);
				R->parallel_class = NULL;
			} else if (json_is_string(cls) && *json_string_value(cls)) {
				free(R->parallel_class);
				R->parallel_class = igs_load_strdup(L, json_string_value(cls));
			} else {
				igs_load_err(L, q, "is %s; expected a class name or null", igs_json_kind(cls));
			}
		}
		R->max_parallel = (int)igs_load_int(L, v, "max_parallel", p, false, R->max_parallel, 0, 100000,
						    "a count of sessions (0 = no limit)");
		if (R->max_parallel > 0 && !R->parallel_class && !(R->parallel_class = igs_load_strdup(L, type)))
			continue;
		R->pre_event_days = igs_load_bool(L, v, "pre_event_days", p, R->pre_event_days);
		R->main_days = igs_load_bool(L, v, "main_days", p, R->main_days);
		R->capacity_hard = igs_load_bool(L, v, "capacity_hard", p, R->capacity_hard);
		R->spread_days = igs_load_bool(L, v, "spread_days", p, R->spread_days);
	}
}

/* themes[].chairs, read once the people are known. */
void igs_load_chairs(loader *L, json_t *root) {
	json_t *arr = igs_load_arr(L, root, "themes", "", false), *v, *x;
	size_t i, k;
	char p[IGS_PATH_LEN], q[IGS_PATH_LEN], r[IGS_PATH_LEN];
	igs_problem *P = L->p;
	int th = 0;
	json_array_foreach(arr, i, v) {
		/* themes[i] is theme th exactly when read_themes kept it: an object with an id */
		if (!json_is_object(v) || !json_is_string(json_object_get(v, "id")))
			continue;
		igs_theme *T = th < P->n_themes ? &P->themes[th++] : NULL;
		igs_json_indexpath(p, "themes", i);
		json_t *ch = igs_load_arr(L, v, "chairs", p, false);
		if (!ch || !T)
			continue;
		igs_json_subpath(q, p, "chairs");
		if (!(T->chairs = igs_load_calloc(L, json_array_size(ch) + 1, sizeof *T->chairs)))
			return;
		json_array_foreach(ch, k, x) {
			igs_json_indexpath(r, q, k);
			int h = json_is_string(x) ? igs_load_find_id(L, ID_PERSON, json_string_value(x)) : -1;
			bool dup = false;
			for (int j = 0; j < T->n_chairs; j++)
				dup = dup || T->chairs[j] == h;
			if (!json_is_string(x))
				igs_load_err(L, r, "is %s; expected a person id", igs_json_kind(x));
			else if (h < 0)
				igs_load_err(L, r, "'%s' is not a person id; add it to people[] or fix the spelling",
					     json_string_value(x));
			else if (dup)
				igs_load_err(L, r, "person '%s' is listed twice; list each chair once", json_string_value(x));
			else
				T->chairs[T->n_chairs++] = h;
		}
	}
}

/* A theme's chairs take part in every session whose first theme it is: they join its people
 * as chairs (unless listed there already) and leave its attendees, so every rule on people
 * (clashes, person_slot, the exact solver's cliques) applies to them with no code of its own. */
void igs_load_seat_chairs(loader *L) {
	igs_problem *P = L->p;
	for (int s = 0; s < P->n_sessions; s++) {
		igs_session *S = &P->sessions[s];
		const igs_theme *T = S->n_themes ? &P->themes[S->themes[0]] : NULL;
		if (!T || !T->n_chairs)
			continue;
		igs_participation *v = realloc(S->people, (size_t)(S->n_people + T->n_chairs) * sizeof *v);
		if (!v) {
			L->oom = true;
			return;
		}
		S->people = v;
		for (int c = 0; c < T->n_chairs; c++) {
			int h = T->chairs[c];
			bool listed = false;
			for (int k = 0; k < S->n_people; k++)
				listed = listed || S->people[k].person == h;
			if (!listed)
				S->people[S->n_people++] = (igs_participation){h, IGS_ROLE_CHAIR};
			for (int k = 0; k < S->n_attendees; k++)
				if (S->attendees[k] == h)
					S->attendees[k--] = S->attendees[--S->n_attendees];
		}
	}
}
