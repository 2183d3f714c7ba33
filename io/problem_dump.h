/* Problem documents written in the layout of the bundled examples (merges, imports). */
#ifndef IGS_IO_PROBLEM_DUMP_H
#define IGS_IO_PROBLEM_DUMP_H

#include <jansson.h>
#include <stdio.h>

#include "igfsched.h"

/* Writes doc (a problem object) one top-level key a line, one element a line in lists of
 * objects and one member a line in long objects. IGS_OK, or IGS_EIO on a write error. */
int igs_problem_dump(json_t *doc, FILE *f);

#endif
