/* The problem reader's shared part (io/problem_load.h): located messages, the typed field
 * getters that say what is wrong and what would fix it, ids, features and time windows. */
#include <jansson.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/json_path.h"
#include "io/problem_load.h"
#include "model/timefmt.h"

void igs_load_err(loader *L, const char *path, const char *fmt, ...) {
	va_list ap;
	va_start(ap, fmt);
	igs_diag_addv(L->d, L->file, path, fmt, ap);
	va_end(ap);
	L->errors++;
}

char *igs_load_strdup(loader *L, const char *s) {
	char *c = strdup(s ? s : "");
	if (!c)
		L->oom = true;
	return c;
}

void *igs_load_calloc(loader *L, size_t n, size_t size) {
	void *v = calloc(n ? n : 1, size);
	if (!v)
		L->oom = true;
	return v;
}

/* Unknown keys are errors so that a typo never passes silently; x- and _ keys are notes. */
void igs_load_check_keys(loader *L, json_t *obj, const char *path, const char *const *allowed) {
	const char *key;
	json_t *v;
	json_object_foreach(obj, key, v) {
		if (key[0] == '_' || strncmp(key, "x-", 2) == 0)
			continue;
		bool ok = false;
		for (int i = 0; allowed[i]; i++)
			ok = ok || strcmp(allowed[i], key) == 0;
		if (!ok) {
			char list[512] = "";
			for (int i = 0; allowed[i]; i++) {
				strncat(list, i ? ", " : "", sizeof list - strlen(list) - 1);
				strncat(list, allowed[i], sizeof list - strlen(list) - 1);
			}
			char p[IGS_PATH_LEN];
			igs_json_subpath(p, path, key);
			igs_load_err(L, p, "unknown key '%s'; allowed keys here are: %s (prefix notes with 'x-')", key, list);
		}
	}
}

json_t *igs_load_obj(loader *L, json_t *parent, const char *key, const char *path, bool required) {
	json_t *v = json_object_get(parent, key);
	char p[IGS_PATH_LEN];
	igs_json_subpath(p, path, key);
	if (!v) {
		if (required)
			igs_load_err(L, p, "missing; add an object here");
		return NULL;
	}
	if (!json_is_object(v)) {
		igs_load_err(L, p, "is %s; expected an object", igs_json_kind(v));
		return NULL;
	}
	return v;
}

json_t *igs_load_arr(loader *L, json_t *parent, const char *key, const char *path, bool required) {
	json_t *v = json_object_get(parent, key);
	char p[IGS_PATH_LEN];
	igs_json_subpath(p, path, key);
	if (!v) {
		if (required)
			igs_load_err(L, p, "missing; add an array here");
		return NULL;
	}
	if (!json_is_array(v)) {
		igs_load_err(L, p, "is %s; expected an array", igs_json_kind(v));
		return NULL;
	}
	return v;
}

/* Returns the string or dflt; reports a wrong type or a missing required value. */
const char *igs_load_str(loader *L, json_t *parent, const char *key, const char *path, bool required,
			 const char *dflt) {
	json_t *v = json_object_get(parent, key);
	char p[IGS_PATH_LEN];
	igs_json_subpath(p, path, key);
	if (!v) {
		if (required)
			igs_load_err(L, p, "missing; add a string here");
		return dflt;
	}
	if (!json_is_string(v)) {
		igs_load_err(L, p, "is %s; expected a string", igs_json_kind(v));
		return dflt;
	}
	if (required && !*json_string_value(v)) {
		igs_load_err(L, p, "is empty; give a non-empty string");
		return dflt;
	}
	return json_string_value(v);
}

bool igs_load_bool(loader *L, json_t *parent, const char *key, const char *path, bool dflt) {
	json_t *v = json_object_get(parent, key);
	if (!v)
		return dflt;
	if (!json_is_boolean(v)) {
		char p[IGS_PATH_LEN];
		igs_json_subpath(p, path, key);
		igs_load_err(L, p, "is %s; expected true or false", igs_json_kind(v));
		return dflt;
	}
	return json_is_true(v);
}

/* A limit as a message says it: 1440, 10000000, 0.5, 1e9 (not 1e+09). */
static const char *limit_text(char buf[32], double x) {
	if (x == floor(x) && fabs(x) < 1e8) {
		snprintf(buf, 32, "%.0f", x);
		return buf;
	}
	char raw[32];
	snprintf(raw, sizeof raw, "%g", x);
	char *e = strchr(raw, 'e'), *o = buf;
	for (const char *c = raw; *c; c++)
		if (!(e && c > e && (*c == '+' || (*c == '0' && (c[-1] == 'e' || c[-1] == '+' || c[-1] == '-')))))
			*o++ = *c;
	*o = 0;
	return buf;
}

/* The end of a range message: which limit the value passed, and the limit itself. */
static void range_err(loader *L, const char *p, const char *value, const char *what, bool above, double limit,
		      bool open) {
	char lim[32];
	igs_load_err(L, p, "%s is not %s: give %s %s", value, what, above ? "at most" : open ? "more than" : "at least",
		     limit_text(lim, limit));
}

/* Integer in [lo, hi]; 'what' completes "is not ..." in the message. */
long igs_load_int(loader *L, json_t *parent, const char *key, const char *path, bool required, long dflt,
		  long lo, long hi, const char *what) {
	json_t *v = json_object_get(parent, key);
	char p[IGS_PATH_LEN];
	igs_json_subpath(p, path, key);
	if (!v) {
		if (required)
			igs_load_err(L, p, "missing; give %s", what);
		return dflt;
	}
	long x;
	if (json_is_integer(v)) {
		x = (long)json_integer_value(v);
	} else if (json_is_real(v) && json_real_value(v) == floor(json_real_value(v)) &&
		   fabs(json_real_value(v)) < 1e15) {
		/* JSON has one number type: 90.0 is 90. */
		x = (long)json_real_value(v);
	} else {
		if (json_is_real(v))
			igs_load_err(L, p, "%g is not a whole number; give %s", json_real_value(v), what);
		else
			igs_load_err(L, p, "is %s; expected %s", igs_json_kind(v), what);
		return dflt;
	}
	if (x < lo || x > hi) {
		char value[32];
		snprintf(value, sizeof value, "%ld", x);
		range_err(L, p, value, what, x > hi, x > hi ? (double)hi : (double)lo, false);
		return dflt;
	}
	return x;
}

double igs_load_num(loader *L, json_t *parent, const char *key, const char *path, double dflt, double lo,
		    double hi, bool lo_open, const char *what) {
	json_t *v = json_object_get(parent, key);
	if (!v)
		return dflt;
	char p[IGS_PATH_LEN];
	igs_json_subpath(p, path, key);
	if (!json_is_number(v)) {
		igs_load_err(L, p, "is %s; expected %s", igs_json_kind(v), what);
		return dflt;
	}
	double x = json_number_value(v);
	if (!isfinite(x) || (lo_open ? x <= lo : x < lo) || x > hi) {
		char value[32];
		snprintf(value, sizeof value, "%g", x);
		range_err(L, p, value, what, !(x <= hi), !(x <= hi) ? hi : lo, lo_open);
		return dflt;
	}
	return x;
}

int igs_load_time(loader *L, json_t *v, const char *p, int *out) {
	if (!json_is_string(v)) {
		igs_load_err(L, p, "is %s; expected a time \"HH:MM\"", igs_json_kind(v));
		return -1;
	}
	if (igs_parse_hhmm(json_string_value(v), out) != 0) {
		igs_load_err(L, p, "'%s' is not a time; write \"HH:MM\" from 00:00 to 24:00", json_string_value(v));
		return -1;
	}
	return 0;
}

int igs_load_interval(loader *L, json_t *v, const char *p, igs_interval *out) {
	if (!json_is_string(v)) {
		igs_load_err(L, p, "is %s; expected an interval \"HH:MM-HH:MM\"", igs_json_kind(v));
		return -1;
	}
	if (igs_parse_interval(json_string_value(v), &out->from, &out->to) != 0) {
		igs_load_err(L, p, "'%s' is not an interval; write \"HH:MM-HH:MM\" with the start before the end",
			     json_string_value(v));
		return -1;
	}
	return 0;
}

int igs_load_day_ref(loader *L, json_t *v, const char *p) {
	if (!json_is_string(v)) {
		igs_load_err(L, p, "is %s; expected a day's date or label", igs_json_kind(v));
		return -1;
	}
	int d = igs_problem_find_day(L->p, json_string_value(v));
	if (d < 0) {
		char list[512] = "";
		for (int i = 0; i < L->p->n_days; i++) {
			strncat(list, i ? ", " : "", sizeof list - strlen(list) - 1);
			strncat(list, L->p->days[i].label, sizeof list - strlen(list) - 1);
		}
		igs_load_err(L, p, "'%s' is not a day of the meeting; use a date or label of days[] (%s)",
			     json_string_value(v), list);
	}
	return d;
}

/* The model index of an id of one list, or -1. */
int igs_load_find_id(const loader *L, int kind, const char *id) {
	json_t *x = json_object_get(L->index[kind], id);
	return x ? (int)json_integer_value(x) : -1;
}

void igs_load_set_index(loader *L, json_t *map, const char *id, json_int_t value) {
	if (json_object_set_new(map, id, json_integer(value)) != 0)
		L->oom = true;
}

/* Interns a string into a growable table; returns its index or -1 on allocation failure. */
int igs_load_intern(loader *L, char ***table, int *n, const char *s) {
	if (table == &L->p->tags) {
		int k = igs_load_find_id(L, ID_TAG, s);
		if (k >= 0)
			return k;
		igs_load_set_index(L, L->index[ID_TAG], s, *n);
	} else {
		for (int i = 0; i < *n; i++)
			if (strcmp((*table)[i], s) == 0)
				return i;
	}
	char **t = realloc(*table, (size_t)(*n + 1) * sizeof **table);
	if (!t) {
		L->oom = true;
		return -1;
	}
	*table = t;
	if (!(t[*n] = igs_load_strdup(L, s)))
		return -1;
	return (*n)++;
}

int igs_load_feature(loader *L, const char *name, const char *p) {
	igs_problem *P = L->p;
	for (int i = 0; i < P->n_features; i++)
		if (strcmp(P->features[i], name) == 0)
			return i;
	if (P->n_features == IGS_MAX_FEATURES) {
		igs_load_err(L, p, "'%s' would be feature number %d; at most %d distinct feature names are supported",
			     name, IGS_MAX_FEATURES + 1, IGS_MAX_FEATURES);
		return -1;
	}
	if (!(P->features[P->n_features] = igs_load_strdup(L, name)))
		return -1;
	return P->n_features++;
}

/* A feature named by a session or rule must exist in some room, else nothing can host it. */
igs_featmask igs_load_features(loader *L, json_t *arr, const char *p, bool must_exist) {
	igs_featmask m = 0;
	size_t i;
	json_t *v;
	char q[IGS_PATH_LEN];
	json_array_foreach(arr, i, v) {
		igs_json_indexpath(q, p, i);
		if (!json_is_string(v)) {
			igs_load_err(L, q, "is %s; expected a feature name", igs_json_kind(v));
			continue;
		}
		const char *name = json_string_value(v);
		int f = -1;
		for (int k = 0; k < L->p->n_features; k++)
			if (strcmp(L->p->features[k], name) == 0)
				f = k;
		igs_featmask in_rooms = 0;
		for (int k = 0; k < L->p->n_rooms; k++)
			in_rooms |= L->p->rooms[k].features;
		if (must_exist && (f < 0 || !(in_rooms & ((igs_featmask)1 << f)))) {
			igs_load_err(L, q, "no room has the feature '%s'; add it to a room's features or remove it", name);
			continue;
		}
		if (f < 0 && (f = igs_load_feature(L, name, q)) < 0)
			continue;
		m |= (igs_featmask)1 << f;
	}
	return m;
}

int igs_load_window(loader *L, json_t *v, const char *p, igs_window *w, double *weight) {
	static const char *const keys[] = {"day", "from", "to", NULL};
	static const char *const keys_w[] = {"day", "from", "to", "weight", NULL};
	if (!json_is_object(v)) {
		igs_load_err(L, p, "is %s; expected {\"day\": DAY, \"from\": \"HH:MM\", \"to\": \"HH:MM\"}", igs_json_kind(v));
		return -1;
	}
	igs_load_check_keys(L, v, p, weight ? keys_w : keys);
	int before = L->errors;
	char q[IGS_PATH_LEN];
	w->day = -1;
	w->from = 0;
	w->to = 1440;
	json_t *x;
	if ((x = json_object_get(v, "day"))) {
		igs_json_subpath(q, p, "day");
		w->day = igs_load_day_ref(L, x, q);
	}
	if ((x = json_object_get(v, "from"))) {
		igs_json_subpath(q, p, "from");
		igs_load_time(L, x, q, &w->from);
	}
	if ((x = json_object_get(v, "to"))) {
		igs_json_subpath(q, p, "to");
		igs_load_time(L, x, q, &w->to);
	}
	if (L->errors == before && w->from >= w->to)
		igs_load_err(L, p, "'from' must be before 'to'");
	if (weight)
		*weight = igs_load_num(L, v, "weight", p, 1.0, 0.0, 1e9, true, "a positive weight");
	return L->errors == before ? 0 : -1;
}

igs_window *igs_load_windows(loader *L, json_t *parent, const char *key, const char *path, int *n) {
	char p[IGS_PATH_LEN], q[IGS_PATH_LEN];
	igs_json_subpath(p, path, key);
	*n = 0;
	json_t *arr = igs_load_arr(L, parent, key, path, false);
	if (!arr || !json_array_size(arr))
		return NULL;
	igs_window *w = igs_load_calloc(L, json_array_size(arr), sizeof *w);
	if (!w)
		return NULL;
	size_t i;
	json_t *v;
	json_array_foreach(arr, i, v) {
		igs_json_indexpath(q, p, i);
		if (igs_load_window(L, v, q, &w[*n], NULL) == 0)
			(*n)++;
	}
	return w;
}
