/* Problem file reader: parses the JSON, validates every field and reference, and reports
 * all problems at once with their JSON path and a fix (format: docs/FORMAT.md). This file
 * holds the sessions, the weights and the entry points; the shared getters, the calendar and
 * the other entities are read by the files behind io/problem_load.h. */
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "io/json_path.h"
#include "io/problem_load.h"
#include "model/candidates.h"
#include "model/problem.h"

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
	const char *id = igs_load_id(L, v, p, keys, ID_SESSION, index, P->n_sessions, "session", "sessions");
	if (!id)
		return;
	igs_session *S = &P->sessions[P->n_sessions++];
	S->id = igs_load_strdup(L, id);
	S->title = igs_load_strdup(L, igs_load_str(L, v, "title", p, false, id));
	const char *type = igs_load_str(L, v, "type", p, false, "workshop");
	if (!*type) {
		igs_json_subpath(q, p, "type");
		igs_load_err(L, q, "is empty; give a session type such as \"workshop\" or \"main\"");
		type = "workshop";
	}
	S->type = igs_load_strdup(L, type);
	S->description = igs_load_strdup(L, igs_load_str(L, v, "description", p, false, ""));
	if (!S->type)
		return;
	S->rule = igs_load_add_rule(L, S->type);
	S->duration = (int)igs_load_int(L, v, "duration", p, true, 60, 1, 1440,
					"a positive number of minutes (at most 1440; e.g. 30, 60, 90 or 180)");
	S->attendance = (int)igs_load_int(L, v, "attendance", p, false, 0, 0, 10000000, "a number of people (0 = unknown)");
	S->min_capacity = (int)igs_load_int(L, v, "min_capacity", p, false, 0, 0, 10000000, "a number of seats");
	S->priority = igs_load_num(L, v, "priority", p, 1.0, 0.0, 1e9, true, "a positive priority");
	S->optional = igs_load_bool(L, v, "optional", p, false);
	S->order = (int)igs_load_int(L, v, "order", p, false, 0, 1, 1000000, "a position from 1 up");

	json_t *arr;
	size_t i;
	json_t *x;
	if ((arr = igs_load_arr(L, v, "themes", p, false))) {
		igs_json_subpath(q, p, "themes");
		S->themes = igs_load_calloc(L, json_array_size(arr), sizeof *S->themes);
		json_array_foreach(arr, i, x) {
			igs_json_indexpath(r, q, i);
			int t = json_is_string(x) ? igs_load_find_id(L, ID_THEME, json_string_value(x)) : -1;
			if (!json_is_string(x))
				igs_load_err(L, r, "is %s; expected a theme id", igs_json_kind(x));
			else if (t < 0)
				igs_load_err(L, r, "'%s' is not a theme id; use one of themes[].id", json_string_value(x));
			else if (S->themes)
				S->themes[S->n_themes++] = t;
		}
	}
	S->tags = igs_load_tags(L, v, "tags", p, &S->n_tags);
	static const char *const fair_keys[IGS_FAIR_ATTRS] = {"stakeholder", "region"};
	for (int a = 0; a < IGS_FAIR_ATTRS; a++) {
		const char *val = igs_load_str(L, v, fair_keys[a], p, false, NULL);
		S->fair[a] = val && *val ? igs_load_intern(L, &P->fair_names[a], &P->n_fair[a], val) : -1;
		if (val && !*val) {
			igs_json_subpath(q, p, fair_keys[a]);
			igs_load_err(L, q, "is empty; give a name such as \"civil society\" or \"Africa\", or leave the key out");
		}
	}
	if ((arr = igs_load_arr(L, v, "people", p, false))) {
		igs_json_subpath(q, p, "people");
		S->people = igs_load_calloc(L, json_array_size(arr), sizeof *S->people);
		json_array_foreach(arr, i, x) {
			igs_json_indexpath(r, q, i);
			const char *pid = NULL, *role = "other";
			if (json_is_string(x)) {
				pid = json_string_value(x);
			} else if (json_is_object(x)) {
				igs_load_check_keys(L, x, r, person_keys);
				pid = igs_load_str(L, x, "id", r, true, NULL);
				role = igs_load_str(L, x, "role", r, false, "other");
			} else {
				igs_load_err(L, r, "is %s; expected a person id or {\"id\": …, \"role\": …}", igs_json_kind(x));
				continue;
			}
			if (!pid)
				continue;
			int h = igs_load_find_id(L, ID_PERSON, pid);
			if (h < 0) {
				igs_load_err(L, r, "'%s' is not a person id; add it to people[] or fix the spelling", pid);
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
				igs_load_err(L, rr, "'%s' is not a role; use organiser, speaker, moderator, chair or other", role);
			}
			bool dup = false;
			for (int k = 0; k < S->n_people; k++)
				dup = dup || S->people[k].person == h;
			if (dup)
				igs_load_err(L, r, "person '%s' is listed twice in this session; list each person once", pid);
			else if (S->people)
				S->people[S->n_people++] = (igs_participation){h, ro};
		}
	}
	if ((arr = igs_load_arr(L, v, "attendees", p, false))) {
		igs_json_subpath(q, p, "attendees");
		S->attendees = igs_load_calloc(L, json_array_size(arr), sizeof *S->attendees);
		json_array_foreach(arr, i, x) {
			igs_json_indexpath(r, q, i);
			int h = json_is_string(x) ? igs_load_find_id(L, ID_PERSON, json_string_value(x)) : -1;
			if (!json_is_string(x)) {
				igs_load_err(L, r, "is %s; expected a person id", igs_json_kind(x));
				continue;
			}
			if (h < 0) {
				igs_load_err(L, r, "'%s' is not a person id; add it to people[] or fix the spelling",
					     json_string_value(x));
				continue;
			}
			bool dup = false, takes_part = false;
			for (int k = 0; k < S->n_attendees; k++)
				dup = dup || S->attendees[k] == h;
			for (int k = 0; k < S->n_people; k++)
				takes_part = takes_part || S->people[k].person == h;
			if (dup)
				igs_load_err(L, r, "person '%s' is listed twice as an attendee; list each person once",
					     json_string_value(x));
			else if (takes_part)
				igs_load_err(L, r,
					     "person '%s' is also in this session's people; an attendee only wants to attend, so "
					     "keep them in one of the two lists",
					     json_string_value(x));
			else if (S->attendees)
				S->attendees[S->n_attendees++] = h;
		}
	}
	if ((arr = igs_load_arr(L, v, "groups", p, false))) {
		igs_json_subpath(q, p, "groups");
		S->groups = igs_load_calloc(L, json_array_size(arr), sizeof *S->groups);
		json_array_foreach(arr, i, x) {
			igs_json_indexpath(r, q, i);
			int g = json_is_string(x) ? igs_load_find_id(L, ID_GROUP, json_string_value(x)) : -1;
			if (!json_is_string(x))
				igs_load_err(L, r, "is %s; expected a group id", igs_json_kind(x));
			else if (g < 0)
				igs_load_err(L, r, "'%s' is not a group id; add it to groups[] or fix the spelling",
					     json_string_value(x));
			else if (S->groups)
				S->groups[S->n_groups++] = g;
		}
	}
	if ((arr = igs_load_arr(L, v, "requires", p, false))) {
		igs_json_subpath(q, p, "requires");
		S->requires = igs_load_features(L, arr, q, true);
	}

	S->pin_day = S->pin_start = S->pin_room = -1;
	json_t *pin = json_object_get(v, "pin");
	igs_json_subpath(q, p, "pin");
	if (pin && !json_is_object(pin)) {
		igs_load_err(L, q, "is %s; expected {\"day\": DAY, \"start\": \"HH:MM\", \"room\": ROOM}", igs_json_kind(pin));
	} else if (pin) {
		igs_load_check_keys(L, pin, q, pin_keys);
		if ((x = json_object_get(pin, "day"))) {
			igs_json_subpath(r, q, "day");
			S->pin_day = igs_load_day_ref(L, x, r);
		}
		if ((x = json_object_get(pin, "start"))) {
			igs_json_subpath(r, q, "start");
			igs_load_time(L, x, r, &S->pin_start);
		}
		if ((x = json_object_get(pin, "room"))) {
			igs_json_subpath(r, q, "room");
			if (!json_is_string(x))
				igs_load_err(L, r, "is %s; expected a room id", igs_json_kind(x));
			else if ((S->pin_room = igs_load_find_id(L, ID_ROOM, json_string_value(x))) < 0)
				igs_load_err(L, r, "'%s' is not a room id; use one of rooms[].id", json_string_value(x));
		}
	}

	S->allowed_days = P->n_days >= 64 ? ~(uint64_t)0 : (((uint64_t)1 << P->n_days) - 1);
	if ((arr = igs_load_arr(L, v, "days", p, false))) {
		igs_json_subpath(q, p, "days");
		uint64_t m = 0;
		json_array_foreach(arr, i, x) {
			igs_json_indexpath(r, q, i);
			int d = igs_load_day_ref(L, x, r);
			if (d >= 0)
				m |= (uint64_t)1 << d;
		}
		S->allowed_days = m;
	}
	if ((arr = igs_load_arr(L, v, "not_days", p, false))) {
		igs_json_subpath(q, p, "not_days");
		json_array_foreach(arr, i, x) {
			igs_json_indexpath(r, q, i);
			int d = igs_load_day_ref(L, x, r);
			if (d >= 0)
				S->allowed_days &= ~((uint64_t)1 << d);
		}
	}
	S->allowed_times = igs_load_windows(L, v, "times", p, &S->n_allowed_times);
	S->forbidden_times = igs_load_windows(L, v, "not_times", p, &S->n_forbidden_times);
	if ((arr = igs_load_arr(L, v, "prefer", p, false)) && json_array_size(arr)) {
		igs_json_subpath(q, p, "prefer");
		S->prefer = igs_load_calloc(L, json_array_size(arr), sizeof *S->prefer);
		json_array_foreach(arr, i, x) {
			igs_json_indexpath(r, q, i);
			if (S->prefer && igs_load_window(L, x, r, &S->prefer[S->n_prefer].when, &S->prefer[S->n_prefer].weight) == 0)
				S->n_prefer++;
		}
	}
}

static void read_sessions(loader *L, json_t *root) {
	igs_problem *P = L->p;
	json_t *arr = igs_load_arr(L, root, "sessions", "", true);
	if (!arr)
		return;
	if (json_array_size(arr) == 0)
		igs_load_err(L, "sessions", "is empty; list the sessions to schedule");
	P->sessions = igs_load_calloc(L, json_array_size(arr), sizeof *P->sessions);
	if (!P->sessions)
		return;
	size_t i;
	json_t *v;
	char p[IGS_PATH_LEN];
	json_array_foreach(arr, i, v) {
		igs_json_indexpath(p, "sessions", i);
		if (!json_is_object(v)) {
			igs_load_err(L, p, "is %s; expected a session object", igs_json_kind(v));
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
	json_t *w = igs_load_obj(L, root, "weights", "", false);
	if (!w)
		return;
	igs_load_check_keys(L, w, "weights", keys);
#define IGS_W_READ(f, n, d, m, h)                                                                    \
	L->p->weights.f = igs_load_num(L, w, n, "weights", L->p->weights.f, 0.0, IGS_WEIGHT_MAX, false, WEIGHT_RANGE);
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
		igs_load_err(&L, "", "the top level is %s; a problem file is a JSON object (see docs/FORMAT.md)",
			     igs_json_kind(root));
		goto cleanup;
	}
	igs_load_check_keys(&L, root, "", keys);
	const char *fmt = igs_load_str(&L, root, "format", "", false, NULL);
	if (fmt && strcmp(fmt, "igfsched-problem/1") != 0)
		igs_load_err(&L, "format", "'%s' is not a format this version reads; use \"igfsched-problem/1\"", fmt);

	json_t *dflt_slots;
	long dflt_every;
	/* Each section may use what the ones before built: after running out of memory, stop. */
	igs_load_meeting(&L, root, &dflt_slots, &dflt_every);
	if (!L.oom)
		igs_load_days(&L, root, dflt_slots, dflt_every);
	if (!L.oom)
		igs_load_rooms(&L, root);
	/* What a placement is checked against: with it clean, the sessions are checked even when
	 * other parts have errors (below). */
	int frame_errors = L.errors;
	if (!L.oom)
		igs_load_themes(&L, root);
	if (!L.oom)
		igs_load_people(&L, root);
	if (!L.oom)
		igs_load_chairs(&L, root);
	if (!L.oom)
		igs_load_groups(&L, root);
	int before_rules = L.errors;
	if (!L.oom)
		igs_load_rules(&L, root);
	frame_errors += L.errors - before_rules;
	if (!L.oom)
		read_sessions(&L, root);
	if (!L.oom && L.errors == 0)
		igs_load_seat_chairs(&L);
	if (!L.oom)
		igs_load_apart(&L, json_object_get(root, "type_rules"));
	if (!L.oom)
		igs_load_count_fair(&L);
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
