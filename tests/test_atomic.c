/* Unit tests of the output files (io/atomic.c): the input check by identity, symlinks, FIFOs,
 * a device that fails, and the removal of stale temporary files. */
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <unistd.h>

#include "io/atomic.h"
#include "testutil.h"

/* A fresh directory per test, also the temporary directory of a device's text. */
static char dir[64];
static char path_buf[4][128];

static const char *in_dir(int slot, const char *name) {
	snprintf(path_buf[slot], sizeof path_buf[slot], "%s/%s", dir, name);
	return path_buf[slot];
}

static void setup(void) {
	snprintf(dir, sizeof dir, "/tmp/igs-atomic-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(dir));
	setenv("TMPDIR", dir, 1);
}

static void teardown(void) {
	char cmd[128];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	ck_assert_int_eq(system(cmd), 0);
}

static void put(const char *path, const char *text) {
	FILE *f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	fputs(text, f);
	ck_assert_int_eq(fclose(f), 0);
}

static int entries_with(const char *needle) {
	DIR *dh = opendir(dir);
	int n = 0;
	for (struct dirent *e; (e = readdir(dh));)
		n += strstr(e->d_name, needle) != NULL;
	closedir(dh);
	return n;
}

/* Writes text to path through igs_atomic; returns the commit's status. */
static int write_through_atomic(const char *path, const char *text, igs_diag *d) {
	igs_atomic a;
	int rc = igs_atomic_open(&a, path, d);
	if (rc != IGS_OK)
		return rc;
	fputs(text, a.f);
	return igs_atomic_commit(&a, d);
}

START_TEST(test_output_check_identity) {
	const char *in = in_dir(0, "p.json"), *hard = in_dir(1, "hard.json"), *sym = in_dir(2, "sym.json");
	put(in, "{}");
	ck_assert_int_eq(link(in, hard), 0);
	ck_assert_int_eq(symlink("p.json", sym), 0);
	igs_diag *d = igs_diag_new();
	const char *inputs[] = {NULL, in};
	ck_assert_int_eq(igs_output_check(in, inputs, 2, d), IGS_EUSAGE);
	ck_assert(tu_diag_has(d, "", "is an input of this run; inputs are never overwritten"));
	ck_assert_int_eq(igs_output_check(hard, inputs, 2, d), IGS_EUSAGE);
	ck_assert_int_eq(igs_output_check(sym, inputs, 2, d), IGS_EUSAGE);
	ck_assert_int_eq(igs_diag_count(d), 3);
	/* Not yet there, standard output, a device: no input is lost. */
	ck_assert_int_eq(igs_output_check(in_dir(3, "new.json"), inputs, 2, d), IGS_OK);
	ck_assert_int_eq(igs_output_check("-", inputs, 2, d), IGS_OK);
	ck_assert_int_eq(igs_output_check(NULL, inputs, 2, d), IGS_OK);
	const char *dev[] = {"/dev/null"};
	ck_assert_int_eq(igs_output_check("/dev/null", dev, 1, d), IGS_OK);
	ck_assert_int_eq(igs_diag_count(d), 3);
	igs_diag_free(d);
}
END_TEST

START_TEST(test_symlink_target_replaced_with_mode) {
	const char *target = in_dir(0, "real.json"), *sym = in_dir(1, "sym.json");
	put(target, "old");
	ck_assert_int_eq(chmod(target, 0640), 0);
	ck_assert_int_eq(symlink("real.json", sym), 0);
	igs_diag *d = igs_diag_new();
	ck_assert_int_eq(write_through_atomic(sym, "new", d), IGS_OK);
	struct stat l, t;
	ck_assert_int_eq(lstat(sym, &l), 0);
	ck_assert(S_ISLNK(l.st_mode));
	ck_assert_int_eq(stat(target, &t), 0);
	ck_assert_int_eq(t.st_mode & 07777, 0640);
	ck_assert_int_eq(t.st_size, 3);
	ck_assert_int_eq(entries_with(".igfsched-tmp."), 0);
	igs_diag_free(d);
}
END_TEST

START_TEST(test_fifo_written_through) {
	const char *fifo = in_dir(0, "fifo.json");
	ck_assert_int_eq(mkfifo(fifo, 0600), 0);
	/* A reader already open, so the writer's open does not wait. */
	int r = open(fifo, O_RDONLY | O_NONBLOCK);
	ck_assert_int_ge(r, 0);
	igs_diag *d = igs_diag_new();
	ck_assert_int_eq(write_through_atomic(fifo, "hello", d), IGS_OK);
	char buf[16] = "";
	ck_assert_int_eq(read(r, buf, sizeof buf - 1), 5);
	ck_assert_str_eq(buf, "hello");
	close(r);
	struct stat st;
	ck_assert_int_eq(lstat(fifo, &st), 0);
	ck_assert(S_ISFIFO(st.st_mode));
	ck_assert_int_eq(entries_with(".igfsched-tmp."), 0);
	igs_diag_free(d);
}
END_TEST

START_TEST(test_full_device_fails_and_stays) {
	igs_diag *d = igs_diag_new();
	ck_assert_int_eq(write_through_atomic("/dev/full", "text", d), IGS_EIO);
	ck_assert(tu_diag_has(d, "", "No space left on device"));
	struct stat st;
	ck_assert_int_eq(stat("/dev/full", &st), 0);
	ck_assert(S_ISCHR(st.st_mode));
	ck_assert_int_eq(entries_with(".igfsched-tmp."), 0);
	igs_diag_free(d);
}
END_TEST

START_TEST(test_directory_refused) {
	igs_diag *d = igs_diag_new();
	igs_atomic a;
	ck_assert_int_eq(igs_atomic_open(&a, dir, d), IGS_EUSAGE);
	ck_assert(tu_diag_has(d, "", "is a directory"));
	igs_atomic_abort(&a);
	igs_diag_free(d);
}
END_TEST

START_TEST(test_stale_temporary_removed) {
	const char *dead_old = in_dir(0, ".out.json.igfsched-tmp.999999.AAAAAA");
	const char *dead_new = in_dir(1, ".out.json.igfsched-tmp.999999.BBBBBB");
	char live_name[64];
	snprintf(live_name, sizeof live_name, ".out.json.igfsched-tmp.%ld.CCCCCC", (long)getppid());
	const char *live_old = in_dir(2, live_name);
	put(dead_old, "x");
	put(dead_new, "x");
	put(live_old, "x");
	/* Before this process started, except dead_new, changed "after" it. */
	struct timeval old[2] = {{1000000000, 0}, {1000000000, 0}}, later[2] = {{4000000000, 0}, {4000000000, 0}};
	ck_assert_int_eq(utimes(dead_old, old), 0);
	ck_assert_int_eq(utimes(live_old, old), 0);
	ck_assert_int_eq(utimes(dead_new, later), 0);
	igs_diag *d = igs_diag_new();
	ck_assert_int_eq(write_through_atomic(in_dir(3, "out.json"), "{}", d), IGS_OK);
	ck_assert_int_ne(access(path_buf[0], F_OK), 0);
	ck_assert_int_eq(access(path_buf[1], F_OK), 0);
	ck_assert_int_eq(access(path_buf[2], F_OK), 0);
	igs_diag_free(d);
}
END_TEST

int main(void) {
	Suite *s = suite_create("atomic");
	TCase *tc = tcase_create("outputs");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_output_check_identity);
	tcase_add_test(tc, test_symlink_target_replaced_with_mode);
	tcase_add_test(tc, test_fifo_written_through);
	tcase_add_test(tc, test_full_device_fails_and_stays);
	tcase_add_test(tc, test_directory_refused);
	tcase_add_test(tc, test_stale_temporary_removed);
	suite_add_tcase(s, tc);
	return tu_run_suite(s);
}
