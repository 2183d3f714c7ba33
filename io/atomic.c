/* Output files: readers of the target see the old content or the new, never a part; a device,
 * a FIFO or a symlink stays what it is, and an input of the run is never written over. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "io/atomic.h"

#define TMP_MARK ".igfsched-tmp."

static void reset(igs_atomic *a) {
	free(a->path);
	free(a->tmp);
	memset(a, 0, sizeof *a);
}

int igs_output_check(const char *out, const char *const *inputs, int n_inputs, igs_diag *d) {
	struct stat so, si;
	/* Only a regular file can lose its content: a device or FIFO that is also read is written
	 * through, and a path that does not exist yet is no input. */
	if (!out || strcmp(out, "-") == 0 || stat(out, &so) != 0 || !S_ISREG(so.st_mode))
		return IGS_OK;
	for (int i = 0; i < n_inputs; i++)
		if (inputs[i] && stat(inputs[i], &si) == 0 && si.st_dev == so.st_dev && si.st_ino == so.st_ino) {
			igs_diag_add(d, out, "", "is an input of this run; inputs are never overwritten, give another output name");
			return IGS_EUSAGE;
		}
	return IGS_OK;
}

/* The directory part of path ("." for none), and a pointer to its last component. */
static char *dir_of(const char *path, const char **base) {
	const char *slash = strrchr(path, '/');
	*base = slash ? slash + 1 : path;
	if (!slash)
		return strdup(".");
	return slash == path ? strdup("/") : strndup(path, (size_t)(slash - path));
}

/* Follows the symlinks at path (not in its directories) to the name the chain ends at, existing
 * or not. *proc: the chain passes through /proc (/dev/stdout, /dev/fd/N), whose links name an
 * open descriptor rather than a file to replace. NULL with errno set on failure. */
static char *resolve_links(const char *path, bool *proc) {
	char *cur = strdup(path);
	*proc = false;
	for (int hops = 0; cur && hops < 40; hops++) {
		struct stat l;
		*proc = *proc || strncmp(cur, "/proc/", 6) == 0;
		if (lstat(cur, &l) != 0 || !S_ISLNK(l.st_mode))
			return cur;
		char link[PATH_MAX];
		ssize_t n = readlink(cur, link, sizeof link - 1);
		if (n < 0)
			break;
		link[n] = 0;
		const char *base;
		char *dir = link[0] == '/' ? NULL : dir_of(cur, &base);
		size_t len = (dir ? strlen(dir) + 1 : 0) + (size_t)n + 1;
		char *next = (link[0] == '/' || dir) ? malloc(len) : NULL;
		if (next)
			snprintf(next, len, "%s%s%s", dir ? dir : "", dir ? "/" : "", link);
		free(dir);
		free(cur);
		cur = next;
		if (!cur)
			errno = ENOMEM;
		else if (hops == 39)
			errno = ELOOP;
	}
	free(cur);
	return NULL;
}

/* When this process started, from /proc; false when it cannot be told. */
static bool process_start(struct timespec *start) {
	FILE *f = fopen("/proc/self/stat", "r");
	char buf[1024];
	size_t n = f ? fread(buf, 1, sizeof buf - 1, f) : 0;
	if (f)
		fclose(f);
	buf[n] = 0;
	/* The command name may hold spaces and parentheses: the fields start after the last ')'.
	 * starttime is field 22, the 20th after it. */
	char *p = strrchr(buf, ')');
	for (int field = 2; p && field < 22; field++)
		p = strchr(p + 1, ' ');
	struct timespec now, up;
	if (!p || clock_gettime(CLOCK_REALTIME, &now) != 0 || clock_gettime(CLOCK_BOOTTIME, &up) != 0)
		return false;
	long hz = sysconf(_SC_CLK_TCK);
	double ticks = strtod(p + 1, NULL);
	double t = (double)now.tv_sec - (double)up.tv_sec + ((double)now.tv_nsec - (double)up.tv_nsec) / 1e9 +
		   (hz > 0 ? ticks / (double)hz : 0);
	start->tv_sec = (time_t)t;
	start->tv_nsec = (long)((t - (double)start->tv_sec) * 1e9);
	return hz > 0;
}

/* Removes, from dir, the temporary files of earlier writes to base that were left behind: named
 * ".BASE.igfsched-tmp.PID.XXXXXX", PID no longer running here, last changed before this process
 * started (so a live writer on another machine sharing the directory keeps its file), and this
 * user's (or root's to remove). Best effort: what cannot be checked is left. */
static void remove_stale(const char *dir, const char *base) {
	struct timespec start;
	DIR *dh = process_start(&start) ? opendir(dir) : NULL;
	if (!dh)
		return;
	size_t blen = strlen(base), mlen = strlen(TMP_MARK);
	struct dirent *e;
	while ((e = readdir(dh))) {
		const char *n = e->d_name;
		if (n[0] != '.' || strncmp(n + 1, base, blen) != 0 || strncmp(n + 1 + blen, TMP_MARK, mlen) != 0)
			continue;
		char *end = NULL;
		const char *digits = n + 1 + blen + mlen;
		long pid = strtol(digits, &end, 10);
		if (end == digits || *digits < '0' || *digits > '9' || pid <= 0 || pid > INT_MAX || *end != '.' ||
		    strlen(end + 1) != 6)
			continue;
		struct stat st;
		if (fstatat(dirfd(dh), n, &st, AT_SYMLINK_NOFOLLOW) != 0 || !S_ISREG(st.st_mode))
			continue;
		bool mine = st.st_uid == geteuid() || geteuid() == 0;
		bool dead = kill((pid_t)pid, 0) != 0 && errno == ESRCH;
		bool old = st.st_mtim.tv_sec < start.tv_sec ||
			   (st.st_mtim.tv_sec == start.tv_sec && st.st_mtim.tv_nsec < start.tv_nsec);
		if (mine && dead && old)
			unlinkat(dirfd(dh), n, 0);
	}
	closedir(dh);
}

/* Where the text goes and how: sets a->path and a->through, and *keep to the stat of a regular
 * file that will be replaced (st_mode 0 for a new file). */
static int choose_target(igs_atomic *a, const char *path, struct stat *keep, igs_diag *d) {
	struct stat st;
	bool proc = false;
	memset(keep, 0, sizeof *keep);
	if (stat(path, &st) != 0) {
		/* Nothing there yet (or a dangling link): created where the link chain ends. */
		a->path = resolve_links(path, &proc);
		if (!a->path && errno == ENOMEM)
			return igs_diag_add(d, path, "", "out of memory opening the output file"), IGS_ENOMEM;
		if (!a->path)
			a->path = strdup(path);
		return a->path ? IGS_OK : (igs_diag_add(d, path, "", "out of memory opening the output file"), IGS_ENOMEM);
	}
	if (S_ISDIR(st.st_mode))
		return igs_diag_add(d, path, "", "is a directory; give the name of a file to write (inside it, or elsewhere)"),
		       IGS_EUSAGE;
	if (S_ISBLK(st.st_mode) || S_ISSOCK(st.st_mode) || (!S_ISREG(st.st_mode) && !S_ISCHR(st.st_mode) && !S_ISFIFO(st.st_mode)))
		return igs_diag_add(d, path, "",
				    "is a %s; outputs go to a regular file, a character device (such as /dev/null) or a FIFO",
				    S_ISBLK(st.st_mode) ? "block device" : S_ISSOCK(st.st_mode) ? "socket" : "special file"),
		       IGS_EUSAGE;
	if (S_ISREG(st.st_mode)) {
		char *final = resolve_links(path, &proc);
		struct stat fs;
		/* A regular file behind /proc (or a link that no longer names it) is an open
		 * descriptor of some process: write into it rather than rename over a name. */
		if (final && !proc && lstat(final, &fs) == 0 && fs.st_dev == st.st_dev && fs.st_ino == st.st_ino) {
			a->path = final;
			if (access(final, W_OK) != 0)
				return igs_diag_add(d, path, "",
						    "cannot write over it: %s; it is read-only or another user's: change its mode, "
						    "or give another output name",
						    strerror(errno)),
				       IGS_EIO;
			*keep = st;
			return IGS_OK;
		}
		free(final);
		if (!final && errno == ENOMEM)
			return igs_diag_add(d, path, "", "out of memory opening the output file"), IGS_ENOMEM;
	}
	a->through = true;
	a->path = strdup(path);
	return a->path ? IGS_OK : (igs_diag_add(d, path, "", "out of memory opening the output file"), IGS_ENOMEM);
}

int igs_atomic_open(igs_atomic *a, const char *path, igs_diag *d) {
	int rc = IGS_OK, fd = -1;
	char *dir = NULL;
	memset(a, 0, sizeof *a);
	if (!path || !*path)
		return igs_diag_add(d, "", "", "no output file name given; pass a path or '-' for standard output"),
		       IGS_EUSAGE;
	if (strcmp(path, "-") == 0) {
		a->f = stdout;
		a->is_stdout = true;
		return IGS_OK;
	}
	struct stat keep;
	if ((rc = choose_target(a, path, &keep, d)) != IGS_OK)
		goto cleanup;
	const char *base;
	/* Same directory as the target, so the final rename never crosses file systems; a device's
	 * text waits in the temporary directory, so a check that fails sends nothing to it. */
	dir = dir_of(a->path, &base);
	if (a->through) {
		free(dir);
		dir = strdup(getenv("TMPDIR") && *getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	}
	size_t len = (dir ? strlen(dir) : 0) + strlen(base) + sizeof "/." TMP_MARK ".XXXXXX" + 24;
	if (!dir || !(a->tmp = malloc(len))) {
		igs_diag_add(d, path, "", "out of memory opening the output file");
		rc = IGS_ENOMEM;
		goto cleanup;
	}
	remove_stale(dir, base);
	snprintf(a->tmp, len, "%s/.%s" TMP_MARK "%ld.XXXXXX", dir, base, (long)getpid());
	fd = mkstemp(a->tmp);
	if (fd < 0) {
		igs_diag_add(d, path, "", "cannot create a temporary file %s: %s; check that the directory exists and is writable",
			     a->through ? "in the temporary directory" : "beside the output", strerror(errno));
		free(a->tmp);
		a->tmp = NULL;
		rc = IGS_EIO;
		goto cleanup;
	}
	/* mkstemp makes 0600; the replacement keeps the replaced file's owner and mode, and a new
	 * output is meant to be read by others, as a plain create would allow. The owner goes
	 * first: changing it clears set-id bits. */
	if (keep.st_mode && geteuid() == 0 && fchown(fd, keep.st_uid, keep.st_gid) != 0) {
		igs_diag_add(d, path, "", "cannot give temporary file '%s' the owner of the output: %s", a->tmp, strerror(errno));
		rc = IGS_EIO;
		goto cleanup;
	}
	if (!a->through && fchmod(fd, keep.st_mode ? keep.st_mode & 07777 : 0644) != 0) {
		igs_diag_add(d, path, "", "cannot set the mode of temporary file '%s': %s", a->tmp, strerror(errno));
		rc = IGS_EIO;
		goto cleanup;
	}
	a->f = fdopen(fd, a->through ? "w+" : "w");
	if (!a->f) {
		igs_diag_add(d, path, "", "cannot open temporary file '%s' for writing: %s", a->tmp, strerror(errno));
		rc = errno == ENOMEM ? IGS_ENOMEM : IGS_EIO;
		goto cleanup;
	}
	fd = -1; /* now owned by a->f */
cleanup:
	free(dir);
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
	const char *base;
	char *dir = dir_of(path, &base);
	if (!dir)
		return;
	int fd = open(dir, O_RDONLY);
	if (fd >= 0) {
		fsync(fd);
		close(fd);
	}
	free(dir);
}

/* Copies the finished temporary file into the device or FIFO; the failing step, or NULL. */
static const char *copy_through(igs_atomic *a, int *err) {
	int in = fileno(a->f);
	/* Opened only now: a FIFO's open waits for its reader, as a shell's '>' does. */
	int out = open(a->path, O_WRONLY | O_TRUNC | O_CLOEXEC);
	if (out < 0)
		return *err = errno, "open";
	const char *step = lseek(in, 0, SEEK_SET) != 0 ? "seek" : NULL;
	char buf[65536];
	while (!step) {
		ssize_t n = read(in, buf, sizeof buf);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			step = n < 0 ? "read" : NULL;
			break;
		}
		for (ssize_t off = 0; off < n && !step;) {
			ssize_t w = write(out, buf + off, (size_t)(n - off));
			if (w < 0 && errno != EINTR)
				step = "write";
			else if (w > 0)
				off += w;
		}
	}
	if (step)
		*err = errno;
	if (close(out) != 0 && !step) {
		*err = errno;
		step = "close";
	}
	return step;
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
	else if (!a->through && fsync(fileno(a->f)) != 0)
		step = "sync";
	int saved = errno;
	if (!step && a->through)
		step = copy_through(a, &saved);
	int closed = fclose(a->f);
	a->f = NULL;
	if (!step && closed != 0) {
		step = "close";
		saved = errno;
	}
	if (!step && !a->through && rename(a->tmp, a->path) != 0) {
		step = "rename";
		saved = errno;
	}
	if (step) {
		igs_diag_add(d, a->path, "", "cannot write the output (%s failed: %s)%s", step,
			     saved ? strerror(saved) : "write error",
			     a->through ? "" : "; the previous file, if any, is unchanged");
		unlink(a->tmp);
		rc = IGS_EIO;
		goto cleanup;
	}
	if (a->through)
		unlink(a->tmp);
	else
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
