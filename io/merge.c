/* igfsched duplicates --merge: near-duplicate proposals merged into one session each, as an
 * edit of the problem file's JSON document that keeps every other field as written. */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "io/problem_dump.h"
#include "model/problem.h"

/* The person id of a people[] entry: "p1" or {"id": "p1", …}. */
static const char *person_id(const json_t *v) {
	return json_is_string(v) ? json_string_value(v) : json_string_value(json_object_get(v, "id"));
}

/* Appends to dst[key] every entry of src[key] not already there (entries compared by
 * their id), creating dst[key] when needed. */
static int union_into(json_t *dst, const json_t *src, const char *key) {
	json_t *from = json_object_get(src, key);
	if (!json_is_array(from) || json_array_size(from) == 0)
		return IGS_OK;
	json_t *to = json_object_get(dst, key);
	if (!to) {
		if (!(to = json_array()) || json_object_set_new(dst, key, to) != 0)
			return IGS_ENOMEM;
	}
	size_t i, j;
	json_t *v, *w;
	json_array_foreach(from, i, v) {
		const char *id = person_id(v);
		bool seen = false;
		json_array_foreach(to, j, w) {
			const char *other = person_id(w);
			seen = seen || (id && other && strcmp(id, other) == 0);
		}
		if (!seen && json_array_append(to, v) != 0)
			return IGS_ENOMEM;
	}
	return IGS_OK;
}

/* One merged session from members (sessions[] entries of the input, the first first). */
static json_t *merge_group(json_t *const *members, int n) {
	json_t *m = json_deep_copy(members[0]), *ids = json_array();
	if (!m || !ids)
		goto fail;
	/* The merged session needs every room feature any part needed, and the audience of the
	 * largest part. */
	static const char *const unions[] = {"people", "groups", "themes", "tags", "requires"};
	double duration = 0, priority = 0, attendance = 0;
	json_t *best_priority = NULL; /* NULL while the format's default 1 is the highest */
	bool any_priority = false, required = false;
	for (int k = 0; k < n; k++) {
		const json_t *s = members[k];
		for (size_t u = 0; u < sizeof unions / sizeof unions[0]; u++)
			if (k > 0 && union_into(m, s, unions[u]) != IGS_OK)
				goto fail;
		double dur = json_number_value(json_object_get(s, "duration"));
		duration = dur > duration ? dur : duration;
		double att = json_number_value(json_object_get(s, "attendance"));
		attendance = att > attendance ? att : attendance;
		json_t *pr = json_object_get(s, "priority");
		double prv = pr ? json_number_value(pr) : 1.0;
		any_priority = any_priority || pr;
		if (k == 0 || prv > priority) { /* ties keep the earlier member's */
			best_priority = pr;
			priority = prv;
		}
		required = required || !json_is_true(json_object_get(s, "optional"));
		if (json_array_append_new(ids, json_string(json_string_value(json_object_get(s, "id")))) != 0)
			goto fail;
	}
	if (any_priority && json_object_set_new(m, "priority", best_priority ? json_deep_copy(best_priority)
									     : json_integer(1)) != 0)
		goto fail;
	if (json_object_set_new(m, "duration", json_integer((json_int_t)duration)) != 0)
		goto fail;
	if (attendance > 0 && json_object_set_new(m, "attendance", json_integer((json_int_t)attendance)) != 0)
		goto fail;
	if (required && json_object_get(m, "optional") && json_object_set_new(m, "optional", json_false()) != 0)
		goto fail;
	/* x- keys are kept and ignored by igfsched: a note of what was merged. */
	if (json_object_set_new(m, "x-merged-from", ids) != 0) {
		ids = NULL;
		goto fail;
	}
	return m;
fail:
	json_decref(ids);
	json_decref(m);
	return NULL;
}

/* The same file under another name, e.g. a link or "./" before it. */
/* Checks the merges file: a list of lists of at least two known session ids, no id twice.
 * Fills group[s] (the merge of session s, or -1) and reports every fault at once. */
static int check_merges(const igs_problem *p, const json_t *root, const char *path, int *group, igs_diag *d) {
	int errors = 0;
	char where[96], first[96];
	int *pos = malloc((size_t)(p->n_sessions ? p->n_sessions : 1) * sizeof *pos);
	if (!pos)
		return IGS_ENOMEM;
	for (int s = 0; s < p->n_sessions; s++)
		group[s] = -1;
	if (!json_is_array(root)) {
		igs_diag_add(d, path, "", "expected a list of lists of session ids, e.g. [[\"ws-1\", \"ws-7\"]]");
		errors++;
	} else if (json_array_size(root) == 0) {
		igs_diag_add(d, path, "", "lists no merge; give at least one list of session ids");
		errors++;
	}
	size_t i, k;
	json_t *m, *v;
	if (json_is_array(root))
		json_array_foreach(root, i, m) {
			snprintf(where, sizeof where, "[%zu]", i);
			if (!json_is_array(m)) {
				igs_diag_add(d, path, where, "expected a list of session ids to merge into one");
				errors++;
				continue;
			}
			if (json_array_size(m) < 2) {
				igs_diag_add(d, path, where, "lists %zu session id%s; a merge needs at least two",
					     json_array_size(m), json_array_size(m) == 1 ? "" : "s");
				errors++;
			}
			json_array_foreach(m, k, v) {
				snprintf(where, sizeof where, "[%zu][%zu]", i, k);
				int s = json_is_string(v) ? igs_problem_find_session(p, json_string_value(v)) : -1;
				if (!json_is_string(v)) {
					igs_diag_add(d, path, where, "expected a session id (a string)");
					errors++;
				} else if (s < 0) {
					igs_diag_add(d, path, where, "'%s' is not a session id of %s", json_string_value(v),
						     p->source);
					errors++;
				} else if (group[s] >= 0) {
					snprintf(first, sizeof first, "[%d][%d]", group[s], pos[s]);
					igs_diag_add(d, path, where, "'%s' is already merged at %s; list each session in one merge, once",
						     json_string_value(v), first);
					errors++;
				} else {
					group[s] = (int)i;
					pos[s] = (int)k;
				}
			}
		}
	free(pos);
	return errors ? IGS_EINPUT : IGS_OK;
}

int igs_duplicates_merge(const igs_problem *p, const char *merges_path, const char *out_path, int *n_sessions,
			 igs_diag *d) {
	int rc = IGS_OK;
	json_t *merges = NULL, *doc = NULL, *out_sessions = NULL;
	json_t **members = NULL;
	int *group = NULL;
	json_error_t je;
	if (!out_path || !*out_path || strcmp(out_path, "-") == 0) {
		igs_diag_add(d, "", "", "a merge writes a new problem file; give its name with -o (the result is checked before it is written, so not '-')");
		return IGS_EUSAGE;
	}
	if (igs_output_check(out_path, (const char *const[]){p->source, merges_path}, 2, d) != IGS_OK)
		return IGS_EUSAGE;
	if (!(group = malloc((size_t)(p->n_sessions ? p->n_sessions : 1) * sizeof *group)) ||
	    !(members = malloc((size_t)(p->n_sessions ? p->n_sessions : 1) * sizeof *members))) {
		rc = IGS_ENOMEM;
		goto cleanup;
	}
	if (!(merges = json_load_file(merges_path, JSON_REJECT_DUPLICATES, &je))) {
		char where[64] = "";
		if (je.line >= 0)
			snprintf(where, sizeof where, "line %d, column %d", je.line, je.column);
		igs_diag_add(d, merges_path, where, "cannot read the merges file: %s", je.text);
		rc = IGS_EINPUT;
		goto cleanup;
	}
	if ((rc = check_merges(p, merges, merges_path, group, d)) != IGS_OK)
		goto cleanup;
	/* Re-read the problem as JSON and edit only its sessions, so every other field (and
	 * every note under x- or _) is kept as written. */
	if (!(doc = json_load_file(p->source, JSON_REJECT_DUPLICATES, &je))) {
		igs_diag_add(d, p->source, "", "cannot read the problem file again: %s", je.text);
		rc = IGS_EINPUT;
		goto cleanup;
	}
	json_t *sessions = json_object_get(doc, "sessions");
	bool same = json_is_array(sessions) && json_array_size(sessions) == (size_t)p->n_sessions;
	for (int s = 0; same && s < p->n_sessions; s++) {
		const char *id = json_string_value(json_object_get(json_array_get(sessions, (size_t)s), "id"));
		same = id && strcmp(id, p->sessions[s].id) == 0;
	}
	if (!same) {
		igs_diag_add(d, p->source, "sessions", "changed while it was being read; run the merge again");
		rc = IGS_EINPUT;
		goto cleanup;
	}
	if (!(out_sessions = json_array())) {
		rc = IGS_ENOMEM;
		goto cleanup;
	}
	size_t n_merges = json_array_size(merges);
	for (size_t g = 0; g < n_merges; g++) {
		/* Members in the order the merges file lists them: the first gives the fields. */
		json_t *list = json_array_get(merges, g);
		int n = 0;
		for (size_t k = 0; k < json_array_size(list); k++)
			members[n++] = json_array_get(sessions, (size_t)igs_problem_find_session(
								     p, json_string_value(json_array_get(list, k))));
		json_t *merged = merge_group(members, n);
		int lead = igs_problem_find_session(p, json_string_value(json_array_get(list, 0)));
		/* Parked in the lead's place of the input array; the output keeps that position. */
		if (!merged || json_array_set_new(sessions, (size_t)lead, merged) != 0) {
			rc = IGS_ENOMEM;
			goto cleanup;
		}
		group[lead] = -2; /* kept, as the merged session */
	}
	for (int s = 0; s < p->n_sessions; s++)
		if (group[s] < 0 && json_array_append(out_sessions, json_array_get(sessions, (size_t)s)) != 0) {
			rc = IGS_ENOMEM;
			goto cleanup;
		}
	rc = igs_problem_write_checked(n_sessions, doc, out_sessions, out_path, "the merged problem",
				       "the merged problem does not pass validation, so it was not written:", d);
cleanup:
	if (rc == IGS_ENOMEM)
		igs_diag_add(d, out_path, "", "out of memory while merging sessions");
	json_decref(out_sessions);
	json_decref(doc);
	json_decref(merges);
	free(members);
	free(group);
	return rc;
}
