/* Parsing and formatting of the "HH:MM" clock times, intervals and UTC offsets of the file formats. */
#include <stddef.h>

#include "model/timefmt.h"

static int is_digit(char c) {
	return c >= '0' && c <= '9';
}

/* Parses one clock time at s and reports how many characters it used, so the interval
 * parser can continue after it; hand-rolled because sscanf would accept spaces and signs. */
static int scan_hhmm(const char *s, int *minutes, size_t *used) {
	size_t i = 0;
	int h = 0;
	if (!s || !is_digit(s[0]))
		return -1;
	h = s[i++] - '0';
	if (is_digit(s[i]))
		h = 10 * h + (s[i++] - '0');
	if (s[i++] != ':')
		return -1;
	if (!is_digit(s[i]) || !is_digit(s[i + 1]))
		return -1;
	int m = 10 * (s[i] - '0') + (s[i + 1] - '0');
	i += 2;
	if (m > 59 || h > 24 || (h == 24 && m != 0))
		return -1;
	*minutes = 60 * h + m;
	*used = i;
	return 0;
}

int igs_parse_hhmm(const char *s, int *minutes) {
	int v;
	size_t used;
	if (scan_hhmm(s, &v, &used) != 0 || s[used] != '\0')
		return -1;
	*minutes = v;
	return 0;
}

void igs_format_hhmm(int minutes, char buf[6]) {
	if (minutes < 0)
		minutes = 0;
	if (minutes > 99 * 60 + 59)
		minutes = 99 * 60 + 59;
	int h = minutes / 60, m = minutes % 60;
	buf[0] = (char)('0' + h / 10);
	buf[1] = (char)('0' + h % 10);
	buf[2] = ':';
	buf[3] = (char)('0' + m / 10);
	buf[4] = (char)('0' + m % 10);
	buf[5] = '\0';
}

int igs_parse_interval(const char *s, int *from, int *to) {
	int a, b;
	size_t u1, u2;
	if (scan_hhmm(s, &a, &u1) != 0 || s[u1] != '-')
		return -1;
	if (scan_hhmm(s + u1 + 1, &b, &u2) != 0 || s[u1 + 1 + u2] != '\0')
		return -1;
	if (a >= b)
		return -1;
	*from = a;
	*to = b;
	return 0;
}

int igs_parse_utc_offset(const char *s, int *minutes) {
	if (!s || (s[0] != '+' && s[0] != '-'))
		return -1;
	/* Two-digit hours only: "+9:00" is more likely a typo than a convention worth accepting. */
	if (!is_digit(s[1]) || !is_digit(s[2]) || s[3] != ':' || !is_digit(s[4]) || !is_digit(s[5]) ||
	    s[6] != '\0')
		return -1;
	int h = 10 * (s[1] - '0') + (s[2] - '0');
	int m = 10 * (s[4] - '0') + (s[5] - '0');
	if (m > 59 || 60 * h + m > 14 * 60)
		return -1;
	*minutes = (s[0] == '-' ? -1 : 1) * (60 * h + m);
	return 0;
}
