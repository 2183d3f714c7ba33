/* Output files: replaced atomically when they are regular files, written through when they are
 * devices or FIFOs, never written over an input of the run. */
#ifndef IGS_IO_ATOMIC_H
#define IGS_IO_ATOMIC_H

#include <stdbool.h>
#include <stdio.h>

#include "igfsched.h"

typedef struct {
	FILE *f;     /* write here between open and commit/abort */
	char *path;  /* where commit puts the text: the file renamed over, or the device written to */
	char *tmp;   /* temporary file, NULL once renamed or removed */
	bool is_stdout; /* path "-": no temporary file, commit only flushes */
	bool through;   /* a character device or FIFO: commit copies tmp into it, no rename */
} igs_atomic;

/* Opens a temporary file ".NAME.igfsched-tmp.PID.XXXXXX" beside the file that will be replaced
 * (a symlink's final target, so the link stays a link), after removing the stale ones of that
 * name: those whose process PID no longer runs and that were last changed before this process
 * started. For a character device (/dev/null, /dev/stdout on a terminal or pipe) or a FIFO the
 * temporary file is in $TMPDIR (else /tmp) and commit writes it through. "-" is standard output.
 * A directory, block device or socket is refused (IGS_EUSAGE), and so is a regular file this
 * user may not write (IGS_EIO), as a shell's '>' would. On failure the struct is left safe to
 * abort and d says why. */
int igs_atomic_open(igs_atomic *a, const char *path, igs_diag *d);

/* Flushes, syncs, closes and renames the temporary file over the target, with the mode (and,
 * as root, the owner) of the file it replaces, 0644 for a new one; or, for a device or FIFO,
 * copies it into the target. On any failure the temporary file is removed and a replaced file
 * is left as it was. Afterwards the struct is spent: igs_atomic_abort on it does nothing. */
int igs_atomic_commit(igs_atomic *a, igs_diag *d);

/* Closes and removes the temporary file; safe on a spent, failed or zeroed struct. */
void igs_atomic_abort(igs_atomic *a);

#endif
