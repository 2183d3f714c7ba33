/* JSON paths for messages ("sessions[3].duration") and the kind of a JSON value, shared by the readers. */
#include <stdio.h>
#include <string.h>

#include "io/json_path.h"

static void mark_cut(char *out, int n) {
	if (n >= IGS_PATH_LEN)
		memcpy(out + IGS_PATH_LEN - 4, "...", 4);
}

void igs_json_subpath(char out[IGS_PATH_LEN], const char *base, const char *key) {
	mark_cut(out, snprintf(out, IGS_PATH_LEN, "%s%s%s", base, *base ? "." : "", key));
}

void igs_json_indexpath(char out[IGS_PATH_LEN], const char *base, size_t i) {
	mark_cut(out, snprintf(out, IGS_PATH_LEN, "%s[%zu]", base, i));
}

const char *igs_json_kind(const json_t *v) {
	switch (json_typeof(v)) {
	case JSON_OBJECT: return "an object";
	case JSON_ARRAY: return "an array";
	case JSON_STRING: return "a string";
	case JSON_INTEGER: return "an integer";
	case JSON_REAL: return "a number";
	case JSON_TRUE:
	case JSON_FALSE: return "a boolean";
	default: return "null";
	}
}
