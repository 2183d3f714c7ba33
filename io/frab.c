/* frab/pentabarf schedule output (schedule.xml and its JSON variant) for conference apps. */
#include <jansson.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/frab.h"

/* ---- what both variants share ---- */

/* A stable event guid: two 64-bit FNV-1a hashes of "meeting name \0 session id" laid out as
 * a UUID (version nibble 8, "custom", RFC 9562; variant 10). Not an RFC 4122 name-based
 * UUID, which needs SHA-1 that none of the project's libraries offers: what apps need is an
 * id that stays the same across re-solves and differs between sessions and meetings. */
static void guid_of(const igs_problem *p, int s, char out[37]) {
	uint64_t h[2] = {0xcbf29ce484222325ULL, 0x84222325cbf29ce4ULL};
	for (int k = 0; k < 2; k++) {
		const char *parts[2] = {p->name, p->sessions[s].id};
		for (int j = 0; j < 2; j++) {
			for (const unsigned char *c = (const unsigned char *)parts[j]; *c; c++)
				h[k] = (h[k] ^ *c) * 0x100000001b3ULL;
			h[k] = (h[k] ^ (unsigned)j) * 0x100000001b3ULL; /* the separator */
		}
	}
	unsigned char b[16];
	for (int i = 0; i < 8; i++) {
		b[i] = (unsigned char)(h[0] >> (56 - 8 * i));
		b[8 + i] = (unsigned char)(h[1] >> (56 - 8 * i));
	}
	b[6] = (unsigned char)((b[6] & 0x0F) | 0x80);
	b[8] = (unsigned char)((b[8] & 0x3F) | 0x80);
	snprintf(out, 37, "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x", b[0], b[1], b[2], b[3],
		 b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11], b[12], b[13], b[14], b[15]);
}

/* The date n days after "YYYY-MM-DD" (H. Hinnant's days_from_civil and civil_from_days). */
static void date_plus(const char *date, int n, char out[16]) {
	int y = 0, m = 1, d = 1;
	if (n == 0 || sscanf(date, "%d-%d-%d", &y, &m, &d) != 3) {
		snprintf(out, 16, "%.10s", date);
		return;
	}
	y -= m <= 2;
	long era = (y >= 0 ? y : y - 399) / 400, yoe = y - era * 400;
	long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	long z = era * 146097 + yoe * 365 + yoe / 4 - yoe / 100 + doy + n;
	era = (z >= 0 ? z : z - 146096) / 146097;
	long doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long mp = (5 * doy + 2) / 153;
	d = (int)(doy - (153 * mp + 2) / 5 + 1);
	m = (int)(mp < 10 ? mp + 3 : mp - 9);
	y = (int)(yoe + era * 400 + (m <= 2));
	snprintf(out, 16, "%04d-%02d-%02d", y % 10000, m % 100, d % 100);
}

/* "2023-10-09T09:00:00+09:00" for minute m of day d, in the meeting's offset; 24:00 is
 * midnight of the next date. */
static void iso_time(const igs_problem *p, int d, int m, char out[40]) {
	int off = p->utc_offset < 0 ? -p->utc_offset : p->utc_offset;
	char date[16];
	date_plus(p->days[d].date, m / 1440, date);
	snprintf(out, 40, "%sT%02d:%02d:00%c%02d:%02d", date, m / 60 % 24, m % 60, p->utc_offset < 0 ? '-' : '+',
		 off / 60 % 100, off % 60);
}

/* A 1-based id as the schema wants it (xs:positiveInteger): the entity's own id when every
 * entity of its list has one of that form, as a programme imported from frab has, so that a
 * schedule written and read back keeps its ids; else its position. */
static bool positive_integer(const char *id) {
	if (!id || id[0] < '1' || id[0] > '9' || strlen(id) > 9)
		return false;
	for (const char *c = id; *c; c++)
		if (*c < '0' || *c > '9')
			return false;
	return true;
}

static bool sessions_numbered(const igs_problem *p) {
	for (int i = 0; i < p->n_sessions; i++)
		if (!positive_integer(p->sessions[i].id))
			return false;
	return true;
}

static bool people_numbered(const igs_problem *p) {
	for (int i = 0; i < p->n_people; i++)
		if (!positive_integer(p->people[i].id))
			return false;
	return true;
}

/* How one write numbers events and persons: decided once, for the whole file. */
typedef struct {
	bool sessions, people;
} numbering;

static int session_number(const igs_problem *p, numbering n, int i) {
	return n.sessions ? atoi(p->sessions[i].id) : i + 1;
}

static int person_number(const igs_problem *p, numbering n, int k) {
	return n.people ? atoi(p->people[k].id) : k + 1;
}

static void hhmm(int m, char out[16]) {
	snprintf(out, 16, "%02d:%02d", m / 60, m % 60);
}

/* The conference's acronym: its name's letters and digits, lower-case, hyphenated. */
static void acronym(const char *name, char *out, size_t n) {
	size_t k = 0;
	bool dash = false;
	for (; *name && k + 2 < n; name++) {
		char c = *name >= 'A' && *name <= 'Z' ? (char)(*name - 'A' + 'a') : *name;
		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
			if (dash && k)
				out[k++] = '-';
			out[k++] = c;
			dash = false;
		} else {
			dash = true;
		}
	}
	out[k] = 0;
	if (!k)
		snprintf(out, n, "meeting");
}

/* The grid the apps draw: the largest step dividing every allowed start (at most 60). */
static int timeslot_minutes(const igs_problem *p) {
	int g = 0;
	for (int d = 0; d < p->n_days; d++)
		for (int k = 0; k < p->days[d].n_starts; k++) {
			int a = p->days[d].starts[k] % 60, b = g;
			while (b) {
				int t = a % b;
				a = b;
				b = t;
			}
			g = a ? a : g;
		}
	return g > 0 ? g : 60;
}

static int day_start(const igs_day *D) {
	return D->n_slots ? D->slots[0].from : 0;
}

static int day_end(const igs_day *D) {
	return D->n_slots ? D->slots[D->n_slots - 1].to : 0;
}

/* Sessions of day d in room r, by start: the order frab lists events in. */
static int day_room_sessions(const igs_schedule *s, int d, int r, int *out) {
	const igs_problem *p = s->problem;
	int n = 0;
	for (int t = 0; t < p->n_times; t++) {
		if (p->times[t].day != d)
			continue;
		for (int i = 0; i < s->n; i++)
			if (s->time[i] == t && s->room[i] == r)
				out[n++] = i;
	}
	return n;
}

/* ---- schedule.xml ---- */

static void xml_text(FILE *f, const char *s) {
	for (; s && *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '&')
			fputs("&amp;", f);
		else if (c == '<')
			fputs("&lt;", f);
		else if (c == '>')
			fputs("&gt;", f);
		else if (c == '"')
			fputs("&quot;", f);
		else if (c < 0x20 && c != '\n' && c != '\t' && c != '\r')
			fputc(' ', f); /* not allowed in XML 1.0 at all */
		else
			fputc(c, f);
	}
}

static void xml_elem(FILE *f, const char *indent, const char *tag, const char *text) {
	fprintf(f, "%s<%s>", indent, tag);
	xml_text(f, text);
	fprintf(f, "</%s>\n", tag);
}

static void xml_event(FILE *f, const igs_schedule *s, int i, const char *acr, numbering num) {
	const igs_problem *p = s->problem;
	const igs_session *S = &p->sessions[i];
	const igs_time *T = &p->times[s->time[i]];
	char guid[37], when[40], start[16], dur[16], slug[256];
	guid_of(p, i, guid);
	iso_time(p, T->day, T->start, when);
	hhmm(T->start, start);
	hhmm(S->duration, dur);
	fprintf(f, "      <event guid=\"%s\" id=\"%d\">\n", guid, session_number(p, num, i));
	xml_elem(f, "        ", "date", when);
	xml_elem(f, "        ", "start", start);
	xml_elem(f, "        ", "duration", dur);
	xml_elem(f, "        ", "room", p->rooms[s->room[i]].name);
	snprintf(slug, sizeof slug, "%s-%d-%s", acr, i + 1, S->id);
	xml_elem(f, "        ", "slug", slug);
	xml_elem(f, "        ", "title", S->title);
	xml_elem(f, "        ", "subtitle", "");
	xml_elem(f, "        ", "track", S->n_themes ? p->themes[S->themes[0]].name : "");
	xml_elem(f, "        ", "type", S->type);
	xml_elem(f, "        ", "language", "en");
	xml_elem(f, "        ", "abstract", S->description);
	xml_elem(f, "        ", "description", "");
	fputs("        <persons>\n", f);
	for (int k = 0; k < S->n_people; k++) {
		int who = S->people[k].person;
		fprintf(f, "          <person id=\"%d\">", person_number(p, num, who));
		xml_text(f, p->people[who].name);
		fputs("</person>\n", f);
	}
	fputs("        </persons>\n        <links/>\n        <attachments/>\n      </event>\n", f);
}

static int write_xml(FILE *f, const igs_schedule *s) {
	const igs_problem *p = s->problem;
	int *buf = malloc(((size_t)s->n + 1) * sizeof *buf);
	if (!buf)
		return IGS_ENOMEM;
	char acr[128], a[40], b[40], slot[16];
	numbering num = {sessions_numbered(p), people_numbered(p)};
	acronym(p->name, acr, sizeof acr);
	hhmm(timeslot_minutes(p), slot);
	fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<schedule>\n  <generator name=\"igfsched\"/>\n", f);
	xml_elem(f, "  ", "version", s->stats.solver[0] ? s->stats.solver : "igfsched");
	fputs("  <conference>\n", f);
	xml_elem(f, "    ", "acronym", acr);
	xml_elem(f, "    ", "title", p->name);
	xml_elem(f, "    ", "start", p->n_days ? p->days[0].date : "");
	xml_elem(f, "    ", "end", p->n_days ? p->days[p->n_days - 1].date : "");
	fprintf(f, "    <days>%d</days>\n", p->n_days);
	xml_elem(f, "    ", "timeslot_duration", slot);
	xml_elem(f, "    ", "time_zone_name", p->timezone);
	fputs("  </conference>\n", f);
	for (int d = 0; d < p->n_days; d++) {
		const igs_day *D = &p->days[d];
		iso_time(p, d, day_start(D), a);
		iso_time(p, d, day_end(D), b);
		fprintf(f, "  <day index=\"%d\" date=\"%s\" start=\"%s\" end=\"%s\">\n", d + 1, D->date, a, b);
		for (int r = 0; r < p->n_rooms; r++) {
			int n = day_room_sessions(s, d, r, buf);
			if (!n)
				continue;
			fputs("    <room name=\"", f);
			xml_text(f, p->rooms[r].name);
			fputs("\">\n", f);
			for (int k = 0; k < n; k++)
				xml_event(f, s, buf[k], acr, num);
			fputs("    </room>\n", f);
		}
		fputs("  </day>\n", f);
	}
	fputs("</schedule>\n", f);
	free(buf);
	return IGS_OK;
}

/* ---- schedule.json ---- */

static json_t *json_event(const igs_schedule *s, int i, const char *acr, numbering num) {
	const igs_problem *p = s->problem;
	const igs_session *S = &p->sessions[i];
	const igs_time *T = &p->times[s->time[i]];
	char guid[37], when[40], start[16], dur[16], slug[256];
	guid_of(p, i, guid);
	iso_time(p, T->day, T->start, when);
	hhmm(T->start, start);
	hhmm(S->duration, dur);
	snprintf(slug, sizeof slug, "%s-%d-%s", acr, i + 1, S->id);
	json_t *persons = json_array();
	for (int k = 0; persons && k < S->n_people; k++) {
		int who = S->people[k].person;
		if (json_array_append_new(persons, json_pack("{s:i, s:s}", "id", person_number(p, num, who), "public_name", p->people[who].name)))
			return json_decref(persons), NULL;
	}
	if (!persons)
		return NULL;
	return json_pack("{s:s, s:i, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:o, s:[], s:[]}", "guid",
			 guid, "id", session_number(p, num, i), "date", when, "start", start, "duration", dur, "room", p->rooms[s->room[i]].name,
			 "slug", slug, "title", S->title, "subtitle", "", "track",
			 S->n_themes ? p->themes[S->themes[0]].name : "", "type", S->type, "language", "en", "abstract",
			 S->description, "description", "", "persons", persons, "links", "attachments");
}

static json_t *json_schedule(const igs_schedule *s) {
	const igs_problem *p = s->problem;
	int *buf = malloc(((size_t)s->n + 1) * sizeof *buf);
	json_t *days = json_array(), *rooms = json_array(), *tracks = json_array(), *root = NULL;
	char acr[128], a[40], b[40], slot[16];
	numbering num = {sessions_numbered(p), people_numbered(p)};
	bool ok = buf && days && rooms && tracks;
	acronym(p->name, acr, sizeof acr);
	hhmm(timeslot_minutes(p), slot);
	for (int r = 0; ok && r < p->n_rooms; r++)
		ok = json_array_append_new(rooms, json_pack("{s:s}", "name", p->rooms[r].name)) == 0;
	for (int t = 0; ok && t < p->n_themes; t++)
		ok = json_array_append_new(tracks, json_pack("{s:s}", "name", p->themes[t].name)) == 0;
	for (int d = 0; ok && d < p->n_days; d++) {
		const igs_day *D = &p->days[d];
		json_t *by_room = json_object();
		ok = by_room != NULL;
		for (int r = 0; ok && r < p->n_rooms; r++) {
			int n = day_room_sessions(s, d, r, buf);
			if (!n)
				continue;
			json_t *events = json_array();
			ok = events && json_object_set_new(by_room, p->rooms[r].name, events) == 0;
			for (int k = 0; ok && k < n; k++)
				ok = json_array_append_new(events, json_event(s, buf[k], acr, num)) == 0;
		}
		iso_time(p, d, day_start(D), a);
		iso_time(p, d, day_end(D), b);
		ok = ok && json_array_append_new(days, json_pack("{s:i, s:s, s:s, s:s, s:O}", "index", d + 1, "date",
								  D->date, "day_start", a, "day_end", b, "rooms",
								  by_room)) == 0;
		json_decref(by_room);
	}
	if (ok)
		root = json_pack("{s:{s:s, s:s, s:{s:s, s:s, s:s, s:s, s:i, s:s, s:s, s:O, s:O, s:O}}}", "schedule", "version",
				 s->stats.solver[0] ? s->stats.solver : "igfsched", "base_url", "", "conference", "acronym",
				 acr, "title", p->name, "start", p->n_days ? p->days[0].date : "", "end",
				 p->n_days ? p->days[p->n_days - 1].date : "", "daysCount", p->n_days, "timeslot_duration",
				 slot, "time_zone_name", p->timezone, "rooms", rooms, "tracks", tracks, "days", days);
	json_decref(days);
	json_decref(rooms);
	json_decref(tracks);
	free(buf);
	return root;
}

int igs_write_frab(FILE *f, const igs_schedule *s, bool json) {
	if (!json)
		return write_xml(f, s);
	json_t *root = json_schedule(s);
	if (!root)
		return IGS_ENOMEM;
	int rc = json_dumpf(root, f, JSON_INDENT(2) | JSON_PRESERVE_ORDER) == 0 && fputc('\n', f) != EOF ? IGS_OK : IGS_EIO;
	json_decref(root);
	return rc;
}
