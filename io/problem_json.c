/* Problem file reader: parses the JSON, validates every field and reference, and reports
 * all problems at once with their JSON path and a fix. Format: docs/FORMAT.md. */
#include <errno.h>
#include <jansson.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "io/json_path.h"
#include "io/timezone.h"
#include "model/candidates.h"
#include "model/problem.h"
#include "model/rules.h"
#include "model/timefmt.h"

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

static void err(loader *L, const char *path, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static void err(loader *L, const char *path, const char *fmt, ...) {
	va_list ap;
	va_start(ap, fmt);
	igs_diag_addv(L->d, L->file, path, fmt, ap);
	va_end(ap);
	L->errors++;
}

static char *xstrdup(loader *L, const char *s) {
	char *c = strdup(s ? s : "");
	if (!c)
		L->oom = true;
	return c;
}

static void *xcalloc(loader *L, size_t n, size_t size) {
	void *v = calloc(n ? n : 1, size);
	if (!v)
		L->oom = true;
	return v;
}

/* Unknown keys are errors so that a typo never passes silently; x- and _ keys are notes. */
static void check_keys(loader *L, json_t *obj, const char *path, const char *const *allowed) {
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
			err(L, p, "unknown key '%s'; allowed keys here are: %s (prefix notes with 'x-')", key, list);
		}
	}
}

static json_t *get_obj(loader *L, json_t *parent, const char *key, const char *path, bool required) {
	json_t *v = json_object_get(parent, key);
	char p[IGS_PATH_LEN];
	igs_json_subpath(p, path, key);
	if (!v) {
		if (required)
			err(L, p, "missing; add an object here");
		return NULL;
	}
	if (!json_is_object(v)) {
		err(L, p, "is %s; expected an object", igs_json_kind(v));
		return NULL;
	}
	return v;
}

static json_t *get_arr(loader *L, json_t *parent, const char *key, const char *path, bool required) {
	json_t *v = json_object_get(parent, key);
	char p[IGS_PATH_LEN];
	igs_json_subpath(p, path, key);
	if (!v) {
		if (required)
			err(L, p, "missing; add an array here");
		return NULL;
	}
	if (!json_is_array(v)) {
		err(L, p, "is %s; expected an array", igs_json_kind(v));
		return NULL;
	}
	return v;
}

/* Returns the string or dflt; reports a wrong type or a missing required value. */
static const char *get_str(loader *L, json_t *parent, const char *key, const char *path, bool required,
			   const char *dflt) {
	json_t *v = json_object_get(parent, key);
	char p[IGS_PATH_LEN];
	igs_json_subpath(p, path, key);
	if (!v) {
		if (required)
			err(L, p, "missing; add a string here");
		return dflt;
	}
	if (!json_is_string(v)) {
		err(L, p, "is %s; expected a string", igs_json_kind(v));
		return dflt;
	}
	if (required && !*json_string_value(v)) {
		err(L, p, "is empty; give a non-empty string");
		return dflt;
	}
	return json_string_value(v);
}

static bool get_bool(loader *L, json_t *parent, const char *key, const char *path, bool dflt) {
	json_t *v = json_object_get(parent, key);
	if (!v)
		return dflt;
	if (!json_is_boolean(v)) {
		char p[IGS_PATH_LEN];
		igs_json_subpath(p, path, key);
		err(L, p, "is %s; expected true or false", igs_json_kind(v));
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
	err(L, p, "%s is not %s: give %s %s", value, what, above ? "at most" : open ? "more than" : "at least",
	    limit_text(lim, limit));
}

/* Integer in [lo, hi]; 'what' completes "is not ..." in the message. */
static long get_int(loader *L, json_t *parent, const char *key, const char *path, bool required, long dflt,
		    long lo, long hi, const char *what) {
	json_t *v = json_object_get(parent, key);
	char p[IGS_PATH_LEN];
	igs_json_subpath(p, path, key);
	if (!v) {
		if (required)
			err(L, p, "missing; give %s", what);
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
			err(L, p, "%g is not a whole number; give %s", json_real_value(v), what);
		else
			err(L, p, "is %s; expected %s", igs_json_kind(v), what);
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

static double get_num(loader *L, json_t *parent, const char *key, const char *path, double dflt, double lo,
		      double hi, bool lo_open, const char *what) {
	json_t *v = json_object_get(parent, key);
	if (!v)
		return dflt;
	char p[IGS_PATH_LEN];
	igs_json_subpath(p, path, key);
	if (!json_is_number(v)) {
		err(L, p, "is %s; expected %s", igs_json_kind(v), what);
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

static int parse_time_at(loader *L, json_t *v, const char *p, int *out) {
	if (!json_is_string(v)) {
		err(L, p, "is %s; expected a time \"HH:MM\"", igs_json_kind(v));
		return -1;
	}
	if (igs_parse_hhmm(json_string_value(v), out) != 0) {
		err(L, p, "'%s' is not a time; write \"HH:MM\" from 00:00 to 24:00", json_string_value(v));
		return -1;
	}
	return 0;
}

static int parse_interval_at(loader *L, json_t *v, const char *p, igs_interval *out) {
	if (!json_is_string(v)) {
		err(L, p, "is %s; expected an interval \"HH:MM-HH:MM\"", igs_json_kind(v));
		return -1;
	}
	if (igs_parse_interval(json_string_value(v), &out->from, &out->to) != 0) {
		err(L, p, "'%s' is not an interval; write \"HH:MM-HH:MM\" with the start before the end",
		    json_string_value(v));
		return -1;
	}
	return 0;
}

static int day_ref(loader *L, json_t *v, const char *p) {
	if (!json_is_string(v)) {
		err(L, p, "is %s; expected a day's date or label", igs_json_kind(v));
		return -1;
	}
	int d = igs_problem_find_day(L->p, json_string_value(v));
	if (d < 0) {
		char list[512] = "";
		for (int i = 0; i < L->p->n_days; i++) {
			strncat(list, i ? ", " : "", sizeof list - strlen(list) - 1);
			strncat(list, L->p->days[i].label, sizeof list - strlen(list) - 1);
		}
		err(L, p, "'%s' is not a day of the meeting; use a date or label of days[] (%s)",
		    json_string_value(v), list);
	}
	return d;
}

/* The model index of an id of one list, or -1. */
static int find_id(const loader *L, int kind, const char *id) {
	json_t *x = json_object_get(L->index[kind], id);
	return x ? (int)json_integer_value(x) : -1;
}

static void set_index(loader *L, json_t *map, const char *id, json_int_t value) {
	if (json_object_set_new(map, id, json_integer(value)) != 0)
		L->oom = true;
}

/* Interns a string into a growable table; returns its index or -1 on allocation failure. */
static int intern(loader *L, char ***table, int *n, const char *s) {
	if (table == &L->p->tags) {
		int k = find_id(L, ID_TAG, s);
		if (k >= 0)
			return k;
		set_index(L, L->index[ID_TAG], s, *n);
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
	if (!(t[*n] = xstrdup(L, s)))
		return -1;
	return (*n)++;
}

static int intern_feature(loader *L, const char *name, const char *p) {
	igs_problem *P = L->p;
	for (int i = 0; i < P->n_features; i++)
		if (strcmp(P->features[i], name) == 0)
			return i;
	if (P->n_features == IGS_MAX_FEATURES) {
		err(L, p, "'%s' would be feature number %d; at most %d distinct feature names are supported",
		    name, IGS_MAX_FEATURES + 1, IGS_MAX_FEATURES);
		return -1;
	}
	if (!(P->features[P->n_features] = xstrdup(L, name)))
		return -1;
	return P->n_features++;
}

/* A feature named by a session or rule must exist in some room, else nothing can host it. */
static igs_featmask feature_list(loader *L, json_t *arr, const char *p, bool must_exist) {
	igs_featmask m = 0;
	size_t i;
	json_t *v;
	char q[IGS_PATH_LEN];
	json_array_foreach(arr, i, v) {
		igs_json_indexpath(q, p, i);
		if (!json_is_string(v)) {
			err(L, q, "is %s; expected a feature name", igs_json_kind(v));
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
			err(L, q, "no room has the feature '%s'; add it to a room's features or remove it", name);
			continue;
		}
		if (f < 0 && (f = intern_feature(L, name, q)) < 0)
			continue;
		m |= (igs_featmask)1 << f;
	}
	return m;
}

static int read_window(loader *L, json_t *v, const char *p, igs_window *w, double *weight) {
	static const char *const keys[] = {"day", "from", "to", NULL};
	static const char *const keys_w[] = {"day", "from", "to", "weight", NULL};
	if (!json_is_object(v)) {
		err(L, p, "is %s; expected {\"day\": DAY, \"from\": \"HH:MM\", \"to\": \"HH:MM\"}", igs_json_kind(v));
		return -1;
	}
	check_keys(L, v, p, weight ? keys_w : keys);
	int before = L->errors;
	char q[IGS_PATH_LEN];
	w->day = -1;
	w->from = 0;
	w->to = 1440;
	json_t *x;
	if ((x = json_object_get(v, "day"))) {
		igs_json_subpath(q, p, "day");
		w->day = day_ref(L, x, q);
	}
	if ((x = json_object_get(v, "from"))) {
		igs_json_subpath(q, p, "from");
		parse_time_at(L, x, q, &w->from);
	}
	if ((x = json_object_get(v, "to"))) {
		igs_json_subpath(q, p, "to");
		parse_time_at(L, x, q, &w->to);
	}
	if (L->errors == before && w->from >= w->to)
		err(L, p, "'from' must be before 'to'");
	if (weight)
		*weight = get_num(L, v, "weight", p, 1.0, 0.0, 1e9, true, "a positive weight");
	return L->errors == before ? 0 : -1;
}

static igs_window *read_windows(loader *L, json_t *parent, const char *key, const char *path, int *n) {
	char p[IGS_PATH_LEN], q[IGS_PATH_LEN];
	igs_json_subpath(p, path, key);
	*n = 0;
	json_t *arr = get_arr(L, parent, key, path, false);
	if (!arr || !json_array_size(arr))
		return NULL;
	igs_window *w = xcalloc(L, json_array_size(arr), sizeof *w);
	if (!w)
		return NULL;
	size_t i;
	json_t *v;
	json_array_foreach(arr, i, v) {
		igs_json_indexpath(q, p, i);
		if (read_window(L, v, q, &w[*n], NULL) == 0)
			(*n)++;
	}
	return w;
}

/* ---- meeting and days ---- */

static int cmp_interval(const void *a, const void *b) {
	const igs_interval *x = a, *y = b;
	return x->from - y->from;
}

static int cmp_int(const void *a, const void *b) {
	return *(const int *)a - *(const int *)b;
}

typedef struct {
	igs_interval iv;
	const char *name; /* borrowed from the JSON document, or NULL */
} named_slot;

static int cmp_named_slot(const void *a, const void *b) {
	return cmp_interval(&((const named_slot *)a)->iv, &((const named_slot *)b)->iv);
}

/* A slot is "HH:MM-HH:MM" or {"name": "Wed1", "time": "HH:MM-HH:MM"}: names label the
 * programme's blocks (a CoSPLib session, a "Morning 1") and let a schedule name its block. */
static named_slot *read_slots(loader *L, json_t *arr, const char *p, int *n) {
	static const char *const keys[] = {"name", "time", NULL};
	*n = 0;
	named_slot *s = xcalloc(L, json_array_size(arr), sizeof *s);
	if (!s)
		return NULL;
	size_t i;
	json_t *v;
	char q[IGS_PATH_LEN], r[IGS_PATH_LEN];
	json_array_foreach(arr, i, v) {
		igs_json_indexpath(q, p, i);
		const char *name = NULL;
		json_t *time = v;
		if (json_is_object(v)) {
			check_keys(L, v, q, keys);
			name = get_str(L, v, "name", q, true, NULL);
			if (name && !*name) {
				igs_json_subpath(r, q, "name");
				err(L, r, "is empty; name the slot or give it as a plain \"HH:MM-HH:MM\" string");
			}
			time = json_object_get(v, "time");
			igs_json_subpath(r, q, "time");
			if (!time) {
				err(L, r, "is missing; give the slot's \"time\": \"HH:MM-HH:MM\"");
				continue;
			}
		}
		if (parse_interval_at(L, time, time == v ? q : r, &s[*n].iv) == 0)
			s[(*n)++].name = name;
	}
	qsort(s, (size_t)*n, sizeof *s, cmp_named_slot);
	for (int k = 1; k < *n; k++) {
		if (s[k].iv.from < s[k - 1].iv.to) {
			char a[6], b[6];
			igs_format_hhmm(s[k].iv.from, a);
			igs_format_hhmm(s[k - 1].iv.to, b);
			err(L, p, "slots overlap: one starts at %s before the previous one ends at %s; make them disjoint",
			    a, b);
		}
		for (int m = 0; s[k].name && m < k; m++)
			if (s[m].name && strcmp(s[m].name, s[k].name) == 0)
				err(L, p, "two slots are named '%s'; a slot's name must be unique within its day", s[k].name);
	}
	return s;
}

/* Copies parsed slots into a day; names are duplicated, so default slots can serve every day. */
static void set_day_slots(loader *L, igs_day *D, const named_slot *s, int n) {
	if (!s || n == 0 || !(D->slots = xcalloc(L, (size_t)n, sizeof *D->slots)))
		return;
	D->n_slots = n;
	bool named = false;
	for (int k = 0; k < n; k++) {
		D->slots[k] = s[k].iv;
		named = named || s[k].name;
	}
	if (!named || !(D->slot_names = xcalloc(L, (size_t)n, sizeof *D->slot_names)))
		return;
	for (int k = 0; k < n; k++)
		if (s[k].name)
			D->slot_names[k] = xstrdup(L, s[k].name);
}

/* "YYYY-MM-DD" with a day that exists in that month (sscanf would take "+025-6-1x"). */
static bool valid_date(const char *s) {
	static const int mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	for (int i = 0; i < 10; i++)
		if (i == 4 || i == 7 ? s[i] != '-' : !(s[i] >= '0' && s[i] <= '9'))
			return false;
	if (s[10] != '\0')
		return false;
	int y = atoi(s), mo = atoi(s + 5), d = atoi(s + 8);
	bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	if (mo < 1 || mo > 12 || d < 1 || d > mdays[mo - 1])
		return false;
	return mo != 2 || d <= 28 || leap;
}

static void read_meeting(loader *L, json_t *root, json_t **dflt_slots, long *dflt_every) {
	static const char *const keys[] = {"name", "timezone", "utc_offset", "join_gap", "duplicate_threshold", "slots",
					   "start_every", "thematic_rooms", NULL};
	igs_problem *P = L->p;
	json_t *m = get_obj(L, root, "meeting", "", true);
	*dflt_slots = NULL;
	*dflt_every = 0;
	if (!m) {
		P->name = xstrdup(L, "(unnamed)");
		P->timezone = xstrdup(L, "UTC");
		return;
	}
	check_keys(L, m, "meeting", keys);
	P->name = xstrdup(L, get_str(L, m, "name", "meeting", true, "(unnamed)"));
	P->timezone = xstrdup(L, get_str(L, m, "timezone", "meeting", false, "UTC"));
	char why[512];
	if (P->timezone && igs_timezone_check(why, sizeof why, P->timezone) != IGS_OK)
		err(L, "meeting.timezone", "%s", why);
	const char *off = get_str(L, m, "utc_offset", "meeting", false, "+00:00");
	if (igs_parse_utc_offset(off, &P->utc_offset) != 0)
		err(L, "meeting.utc_offset", "'%s' is not a UTC offset; write \"+09:00\" or \"-05:00\"", off);
	P->join_gap = (int)get_int(L, m, "join_gap", "meeting", false, 30, 0, 1440,
				   "a number of minutes from 0 to 1440");
	P->dup_threshold = get_num(L, m, "duplicate_threshold", "meeting", IGS_DUP_THRESHOLD, 0.0, 1.0, true,
				   "a similarity above 0 and at most 1");
	P->thematic_rooms = get_bool(L, m, "thematic_rooms", "meeting", false);
	*dflt_slots = get_arr(L, m, "slots", "meeting", false);
	*dflt_every = get_int(L, m, "start_every", "meeting", false, 0, 1, 1440, "a number of minutes from 1 to 1440");
}

static void read_days(loader *L, json_t *root, json_t *dflt_slots, long dflt_every) {
	static const char *const keys[] = {"date", "label", "pre_event", "slots", "starts", "start_every", NULL};
	igs_problem *P = L->p;
	json_t *arr = get_arr(L, root, "days", "", true);
	if (!arr)
		return;
	if (json_array_size(arr) == 0) {
		err(L, "days", "is empty; list at least one day");
		return;
	}
	if (json_array_size(arr) > 64) {
		err(L, "days", "has %zu days; at most 64 are supported", json_array_size(arr));
		return;
	}
	P->days = xcalloc(L, json_array_size(arr), sizeof *P->days);
	if (!P->days)
		return;
	/* The default slots are parsed once, so a mistake in them is reported once, not per day. */
	named_slot *dflt_iv = NULL;
	int dflt_n = 0;
	size_t json_index[64]; /* days[] position of each loaded day, for messages */
	if (dflt_slots && json_array_size(dflt_slots))
		dflt_iv = read_slots(L, dflt_slots, "meeting.slots", &dflt_n);
	size_t i;
	json_t *v;
	char p[IGS_PATH_LEN], q[IGS_PATH_LEN], r[IGS_PATH_LEN];
	json_array_foreach(arr, i, v) {
		igs_json_indexpath(p, "days", i);
		if (!json_is_object(v)) {
			err(L, p, "is %s; expected a day object", igs_json_kind(v));
			continue;
		}
		check_keys(L, v, p, keys);
		igs_day *D = &P->days[P->n_days];
		const char *date = get_str(L, v, "date", p, true, NULL);
		if (date && !valid_date(date)) {
			igs_json_subpath(q, p, "date");
			err(L, q, "'%s' is not a date; write \"YYYY-MM-DD\"", date);
		}
		const char *label = get_str(L, v, "label", p, false, date);
		D->date = xstrdup(L, date ? date : "?");
		D->label = xstrdup(L, label ? label : D->date);
		if (L->oom) {
			P->n_days++; /* so that igs_problem_free frees what it holds */
			break;
		}
		D->pre_event = get_bool(L, v, "pre_event", p, label && strcmp(label, "Day 0") == 0);
		/* A day reference is a date or a label, so neither may repeat either; a missing date
		 * is already reported and must not look like a repeat. */
		for (int k = 0; date && k < P->n_days; k++) {
			bool by_date = strcmp(P->days[k].date, D->date) == 0 || strcmp(P->days[k].label, D->date) == 0;
			if (by_date || strcmp(P->days[k].date, D->label) == 0 || strcmp(P->days[k].label, D->label) == 0) {
				igs_json_subpath(q, p, by_date ? "date" : "label");
				err(L, q, "'%s' repeats the date or label of days[%zu]; every day needs its own date and label",
				    by_date ? D->date : D->label, json_index[k]);
			}
		}
		json_t *slots = get_arr(L, v, "slots", p, false);
		igs_json_subpath(q, p, "slots");
		if (!slots && dflt_slots) {
			slots = dflt_slots;
			snprintf(q, sizeof q, "meeting.slots");
		}
		if (!slots || json_array_size(slots) == 0) {
			err(L, q, "no slots for %s; give the day \"slots\": [\"09:00-10:30\", …] or set meeting.slots",
			    D->label);
		} else if (slots == dflt_slots) {
			set_day_slots(L, D, dflt_iv, dflt_n);
		} else {
			int n;
			named_slot *own = read_slots(L, slots, q, &n);
			set_day_slots(L, D, own, n);
			free(own);
		}
		long every = get_int(L, v, "start_every", p, false, dflt_every, 1, 1440,
				     "a number of minutes from 1 to 1440");
		json_t *starts = get_arr(L, v, "starts", p, false);
		if (starts && json_object_get(v, "start_every")) {
			igs_json_subpath(q, p, "start_every");
			err(L, q, "a day gives either \"starts\" or \"start_every\", not both; remove one");
		}
		igs_json_subpath(q, p, "starts");
		if (starts) {
			D->starts = xcalloc(L, json_array_size(starts), sizeof *D->starts);
			size_t k;
			json_t *sv;
			json_array_foreach(starts, k, sv) {
				igs_json_indexpath(r, q, k);
				int t;
				if (!D->starts || parse_time_at(L, sv, r, &t) != 0)
					continue;
				bool inside = false;
				for (int m = 0; m < D->n_slots; m++)
					inside = inside || (D->slots[m].from <= t && t < D->slots[m].to);
				if (!inside)
					err(L, r, "start '%s' lies in no slot of %s; add a slot around it or remove it",
					    json_string_value(sv), D->label);
				else
					D->starts[D->n_starts++] = t;
			}
		} else if (D->slots) {
			int cap = 0;
			for (int m = 0; m < D->n_slots; m++)
				cap += every ? (D->slots[m].to - D->slots[m].from + (int)every - 1) / (int)every : 1;
			D->starts = xcalloc(L, (size_t)cap, sizeof *D->starts);
			for (int m = 0; D->starts && m < D->n_slots; m++) {
				if (!every) {
					D->starts[D->n_starts++] = D->slots[m].from;
					continue;
				}
				for (int t = D->slots[m].from; t < D->slots[m].to; t += (int)every)
					D->starts[D->n_starts++] = t;
			}
		}
		if (D->starts) {
			qsort(D->starts, (size_t)D->n_starts, sizeof *D->starts, cmp_int);
			int u = 0;
			for (int k = 0; k < D->n_starts; k++)
				if (!u || D->starts[u - 1] != D->starts[k])
					D->starts[u++] = D->starts[k];
			D->n_starts = u;
		}
		json_index[P->n_days++] = i;
	}
	free(dflt_iv);
	int total = 0;
	for (int d = 0; d < P->n_days; d++)
		total += P->days[d].n_starts;
	P->times = xcalloc(L, (size_t)total, sizeof *P->times);
	for (int d = 0; P->times && d < P->n_days; d++)
		for (int k = 0; k < P->days[d].n_starts; k++)
			P->times[P->n_times++] = (igs_time){d, P->days[d].starts[k]};
}

/* ---- rooms, themes, people, groups ---- */

/* Reports an id that an earlier element of the JSON array already has, naming that element
 * by its position in the file (entries skipped for errors would shift model indices). */
/* Reports a duplicate id; otherwise records it at JSON index i and model index m. */
/* The keys and the id of element i of a list of entities (path p): the id, recorded as the
 * m-th of its kind, or NULL when it is missing; a duplicate is said, naming the first. */
static const char *read_id(loader *L, json_t *v, const char *p, const char *const *keys, int kind, size_t i, int m,
			   const char *what, const char *list) {
	check_keys(L, v, p, keys);
	const char *id = get_str(L, v, "id", p, true, NULL);
	if (!id)
		return NULL;
	json_t *x = json_object_get(L->seen[kind], id);
	if (x) {
		char q[IGS_PATH_LEN];
		igs_json_subpath(q, p, "id");
		err(L, q, "duplicate %s id '%s' (also %s[%" JSON_INTEGER_FORMAT "]); ids must be unique", what, id, list,
		    json_integer_value(x));
		return id;
	}
	set_index(L, L->seen[kind], id, (json_int_t)i);
	set_index(L, L->index[kind], id, m);
	return id;
}

static void read_rooms(loader *L, json_t *root) {
	static const char *const keys[] = {"id", "name", "capacity", "features", "unavailable", NULL};
	igs_problem *P = L->p;
	json_t *arr = get_arr(L, root, "rooms", "", true);
	if (!arr)
		return;
	if (json_array_size(arr) == 0)
		err(L, "rooms", "is empty; list at least one room");
	P->rooms = xcalloc(L, json_array_size(arr), sizeof *P->rooms);
	if (!P->rooms)
		return;
	size_t i;
	json_t *v;
	char p[IGS_PATH_LEN], q[IGS_PATH_LEN];
	json_array_foreach(arr, i, v) {
		igs_json_indexpath(p, "rooms", i);
		if (!json_is_object(v)) {
			err(L, p, "is %s; expected a room object", igs_json_kind(v));
			continue;
		}
		const char *id = read_id(L, v, p, keys, ID_ROOM, i, P->n_rooms, "room", "rooms");
		if (!id)
			continue;
		igs_room *R = &P->rooms[P->n_rooms];
		R->id = xstrdup(L, id);
		R->name = xstrdup(L, get_str(L, v, "name", p, false, id));
		R->capacity = (int)get_int(L, v, "capacity", p, false, 0, 0, 10000000, "a number of seats (0 = unknown)");
		json_t *f = get_arr(L, v, "features", p, false);
		if (f) {
			igs_json_subpath(q, p, "features");
			R->features = feature_list(L, f, q, false);
		}
		R->unavailable = read_windows(L, v, "unavailable", p, &R->n_unavailable);
		P->n_rooms++;
	}
}

static void read_themes(loader *L, json_t *root) {
	static const char *const keys[] = {"id", "name", "chairs", NULL};
	static const char *const sim_keys[] = {"a", "b", "value", NULL};
	igs_problem *P = L->p;
	json_t *arr = get_arr(L, root, "themes", "", false);
	size_t i;
	json_t *v;
	char p[IGS_PATH_LEN], q[IGS_PATH_LEN];
	if (arr) {
		P->themes = xcalloc(L, json_array_size(arr), sizeof *P->themes);
		json_array_foreach(arr, i, v) {
			igs_json_indexpath(p, "themes", i);
			if (!json_is_object(v)) {
				err(L, p, "is %s; expected {\"id\": …, \"name\": …}", igs_json_kind(v));
				continue;
			}
			if (!P->themes)
				continue;
			const char *id = read_id(L, v, p, keys, ID_THEME, i, P->n_themes, "theme", "themes");
			if (!id)
				continue;
			P->themes[P->n_themes].id = xstrdup(L, id);
			P->themes[P->n_themes].name = xstrdup(L, get_str(L, v, "name", p, false, id));
			P->n_themes++;
		}
	}
	P->theme_sim = xcalloc(L, (size_t)P->n_themes * (size_t)P->n_themes, sizeof *P->theme_sim);
	arr = get_arr(L, root, "theme_similarity", "", false);
	if (!arr || !P->theme_sim)
		return;
	json_array_foreach(arr, i, v) {
		igs_json_indexpath(p, "theme_similarity", i);
		if (!json_is_object(v)) {
			err(L, p, "is %s; expected {\"a\": THEME, \"b\": THEME, \"value\": 0..1}", igs_json_kind(v));
			continue;
		}
		check_keys(L, v, p, sim_keys);
		int ab[2] = {-1, -1};
		for (int k = 0; k < 2; k++) {
			const char *key = k ? "b" : "a";
			const char *id = get_str(L, v, key, p, true, NULL);
			igs_json_subpath(q, p, key);
			if (id && (ab[k] = find_id(L, ID_THEME, id)) < 0)
				err(L, q, "'%s' is not a theme id; use one of themes[].id", id);
		}
		double x = get_num(L, v, "value", p, NAN, 0.0, 1.0, false, "a similarity from 0 to 1");
		if (!json_object_get(v, "value")) {
			igs_json_subpath(q, p, "value");
			err(L, q, "missing; give a similarity from 0 to 1");
		}
		if (ab[0] >= 0 && ab[0] == ab[1])
			err(L, p, "a theme's similarity with itself is implied; list only pairs of distinct themes");
		else if (ab[0] >= 0 && ab[1] >= 0 && !isnan(x))
			P->theme_sim[ab[0] * P->n_themes + ab[1]] = P->theme_sim[ab[1] * P->n_themes + ab[0]] = x;
	}
}

static void read_people(loader *L, json_t *root) {
	static const char *const keys[] = {"id", "name", "remote", "utc_offset", "available", NULL};
	igs_problem *P = L->p;
	json_t *arr = get_arr(L, root, "people", "", false);
	if (!arr)
		return;
	P->people = xcalloc(L, json_array_size(arr), sizeof *P->people);
	if (!P->people)
		return;
	size_t i;
	json_t *v;
	char p[IGS_PATH_LEN], q[IGS_PATH_LEN], r[IGS_PATH_LEN];
	json_array_foreach(arr, i, v) {
		igs_json_indexpath(p, "people", i);
		if (!json_is_object(v)) {
			err(L, p, "is %s; expected a person object", igs_json_kind(v));
			continue;
		}
		const char *id = read_id(L, v, p, keys, ID_PERSON, i, P->n_people, "person", "people");
		if (!id)
			continue;
		igs_person *H = &P->people[P->n_people];
		H->id = xstrdup(L, id);
		H->name = xstrdup(L, get_str(L, v, "name", p, false, id));
		H->remote = get_bool(L, v, "remote", p, false);
		const char *off = get_str(L, v, "utc_offset", p, false, NULL);
		if (off && igs_parse_utc_offset(off, &H->utc_offset) != 0) {
			igs_json_subpath(q, p, "utc_offset");
			err(L, q, "'%s' is not a UTC offset; write \"+02:00\" or \"-05:00\"", off);
		}
		json_t *av = get_arr(L, v, "available", p, false);
		if (av) {
			igs_json_subpath(q, p, "available");
			H->available = xcalloc(L, json_array_size(av), sizeof *H->available);
			size_t k;
			json_t *x;
			json_array_foreach(av, k, x) {
				igs_json_indexpath(r, q, k);
				if (H->available && parse_interval_at(L, x, r, &H->available[H->n_available]) == 0)
					H->n_available++;
			}
		}
		if (H->remote && !off) {
			igs_json_subpath(q, p, "utc_offset");
			err(L, q, "missing for a remote person; give their offset from UTC, e.g. \"-05:00\"");
		}
		P->n_people++;
	}
}

static int *tag_list(loader *L, json_t *parent, const char *key, const char *path, int *n) {
	char p[IGS_PATH_LEN], q[IGS_PATH_LEN];
	*n = 0;
	json_t *arr = get_arr(L, parent, key, path, false);
	if (!arr || !json_array_size(arr))
		return NULL;
	igs_json_subpath(p, path, key);
	int *out = xcalloc(L, json_array_size(arr), sizeof *out);
	size_t i;
	json_t *v;
	json_array_foreach(arr, i, v) {
		igs_json_indexpath(q, p, i);
		if (!json_is_string(v)) {
			err(L, q, "is %s; expected a tag string", igs_json_kind(v));
			continue;
		}
		if (!*json_string_value(v)) {
			err(L, q, "is empty; give a non-empty tag or remove it");
			continue;
		}
		int t = intern(L, &L->p->tags, &L->p->n_tags, json_string_value(v));
		bool dup = false;
		for (int k = 0; k < *n; k++)
			dup = dup || out[k] == t;
		if (out && t >= 0 && !dup)
			out[(*n)++] = t;
	}
	return out;
}

static void read_groups(loader *L, json_t *root) {
	static const char *const keys[] = {"id", "name", "kind", "topics", NULL};
	igs_problem *P = L->p;
	json_t *arr = get_arr(L, root, "groups", "", false);
	if (!arr)
		return;
	P->groups = xcalloc(L, json_array_size(arr), sizeof *P->groups);
	if (!P->groups)
		return;
	size_t i;
	json_t *v;
	char p[IGS_PATH_LEN];
	json_array_foreach(arr, i, v) {
		igs_json_indexpath(p, "groups", i);
		if (!json_is_object(v)) {
			err(L, p, "is %s; expected a group object", igs_json_kind(v));
			continue;
		}
		const char *id = read_id(L, v, p, keys, ID_GROUP, i, P->n_groups, "group", "groups");
		if (!id)
			continue;
		igs_group *G = &P->groups[P->n_groups];
		G->id = xstrdup(L, id);
		G->name = xstrdup(L, get_str(L, v, "name", p, false, id));
		G->kind = xstrdup(L, get_str(L, v, "kind", p, false, ""));
		G->topics = tag_list(L, v, "topics", p, &G->n_topics);
		P->n_groups++;
	}
}

/* ---- type rules ---- */

static int add_rule(loader *L, const char *type) {
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
		err(L, p, "is %s; expected an array of session types, e.g. [\"dc_main\"]", igs_json_kind(arr));
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
			err(L, q, "is %s; expected a session type such as \"dc_main\"", igs_json_kind(x));
			continue;
		}
		int r = add_rule(L, json_string_value(x));
		if (r >= 0)
			v[k++] = r;
	}
	*out = v;
	return k;
}

/* apart_from and apart_same_theme: the defaults, then the file's lists in their place. Run
 * after every rule exists, since the lists add rules (and add_rule moves the array). */
static void read_apart(loader *L, json_t *overrides) {
	igs_problem *P = L->p;
	static const char *const keys[2] = {"apart_from", "apart_same_theme"};
	for (int same = 0; same < 2; same++) {
		for (int i = 0; i < igs_rules_default_count(); i++) {
			const char *type = igs_rules_default_type(i), *other = igs_rules_default_apart(i, same);
			if (!other || json_object_get(json_object_get(overrides, type), keys[same]))
				continue;
			int o = add_rule(L, other), r = igs_problem_find_rule(P, type);
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
static void count_fair(loader *L) {
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

static void read_rules(loader *L, json_t *root) {
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
		int r = add_rule(L, type);
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
			int k = name ? intern_feature(L, name, t) : -1;
			if (k >= 0)
				P->rules[r].room_features |= (igs_featmask)1 << k;
		}
	}
	json_t *obj = get_obj(L, root, "type_rules", "", false);
	if (!obj)
		return;
	const char *type;
	json_t *v;
	char p[IGS_PATH_LEN], q[IGS_PATH_LEN];
	json_object_foreach(obj, type, v) {
		igs_json_subpath(p, "type_rules", type);
		if (!json_is_object(v)) {
			err(L, p, "is %s; expected an object of rule fields", igs_json_kind(v));
			continue;
		}
		check_keys(L, v, p, keys);
		int r = add_rule(L, type);
		if (r < 0)
			continue;
		igs_type_rule *R = &P->rules[r];
		json_t *f = get_arr(L, v, "room_features", p, false);
		if (f) {
			igs_json_subpath(q, p, "room_features");
			R->room_features = feature_list(L, f, q, false);
		}
		R->exclusive = get_bool(L, v, "exclusive", p, R->exclusive);
		json_t *cls = json_object_get(v, "parallel_class");
		if (cls) {
			igs_json_subpath(q, p, "parallel_class");
			if (json_is_null(cls)) {
				free(R->parallel_class);
				R->parallel_class = NULL;
			} else if (json_is_string(cls) && *json_string_value(cls)) {
				free(R->parallel_class);
				R->parallel_class = xstrdup(L, json_string_value(cls));
			} else {
				err(L, q, "is %s; expected a class name or null", igs_json_kind(cls));
			}
		}
		R->max_parallel = (int)get_int(L, v, "max_parallel", p, false, R->max_parallel, 0, 100000,
					       "a count of sessions (0 = no limit)");
		if (R->max_parallel > 0 && !R->parallel_class && !(R->parallel_class = xstrdup(L, type)))
			continue;
		R->pre_event_days = get_bool(L, v, "pre_event_days", p, R->pre_event_days);
		R->main_days = get_bool(L, v, "main_days", p, R->main_days);
		R->capacity_hard = get_bool(L, v, "capacity_hard", p, R->capacity_hard);
		R->spread_days = get_bool(L, v, "spread_days", p, R->spread_days);
	}
}

/* themes[].chairs, read once the people are known. */
static void read_chairs(loader *L, json_t *root) {
	json_t *arr = get_arr(L, root, "themes", "", false), *v, *x;
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
		json_t *ch = get_arr(L, v, "chairs", p, false);
		if (!ch || !T)
			continue;
		igs_json_subpath(q, p, "chairs");
		if (!(T->chairs = xcalloc(L, json_array_size(ch) + 1, sizeof *T->chairs)))
			return;
		json_array_foreach(ch, k, x) {
			igs_json_indexpath(r, q, k);
			int h = json_is_string(x) ? find_id(L, ID_PERSON, json_string_value(x)) : -1;
			bool dup = false;
			for (int j = 0; j < T->n_chairs; j++)
				dup = dup || T->chairs[j] == h;
			if (!json_is_string(x))
				err(L, r, "is %s; expected a person id", igs_json_kind(x));
			else if (h < 0)
				err(L, r, "'%s' is not a person id; add it to people[] or fix the spelling",
				    json_string_value(x));
			else if (dup)
				err(L, r, "person '%s' is listed twice; list each chair once", json_string_value(x));
			else
				T->chairs[T->n_chairs++] = h;
		}
	}
}

/* A theme's chairs take part in every session whose first theme it is: they join its people
 * as chairs (unless listed there already) and leave its attendees, so every rule on people
 * (clashes, person_slot, the exact solver's cliques) applies to them with no code of its own. */
static void seat_chairs(loader *L) {
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

/* ---- sessions ---- */

static void read_session(loader *L, size_t index, json_t *v, const char *p) {
	static const char *const keys[] = {"id",        "title",   "type",   "duration",     "themes", "tags",
					   "description", "people", "attendees", "groups", "attendance", "requires",
					   "min_capacity", "priority", "optional", "pin",   "days",   "not_days",
					   "times",     "not_times", "prefer", "order",      "stakeholder", "region", NULL};
	static const char *const pin_keys[] = {"day", "start", "room", NULL};
	static const char *const person_keys[] = {"id", "role", NULL};
	igs_problem *P = L->p;
	char q[IGS_PATH_LEN], r[IGS_PATH_LEN];
	const char *id = read_id(L, v, p, keys, ID_SESSION, index, P->n_sessions, "session", "sessions");
	if (!id)
		return;
	igs_session *S = &P->sessions[P->n_sessions++];
	S->id = xstrdup(L, id);
	S->title = xstrdup(L, get_str(L, v, "title", p, false, id));
	const char *type = get_str(L, v, "type", p, false, "workshop");
	if (!*type) {
		igs_json_subpath(q, p, "type");
		err(L, q, "is empty; give a session type such as \"workshop\" or \"main\"");
		type = "workshop";
	}
	S->type = xstrdup(L, type);
	S->description = xstrdup(L, get_str(L, v, "description", p, false, ""));
	if (!S->type)
		return;
	S->rule = add_rule(L, S->type);
	S->duration = (int)get_int(L, v, "duration", p, true, 60, 1, 1440,
				   "a positive number of minutes (at most 1440; e.g. 30, 60, 90 or 180)");
	S->attendance = (int)get_int(L, v, "attendance", p, false, 0, 0, 10000000, "a number of people (0 = unknown)");
	S->min_capacity = (int)get_int(L, v, "min_capacity", p, false, 0, 0, 10000000, "a number of seats");
	S->priority = get_num(L, v, "priority", p, 1.0, 0.0, 1e9, true, "a positive priority");
	S->optional = get_bool(L, v, "optional", p, false);
	S->order = (int)get_int(L, v, "order", p, false, 0, 1, 1000000, "a position from 1 up");

	json_t *arr;
	size_t i;
	json_t *x;
	if ((arr = get_arr(L, v, "themes", p, false))) {
		igs_json_subpath(q, p, "themes");
		S->themes = xcalloc(L, json_array_size(arr), sizeof *S->themes);
		json_array_foreach(arr, i, x) {
			igs_json_indexpath(r, q, i);
			int t = json_is_string(x) ? find_id(L, ID_THEME, json_string_value(x)) : -1;
			if (!json_is_string(x))
				err(L, r, "is %s; expected a theme id", igs_json_kind(x));
			else if (t < 0)
				err(L, r, "'%s' is not a theme id; use one of themes[].id", json_string_value(x));
			else if (S->themes)
				S->themes[S->n_themes++] = t;
		}
	}
	S->tags = tag_list(L, v, "tags", p, &S->n_tags);
	static const char *const fair_keys[IGS_FAIR_ATTRS] = {"stakeholder", "region"};
	for (int a = 0; a < IGS_FAIR_ATTRS; a++) {
		const char *val = get_str(L, v, fair_keys[a], p, false, NULL);
		S->fair[a] = val && *val ? intern(L, &P->fair_names[a], &P->n_fair[a], val) : -1;
		if (val && !*val) {
			igs_json_subpath(q, p, fair_keys[a]);
			err(L, q, "is empty; give a name such as \"civil society\" or \"Africa\", or leave the key out");
		}
	}
	if ((arr = get_arr(L, v, "people", p, false))) {
		igs_json_subpath(q, p, "people");
		S->people = xcalloc(L, json_array_size(arr), sizeof *S->people);
		json_array_foreach(arr, i, x) {
			igs_json_indexpath(r, q, i);
			const char *pid = NULL, *role = "other";
			if (json_is_string(x)) {
				pid = json_string_value(x);
			} else if (json_is_object(x)) {
				check_keys(L, x, r, person_keys);
				pid = get_str(L, x, "id", r, true, NULL);
				role = get_str(L, x, "role", r, false, "other");
			} else {
				err(L, r, "is %s; expected a person id or {\"id\": …, \"role\": …}", igs_json_kind(x));
				continue;
			}
			if (!pid)
				continue;
			int h = find_id(L, ID_PERSON, pid);
			if (h < 0) {
				err(L, r, "'%s' is not a person id; add it to people[] or fix the spelling", pid);
				continue;
			}
			igs_role ro = IGS_ROLE_OTHER;
			if (strcmp(role, "organiser") == 0 || strcmp(role, "organizer") == 0)
				ro = IGS_ROLE_ORGANISER;
			else if (strcmp(role, "speaker") == 0)
				ro = IGS_ROLE_SPEAKER;
			else if (strcmp(role, "moderator") == 0)
				ro = IGS_ROLE_MODERATOR;
			else if (strcmp(role, "chair") == 0)
				ro = IGS_ROLE_CHAIR;
			else if (strcmp(role, "other") != 0) {
				char rr[IGS_PATH_LEN];
				igs_json_subpath(rr, r, "role");
				err(L, rr, "'%s' is not a role; use organiser, speaker, moderator, chair or other", role);
			}
			bool dup = false;
			for (int k = 0; k < S->n_people; k++)
				dup = dup || S->people[k].person == h;
			if (dup)
				err(L, r, "person '%s' is listed twice in this session; list each person once", pid);
			else if (S->people)
				S->people[S->n_people++] = (igs_participation){h, ro};
		}
	}
	if ((arr = get_arr(L, v, "attendees", p, false))) {
		igs_json_subpath(q, p, "attendees");
		S->attendees = xcalloc(L, json_array_size(arr), sizeof *S->attendees);
		json_array_foreach(arr, i, x) {
			igs_json_indexpath(r, q, i);
			int h = json_is_string(x) ? find_id(L, ID_PERSON, json_string_value(x)) : -1;
			if (!json_is_string(x)) {
				err(L, r, "is %s; expected a person id", igs_json_kind(x));
				continue;
			}
			if (h < 0) {
				err(L, r, "'%s' is not a person id; add it to people[] or fix the spelling",
				    json_string_value(x));
				continue;
			}
			bool dup = false, takes_part = false;
			for (int k = 0; k < S->n_attendees; k++)
				dup = dup || S->attendees[k] == h;
			for (int k = 0; k < S->n_people; k++)
				takes_part = takes_part || S->people[k].person == h;
			if (dup)
				err(L, r, "person '%s' is listed twice as an attendee; list each person once",
				    json_string_value(x));
			else if (takes_part)
				err(L, r,
				    "person '%s' is also in this session's people; an attendee only wants to attend, so "
				    "keep them in one of the two lists",
				    json_string_value(x));
			else if (S->attendees)
				S->attendees[S->n_attendees++] = h;
		}
	}
	if ((arr = get_arr(L, v, "groups", p, false))) {
		igs_json_subpath(q, p, "groups");
		S->groups = xcalloc(L, json_array_size(arr), sizeof *S->groups);
		json_array_foreach(arr, i, x) {
			igs_json_indexpath(r, q, i);
			int g = json_is_string(x) ? find_id(L, ID_GROUP, json_string_value(x)) : -1;
			if (!json_is_string(x))
				err(L, r, "is %s; expected a group id", igs_json_kind(x));
			else if (g < 0)
				err(L, r, "'%s' is not a group id; add it to groups[] or fix the spelling",
				    json_string_value(x));
			else if (S->groups)
				S->groups[S->n_groups++] = g;
		}
	}
	if ((arr = get_arr(L, v, "requires", p, false))) {
		igs_json_subpath(q, p, "requires");
		S->requires = feature_list(L, arr, q, true);
	}

	S->pin_day = S->pin_start = S->pin_room = -1;
	json_t *pin = json_object_get(v, "pin");
	igs_json_subpath(q, p, "pin");
	if (pin && !json_is_object(pin)) {
		err(L, q, "is %s; expected {\"day\": DAY, \"start\": \"HH:MM\", \"room\": ROOM}", igs_json_kind(pin));
	} else if (pin) {
		check_keys(L, pin, q, pin_keys);
		if ((x = json_object_get(pin, "day"))) {
			igs_json_subpath(r, q, "day");
			S->pin_day = day_ref(L, x, r);
		}
		if ((x = json_object_get(pin, "start"))) {
			igs_json_subpath(r, q, "start");
			parse_time_at(L, x, r, &S->pin_start);
		}
		if ((x = json_object_get(pin, "room"))) {
			igs_json_subpath(r, q, "room");
			if (!json_is_string(x))
				err(L, r, "is %s; expected a room id", igs_json_kind(x));
			else if ((S->pin_room = find_id(L, ID_ROOM, json_string_value(x))) < 0)
				err(L, r, "'%s' is not a room id; use one of rooms[].id", json_string_value(x));
		}
	}

	S->allowed_days = P->n_days >= 64 ? ~(uint64_t)0 : (((uint64_t)1 << P->n_days) - 1);
	if ((arr = get_arr(L, v, "days", p, false))) {
		igs_json_subpath(q, p, "days");
		uint64_t m = 0;
		json_array_foreach(arr, i, x) {
			igs_json_indexpath(r, q, i);
			int d = day_ref(L, x, r);
			if (d >= 0)
				m |= (uint64_t)1 << d;
		}
		S->allowed_days = m;
	}
	if ((arr = get_arr(L, v, "not_days", p, false))) {
		igs_json_subpath(q, p, "not_days");
		json_array_foreach(arr, i, x) {
			igs_json_indexpath(r, q, i);
			int d = day_ref(L, x, r);
			if (d >= 0)
				S->allowed_days &= ~((uint64_t)1 << d);
		}
	}
	S->allowed_times = read_windows(L, v, "times", p, &S->n_allowed_times);
	S->forbidden_times = read_windows(L, v, "not_times", p, &S->n_forbidden_times);
	if ((arr = get_arr(L, v, "prefer", p, false)) && json_array_size(arr)) {
		igs_json_subpath(q, p, "prefer");
		S->prefer = xcalloc(L, json_array_size(arr), sizeof *S->prefer);
		json_array_foreach(arr, i, x) {
			igs_json_indexpath(r, q, i);
			if (S->prefer && read_window(L, x, r, &S->prefer[S->n_prefer].when, &S->prefer[S->n_prefer].weight) == 0)
				S->n_prefer++;
		}
	}
}

static void read_sessions(loader *L, json_t *root) {
	igs_problem *P = L->p;
	json_t *arr = get_arr(L, root, "sessions", "", true);
	if (!arr)
		return;
	if (json_array_size(arr) == 0)
		err(L, "sessions", "is empty; list the sessions to schedule");
	P->sessions = xcalloc(L, json_array_size(arr), sizeof *P->sessions);
	if (!P->sessions)
		return;
	size_t i;
	json_t *v;
	char p[IGS_PATH_LEN];
	json_array_foreach(arr, i, v) {
		igs_json_indexpath(p, "sessions", i);
		if (!json_is_object(v)) {
			err(L, p, "is %s; expected a session object", igs_json_kind(v));
			continue;
		}
		read_session(L, i, v, p);
	}
}

#define STR_(x) #x
#define STR(x) STR_(x)
#define WEIGHT_RANGE "a weight from 0 to " STR(IGS_WEIGHT_MAX)

static void read_weights(loader *L, json_t *root) {
	static const char *const keys[] = {
#define IGS_W_KEY(f, n, d, m, h) n,
		IGS_WEIGHTS(IGS_W_KEY)
#undef IGS_W_KEY
			NULL};
	json_t *w = get_obj(L, root, "weights", "", false);
	if (!w)
		return;
	check_keys(L, w, "weights", keys);
#define IGS_W_READ(f, n, d, m, h)                                                                    \
	L->p->weights.f = get_num(L, w, n, "weights", L->p->weights.f, 0.0, IGS_WEIGHT_MAX, false, WEIGHT_RANGE);
	IGS_WEIGHTS(IGS_W_READ)
#undef IGS_W_READ
}

/* Does the model hold every entry of sessions[], at its index? */
static bool sessions_as_listed(const igs_problem *p, json_t *root) {
	json_t *arr = json_object_get(root, "sessions");
	return json_is_array(arr) && p->sessions && (size_t)p->n_sessions == json_array_size(arr);
}

/* Some editors on Windows start UTF-8 files with a byte-order mark, which Jansson reports
 * only as an invalid token at line 1: name it. Standard input cannot be read twice. */
static bool starts_with_bom(const char *path) {
	FILE *f = strcmp(path, "-") == 0 ? NULL : fopen(path, "rb");
	unsigned char b[3] = {0};
	bool bom = f && fread(b, 1, 3, f) == 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF;
	if (f)
		fclose(f);
	return bom;
}

int igs_problem_load(igs_problem **out, const char *path, igs_diag *d) {
	return igs_problem_load_limited(out, path, 0, 0, d);
}

int igs_problem_load_verbose(igs_problem **out, const char *path, int verbose, igs_diag *d) {
	return igs_problem_load_limited(out, path, verbose, 0, d);
}

bool igs_problem_load_warning(const igs_problem *p, char *buf, size_t n) {
	if (!p->dup_stopped)
		return false;
	snprintf(buf, n,
		 "the near-duplicate pair search stopped at the time limit, after scoring %lld candidate pairs with "
		 "%d of %d sessions searched: links between the other %d sessions and earlier ones may be missing, "
		 "so the duplicate_clash term may not see them; give a longer time limit for a complete search",
		 p->dup_scored, p->dup_done, p->n_sessions, p->n_sessions - p->dup_done);
	return true;
}

int igs_problem_load_limited(igs_problem **out, const char *path, int verbose, double time_limit, igs_diag *d) {
	static const char *const keys[] = {"format", "meeting", "days", "rooms", "themes", "theme_similarity",
					   "people", "groups", "sessions", "type_rules", "weights", NULL};
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	double deadline = time_limit > 0 && isfinite(time_limit) ? (double)ts.tv_sec + ts.tv_nsec * 1e-9 + time_limit
								 : INFINITY;
	*out = NULL;
	json_t *root = NULL;
	int read_rc = igs_json_read(&root, path, d);
	if (read_rc == IGS_EINPUT && starts_with_bom(path))
		igs_diag_add(d, path, "",
			     "the file starts with a UTF-8 byte-order mark (bytes EF BB BF), which JSON does not allow; "
			     "save it as UTF-8 without a byte-order mark");
	if (read_rc != IGS_OK)
		return read_rc;
	loader L = {.d = d, .file = path};
	int diag_before = igs_diag_count(d);
	int rc = IGS_OK;
	if (!(L.p = igs_problem_alloc()) || !(L.p->source = strdup(path))) {
		rc = IGS_ENOMEM;
		goto cleanup;
	}
	for (int k = 0; k < ID__COUNT; k++)
		if (!(L.seen[k] = json_object()) || !(L.index[k] = json_object())) {
			rc = IGS_ENOMEM;
			goto cleanup;
		}
	if (!json_is_object(root)) {
		err(&L, "", "the top level is %s; a problem file is a JSON object (see docs/FORMAT.md)", igs_json_kind(root));
		goto cleanup;
	}
	check_keys(&L, root, "", keys);
	const char *fmt = get_str(&L, root, "format", "", false, NULL);
	if (fmt && strcmp(fmt, "igfsched-problem/1") != 0)
		err(&L, "format", "'%s' is not a format this version reads; use \"igfsched-problem/1\"", fmt);

	json_t *dflt_slots;
	long dflt_every;
	/* Each section may use what the ones before built: after running out of memory, stop. */
	read_meeting(&L, root, &dflt_slots, &dflt_every);
	if (!L.oom)
		read_days(&L, root, dflt_slots, dflt_every);
	if (!L.oom)
		read_rooms(&L, root);
	/* What a placement is checked against: with it clean, the sessions are checked even when
	 * other parts have errors (below). */
	int frame_errors = L.errors;
	if (!L.oom)
		read_themes(&L, root);
	if (!L.oom)
		read_people(&L, root);
	if (!L.oom)
		read_chairs(&L, root);
	if (!L.oom)
		read_groups(&L, root);
	int before_rules = L.errors;
	if (!L.oom)
		read_rules(&L, root);
	frame_errors += L.errors - before_rules;
	if (!L.oom)
		read_sessions(&L, root);
	if (!L.oom && L.errors == 0)
		seat_chairs(&L);
	if (!L.oom)
		read_apart(&L, json_object_get(root, "type_rules"));
	if (!L.oom)
		count_fair(&L);
	if (!L.oom)
		read_weights(&L, root);
	if (L.oom) {
		rc = IGS_ENOMEM;
		goto cleanup;
	}
	/* Feasibility checks need a consistent model: run them only on a clean parse, but
	 * then report all their findings together. */
	if (L.errors == 0) {
		if ((rc = igs_problem_prepare(L.p, verbose, deadline, d)) != IGS_OK)
			goto cleanup;
	} else if (frame_errors == 0 && sessions_as_listed(L.p, root)) {
		/* All problems at once: a session's other fields are still checked for a place, a
		 * field in error counting at its default or without its bad entries. The messages
		 * locate sessions by their index, hence every listed session must be in the model. */
		if (igs_candidates_build(L.p, d) == IGS_ENOMEM) {
			rc = IGS_ENOMEM;
			goto cleanup;
		}
	}
cleanup:
	json_decref(root);
	for (int k = 0; k < ID__COUNT; k++) {
		json_decref(L.seen[k]);
		json_decref(L.index[k]);
	}
	if (rc == IGS_OK && (L.errors || L.oom || igs_diag_count(d) > diag_before))
		rc = L.oom ? IGS_ENOMEM : IGS_EINPUT;
	if (rc != IGS_OK) {
		if (rc == IGS_ENOMEM)
			igs_diag_add(d, path, "", "out of memory while loading");
		igs_problem_free(L.p);
		return rc;
	}
	*out = L.p;
	return IGS_OK;
}
