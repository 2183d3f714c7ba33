/* igfsched group -o: the problem file with the joint Dynamic Coalition sessions of a grouping
 * added, as an edit of its JSON document that keeps every other field as written. */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "io/problem_dump.h"
#include "model/grouping.h"

/* The problem with one dc_joint session per group appended (and, with replace, the members'
 * own dc_session sessions removed), written only when it loads. */
int igs_grouping_write_problem(const igs_grouping *R, const char *out_path, int duration, bool replace, igs_diag *d) {
	const igs_problem *p = R->p;
	int rc = IGS_OK;
	json_error_t je;
	json_t *doc = json_load_file(p->source, JSON_REJECT_DUPLICATES, &je), *kept = json_array();
	if (!doc || !kept) {
		igs_diag_add(d, p->source, "", "cannot read the problem again: %s", doc ? "out of memory" : je.text);
		rc = doc ? IGS_ENOMEM : IGS_EIO;
		goto cleanup;
	}
	json_t *sessions = json_object_get(doc, "sessions");
	size_t i;
	json_t *s;
	json_array_foreach(sessions, i, s) {
		const igs_session *S = &p->sessions[i];
		bool drop = false;
		for (int k = 0; replace && k < S->n_groups && strcmp(S->type, "dc_session") == 0; k++)
			for (int m = 0; m < R->n; m++)
				drop = drop || (R->member[m] == S->groups[k] && R->of[m] >= 0);
		if (!drop && json_array_append(kept, s) != 0) {
			rc = IGS_ENOMEM;
			goto cleanup;
		}
	}
	for (int j = 0; j < R->k; j++) {
		json_t *groups = json_array(), *themes = json_array(), *people = json_array();
		char id[32];
		snprintf(id, sizeof id, "dc-joint-%d", j + 1);
		int *theme_n = calloc((size_t)p->n_themes + 1, sizeof *theme_n);
		char *person = calloc((size_t)p->n_people + 1, 1);
		bool bad = !groups || !themes || !people || !theme_n || !person;
		for (int m = 0; !bad && m < R->n; m++) {
			if (R->of[m] != j)
				continue;
			bad = json_array_append_new(groups, json_string(p->groups[R->member[m]].id)) != 0;
			char *has = calloc((size_t)p->n_themes + 1, 1);
			bad = bad || !has;
			for (int x = 0; !bad && x < p->n_sessions; x++) {
				const igs_session *S = &p->sessions[x];
				bool in = false;
				for (int k = 0; k < S->n_groups; k++)
					in = in || S->groups[k] == R->member[m];
				if (!in)
					continue;
				for (int t = 0; t < S->n_themes; t++)
					has[S->themes[t]] = 1;
				for (int q = 0; q < S->n_people; q++)
					if (S->people[q].role == IGS_ROLE_ORGANISER)
						person[S->people[q].person] = 1;
			}
			for (int t = 0; has && t < p->n_themes; t++)
				theme_n[t] += has[t];
			free(has);
		}
		for (int t = 0; !bad && t < p->n_themes; t++)
			if (theme_n[t] >= 2)
				bad = json_array_append_new(themes, json_string(p->themes[t].id)) != 0;
		for (int q = 0; !bad && q < p->n_people; q++)
			if (person[q])
				bad = json_array_append_new(people, json_pack("{s:s, s:s}", "id", p->people[q].id, "role",
									   "organiser")) != 0;
		free(theme_n);
		free(person);
		json_t *js = bad ? NULL : json_pack("{s:s, s:s, s:s, s:i, s:O, s:O, s:O}", "id", id, "title", R->title[j], "type",
						   "dc_joint", "duration", duration, "groups", groups, "themes", themes,
						   "people", people);
		json_decref(groups);
		json_decref(themes);
		json_decref(people);
		if (!js || json_array_append_new(kept, js) != 0) {
			rc = IGS_ENOMEM;
			goto cleanup;
		}
	}
	rc = igs_problem_write_checked(NULL, doc, kept, out_path, "the problem",
				       "the problem with the joint sessions does not load, so it was not written:", d);
cleanup:
	json_decref(kept);
	json_decref(doc);
	return rc;
}
