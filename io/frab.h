/* frab/pentabarf schedule output (schedule.xml and its JSON variant) for conference apps. */
#ifndef IGS_IO_FRAB_H
#define IGS_IO_FRAB_H

#include <stdbool.h>
#include <stdio.h>

#include "model/schedule.h"

/* Writes the scheduled sessions as a frab schedule: XML (schedule.xml, as Giggity, ConfClerk
 * and other apps read it) or, with json, its JSON variant. Event ids are the session ids when
 * all of them are positive integers (a programme imported from frab), else the sessions'
 * 1-based positions; person ids likewise. Guids are a hash of the meeting name and session id,
 * so ids and guids stay the same across re-solves. IGS_OK, IGS_ENOMEM, or IGS_EIO (JSON write errors; XML
 * write errors surface through ferror(f)). */
int igs_write_frab(FILE *f, const igs_schedule *s, bool json);

#endif
