/* Problem documents written in the layout of the bundled examples (merges, imports). */
#include <stdlib.h>
#include <string.h>

#include "io/problem_dump.h"

static bool long_object(const json_t *v, size_t flags) {
	char *text = json_dumps(v, flags);
	bool is_long = !text || strlen(text) > 100;
	free(text);
	return is_long;
}

/* Writes a problem document in the layout of the bundled examples: one top-level key a
 * line, one element a line in lists of objects and one member a line in long objects, so
 * a written file diffs well against its input. */
int igs_problem_dump(json_t *doc, FILE *f) {
	const size_t flags = JSON_ENCODE_ANY | JSON_REAL_PRECISION(15);
	size_t left = json_object_size(doc);
	const char *key;
	json_t *v;
	bool bad = fputs("{\n", f) == EOF;
	json_object_foreach(doc, key, v) {
		json_t *k = json_string(key);
		bad = bad || !k || fputs("  ", f) == EOF || json_dumpf(k, f, flags) != 0 || fputs(": ", f) == EOF;
		json_decref(k);
		json_t *first = json_array_get(v, 0);
		if (json_is_object(first) || json_is_array(first)) {
			size_t n = json_array_size(v), i;
			json_t *x;
			bad = bad || fputs("[\n", f) == EOF;
			json_array_foreach(v, i, x) {
				bad = bad || fputs("    ", f) == EOF || json_dumpf(x, f, flags) != 0 ||
				      fputs(i + 1 < n ? ",\n" : "\n", f) == EOF;
			}
			bad = bad || fputs("  ]", f) == EOF;
		} else if (json_is_object(v) && long_object(v, flags)) {
			size_t n = json_object_size(v), i = 0;
			const char *kk;
			json_t *x;
			bad = bad || fputs("{\n", f) == EOF;
			json_object_foreach(v, kk, x) {
				json_t *name = json_string(kk);
				bad = bad || !name || fputs("    ", f) == EOF || json_dumpf(name, f, flags) != 0 ||
				      fputs(": ", f) == EOF || json_dumpf(x, f, flags) != 0 ||
				      fputs(++i < n ? ",\n" : "\n", f) == EOF;
				json_decref(name);
			}
			bad = bad || fputs("  }", f) == EOF;
		} else {
			bad = bad || json_dumpf(v, f, flags) != 0;
		}
		bad = bad || fputs(--left ? ",\n" : "\n", f) == EOF;
	}
	bad = bad || fputs("}\n", f) == EOF;
	return bad ? IGS_EIO : IGS_OK;
}
