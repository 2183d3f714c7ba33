/* HTML output of a schedule: one self-contained page for a programme committee. */
#ifndef IGS_IO_HTML_H
#define IGS_IO_HTML_H

#include <stdio.h>

#include "model/schedule.h"

/* Writes one UTF-8 page with inline CSS and script and no external resource: a tab per day
 * with a rooms × time grid, sessions coloured by first theme, same-theme or same-tag
 * parallels and the report's hard violations marked, a theme filter with each theme's path,
 * the unscheduled sessions with their reasons and the score. r may be NULL (no marks, no
 * score). The same schedule and report always give the same bytes. Returns IGS_OK or
 * IGS_ENOMEM; write errors surface through ferror(f). */
int igs_write_html(FILE *f, const igs_schedule *s, const igs_report *r);

#endif
