/* Parsing and formatting of the "HH:MM" clock times, intervals and UTC offsets of the file formats. */
#ifndef IGS_MODEL_TIMEFMT_H
#define IGS_MODEL_TIMEFMT_H

/* "H:MM" or "HH:MM", 00:00 to 24:00 (24:00 may end an interval); minutes since midnight.
 * Returns 0, or -1 when s is not such a time (*minutes is then untouched). */
int igs_parse_hhmm(const char *s, int *minutes);

/* Writes "HH:MM"; minutes outside 0..5999 are clamped so the buffer can never overflow. */
void igs_format_hhmm(int minutes, char buf[6]);

/* "HH:MM-HH:MM" with from < to; returns 0 or -1. */
int igs_parse_interval(const char *s, int *from, int *to);

/* "+HH:MM" or "-HH:MM" within -14:00..+14:00; minutes east of UTC. Returns 0 or -1. */
int igs_parse_utc_offset(const char *s, int *minutes);

#endif
