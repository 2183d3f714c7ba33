/* Problem documents written in the layout of the bundled examples (merges, imports, joint
 * sessions), and written to a file only once they load. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "io/atomic.h"
#include "io/problem_dump.h"
#include "model/problem.h"

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

int igs_problem_stage(igs_problem **loaded, igs_atomic *a, json_t *doc, const char *out_path, const char *what,
		      bool feasible, igs_diag *check, igs_diag *d) {
	*loaded = NULL;
	int rc = igs_atomic_open(a, out_path, d);
	if (rc != IGS_OK)
		return rc;
	if (igs_problem_dump(doc, a->f) != IGS_OK || fflush(a->f) != 0) {
		igs_diag_add(d, out_path, "", "cannot write %s: %s", what, strerror(errno));
		return IGS_EIO;
	}
	if (!a->tmp)
		return IGS_OK;
	/* The text itself is checked, before it replaces anything: what a user gets loads. */
	rc = igs_problem_load(loaded, a->tmp, check);
	if (rc == IGS_OK && feasible)
		rc = igs_problem_feasibility(*loaded, check);
	if (rc != IGS_OK) {
		igs_problem_free(*loaded);
		*loaded = NULL;
		return rc == IGS_ENOMEM ? IGS_ENOMEM : IGS_EINPUT;
	}
	return IGS_OK;
}

int igs_problem_write_checked(int *n_sessions, json_t *doc, json_t *sessions, const char *out_path,
			      const char *what, const char *refusal, igs_diag *d) {
	int rc = IGS_OK;
	igs_atomic a = {0};
	igs_diag *check = NULL;
	igs_problem *result = NULL;
	if (json_object_set(doc, "sessions", sessions) != 0 || !(check = igs_diag_new())) {
		rc = IGS_ENOMEM;
		goto cleanup;
	}
	/* The promise is a file that passes 'check': it loads, and nothing keeps it from being
	 * scheduled in full that was not so before (the edit may break a rule the input kept, e.g.
	 * a merged session's longest duration in the first's time windows, or longer joint sessions
	 * beyond the rooms' hours). */
	rc = igs_problem_stage(&result, &a, doc, out_path, what, true, check, d);
	if (rc == IGS_EINPUT || (rc == IGS_ENOMEM && igs_diag_count(check) > 0)) {
		igs_diag_add(d, out_path, "", "%s", refusal);
		for (int i = 0; i < igs_diag_count(check); i++) {
			const igs_msg *msg = igs_diag_get(check, i);
			igs_diag_add(d, out_path, msg->where, "%s", msg->message);
		}
	}
	if (rc != IGS_OK)
		goto cleanup;
	if (n_sessions && result)
		*n_sessions = result->n_sessions;
	rc = igs_atomic_commit(&a, d);
cleanup:
	igs_atomic_abort(&a);
	igs_problem_free(result);
	igs_diag_free(check);
	return rc;
}
