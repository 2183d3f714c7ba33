/* frab / Pentabarf / pretalx input: a published schedule.xml or schedule.json, as read by
 * io/frab_read.c, becomes a problem file and the schedule that really ran; real data's flaws
 * become warnings. */
#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "io/atomic.h"
#include "io/frab_read.h"
#include "io/problem_dump.h"
#include "io/timezone.h"
#include "model/problem.h"
#include "model/rules.h"
#include "model/schedule.h"

/* ---- judging the events ---- */

static bool contains_ci(const char *hay, const char *needle) {
	size_t n = strlen(needle);
	for (; hay && *hay; hay++)
		if (strncasecmp(hay, needle, n) == 0)
			return true;
	return false;
}

/* Minutes as "HH:MM"; every time of a problem is within 00:00-24:00 (two digits each). */
static void hhmm(int m, char out[16]) {
	snprintf(out, 16, "%02d:%02d", (m / 60) % 100, m % 60);
}

/* Times, durations and the cancelled: each event gets its minutes or the reason it is left out. */
static void judge_times(importer *I) {
	int max_dur = I->o->max_duration > 0 ? I->o->max_duration : 720;
	for (int i = 0; i < I->n_ev; i++) {
		fevent *E = &I->ev[i];
		I->st.events++;
		long day0 = 0;
		igs_frab_parse_date(I->days[E->day].date, &day0);
		if (contains_ci(E->title, "cancelled") || contains_ci(E->title, "canceled")) {
			E->fate = OUT_CANCELLED;
			I->st.cancelled++;
			igs_frab_warn(I, E->where, "'%s' is marked cancelled; left out", E->title);
			continue;
		}
		long dn;
		int clock, off;
		bool has_off;
		if (E->date && igs_frab_parse_datetime(E->date, &dn, &clock, &has_off, &off)) {
			/* Days apart beyond the night after are no time of this day; kept small before the sum. */
			long apart = dn - day0;
			E->begin = apart < -1 || apart > 2 ? -1 : (int)apart * 1440 + clock;
			if (has_off) {
				if (I->has_offset && off != I->offset && !I->mixed_offsets) {
					I->mixed_offsets = true;
					igs_frab_warn(I, E->where, "UTC offset %+d min where earlier events say %+d (a change of summer time?); "
						      "the first is used for the whole programme",
						      off, I->offset);
				}
				if (!I->has_offset)
					I->offset = off;
				I->has_offset = true;
			}
		} else if ((clock = igs_frab_parse_clock(E->start, 23)) >= 0) {
			/* Without a full date, a start before the day's own start is after midnight. */
			int day_clock = -1;
			bool ho;
			if (I->days[E->day].start_attr && igs_frab_parse_datetime(I->days[E->day].start_attr, &dn, &day_clock, &ho, &off) &&
			    clock < day_clock)
				clock += 1440;
			E->begin = clock;
		} else {
			E->fate = OUT_TIME;
			I->st.bad_time++;
			igs_frab_warn(I, E->where, "no start time (<date> '%s', <start> '%s'); left out", E->date ? E->date : "",
				      E->start ? E->start : "");
			continue;
		}
		if (E->begin < 0 || E->begin >= 2 * 1440) {
			E->fate = OUT_TIME;
			I->st.bad_time++;
			igs_frab_warn(I, E->where, "starts at %s, not within its day %s or the night after; left out",
				      E->date ? E->date : "?", I->days[E->day].date);
			continue;
		}
		E->dur = igs_frab_parse_clock(E->duration, 99);
		if (E->dur <= 0 || E->dur > max_dur) {
			E->fate = OUT_DURATION;
			I->st.bad_duration++;
			if (E->dur < 0)
				igs_frab_warn(I, E->where, "duration '%s' is not H:MM; left out", E->duration ? E->duration : "");
			else
				igs_frab_warn(I, E->where, "duration %s (%d min) is %s; left out (--max-duration %d)", E->duration, E->dur,
					      E->dur == 0 ? "zero" : "longer than any real session", max_dur);
			continue;
		}
	}
}

/* The session ids: the event id (else guid, slug, position); a listing repeated with the same
 * id, day, start and room is left out, another event under a taken id gets "ID~2". */
static int judge_ids(importer *I) {
	json_t *taken = json_object();
	if (!taken)
		return IGS_ENOMEM;
	for (int i = 0; i < I->n_ev && !I->oom; i++) {
		fevent *E = &I->ev[i];
		if (E->fate != KEPT)
			continue;
		char base[320];
		snprintf(base, sizeof base, "%.255s",
			 E->id && *E->id ? E->id : E->guid && *E->guid ? E->guid : E->slug && *E->slug ? E->slug : "");
		igs_frab_utf8_whole(base);
		if (!*base)
			snprintf(base, sizeof base, "event-%d", E->order + 1);
		json_t *prev = json_object_get(taken, base);
		if (prev) {
			const fevent *P = &I->ev[json_integer_value(prev)];
			if (P->day == E->day && P->begin == E->begin && P->dur == E->dur && P->room && E->room &&
			    strcmp(P->room, E->room) == 0) {
				E->fate = OUT_DUPLICATE;
				I->st.duplicates++;
				igs_frab_warn(I, E->where, "the same event as %s listed again; left out", P->where);
				continue;
			}
			char id[320];
			for (int k = 2;; k++) {
				snprintf(id, sizeof id, "%.255s~%d", base, k);
				if (!json_object_get(taken, id))
					break;
			}
			I->st.duplicate_ids++;
			igs_frab_warn(I, E->where, "id '%s' is already %s's; kept as session '%s'", base, P->where, id);
			snprintf(base, sizeof base, "%s", id);
		}
		E->sid = igs_frab_dup_or_oom(I, base);
		if (json_object_set_new(taken, base, json_integer(i)) != 0)
			I->oom = true;
	}
	json_decref(taken);
	return I->oom ? IGS_ENOMEM : IGS_OK;
}

/* A day past midnight stays one day: when one ends after 24:00, the whole problem's clock moves
 * back by whole hours (and its UTC offset with it, so every instant stays the same). */
static void judge_clock(importer *I) {
	int over = 0;
	for (int i = 0; i < I->n_ev; i++)
		if (I->ev[i].fate == KEPT && I->ev[i].begin + I->ev[i].dur - 1440 > over)
			over = I->ev[i].begin + I->ev[i].dur - 1440;
	int shift = (over + 59) / 60 * 60;
	I->st.clock_shift = shift;
	if (!shift)
		return;
	for (int i = 0; i < I->n_ev; i++) {
		fevent *E = &I->ev[i];
		if (E->fate != KEPT)
			continue;
		if (E->begin < shift) {
			E->fate = OUT_TIME;
			I->st.bad_time++;
			char a[16];
			hhmm(E->begin, a);
			igs_frab_warn(I, E->where, "starts at %s while other days run %d h past midnight: a day of more than 24 hours; "
				      "left out",
				      a, shift / 60);
			continue;
		}
		E->begin -= shift;
	}
	igs_frab_warn(I, "", "days run until %02d:%02d after midnight: the problem's clock is the conference's moved back "
		      "%d h (the UTC offset with it, so every instant is the same)",
		      over / 60, over % 60, shift / 60);
}

static int room_named(importer *I, const char *name) {
	for (int r = 0; r < I->n_rooms; r++)
		if (strcmp(I->rooms[r].name, name) == 0)
			return r;
	froom *t = realloc(I->rooms, (size_t)(I->n_rooms + 1) * sizeof *t);
	if (!t) {
		I->oom = true;
		return -1;
	}
	I->rooms = t;
	froom *R = &I->rooms[I->n_rooms];
	memset(R, 0, sizeof *R);
	R->name = igs_frab_dup_or_oom(I, name);
	R->from = malloc((size_t)I->n_days * sizeof *R->from);
	R->to = malloc((size_t)I->n_days * sizeof *R->to);
	if (!R->name || !R->from || !R->to) {
		free(R->name);
		free(R->from);
		free(R->to);
		I->oom = true;
		return -1;
	}
	for (int d = 0; d < I->n_days; d++) {
		R->from[d] = 1440;
		R->to[d] = 0;
	}
	return I->n_rooms++;
}

/* Kept events by day, room, start, longer first (a container keeps its room), file order: the
 * order frab lists a room's events in, and so the problem's. */
typedef struct {
	int day, room, begin, dur, order, ev;
} place_key;

static int by_place(const void *a, const void *b) {
	const place_key *x = a, *y = b;
	if (x->day != y->day)
		return x->day - y->day;
	if (x->room != y->room)
		return x->room - y->room;
	if (x->begin != y->begin)
		return x->begin - y->begin;
	if (x->dur != y->dur)
		return y->dur - x->dur;
	return x->order - y->order;
}

/* The kept events into idx in that order; their count. */
static int kept_in_order(importer *I, int *idx) {
	int n = 0;
	for (int i = 0; i < I->n_ev; i++)
		if (I->ev[i].fate == KEPT)
			n++;
	place_key *k = malloc(((size_t)n + 1) * sizeof *k);
	if (!k) {
		I->oom = true;
		return 0;
	}
	n = 0;
	for (int i = 0; i < I->n_ev; i++) {
		const fevent *E = &I->ev[i];
		if (E->fate == KEPT)
			k[n++] = (place_key){E->day, E->room_idx, E->begin, E->dur, E->order, i};
	}
	qsort(k, (size_t)n, sizeof *k, by_place);
	for (int j = 0; j < n; j++)
		idx[j] = k[j].ev;
	free(k);
	return n;
}

/* Rooms: by name; an event overlapping another in its room moves to a parallel room "NAME (2)"
 * of its own (posters side by side, the items inside a container), open only when used. */
static int judge_rooms(importer *I) {
	int *idx = malloc(((size_t)I->n_ev + 1) * sizeof *idx), n = 0;
	if (!idx)
		return IGS_ENOMEM;
	for (int i = 0; i < I->n_ev && !I->oom; i++) {
		fevent *E = &I->ev[i];
		if (E->fate != KEPT)
			continue;
		if (!E->room || !*E->room) {
			free(E->room);
			E->room = igs_frab_dup_or_oom(I, "(no room)");
			igs_frab_warn(I, E->where, "no room; kept in a room called '(no room)'");
		}
		E->room_idx = room_named(I, E->room ? E->room : "");
	}
	n = kept_in_order(I, idx);
	/* lane_end[k], lane_ev[k]: the end and the last event of parallel lane k of the room swept */
	int lane_end[64], lane_ev[64], n_lanes = 0, prev_day = -1, prev_room = -1;
	for (int k = 0; k < n && !I->oom; k++) {
		fevent *E = &I->ev[idx[k]];
		if (E->day != prev_day || E->room_idx != prev_room)
			n_lanes = 0;
		prev_day = E->day;
		prev_room = E->room_idx; /* the file's room, before a move to a parallel one */
		int lane = 0;
		while (lane < n_lanes && lane_end[lane] > E->begin)
			lane++;
		if (lane == 64)
			lane = 63; /* 64 events at once in one room: the last lane takes the rest */
		if (lane == n_lanes)
			n_lanes++;
		if (lane > 0) {
			const fevent *O = &I->ev[lane_ev[0]];
			char name[512], base[491], a[16], b[16];
			snprintf(base, sizeof base, "%s", I->rooms[E->room_idx].name);
			igs_frab_utf8_whole(base);
			snprintf(name, sizeof name, "%s (%d)", base, lane + 1);
			hhmm(O->begin, a);
			hhmm(O->begin + O->dur, b);
			I->st.room_overlaps++;
			igs_frab_warn(I, E->where, "%s event %s (%s-%s) in room '%s'; moved to a parallel room '%s', open only when used",
				      O->begin <= E->begin && E->begin + E->dur <= O->begin + O->dur ? "lies inside" : "overlaps",
				      O->sid, a, b, I->rooms[E->room_idx].name, name);
			int r = room_named(I, name);
			if (r < 0)
				break;
			I->rooms[r].parallel = true;
			E->room_idx = r;
		}
		lane_end[lane] = E->begin + E->dur; /* later than the lane's last end: starts are sorted */
		lane_ev[lane] = idx[k];
	}
	free(idx);
	return I->oom ? IGS_ENOMEM : IGS_OK;
}

static int by_room_name(const void *a, const void *b) {
	return strcmp(((const froom *)a)->name, ((const froom *)b)->name);
}

static void slug(const char *name, char *out, size_t n) {
	size_t k = 0;
	bool dash = false;
	for (const unsigned char *c = (const unsigned char *)name; *c && k + 2 < n; c++) {
		unsigned char ch = *c >= 'A' && *c <= 'Z' ? (unsigned char)(*c - 'A' + 'a') : *c;
		if ((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch >= 0x80) {
			if (dash && k)
				out[k++] = '-';
			out[k++] = (char)ch;
			dash = false;
		} else {
			dash = true;
		}
	}
	out[k] = 0;
	igs_frab_utf8_whole(out);
	if (!*out)
		snprintf(out, n, "x");
}

/* The option lists: "NAME;NAME" and "NAME=N;…"; a name the file has no room of is an error. */
static void room_options(importer *I) {
	const char *lists[2] = {I->o->plenary_rooms, I->o->capacities};
	for (int w = 0; w < 2; w++) {
		const char *s = lists[w];
		while (s && *s) {
			const char *e = strchr(s, ';');
			size_t len = e ? (size_t)(e - s) : strlen(s);
			char item[512];
			snprintf(item, sizeof item, "%.*s", (int)(len < 511 ? len : 511), s);
			igs_frab_trim(item);
			s = e ? e + 1 : s + len;
			if (!*item)
				continue;
			long cap = 0;
			char *eq = w ? strrchr(item, '=') : NULL;
			if (w) {
				char *end;
				if (!eq || (cap = strtol(eq + 1, &end, 10), *end || end == eq + 1 || cap < 0 || cap > 1000000)) {
					igs_frab_fail(I, "--capacity", "'%s' is not NAME=SEATS (SEATS a whole number from 0 to 1000000)", item);
					continue;
				}
				*eq = 0;
				igs_frab_trim(item);
			}
			int r;
			for (r = 0; r < I->n_rooms && strcmp(I->rooms[r].name, item) != 0; r++)
				;
			if (r == I->n_rooms) {
				igs_frab_fail(I, w ? "--capacity" : "--plenary-room",
					      "no room '%s' holds an event of the programme; the names are as in <room name=…>", item);
				continue;
			}
			if (w)
				I->rooms[r].capacity = (int)cap;
			else
				I->rooms[r].plenary = true;
		}
	}
}

static int track_of(importer *I, const char *name) {
	for (int k = 0; k < I->n_tracks; k++)
		if (strcmp(I->tracks[k], name) == 0)
			return k;
	char **t = realloc(I->tracks, (size_t)(I->n_tracks + 1) * sizeof *t);
	if (!t) {
		I->oom = true;
		return -1;
	}
	I->tracks = t;
	if (!(I->tracks[I->n_tracks] = strdup(name))) {
		I->oom = true;
		return -1;
	}
	return I->n_tracks++;
}

static int by_text(const void *a, const void *b) {
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* People by their id (else their name), tracks by name, in the order a reader meets them. */
static int judge_people(importer *I, const int *order, int n) {
	json_t *by_key = json_object();
	if (!by_key)
		return IGS_ENOMEM;
	for (int k = 0; k < n && !I->oom; k++) {
		fevent *E = &I->ev[order[k]];
		if (E->track && *E->track)
			track_of(I, E->track);
		if (!(E->people = malloc(((size_t)E->n_persons + 1) * sizeof *E->people))) {
			I->oom = true;
			break;
		}
		for (int j = 0; j < E->n_persons; j++) {
			const fperson *P = &E->persons[j];
			char key[600];
			if (P->id)
				snprintf(key, sizeof key, "%s", P->id);
			else if (P->name && *P->name)
				snprintf(key, sizeof key, "name:%s", P->name);
			else
				continue;
			json_t *v = json_object_get(by_key, key);
			int who;
			if (v) {
				who = (int)json_integer_value(v);
			} else {
				fperson *t = realloc(I->people, (size_t)(I->n_people + 1) * sizeof *t);
				if (!t) {
					I->oom = true;
					break;
				}
				I->people = t;
				who = I->n_people++;
				char sid[300];
				if (P->id) {
					snprintf(sid, sizeof sid, "%s", P->id);
					igs_frab_utf8_whole(sid);
				} else {
					slug(P->name, sid + 5, sizeof sid - 5);
					memcpy(sid, "name-", 5);
				}
				I->people[who].id = igs_frab_dup_or_oom(I, sid);
				I->people[who].name = igs_frab_dup_or_oom(I, P->name && *P->name ? P->name : sid);
				if (json_object_set_new(by_key, key, json_integer(who)) != 0)
					I->oom = true;
			}
			bool again = false;
			for (int q = 0; q < E->n_people; q++)
				again |= E->people[q] == who;
			if (!again)
				E->people[E->n_people++] = who;
		}
		if (E->n_persons == 0) {
			I->st.no_persons++;
			igs_frab_warn(I, E->where, "no persons; kept without people");
		}
	}
	json_decref(by_key);
	if (I->oom)
		return IGS_ENOMEM;
	if (I->n_tracks > 1)
		qsort(I->tracks, (size_t)I->n_tracks, sizeof *I->tracks, by_text);
	for (int k = 0; k < n; k++) {
		fevent *E = &I->ev[order[k]];
		E->track_idx = -1;
		for (int t = 0; E->track && *E->track && t < I->n_tracks; t++)
			if (strcmp(I->tracks[t], E->track) == 0)
				E->track_idx = t;
	}
	return IGS_OK;
}

/* A person in two overlapping events: kept as the data says (the real schedule then has this
 * person_clash, a re-solve keeps them apart), and said. */
static void judge_clashes(importer *I, const int *order, int n) {
	for (int a = 0; a < n; a++)
		for (int b = a + 1; b < n; b++) {
			const fevent *x = &I->ev[order[a]], *y = &I->ev[order[b]];
			if (x->day != y->day || x->begin >= y->begin + y->dur || y->begin >= x->begin + x->dur)
				continue;
			for (int i = 0; i < x->n_people; i++)
				for (int j = 0; j < y->n_people; j++)
					if (x->people[i] == y->people[j]) {
						I->st.person_clashes++;
						igs_frab_warn(I, y->where, "person %s is also in the overlapping event %s (room '%s'); kept: the "
							      "real schedule has this person_clash, a re-solve keeps them apart",
							      I->people[x->people[i]].id, x->sid, I->rooms[x->room_idx].name);
					}
		}
}

static int gcd(int a, int b) {
	while (b) {
		int t = a % b;
		a = b;
		b = t;
	}
	return a;
}

/* Each day's span, each room's hours, and with thematic rooms the fewest slot boundaries that
 * leave every room one track per slot, as the programme ran. */
static int judge_days(importer *I, const int *order, int n) {
	for (int d = 0; d < I->n_days; d++) {
		I->days[d].first = 1440;
		I->days[d].last = 0;
	}
	int g = I->grid;
	for (int k = 0; k < n; k++) {
		const fevent *E = &I->ev[order[k]];
		fday *D = &I->days[E->day];
		froom *R = &I->rooms[E->room_idx];
		D->n_kept++;
		D->first = E->begin < D->first ? E->begin : D->first;
		D->last = E->begin + E->dur > D->last ? E->begin + E->dur : D->last;
		R->from[E->day] = E->begin < R->from[E->day] ? E->begin : R->from[E->day];
		R->to[E->day] = E->begin + E->dur > R->to[E->day] ? E->begin + E->dur : R->to[E->day];
		g = gcd(g, E->begin % 60);
	}
	if (g < I->grid) {
		igs_frab_warn(I, "", "events start off the %d-minute timeslot grid; the problem's grid is %d minutes", I->grid, g);
		I->grid = g;
	}
	if (!I->o->thematic_rooms)
		return IGS_OK;
	/* Intervals [end of one event, start of the next of another track] in one room; the
	 * greedy by right end places the fewest boundaries hitting them all. */
	int *lo = malloc(((size_t)n + 1) * sizeof *lo), *hi = malloc(((size_t)n + 1) * sizeof *hi);
	if (!lo || !hi) {
		free(lo);
		free(hi);
		return IGS_ENOMEM;
	}
	for (int d = 0; d < I->n_days; d++) {
		int m = 0;
		for (int k = 1; k < n; k++) {
			const fevent *x = &I->ev[order[k - 1]], *y = &I->ev[order[k]];
			if (y->day != d || x->day != d || x->room_idx != y->room_idx || x->track_idx == y->track_idx)
				continue;
			lo[m] = x->begin + x->dur < y->begin ? x->begin + x->dur : y->begin;
			hi[m++] = y->begin;
		}
		for (int a = 1; a < m; a++) /* by right end (insertion: few per day) */
			for (int b = a; b > 0 && hi[b - 1] > hi[b]; b--) {
				int t = hi[b];
				hi[b] = hi[b - 1];
				hi[b - 1] = t;
				t = lo[b];
				lo[b] = lo[b - 1];
				lo[b - 1] = t;
			}
		fday *D = &I->days[d];
		if (!(D->cuts = malloc(((size_t)m + 1) * sizeof *D->cuts))) {
			free(lo);
			free(hi);
			return IGS_ENOMEM;
		}
		int last = -1;
		for (int a = 0; a < m; a++)
			if (last < lo[a]) {
				last = hi[a];
				if (last > D->first)
					D->cuts[D->n_cuts++] = last;
			}
	}
	free(lo);
	free(hi);
	return IGS_OK;
}

/* ---- the problem file ---- */

static json_t *str_or_oom(importer *I, const char *s) {
	json_t *v = json_string(s ? s : "");
	if (!v)
		I->oom = true; /* also text that is not UTF-8, which the XML reader never hands over */
	return v;
}

static void set(importer *I, json_t *o, const char *key, json_t *v) {
	if (!v || json_object_set_new(o, key, v) != 0)
		I->oom = true;
}

static void push(importer *I, json_t *a, json_t *v) {
	if (!v || json_array_append_new(a, v) != 0)
		I->oom = true;
}

static void span(char out[40], int from, int to) {
	char a[16], b[16];
	hhmm(from, a);
	hhmm(to, b);
	snprintf(out, 40, "%s-%s", a, b);
}

static json_t *build_problem(importer *I, const int *order, int n) {
	json_t *doc = json_object(), *meeting = json_object(), *days = json_array(), *rooms = json_array(),
	       *themes = json_array(), *people = json_array(), *sessions = json_array(), *rules = json_object();
	if (!doc || !meeting || !days || !rooms || !themes || !people || !sessions || !rules) {
		json_decref(doc);
		json_decref(meeting);
		json_decref(days);
		json_decref(rooms);
		json_decref(themes);
		json_decref(people);
		json_decref(sessions);
		json_decref(rules);
		I->oom = true;
		return NULL;
	}
	set(I, doc, "format", json_string("igfsched-problem/1"));
	set(I, doc, "meeting", meeting);
	set(I, doc, "days", days);
	set(I, doc, "rooms", rooms);
	set(I, doc, "themes", themes);
	set(I, doc, "people", people);
	set(I, doc, "type_rules", rules);
	set(I, doc, "sessions", sessions);

	const char *name = I->title && *I->title ? I->title : I->acronym && *I->acronym ? I->acronym : "frab import";
	set(I, meeting, "name", str_or_oom(I, name));
	int off = I->offset - I->st.clock_shift;
	char offs[16], tzname[32];
	snprintf(offs, sizeof offs, "%c%02d:%02d", off < 0 ? '-' : '+', abs(off) / 60, abs(off) % 60);
	snprintf(tzname, sizeof tzname, "UTC%s", offs);
	char why[256];
	const char *tz = tzname;
	if (!I->has_offset)
		igs_frab_warn(I, "", "no time says its UTC offset; +00:00 is assumed");
	if (I->tz && *I->tz && !I->st.clock_shift && igs_timezone_check(why, sizeof why, I->tz) == IGS_OK)
		tz = I->tz;
	else if (I->tz && *I->tz && !I->st.clock_shift)
		igs_frab_warn(I, "time_zone_name", "'%s' is not a zone this system knows (%s); '%s' is used", I->tz, why, tzname);
	if (off < -14 * 60 || off > 14 * 60) {
		igs_frab_fail(I, "", "the UTC offset %s is beyond ±14:00 after the clock shift", offs);
		return doc;
	}
	set(I, meeting, "timezone", str_or_oom(I, tz));
	set(I, meeting, "utc_offset", str_or_oom(I, offs));
	/* Tracks that each hold a room for a half-day or a day are meant to stay together: the
	 * IGF's wish to spread a theme over the days (theme_spread) would pull against the rule. */
	if (I->o->thematic_rooms) {
		set(I, meeting, "thematic_rooms", json_true());
		set(I, doc, "weights", json_pack("{s:i}", "theme_spread", 0));
	}
	if (I->st.clock_shift)
		set(I, meeting, "x-clock-shift-minutes", json_integer(I->st.clock_shift));

	for (int d = 0; d < I->n_days; d++) {
		fday *D = &I->days[d];
		if (!D->n_kept) {
			igs_frab_warn(I, "", "day %s has no event left; not a day of the problem", D->date);
			continue;
		}
		json_t *day = json_object(), *slots = json_array();
		if (!day || !slots) {
			json_decref(day);
			json_decref(slots);
			I->oom = true;
			break;
		}
		set(I, day, "date", json_string(D->date));
		int from = D->first;
		for (int c = 0; c <= D->n_cuts; c++) {
			int to = c < D->n_cuts ? D->cuts[c] : D->last;
			char s[40];
			span(s, from, to);
			push(I, slots, json_string(s));
			from = to;
		}
		set(I, day, "slots", slots);
		set(I, day, "start_every", json_integer(I->grid));
		push(I, days, day);
		I->st.days++;
	}

	for (int r = 0; r < I->n_rooms; r++) {
		froom *R = &I->rooms[r];
		json_t *room = json_object(), *off_hours = json_array();
		if (!room || !off_hours) {
			json_decref(room);
			json_decref(off_hours);
			I->oom = true;
			break;
		}
		set(I, room, "id", str_or_oom(I, R->id));
		set(I, room, "name", str_or_oom(I, R->name));
		if (R->capacity)
			set(I, room, "capacity", json_integer(R->capacity));
		if (R->plenary)
			set(I, room, "features", json_pack("[s]", "plenary"));
		int used = 0;
		for (int d = 0; d < I->n_days; d++)
			used += R->from[d] < R->to[d];
		for (int d = 0; d < I->n_days; d++) {
			const fday *D = &I->days[d];
			if (!D->n_kept)
				continue;
			char a[16], b[16];
			if (R->from[d] >= R->to[d]) {
				push(I, off_hours, json_pack("{s:s}", "day", D->date));
				continue;
			}
			if (!I->o->used_hours && !R->parallel)
				continue;
			if (R->from[d] > D->first) {
				hhmm(D->first, a);
				hhmm(R->from[d], b);
				push(I, off_hours, json_pack("{s:s, s:s, s:s}", "day", D->date, "from", a, "to", b));
			}
			if (R->to[d] < D->last) {
				hhmm(R->to[d], a);
				hhmm(D->last, b);
				push(I, off_hours, json_pack("{s:s, s:s, s:s}", "day", D->date, "from", a, "to", b));
			}
		}
		if (json_array_size(off_hours))
			set(I, room, "unavailable", off_hours);
		else
			json_decref(off_hours);
		push(I, rooms, room);
		if (used == 1 && I->st.days > 1) {
			I->st.one_day_rooms++;
			for (int d = 0; d < I->n_days; d++)
				if (R->from[d] < R->to[d])
					igs_frab_warn(I, "", "room '%s' is used on %s only; unavailable on the other days", R->name,
						      I->days[d].date);
		}
	}

	for (int t = 0; t < I->n_tracks; t++) {
		char id[300];
		slug(I->tracks[t], id, sizeof id);
		/* two track names of one slug ("C++" and "C") get distinct ids */
		for (int u = 0, k = 2; u < t; u++) {
			char other[300];
			slug(I->tracks[u], other, sizeof other);
			if (strcmp(other, id) == 0) {
				snprintf(id + strlen(id), sizeof id - strlen(id), "-%d", k++);
				u = -1;
			}
		}
		push(I, themes, json_pack("{s:s, s:o}", "id", id, "name", str_or_oom(I, I->tracks[t])));
	}
	for (int k = 0; k < I->n_people; k++)
		push(I, people,
		     json_pack("{s:o, s:o}", "id", str_or_oom(I, I->people[k].id), "name", str_or_oom(I, I->people[k].name)));

	/* A frab type that is one of igfsched's IGF types (main, opening, …) keeps no IGF rule:
	 * the programme ran without it. */
	for (int k = 0; k < n; k++) {
		const fevent *E = &I->ev[order[k]];
		const char *type = E->type && *E->type ? E->type : "event";
		for (int r = 0; r < igs_rules_default_count(); r++)
			if (strcmp(igs_rules_default_type(r), type) == 0 && !json_object_get(rules, type))
				set(I, rules, type,
				    json_pack("{s:[], s:b, s:n, s:i, s:b, s:b, s:b, s:b, s:[], s:[]}", "room_features",
					      "exclusive", 0, "parallel_class", "max_parallel", 0, "pre_event_days", 0,
					      "main_days", 1, "capacity_hard", 0, "spread_days", 0, "apart_from",
					      "apart_same_theme"));
	}

	for (int k = 0; k < n && !I->oom; k++) {
		const fevent *E = &I->ev[order[k]];
		json_t *s = json_object(), *who = json_array();
		if (!s || !who) {
			json_decref(s);
			json_decref(who);
			I->oom = true;
			break;
		}
		set(I, s, "id", str_or_oom(I, E->sid));
		set(I, s, "title", str_or_oom(I, E->title && *E->title ? E->title : E->sid));
		set(I, s, "type", str_or_oom(I, E->type && *E->type ? E->type : "event"));
		set(I, s, "duration", json_integer(E->dur));
		if (E->track_idx >= 0) {
			char id[300];
			json_t *th = json_array_get(themes, (size_t)E->track_idx);
			snprintf(id, sizeof id, "%s", json_string_value(json_object_get(th, "id")));
			set(I, s, "themes", json_pack("[s]", id));
		}
		if (E->abstract && *E->abstract)
			set(I, s, "description", str_or_oom(I, E->abstract));
		for (int j = 0; j < E->n_people; j++)
			push(I, who, str_or_oom(I, I->people[E->people[j]].id));
		if (E->n_people)
			set(I, s, "people", who);
		else
			json_decref(who);
		if (I->rooms[E->room_idx].plenary)
			set(I, s, "requires", json_pack("[s]", "plenary"));
		push(I, sessions, s);
	}
	if (!json_object_size(rules))
		json_object_del(doc, "type_rules");
	if (!json_array_size(people))
		json_object_del(doc, "people");
	if (!json_array_size(themes))
		json_object_del(doc, "themes");
	return doc;
}

/* The programme as published, in the problem as loaded back. */
static int real_schedule(importer *I, const igs_problem *p, const int *order, int n, igs_schedule **out) {
	igs_schedule *s = igs_schedule_new(p);
	if (!s)
		return IGS_ENOMEM;
	int rc = IGS_OK;
	for (int k = 0; k < n && rc == IGS_OK; k++) {
		const fevent *E = &I->ev[order[k]];
		int i = igs_problem_find_session(p, E->sid);
		int day = igs_problem_find_day(p, I->days[E->day].date);
		int t = day < 0 ? -1 : igs_problem_find_time(p, day, E->begin);
		int r = igs_problem_find_room(p, I->rooms[E->room_idx].id);
		if (i < 0 || t < 0 || r < 0) {
			/* The problem was built from these events a moment ago. */
			igs_frab_fail(I, E->where, "internal error: the event has no place in the imported problem");
			rc = IGS_EINPUT;
			break;
		}
		rc = igs_schedule_set(s, i, t, r);
	}
	snprintf(s->stats.solver, sizeof s->stats.solver, "import-frab");
	snprintf(s->stats.status, sizeof s->stats.status, "imported");
	if (rc != IGS_OK) {
		igs_schedule_free(s);
		return rc;
	}
	*out = s;
	return IGS_OK;
}

/* ---- the import ---- */

static void importer_free(importer *I) {
	for (int i = 0; i < I->n_ev; i++) {
		fevent *E = &I->ev[i];
		char **f[] = {&E->id, &E->guid, &E->slug, &E->date, &E->start, &E->duration, &E->room,
			      &E->title, &E->track, &E->type, &E->abstract, &E->sid};
		for (size_t k = 0; k < sizeof f / sizeof f[0]; k++)
			free(*f[k]);
		for (int j = 0; j < E->n_persons; j++) {
			free(E->persons[j].id);
			free(E->persons[j].name);
		}
		free(E->persons);
		free(E->people);
	}
	free(I->ev);
	for (int d = 0; d < I->n_days; d++) {
		free(I->days[d].start_attr);
		free(I->days[d].cuts);
	}
	free(I->days);
	for (int r = 0; r < I->n_rooms; r++) {
		free(I->rooms[r].name);
		free(I->rooms[r].id);
		free(I->rooms[r].from);
		free(I->rooms[r].to);
	}
	free(I->rooms);
	for (int t = 0; t < I->n_tracks; t++)
		free(I->tracks[t]);
	free(I->tracks);
	for (int k = 0; k < I->n_people; k++) {
		free(I->people[k].id);
		free(I->people[k].name);
	}
	free(I->people);
	free(I->title);
	free(I->acronym);
	free(I->timeslot);
	free(I->tz);
}

static int read_file(importer *I, char **text, size_t *len) {
	FILE *f = fopen(I->path, "rb");
	if (!f) {
		igs_frab_fail(I, "", "cannot open the schedule: %s", strerror(errno));
		return IGS_EINPUT;
	}
	size_t cap = 65536, n = 0;
	char *t = malloc(cap + 1);
	while (t) {
		size_t got = fread(t + n, 1, cap - n, f);
		n += got;
		if (n < cap)
			break;
		char *u = realloc(t, 2 * cap + 1);
		if (!u) {
			free(t);
			t = NULL;
			break;
		}
		t = u;
		cap *= 2;
	}
	bool bad = ferror(f);
	fclose(f);
	if (!t)
		return IGS_ENOMEM;
	if (bad) {
		free(t);
		igs_frab_fail(I, "", "cannot read the schedule: %s", strerror(errno));
		return IGS_EINPUT;
	}
	t[n] = 0;
	*text = t;
	*len = n;
	return IGS_OK;
}

/* Everything after reading: judge the events, build, write, load back, write the real schedule. */
static int import(importer *I, int **order_out, int *n_out) {
	judge_times(I);
	int rc = judge_ids(I);
	if (rc != IGS_OK)
		return rc;
	judge_clock(I);
	if ((rc = judge_rooms(I)) != IGS_OK)
		return rc;
	/* Rooms by name, then ids; the events follow their room. */
	int *where_now = malloc(((size_t)I->n_rooms + 1) * sizeof *where_now);
	char **names = malloc(((size_t)I->n_rooms + 1) * sizeof *names);
	if (!where_now || !names) {
		free(where_now);
		free(names);
		return IGS_ENOMEM;
	}
	for (int r = 0; r < I->n_rooms; r++)
		names[r] = I->rooms[r].name;
	if (I->n_rooms > 1)
		qsort(I->rooms, (size_t)I->n_rooms, sizeof *I->rooms, by_room_name);
	for (int r = 0; r < I->n_rooms; r++)
		for (int q = 0; q < I->n_rooms; q++)
			if (names[r] == I->rooms[q].name)
				where_now[r] = q;
	for (int i = 0; i < I->n_ev; i++)
		if (I->ev[i].fate == KEPT)
			I->ev[i].room_idx = where_now[I->ev[i].room_idx];
	free(where_now);
	free(names);
	for (int r = 0; r < I->n_rooms && !I->oom; r++) {
		char id[300];
		slug(I->rooms[r].name, id, sizeof id);
		for (int q = 0, k = 2; q < r; q++)
			if (strcmp(I->rooms[q].id, id) == 0) {
				slug(I->rooms[r].name, id, sizeof id);
				snprintf(id + strlen(id), sizeof id - strlen(id), "-%d", k++);
				q = -1;
			}
		I->rooms[r].id = igs_frab_dup_or_oom(I, id);
	}
	if (I->oom)
		return IGS_ENOMEM;
	/* "NAME (2)" beside a room NAME is a parallel room, as this import names them: so a
	 * programme written back and imported again keeps it open only when used. */
	for (int r = 0; r < I->n_rooms; r++) {
		const char *nm = I->rooms[r].name, *open = strrchr(nm, '(');
		size_t k = open ? (size_t)(open - nm) : 0;
		if (!open || k < 2 || nm[k - 1] != ' ' || open[1] < '2' || open[1] > '9')
			continue;
		const char *c = open + 1;
		while (*c >= '0' && *c <= '9')
			c++;
		if (c[0] != ')' || c[1])
			continue;
		for (int q = 0; q < I->n_rooms; q++)
			if (strlen(I->rooms[q].name) == k - 1 && strncmp(I->rooms[q].name, nm, k - 1) == 0)
				I->rooms[r].parallel = true;
	}
	room_options(I);

	int *order = malloc(((size_t)I->n_ev + 1) * sizeof *order), n;
	if (!order)
		return IGS_ENOMEM;
	*order_out = order;
	n = kept_in_order(I, order);
	*n_out = n;
	if (I->oom)
		return IGS_ENOMEM;
	I->st.kept = n;
	if (!n) {
		igs_frab_fail(I, "", "no event is left to schedule (%d read); see the warnings above", I->st.events);
		return IGS_EINPUT;
	}
	if ((rc = judge_people(I, order, n)) != IGS_OK)
		return rc;
	judge_clashes(I, order, n);
	if ((rc = judge_days(I, order, n)) != IGS_OK)
		return rc;
	return I->errors ? IGS_EINPUT : IGS_OK;
}

int igs_import_frab(igs_frab_import_stats *st, const char *path, const char *out_path, const igs_frab_import_options *o,
		    igs_diag *d) {
	static const igs_frab_import_options none = {0};
	importer I = {.path = path, .o = o ? o : &none, .d = d};
	if (st)
		memset(st, 0, sizeof *st);
	if (!path || !out_path)
		return IGS_EUSAGE;
	if (strcmp(out_path, "-") == 0)
		return igs_diag_add(d, out_path, "",
				    "the problem is loaded back before it is written, so it needs a file; give -o a file name");
	char *text = NULL;
	size_t len = 0;
	int *order = NULL, n = 0;
	json_t *doc = NULL;
	igs_atomic a = {0};
	igs_problem *p = NULL;
	igs_schedule *s = NULL;
	igs_report *rep = NULL;
	igs_diag *check = NULL;
	bool schedule_written = false;
	int rc = read_file(&I, &text, &len);
	if (rc != IGS_OK)
		goto cleanup;
	size_t lead = 0;
	while (lead < len && (text[lead] == ' ' || text[lead] == '\t' || text[lead] == '\n' || text[lead] == '\r'))
		lead++;
	rc = lead < len && text[lead] == '{' ? igs_frab_read_json(&I, text, len) : igs_frab_read_xml(&I, text, len);
	if (rc != IGS_OK)
		goto cleanup;
	if (!I.n_days) {
		igs_frab_fail(&I, "", "no <day> with a date: nothing to import");
		rc = IGS_EINPUT;
		goto cleanup;
	}
	if (I.o->timeslot > 0 && (I.o->timeslot > 60 || 60 % I.o->timeslot)) {
		igs_frab_fail(&I, "--timeslot", "%d minutes does not divide an hour; give 1, 2, 3, 4, 5, 6, 10, 12, 15, 20, 30 or 60",
			      I.o->timeslot);
		rc = IGS_EINPUT;
		goto cleanup;
	}
	int slot = I.o->timeslot > 0 ? I.o->timeslot : igs_frab_parse_clock(I.timeslot, 23);
	I.grid = slot > 0 && slot <= 60 && 60 % slot == 0 ? slot : 5;
	if (!I.o->timeslot && I.timeslot && slot != I.grid)
		igs_frab_warn(&I, "timeslot_duration", "'%s' does not divide an hour; a %d-minute grid is used", I.timeslot, I.grid);
	I.st.slot_minutes = I.grid;
	if ((rc = import(&I, &order, &n)) != IGS_OK)
		goto cleanup;
	if (!(doc = build_problem(&I, order, n)) || I.oom) {
		rc = IGS_ENOMEM;
		goto cleanup;
	}
	if (I.errors) {
		rc = IGS_EINPUT;
		goto cleanup;
	}
	I.st.slot_minutes = I.grid;
	I.st.rooms = I.n_rooms;
	I.st.themes = I.n_tracks;
	I.st.people = I.n_people;
	/* The promise is a problem that loads: read the written file back before it replaces anything. */
	if (!(check = igs_diag_new())) {
		rc = IGS_ENOMEM;
		goto cleanup;
	}
	if ((rc = igs_problem_stage(&p, &a, doc, out_path, "the problem", false, check, d)) != IGS_OK) {
		for (int i = 0; i < igs_diag_count(check); i++)
			igs_diag_add(d, path, igs_diag_get(check, i)->where, "the imported problem does not load: %s",
				     igs_diag_get(check, i)->message);
		goto cleanup;
	}
	if (I.o->real_schedule && p) {
		if ((rc = real_schedule(&I, p, order, n, &s)) != IGS_OK)
			goto cleanup;
		if (igs_evaluate(&rep, p, s) != IGS_OK) {
			rc = IGS_ENOMEM;
			goto cleanup;
		}
		I.st.real_hard = igs_report_hard_count(rep);
		if ((rc = igs_schedule_write(s, rep, IGS_FMT_JSON, I.o->real_schedule, d)) != IGS_OK)
			goto cleanup;
		schedule_written = strcmp(I.o->real_schedule, "-") != 0;
	}
	rc = igs_atomic_commit(&a, d);
	/* Both or neither: a schedule of a problem that was not written would be of no use. */
	if (rc != IGS_OK && schedule_written)
		remove(I.o->real_schedule);
cleanup:
	if (rc == IGS_ENOMEM || I.oom)
		igs_diag_add(d, path, "", "out of memory while importing");
	if (st)
		*st = I.st;
	igs_atomic_abort(&a);
	json_decref(doc);
	igs_report_free(rep);
	igs_schedule_free(s);
	igs_problem_free(p);
	igs_diag_free(check);
	free(order);
	free(text);
	importer_free(&I);
	return rc;
}
