/* import-cosplib: a CoSPLib instance (and solution) as an igfsched problem (and schedule); the
 * way back (--format cosplib) is cosplib/write.c. The mapping, with what is exact, approximated
 * and lost, is the table in docs/COSPLIB.md. */
#include <errno.h>
#include <jansson.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/atomic.h"
#include "cosplib/instance.h"
#include "cosplib/import.h"
#include "io/problem_dump.h"
#include "model/schedule.h"
#include "model/timefmt.h"

/* Feature names are limited per problem file (IGS_MAX_FEATURES); leave room for none other. */
#define ROOM_SETS_MAX IGS_MAX_FEATURES

typedef struct {
	int day, start, block;
} block_at;

typedef struct {
	const igs_cosplib *c;
	igs_diag *d;
	const char *file;
	int errors;
	bool oom;
	int L;                /* the common timeslot length, minutes */
	int n_days;
	const char **dates;   /* per day, ascending */
	int *block_day;       /* per block: its day */
	/* Forbidden rooms: distinct sets of allowed rooms (n_rooms bytes each) and per item the
	 * set it needs, or -1. */
	int n_sets;
	unsigned char *sets;
	int *item_set;
	igs_cosplib_import_stats st;
} importer;

static void err(importer *I, const char *where, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static void err(importer *I, const char *where, const char *fmt, ...) {
	va_list ap;
	va_start(ap, fmt);
	igs_diag_addv(I->d, I->file, where, fmt, ap);
	va_end(ap);
	I->errors++;
}

/* Jansson steals v even on failure and rejects NULL, so one flag tracks every allocation. */
static void set(importer *I, json_t *o, const char *key, json_t *v) {
	if (!o || json_object_set_new(o, key, v) != 0)
		I->oom = true;
}

static void push(importer *I, json_t *a, json_t *v) {
	if (!a || json_array_append_new(a, v) != 0)
		I->oom = true;
}

static json_t *hhmm(int minutes) {
	char b[6];
	igs_format_hhmm(minutes, b);
	return json_string(b);
}

static json_t *interval(int from, int to) {
	char a[6], b[6], s[16];
	igs_format_hhmm(from, a);
	igs_format_hhmm(to, b);
	snprintf(s, sizeof s, "%s-%s", a, b);
	return json_string(s);
}

static json_t *utc_offset(int hours) {
	char s[16];
	snprintf(s, sizeof s, "%c%02d:00", hours < 0 ? '-' : '+', abs(hours));
	return json_string(s);
}

/* CoSPLib switches a component off with a weight of 0 or less (OBJECTIVE.md §4). */
static long long weight(const igs_cosplib *c, igs_cosplib_component k) {
	return c->weight[k] > 0 ? c->weight[k] : 0;
}

static int block_end(const importer *I, int b) {
	return I->c->blocks[b].start + I->c->blocks[b].slots * I->L;
}

static int cmp_str(const void *a, const void *b) {
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static int cmp_block_at(const void *x, const void *y) {
	const block_at *a = x, *b = y;
	if (a->day != b->day)
		return a->day < b->day ? -1 : 1;
	if (a->start != b->start)
		return a->start < b->start ? -1 : 1;
	return (a->block > b->block) - (a->block < b->block);
}

static bool date_shape(const char *s) {
	for (int i = 0; i < 10; i++)
		if (i == 4 || i == 7 ? s[i] != '-' : !(s[i] >= '0' && s[i] <= '9'))
			return false;
	return s[10] == '\0';
}

/* Days, the common timeslot length L and the blocks' shrunk times. A common L keeps every
 * submission's duration the same in every block; the blocks must then still be apart, since
 * with join_gap 0 two touching slots would let a talk run from one block into the next. */
static int plan_days(importer *I) {
	const igs_cosplib *c = I->c;
	char p[64];
	I->L = 1440;
	for (int b = 0; b < c->n_blocks; b++) {
		const igs_cosplib_block *B = &c->blocks[b];
		snprintf(p, sizeof p, "sessions[%d]", b);
		if (!B->date || !date_shape(B->date))
			err(I, p, "%s: %s; an igfsched day needs the session's \"date\": \"YYYY-MM-DD\"", B->name,
			    B->date ? "the date is not YYYY-MM-DD" : "no date");
		if (B->end <= B->start) {
			err(I, p, "%s ends at or before its start; give it an \"end\" after its \"start\"", B->name);
			continue;
		}
		int len = (B->end - B->start) / B->slots;
		if (len < 1)
			err(I, p, "%s: %d timeslots do not fit its %d minutes at one minute or more each; give it fewer "
				  "max_timeslots or a later end",
			    B->name, B->slots, B->end - B->start);
		else if (len < I->L)
			I->L = len;
	}
	if (I->errors)
		return IGS_EINPUT;
	size_t nb = c->n_blocks > 0 ? (size_t)c->n_blocks : 1;
	const char **dates = calloc(nb, sizeof *dates);
	block_at *at = calloc(nb, sizeof *at);
	I->dates = calloc(nb, sizeof *I->dates);
	I->block_day = calloc(nb, sizeof *I->block_day);
	if (!dates || !at || !I->dates || !I->block_day) {
		free(dates);
		free(at);
		return IGS_ENOMEM;
	}
	for (int b = 0; b < c->n_blocks; b++)
		dates[b] = c->blocks[b].date;
	qsort(dates, (size_t)c->n_blocks, sizeof *dates, cmp_str);
	for (int b = 0; b < c->n_blocks; b++)
		if (I->n_days == 0 || strcmp(I->dates[I->n_days - 1], dates[b]) != 0)
			I->dates[I->n_days++] = dates[b];
	for (int b = 0; b < c->n_blocks; b++) {
		const char **hit = bsearch(&c->blocks[b].date, I->dates, (size_t)I->n_days, sizeof *I->dates, cmp_str);
		I->block_day[b] = (int)(hit - I->dates);
		at[b] = (block_at){I->block_day[b], c->blocks[b].start, b};
	}
	qsort(at, (size_t)c->n_blocks, sizeof *at, cmp_block_at);
	for (int k = 1; k < c->n_blocks; k++) {
		int a = at[k - 1].block, b = at[k].block;
		if (at[k - 1].day != at[k].day || block_end(I, a) < c->blocks[b].start)
			continue;
		char e[6], s[6];
		igs_format_hhmm(block_end(I, a), e);
		igs_format_hhmm(c->blocks[b].start, s);
		snprintf(p, sizeof p, "sessions[%d]", b);
		err(I, p,
		    "%s starts at %s on %s, but %s's %d timeslots of %d minutes (the shortest timeslot of any session) "
		    "run until %s: the two would touch or overlap in igfsched, where blocks need a gap between them; "
		    "start %s later or give %s fewer max_timeslots",
		    c->blocks[b].name, s, c->blocks[b].date, c->blocks[a].name, c->blocks[a].slots, I->L, e,
		    c->blocks[b].name, c->blocks[a].name);
	}
	free(dates);
	free(at);
	return I->errors ? IGS_EINPUT : IGS_OK;
}

/* Rooms an item may never use (a weighted track-room or submission-room penalty of at least
 * IGS_COSPLIB_FORBIDDEN) become room features: one per distinct set of allowed rooms, which
 * the rooms of the set carry and the item requires. */
static int plan_room_sets(importer *I) {
	const igs_cosplib *c = I->c;
	int nr = c->n_rooms;
	long long wtr = weight(c, IGS_CP_tracks_rooms), wur = weight(c, IGS_CP_submissions_rooms);
	I->item_set = malloc((size_t)c->n_items * sizeof *I->item_set);
	I->sets = malloc((size_t)ROOM_SETS_MAX * (size_t)nr);
	unsigned char *allow = malloc((size_t)nr);
	if (!I->item_set || !I->sets || !allow) {
		free(allow);
		return IGS_ENOMEM;
	}
	for (int u = 0; u < c->n_items; u++) {
		I->item_set[u] = -1;
		int t = c->items[u].track, n_allowed = 0;
		for (int r = 0; r < nr; r++) {
			allow[r] = wtr * c->track_room[(size_t)t * nr + r] < IGS_COSPLIB_FORBIDDEN &&
				   wur * c->item_room[(size_t)u * nr + r] < IGS_COSPLIB_FORBIDDEN;
			n_allowed += allow[r];
		}
		if (n_allowed == nr)
			continue;
		if (n_allowed == 0) {
			/* Every room forbidden: the model would have no place at all, so keep it open. */
			I->st.room_rules_lost++;
			continue;
		}
		int k = 0;
		while (k < I->n_sets && memcmp(I->sets + (size_t)k * nr, allow, (size_t)nr) != 0)
			k++;
		if (k == I->n_sets) {
			if (I->n_sets == ROOM_SETS_MAX) {
				I->st.room_rules_lost++;
				continue;
			}
			memcpy(I->sets + (size_t)I->n_sets++ * nr, allow, (size_t)nr);
		}
		I->item_set[u] = k;
		I->st.room_rules++;
	}
	free(allow);
	return IGS_OK;
}

static void room_set_name(int k, char out[32]) {
	snprintf(out, 32, "cosplib-rooms-%d", k + 1);
}

static json_t *build_days(importer *I) {
	const igs_cosplib *c = I->c;
	json_t *days = json_array();
	for (int d = 0; d < I->n_days; d++) {
		json_t *day = json_object(), *slots = json_array(), *starts = json_array();
		set(I, day, "date", json_string(I->dates[d]));
		/* Blocks in time order: the loader sorts slots, and the starts must ascend with them. */
		int prev = -1;
		for (;;) {
			int next = -1;
			for (int b = 0; b < c->n_blocks; b++)
				if (I->block_day[b] == d && c->blocks[b].start > prev &&
				    (next < 0 || c->blocks[b].start < c->blocks[next].start))
					next = b;
			if (next < 0)
				break;
			prev = c->blocks[next].start;
			push(I, slots, json_pack("{s:s, s:o}", "name", c->blocks[next].name, "time",
						 interval(c->blocks[next].start, block_end(I, next))));
			for (int k = 0; k < c->blocks[next].slots; k++)
				push(I, starts, hhmm(c->blocks[next].start + k * I->L));
			I->st.slots++;
		}
		set(I, day, "slots", slots);
		set(I, day, "starts", starts);
		push(I, days, day);
	}
	return days;
}

static json_t *build_rooms(importer *I) {
	const igs_cosplib *c = I->c;
	json_t *rooms = json_array();
	long long wbr = weight(c, IGS_CP_sessions_rooms);
	char f[32];
	for (int r = 0; r < c->n_rooms; r++) {
		json_t *room = json_pack("{s:s}", "id", c->rooms[r]), *feat = json_array(), *closed = json_array();
		for (int k = 0; k < I->n_sets; k++)
			if (I->sets[(size_t)k * c->n_rooms + r]) {
				room_set_name(k, f);
				push(I, feat, json_string(f));
			}
		for (int b = 0; b < c->n_blocks; b++)
			if (wbr * c->block_room[(size_t)b * c->n_rooms + r] >= IGS_COSPLIB_FORBIDDEN)
				push(I, closed, json_pack("{s:s, s:o, s:o}", "day", c->blocks[b].date, "from",
							  hhmm(c->blocks[b].start), "to", hhmm(block_end(I, b))));
		if (json_array_size(feat))
			set(I, room, "features", feat);
		else
			json_decref(feat);
		if (json_array_size(closed))
			set(I, room, "unavailable", closed);
		else
			json_decref(closed);
		push(I, rooms, room);
	}
	return rooms;
}

/* The largest similar-tracks penalty: similarities are scaled by it into igfsched's 0..1. */
static long long max_similar(const igs_cosplib *c) {
	long long m = 0;
	for (size_t i = 0; i < (size_t)c->n_tracks * (size_t)c->n_tracks; i++)
		m = c->similar[i] > m ? c->similar[i] : m;
	return m;
}

static void build_themes(importer *I, json_t *doc) {
	const igs_cosplib *c = I->c;
	json_t *themes = json_array(), *sim = json_array();
	long long m = max_similar(c);
	for (int t = 0; t < c->n_tracks; t++) {
		json_t *T = json_pack("{s:s}", "id", c->tracks[t].name);
		if (c->tracks[t].n_chairs) {
			json_t *chairs = json_array();
			for (int k = 0; k < c->tracks[t].n_chairs; k++)
				push(I, chairs, json_string(c->people[c->tracks[t].chairs[k]]));
			set(I, T, "chairs", chairs);
		}
		push(I, themes, T);
		for (int s = t + 1; s < c->n_tracks; s++) {
			long long v = c->similar[(size_t)t * c->n_tracks + s];
			if (v > 0)
				push(I, sim, json_pack("{s:s, s:s, s:f}", "a", c->tracks[t].name, "b", c->tracks[s].name,
						       "value", (double)v / (double)m));
		}
	}
	set(I, doc, "themes", themes);
	if (json_array_size(sim))
		set(I, doc, "theme_similarity", sim);
	else
		json_decref(sim);
}

/* Presenters become people; one whose submission's zone is not the conference's becomes a
 * remote person whose local hours are CoSPLib's "less suitable" window, outside which CoSPLib
 * charges its large time-zone penalty: what the schedule means for them stays visible, and
 * setting remote_hours above 0 lets igfsched's own rule judge it after the blocks are moved.
 * A presenter of several submissions takes the zone of the first. */
static json_t *build_people(importer *I) {
	const igs_cosplib *c = I->c;
	json_t *people = json_array();
	unsigned char *seen = calloc((size_t)c->n_people + 1, 1);
	if (!seen) {
		I->oom = true;
		return people;
	}
	for (int u = 0; u < c->n_items; u++)
		for (int k = 0; k < c->items[u].n_presenters; k++) {
			int h = c->items[u].presenters[k];
			if (seen[h])
				continue;
			seen[h] = 1;
			json_t *person = json_pack("{s:s}", "id", c->people[h]);
			if (c->items[u].utc_offset != c->local_utc_offset) {
				set(I, person, "remote", json_true());
				set(I, person, "utc_offset", utc_offset(c->items[u].utc_offset));
				if (c->less_suitable[0] < c->less_suitable[1])
					set(I, person, "available",
					    json_pack("[o]", interval(c->less_suitable[0], c->less_suitable[1])));
			}
			push(I, people, person);
			I->st.people++;
		}
	/* Attendees and chairs who present nothing: people with no hours of their own. */
	for (int h = 0; h < c->n_people; h++)
		if (!seen[h]) {
			push(I, people, json_pack("{s:s}", "id", c->people[h]));
			I->st.people++;
		}
	free(seen);
	return people;
}

/* An item's block costs (its session and time-zone penalties per timeslot, its track's block
 * penalty) as `prefer` entries: with an entry of weight max - cost(b) for every block b, a
 * session placed in block j pays Σ weights - (max - cost(j)), that is cost(j) plus a constant
 * of the item. So the differences between blocks, which are all a schedule can change, are
 * exact. The time-zone penalty depends only on the item's zone and the block's clock times,
 * so it is such a block cost too, which igfsched's per-person remote_hours could only
 * approximate. */
static json_t *build_prefer(importer *I, int u) {
	const igs_cosplib *c = I->c;
	const igs_cosplib_item *U = &c->items[u];
	long long wss = weight(c, IGS_CP_submissions_sessions), wts = weight(c, IGS_CP_tracks_sessions);
	long long wtz = weight(c, IGS_CP_submissions_timezones);
	long long top = 0;
	long long *cost = malloc((size_t)c->n_blocks * sizeof *cost);
	json_t *prefer = json_array();
	if (!cost) {
		I->oom = true;
		return prefer;
	}
	for (int b = 0; b < c->n_blocks; b++) {
		size_t ub = (size_t)u * c->n_blocks + b;
		cost[b] = (wss * c->item_block[ub] + wtz * c->item_tz[ub]) * U->req +
			  wts * c->track_block[(size_t)U->track * c->n_blocks + b];
		top = b == 0 || cost[b] > top ? cost[b] : top;
	}
	for (int b = 0; b < c->n_blocks; b++) {
		long long w = top - cost[b];
		if (w <= 0)
			continue;
		I->st.preference_constant += w;
		if (w > 1000000000LL) {
			char p[64];
			snprintf(p, sizeof p, "submissions[%d]", u);
			err(I, p, "%s: its session penalties differ by %lld after weighting, beyond the 10^9 an igfsched "
				  "preference weight can take; scale the penalties or weights down",
			    U->name, w);
			break;
		}
		push(I, prefer, json_pack("{s:s, s:o, s:o, s:I}", "day", c->blocks[b].date, "from",
					  hhmm(c->blocks[b].start), "to", hhmm(block_end(I, b)), "weight", (json_int_t)w));
	}
	I->st.preference_constant -= top;
	free(cost);
	return prefer;
}

static json_t *build_sessions(importer *I) {
	const igs_cosplib *c = I->c;
	json_t *sessions = json_array();
	char f[32];
	for (int u = 0; u < c->n_items && !I->oom; u++) {
		const igs_cosplib_item *U = &c->items[u];
		json_t *S = json_pack("{s:s, s:s, s:i, s:[s]}", "id", U->name, "type", "talk", "duration", U->req * I->L,
				      "themes", c->tracks[U->track].name);
		if (U->order > 0)
			set(I, S, "order", json_integer(U->order));
		json_t *people = json_array();
		for (int k = 0; k < U->n_presenters; k++)
			push(I, people, json_pack("{s:s, s:s}", "id", c->people[U->presenters[k]], "role", "speaker"));
		set(I, S, "people", people);
		/* A presenter who is also listed as an attendee of the same submission takes part:
		 * igfsched lists each person of a session once. */
		json_t *attendees = json_array();
		for (int k = 0; k < U->n_attendees; k++) {
			bool presents = false;
			for (int j = 0; j < U->n_presenters; j++)
				presents = presents || U->presenters[j] == U->attendees[k];
			if (!presents)
				push(I, attendees, json_string(c->people[U->attendees[k]]));
		}
		if (json_array_size(attendees))
			set(I, S, "attendees", attendees);
		else
			json_decref(attendees);
		if (I->item_set[u] >= 0) {
			room_set_name(I->item_set[u], f);
			set(I, S, "requires", json_pack("[s]", f));
		}
		json_t *prefer = build_prefer(I, u);
		if (json_array_size(prefer))
			set(I, S, "prefer", prefer);
		else
			json_decref(prefer);
		push(I, sessions, S);
	}
	return sessions;
}

/* Each igfsched term that counts what a CoSPLib component counts takes its weight; every
 * other term is switched off, so nothing CoSPLib does not charge steers a solver. */
static json_t *build_weights(importer *I) {
	const igs_cosplib *c = I->c;
	igs_weights w;
	igs_weights_init(&w);
	w.theme_clash = (double)weight(c, IGS_CP_parallel_tracks);
	w.similarity_clash = (double)weight(c, IGS_CP_similar_tracks) * (double)max_similar(c);
	w.order = (double)weight(c, IGS_CP_submissions_order);
	w.room_stability = (double)weight(c, IGS_CP_rooms_per_track);
	/* Presenters in one timeslot stay a hard person clash; in one session (block) but
	 * different rooms, and attendees at either level, they are the soft person terms. */
	w.person_slot = (double)weight(c, IGS_CP_presenters_conflicts);
	w.attendee_slot = (double)weight(c, IGS_CP_attendees_conflicts);
	w.attendee_clash = (double)weight(c, IGS_CP_attendees_conflicts_timeslot);
	w.track_breaks = (double)weight(c, IGS_CP_consecutive_tracks);
	w.remote_hours = 0.0; /* the time-zone penalties are block costs in the preferences */
	w.preference = 1.0; /* the entries carry the weighted penalties themselves */
	w.tag_clash = w.duplicate_clash = w.theme_spread = w.type_spread = 0.0;
	w.capacity_over = w.capacity_waste = w.fairness = 0.0;
	json_t *o = json_object();
#define IGS_W_PUT(f, n, d, m, h)                                                                   \
	set(I, o, n, w.f == floor(w.f) && fabs(w.f) < 1e15 ? json_integer((json_int_t)w.f) : json_real(w.f));
	IGS_WEIGHTS(IGS_W_PUT)
#undef IGS_W_PUT
	return o;
}

static json_t *build_problem(importer *I) {
	const igs_cosplib *c = I->c;
	json_t *doc = json_object();
	set(I, doc, "format", json_string("igfsched-problem/1"));
	set(I, doc, "meeting",
	    json_pack("{s:s, s:o, s:i, s:b}", "name", c->name, "utc_offset",
		      utc_offset(c->local_utc_offset), "join_gap", 0, "thematic_rooms", 1));
	set(I, doc, "days", build_days(I));
	set(I, doc, "rooms", build_rooms(I));
	build_themes(I, doc);
	set(I, doc, "people", build_people(I));
	set(I, doc, "sessions", build_sessions(I));
	set(I, doc, "weights", build_weights(I));
	I->st.days = I->n_days;
	I->st.rooms = c->n_rooms;
	I->st.themes = c->n_tracks;
	I->st.sessions = c->n_items;
	I->st.slot_minutes = I->L;
	if (I->oom || I->errors) {
		json_decref(doc);
		return NULL;
	}
	return doc;
}

/* The schedule of solution sol in problem p: a submission starts at its lowest timeslot (the
 * first it holds, in CoSPLib's block, room, timeslot order) and keeps that room. */
static int build_schedule(importer *I, const igs_problem *p, const igs_cosplib_solution *sol, const char *sol_path,
			  igs_schedule **out) {
	const igs_cosplib *c = I->c;
	igs_schedule *s = igs_schedule_new(p);
	if (!s)
		return IGS_ENOMEM;
	bool *placed = calloc((size_t)c->n_items + 1, sizeof *placed);
	if (!placed) {
		igs_schedule_free(s);
		return IGS_ENOMEM;
	}
	int rc = IGS_OK;
	for (int b = 0; b < c->n_blocks && rc == IGS_OK; b++)
		for (int r = 0; r < c->n_rooms && rc == IGS_OK; r++)
			for (int k = 0; k < c->blocks[b].slots && rc == IGS_OK; k++) {
				int u = sol->slot[c->blocks[b].first_slot + r * c->blocks[b].slots + k];
				if (u < 0 || placed[u])
					continue;
				placed[u] = true;
				int i = igs_problem_find_session(p, c->items[u].name);
				int day = igs_problem_find_day(p, c->blocks[b].date);
				int t = day < 0 ? -1 : igs_problem_find_time(p, day, c->blocks[b].start + k * I->L);
				int room = igs_problem_find_room(p, c->rooms[r]);
				if (i < 0 || t < 0 || room < 0) {
					/* The problem was built from this instance a moment ago. */
					igs_diag_add(I->d, sol_path, "", "internal error: %s at %s, timeslot %d has no place in "
									 "the imported problem",
						     c->items[u].name, c->blocks[b].name, k);
					rc = IGS_EINPUT;
					break;
				}
				rc = igs_schedule_set(s, i, t, room);
			}
	char why[512];
	snprintf(why, sizeof why, "not placed in the CoSPLib solution %s", sol_path);
	for (int u = 0; u < c->n_items && rc == IGS_OK; u++) {
		if (placed[u]) {
			I->st.scheduled++;
			continue;
		}
		I->st.unscheduled++;
		int i = igs_problem_find_session(p, c->items[u].name);
		if (i >= 0)
			rc = igs_schedule_set_reason(s, i, why);
	}
	free(placed);
	snprintf(s->stats.solver, sizeof s->stats.solver, "import-cosplib");
	snprintf(s->stats.status, sizeof s->stats.status, "imported");
	if (rc != IGS_OK) {
		igs_schedule_free(s);
		return rc;
	}
	*out = s;
	return IGS_OK;
}

int igs_cosplib_import(const char *instance_path, const char *problem_out, const char *solution_path,
		       const char *schedule_out, igs_cosplib_import_stats *st, igs_diag *d) {
	if (!instance_path || !problem_out || !solution_path != !schedule_out)
		return IGS_EUSAGE;
	if (strcmp(problem_out, "-") == 0)
		return igs_diag_add(d, problem_out, "",
				    "the problem is loaded back before it is written, so it needs a file; give -o a file name");
	igs_cosplib *c = NULL;
	igs_cosplib_solution *sol = NULL;
	igs_problem *p = NULL;
	igs_schedule *s = NULL;
	igs_report *rep = NULL;
	igs_diag *check = NULL;
	json_t *doc = NULL;
	igs_atomic a = {0};
	bool schedule_written = false;
	importer I = {.d = d, .file = instance_path};
	int rc = igs_cosplib_load(&c, instance_path, d);
	if (rc != IGS_OK)
		goto cleanup;
	I.c = c;
	/* The meeting needs a name, and --format cosplib writes it back as the solution's instance. */
	if (!*c->name) {
		err(&I, "name", "is missing or empty; give the instance a \"name\": it becomes the meeting's name, which "
				"a CoSPLib solution written back must carry as its \"instance\"");
		rc = IGS_EINPUT;
		goto cleanup;
	}
	/* The solution is read before anything is written, so a bad one leaves no file either. */
	if (solution_path && (rc = igs_cosplib_solution_load(&sol, c, solution_path, d)) != IGS_OK)
		goto cleanup;
	if ((rc = plan_days(&I)) != IGS_OK || (rc = plan_room_sets(&I)) != IGS_OK)
		goto cleanup;
	if (!(doc = build_problem(&I))) {
		rc = I.oom ? IGS_ENOMEM : IGS_EINPUT;
		goto cleanup;
	}
	if ((rc = igs_atomic_open(&a, problem_out, d)) != IGS_OK)
		goto cleanup;
	if (igs_problem_dump(doc, a.f) != IGS_OK || fflush(a.f) != 0) {
		igs_diag_add(d, problem_out, "", "cannot write the problem: %s", strerror(errno));
		rc = IGS_EIO;
		goto cleanup;
	}
	/* The promise is a problem that loads: read the written file back before it replaces anything. */
	if (!(check = igs_diag_new())) {
		rc = IGS_ENOMEM;
		goto cleanup;
	}
	if ((rc = igs_problem_load(&p, a.tmp, check)) != IGS_OK) {
		for (int i = 0; i < igs_diag_count(check); i++)
			igs_diag_add(d, instance_path, igs_diag_get(check, i)->where,
				     "the imported problem does not load: %s", igs_diag_get(check, i)->message);
		goto cleanup;
	}
	if (sol) {
		if ((rc = build_schedule(&I, p, sol, solution_path, &s)) != IGS_OK)
			goto cleanup;
		if (igs_evaluate(&rep, p, s) != IGS_OK) {
			rc = IGS_ENOMEM;
			goto cleanup;
		}
		if ((rc = igs_schedule_write(s, rep, IGS_FMT_JSON, schedule_out, d)) != IGS_OK)
			goto cleanup;
		schedule_written = strcmp(schedule_out, "-") != 0;
	}
	rc = igs_atomic_commit(&a, d);
	/* Both or neither: a schedule of a problem that was not written would be of no use. */
	if (rc != IGS_OK && schedule_written)
		remove(schedule_out);
cleanup:
	if (rc == IGS_ENOMEM)
		igs_diag_add(d, instance_path, "", "out of memory while importing");
	if (st)
		*st = I.st;
	igs_atomic_abort(&a);
	json_decref(doc);
	igs_report_free(rep);
	igs_schedule_free(s);
	igs_problem_free(p);
	igs_diag_free(check);
	igs_cosplib_solution_free(sol);
	igs_cosplib_free(c);
	free(I.dates);
	free(I.block_day);
	free(I.sets);
	free(I.item_set);
	return rc;
}
