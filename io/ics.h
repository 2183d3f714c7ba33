/* iCalendar (RFC 5545) output of a schedule. */
#ifndef IGS_IO_ICS_H
#define IGS_IO_ICS_H

#include <stdio.h>

#include "model/schedule.h"

/* Writes a VCALENDAR with one VEVENT per scheduled session: UID "<session-id>@<meeting>.igfsched"
 * (stable across re-solves), times in the meeting's time zone, the room as LOCATION. Write
 * errors surface through ferror(f). */
void igs_write_ics(FILE *f, const igs_schedule *s);

#endif
