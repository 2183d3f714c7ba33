/* Problem documents written in the layout of the bundled examples (merges, imports, joint
 * sessions), and the one way a command writes a new problem file: only once it loads. */
#ifndef IGS_IO_PROBLEM_DUMP_H
#define IGS_IO_PROBLEM_DUMP_H

#include <jansson.h>
#include <stdio.h>

#include "igfsched.h"
#include "io/atomic.h"

/* Writes doc (a problem object) one top-level key a line, one element a line in lists of
 * objects and one member a line in long objects. IGS_OK, or IGS_EIO on a write error. */
int igs_problem_dump(json_t *doc, FILE *f);

/* Writes doc into a temporary file for out_path (a, opened here) and reads it back: the one
 * way a command stages a new problem file. On IGS_OK, *loaded is the problem as read (NULL for
 * "-", standard output, which is not read back) and the caller commits a (igs_atomic_commit)
 * or leaves it to igs_atomic_abort; with `feasible`, the problem must also pass
 * igs_problem_feasibility. When the text does not load, the loader's messages are in check for
 * the caller to place, and the result is IGS_EINPUT (IGS_ENOMEM if memory ran out). A write
 * error is said in d as "cannot write <what>: <reason>" (IGS_EIO). */
int igs_problem_stage(igs_problem **loaded, igs_atomic *a, json_t *doc, const char *out_path, const char *what,
		      bool feasible, igs_diag *check, igs_diag *d);

/* Replaces doc's sessions by sessions (doc being a problem file as read), then writes doc
 * atomically to out_path ("-": standard output, unchecked) and replaces the target only when
 * the written text loads as a problem; otherwise nothing is written and d gets the line
 * `refusal` followed by the loader's messages, placed at out_path. A write error is said as
 * "cannot write <what>: <reason>". *n_sessions (may be NULL) receives the loaded problem's
 * session count. IGS_OK, IGS_EIO, IGS_EINPUT (it does not load) or IGS_ENOMEM. */
int igs_problem_write_checked(int *n_sessions, json_t *doc, json_t *sessions, const char *out_path,
			      const char *what, const char *refusal, igs_diag *d);

#endif
