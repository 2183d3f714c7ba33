/* iCalendar (RFC 5545) output: one VEVENT per scheduled session, for calendar apps. */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "io/ics.h"

/* Content lines of at most 75 octets, folded with CRLF and a space (RFC 5545 3.1), never
 * inside a UTF-8 sequence. */
typedef struct {
	FILE *f;
	int col;
} line;

static void put_octets(line *L, const char *s, size_t n) {
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		/* Fold before a character that would not fit, at a UTF-8 lead or ASCII byte. */
		size_t len = c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
		if ((c & 0xC0) != 0x80 && L->col + (int)len > 75) {
			fputs("\r\n ", L->f);
			L->col = 1;
		}
		fputc(c, L->f);
		L->col++;
	}
}

static void put(line *L, const char *s) {
	put_octets(L, s, strlen(s));
}

/* TEXT values escape backslash, semicolon, comma and newline (RFC 5545 3.3.11). Other control
 * characters have no place in a TEXT value, escaped or not: a space stands for each, as in the
 * XML writer; a tab is white space and stays. */
static void put_text(line *L, const char *s) {
	for (; s && *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '\\' || c == ';' || c == ',') {
			char e[2] = {'\\', *s};
			put_octets(L, e, 2);
		} else if (c == '\n') {
			put_octets(L, "\\n", 2);
		} else if ((c < 0x20 && c != '\t' && c != '\r') || c == 0x7F) {
			put_octets(L, " ", 1);
		} else if (c != '\r') {
			put_octets(L, s, 1);
		}
	}
}

/* A parameter value (RFC 5545 3.1): a quoted-string when it holds ':', ';' or ','; a DQUOTE
 * or a control character cannot appear in either form and is left out. */
static void put_param(line *L, const char *s) {
	bool quote = strpbrk(s, ":;,") != NULL;
	if (quote)
		put(L, "\"");
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c != '"' && c >= 0x20 && c != 0x7F)
			put_octets(L, s, 1);
	}
	if (quote)
		put(L, "\"");
}

static void end_line(line *L) {
	fputs("\r\n", L->f);
	L->col = 0;
}

static void prop(line *L, const char *name, const char *value) {
	put(L, name);
	put(L, ":");
	put(L, value);
	end_line(L);
}

static void text_prop(line *L, const char *name, const char *value) {
	put(L, name);
	put(L, ":");
	put_text(L, value);
	end_line(L);
}

/* "2023-10-08" and minute 570 -> "20231008T093000". */
static void local_time(char *out, size_t n, const char *date, int minute) {
	char d[9] = {0};
	for (int i = 0, k = 0; date[i] && k < 8; i++)
		if (date[i] != '-')
			d[k++] = date[i];
	snprintf(out, n, "%sT%02d%02d00", d, minute / 60, minute % 60);
}

/* Ids as the local part of UIDs: letters, digits, '-', '_' and '.', others as '-'. */
static void slug(char *out, size_t n, const char *s) {
	size_t k = 0;
	for (; s && *s && k + 1 < n; s++)
		out[k++] = ((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') ||
			    *s == '-' || *s == '_' || *s == '.')
				   ? (*s >= 'A' && *s <= 'Z' ? (char)(*s - 'A' + 'a') : *s)
				   : '-';
	out[k] = 0;
}

void igs_write_ics(FILE *f, const igs_schedule *s) {
	const igs_problem *p = s->problem;
	line L = {f, 0};
	char tzid[128], buf[512], host[128];
	int off = p->utc_offset, a = off < 0 ? -off : off;
	char offset[24];
	snprintf(offset, sizeof offset, "%c%02d%02d", off < 0 ? '-' : '+', a / 60, a % 60);
	if (p->timezone && *p->timezone)
		snprintf(tzid, sizeof tzid, "%s", p->timezone);
	else
		snprintf(tzid, sizeof tzid, "UTC%s", offset);
	slug(host, sizeof host, p->name && *p->name ? p->name : "meeting");

	prop(&L, "BEGIN", "VCALENDAR");
	prop(&L, "VERSION", "2.0");
	prop(&L, "PRODID", "-//igfsched//igfsched " IGS_VERSION "//EN");
	prop(&L, "CALSCALE", "GREGORIAN");
	prop(&L, "METHOD", "PUBLISH");
	text_prop(&L, "X-WR-CALNAME", p->name ? p->name : "");
	/* The model keeps one fixed UTC offset for the meeting (docs/FORMAT.md), so the time
	 * zone has a single STANDARD rule and no daylight-saving change. */
	prop(&L, "BEGIN", "VTIMEZONE");
	text_prop(&L, "TZID", tzid);
	prop(&L, "BEGIN", "STANDARD");
	prop(&L, "DTSTART", "19700101T000000");
	prop(&L, "TZOFFSETFROM", offset);
	prop(&L, "TZOFFSETTO", offset);
	prop(&L, "END", "STANDARD");
	prop(&L, "END", "VTIMEZONE");

	/* DTSTAMP must be UTC; the first day's midnight keeps the file the same for the same
	 * schedule, so re-solves diff cleanly and golden tests are stable. */
	char stamp[32];
	local_time(stamp, sizeof stamp, p->n_days > 0 ? p->days[0].date : "19700101", 0);
	strcat(stamp, "Z");
	for (int i = 0; i < p->n_sessions; i++) {
		int t = s->time[i];
		if (t < 0)
			continue;
		const igs_session *S = &p->sessions[i];
		const igs_day *D = &p->days[p->times[t].day];
		int start = p->times[t].start, end = start + S->duration;
		if (end > 24 * 60 - 1)
			end = 24 * 60 - 1; /* a day's slots end by midnight; never roll the date */
		prop(&L, "BEGIN", "VEVENT");
		char id[256];
		slug(id, sizeof id, S->id);
		snprintf(buf, sizeof buf, "%s@%s.igfsched", id, host);
		text_prop(&L, "UID", buf);
		prop(&L, "DTSTAMP", stamp);
		local_time(buf, sizeof buf, D->date, start);
		put(&L, "DTSTART;TZID=");
		put_param(&L, tzid);
		put(&L, ":");
		put(&L, buf);
		end_line(&L);
		local_time(buf, sizeof buf, D->date, end);
		put(&L, "DTEND;TZID=");
		put_param(&L, tzid);
		put(&L, ":");
		put(&L, buf);
		end_line(&L);
		text_prop(&L, "SUMMARY", S->title ? S->title : S->id);
		if (s->room[i] >= 0) {
			const igs_room *R = &p->rooms[s->room[i]];
			text_prop(&L, "LOCATION", R->name ? R->name : R->id);
		}
		/* DESCRIPTION: the type, the themes by name, then the session's own text. */
		put(&L, "DESCRIPTION:");
		put_text(&L, S->type);
		for (int k = 0; k < S->n_themes; k++) {
			put_octets(&L, k ? "\\, " : " — themes: ", k ? 3 : strlen(" — themes: "));
			const igs_theme *T = &p->themes[S->themes[k]];
			put_text(&L, T->name ? T->name : T->id);
		}
		if (S->description && *S->description) {
			put_octets(&L, "\\n\\n", 4);
			put_text(&L, S->description);
		}
		end_line(&L);
		if (S->n_themes > 0) {
			put(&L, "CATEGORIES:");
			for (int k = 0; k < S->n_themes; k++) {
				if (k)
					put(&L, ",");
				const igs_theme *T = &p->themes[S->themes[k]];
				put_text(&L, T->name ? T->name : T->id);
			}
			end_line(&L);
		}
		prop(&L, "END", "VEVENT");
	}
	prop(&L, "END", "VCALENDAR");
}
