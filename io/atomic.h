/* Atomic output files: write to a temporary file beside the target, then rename over it. */
#ifndef IGS_IO_ATOMIC_H
#define IGS_IO_ATOMIC_H

#include <stdbool.h>
#include <stdio.h>

#include "igfsched.h"

typedef struct {
	FILE *f;     /* write here between open and commit/abort */
	char *path;  /* final name; NULL for standard output */
	char *tmp;   /* temporary file, NULL once renamed or removed */
	bool is_stdout; /* path "-": no temporary file, commit only flushes */
} igs_atomic;

/* Opens a temporary file "<path>.tmp.XXXXXX" in the target's directory, or standard
 * output for "-". On failure the struct is left safe to abort and d says why. */
int igs_atomic_open(igs_atomic *a, const char *path, igs_diag *d);

/* Flushes, syncs, closes and renames the temporary file over the target (mode 0644).
 * On any failure the temporary file is removed and the target is left as it was.
 * Afterwards the struct is spent: igs_atomic_abort on it does nothing. */
int igs_atomic_commit(igs_atomic *a, igs_diag *d);

/* Closes and removes the temporary file; safe on a spent, failed or zeroed struct. */
void igs_atomic_abort(igs_atomic *a);

#endif
