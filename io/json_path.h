/* JSON paths for messages ("sessions[3].duration"), the kind of a JSON value, and reading a
 * JSON file, shared by the readers. */
#ifndef IGS_IO_JSON_PATH_H
#define IGS_IO_JSON_PATH_H

#include <jansson.h>
#include <stddef.h>

#include "igfsched.h"

/* Room for a path; a longer one ends in "..." rather than being cut silently. */
#define IGS_PATH_LEN 256

/* out = base.key (or key at the top level). */
void igs_json_subpath(char out[IGS_PATH_LEN], const char *base, const char *key);
/* out = base[i]. */
void igs_json_indexpath(char out[IGS_PATH_LEN], const char *base, size_t i);
/* "an object", "an array", "a string", "an integer", "a number", "a boolean" or "null". */
const char *igs_json_kind(const json_t *v);

/* Reads the JSON document at path ("-": standard input) into *out. A file that cannot be read
 * is IGS_EIO, malformed JSON IGS_EINPUT with its line and column, memory running out while
 * parsing IGS_ENOMEM: each says so in d, naming path. */
int igs_json_read(json_t **out, const char *path, igs_diag *d);

#endif
