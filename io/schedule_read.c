/* Schedule file reader: turns a schedule JSON (ours or a past programme typed by hand) into
 * placements, reporting every problem at once with its JSON path and a fix. */
#include <errno.h>
#include <jansson.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "io/json_path.h"
#include "model/schedule.h"
#include "model/timefmt.h"

#define WHERE_LEN 96
#define LIST_LEN 480

typedef struct {
	const igs_problem *p;
	igs_schedule *s;
	igs_diag *d;
	const char *file;
	int errors;
	int *seen; /* per session: index of the assignment that placed it, or -1 */
	igs_problem *ref; /* reading a reference into this problem (lenient about what is gone) */
} reader;

static void err(reader *R, const char *where, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static void err(reader *R, const char *where, const char *fmt, ...) {
	va_list ap;
	va_start(ap, fmt);
	igs_diag_addv(R->d, R->file, where, fmt, ap);
	va_end(ap);
	R->errors++;
}

static bool is_note_key(const char *key) {
	return key[0] == '_' || strncmp(key, "x-", 2) == 0;
}

static void check_keys(reader *R, json_t *obj, const char *base, const char *const *allowed) {
	const char *key;
	json_t *v;
	json_object_foreach(obj, key, v) {
		if (is_note_key(key))
			continue;
		bool ok = false;
		for (int i = 0; allowed[i] && !ok; i++)
			ok = strcmp(allowed[i], key) == 0;
		if (ok)
			continue;
		char list[LIST_LEN] = "";
		for (int i = 0; allowed[i]; i++) {
			strncat(list, i ? ", " : "", sizeof list - strlen(list) - 1);
			strncat(list, allowed[i], sizeof list - strlen(list) - 1);
		}
		char where[WHERE_LEN];
		snprintf(where, sizeof where, "%s%s%s", base, *base ? "." : "", key);
		err(R, where, "unknown key '%s'; allowed keys here are: %s (prefix notes with 'x-')", key, list);
	}
}

/* Appends item to a ", "-separated list, ending it with "…" once the buffer is nearly full
 * so that a meeting with hundreds of rooms still gives a readable message. */
static void list_add(char *list, size_t size, const char *item, bool *full) {
	if (*full)
		return;
	size_t used = strlen(list), need = strlen(item) + 2;
	if (used + need + 8 >= size) {
		strncat(list, used ? ", …" : "…", size - used - 1);
		*full = true;
		return;
	}
	if (used)
		strcat(list, ", ");
	strcat(list, item);
}

static const char *field_str(reader *R, json_t *a, const char *key, const char *base, bool required) {
	json_t *v = json_object_get(a, key);
	char where[WHERE_LEN];
	snprintf(where, sizeof where, "%s.%s", base, key);
	if (!v) {
		if (required)
			err(R, where, "missing; every assignment needs \"session\", \"day\", \"start\" and \"room\"");
		return NULL;
	}
	if (!json_is_string(v)) {
		err(R, where, "is %s; expected a string", igs_json_kind(v));
		return NULL;
	}
	return json_string_value(v);
}

static int find_session(reader *R, const char *id, const char *where) {
	const igs_problem *p = R->p;
	int s = igs_problem_find_session(p, id);
	if (s >= 0)
		return s;
	char hint[160] = "";
	for (int i = 0; i < p->n_sessions && !hint[0]; i++)
		if (strcasecmp(id, p->sessions[i].id) == 0)
			snprintf(hint, sizeof hint, "; did you mean '%s'? (ids are case-sensitive)", p->sessions[i].id);
	err(R, where, "'%s' is not a session of the problem%s", id,
	    hint[0] ? hint : "; use the id of a session in the problem file, or drop this assignment");
	return -1;
}

static int find_day(reader *R, const char *ref, const char *where) {
	const igs_problem *p = R->p;
	int d = igs_problem_find_day(p, ref);
	if (d >= 0)
		return d;
	char list[LIST_LEN] = "", item[96];
	bool full = false;
	for (int i = 0; i < p->n_days; i++) {
		if (strcmp(p->days[i].date, p->days[i].label) == 0)
			snprintf(item, sizeof item, "%s", p->days[i].date);
		else
			snprintf(item, sizeof item, "%s (%s)", p->days[i].date, p->days[i].label);
		list_add(list, sizeof list, item, &full);
	}
	err(R, where, "'%s' is not a day of the problem; write a date or label (days: %s)", ref,
	    p->n_days ? list : "none");
	return -1;
}

static int find_room(reader *R, const char *id, const char *where) {
	const igs_problem *p = R->p;
	int r = igs_problem_find_room(p, id);
	if (r >= 0)
		return r;
	char list[LIST_LEN] = "", hint[160] = "";
	bool full = false;
	for (int i = 0; i < p->n_rooms; i++) {
		list_add(list, sizeof list, p->rooms[i].id, &full);
		if (!hint[0] && strcasecmp(id, p->rooms[i].id) == 0)
			snprintf(hint, sizeof hint, "; did you mean '%s'? (ids are case-sensitive)", p->rooms[i].id);
	}
	err(R, where, "'%s' is not a room of the problem (rooms: %s)%s", id, p->n_rooms ? list : "none", hint);
	return -1;
}

static void day_name(const igs_day *D, char *out, size_t size) {
	if (strcmp(D->date, D->label) == 0)
		snprintf(out, size, "%s", D->date);
	else
		snprintf(out, size, "%s (%s)", D->label, D->date);
}

/* One published placement: sessions, days and rooms the problem no longer has are what a
 * revision is about, so they are recorded, not reported; only a malformed entry is. */
static void read_reference(reader *R, json_t *a, size_t k, const char *base) {
	igs_problem *p = R->ref;
	char where[WHERE_LEN];
	const char *id = field_str(R, a, "session", base, true), *day = field_str(R, a, "day", base, true);
	const char *hm = field_str(R, a, "start", base, true), *room = field_str(R, a, "room", base, true);
	int start = -1;
	if (hm && igs_parse_hhmm(hm, &start) != 0) {
		snprintf(where, sizeof where, "%s.start", base);
		err(R, where, "'%s' is not a time; write \"HH:MM\" from 00:00 to 24:00", hm);
		return;
	}
	if (!id || !day || !hm || !room)
		return;
	int s = igs_problem_find_session(p, id);
	if (s < 0) {
		char **c = realloc(p->ref_cancelled, (size_t)(p->n_ref_cancelled + 1) * sizeof *c);
		if (!c || !(c[p->n_ref_cancelled] = strdup(id))) {
			if (c)
				p->ref_cancelled = c;
			err(R, base, "out of memory reading the reference");
			return;
		}
		p->ref_cancelled = c;
		p->n_ref_cancelled++;
		return;
	}
	if (R->seen[s] >= 0) {
		snprintf(where, sizeof where, "%s.session", base);
		err(R, where, "session '%s' is already assigned at assignments[%d]; keep one of the two", id, R->seen[s]);
		return;
	}
	R->seen[s] = (int)k;
	p->ref_day[s] = igs_problem_find_day(p, day);
	p->ref_start[s] = start;
	p->ref_room[s] = igs_problem_find_room(p, room);
}

static void read_assignment(reader *R, json_t *a, size_t k) {
	static const char *const keys[] = {"session", "day", "start", "end", "room",
					   /* written by igs_schedule_write for people; ignored */
					   "title", "type", "day_label", "room_name", "themes", NULL};
	const igs_problem *p = R->p;
	char base[48], where[WHERE_LEN];
	snprintf(base, sizeof base, "assignments[%zu]", k);
	if (!json_is_object(a)) {
		err(R, base, "is %s; expected {\"session\": ID, \"day\": DAY, \"start\": \"HH:MM\", \"room\": ROOM}",
		    igs_json_kind(a));
		return;
	}
	check_keys(R, a, base, keys);

	int s = -1, day = -1, start = -1, room = -1;
	const char *v;
	if (R->ref) {
		read_reference(R, a, k, base);
		return;
	}
	if ((v = field_str(R, a, "session", base, true))) {
		snprintf(where, sizeof where, "%s.session", base);
		s = find_session(R, v, where);
		if (s >= 0 && R->seen[s] >= 0) {
			err(R, where, "session '%s' is already assigned at assignments[%d]; keep one of the two",
			    v, R->seen[s]);
			s = -1;
		} else if (s >= 0) {
			R->seen[s] = (int)k;
		}
	}
	if ((v = field_str(R, a, "day", base, true))) {
		snprintf(where, sizeof where, "%s.day", base);
		day = find_day(R, v, where);
	}
	if ((v = field_str(R, a, "start", base, true))) {
		snprintf(where, sizeof where, "%s.start", base);
		if (igs_parse_hhmm(v, &start) != 0) {
			err(R, where, "'%s' is not a time; write \"HH:MM\" from 00:00 to 24:00", v);
			start = -1;
		}
	}
	if ((v = field_str(R, a, "room", base, true))) {
		snprintf(where, sizeof where, "%s.room", base);
		room = find_room(R, v, where);
	}

	if ((v = field_str(R, a, "end", base, false))) {
		int end;
		snprintf(where, sizeof where, "%s.end", base);
		if (igs_parse_hhmm(v, &end) != 0) {
			err(R, where, "'%s' is not a time; write \"HH:MM\", or drop \"end\" (it follows from the duration)", v);
		} else if (s >= 0 && start >= 0 && end != start + p->sessions[s].duration) {
			char a0[6], a1[6];
			igs_format_hhmm(start, a0);
			igs_format_hhmm(start + p->sessions[s].duration, a1);
			err(R, where, "'%s' does not match start %s + duration %d min = %s; correct it or drop \"end\"",
			    v, a0, p->sessions[s].duration, a1);
		}
	}

	if (day < 0 || start < 0)
		return;
	int t = igs_problem_find_time(p, day, start);
	if (t < 0) {
		/* The evaluator works on time indices, so an off-grid start cannot be scored. */
		const igs_day *D = &p->days[day];
		char list[LIST_LEN] = "", dn[96], hm[6];
		bool full = false;
		for (int i = 0; i < D->n_starts; i++) {
			igs_format_hhmm(D->starts[i], hm);
			list_add(list, sizeof list, hm, &full);
		}
		day_name(D, dn, sizeof dn);
		igs_format_hhmm(start, hm);
		snprintf(where, sizeof where, "%s.start", base);
		if (D->n_starts)
			err(R, where, "%s is not an allowed start on %s; allowed starts: %s", hm, dn, list);
		else
			err(R, where, "%s is not an allowed start on %s, which has no allowed starts; move the session to another day",
			    hm, dn);
		return;
	}
	if (s >= 0 && room >= 0 && igs_schedule_set(R->s, s, t, room) != IGS_OK)
		err(R, base, "internal error: placement rejected");
}

static void read_root(reader *R, json_t *root) {
	static const char *const keys[] = {"format",     "problem", "assignments", "unscheduled",
					   "score",      "solver",  "changes",     NULL};
	if (!json_is_object(root)) {
		err(R, "", "the file holds %s; expected a schedule object {\"assignments\": [...]}", igs_json_kind(root));
		return;
	}
	if (json_object_get(root, "meeting") && json_object_get(root, "sessions"))
		err(R, "", "this looks like a problem file, not a schedule; pass the schedule written by 'igfsched solve'");
	check_keys(R, root, "", keys);
	json_t *as = json_object_get(root, "assignments");
	if (!as) {
		err(R, "assignments", "missing; add an array of {\"session\", \"day\", \"start\", \"room\"} (it may be empty)");
		return;
	}
	if (!json_is_array(as)) {
		err(R, "assignments", "is %s; expected an array", igs_json_kind(as));
		return;
	}
	size_t k;
	json_t *a;
	json_array_foreach(as, k, a)
		read_assignment(R, a, k);
}

int igs_schedule_load(igs_schedule **out, const igs_problem *p, const char *path, igs_diag *d) {
	int rc = IGS_OK;
	json_t *root = NULL;
	reader R = {p, NULL, d, path, 0, NULL, NULL};
	if (!out || !p || !path)
		return IGS_EUSAGE;
	*out = NULL;
	if ((rc = igs_json_read(&root, path, d)) != IGS_OK)
		goto cleanup;
	R.s = igs_schedule_new(p);
	R.seen = malloc((p->n_sessions > 0 ? (size_t)p->n_sessions : 1) * sizeof *R.seen);
	if (!R.s || !R.seen) {
		igs_diag_add(d, path, "", "out of memory reading the schedule");
		rc = IGS_ENOMEM;
		goto cleanup;
	}
	for (int i = 0; i < p->n_sessions; i++)
		R.seen[i] = -1;
	read_root(&R, root);
	if (R.errors) {
		rc = IGS_EINPUT;
		goto cleanup;
	}
	snprintf(R.s->stats.solver, sizeof R.s->stats.solver, "input");
	snprintf(R.s->stats.status, sizeof R.s->stats.status, "given");
	*out = R.s;
	R.s = NULL;
cleanup:
	json_decref(root);
	igs_schedule_free(R.s);
	free(R.seen);
	return rc;
}

int igs_problem_set_reference(igs_problem *p, const char *path, igs_diag *d) {
	int rc = IGS_OK, n = p->n_sessions;
	json_t *root = NULL;
	reader R = {p, NULL, d, path, 0, NULL, p};
	if (p->ref_start) {
		igs_diag_add(d, path, "", "a reference is already set; give --reference once");
		return IGS_EUSAGE;
	}
	if ((rc = igs_json_read(&root, path, d)) != IGS_OK)
		return rc;
	p->ref_day = malloc(((size_t)n + 1) * sizeof *p->ref_day);
	p->ref_start = malloc(((size_t)n + 1) * sizeof *p->ref_start);
	p->ref_room = malloc(((size_t)n + 1) * sizeof *p->ref_room);
	p->ref_source = strdup(path);
	R.seen = malloc(((size_t)n + 1) * sizeof *R.seen);
	if (!p->ref_day || !p->ref_start || !p->ref_room || !p->ref_source || !R.seen) {
		igs_diag_add(d, path, "", "out of memory reading the reference");
		rc = IGS_ENOMEM;
		goto cleanup;
	}
	for (int i = 0; i < n; i++)
		p->ref_day[i] = p->ref_start[i] = p->ref_room[i] = R.seen[i] = -1;
	read_root(&R, root);
	if (R.errors)
		rc = IGS_EINPUT;
cleanup:
	if (rc != IGS_OK) {
		/* leave the problem as it was: no reference */
		free(p->ref_day);
		free(p->ref_start);
		free(p->ref_room);
		free(p->ref_source);
		for (int i = 0; i < p->n_ref_cancelled; i++)
			free(p->ref_cancelled[i]);
		free(p->ref_cancelled);
		p->ref_day = p->ref_start = p->ref_room = NULL;
		p->ref_source = NULL;
		p->ref_cancelled = NULL;
		p->n_ref_cancelled = 0;
	}
	json_decref(root);
	free(R.seen);
	return rc;
}
