/* Atomic output files: readers of the target see the old content or the new, never a part. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "io/atomic.h"

static void reset(igs_atomic *a) {
	free(a->path);
	free(a->tmp);
	memset(a, 0, sizeof *a);
}

int igs_atomic_open(igs_atomic *a, const char *path, igs_diag *d) {
	int rc = IGS_OK, fd = -1;
	memset(a, 0, sizeof *a);
	if (!path || !*path)
		return igs_diag_add(d, "", "", "no output file name given; pass a path or '-' for standard output"),
		       IGS_EUSAGE;
	if (strcmp(path, "-") == 0) {
		a->f = stdout;
		a->is_stdout = true;
		return IGS_OK;
	}
	static const char suffix[] = ".tmp.XXXXXX";
	size_t len = strlen(path);
	a->path = strdup(path);
	a->tmp = malloc(len + sizeof suffix);
	if (!a->path || !a->tmp) {
		igs_diag_add(d, path, "", "out of memory opening the output file");
		rc = IGS_ENOMEM;
		goto cleanup;
	}
	memcpy(a->tmp, path, len);
	memcpy(a->tmp + len, suffix, sizeof suffix);
	/* Same directory as the target, so the final rename never crosses file systems. */
	fd = mkstemp(a->tmp);
	if (fd < 0) {
		igs_diag_add(d, path, "", "cannot create a temporary file beside the output: %s; check that the directory exists and is writable",
			     strerror(errno));
		free(a->tmp);
		a->tmp = NULL;
		rc = IGS_EIO;
		goto cleanup;
	}
	/* mkstemp makes 0600; an output file is meant to be read by others, as a plain create would allow. */
	if (fchmod(fd, 0644) != 0) {
		igs_diag_add(d, path, "", "cannot set the mode of temporary file '%s': %s", a->tmp, strerror(errno));
		rc = IGS_EIO;
		goto cleanup;
	}
	a->f = fdopen(fd, "w");
	if (!a->f) {
		igs_diag_add(d, path, "", "cannot open temporary file '%s' for writing: %s", a->tmp, strerror(errno));
		rc = errno == ENOMEM ? IGS_ENOMEM : IGS_EIO;
		goto cleanup;
	}
	fd = -1; /* now owned by a->f */
cleanup:
	if (rc != IGS_OK) {
		if (fd >= 0)
			close(fd);
		if (a->tmp)
			unlink(a->tmp);
		reset(a);
	}
	return rc;
}

/* Makes the rename itself durable; best effort, since some file systems refuse to sync a directory. */
static void sync_parent(const char *path) {
	const char *slash = strrchr(path, '/');
	char *dir = NULL;
	if (!slash)
		dir = strdup(".");
	else if (slash == path)
		dir = strdup("/");
	else
		dir = strndup(path, (size_t)(slash - path));
	if (!dir)
		return;
	int fd = open(dir, O_RDONLY);
	if (fd >= 0) {
		fsync(fd);
		close(fd);
	}
	free(dir);
}

int igs_atomic_commit(igs_atomic *a, igs_diag *d) {
	int rc = IGS_OK;
	if (!a || !a->f)
		return igs_diag_add(d, "", "", "internal error: committing an output file that is not open"), IGS_EUSAGE;
	if (a->is_stdout) {
		if (fflush(a->f) != 0 || ferror(a->f)) {
			igs_diag_add(d, "-", "", "cannot write to standard output: %s", strerror(errno));
			rc = IGS_EIO;
		}
		goto cleanup;
	}
	/* Check each step: a full disk often shows only at flush, sync or close time. */
	const char *step = NULL;
	if (ferror(a->f))
		step = "write";
	else if (fflush(a->f) != 0)
		step = "flush";
	else if (fsync(fileno(a->f)) != 0)
		step = "sync";
	int saved = errno;
	int closed = fclose(a->f);
	a->f = NULL;
	if (!step && closed != 0) {
		step = "close";
		saved = errno;
	}
	if (!step && rename(a->tmp, a->path) != 0) {
		step = "rename";
		saved = errno;
	}
	if (step) {
		igs_diag_add(d, a->path, "", "cannot write the output (%s failed: %s); the previous file, if any, is unchanged",
			     step, saved ? strerror(saved) : "write error");
		unlink(a->tmp);
		rc = IGS_EIO;
		goto cleanup;
	}
	sync_parent(a->path);
cleanup:
	if (a->f && !a->is_stdout)
		fclose(a->f);
	reset(a);
	return rc;
}

void igs_atomic_abort(igs_atomic *a) {
	if (!a)
		return;
	/* Standard output cannot be taken back, so only a real file is closed and removed. */
	if (!a->is_stdout) {
		if (a->f)
			fclose(a->f);
		if (a->tmp)
			unlink(a->tmp);
	}
	reset(a);
}
