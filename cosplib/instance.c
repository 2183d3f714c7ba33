/* CoSPLib instance and solution reader: checks every field and name, reports all problems at
 * once with their JSON path and a fix, and precomputes the tables the evaluator indexes. */
#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cosplib/instance.h"
#include "io/json_path.h"
#include "model/timefmt.h"

const char *igs_cosplib_component_key(igs_cosplib_component c) {
	static const char *const keys[] = {
#define IGS_CP_KEY(f, k) k,
		IGS_COSPLIB_COMPONENTS(IGS_CP_KEY)
#undef IGS_CP_KEY
	};
	return c >= 0 && c < IGS_CP__COUNT ? keys[c] : "?";
}

/* Name lists looked up by name while loading. */
enum { NM_BLOCK, NM_ROOM, NM_TRACK, NM_ITEM, NM_PERSON, NM__COUNT };

typedef struct {
	igs_cosplib *c;
	igs_diag *d;
	const char *file;
	int errors;
	bool oom;
	/* Jansson objects as hash maps, name -> index, so loading stays linear in the file. */
	json_t *index[NM__COUNT];
} loader;

static void err(loader *L, const char *path, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static void err(loader *L, const char *path, const char *fmt, ...) {
	va_list ap;
	va_start(ap, fmt);
	igs_diag_addv(L->d, L->file, path, fmt, ap);
	va_end(ap);
	L->errors++;
}

static void *xcalloc(loader *L, size_t n, size_t size) {
	void *v = calloc(n ? n : 1, size);
	if (!v)
		L->oom = true;
	return v;
}

static char *xstrdup(loader *L, const char *s) {
	char *c = strdup(s);
	if (!c)
		L->oom = true;
	return c;
}

/* Unknown keys are errors so that a misspelt key never passes silently. */
static void check_keys(loader *L, json_t *obj, const char *path, const char *const *allowed) {
	const char *key;
	json_t *v;
	json_object_foreach(obj, key, v) {
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
			err(L, p, "unknown key '%s'; the keys allowed here are: %s (see FORMAT.md)", key, list);
		}
	}
}

/* The member, or NULL (reported when required) when missing or not of type 'type'. */
static json_t *get_typed(loader *L, json_t *parent, const char *key, const char *path, bool required,
			 json_type type, const char *what) {
	json_t *v = json_object_get(parent, key);
	char p[IGS_PATH_LEN];
	igs_json_subpath(p, path, key);
	if (!v) {
		if (required)
			err(L, p, "missing; add %s here", what);
		return NULL;
	}
	if (json_typeof(v) != type) {
		err(L, p, "is %s; expected %s", igs_json_kind(v), what);
		return NULL;
	}
	return v;
}

/* An integer in [lo, hi] at path; returns -1 (reported) otherwise. */
static int int_at(loader *L, json_t *v, const char *p, long long lo, long long hi, const char *what,
		  long long *out) {
	if (!json_is_integer(v)) {
		err(L, p, "is %s; expected %s", igs_json_kind(v), what);
		return -1;
	}
	long long x = json_integer_value(v);
	if (x < lo || x > hi) {
		err(L, p, "%lld is not %s", x, what);
		return -1;
	}
	*out = x;
	return 0;
}

static long long get_int(loader *L, json_t *parent, const char *key, const char *path, bool required,
			 long long dflt, long long lo, long long hi, const char *what) {
	json_t *v = json_object_get(parent, key);
	char p[IGS_PATH_LEN];
	igs_json_subpath(p, path, key);
	if (!v) {
		if (required)
			err(L, p, "missing; give %s", what);
		return dflt;
	}
	long long x;
	return int_at(L, v, p, lo, hi, what, &x) == 0 ? x : dflt;
}

static const char *get_str(loader *L, json_t *parent, const char *key, const char *path, bool required) {
	json_t *v = get_typed(L, parent, key, path, required, JSON_STRING, "a string");
	return v ? json_string_value(v) : NULL;
}

static int get_time(loader *L, json_t *parent, const char *key, const char *path) {
	const char *s = get_str(L, parent, key, path, true);
	int m = 0;
	if (s && igs_parse_hhmm(s, &m) != 0) {
		char p[IGS_PATH_LEN];
		igs_json_subpath(p, path, key);
		err(L, p, "'%s' is not a time; write \"HH:MM\" from 00:00 to 24:00", s);
	}
	return m;
}

static int find(const loader *L, int list, const char *name) {
	json_t *v = json_object_get(L->index[list], name);
	return v ? (int)json_integer_value(v) : -1;
}

static void set_index(loader *L, int list, const char *name, int i) {
	json_t *v = json_integer(i);
	if (!v || json_object_set_new(L->index[list], name, v) != 0)
		L->oom = true;
}

/* Registers a unique, non-empty name; returns a copy, or NULL (reported) when invalid. */
static char *new_name(loader *L, int list, json_t *v, const char *p, int i, const char *what) {
	if (!json_is_string(v)) {
		err(L, p, "is %s; expected the %s's name", igs_json_kind(v), what);
		return NULL;
	}
	const char *s = json_string_value(v);
	if (!*s) {
		err(L, p, "is empty; give the %s a name", what);
		return NULL;
	}
	if (find(L, list, s) >= 0) {
		err(L, p, "%s '%s' is listed twice; names must be unique", what, s);
		return NULL;
	}
	set_index(L, list, s, i);
	return xstrdup(L, s);
}

/* Index of an existing name at path p, or -1 (reported); 'key' names the list to choose from. */
static int ref(loader *L, int list, json_t *v, const char *p, const char *key) {
	if (!json_is_string(v)) {
		err(L, p, "is %s; expected a name from %s[]", igs_json_kind(v), key);
		return -1;
	}
	int i = find(L, list, json_string_value(v));
	if (i < 0)
		err(L, p, "'%s' is not in %s[]; fix the spelling (names are case-sensitive) or add it there",
		    json_string_value(v), key);
	return i;
}

static int cmp_int(const void *a, const void *b) {
	int x = *(const int *)a, y = *(const int *)b;
	return (x > y) - (x < y);
}

/* A list of person names as ascending distinct ids; empty names never match anyone, so they
 * are dropped (the source splits cells on ", " and keeps empty pieces). */
static int *people(loader *L, json_t *parent, const char *key, const char *path, int *n) {
	*n = 0;
	json_t *arr = get_typed(L, parent, key, path, false, JSON_ARRAY, "an array of names");
	if (!arr || json_array_size(arr) == 0)
		return NULL;
	int *ids = xcalloc(L, json_array_size(arr), sizeof *ids);
	if (!ids)
		return NULL;
	char p[IGS_PATH_LEN], q[IGS_PATH_LEN];
	igs_json_subpath(p, path, key);
	size_t i;
	json_t *v;
	json_array_foreach(arr, i, v) {
		igs_json_indexpath(q, p, i);
		if (!json_is_string(v)) {
			err(L, q, "is %s; expected a person's name", igs_json_kind(v));
			continue;
		}
		const char *s = json_string_value(v);
		if (!*s)
			continue;
		int id = find(L, NM_PERSON, s);
		if (id < 0) {
			char **t = realloc(L->c->people, (size_t)(L->c->n_people + 1) * sizeof *t);
			if (!t) {
				L->oom = true;
				break;
			}
			L->c->people = t;
			if (!(t[L->c->n_people] = xstrdup(L, s)))
				break;
			id = L->c->n_people++;
			set_index(L, NM_PERSON, s, id);
		}
		ids[(*n)++] = id;
	}
	qsort(ids, (size_t)*n, sizeof *ids, cmp_int);
	int m = 0;
	for (int k = 0; k < *n; k++)
		if (m == 0 || ids[m - 1] != ids[k])
			ids[m++] = ids[k];
	*n = m;
	return ids;
}

static void read_parameters(loader *L, json_t *root, int tz[4], long long *small, long long *big, int *local) {
	static const char *const keys[] = {"local_timezone", "local_utc_offset_hours", "suitable_from", "suitable_to",
					   "less_suitable_from", "less_suitable_to", "less_suitable_penalty",
					   "unsuitable_penalty", NULL};
	json_t *p = get_typed(L, root, "parameters", "", true, JSON_OBJECT, "an object");
	if (!p)
		return;
	check_keys(L, p, "parameters", keys);
	get_str(L, p, "local_timezone", "parameters", false);
	*local = (int)get_int(L, p, "local_utc_offset_hours", "parameters", true, 0, -14, 14,
			      "a whole number of hours from -14 to 14");
	tz[0] = get_time(L, p, "suitable_from", "parameters");
	tz[1] = get_time(L, p, "suitable_to", "parameters");
	tz[2] = get_time(L, p, "less_suitable_from", "parameters");
	tz[3] = get_time(L, p, "less_suitable_to", "parameters");
	char what[96];
	snprintf(what, sizeof what, "an integer penalty from -%lld to %lld", IGS_COSPLIB_MAX_VALUE, IGS_COSPLIB_MAX_VALUE);
	*small = get_int(L, p, "less_suitable_penalty", "parameters", true, 0, -IGS_COSPLIB_MAX_VALUE,
			 IGS_COSPLIB_MAX_VALUE, what);
	*big = get_int(L, p, "unsuitable_penalty", "parameters", true, 0, -IGS_COSPLIB_MAX_VALUE,
		       IGS_COSPLIB_MAX_VALUE, what);
}

static void read_weights(loader *L, json_t *root) {
	const char *keys[IGS_CP__COUNT + 1] = {NULL};
	for (int c = 0; c < IGS_CP__COUNT; c++)
		keys[c] = igs_cosplib_component_key((igs_cosplib_component)c);
	json_t *w = get_typed(L, root, "weights", "", true, JSON_OBJECT, "an object with the 16 weights");
	if (!w)
		return;
	check_keys(L, w, "weights", keys);
	char what[96];
	snprintf(what, sizeof what, "an integer weight from -%lld to %lld (0 or less: off)", IGS_COSPLIB_MAX_VALUE,
		 IGS_COSPLIB_MAX_VALUE);
	for (int c = 0; c < IGS_CP__COUNT; c++)
		L->c->weight[c] = get_int(L, w, keys[c], "weights", true, 0, -IGS_COSPLIB_MAX_VALUE,
					  IGS_COSPLIB_MAX_VALUE, what);
}

/* A required, non-empty top-level array of at most max entries, or NULL (reported). */
static json_t *list(loader *L, json_t *root, const char *key, size_t max) {
	json_t *arr = get_typed(L, root, key, "", true, JSON_ARRAY, "an array");
	if (!arr)
		return NULL;
	if (json_array_size(arr) == 0) {
		err(L, key, "is empty; an instance needs at least one entry here");
		return NULL;
	}
	if (json_array_size(arr) > max) {
		err(L, key, "has %zu entries; at most %zu are supported", json_array_size(arr), max);
		return NULL;
	}
	return arr;
}

static void read_blocks(loader *L, json_t *root) {
	static const char *const keys[] = {"name", "max_timeslots", "date", "start", "end", NULL};
	json_t *arr = list(L, root, "sessions", IGS_COSPLIB_MAX_SLOTS);
	igs_cosplib *C = L->c;
	if (!arr || !(C->blocks = xcalloc(L, json_array_size(arr), sizeof *C->blocks)))
		return;
	C->n_blocks = (int)json_array_size(arr);
	size_t i;
	json_t *v;
	char p[IGS_PATH_LEN], q[IGS_PATH_LEN];
	json_array_foreach(arr, i, v) {
		igs_cosplib_block *B = &C->blocks[i];
		igs_json_indexpath(p, "sessions", i);
		if (!json_is_object(v)) {
			err(L, p, "is %s; expected {\"name\", \"max_timeslots\", \"start\", \"end\"}", igs_json_kind(v));
			continue;
		}
		check_keys(L, v, p, keys);
		igs_json_subpath(q, p, "name");
		json_t *nm = json_object_get(v, "name");
		if (!nm)
			err(L, q, "missing; give the session a name");
		else
			B->name = new_name(L, NM_BLOCK, nm, q, (int)i, "session");
		B->slots = (int)get_int(L, v, "max_timeslots", p, true, 1, 1, 1000, "a number of timeslots from 1 to 1000");
		const char *date = get_str(L, v, "date", p, false);
		B->date = date ? xstrdup(L, date) : NULL;
		B->start = get_time(L, v, "start", p);
		B->end = get_time(L, v, "end", p);
	}
}

static void read_rooms(loader *L, json_t *root) {
	json_t *arr = list(L, root, "rooms", IGS_COSPLIB_MAX_SLOTS);
	igs_cosplib *C = L->c;
	if (!arr || !(C->rooms = xcalloc(L, json_array_size(arr), sizeof *C->rooms)))
		return;
	C->n_rooms = (int)json_array_size(arr);
	size_t i;
	json_t *v;
	char p[IGS_PATH_LEN];
	json_array_foreach(arr, i, v) {
		igs_json_indexpath(p, "rooms", i);
		C->rooms[i] = new_name(L, NM_ROOM, v, p, (int)i, "room");
	}
}

static void read_tracks(loader *L, json_t *root) {
	static const char *const keys[] = {"name", "chairs", NULL};
	json_t *arr = list(L, root, "tracks", IGS_COSPLIB_MAX_ITEMS);
	igs_cosplib *C = L->c;
	if (!arr || !(C->tracks = xcalloc(L, json_array_size(arr), sizeof *C->tracks)))
		return;
	C->n_tracks = (int)json_array_size(arr);
	size_t i;
	json_t *v;
	char p[IGS_PATH_LEN], q[IGS_PATH_LEN];
	json_array_foreach(arr, i, v) {
		igs_cosplib_track *T = &C->tracks[i];
		igs_json_indexpath(p, "tracks", i);
		if (!json_is_object(v)) {
			err(L, p, "is %s; expected {\"name\": ..., \"chairs\": [...]}", igs_json_kind(v));
			continue;
		}
		check_keys(L, v, p, keys);
		igs_json_subpath(q, p, "name");
		json_t *nm = json_object_get(v, "name");
		if (!nm)
			err(L, q, "missing; give the track a name");
		else
			T->name = new_name(L, NM_TRACK, nm, q, (int)i, "track");
		T->chairs = people(L, v, "chairs", p, &T->n_chairs);
	}
}

/* A sparse per-item penalty object {name: value} into row[] (indexed through 'list'). */
static void read_sparse(loader *L, json_t *item, const char *key, const char *path, int list, const char *names,
			long long *row) {
	json_t *obj = get_typed(L, item, key, path, false, JSON_OBJECT, "an object {name: penalty}");
	if (!obj || !row)
		return;
	char p[IGS_PATH_LEN], q[IGS_PATH_LEN];
	igs_json_subpath(p, path, key);
	const char *k;
	json_t *v;
	json_object_foreach(obj, k, v) {
		igs_json_subpath(q, p, k);
		int i = find(L, list, k);
		long long x;
		if (i < 0)
			err(L, q, "'%s' is not in %s[]; fix the spelling (names are case-sensitive) or remove the entry",
			    k, names);
		else if (int_at(L, v, q, -IGS_COSPLIB_MAX_VALUE, IGS_COSPLIB_MAX_VALUE, "an integer penalty", &x) == 0)
			row[i] = x;
	}
}

static void read_items(loader *L, json_t *root) {
	static const char *const keys[] = {"name", "track", "required_timeslots", "order", "timezone",
					   "utc_offset_hours", "presenters", "attendees", "session_penalties",
					   "room_penalties", NULL};
	json_t *arr = list(L, root, "submissions", IGS_COSPLIB_MAX_ITEMS);
	igs_cosplib *C = L->c;
	if (!arr || !(C->items = xcalloc(L, json_array_size(arr), sizeof *C->items)))
		return;
	C->n_items = (int)json_array_size(arr);
	size_t nb = (size_t)C->n_blocks, nr = (size_t)C->n_rooms;
	C->item_block = xcalloc(L, (size_t)C->n_items * nb, sizeof *C->item_block);
	C->item_room = xcalloc(L, (size_t)C->n_items * nr, sizeof *C->item_room);
	size_t i;
	json_t *v, *x;
	char p[IGS_PATH_LEN], q[IGS_PATH_LEN];
	json_array_foreach(arr, i, v) {
		igs_cosplib_item *U = &C->items[i];
		U->track = -1;
		igs_json_indexpath(p, "submissions", i);
		if (!json_is_object(v)) {
			err(L, p, "is %s; expected a submission object (see FORMAT.md)", igs_json_kind(v));
			continue;
		}
		check_keys(L, v, p, keys);
		igs_json_subpath(q, p, "name");
		if (!(x = json_object_get(v, "name")))
			err(L, q, "missing; give the submission a name");
		else
			U->name = new_name(L, NM_ITEM, x, q, (int)i, "submission");
		igs_json_subpath(q, p, "track");
		if (!(x = json_object_get(v, "track")))
			err(L, q, "missing; give the name of the submission's track");
		else
			U->track = ref(L, NM_TRACK, x, q, "tracks");
		U->req = (int)get_int(L, v, "required_timeslots", p, true, 1, 1, 1000, "a number of timeslots from 1 to 1000");
		U->order = (int)get_int(L, v, "order", p, false, 0, 0, 1000000, "a position from 1, or 0 for no wish");
		get_str(L, v, "timezone", p, false);
		U->utc_offset = (int)get_int(L, v, "utc_offset_hours", p, true, 0, -14, 14,
					     "a whole number of hours from -14 to 14");
		U->presenters = people(L, v, "presenters", p, &U->n_presenters);
		U->attendees = people(L, v, "attendees", p, &U->n_attendees);
		read_sparse(L, v, "session_penalties", p, NM_BLOCK, "sessions", C->item_block ? C->item_block + i * nb : NULL);
		read_sparse(L, v, "room_penalties", p, NM_ROOM, "rooms", C->item_room ? C->item_room + i * nr : NULL);
	}
}

/* A list of [name, name, penalty] triples into the dense table (rows of list ra, columns of rb).
 * A repeated pair is an error: which value was meant cannot be guessed. */
static void read_triples(loader *L, json_t *root, const char *key, int ra, const char *na, int rb, const char *nb,
			 int cols, long long *table, bool symmetric) {
	json_t *arr = get_typed(L, root, key, "", false, JSON_ARRAY, "an array of [name, name, penalty]");
	if (!arr || !table)
		return;
	size_t i;
	json_t *v;
	char p[IGS_PATH_LEN], q[IGS_PATH_LEN];
	int rows = ra == NM_BLOCK ? L->c->n_blocks : L->c->n_tracks;
	unsigned char *seen = xcalloc(L, (size_t)rows * (size_t)cols, 1);
	if (!seen)
		return;
	json_array_foreach(arr, i, v) {
		igs_json_indexpath(p, key, i);
		if (!json_is_array(v) || json_array_size(v) != 3) {
			err(L, p, "is %s; expected [\"%s\", \"%s\", penalty]", json_is_array(v) ? "not a triple" : igs_json_kind(v),
			    na, nb);
			continue;
		}
		igs_json_indexpath(q, p, 0);
		int a = ref(L, ra, json_array_get(v, 0), q, ra == NM_BLOCK ? "sessions" : "tracks");
		igs_json_indexpath(q, p, 1);
		int b = ref(L, rb, json_array_get(v, 1), q, rb == NM_ROOM ? "rooms" : rb == NM_BLOCK ? "sessions" : "tracks");
		igs_json_indexpath(q, p, 2);
		long long x;
		if (int_at(L, json_array_get(v, 2), q, -IGS_COSPLIB_MAX_VALUE, IGS_COSPLIB_MAX_VALUE, "an integer penalty",
			   &x) != 0 || a < 0 || b < 0)
			continue;
		if (symmetric && a == b) {
			err(L, p, "pairs a track with itself; a track is never parallel to itself: move the entry to "
				  "similar_tracks_ignored_cells");
			continue;
		}
		if (seen[(size_t)a * (size_t)cols + (size_t)b]) {
			err(L, p, "repeats the pair %s / %s%s; keep one entry", json_string_value(json_array_get(v, 0)),
			    json_string_value(json_array_get(v, 1)), symmetric ? " (in either order)" : "");
			continue;
		}
		seen[(size_t)a * (size_t)cols + (size_t)b] = 1;
		table[(size_t)a * (size_t)cols + (size_t)b] = x;
		if (symmetric) {
			seen[(size_t)b * (size_t)cols + (size_t)a] = 1;
			table[(size_t)b * (size_t)cols + (size_t)a] = x;
		}
	}
	free(seen);
}

static bool intersects(const int *a, int na, const int *b, int nb) {
	int i = 0, j = 0;
	while (i < na && j < nb) {
		if (a[i] == b[j])
			return true;
		if (a[i] < b[j])
			i++;
		else
			j++;
	}
	return false;
}

/* The three conflict relations of OBJECTIVE.md §3.1, decided once per pair. */
static void build_conflicts(igs_cosplib *C) {
	int nu = C->n_items, nt = C->n_tracks;
	for (int u = 0; u < nu; u++) {
		const igs_cosplib_item *a = &C->items[u];
		const igs_cosplib_track *ta = &C->tracks[a->track];
		for (int v = u + 1; v < nu; v++) {
			const igs_cosplib_item *b = &C->items[v];
			const igs_cosplib_track *tb = &C->tracks[b->track];
			bool other = a->track != b->track;
			bool pc = intersects(a->presenters, a->n_presenters, b->presenters, b->n_presenters) ||
				  (other && (intersects(a->presenters, a->n_presenters, tb->chairs, tb->n_chairs) ||
					     intersects(b->presenters, b->n_presenters, ta->chairs, ta->n_chairs)));
			bool ac = intersects(a->attendees, a->n_attendees, b->attendees, b->n_attendees) ||
				  intersects(a->attendees, a->n_attendees, b->presenters, b->n_presenters) ||
				  intersects(b->attendees, b->n_attendees, a->presenters, a->n_presenters) ||
				  (other && (intersects(a->attendees, a->n_attendees, tb->chairs, tb->n_chairs) ||
					     intersects(b->attendees, b->n_attendees, ta->chairs, ta->n_chairs)));
			C->presenter_conflict[(size_t)u * nu + v] = C->presenter_conflict[(size_t)v * nu + u] = pc;
			C->attendee_conflict[(size_t)u * nu + v] = C->attendee_conflict[(size_t)v * nu + u] = ac;
		}
	}
	for (int t = 0; t < nt; t++)
		for (int s = t + 1; s < nt; s++)
			C->chair_conflict[(size_t)t * nt + s] = C->chair_conflict[(size_t)s * nt + t] =
				intersects(C->tracks[t].chairs, C->tracks[t].n_chairs, C->tracks[s].chairs, C->tracks[s].n_chairs);
}

/* Python-style modulo: the clock wraps to 0..1439 also for times shifted west of midnight. */
static int wrap_day(int minutes) {
	return ((minutes % 1440) + 1440) % 1440;
}

/* OBJECTIVE.md §3.2: the block's clock times shifted into the item's zone, graded against the
 * windows tz = {suitable from, suitable to, less suitable from, less suitable to}. */
static void build_timezones(igs_cosplib *C, const int tz[4], long long small, long long big, int local) {
	for (int u = 0; u < C->n_items; u++)
		for (int b = 0; b < C->n_blocks; b++) {
			int shift = (C->items[u].utc_offset - local) * 60;
			int from = wrap_day(C->blocks[b].start + shift), to = wrap_day(C->blocks[b].end + shift);
			long long pen = 0;
			if (from < tz[2] || to > tz[3] || to < tz[2])
				pen = big;
			else if ((tz[2] <= from && from < tz[0]) || (tz[1] < to && to <= tz[3]))
				pen = small;
			C->item_tz[(size_t)u * C->n_blocks + b] = pen;
		}
}

void igs_cosplib_free(igs_cosplib *c) {
	if (!c)
		return;
	for (int i = 0; c->blocks && i < c->n_blocks; i++) {
		free(c->blocks[i].name);
		free(c->blocks[i].date);
	}
	for (int i = 0; c->rooms && i < c->n_rooms; i++)
		free(c->rooms[i]);
	for (int i = 0; c->tracks && i < c->n_tracks; i++) {
		free(c->tracks[i].name);
		free(c->tracks[i].chairs);
	}
	for (int i = 0; c->items && i < c->n_items; i++) {
		free(c->items[i].name);
		free(c->items[i].presenters);
		free(c->items[i].attendees);
	}
	for (int i = 0; i < c->n_people; i++)
		free(c->people[i]);
	free(c->blocks);
	free(c->rooms);
	free(c->tracks);
	free(c->items);
	free(c->people);
	free(c->item_block);
	free(c->item_room);
	free(c->item_tz);
	free(c->track_block);
	free(c->track_room);
	free(c->block_room);
	free(c->similar);
	free(c->presenter_conflict);
	free(c->attendee_conflict);
	free(c->chair_conflict);
	free(c->name);
	free(c->file);
	free(c);
}

/* Reads a whole JSON file; a read failure is IGS_EIO, malformed JSON IGS_EINPUT (with its line). */
static int load_json(json_t **out, const char *path, igs_diag *d) {
	int rc = igs_json_read(out, path, d);
	if (rc != IGS_OK)
		return rc;
	if (!json_is_object(*out)) {
		igs_diag_add(d, path, "", "the top level is %s; expected a JSON object (see FORMAT.md)", igs_json_kind(*out));
		json_decref(*out);
		*out = NULL;
		return IGS_EINPUT;
	}
	return IGS_OK;
}

static void check_format(loader *L, json_t *root, const char *want) {
	const char *f = get_str(L, root, "format", "", false);
	if (f && strcmp(f, want) != 0)
		err(L, "format", "'%s' is not a format this reader knows; expected \"%s\"", f, want);
}

int igs_cosplib_load(igs_cosplib **out, const char *path, igs_diag *d) {
	static const char *const keys[] = {"format", "name", "source", "counts", "parameters", "weights", "sessions",
					   "rooms", "tracks", "submissions", "tracks_sessions_penalties",
					   "tracks_rooms_penalties", "sessions_rooms_penalties",
					   "similar_tracks_penalties", "similar_tracks_ignored_cells",
					   "conversion_notes", NULL};
	*out = NULL;
	json_t *root = NULL;
	int rc = load_json(&root, path, d);
	if (rc != IGS_OK)
		return rc;
	loader L = {.d = d, .file = path};
	if (!(L.c = calloc(1, sizeof *L.c)) || !(L.c->file = strdup(path))) {
		rc = IGS_ENOMEM;
		goto cleanup;
	}
	for (int k = 0; k < NM__COUNT; k++)
		if (!(L.index[k] = json_object())) {
			rc = IGS_ENOMEM;
			goto cleanup;
		}
	igs_cosplib *C = L.c;
	check_keys(&L, root, "", keys);
	check_format(&L, root, "cosplib-instance/1");
	const char *name = get_str(&L, root, "name", "", false);
	C->name = xstrdup(&L, name ? name : "");
	int tz[4] = {0, 0, 0, 0}, local = 0;
	long long small = 0, big = 0;
	read_parameters(&L, root, tz, &small, &big, &local);
	C->local_utc_offset = local;
	C->suitable[0] = tz[0];
	C->suitable[1] = tz[1];
	C->less_suitable[0] = tz[2];
	C->less_suitable[1] = tz[3];
	C->less_suitable_penalty = small;
	C->unsuitable_penalty = big;
	read_weights(&L, root);
	read_blocks(&L, root);
	read_rooms(&L, root);
	read_tracks(&L, root);
	read_items(&L, root);
	size_t nb = (size_t)C->n_blocks, nr = (size_t)C->n_rooms, nt = (size_t)C->n_tracks;
	C->track_block = xcalloc(&L, nt * nb, sizeof *C->track_block);
	C->track_room = xcalloc(&L, nt * nr, sizeof *C->track_room);
	C->block_room = xcalloc(&L, nb * nr, sizeof *C->block_room);
	C->similar = xcalloc(&L, nt * nt, sizeof *C->similar);
	if (L.oom) {
		rc = IGS_ENOMEM;
		goto cleanup;
	}
	read_triples(&L, root, "tracks_sessions_penalties", NM_TRACK, "track", NM_BLOCK, "session", C->n_blocks,
		     C->track_block, false);
	read_triples(&L, root, "tracks_rooms_penalties", NM_TRACK, "track", NM_ROOM, "room", C->n_rooms, C->track_room,
		     false);
	read_triples(&L, root, "sessions_rooms_penalties", NM_BLOCK, "session", NM_ROOM, "room", C->n_rooms,
		     C->block_room, false);
	read_triples(&L, root, "similar_tracks_penalties", NM_TRACK, "track", NM_TRACK, "track", C->n_tracks,
		     C->similar, true);
	/* Kept by the converter for the record only; the objective never reads them. */
	get_typed(&L, root, "similar_tracks_ignored_cells", "", false, JSON_ARRAY, "an array");
	long long slots = 0;
	for (int b = 0; b < C->n_blocks; b++) {
		C->blocks[b].first_slot = (int)slots;
		slots += (long long)C->blocks[b].slots * C->n_rooms;
		if (slots > IGS_COSPLIB_MAX_SLOTS) {
			err(&L, "sessions", "the sessions hold more than %d timeslots over all rooms; at most that many are "
					    "supported",
			    IGS_COSPLIB_MAX_SLOTS);
			break;
		}
	}
	C->n_slots = (int)slots;
	if (L.errors || L.oom)
		goto cleanup;
	size_t nu = (size_t)C->n_items;
	if (!(C->item_tz = calloc(nu * nb, sizeof *C->item_tz)) ||
	    !(C->presenter_conflict = calloc(nu * nu, 1)) || !(C->attendee_conflict = calloc(nu * nu, 1)) ||
	    !(C->chair_conflict = calloc(nt * nt, 1))) {
		rc = IGS_ENOMEM;
		goto cleanup;
	}
	build_timezones(C, tz, small, big, local);
	build_conflicts(C);
cleanup:
	json_decref(root);
	for (int k = 0; k < NM__COUNT; k++)
		json_decref(L.index[k]);
	if (rc == IGS_OK && (L.errors || L.oom))
		rc = L.oom ? IGS_ENOMEM : IGS_EINPUT;
	if (rc != IGS_OK) {
		if (rc == IGS_ENOMEM)
			igs_diag_add(d, path, "", "out of memory while loading");
		igs_cosplib_free(L.c);
		return rc;
	}
	*out = L.c;
	return IGS_OK;
}

void igs_cosplib_solution_free(igs_cosplib_solution *s) {
	if (!s)
		return;
	free(s->track);
	free(s->slot);
	free(s);
}

int igs_cosplib_solution_new(igs_cosplib_solution **out, const igs_cosplib *c) {
	*out = NULL;
	igs_cosplib_solution *s = calloc(1, sizeof *s);
	if (!s || !(s->track = malloc((size_t)c->n_blocks * (size_t)c->n_rooms * sizeof *s->track)) ||
	    !(s->slot = malloc((size_t)(c->n_slots ? c->n_slots : 1) * sizeof *s->slot))) {
		igs_cosplib_solution_free(s);
		return IGS_ENOMEM;
	}
	for (int i = 0; i < c->n_blocks * c->n_rooms; i++)
		s->track[i] = -1;
	for (int i = 0; i < c->n_slots; i++)
		s->slot[i] = -1;
	*out = s;
	return IGS_OK;
}

/* The instance's names as hash maps again: a solution names everything by name. */
static void index_instance(loader *L, const igs_cosplib *c) {
	for (int i = 0; i < c->n_blocks; i++)
		set_index(L, NM_BLOCK, c->blocks[i].name, i);
	for (int i = 0; i < c->n_rooms; i++)
		set_index(L, NM_ROOM, c->rooms[i], i);
	for (int i = 0; i < c->n_tracks; i++)
		set_index(L, NM_TRACK, c->tracks[i].name, i);
	for (int i = 0; i < c->n_items; i++)
		set_index(L, NM_ITEM, c->items[i].name, i);
}

/* Resolves the required member 'key' of entry v through the instance's list; -1 (reported) if
 * it fails. */
static int member_ref(loader *L, const igs_cosplib *c, json_t *v, const char *key, const char *path, int list,
		      const char *names) {
	char q[IGS_PATH_LEN];
	igs_json_subpath(q, path, key);
	json_t *x = json_object_get(v, key);
	int i = -1;
	if (!x)
		err(L, q, "missing; give a name from the instance's %s[]", names);
	else if (!json_is_string(x))
		err(L, q, "is %s; expected a name from the instance's %s[]", igs_json_kind(x), names);
	else if ((i = find(L, list, json_string_value(x))) < 0)
		err(L, q, "'%s' is not in %s[] of instance %s (%s); fix the spelling (names are case-sensitive) or "
			  "use the solution's own instance",
		    json_string_value(x), names, c->name, c->file);
	return i;
}

static void read_track_layer(loader *L, json_t *root, const igs_cosplib *c, igs_cosplib_solution *s) {
	static const char *const keys[] = {"session", "room", "track", NULL};
	json_t *arr = get_typed(L, root, "tracks", "", true, JSON_ARRAY, "an array of {session, room, track}");
	if (!arr)
		return;
	size_t i;
	json_t *v;
	char p[IGS_PATH_LEN];
	json_array_foreach(arr, i, v) {
		igs_json_indexpath(p, "tracks", i);
		if (!json_is_object(v)) {
			err(L, p, "is %s; expected {\"session\": ..., \"room\": ..., \"track\": ...}", igs_json_kind(v));
			continue;
		}
		check_keys(L, v, p, keys);
		int b = member_ref(L, c, v, "session", p, NM_BLOCK, "sessions");
		int r = member_ref(L, c, v, "room", p, NM_ROOM, "rooms");
		int t = member_ref(L, c, v, "track", p, NM_TRACK, "tracks");
		if (b < 0 || r < 0 || t < 0)
			continue;
		int *cell = &s->track[b * c->n_rooms + r];
		/* The same entry twice is harmless; two tracks in one cell cannot both run. */
		if (*cell >= 0 && *cell != t)
			err(L, p, "gives session %s, room %s a second track ('%s' after '%s'); keep one entry per "
				  "session and room",
			    c->blocks[b].name, c->rooms[r], c->tracks[t].name, c->tracks[*cell].name);
		else
			*cell = t;
	}
}

static void read_slot_layer(loader *L, json_t *root, const igs_cosplib *c, igs_cosplib_solution *s) {
	static const char *const keys[] = {"submission", "session", "room", "timeslot", NULL};
	json_t *arr = get_typed(L, root, "assignments", "", true, JSON_ARRAY,
				"an array of {submission, session, room, timeslot}");
	if (!arr)
		return;
	size_t i;
	json_t *v;
	char p[IGS_PATH_LEN], q[IGS_PATH_LEN];
	json_array_foreach(arr, i, v) {
		igs_json_indexpath(p, "assignments", i);
		if (!json_is_object(v)) {
			err(L, p, "is %s; expected {\"submission\", \"session\", \"room\", \"timeslot\"}", igs_json_kind(v));
			continue;
		}
		check_keys(L, v, p, keys);
		int u = member_ref(L, c, v, "submission", p, NM_ITEM, "submissions");
		int b = member_ref(L, c, v, "session", p, NM_BLOCK, "sessions");
		int r = member_ref(L, c, v, "room", p, NM_ROOM, "rooms");
		igs_json_subpath(q, p, "timeslot");
		json_t *x = json_object_get(v, "timeslot");
		long long k = -1;
		if (!x) {
			err(L, q, "missing; give the 0-based timeslot index inside the session");
			continue;
		}
		if (b < 0) {
			/* The range depends on the session; still report a value of the wrong type. */
			int_at(L, x, q, 0, 999, "a 0-based timeslot index", &k);
			continue;
		}
		char what[64];
		snprintf(what, sizeof what, "a timeslot of session %s: 0 to %d", c->blocks[b].name, c->blocks[b].slots - 1);
		if (int_at(L, x, q, 0, c->blocks[b].slots - 1, what, &k) != 0 || u < 0 || r < 0)
			continue;
		int *slot = &s->slot[c->blocks[b].first_slot + r * c->blocks[b].slots + (int)k];
		if (*slot == u)
			err(L, p, "repeats an earlier entry (submission %s at %s, %s, timeslot %lld); list each "
				  "occupied timeslot once",
			    c->items[u].name, c->blocks[b].name, c->rooms[r], k);
		else if (*slot >= 0)
			err(L, p, "puts %s into session %s, room %s, timeslot %lld, which already holds %s; a "
				  "timeslot holds one submission",
			    c->items[u].name, c->blocks[b].name, c->rooms[r], k, c->items[*slot].name);
		else
			*slot = u;
	}
}

int igs_cosplib_solution_load(igs_cosplib_solution **out, const igs_cosplib *c, const char *path, igs_diag *d) {
	static const char *const keys[] = {"format", "instance", "source", "tracks", "assignments", "conversion_notes",
					   NULL};
	*out = NULL;
	json_t *root = NULL;
	int rc = load_json(&root, path, d);
	if (rc != IGS_OK)
		return rc;
	loader L = {.d = d, .file = path};
	igs_cosplib_solution *s = NULL;
	if ((rc = igs_cosplib_solution_new(&s, c)) != IGS_OK)
		goto cleanup;
	for (int k = 0; k < NM__COUNT; k++)
		if (!(L.index[k] = json_object())) {
			rc = IGS_ENOMEM;
			goto cleanup;
		}
	index_instance(&L, c);
	if (L.oom) {
		rc = IGS_ENOMEM;
		goto cleanup;
	}
	check_keys(&L, root, "", keys);
	check_format(&L, root, "cosplib-solution/1");
	const char *inst = get_str(&L, root, "instance", "", false);
	if (inst && strcmp(inst, c->name) != 0)
		err(&L, "instance", "the solution is for instance '%s', not '%s' (%s); give the matching instance file",
		    inst, c->name, c->file);
	read_track_layer(&L, root, c, s);
	read_slot_layer(&L, root, c, s);
cleanup:
	json_decref(root);
	for (int k = 0; k < NM__COUNT; k++)
		json_decref(L.index[k]);
	if (rc == IGS_OK && (L.errors || L.oom))
		rc = L.oom ? IGS_ENOMEM : IGS_EINPUT;
	if (rc != IGS_OK) {
		if (rc == IGS_ENOMEM)
			igs_diag_add(d, path, "", "out of memory while loading");
		igs_cosplib_solution_free(s);
		return rc;
	}
	*out = s;
	return IGS_OK;
}
