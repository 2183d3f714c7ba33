/* JSON paths for messages ("sessions[3].duration") and the kind of a JSON value, shared by the readers. */
#ifndef IGS_IO_JSON_PATH_H
#define IGS_IO_JSON_PATH_H

#include <jansson.h>
#include <stddef.h>

/* Room for a path; a longer one ends in "..." rather than being cut silently. */
#define IGS_PATH_LEN 256

/* out = base.key (or key at the top level). */
void igs_json_subpath(char out[IGS_PATH_LEN], const char *base, const char *key);
/* out = base[i]. */
void igs_json_indexpath(char out[IGS_PATH_LEN], const char *base, size_t i);
/* "an object", "an array", "a string", "an integer", "a number", "a boolean" or "null". */
const char *igs_json_kind(const json_t *v);

#endif
