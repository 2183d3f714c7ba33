/* Reading a published frab / Pentabarf / pretalx schedule as it is: schedule.xml through
 * libxml2, schedule.json through Jansson, their days, rooms, events and people; dates and
 * times in the forms these files use. Judging what was read is io/frab_import.c's. */
#include <jansson.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/frab_read.h"

void igs_frab_warn(importer *I, const char *where, const char *fmt, ...) {
	char msg[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	igs_diag_add(I->d, I->path, where, "warning: %s", msg);
}

void igs_frab_fail(importer *I, const char *where, const char *fmt, ...) {
	va_list ap;
	va_start(ap, fmt);
	igs_diag_addv(I->d, I->path, where, fmt, ap);
	va_end(ap);
	I->errors++;
}

char *igs_frab_dup_or_oom(importer *I, const char *s) {
	if (!s)
		return NULL;
	char *t = strdup(s);
	if (!t)
		I->oom = true;
	return t;
}

/* Leading and trailing white space off, in place: XML text nodes keep the file's indentation. */
char *igs_frab_trim(char *s) {
	if (!s)
		return NULL;
	char *a = s;
	while (*a == ' ' || *a == '\t' || *a == '\n' || *a == '\r')
		a++;
	size_t n = strlen(a);
	while (n && (a[n - 1] == ' ' || a[n - 1] == '\t' || a[n - 1] == '\n' || a[n - 1] == '\r'))
		n--;
	memmove(s, a, n);
	s[n] = 0;
	return s;
}

/* Drops a UTF-8 sequence that a length limit cut short at the end of s: every text the
 * problem holds goes through Jansson, which takes whole UTF-8 only. */
void igs_frab_utf8_whole(char *s) {
	size_t n = strlen(s), k = n;
	while (k > 0 && ((unsigned char)s[k - 1] & 0xC0) == 0x80)
		k--;
	if (k == 0 || (unsigned char)s[k - 1] < 0xC0)
		return; /* ends in ASCII, or in continuation bytes without a lead: not ours to judge */
	unsigned char lead = (unsigned char)s[k - 1];
	size_t want = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2;
	if (n - (k - 1) < want)
		s[k - 1] = 0;
}

static int add_day(importer *I, const char *date, const char *start_attr) {
	for (int k = 0; k < I->n_days; k++)
		if (strcmp(I->days[k].date, date) == 0)
			return k; /* the same date twice: one day */
	fday *t = realloc(I->days, (size_t)(I->n_days + 1) * sizeof *t);
	if (!t) {
		I->oom = true;
		return -1;
	}
	I->days = t;
	fday *D = &I->days[I->n_days];
	memset(D, 0, sizeof *D);
	snprintf(D->date, sizeof D->date, "%s", date);
	D->start_attr = igs_frab_dup_or_oom(I, start_attr);
	return I->n_days++;
}

static fevent *new_event(importer *I, int day) {
	if (I->n_ev == I->cap_ev) {
		int cap = I->cap_ev ? 2 * I->cap_ev : 256;
		fevent *t = realloc(I->ev, (size_t)cap * sizeof *t);
		if (!t) {
			I->oom = true;
			return NULL;
		}
		I->ev = t;
		I->cap_ev = cap;
	}
	fevent *E = &I->ev[I->n_ev];
	memset(E, 0, sizeof *E);
	E->day = day;
	E->order = I->n_ev++;
	E->track_idx = -1;
	return E;
}

static void add_person(importer *I, fevent *E, const char *id, const char *name) {
	fperson *t = realloc(E->persons, (size_t)(E->n_persons + 1) * sizeof *t);
	if (!t) {
		I->oom = true;
		return;
	}
	E->persons = t;
	fperson *P = &E->persons[E->n_persons++];
	P->id = igs_frab_dup_or_oom(I, id && *id ? id : NULL);
	P->name = igs_frab_dup_or_oom(I, name ? name : "");
	if (P->name)
		igs_frab_trim(P->name);
}

/* ---- dates and times ---- */

static bool digits(const char *s, int n) {
	for (int i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}

static int num(const char *s, int n) {
	int v = 0;
	for (int i = 0; i < n; i++)
		v = 10 * v + (s[i] - '0');
	return v;
}

/* Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
static long civil_days(int y, int m, int d) {
	y -= m <= 2;
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

/* "YYYY-MM-DD" at s: its day number, or false. */
bool igs_frab_parse_date(const char *s, long *day) {
	if (!s || !digits(s, 4) || s[4] != '-' || !digits(s + 5, 2) || s[7] != '-' || !digits(s + 8, 2))
		return false;
	int y = num(s, 4), m = num(s + 5, 2), d = num(s + 8, 2);
	if (m < 1 || m > 12 || d < 1 || d > 31)
		return false;
	*day = civil_days(y, m, d);
	return true;
}

/* "H:MM", "HH:MM" or "HH:MM:SS" (seconds dropped): minutes, hours up to max_h; -1 if not. */
int igs_frab_parse_clock(const char *s, int max_h) {
	if (!s)
		return -1;
	int h = 0, i = 0;
	while (s[i] >= '0' && s[i] <= '9' && i < 3)
		h = 10 * h + (s[i++] - '0');
	if (i == 0 || s[i] != ':' || !digits(s + i + 1, 2))
		return -1;
	int m = num(s + i + 1, 2);
	i += 3;
	if (s[i] == ':') {
		if (!digits(s + i + 1, 2))
			return -1;
		i += 3;
	}
	if (s[i] || m > 59 || h > max_h)
		return -1;
	return 60 * h + m;
}

/* An ISO 8601 dateTime "YYYY-MM-DDTHH:MM[:SS[.f]][Z|±HH:MM]": day number, clock minutes and,
 * when it says one, the UTC offset. */
bool igs_frab_parse_datetime(const char *s, long *day, int *minute, bool *has_off, int *off) {
	if (!s || !igs_frab_parse_date(s, day) || (s[10] != 'T' && s[10] != ' ') || !digits(s + 11, 2) || s[13] != ':' ||
	    !digits(s + 14, 2))
		return false;
	int h = num(s + 11, 2), m = num(s + 14, 2);
	if (h > 23 || m > 59)
		return false;
	*minute = 60 * h + m;
	const char *t = s + 16;
	if (*t == ':') {
		if (!digits(t + 1, 2))
			return false;
		t += 3;
		if (*t == '.')
			for (t++; *t >= '0' && *t <= '9'; t++)
				;
	}
	*has_off = false;
	if (*t == 'Z') {
		*has_off = true;
		*off = 0;
		t++;
	} else if ((*t == '+' || *t == '-') && digits(t + 1, 2) && t[3] == ':' && digits(t + 4, 2)) {
		*has_off = true;
		*off = (*t == '-' ? -1 : 1) * (60 * num(t + 1, 2) + num(t + 4, 2));
		t += 6;
	}
	return *t == 0;
}

/* ---- reading schedule.xml ---- */

static char *node_text(importer *I, xmlNode *n) {
	xmlChar *c = xmlNodeGetContent(n);
	if (!c) {
		I->oom = true;
		return NULL;
	}
	char *s = igs_frab_dup_or_oom(I, (const char *)c);
	xmlFree(c);
	return igs_frab_trim(s);
}

static char *attr_text(importer *I, xmlNode *n, const char *name) {
	xmlChar *c = xmlGetProp(n, (const xmlChar *)name);
	if (!c)
		return NULL;
	char *s = igs_frab_dup_or_oom(I, (const char *)c);
	xmlFree(c);
	return igs_frab_trim(s);
}

static bool is_elem(const xmlNode *n, const char *name) {
	return n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0;
}

/* The text of the first child element called name, or NULL when there is none. */
static char *child_text(importer *I, xmlNode *n, const char *name) {
	for (xmlNode *c = n->children; c; c = c->next)
		if (is_elem(c, name))
			return node_text(I, c);
	return NULL;
}

static void xml_event(importer *I, xmlNode *n, int day, const char *room_name) {
	fevent *E = new_event(I, day);
	if (!E)
		return;
	E->id = attr_text(I, n, "id");
	E->guid = attr_text(I, n, "guid");
	static const struct {
		const char *tag;
		size_t off;
	} fields[] = {
		{"date", offsetof(fevent, date)},         {"start", offsetof(fevent, start)},
		{"duration", offsetof(fevent, duration)}, {"room", offsetof(fevent, room)},
		{"slug", offsetof(fevent, slug)},         {"title", offsetof(fevent, title)},
		{"track", offsetof(fevent, track)},       {"type", offsetof(fevent, type)},
		{"abstract", offsetof(fevent, abstract)},
	};
	for (size_t k = 0; k < sizeof fields / sizeof fields[0]; k++)
		*(char **)((char *)E + fields[k].off) = child_text(I, n, fields[k].tag);
	if ((!E->room || !*E->room) && room_name) {
		free(E->room);
		E->room = igs_frab_dup_or_oom(I, room_name);
	}
	for (xmlNode *c = n->children; c; c = c->next)
		if (is_elem(c, "persons"))
			for (xmlNode *p = c->children; p; p = p->next)
				if (is_elem(p, "person")) {
					char *id = attr_text(I, p, "id"), *name = node_text(I, p);
					add_person(I, E, id, name);
					free(id);
					free(name);
				}
	snprintf(E->where, sizeof E->where, "line %ld, event %.100s", (long)xmlGetLineNo(n),
		 E->id && *E->id ? E->id : E->guid && *E->guid ? E->guid : "without id");
}

/* The parser's errors: the first fatal one, with its line, is the message (the ones after it
 * follow from it). libxml2 hands the parser context to the handler; _private is ours. */
#if LIBXML_VERSION >= 21200
static void xml_error(void *ctx, const xmlError *e) {
#else
static void xml_error(void *ctx, xmlErrorPtr e) {
#endif
	importer *I = ((xmlParserCtxt *)ctx)->_private;
	if (!e || e->level < XML_ERR_ERROR || I->errors)
		return;
	char where[32], msg[512];
	snprintf(where, sizeof where, "line %d", e->line);
	snprintf(msg, sizeof msg, "%s", e->message ? e->message : "malformed XML");
	igs_frab_trim(msg);
	igs_frab_fail(I, where, "not well-formed XML: %s", msg);
}

int igs_frab_read_xml(importer *I, const char *text, size_t len) {
	xmlParserCtxt *ctx = xmlNewParserCtxt();
	if (!ctx)
		return IGS_ENOMEM;
	/* No network, no external entities or DTDs: a schedule is read, never fetched from. The
	 * parser's own printing is off; its first fatal error becomes the located message. */
	if (len > (size_t)INT_MAX / 2) {
		xmlFreeParserCtxt(ctx);
		igs_frab_fail(I, "", "%zu bytes: too large for a schedule", len);
		return IGS_EINPUT;
	}
	ctx->_private = I;
	ctx->sax->serror = xml_error;
	xmlDoc *doc = xmlCtxtReadMemory(ctx, text, (int)len, I->path, NULL, XML_PARSE_NONET | XML_PARSE_NOWARNING);
	if (!doc || I->errors) {
		if (!I->errors)
			igs_frab_fail(I, "", "not well-formed XML");
		xmlFreeDoc(doc);
		xmlFreeParserCtxt(ctx);
		return I->oom ? IGS_ENOMEM : IGS_EINPUT;
	}
	xmlFreeParserCtxt(ctx);
	xmlNode *root = xmlDocGetRootElement(doc);
	if (!root || !is_elem(root, "schedule")) {
		igs_frab_fail(I, "", "the root element is <%s>, not <schedule>: this is not a frab/Pentabarf schedule.xml",
			      root ? (const char *)root->name : "none");
		xmlFreeDoc(doc);
		return IGS_EINPUT;
	}
	for (xmlNode *n = root->children; n && !I->oom; n = n->next) {
		if (is_elem(n, "conference")) {
			I->title = child_text(I, n, "title");
			I->acronym = child_text(I, n, "acronym");
			I->timeslot = child_text(I, n, "timeslot_duration");
			I->tz = child_text(I, n, "time_zone_name");
		} else if (is_elem(n, "day")) {
			char *date = attr_text(I, n, "date"), *start = attr_text(I, n, "start");
			long dn;
			int day = -1;
			if (!date || !igs_frab_parse_date(date, &dn) || date[10]) {
				char where[32];
				snprintf(where, sizeof where, "line %ld", (long)xmlGetLineNo(n));
				igs_frab_warn(I, where, "<day> without a date=\"YYYY-MM-DD\" ('%s'); its events are left out",
					      date ? date : "");
			} else {
				day = add_day(I, date, start);
			}
			free(date);
			free(start);
			for (xmlNode *r = n->children; r && !I->oom; r = r->next) {
				if (!is_elem(r, "room"))
					continue;
				char *rname = attr_text(I, r, "name");
				for (xmlNode *e = r->children; e && !I->oom; e = e->next)
					if (is_elem(e, "event")) {
						if (day < 0) {
							I->st.events++;
							I->st.bad_time++;
						} else {
							xml_event(I, e, day, rname);
						}
					}
				free(rname);
			}
		}
	}
	xmlFreeDoc(doc);
	return I->oom ? IGS_ENOMEM : IGS_OK;
}

/* ---- reading schedule.json ---- */

static char *json_text(importer *I, const json_t *o, const char *key) {
	const json_t *v = json_object_get(o, key);
	char buf[32];
	if (json_is_string(v))
		return igs_frab_trim(igs_frab_dup_or_oom(I, json_string_value(v)));
	if (json_is_integer(v)) {
		snprintf(buf, sizeof buf, "%lld", (long long)json_integer_value(v));
		return igs_frab_dup_or_oom(I, buf);
	}
	return NULL;
}

static void json_event(importer *I, const json_t *v, int day, const char *room_name, const char *where) {
	fevent *E = new_event(I, day);
	if (!E)
		return;
	E->id = json_text(I, v, "id");
	E->guid = json_text(I, v, "guid");
	E->date = json_text(I, v, "date");
	E->start = json_text(I, v, "start");
	E->duration = json_text(I, v, "duration");
	E->room = json_text(I, v, "room");
	E->slug = json_text(I, v, "slug");
	E->title = json_text(I, v, "title");
	E->track = json_text(I, v, "track");
	E->type = json_text(I, v, "type");
	E->abstract = json_text(I, v, "abstract");
	if ((!E->room || !*E->room) && room_name) {
		free(E->room);
		E->room = igs_frab_dup_or_oom(I, room_name);
	}
	size_t k;
	const json_t *p;
	json_array_foreach(json_object_get(v, "persons"), k, p) {
		char *id = json_text(I, p, "id"), *name = json_text(I, p, "public_name");
		if (!id)
			id = json_text(I, p, "code"); /* pretalx's person id */
		if (!name)
			name = json_text(I, p, "name");
		if (!name)
			name = json_text(I, p, "full_public_name");
		add_person(I, E, id, name);
		free(id);
		free(name);
	}
	snprintf(E->where, sizeof E->where, "%.100s, event %.50s", where,
		 E->id && *E->id ? E->id : E->guid && *E->guid ? E->guid : "without id");
}

int igs_frab_read_json(importer *I, const char *text, size_t len) {
	json_error_t e;
	json_t *root = json_loadb(text, len, 0, &e);
	if (!root) {
		char where[48];
		snprintf(where, sizeof where, "line %d, column %d", e.line, e.column);
		igs_frab_fail(I, where, "not valid JSON: %s", e.text);
		return IGS_EINPUT;
	}
	const json_t *conf = json_object_get(json_object_get(root, "schedule"), "conference");
	if (!json_is_object(conf)) {
		igs_frab_fail(I, "schedule.conference", "missing: this is not a frab/pretalx schedule.json");
		json_decref(root);
		return IGS_EINPUT;
	}
	I->title = json_text(I, conf, "title");
	I->acronym = json_text(I, conf, "acronym");
	I->timeslot = json_text(I, conf, "timeslot_duration");
	I->tz = json_text(I, conf, "time_zone_name");
	size_t di;
	const json_t *dv;
	json_array_foreach(json_object_get(conf, "days"), di, dv) {
		char *date = json_text(I, dv, "date"), *start = json_text(I, dv, "day_start");
		char where[160];
		long dn;
		int day = -1;
		if (!date || !igs_frab_parse_date(date, &dn) || date[10]) {
			snprintf(where, sizeof where, "schedule.conference.days[%zu]", di);
			igs_frab_warn(I, where, "a day without a \"date\": \"YYYY-MM-DD\" ('%s'); its events are left out",
				      date ? date : "");
		} else {
			day = add_day(I, date, start);
		}
		free(date);
		free(start);
		const char *rname;
		const json_t *events;
		json_object_foreach((json_t *)json_object_get(dv, "rooms"), rname, events) {
			size_t k;
			const json_t *ev;
			json_array_foreach(events, k, ev) {
				if (I->oom)
					break;
				if (day < 0 || !json_is_object(ev)) {
					I->st.events++;
					I->st.bad_time++;
					continue;
				}
				snprintf(where, sizeof where, "schedule.conference.days[%zu].rooms.%.40s[%zu]", di, rname, k);
				json_event(I, ev, day, rname, where);
			}
		}
	}
	json_decref(root);
	return I->oom ? IGS_ENOMEM : IGS_OK;
}
