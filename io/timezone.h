/* Time-zone names of meeting.timezone: an IANA name the system's zone database knows, or UTC
 * with a fixed offset. */
#ifndef IGS_IO_TIMEZONE_H
#define IGS_IO_TIMEZONE_H

#include <stddef.h>

/* 0 when name is "UTC", "UTC+HH:MM" / "UTC-HH:MM" (as meeting.utc_offset, at most 14:00), or
 * a zone of the database in $TZDIR (default /usr/share/zoneinfo: a TZif file there, such as
 * "Asia/Tokyo"); else IGS_EINPUT with why = what is wrong and an example of a valid name (the
 * missing database named when there is none). */
int igs_timezone_check(char *why, size_t n, const char *name);

#endif
