/* The problem reader's meeting and days (io/problem_load.h): time zone, slots, start grids and
 * the days' own slots and starts. */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/json_path.h"
#include "io/problem_load.h"
#include "io/timezone.h"
#include "model/timefmt.h"

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
	named_slot *s = igs_load_calloc(L, json_array_size(arr), sizeof *s);
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
			igs_load_check_keys(L, v, q, keys);
			name = igs_load_str(L, v, "name", q, true, NULL);
			if (name && !*name) {
				igs_json_subpath(r, q, "name");
				igs_load_err(L, r, "is empty; name the slot or give it as a plain \"HH:MM-HH:MM\" string");
			}
			time = json_object_get(v, "time");
			igs_json_subpath(r, q, "time");
			if (!time) {
				igs_load_err(L, r, "is missing; give the slot's \"time\": \"HH:MM-HH:MM\"");
				continue;
			}
		}
		if (igs_load_interval(L, time, time == v ? q : r, &s[*n].iv) == 0)
			s[(*n)++].name = name;
	}
	qsort(s, (size_t)*n, sizeof *s, cmp_named_slot);
	for (int k = 1; k < *n; k++) {
		if (s[k].iv.from < s[k - 1].iv.to) {
			char a[6], b[6];
			igs_format_hhmm(s[k].iv.from, a);
			igs_format_hhmm(s[k - 1].iv.to, b);
			igs_load_err(L, p, "slots overlap: one starts at %s before the previous one ends at %s; make them disjoint",
				     a, b);
		}
		for (int m = 0; s[k].name && m < k; m++)
			if (s[m].name && strcmp(s[m].name, s[k].name) == 0)
				igs_load_err(L, p, "two slots are named '%s'; a slot's name must be unique within its day", s[k].name);
	}
	return s;
}

/* Copies parsed slots into a day; names are duplicated, so default slots can serve every day. */
static void set_day_slots(loader *L, igs_day *D, const named_slot *s, int n) {
	if (!s || n == 0 || !(D->slots = igs_load_calloc(L, (size_t)n, sizeof *D->slots)))
		return;
	D->n_slots = n;
	bool named = false;
	for (int k = 0; k < n; k++) {
		D->slots[k] = s[k].iv;
		named = named || s[k].name;
	}
	if (!named || !(D->slot_names = igs_load_calloc(L, (size_t)n, sizeof *D->slot_names)))
		return;
	for (int k = 0; k < n; k++)
		if (s[k].name)
			D->slot_names[k] = igs_load_strdup(L, s[k].name);
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

void igs_load_meeting(loader *L, json_t *root, json_t **dflt_slots, long *dflt_every) {
	static const char *const keys[] = {"name", "timezone", "utc_offset", "join_gap", "duplicate_threshold", "slots",
					   "start_every", "thematic_rooms", NULL};
	igs_problem *P = L->p;
	json_t *m = igs_load_obj(L, root, "meeting", "", true);
	*dflt_slots = NULL;
	*dflt_every = 0;
	if (!m) {
		P->name = igs_load_strdup(L, "(unnamed)");
		P->timezone = igs_load_strdup(L, "UTC");
		return;
	}
	igs_load_check_keys(L, m, "meeting", keys);
	P->name = igs_load_strdup(L, igs_load_str(L, m, "name", "meeting", true, "(unnamed)"));
	P->timezone = igs_load_strdup(L, igs_load_str(L, m, "timezone", "meeting", false, "UTC"));
	char why[512];
	if (P->timezone && igs_timezone_check(why, sizeof why, P->timezone) != IGS_OK)
		igs_load_err(L, "meeting.timezone", "%s", why);
	const char *off = igs_load_str(L, m, "utc_offset", "meeting", false, "+00:00");
	if (igs_parse_utc_offset(off, &P->utc_offset) != 0)
		igs_load_err(L, "meeting.utc_offset", "'%s' is not a UTC offset; write \"+09:00\" or \"-05:00\"", off);
	P->join_gap = (int)igs_load_int(L, m, "join_gap", "meeting", false, 30, 0, 1440,
					"a number of minutes from 0 to 1440");
	P->dup_threshold = igs_load_num(L, m, "duplicate_threshold", "meeting", IGS_DUP_THRESHOLD, 0.0, 1.0, true,
					"a similarity above 0 and at most 1");
	P->thematic_rooms = igs_load_bool(L, m, "thematic_rooms", "meeting", false);
	*dflt_slots = igs_load_arr(L, m, "slots", "meeting", false);
	*dflt_every = igs_load_int(L, m, "start_every", "meeting", false, 0, 1, 1440, "a number of minutes from 1 to 1440");
}

void igs_load_days(loader *L, json_t *root, json_t *dflt_slots, long dflt_every) {
	static const char *const keys[] = {"date", "label", "pre_event", "slots", "starts", "start_every", NULL};
	igs_problem *P = L->p;
	json_t *arr = igs_load_arr(L, root, "days", "", true);
	if (!arr)
		return;
	if (json_array_size(arr) == 0) {
		igs_load_err(L, "days", "is empty; list at least one day");
		return;
	}
	if (json_array_size(arr) > 64) {
		igs_load_err(L, "days", "has %zu days; at most 64 are supported", json_array_size(arr));
		return;
	}
	P->days = igs_load_calloc(L, json_array_size(arr), sizeof *P->days);
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
			igs_load_err(L, p, "is %s; expected a day object", igs_json_kind(v));
			continue;
		}
		igs_load_check_keys(L, v, p, keys);
		igs_day *D = &P->days[P->n_days];
		const char *date = igs_load_str(L, v, "date", p, true, NULL);
		if (date && !valid_date(date)) {
			igs_json_subpath(q, p, "date");
			igs_load_err(L, q, "'%s' is not a date; write \"YYYY-MM-DD\"", date);
		}
		const char *label = igs_load_str(L, v, "label", p, false, date);
		D->date = igs_load_strdup(L, date ? date : "?");
		D->label = igs_load_strdup(L, label ? label : D->date);
		if (L->oom) {
			P->n_days++; /* so that igs_problem_free frees what it holds */
			break;
		}
		D->pre_event = igs_load_bool(L, v, "pre_event", p, label && strcmp(label, "Day 0") == 0);
		/* A day reference is a date or a label, so neither may repeat either; a missing date
		 * is already reported and must not look like a repeat. */
		for (int k = 0; date && k < P->n_days; k++) {
			bool by_date = strcmp(P->days[k].date, D->date) == 0 || strcmp(P->days[k].label, D->date) == 0;
			if (by_date || strcmp(P->days[k].date, D->label) == 0 || strcmp(P->days[k].label, D->label) == 0) {
				igs_json_subpath(q, p, by_date ? "date" : "label");
				igs_load_err(L, q, "'%s' repeats the date or label of days[%zu]; every day needs its own date and label",
					     by_date ? D->date : D->label, json_index[k]);
			}
		}
		json_t *slots = igs_load_arr(L, v, "slots", p, false);
		igs_json_subpath(q, p, "slots");
		if (!slots && dflt_slots) {
			slots = dflt_slots;
			snprintf(q, sizeof q, "meeting.slots");
		}
		if (!slots || json_array_size(slots) == 0) {
			igs_load_err(L, q, "no slots for %s; give the day \"slots\": [\"09:00-10:30\", …] or set meeting.slots",
				     D->label);
		} else if (slots == dflt_slots) {
			set_day_slots(L, D, dflt_iv, dflt_n);
		} else {
			int n;
			named_slot *own = read_slots(L, slots, q, &n);
			set_day_slots(L, D, own, n);
			free(own);
		}
		long every = igs_load_int(L, v, "start_every", p, false, dflt_every, 1, 1440,
					  "a number of minutes from 1 to 1440");
		json_t *starts = igs_load_arr(L, v, "starts", p, false);
		if (starts && json_object_get(v, "start_every")) {
			igs_json_subpath(q, p, "start_every");
			igs_load_err(L, q, "a day gives either \"starts\" or \"start_every\", not both; remove one");
		}
		igs_json_subpath(q, p, "starts");
		if (starts) {
			D->starts = igs_load_calloc(L, json_array_size(starts), sizeof *D->starts);
			size_t k;
			json_t *sv;
			json_array_foreach(starts, k, sv) {
				igs_json_indexpath(r, q, k);
				int t;
				if (!D->starts || igs_load_time(L, sv, r, &t) != 0)
					continue;
				bool inside = false;
				for (int m = 0; m < D->n_slots; m++)
					inside = inside || (D->slots[m].from <= t && t < D->slots[m].to);
				if (!inside)
					igs_load_err(L, r, "start '%s' lies in no slot of %s; add a slot around it or remove it",
						     json_string_value(sv), D->label);
				else
					D->starts[D->n_starts++] = t;
			}
		} else if (D->slots) {
			int cap = 0;
			for (int m = 0; m < D->n_slots; m++)
				cap += every ? (D->slots[m].to - D->slots[m].from + (int)every - 1) / (int)every : 1;
			D->starts = igs_load_calloc(L, (size_t)cap, sizeof *D->starts);
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
	P->times = igs_load_calloc(L, (size_t)total, sizeof *P->times);
	for (int d = 0; P->times && d < P->n_days; d++)
		for (int k = 0; k < P->days[d].n_starts; k++)
			P->times[P->n_times++] = (igs_time){d, P->days[d].starts[k]};
}
