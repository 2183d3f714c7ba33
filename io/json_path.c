/* JSON paths for messages ("sessions[3].duration"), the kind of a JSON value, and reading a
 * JSON file, shared by the readers. */
#include <errno.h>
#include <stdbool.h>
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

int igs_json_read(json_t **out, const char *path, igs_diag *d) {
	*out = NULL;
	bool use_stdin = strcmp(path, "-") == 0;
	/* Opened here rather than by json_load_file so that a read error (a directory, a bad
	 * disk) is IGS_EIO and not reported as malformed JSON at line 1. */
	FILE *fp = use_stdin ? stdin : fopen(path, "rb");
	if (!fp) {
		igs_diag_add(d, path, "", "cannot read the file: %s", strerror(errno));
		return IGS_EIO;
	}
	json_error_t jerr;
	json_t *root = json_loadf(fp, JSON_REJECT_DUPLICATES | JSON_DECODE_ANY, &jerr);
	int read_errno = errno;
	bool read_failed = ferror(fp);
	if (!use_stdin)
		fclose(fp);
	if (read_failed) {
		json_decref(root);
		igs_diag_add(d, path, "", "cannot read the file: %s", strerror(read_errno));
		return IGS_EIO;
	}
	/* Jansson leaves the error text empty when even its first buffer cannot be allocated. */
	if (!root && (json_error_code(&jerr) == json_error_out_of_memory || jerr.text[0] == 0)) {
		igs_diag_add(d, path, "", "out of memory while reading the file");
		return IGS_ENOMEM;
	}
	if (!root) {
		char where[64] = ""; /* jansson gives no position for errors outside the text */
		if (jerr.line >= 0)
			snprintf(where, sizeof where, "line %d, column %d", jerr.line, jerr.column);
		igs_diag_add(d, path, where, "not valid JSON: %s", jerr.text);
		return IGS_EINPUT;
	}
	*out = root;
	return IGS_OK;
}
