/* Temporary input files for the fuzz targets. */
#include "fuzz/fuzz_util.h"

#include <dirent.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int fuzz_temp_write(fuzz_temp *t, const char *suffix, const uint8_t *data, size_t size) {
	const char *tmp = getenv("TMPDIR");
	if (!tmp || !*tmp)
		tmp = "/tmp";
	int n = snprintf(t->dir, sizeof t->dir, "%s/igs-fuzz-XXXXXX", tmp);
	if (n < 0 || (size_t)n >= sizeof t->dir || !mkdtemp(t->dir))
		return -1;
	snprintf(t->input, sizeof t->input, "%.4000s/input%.20s", t->dir, suffix);
	snprintf(t->output, sizeof t->output, "%.4000s/output.json", t->dir);
	FILE *f = fopen(t->input, "wb");
	bool ok = f && fwrite(data, 1, size, f) == size;
	if (f && fclose(f) != 0)
		ok = false;
	if (!ok)
		fuzz_temp_remove(t);
	return ok ? 0 : -1;
}

void fuzz_temp_remove(const fuzz_temp *t) {
	DIR *dir = opendir(t->dir);
	if (dir) {
		struct dirent *e;
		char path[FUZZ_PATH_MAX + 256];
		while ((e = readdir(dir)) != NULL) {
			if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
				continue;
			snprintf(path, sizeof path, "%s/%s", t->dir, e->d_name);
			unlink(path);
		}
		closedir(dir);
	}
	rmdir(t->dir);
}
