/* Tests of the iCalendar output: a strict reader checks RFC 5545 line rules, nesting, the
 * required properties, escaping and folding, quoted parameters and the absence of control
 * characters, and that UIDs survive a re-solve. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "io/ics.h"
#include "testutil.h"

/* A long UTF-8 title (folding must not split its sequences) and one with every character
 * TEXT escapes. */
static const char *const sessions =
	"{\"id\": \"w1\", \"duration\": 90, \"themes\": [\"a\"], \"title\": \"Comma, semi; back\\\\slash\\nnew line\","
	" \"description\": \"Line one\\nline two\"},"
	"{\"id\": \"w2\", \"duration\": 60, \"themes\": [\"a\", \"b\"],"
	" \"title\": \"Gouvernance numérique — données, éthique et société: à l'ère de l'IA générative, ça change tout\"},"
	"{\"id\": \"w3\", \"duration\": 90, \"optional\": true, \"priority\": 0.1, \"days\": [\"2025-06-23\"],"
	" \"times\": [{\"from\": \"09:00\", \"to\": \"10:30\"}], \"pin\": {\"room\": \"rb\"}},"
	"{\"id\": \"w4\", \"duration\": 90, \"days\": [\"2025-06-23\"], \"times\": [{\"from\": \"09:00\", \"to\": \"10:30\"}], \"pin\": {\"room\": \"rb\"}}";

static char *ics_of(const igs_problem *p, long seed, igs_schedule **out) {
	igs_options o;
	igs_options_init(&o);
	o.verbose = 0;
	o.seed = seed;
	o.moves = 20000;
	o.solver = IGS_SOLVER_HEURISTIC;
	igs_diag *d = igs_diag_new();
	igs_schedule *s = NULL;
	igs_solve(&s, p, &o, d);
	ck_assert_ptr_nonnull(s);
	char *path = tu_write_temp("", ".ics");
	ck_assert_int_eq(igs_schedule_write(s, NULL, IGS_FMT_ICS, path, d), IGS_OK);
	FILE *f = fopen(path, "rb");
	ck_assert_ptr_nonnull(f);
	char *text = calloc(1 << 20, 1);
	size_t n = fread(text, 1, (1 << 20) - 1, f);
	text[n] = 0;
	fclose(f);
	unlink(path);
	free(path);
	igs_diag_free(d);
	*out = s;
	return text;
}

/* Unfolds into one logical line per entry; checks CRLF endings and the 75-octet limit. */
static int unfold(const char *text, char **lines, int max) {
	int n = 0;
	const char *p = text;
	while (*p) {
		const char *e = strstr(p, "\r\n");
		ck_assert_msg(e != NULL, "a line does not end in CRLF");
		ck_assert_msg(e - p <= 75, "a line of %d octets", (int)(e - p));
		ck_assert_msg(memchr(p, '\n', (size_t)(e - p)) == NULL, "a bare LF inside a line");
		/* A folded line never starts inside a UTF-8 sequence. */
		ck_assert_msg(((unsigned char)p[p[0] == ' ' ? 1 : 0] & 0xC0) != 0x80, "a fold splits a UTF-8 sequence");
		if (*p == ' ') {
			ck_assert(n > 0);
			size_t old = strlen(lines[n - 1]);
			lines[n - 1] = realloc(lines[n - 1], old + (size_t)(e - p));
			memcpy(lines[n - 1] + old, p + 1, (size_t)(e - p - 1));
			lines[n - 1][old + (size_t)(e - p - 1)] = 0;
		} else {
			ck_assert(n < max);
			lines[n] = strndup(p, (size_t)(e - p));
			n++;
		}
		p = e + 2;
	}
	return n;
}

/* The value of a TEXT property, unescaped. */
static void unescape(const char *v, char *out) {
	for (; *v; v++) {
		if (*v == '\\' && v[1]) {
			v++;
			*out++ = *v == 'n' || *v == 'N' ? '\n' : *v;
		} else {
			*out++ = *v;
		}
	}
	*out = 0;
}

/* The ':' that ends a content line's name and parameters: the first outside a quoted
 * parameter value. */
static const char *value_colon(const char *line) {
	bool quoted = false;
	for (const char *c = line; *c; c++) {
		if (*c == '"')
			quoted = !quoted;
		else if (*c == ':' && !quoted)
			return c;
	}
	return NULL;
}

static const char *value_of(const char *line, const char *name) {
	size_t k = strlen(name);
	if (strncmp(line, name, k) != 0 || (line[k] != ':' && line[k] != ';'))
		return NULL;
	const char *c = value_colon(line);
	return c ? c + 1 : NULL;
}

/* RFC 5545 3.1: name *(";" param-name "=" param-value) ":" value, where a param-value is
 * paramtext (no DQUOTE, ';', ':', ',') or a DQUOTEd string (no DQUOTE); no control character
 * but a tab anywhere in the line. */
static void check_content_line(const char *line) {
	for (const unsigned char *c = (const unsigned char *)line; *c; c++)
		ck_assert_msg((*c >= 0x20 && *c != 0x7F) || *c == '\t', "control character 0x%02X in '%s'", *c, line);
	const char *c = line;
	while (*c && *c != ';' && *c != ':')
		c++;
	ck_assert_msg(c > line, "no property name in '%s'", line);
	while (*c == ';') {
		const char *eq = strchr(c, '=');
		ck_assert_msg(eq != NULL, "a parameter without '=' in '%s'", line);
		c = eq + 1;
		if (*c == '"') {
			const char *close = strchr(c + 1, '"');
			ck_assert_msg(close != NULL, "an unclosed quoted parameter in '%s'", line);
			c = close + 1;
		} else {
			while (*c && !strchr("\";:,", *c))
				c++;
		}
		ck_assert_msg(*c == ';' || *c == ':', "parameter value not paramtext or quoted in '%s'", line);
	}
	ck_assert_msg(*c == ':', "no ':' before the value in '%s'", line);
}

typedef struct {
	char uid[256], summary[512], start[32], end[32];
} event;

static int events_of(char **lines, int n, event *ev, int max) {
	int depth = 0, ne = 0;
	bool in_event = false;
	const char *stack[8];
	for (int i = 0; i < n; i++) {
		const char *v;
		if ((v = value_of(lines[i], "BEGIN"))) {
			ck_assert(depth < 8);
			stack[depth++] = v;
			if (strcmp(v, "VEVENT") == 0) {
				ck_assert(ne < max);
				memset(&ev[ne], 0, sizeof ev[ne]);
				in_event = true;
			}
		} else if ((v = value_of(lines[i], "END"))) {
			ck_assert_msg(depth > 0 && strcmp(stack[depth - 1], v) == 0, "END:%s does not close its BEGIN", v);
			depth--;
			if (strcmp(v, "VEVENT") == 0) {
				ck_assert_msg(ev[ne].uid[0] && ev[ne].start[0] && ev[ne].end[0] && ev[ne].summary[0],
					      "a VEVENT lacks UID, DTSTART, DTEND or SUMMARY");
				ck_assert_msg(strcmp(ev[ne].start, ev[ne].end) < 0, "DTSTART is not before DTEND");
				ne++;
				in_event = false;
			}
		} else if (in_event) {
			if ((v = value_of(lines[i], "UID")))
				snprintf(ev[ne].uid, sizeof ev[ne].uid, "%s", v);
			else if ((v = value_of(lines[i], "SUMMARY")))
				unescape(v, ev[ne].summary);
			else if ((v = value_of(lines[i], "DTSTART")))
				snprintf(ev[ne].start, sizeof ev[ne].start, "%s", v);
			else if ((v = value_of(lines[i], "DTEND")))
				snprintf(ev[ne].end, sizeof ev[ne].end, "%s", v);
		}
	}
	ck_assert_int_eq(depth, 0);
	return ne;
}

START_TEST(test_ics_valid) {
	char *text = tu_problem(sessions, "");
	igs_problem *p = NULL;
	igs_diag *d = igs_diag_new();
	ck_assert_int_eq(tu_load_text(&p, d, text), IGS_OK);
	igs_schedule *s = NULL;
	char *ics = ics_of(p, 1, &s);
	char *lines[512];
	int n = unfold(ics, lines, 512);
	ck_assert_str_eq(lines[0], "BEGIN:VCALENDAR");
	ck_assert_str_eq(lines[n - 1], "END:VCALENDAR");
	event ev[16];
	int ne = events_of(lines, n, ev, 16);
	/* one event per scheduled session: w3 and w4 want the same pinned room and time */
	int scheduled = 0;
	for (int i = 0; i < p->n_sessions; i++)
		scheduled += s->time[i] >= 0;
	ck_assert_int_eq(ne, scheduled);
	ck_assert_int_eq(ne, 3);
	for (int i = 0; i < ne; i++)
		for (int j = i + 1; j < ne; j++)
			ck_assert_str_ne(ev[i].uid, ev[j].uid);
	bool escaped = false, long_title = false;
	for (int i = 0; i < ne; i++) {
		if (strcmp(ev[i].uid, "w1@test.igfsched") == 0) {
			ck_assert_str_eq(ev[i].summary, "Comma, semi; back\\slash\nnew line");
			escaped = true;
		}
		if (strncmp(ev[i].summary, "Gouvernance numérique", 22) == 0) {
			ck_assert_str_eq(ev[i].summary, p->sessions[1].title);
			long_title = true;
		}
		ck_assert_msg(strncmp(ev[i].start, "2025062", 7) == 0, "DTSTART %s", ev[i].start);
	}
	ck_assert(escaped && long_title);
	ck_assert_ptr_nonnull(strstr(ics, "TZID:Europe/Vienna\r\n"));
	ck_assert_ptr_nonnull(strstr(ics, "TZOFFSETTO:+0100\r\n"));
	for (int i = 0; i < n; i++)
		free(lines[i]);
	free(ics);
	igs_schedule_free(s);
	igs_problem_free(p);
	igs_diag_free(d);
	free(text);
}
END_TEST

/* A fixed-offset zone holds ':', so TZID is quoted; control characters in texts are left
 * out of every property. */
START_TEST(test_ics_tzid_quoted_controls_stripped) {
	static const char *const odd =
		"{\"id\": \"c1\", \"duration\": 90, \"themes\": [\"a\"], \"title\": \"Bell\\u0007 esc\\u001b[31m\\tdel\\u007f\","
		" \"description\": \"nul-free\\u0001text\\r\\nnext\"}";
	char *text0 = tu_problem(odd, "");
	char *text1 = tu_replace(text0, "\"Europe/Vienna\", \"utc_offset\": \"+01:00\"",
				 "\"UTC+05:30\", \"utc_offset\": \"+05:30\"");
	char *text = tu_replace(text1, "\"id\": \"a\", \"name\": \"Theme A\"", "\"id\": \"a\", \"name\": \"Theme\\u0002A\"");
	igs_problem *p = tu_load_ok(text);
	igs_schedule *s = NULL;
	char *ics = ics_of(p, 1, &s);
	char *lines[128];
	int n = unfold(ics, lines, 128);
	int dt = 0;
	for (int i = 0; i < n; i++) {
		check_content_line(lines[i]);
		if (strncmp(lines[i], "DTSTART;", 8) == 0 || strncmp(lines[i], "DTEND;", 6) == 0) {
			ck_assert_msg(strstr(lines[i], ";TZID=\"UTC+05:30\":2025062") != NULL, "%s", lines[i]);
			dt++;
		}
	}
	ck_assert_int_eq(dt, 2);
	ck_assert_ptr_nonnull(strstr(ics, "\r\nTZID:UTC+05:30\r\n"));
	ck_assert_ptr_nonnull(strstr(ics, "\r\nTZOFFSETTO:+0530\r\n"));
	ck_assert_ptr_nonnull(strstr(ics, "\r\nSUMMARY:Bell  esc [31m\tdel \r\n"));
	ck_assert_ptr_nonnull(strstr(ics, "CATEGORIES:Theme A\r\n"));
	event ev[4];
	ck_assert_int_eq(events_of(lines, n, ev, 4), 1);
	for (int i = 0; i < n; i++)
		free(lines[i]);
	free(ics);
	igs_schedule_free(s);
	igs_problem_free(p);
	free(text);
	free(text1);
	free(text0);
}
END_TEST

/* Another seed moves sessions; each keeps its UID, so calendars update instead of duplicating. */
START_TEST(test_ics_uid_stable) {
	char *text = tu_problem(sessions, "");
	igs_problem *p = NULL;
	igs_diag *d = igs_diag_new();
	ck_assert_int_eq(tu_load_text(&p, d, text), IGS_OK);
	igs_schedule *s1 = NULL, *s2 = NULL;
	char *a = ics_of(p, 1, &s1), *b = ics_of(p, 99, &s2);
	for (int i = 0; i < p->n_sessions; i++) {
		if (s1->time[i] < 0 || s2->time[i] < 0)
			continue;
		char uid[128];
		snprintf(uid, sizeof uid, "UID:%s@test.igfsched\r\n", p->sessions[i].id);
		ck_assert_ptr_nonnull(strstr(a, uid));
		ck_assert_ptr_nonnull(strstr(b, uid));
	}
	free(a);
	free(b);
	igs_schedule_free(s1);
	igs_schedule_free(s2);
	igs_problem_free(p);
	igs_diag_free(d);
	free(text);
}
END_TEST

int main(void) {
	Suite *s = suite_create("ics");
	TCase *tc = tcase_create("ics");
	tcase_add_test(tc, test_ics_valid);
	tcase_add_test(tc, test_ics_uid_stable);
	tcase_add_test(tc, test_ics_tzid_quoted_controls_stripped);
	suite_add_tcase(s, tc);
	return tu_run_suite(s);
}
