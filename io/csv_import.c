/* Spreadsheet input: proposals as CSV rows plus a venue file become a validated problem file. */
#include <errno.h>
#include <jansson.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "io/atomic.h"
#include "io/json_path.h"
#include "io/problem_dump.h"
#include "model/problem.h"

/* ---- columns ---- */

typedef enum {
	C_ID,
	C_TITLE,
	C_TYPE,
	C_DURATION,
	C_THEMES,
	C_TAGS,
	C_ORGANISERS,
	C_SPEAKERS,
	C_GROUPS,
	C_ATTENDANCE,
	C_REQUIRES,
	C_PRIORITY,
	C_OPTIONAL,
	C_STAKEHOLDER,
	C_REGION,
	C_DESCRIPTION,
	C_DAYS,
	C__COUNT
} column;

/* Header names as people write them, compared after lower-casing and dropping everything
 * but letters and digits ("Expected attendance" = "expected_attendance"). The first name
 * of each column is the one messages use. */
static const struct {
	column c;
	const char *name;
} header_names[] = {
	{C_ID, "id"},
	{C_ID, "sessionid"},
	{C_TITLE, "title"},
	{C_TYPE, "type"},
	{C_TYPE, "sessiontype"},
	{C_DURATION, "duration"},
	{C_DURATION, "durationmin"},
	{C_DURATION, "minutes"},
	{C_THEMES, "themes"},
	{C_THEMES, "theme"},
	{C_THEMES, "subtheme"},
	{C_THEMES, "subthemes"},
	{C_TAGS, "tags"},
	{C_TAGS, "tag"},
	{C_ORGANISERS, "organisers"},
	{C_ORGANISERS, "organizers"},
	{C_ORGANISERS, "organiser"},
	{C_ORGANISERS, "organizer"},
	{C_SPEAKERS, "speakers"},
	{C_SPEAKERS, "speaker"},
	{C_GROUPS, "groups"},
	{C_GROUPS, "group"},
	{C_GROUPS, "coalitions"},
	{C_ATTENDANCE, "attendance"},
	{C_ATTENDANCE, "expectedattendance"},
	{C_REQUIRES, "requirements"},
	{C_REQUIRES, "requires"},
	{C_REQUIRES, "requirement"},
	{C_PRIORITY, "priority"},
	{C_OPTIONAL, "optional"},
	{C_STAKEHOLDER, "stakeholder"},
	{C_STAKEHOLDER, "stakeholdergroup"},
	{C_REGION, "region"},
	{C_DESCRIPTION, "description"},
	{C_DAYS, "days"},
};

static const char *column_name(column c) {
	for (size_t i = 0; i < sizeof header_names / sizeof header_names[0]; i++)
		if (header_names[i].c == c)
			return header_names[i].name;
	return "?";
}

static void normalise(const char *in, char *out, size_t n) {
	size_t k = 0;
	for (; *in && k + 1 < n; in++) {
		char c = *in;
		if (c >= 'A' && c <= 'Z')
			out[k++] = (char)(c - 'A' + 'a');
		else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
			out[k++] = c;
	}
	out[k] = 0;
}

static int column_of(const char *header) {
	char key[64];
	normalise(header, key, sizeof key);
	for (size_t i = 0; i < sizeof header_names / sizeof header_names[0]; i++)
		if (strcmp(key, header_names[i].name) == 0)
			return (int)header_names[i].c;
	return -1;
}

/* ---- RFC 4180 records ---- */

typedef struct {
	const char *s;
	size_t len, pos;
	int line; /* physical line at pos, from 1 */
	char sep; /* the cell separator: ',' unless --delimiter says otherwise */
} csv_reader;

typedef struct {
	char **field;
	int n, cap;
	int line; /* where the record starts */
} record;

static void record_clear(record *r) {
	for (int i = 0; i < r->n; i++)
		free(r->field[i]);
	r->n = 0;
}

static int record_push(record *r, const char *text, size_t len) {
	if (r->n == r->cap) {
		int cap = r->cap ? 2 * r->cap : 16;
		char **f = realloc(r->field, (size_t)cap * sizeof *f);
		if (!f)
			return IGS_ENOMEM;
		r->field = f;
		r->cap = cap;
	}
	char *c = malloc(len + 1);
	if (!c)
		return IGS_ENOMEM;
	memcpy(c, text, len);
	c[len] = 0;
	r->field[r->n++] = c;
	return IGS_OK;
}

/* Reads the next record: 1 when there is one, 0 at the end, IGS_EINPUT on a quote left open
 * (*open_line = where that field began), IGS_ENOMEM. Quoted fields may hold separators,
 * line breaks and doubled quotes; CRLF and LF both end a record. */
static int next_record(csv_reader *R, record *rec, char **buf, size_t *cap, int *open_line) {
	record_clear(rec);
	if (R->pos >= R->len)
		return 0;
	rec->line = R->line;
	for (;;) {
		size_t n = 0;
		bool quoted = R->pos < R->len && R->s[R->pos] == '"';
		int start_line = R->line;
		if (quoted) {
			R->pos++;
			for (;;) {
				if (R->pos >= R->len) {
					*open_line = start_line;
					return IGS_EINPUT;
				}
				char c = R->s[R->pos++];
				if (c == '"') {
					if (R->pos < R->len && R->s[R->pos] == '"')
						R->pos++;
					else
						break;
				}
				if (c == '\n')
					R->line++;
				if (n + 1 >= *cap) {
					size_t nc = *cap ? 2 * *cap : 256;
					char *nb = realloc(*buf, nc);
					if (!nb)
						return IGS_ENOMEM;
					*buf = nb;
					*cap = nc;
				}
				(*buf)[n++] = c;
			}
		}
		/* unquoted text, or what follows a closing quote up to the separator */
		while (R->pos < R->len && R->s[R->pos] != R->sep && R->s[R->pos] != '\n' && R->s[R->pos] != '\r') {
			if (n + 1 >= *cap) {
				size_t nc = *cap ? 2 * *cap : 256;
				char *nb = realloc(*buf, nc);
				if (!nb)
					return IGS_ENOMEM;
				*buf = nb;
				*cap = nc;
			}
			(*buf)[n++] = R->s[R->pos++];
		}
		if (record_push(rec, n ? *buf : "", n) != IGS_OK)
			return IGS_ENOMEM;
		if (R->pos < R->len && R->s[R->pos] == R->sep) {
			R->pos++;
			continue;
		}
		if (R->pos < R->len && R->s[R->pos] == '\r')
			R->pos++;
		if (R->pos < R->len && R->s[R->pos] == '\n')
			R->pos++;
		R->line++;
		return 1;
	}
}

static bool blank_record(const record *r) {
	for (int i = 0; i < r->n; i++)
		for (const char *c = r->field[i]; *c; c++)
			if (*c != ' ' && *c != '\t')
				return false;
	return true;
}

/* ---- the import ---- */

typedef struct {
	const char *csv_path;
	igs_diag *d;
	int errors;
	bool oom;
	json_t *venue;
	json_t *people, *groups; /* output lists, seeded from the venue */
	json_t *person_by_name, *group_by_name, *ids_taken; /* name -> id; ids in use */
	json_t *session_line; /* session id -> line of its row */
	int line, col;        /* current cell, for messages */
	const char *colname;
} importer;

static void cell_err(importer *I, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void cell_err(importer *I, const char *fmt, ...) {
	char where[96];
	snprintf(where, sizeof where, "line %d, column %d (%s)", I->line, I->col, I->colname);
	va_list ap;
	va_start(ap, fmt);
	igs_diag_addv(I->d, I->csv_path, where, fmt, ap);
	va_end(ap);
	I->errors++;
}

static char *trim(char *s) {
	while (*s == ' ' || *s == '\t')
		s++;
	size_t n = strlen(s);
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		s[--n] = 0;
	return s;
}

/* A cell's (or a list item's) text: trimmed, unless it starts with the apostrophe that
 * guards a text against formula injection (docs/FORMAT.md: before = + - @, a tab, a carriage
 * return or another apostrophe); then that one apostrophe goes and the rest is taken as it
 * is, leading tab included, which is how the schedule CSV writer's texts read back whole. */
static char *cell_text(char *s) {
	if (s[0] == '\'' && s[1] && strchr("=+-@\t\r'", s[1]))
		return s + 1;
	return trim(s);
}

/* "Jane Doe" -> "jane-doe": lower-case ASCII letters and digits, runs of anything else one
 * hyphen; a name with none of them becomes "person". */
static void slug(const char *name, const char *fallback, char *out, size_t n) {
	size_t k = 0;
	bool dash = false;
	for (const char *c = name; *c && k + 2 < n; c++) {
		char x = *c >= 'A' && *c <= 'Z' ? (char)(*c - 'A' + 'a') : *c;
		if ((x >= 'a' && x <= 'z') || (x >= '0' && x <= '9')) {
			if (dash && k > 0)
				out[k++] = '-';
			out[k++] = x;
			dash = false;
		} else {
			dash = true;
		}
	}
	out[k] = 0;
	if (k == 0)
		snprintf(out, n, "%s", fallback);
}

/* The id of a person or group named 'name', creating the entry when the venue lacks it. */
static const char *entity_id(importer *I, json_t *by_name, json_t *list, const char *name, const char *fallback) {
	json_t *id = json_object_get(by_name, name);
	if (id)
		return json_string_value(id);
	char base[96], cand[112];
	slug(name, fallback, base, sizeof base);
	snprintf(cand, sizeof cand, "%s", base);
	for (int k = 2; json_object_get(I->ids_taken, cand); k++)
		snprintf(cand, sizeof cand, "%s-%d", base, k);
	json_t *e = json_pack("{s:s, s:s}", "id", cand, "name", name);
	if (!e || json_array_append_new(list, e) != 0 || json_object_set_new(by_name, name, json_string(cand)) != 0 ||
	    json_object_set_new(I->ids_taken, cand, json_true()) != 0) {
		I->oom = true;
		return NULL;
	}
	return json_string_value(json_object_get(by_name, name));
}

/* Calls f on each ';'-separated, non-empty item of cell (its text as cell_text gives it). */
static void each_item(importer *I, char *cell, json_t *out, void (*f)(importer *, const char *, json_t *)) {
	char *save = NULL;
	for (char *tok = strtok_r(cell, ";", &save); tok; tok = strtok_r(NULL, ";", &save)) {
		char *t = cell_text(tok);
		if (*t)
			f(I, t, out);
	}
}

static void add_theme(importer *I, const char *item, json_t *out) {
	json_t *themes = json_object_get(I->venue, "themes");
	size_t i;
	json_t *th;
	json_array_foreach(themes, i, th) {
		const char *id = json_string_value(json_object_get(th, "id"));
		const char *name = json_string_value(json_object_get(th, "name"));
		if ((id && strcasecmp(id, item) == 0) || (name && strcasecmp(name, item) == 0)) {
			if (json_array_append_new(out, json_string(id)) != 0)
				I->oom = true;
			return;
		}
	}
	char known[400] = "";
	size_t used = 0;
	json_array_foreach(themes, i, th) {
		const char *id = json_string_value(json_object_get(th, "id"));
		if (id && used + strlen(id) + 8 < sizeof known)
			used += (size_t)snprintf(known + used, sizeof known - used, "%s%s", used ? ", " : "", id);
	}
	cell_err(I, "'%s' is not a theme of the venue; use a theme id or name (themes: %s)", item,
		 used ? known : "none: add \"themes\" to the venue file");
}

static void add_tag(importer *I, const char *item, json_t *out) {
	if (json_array_append_new(out, json_string(item)) != 0)
		I->oom = true;
}

static void add_group(importer *I, const char *item, json_t *out) {
	const char *id = entity_id(I, I->group_by_name, I->groups, item, "group");
	if (id && json_array_append_new(out, json_string(id)) != 0)
		I->oom = true;
}

static bool venue_has_feature(const json_t *venue, const char *name) {
	size_t i, j;
	json_t *room, *f;
	json_array_foreach(json_object_get(venue, "rooms"), i, room) {
		json_array_foreach(json_object_get(room, "features"), j, f) {
			if (json_is_string(f) && strcmp(json_string_value(f), name) == 0)
				return true;
		}
	}
	return false;
}

static void add_feature(importer *I, const char *item, json_t *out) {
	if (!venue_has_feature(I->venue, item)) {
		cell_err(I, "no room of the venue has the feature '%s'; name a feature of its rooms or add it to a room",
			 item);
		return;
	}
	if (json_array_append_new(out, json_string(item)) != 0)
		I->oom = true;
}

static void add_day(importer *I, const char *item, json_t *out) {
	size_t i;
	json_t *day;
	json_array_foreach(json_object_get(I->venue, "days"), i, day) {
		const char *date = json_string_value(json_object_get(day, "date"));
		const char *label = json_string_value(json_object_get(day, "label"));
		if ((date && strcmp(date, item) == 0) || (label && strcasecmp(label, item) == 0)) {
			if (json_array_append_new(out, json_string(date)) != 0)
				I->oom = true;
			return;
		}
	}
	cell_err(I, "'%s' is not a day of the venue; write its date (YYYY-MM-DD) or label", item);
}

/* A whole number in [lo, hi]; false after reporting. */
static bool cell_int(importer *I, const char *cell, long lo, long hi, const char *what, long *out) {
	char *end;
	errno = 0;
	double x = strtod(cell, &end);
	if (errno || end == cell || *trim(end) || !isfinite(x) || x != floor(x) || x < lo || x > hi) {
		cell_err(I, "'%s' is not %s", cell, what);
		return false;
	}
	*out = (long)x;
	return true;
}

static bool cell_bool(importer *I, const char *cell, bool *out) {
	static const char *const yes[] = {"true", "yes", "y", "1", "x"}, *const no[] = {"false", "no", "n", "0"};
	for (size_t i = 0; i < sizeof yes / sizeof yes[0]; i++)
		if (strcasecmp(cell, yes[i]) == 0)
			return *out = true;
	for (size_t i = 0; i < sizeof no / sizeof no[0]; i++)
		if (strcasecmp(cell, no[i]) == 0)
			return !(*out = false);
	cell_err(I, "'%s' is not yes or no; write true/false, yes/no or 1/0 (empty = no)", cell);
	return false;
}

static void set(importer *I, json_t *o, const char *key, json_t *v) {
	if (!v || json_object_set_new(o, key, v) != 0)
		I->oom = true;
}

/* A ';'-separated column, whose items are read one by one: the guard belongs to an item. */
static bool list_column(int c) {
	return c == C_THEMES || c == C_TAGS || c == C_ORGANISERS || c == C_SPEAKERS || c == C_GROUPS ||
	       c == C_REQUIRES || c == C_DAYS;
}

/* One data row as a session object, or NULL when a cell was bad (all of them reported). */
static json_t *read_row(importer *I, record *rec, const int *col_of_field) {
	json_t *S = json_object();
	json_t *people = json_array();
	if (!S || !people) {
		json_decref(S);
		json_decref(people);
		I->oom = true;
		return NULL;
	}
	int before = I->errors;
	char *cell[C__COUNT] = {0};
	int where[C__COUNT];
	for (int f = 0; f < rec->n; f++)
		if (col_of_field[f] >= 0) {
			cell[col_of_field[f]] = list_column(col_of_field[f]) ? rec->field[f] : cell_text(rec->field[f]);
			where[col_of_field[f]] = f + 1;
		}
	I->line = rec->line;
#define AT(c) (I->col = where[c], I->colname = column_name(c))
	const char *id = cell[C_ID] ? cell[C_ID] : "";
	AT(C_ID);
	if (!*id) {
		cell_err(I, "empty; every session needs an id");
	} else {
		json_t *first = json_object_get(I->session_line, id);
		if (first && json_integer_value(first) > 0)
			cell_err(I, "session '%s' is already on line %d; give each session its own id", id,
				 (int)json_integer_value(first));
		else if (first)
			cell_err(I, "session '%s' is already in the venue file; give each session its own id", id);
		else if (json_object_set_new(I->session_line, id, json_integer(rec->line)) != 0)
			I->oom = true;
		set(I, S, "id", json_string(id));
	}
	if (cell[C_TITLE] && *cell[C_TITLE])
		set(I, S, "title", json_string(cell[C_TITLE]));
	if (cell[C_TYPE] && *cell[C_TYPE])
		set(I, S, "type", json_string(cell[C_TYPE]));
	long v;
	AT(C_DURATION);
	if (!cell[C_DURATION] || !*cell[C_DURATION])
		cell_err(I, "empty; give the session's length in minutes (e.g. 60 or 90)");
	else if (cell_int(I, cell[C_DURATION], 1, 1440, "a number of minutes from 1 to 1440 (e.g. 60 or 90)", &v))
		set(I, S, "duration", json_integer(v));
	struct {
		column c;
		const char *key;
		void (*f)(importer *, const char *, json_t *);
	} lists[] = {{C_THEMES, "themes", add_theme},
		     {C_TAGS, "tags", add_tag},
		     {C_GROUPS, "groups", add_group},
		     {C_REQUIRES, "requires", add_feature},
		     {C_DAYS, "days", add_day}};
	for (size_t k = 0; k < sizeof lists / sizeof lists[0]; k++) {
		if (!cell[lists[k].c] || !*cell[lists[k].c])
			continue;
		AT(lists[k].c);
		json_t *a = json_array();
		if (!a) {
			I->oom = true;
			continue;
		}
		each_item(I, cell[lists[k].c], a, lists[k].f);
		if (json_array_size(a) > 0)
			set(I, S, lists[k].key, a);
		else
			json_decref(a);
	}
	/* Organisers first, so a person who is both keeps the organiser role. */
	static const column who[2] = {C_ORGANISERS, C_SPEAKERS};
	for (int k = 0; k < 2; k++) {
		if (!cell[who[k]] || !*cell[who[k]])
			continue;
		char *save = NULL;
		for (char *tok = strtok_r(cell[who[k]], ";", &save); tok; tok = strtok_r(NULL, ";", &save)) {
			const char *name = cell_text(tok);
			if (!*name)
				continue;
			const char *pid = entity_id(I, I->person_by_name, I->people, name, "person");
			if (!pid)
				continue;
			bool listed = false;
			size_t i;
			json_t *x;
			json_array_foreach(people, i, x) listed = listed || strcmp(json_string_value(json_object_get(x, "id")), pid) == 0;
			if (!listed && json_array_append_new(people, json_pack("{s:s, s:s}", "id", pid, "role",
									      k == 0 ? "organiser" : "speaker")) != 0)
				I->oom = true;
		}
	}
	if (json_array_size(people) > 0)
		set(I, S, "people", json_incref(people));
	if (cell[C_ATTENDANCE] && *cell[C_ATTENDANCE]) {
		AT(C_ATTENDANCE);
		if (cell_int(I, cell[C_ATTENDANCE], 0, 10000000, "a number of people (0 or more)", &v))
			set(I, S, "attendance", json_integer(v));
	}
	if (cell[C_PRIORITY] && *cell[C_PRIORITY]) {
		AT(C_PRIORITY);
		char *end;
		errno = 0;
		double x = strtod(cell[C_PRIORITY], &end);
		if (errno || end == cell[C_PRIORITY] || *trim(end) || !isfinite(x) || x <= 0)
			cell_err(I, "'%s' is not a priority; write a number above 0 (1 = normal, 2 = twice as valuable)",
				 cell[C_PRIORITY]);
		else
			set(I, S, "priority", json_real(x));
	}
	bool opt;
	if (cell[C_OPTIONAL] && *cell[C_OPTIONAL]) {
		AT(C_OPTIONAL);
		if (cell_bool(I, cell[C_OPTIONAL], &opt) && opt)
			set(I, S, "optional", json_true());
	}
	static const struct {
		column c;
		const char *key;
	} texts[] = {{C_STAKEHOLDER, "stakeholder"}, {C_REGION, "region"}, {C_DESCRIPTION, "description"}};
	for (size_t k = 0; k < sizeof texts / sizeof texts[0]; k++)
		if (cell[texts[k].c] && *cell[texts[k].c])
			set(I, S, texts[k].key, json_string(cell[texts[k].c]));
#undef AT
	json_decref(people);
	if (I->errors > before) {
		json_decref(S);
		return NULL;
	}
	return S;
}

/* The venue file, which must hold a problem object; returns 0 or the reader's status. */
static int load_venue(importer *I, const char *path) {
	int rc = igs_json_read(&I->venue, path, I->d);
	if (rc == IGS_OK && !json_is_object(I->venue)) {
		igs_diag_add(I->d, path, "", "the venue file must be a problem object (meeting, days, rooms, themes …)");
		json_decref(I->venue);
		I->venue = NULL;
		rc = IGS_EINPUT;
	}
	if (rc != IGS_OK)
		I->errors++;
	return rc;
}

/* Seeds a name -> id map and the list of ids in use from the venue's people or groups. */
static json_t *seed_list(importer *I, const char *key, json_t *by_name) {
	json_t *list = json_deep_copy(json_object_get(I->venue, key));
	if (!list)
		list = json_array();
	if (!list) {
		I->oom = true;
		return NULL;
	}
	size_t i;
	json_t *e;
	json_array_foreach(list, i, e) {
		const char *id = json_string_value(json_object_get(e, "id"));
		const char *name = json_string_value(json_object_get(e, "name"));
		if (!id)
			continue;
		json_object_set_new(I->ids_taken, id, json_true());
		json_object_set_new(by_name, id, json_string(id));
		if (name)
			json_object_set_new(by_name, name, json_string(id));
	}
	return list;
}

/* The output document: the venue's keys in the order of the bundled examples, then any
 * others (notes), with people, groups and sessions replaced. */
static json_t *assemble(importer *I, json_t *sessions) {
	static const char *const order[] = {"format", "meeting", "days", "rooms", "themes", "theme_similarity",
					    "people", "groups", "type_rules", "weights", "sessions"};
	json_t *doc = json_object();
	if (!doc)
		return NULL;
	for (size_t k = 0; k < sizeof order / sizeof order[0]; k++) {
		json_t *v = strcmp(order[k], "people") == 0   ? I->people
			    : strcmp(order[k], "groups") == 0 ? I->groups
			    : strcmp(order[k], "sessions") == 0 ? sessions
								: json_object_get(I->venue, order[k]);
		if (v && (json_array_size(v) > 0 || !json_is_array(v) || strcmp(order[k], "sessions") == 0) &&
		    json_object_set(doc, order[k], v) != 0) {
			json_decref(doc);
			return NULL;
		}
	}
	const char *key;
	json_t *v;
	json_object_foreach(I->venue, key, v) if (!json_object_get(doc, key) && json_object_set(doc, key, v) != 0) {
		json_decref(doc);
		return NULL;
	}
	return doc;
}

/* Offset of the first byte that does not start or continue a well-formed UTF-8 sequence
 * (overlong forms, surrogates and code points above U+10FFFF included), or len. Every text
 * the importer writes goes through Jansson, which accepts UTF-8 only. */
static size_t utf8_invalid_at(const char *text, size_t len) {
	const unsigned char *t = (const unsigned char *)text;
	for (size_t i = 0; i < len;) {
		unsigned c = t[i];
		int n = c < 0x80 ? 0 : (c & 0xE0) == 0xC0 ? 1 : (c & 0xF0) == 0xE0 ? 2 : (c & 0xF8) == 0xF0 ? 3 : -1;
		if (n < 0 || i + (size_t)n >= len + (n == 0))
			return i;
		unsigned cp = n == 0 ? c : c & (0x3F >> n);
		for (int k = 1; k <= n; k++) {
			if ((t[i + (size_t)k] & 0xC0) != 0x80)
				return i;
			cp = cp << 6 | (t[i + (size_t)k] & 0x3F);
		}
		static const unsigned min[] = {0, 0x80, 0x800, 0x10000};
		if (cp < min[n] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
			return i;
		i += (size_t)n + 1;
	}
	return len;
}

int igs_import_csv(const char *csv_path, const char *venue_path, const char *out_path, int *n_sessions, igs_diag *d) {
	return igs_import_csv_delimited(csv_path, venue_path, out_path, ',', n_sessions, d);
}

/* A header cell holding another common separator means the file is separated by it (a
 * spreadsheet's export in a locale that writes ';', or a tab-separated copy): say so rather
 * than call the whole row one unknown column. Returns the separator found, or 0. */
static char other_separator(const record *header, char sep) {
	static const char candidates[] = {';', '\t', ','};
	for (int i = 0; i < header->n; i++)
		for (size_t k = 0; k < sizeof candidates; k++)
			if (candidates[k] != sep && strchr(header->field[i], candidates[k]))
				return candidates[k];
	return 0;
}

int igs_import_csv_delimited(const char *csv_path, const char *venue_path, const char *out_path, char delimiter,
			     int *n_sessions, igs_diag *d) {
	int rc = IGS_OK, open_line = 0;
	importer I = {.csv_path = csv_path, .d = d};
	char *text = NULL, *buf = NULL;
	size_t buf_cap = 0;
	record rec = {0};
	int *col_of_field = NULL, *row_line = NULL, n_rows = 0;
	json_t *sessions = NULL, *doc = NULL;
	igs_atomic a = {0};
	igs_problem *result = NULL;
	igs_diag *check = NULL;
	if (n_sessions)
		*n_sessions = 0;

	FILE *f = fopen(csv_path, "rb");
	if (!f) {
		igs_diag_add(d, csv_path, "", "cannot open the spreadsheet: %s", strerror(errno));
		return IGS_EINPUT;
	}
	size_t len = 0, cap = 0;
	for (;;) {
		if (len + 4096 > cap) {
			cap = cap ? 2 * cap : 65536;
			char *t = realloc(text, cap + 1);
			if (!t) {
				fclose(f);
				rc = IGS_ENOMEM;
				goto cleanup;
			}
			text = t;
		}
		size_t got = fread(text + len, 1, cap - len, f);
		len += got;
		if (got == 0)
			break;
	}
	bool read_error = ferror(f);
	fclose(f);
	if (read_error) {
		igs_diag_add(d, csv_path, "", "cannot read the spreadsheet: %s", strerror(errno));
		rc = IGS_EINPUT;
		goto cleanup;
	}
	text[len] = 0;
	if (memchr(text, 0, len)) {
		igs_diag_add(d, csv_path, "", "holds NUL bytes: this is not a CSV text file (export the sheet as CSV UTF-8)");
		rc = IGS_EINPUT;
		goto cleanup;
	}
	size_t bad = utf8_invalid_at(text, len);
	if (bad < len) {
		int line = 1;
		size_t line_start = 0;
		for (size_t i = 0; i < bad; i++)
			if (text[i] == '\n') {
				line++;
				line_start = i + 1;
			}
		char where[64];
		snprintf(where, sizeof where, "line %d, byte %zu", line, bad - line_start + 1);
		igs_diag_add(d, csv_path, where,
			     "byte 0x%02X is not UTF-8 (a Latin-1 or Windows export?); save the sheet as CSV UTF-8",
			     (unsigned char)text[bad]);
		rc = IGS_EINPUT;
		goto cleanup;
	}

	if ((rc = load_venue(&I, venue_path)) != IGS_OK) {
		rc = rc == IGS_ENOMEM ? IGS_ENOMEM : IGS_EINPUT;
		goto cleanup;
	}
	I.person_by_name = json_object();
	I.group_by_name = json_object();
	I.ids_taken = json_object();
	I.session_line = json_object();
	sessions = json_deep_copy(json_object_get(I.venue, "sessions"));
	if (!sessions)
		sessions = json_array();
	if (!I.person_by_name || !I.group_by_name || !I.ids_taken || !I.session_line || !sessions) {
		rc = IGS_ENOMEM;
		goto cleanup;
	}
	/* New people and groups get ids unused by either, so no id can mean two things. */
	I.people = seed_list(&I, "people", I.person_by_name);
	I.groups = seed_list(&I, "groups", I.group_by_name);
	if (!I.people || !I.groups) {
		rc = IGS_ENOMEM;
		goto cleanup;
	}
	size_t k0;
	json_t *vs;
	json_array_foreach(sessions, k0, vs) {
		const char *id = json_string_value(json_object_get(vs, "id"));
		if (id)
			json_object_set_new(I.session_line, id, json_integer(0)); /* 0: from the venue file */
	}

	/* A UTF-8 byte-order mark, as spreadsheet programs write it, is not part of the header. */
	csv_reader R = {text, len, 0, 1, delimiter};
	if (len >= 3 && (unsigned char)text[0] == 0xEF && (unsigned char)text[1] == 0xBB &&
	    (unsigned char)text[2] == 0xBF)
		R.pos = 3;
	int got = next_record(&R, &rec, &buf, &buf_cap, &open_line);
	if (got == IGS_ENOMEM) {
		rc = IGS_ENOMEM;
		goto cleanup;
	}
	if (got <= 0) {
		igs_diag_add(d, csv_path, got == 0 ? "" : "line 1",
			     got == 0 ? "empty; the first row must name the columns (id, title, duration, themes, …)"
				      : "a quote opened in the header row is never closed");
		rc = IGS_EINPUT;
		goto cleanup;
	}
	char other = other_separator(&rec, delimiter);
	if (other) {
		char where[32];
		snprintf(where, sizeof where, "line %d", rec.line);
		if (other == ',')
			igs_diag_add(d, csv_path, where,
				     "the header holds ',': this looks like a comma-separated file; leave out --delimiter");
		else
			igs_diag_add(d, csv_path, where,
				     "the header holds %s: this looks like a %s-separated file; use commas or --delimiter %s",
				     other == ';' ? "';'" : "tabs", other == ';' ? "';'" : "tab", other == ';' ? "';'" : "tab");
		rc = IGS_EINPUT;
		goto cleanup;
	}
	int n_cols = rec.n;
	if (!(col_of_field = malloc((size_t)n_cols * sizeof *col_of_field))) {
		rc = IGS_ENOMEM;
		goto cleanup;
	}
	int seen[C__COUNT];
	for (int c = 0; c < C__COUNT; c++)
		seen[c] = 0;
	for (int fi = 0; fi < n_cols; fi++) {
		char *h = trim(rec.field[fi]);
		int c = column_of(h);
		col_of_field[fi] = c;
		char where[64];
		snprintf(where, sizeof where, "line %d, column %d", rec.line, fi + 1);
		if (c < 0) {
			igs_diag_add(d, csv_path, where,
				     "unknown column '%s'; the columns are id, title, type, duration, themes, tags, "
				     "organisers, speakers, groups, attendance, requirements, priority, optional, "
				     "stakeholder, region, description, days",
				     h);
			I.errors++;
		} else if (seen[c]) {
			igs_diag_add(d, csv_path, where, "column '%s' again (also column %d); keep one", h, seen[c]);
			I.errors++;
		} else {
			seen[c] = fi + 1;
		}
	}
	static const column required[] = {C_ID, C_TITLE, C_DURATION};
	for (size_t k = 0; k < sizeof required / sizeof required[0]; k++)
		if (!seen[required[k]]) {
			char where[32];
			snprintf(where, sizeof where, "line %d", rec.line);
			igs_diag_add(d, csv_path, where, "no '%s' column; the header row must name id, title and duration",
				     column_name(required[k]));
			I.errors++;
		}
	if (I.errors) {
		rc = IGS_EINPUT;
		goto cleanup;
	}

	/* Data rows: every bad cell of every row is reported before giving up. */
	int first_new = (int)json_array_size(sessions);
	for (;;) {
		got = next_record(&R, &rec, &buf, &buf_cap, &open_line);
		if (got == 0)
			break;
		if (got == IGS_ENOMEM) {
			rc = IGS_ENOMEM;
			break;
		}
		if (got == IGS_EINPUT) {
			char where[32];
			snprintf(where, sizeof where, "line %d", open_line);
			igs_diag_add(d, csv_path, where,
				     "a quoted cell starting on this line is never closed; add the closing '\"'");
			I.errors++;
			break;
		}
		if (blank_record(&rec))
			continue;
		if (rec.n != n_cols) {
			char where[32];
			snprintf(where, sizeof where, "line %d", rec.line);
			igs_diag_add(d, csv_path, where,
				     "%d cells where the header has %d; quote a cell that holds a comma (\"a, b\")", rec.n,
				     n_cols);
			I.errors++;
			continue;
		}
		json_t *S = read_row(&I, &rec, col_of_field);
		if (I.oom) {
			json_decref(S);
			rc = IGS_ENOMEM;
			break;
		}
		if (S) {
			int *rl = realloc(row_line, (size_t)(n_rows + 1) * sizeof *rl);
			if (!rl) {
				json_decref(S);
				rc = IGS_ENOMEM;
				break;
			}
			row_line = rl;
			if (json_array_append_new(sessions, S) != 0) {
				rc = IGS_ENOMEM;
				break;
			}
			row_line[n_rows++] = rec.line;
		}
	}
	if (rc == IGS_OK && I.errors)
		rc = IGS_EINPUT;
	if (rc == IGS_OK && n_rows == 0) {
		igs_diag_add(d, csv_path, "", "no session rows under the header");
		rc = IGS_EINPUT;
	}
	if (rc != IGS_OK)
		goto cleanup;

	if (!(doc = assemble(&I, sessions))) {
		rc = IGS_ENOMEM;
		goto cleanup;
	}
	/* The promise is a problem that loads; the model's messages about a session point at its row. */
	if (!(check = igs_diag_new())) {
		rc = IGS_ENOMEM;
		goto cleanup;
	}
	rc = igs_problem_stage(&result, &a, doc, out_path, "the problem", false, check, d);
	if (rc == IGS_EINPUT || rc == IGS_ENOMEM) {
		for (int i = 0; i < igs_diag_count(check); i++) {
			const igs_msg *m = igs_diag_get(check, i);
			int k = -1;
			if (sscanf(m->where, "sessions[%d]", &k) == 1 && k >= first_new && k - first_new < n_rows) {
				char where[160];
				snprintf(where, sizeof where, "line %d (%s)", row_line[k - first_new], m->where);
				igs_diag_add(d, csv_path, where, "%s", m->message);
			} else {
				igs_diag_add(d, venue_path, m->where, "%s", m->message);
			}
		}
	}
	if (rc != IGS_OK)
		goto cleanup;
	if (n_sessions && result)
		*n_sessions = result->n_sessions;
	rc = igs_atomic_commit(&a, d);
cleanup:
	if (rc == IGS_ENOMEM)
		igs_diag_add(d, csv_path, "", "out of memory while importing");
	igs_atomic_abort(&a);
	igs_problem_free(result);
	igs_diag_free(check);
	json_decref(doc);
	json_decref(sessions);
	json_decref(I.venue);
	json_decref(I.people);
	json_decref(I.groups);
	json_decref(I.person_by_name);
	json_decref(I.group_by_name);
	json_decref(I.ids_taken);
	json_decref(I.session_line);
	record_clear(&rec);
	free(rec.field);
	free(col_of_field);
	free(row_line);
	free(buf);
	free(text);
	return rc;
}
