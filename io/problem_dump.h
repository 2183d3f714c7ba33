/* Problem documents written in the layout of the bundled examples (merges, imports, joint
 * sessions), and the one way a command writes a new problem file: only once it loads. */
#ifndef IGS_IO_PROBLEM_DUMP_H
#define IGS_IO_PROBLEM_DUMP_H

#include <jansson.h>
#include <stdio.h>

#include "igfsched.h"

/* Writes doc (a problem object) one top-level key a line, one element a line in lists of
 * objects and one member a line in long objects. IGS_OK, or IGS_EIO on a write error. */
int igs_problem_dump(json_t *doc, FILE *f);

/* Replaces doc's sessions by sessions (doc being a problem file as read), then writes doc
 * atomically to out_path ("-": standard output, unchecked) and replaces the target only when
 * the written text loads as a problem; otherwise nothing is written and d gets the line
 * `refusal` followed by the loader's messages, placed at out_path. A write error is said as
 * "cannot write <what>: <reason>". *n_sessions (may be NULL) receives the loaded problem's
 * session count. IGS_OK, IGS_EIO, IGS_EINPUT (it does not load) or IGS_ENOMEM. */
int igs_problem_write_checked(int *n_sessions, json_t *doc, json_t *sessions, const char *out_path,
			      const char *what, const char *refusal, igs_diag *d);

#endif
