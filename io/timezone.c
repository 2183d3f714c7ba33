/* Validation of meeting.timezone against the system's zone database, so that calendar output
 * names a zone calendar programs know and its TZID cannot carry iCalendar syntax. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "igfsched.h"
#include "io/timezone.h"
#include "model/timefmt.h"

#define EXAMPLE "write an IANA name such as \"Asia/Tokyo\" or a fixed offset such as \"UTC+09:00\""

/* IANA names are '/'-separated parts of letters, digits, '_', '-' and '+' ("Etc/GMT+9",
 * "America/Port-au-Prince"); anything else, '.' included, cannot be one, and would let a name
 * reach outside the database folder. */
static bool iana_shaped(const char *s) {
	size_t part = 0, len = 0;
	for (; *s; s++, len++) {
		if (*s == '/') {
			if (part == 0)
				return false;
			part = 0;
			continue;
		}
		if (!((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '_' ||
		      *s == '-' || *s == '+'))
			return false;
		part++;
	}
	return part > 0 && len < 256;
}

/* A zone is a TZif file; the folder also holds tables (zone.tab) and sub-folders (Asia). */
static bool tzif_file(const char *path) {
	struct stat st;
	if (stat(path, &st) != 0 || !S_ISREG(st.st_mode))
		return false;
	FILE *f = fopen(path, "rb");
	if (!f)
		return false;
	char magic[4];
	bool ok = fread(magic, 1, 4, f) == 4 && memcmp(magic, "TZif", 4) == 0;
	fclose(f);
	return ok;
}

int igs_timezone_check(char *why, size_t n, const char *name) {
	int minutes;
	if (strcmp(name, "UTC") == 0 ||
	    (strncmp(name, "UTC", 3) == 0 && igs_parse_utc_offset(name + 3, &minutes) == 0))
		return IGS_OK;
	if (!*name) {
		snprintf(why, n, "is empty; %s (or leave the key out for UTC)", EXAMPLE);
		return IGS_EINPUT;
	}
	if (strncmp(name, "UTC", 3) == 0 && (name[3] == '+' || name[3] == '-')) {
		snprintf(why, n, "'%.100s' is not a fixed offset; write \"UTC+09:00\" or \"UTC-05:30\" (at most 14:00)",
			 name);
		return IGS_EINPUT;
	}
	const char *dir = getenv("TZDIR");
	if (!dir || !*dir)
		dir = "/usr/share/zoneinfo";
	struct stat st;
	if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
		snprintf(why, n,
			 "'%.100s' cannot be checked: this system has no time-zone database (%s is missing; install "
			 "tzdata); without it only a fixed offset such as \"UTC+09:00\" is accepted",
			 name, dir);
		return IGS_EINPUT;
	}
	char path[4096];
	if (iana_shaped(name) && (size_t)snprintf(path, sizeof path, "%s/%s", dir, name) < sizeof path &&
	    tzif_file(path))
		return IGS_OK;
	snprintf(why, n, "'%.100s' is not a time zone of the zone database (%s); %s", name, dir, EXAMPLE);
	return IGS_EINPUT;
}
