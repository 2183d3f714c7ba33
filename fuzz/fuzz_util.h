/* Shared by the fuzz targets: the readers take file names, so each input goes to a file in a
 * temporary directory of its own first. */
#ifndef IGS_FUZZ_UTIL_H
#define IGS_FUZZ_UTIL_H

#include <stddef.h>
#include <stdint.h>

/* The libFuzzer entry point each fuzz_NAME.c defines; replay.c calls it too. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

enum { FUZZ_PATH_MAX = 4096 };

/* A new temporary directory for one input. */
typedef struct {
	char dir[FUZZ_PATH_MAX];
	char input[FUZZ_PATH_MAX]; /* dir/input.SUFFIX, holding the bytes */
	char output[FUZZ_PATH_MAX]; /* dir/output.json, for a reader that writes a file */
} fuzz_temp;

/* Writes data to t->input (its name ends in suffix: ".json", ".csv"). 0, or -1 when no file
 * could be written: the target then skips the input, a full disk is not a finding. */
int fuzz_temp_write(fuzz_temp *t, const char *suffix, const uint8_t *data, size_t size);
/* Removes the directory and whatever the reader left in it. */
void fuzz_temp_remove(const fuzz_temp *t);

#endif
