/* Tests of near-duplicate detection on hand-computed cases: words, TF-IDF and Jaccard parts, ranking, clusters, merges and their errors, and the compare measures. */
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "solver/duplicates.h"
#include "testutil.h"

#define EPS 1e-9

/* ---- helpers ---- */

/* A problem from session JSON, kept in a file that exists until drop() (merges re-read it). */
typedef struct {
	igs_problem *p;
	char *path;
} fixture;

static fixture make(const char *sessions, const char *extra) {
	char *text = tu_problem(sessions, extra);
	fixture f = {NULL, tu_write_temp(text, ".json")};
	free(text);
	f.p = tu_load_file(f.path);
	return f;
}

static void drop(fixture *f) {
	igs_problem_free(f->p);
	unlink(f->path);
	free(f->path);
}

static int sid(const igs_problem *p, const char *id) {
	int s = igs_problem_find_session(p, id);
	ck_assert_msg(s >= 0, "no session '%s'", id);
	return s;
}

static igs_dup_parts sim(const igs_problem *p, const char *a, const char *b) {
	igs_dup_index *x = NULL;
	ck_assert_int_eq(igs_dup_index_build(&x, p), IGS_OK);
	igs_dup_parts r;
	igs_dup_similarity(x, sid(p, a), sid(p, b), &r);
	igs_dup_parts back;
	igs_dup_similarity(x, sid(p, b), sid(p, a), &back);
	ck_assert_msg(fabs(r.score - back.score) < EPS, "similarity is not symmetric");
	igs_dup_index_free(x);
	return r;
}

static void collect(const char *w, void *arg) {
	char *buf = arg;
	strcat(buf, w);
	strcat(buf, "|");
}

/* ---- words ---- */

START_TEST(test_words) {
	char buf[512] = "";
	/* Lower case; split on punctuation, the en dash and curly quotes; stop words and the
	 * lone "s" of "Internet's" dropped; digits kept; non-ASCII letters kept inside words. */
	igs_dup_words("The Internet's future \xe2\x80\x93 AI & Data: \xe2\x80\x9c""5G\xe2\x80\x9d for M\xc3\xa9xico, of-the-people",
		      collect, buf);
	ck_assert_str_eq(buf, "internet|future|ai|data|5g|m\xc3\xa9xico|people|");
	buf[0] = 0;
	igs_dup_words(NULL, collect, buf);
	igs_dup_words("", collect, buf);
	igs_dup_words(" - a, the; of ", collect, buf);
	ck_assert_str_eq(buf, "");
}
END_TEST

/* ---- the parts of a similarity ---- */

START_TEST(test_identical_and_disjoint_titles) {
	fixture f = make("{\"id\": \"s1\", \"duration\": 60, \"title\": \"Digital health data\"},"
			 "{\"id\": \"s2\", \"duration\": 60, \"title\": \"digital HEALTH, data!\"},"
			 "{\"id\": \"s3\", \"duration\": 60, \"title\": \"Blockchain standards\"}",
			 "");
	igs_dup_parts r = sim(f.p, "s1", "s2");
	ck_assert(fabs(r.text - 1.0) < EPS);
	/* No themes and no tags on either side: those parts are undefined and left out. */
	ck_assert(isnan(r.themes) && isnan(r.tags));
	ck_assert(fabs(r.score - 1.0) < EPS);
	r = sim(f.p, "s1", "s3");
	ck_assert(fabs(r.text) < EPS);
	ck_assert(fabs(r.score) < EPS);
	drop(&f);
}
END_TEST

START_TEST(test_idf_effect) {
	/* N = 4. df: common 3, apple 2, banana, cherry, date 1. Smoothed IDF ln((1+N)/(1+df)) + 1.
	 * s1 and s2 share only "common", s1 and s3 only the rarer "apple": the rare word counts
	 * more. cos(s1, s2) = c² / (|s1| |s2|) with |s1| = sqrt(c² + a²), |s2| = sqrt(c² + u²). */
	fixture f = make("{\"id\": \"s1\", \"duration\": 60, \"title\": \"common apple\"},"
			 "{\"id\": \"s2\", \"duration\": 60, \"title\": \"common banana\"},"
			 "{\"id\": \"s3\", \"duration\": 60, \"title\": \"apple cherry\"},"
			 "{\"id\": \"s4\", \"duration\": 60, \"title\": \"common date\"}",
			 "");
	double c = log(5.0 / 4.0) + 1, a = log(5.0 / 3.0) + 1, u = log(5.0 / 2.0) + 1;
	double s12 = c * c / (sqrt(c * c + a * a) * sqrt(c * c + u * u));
	double s13 = a * a / (sqrt(c * c + a * a) * sqrt(a * a + u * u));
	igs_dup_parts r12 = sim(f.p, "s1", "s2"), r13 = sim(f.p, "s1", "s3");
	ck_assert_msg(fabs(r12.text - s12) < EPS, "text %.9f, expected %.9f", r12.text, s12);
	ck_assert_msg(fabs(r13.text - s13) < EPS, "text %.9f, expected %.9f", r13.text, s13);
	ck_assert(fabs(s12 - 0.338541) < 1e-5 && fabs(s13 - 0.481199) < 1e-5);
	ck_assert(r13.text > r12.text);
	drop(&f);
}
END_TEST

START_TEST(test_term_frequency_and_description) {
	/* The description counts with the title; a word twice has twice the weight. N = 2, both
	 * words in both sessions: every IDF is 1. s1 = (2, 1), s2 = (1, 1): cos = 3 / (√5 √2). */
	fixture f = make("{\"id\": \"s1\", \"duration\": 60, \"title\": \"water\", \"description\": \"water energy\"},"
			 "{\"id\": \"s2\", \"duration\": 60, \"title\": \"energy water\"}",
			 "");
	igs_dup_parts r = sim(f.p, "s1", "s2");
	ck_assert(fabs(r.text - 3.0 / (sqrt(5.0) * sqrt(2.0))) < EPS);
	drop(&f);
}
END_TEST

START_TEST(test_jaccard_and_weights) {
	/* themes {a, b} vs {a}: 1/2; tags {x, y, z} vs {y, z, w}: 2/4; identical text.
	 * score = 0.6 · 1 + 0.2 · 0.5 + 0.2 · 0.5 = 0.8. */
	fixture f = make("{\"id\": \"s1\", \"duration\": 60, \"title\": \"Same words\", \"themes\": [\"a\", \"b\"], \"tags\": [\"x\", \"y\", \"z\"]},"
			 "{\"id\": \"s2\", \"duration\": 60, \"title\": \"Same words\", \"themes\": [\"a\"], \"tags\": [\"y\", \"z\", \"w\"]},"
			 "{\"id\": \"s3\", \"duration\": 60, \"title\": \"Same words\", \"themes\": [\"b\"]},"
			 "{\"id\": \"s4\", \"duration\": 60, \"title\": \"Same words\", \"themes\": [\"b\"], \"tags\": [\"x\"]},"
			 "{\"id\": \"s5\", \"duration\": 60, \"title\": \"-\", \"themes\": [\"b\"]}",
			 "");
	igs_dup_parts r = sim(f.p, "s1", "s2");
	ck_assert(fabs(r.text - 1) < EPS && fabs(r.themes - 0.5) < EPS && fabs(r.tags - 0.5) < EPS);
	ck_assert(fabs(r.score - 0.8) < EPS);
	/* s3 and s5: no tags on either side, s5 has no words: text 0 (one side empty), themes 1,
	 * tags left out: (0.6 · 0 + 0.2 · 1) / 0.8 = 0.25. */
	r = sim(f.p, "s3", "s5");
	ck_assert(fabs(r.text) < EPS && fabs(r.themes - 1) < EPS && isnan(r.tags));
	ck_assert(fabs(r.score - 0.25) < EPS);
	/* s3 and s4: tags on one side only count as 0. (0.6 + 0.2) / 1 = 0.8. */
	r = sim(f.p, "s3", "s4");
	ck_assert(fabs(r.tags) < EPS);
	ck_assert(fabs(r.score - 0.8) < EPS);
	drop(&f);
}
END_TEST

/* ---- ranking and clusters ---- */

static const char *const ranked_sessions =
	"{\"id\": \"zz\", \"duration\": 60, \"title\": \"Water policy\"},"
	"{\"id\": \"aa\", \"duration\": 60, \"title\": \"Water policy\"},"
	"{\"id\": \"mm\", \"duration\": 60, \"title\": \"Energy grids\"},"
	"{\"id\": \"bb\", \"duration\": 60, \"title\": \"Energy grids\"},"
	"{\"id\": \"cc\", \"duration\": 60, \"title\": \"Water policy and energy grids\"},"
	"{\"id\": \"dd\", \"duration\": 60, \"title\": \"Satellites\"},"
	"{\"id\": \"ee\", \"duration\": 60, \"title\": \"Community networks\"}";

START_TEST(test_ranking_order) {
	fixture f = make(ranked_sessions, "");
	igs_diag *d = igs_diag_new();
	igs_dups *x = NULL;
	ck_assert_int_eq(igs_duplicates_find(&x, f.p, 0.6, d), IGS_OK);
	/* Two pairs score 1: ordered by ids, smaller id first within a pair. Then cc with each
	 * of the four, which all score the same: by ids again. */
	const char *expect[][2] = {{"aa", "zz"}, {"bb", "mm"}, {"aa", "cc"}, {"bb", "cc"}, {"cc", "mm"}, {"cc", "zz"}};
	ck_assert_int_eq(igs_dups_pair_count(x), 6);
	for (int k = 0; k < 6; k++) {
		ck_assert_str_eq(f.p->sessions[x->pairs[k].a].id, expect[k][0]);
		ck_assert_str_eq(f.p->sessions[x->pairs[k].b].id, expect[k][1]);
		if (k > 0)
			ck_assert(x->pairs[k].parts.score <= x->pairs[k - 1].parts.score + 1e-6);
	}
	ck_assert(fabs(x->pairs[0].parts.score - 1) < EPS && fabs(x->pairs[1].parts.score - 1) < EPS);
	ck_assert(x->pairs[2].parts.score < 0.99 && x->pairs[2].parts.score >= 0.6);
	igs_dups_free(x);
	/* A threshold above cc's pairs keeps only the identical ones; 1 is allowed. */
	ck_assert_int_eq(igs_duplicates_find(&x, f.p, 1.0, d), IGS_OK);
	ck_assert_int_eq(igs_dups_pair_count(x), 2);
	ck_assert_int_eq(igs_dups_cluster_count(x), 2);
	igs_dups_free(x);
	/* Out of range: a usage error with a message. */
	ck_assert_int_eq(igs_duplicates_find(&x, f.p, 0.0, d), IGS_EUSAGE);
	ck_assert_ptr_null(x);
	ck_assert_int_eq(igs_duplicates_find(&x, f.p, 1.5, d), IGS_EUSAGE);
	ck_assert(tu_diag_has(d, "", "threshold"));
	igs_diag_free(d);
	drop(&f);
}
END_TEST

START_TEST(test_clusters) {
	fixture f = make(ranked_sessions, "");
	igs_diag *d = igs_diag_new();
	igs_dups *x = NULL;
	/* At 0.6, cc links the water and the energy pairs: one cluster of five; dd, ee alone. */
	ck_assert_int_eq(igs_duplicates_find(&x, f.p, 0.6, d), IGS_OK);
	ck_assert_int_eq(igs_dups_cluster_count(x), 1);
	ck_assert_int_eq(x->cstart[1] - x->cstart[0], 5);
	const char *members[] = {"aa", "bb", "cc", "mm", "zz"};
	for (int i = 0; i < 5; i++)
		ck_assert_str_eq(f.p->sessions[x->cmember[x->cstart[0] + i]].id, members[i]);
	ck_assert(fabs(x->cbest[0] - 1) < EPS);
	igs_dups_free(x);
	/* At 1: two clusters, ordered by best score, then by first id. */
	ck_assert_int_eq(igs_duplicates_find(&x, f.p, 1.0, d), IGS_OK);
	ck_assert_int_eq(x->n_clusters, 2);
	ck_assert_str_eq(f.p->sessions[x->cmember[x->cstart[0]]].id, "aa");
	ck_assert_str_eq(f.p->sessions[x->cmember[x->cstart[0] + 1]].id, "zz");
	ck_assert_str_eq(f.p->sessions[x->cmember[x->cstart[1]]].id, "bb");
	ck_assert_str_eq(f.p->sessions[x->cmember[x->cstart[1] + 1]].id, "mm");
	ck_assert_int_eq(x->cstart[2], 4);
	igs_dups_free(x);
	igs_diag_free(d);
	drop(&f);
}
END_TEST

START_TEST(test_outputs) {
	fixture f = make(ranked_sessions, "");
	igs_diag *d = igs_diag_new();
	igs_dups *x = NULL;
	ck_assert_int_eq(igs_duplicates_find(&x, f.p, 0.6, d), IGS_OK);
	char *buf = NULL;
	size_t len = 0;
	FILE *m = open_memstream(&buf, &len);
	ck_assert_int_eq(igs_dups_write_json(x, 2, m), IGS_OK);
	fclose(m);
	json_error_t je;
	json_t *j = json_loads(buf, 0, &je);
	ck_assert_ptr_nonnull(j);
	ck_assert_int_eq(json_integer_value(json_object_get(j, "n_pairs")), 6);
	ck_assert_int_eq(json_array_size(json_object_get(j, "pairs")), 2); /* --top 2 */
	json_t *first = json_array_get(json_object_get(j, "pairs"), 0);
	ck_assert_str_eq(json_string_value(json_object_get(first, "a")), "aa");
	ck_assert_str_eq(json_string_value(json_object_get(first, "b")), "zz");
	ck_assert(json_is_null(json_object_get(first, "themes"))); /* undefined part */
	ck_assert_int_eq(json_array_size(json_object_get(json_array_get(json_object_get(j, "clusters"), 0), "sessions")), 5);
	json_decref(j);
	free(buf);
	m = open_memstream(&buf, &len);
	ck_assert_int_eq(igs_dups_print(x, 0, m), IGS_OK);
	fclose(m);
	ck_assert(strstr(buf, "aa ~ zz") && strstr(buf, "cc ~ zz") && strstr(buf, "5 sessions"));
	free(buf);
	igs_dups_free(x);
	igs_diag_free(d);
	drop(&f);
}
END_TEST

/* ---- merges ---- */

static char *tmp_dir(void) {
	char *dir = strdup("/tmp/igs-dup-XXXXXX");
	ck_assert_ptr_nonnull(dir);
	ck_assert_ptr_nonnull(mkdtemp(dir));
	return dir;
}

static char *path_in(const char *dir, const char *name) {
	char *p = malloc(strlen(dir) + strlen(name) + 2);
	ck_assert_ptr_nonnull(p);
	sprintf(p, "%s/%s", dir, name);
	return p;
}

static bool exists(const char *path) {
	struct stat st;
	return stat(path, &st) == 0;
}

static const char *const merge_sessions =
	"{\"id\": \"s1\", \"title\": \"First\", \"duration\": 60, \"themes\": [\"a\"], \"tags\": [\"x\"],"
	" \"people\": [{\"id\": \"p1\", \"role\": \"organiser\"}], \"groups\": [\"dc1\"], \"attendance\": 40,"
	" \"description\": \"kept\", \"optional\": true, \"priority\": 2, \"x-own\": 1},"
	"{\"id\": \"s2\", \"title\": \"Other\", \"duration\": 60},"
	"{\"id\": \"s3\", \"title\": \"Third\", \"duration\": 90, \"themes\": [\"b\", \"a\"], \"tags\": [\"y\", \"x\"],"
	" \"people\": [{\"id\": \"p1\", \"role\": \"speaker\"}, \"p2\"], \"groups\": [\"dc2\"], \"priority\": 5,"
	" \"attendance\": 70, \"requires\": [\"hybrid\"]},"
	"{\"id\": \"s4\", \"title\": \"Fourth\", \"duration\": 30, \"optional\": true, \"priority\": 0.5},"
	"{\"id\": \"s5\", \"title\": \"Fifth\", \"duration\": 60, \"optional\": true}";

static json_t *session_of(json_t *doc, const char *id) {
	size_t i;
	json_t *s;
	json_array_foreach(json_object_get(doc, "sessions"), i, s) {
		if (strcmp(json_string_value(json_object_get(s, "id")), id) == 0)
			return s;
	}
	return NULL;
}

static void expect_strings(json_t *arr, const char *const *want, int n) {
	ck_assert_int_eq((int)json_array_size(arr), n);
	for (int i = 0; i < n; i++) {
		json_t *v = json_array_get(arr, (size_t)i);
		const char *got = json_is_string(v) ? json_string_value(v) : json_string_value(json_object_get(v, "id"));
		ck_assert_str_eq(got, want[i]);
	}
}

START_TEST(test_merge_result) {
	fixture f = make(merge_sessions, "\"_note\": \"top-level notes survive\"");
	char *dir = tmp_dir(), *out = path_in(dir, "merged.json");
	char *merges = tu_write_temp("[[\"s1\", \"s3\"], [\"s5\", \"s4\"]]", ".json");
	igs_diag *d = igs_diag_new();
	int n = 0;
	int rc = igs_duplicates_merge(f.p, merges, out, &n, d);
	if (rc != IGS_OK)
		tu_diag_dump(d);
	ck_assert_int_eq(rc, IGS_OK);
	ck_assert_int_eq(n, 3);
	/* It loads as a problem (what 'igfsched check' does). */
	igs_problem *q = NULL;
	ck_assert_int_eq(igs_problem_load(&q, out, d), IGS_OK);
	ck_assert_int_eq(q->n_sessions, 3);
	/* Order: the merged session in its first member's place. */
	ck_assert_str_eq(q->sessions[0].id, "s1");
	ck_assert_str_eq(q->sessions[1].id, "s2");
	ck_assert_str_eq(q->sessions[2].id, "s5");
	igs_problem_free(q);

	json_error_t je;
	json_t *doc = json_load_file(out, 0, &je);
	ck_assert_ptr_nonnull(doc);
	ck_assert_str_eq(json_string_value(json_object_get(doc, "_note")), "top-level notes survive");
	json_t *m = session_of(doc, "s1");
	ck_assert_ptr_nonnull(m);
	ck_assert_ptr_null(session_of(doc, "s3"));
	ck_assert_ptr_null(session_of(doc, "s4"));
	ck_assert_str_eq(json_string_value(json_object_get(m, "title")), "First");
	ck_assert_str_eq(json_string_value(json_object_get(m, "description")), "kept");
	ck_assert_int_eq(json_integer_value(json_object_get(m, "attendance")), 70); /* the largest */
	expect_strings(json_object_get(m, "requires"), (const char *[]){"hybrid"}, 1); /* the union */
	ck_assert_int_eq(json_integer_value(json_object_get(m, "x-own")), 1);
	ck_assert_int_eq(json_integer_value(json_object_get(m, "duration")), 90);      /* the longest */
	ck_assert(fabs(json_number_value(json_object_get(m, "priority")) - 5) < EPS); /* the highest */
	ck_assert(json_is_false(json_object_get(m, "optional")));                    /* s3 was required */
	expect_strings(json_object_get(m, "people"), (const char *[]){"p1", "p2"}, 2);
	/* p1 keeps the first member's role. */
	ck_assert_str_eq(json_string_value(json_object_get(json_array_get(json_object_get(m, "people"), 0), "role")),
			 "organiser");
	expect_strings(json_object_get(m, "groups"), (const char *[]){"dc1", "dc2"}, 2);
	expect_strings(json_object_get(m, "themes"), (const char *[]){"a", "b"}, 2);
	expect_strings(json_object_get(m, "tags"), (const char *[]){"x", "y"}, 2);
	expect_strings(json_object_get(m, "x-merged-from"), (const char *[]){"s1", "s3"}, 2);
	/* s5 (no priority: the default 1) with s4 (0.5): both optional, so optional; the first's
	 * fields; priority 1 beats 0.5; the longest is s5's 60. */
	json_t *m2 = session_of(doc, "s5");
	ck_assert(json_is_true(json_object_get(m2, "optional")));
	ck_assert_int_eq(json_integer_value(json_object_get(m2, "duration")), 60);
	ck_assert(fabs(json_number_value(json_object_get(m2, "priority")) - 1) < EPS);
	ck_assert_str_eq(json_string_value(json_object_get(m2, "title")), "Fifth");
	ck_assert_ptr_null(json_object_get(m2, "people")); /* no member had any */
	json_decref(doc);

	/* The input is unchanged, and merging again over the output replaces it. */
	igs_problem *again = NULL;
	ck_assert_int_eq(igs_problem_load(&again, f.path, d), IGS_OK);
	ck_assert_int_eq(again->n_sessions, 5);
	igs_problem_free(again);
	unlink(out);
	unlink(merges);
	rmdir(dir);
	free(merges);
	free(out);
	free(dir);
	igs_diag_free(d);
	drop(&f);
}
END_TEST

typedef struct {
	const char *merges; /* the MERGES.json text */
	const char *where;  /* the JSON path of the expected message */
	const char *needle; /* a piece of its text */
} merge_error;

static const merge_error merge_errors[] = {
	{"[[\"s1\", \"ws-99\"]]", "[0][1]", "'ws-99' is not a session id"},
	{"[[\"s1\", \"s2\"], [\"s3\", \"s1\"]]", "[1][1]", "'s1' is already merged at [0][0]"},
	{"[[\"s1\", \"s1\"]]", "[0][1]", "already merged at [0][0]"},
	{"[[\"s1\"]]", "[0]", "a merge needs at least two"},
	{"[[]]", "[0]", "a merge needs at least two"},
	{"[[\"s1\", 7]]", "[0][1]", "expected a session id"},
	{"[\"s1\", \"s2\"]", "[0]", "expected a list of session ids"},
	{"{\"s1\": \"s2\"}", "", "expected a list of lists"},
	{"[]", "", "lists no merge"},
	{"[[\"s1\", \"s2\"", "line 1, column", "cannot read the merges file"},
	/* Valid ids, but the merged session no longer fits its first member's window. */
	{"[[\"w1\", \"s3\"]]", "", "does not pass validation"},
};

START_TEST(test_merge_errors) {
	const merge_error *e = &merge_errors[_i];
	fixture f = make("{\"id\": \"w1\", \"duration\": 60, \"times\": [{\"from\": \"09:00\", \"to\": \"10:00\"}]},"
			 "{\"id\": \"s1\", \"duration\": 60}, {\"id\": \"s2\", \"duration\": 60}, {\"id\": \"s3\", \"duration\": 90}",
			 "");
	char *dir = tmp_dir(), *out = path_in(dir, "out.json");
	char *merges = tu_write_temp(e->merges, ".json");
	igs_diag *d = igs_diag_new();
	int rc = igs_duplicates_merge(f.p, merges, out, NULL, d);
	ck_assert_int_eq(rc, IGS_EINPUT);
	bool found = false;
	for (int i = 0; i < igs_diag_count(d); i++) {
		const igs_msg *m = igs_diag_get(d, i);
		found = found || ((strcmp(e->where, "") == 0 ? strcmp(m->where, "") == 0 : strncmp(m->where, e->where, strlen(e->where)) == 0) &&
				  strstr(m->message, e->needle));
	}
	if (!found)
		tu_diag_dump(d);
	ck_assert_msg(found, "no message at '%s' with '%s'", e->where, e->needle);
	/* The message names the merges file, except the validation of the result (the output). */
	ck_assert_str_eq(igs_diag_get(d, 0)->file, strstr(e->needle, "validation") ? out : merges);
	ck_assert_msg(!exists(out), "a failed merge wrote %s", out);
	/* No temporary file is left beside the output either. */
	ck_assert_int_eq(rmdir(dir), 0);
	unlink(merges);
	free(merges);
	free(out);
	free(dir);
	igs_diag_free(d);
	drop(&f);
}
END_TEST

START_TEST(test_merge_all_errors_at_once) {
	fixture f = make(merge_sessions, "");
	char *dir = tmp_dir(), *out = path_in(dir, "out.json");
	char *merges = tu_write_temp("[[\"s1\", \"nope\"], [\"s2\"], [\"s1\", \"s3\"]]", ".json");
	igs_diag *d = igs_diag_new();
	ck_assert_int_eq(igs_duplicates_merge(f.p, merges, out, NULL, d), IGS_EINPUT);
	ck_assert(tu_diag_has(d, "[0][1]", "'nope'"));
	ck_assert(tu_diag_has(d, "[1]", "at least two"));
	ck_assert(tu_diag_has(d, "[2][0]", "already merged at [0][0]"));
	ck_assert_int_eq(igs_diag_count(d), 3);
	ck_assert(!exists(out));
	rmdir(dir);
	unlink(merges);
	free(merges);
	free(out);
	free(dir);
	igs_diag_free(d);
	drop(&f);
}
END_TEST

START_TEST(test_merge_never_overwrites_inputs) {
	fixture f = make(merge_sessions, "");
	char *merges = tu_write_temp("[[\"s1\", \"s3\"]]", ".json");
	igs_diag *d = igs_diag_new();
	ck_assert_int_eq(igs_duplicates_merge(f.p, merges, f.path, NULL, d), IGS_EUSAGE);
	ck_assert(tu_diag_has(d, "", "inputs are never overwritten"));
	ck_assert_int_eq(igs_duplicates_merge(f.p, merges, merges, NULL, d), IGS_EUSAGE);
	ck_assert_int_eq(igs_duplicates_merge(f.p, merges, "-", NULL, d), IGS_EUSAGE);
	igs_problem *again = NULL;
	ck_assert_int_eq(igs_problem_load(&again, f.path, d), IGS_OK);
	ck_assert_int_eq(again->n_sessions, 5);
	igs_problem_free(again);
	unlink(merges);
	free(merges);
	igs_diag_free(d);
	drop(&f);
}
END_TEST

/* ---- compare ---- */

START_TEST(test_scenario_measure) {
	/* s1 and s2 are identical proposals: a duplicate pair when they overlap. */
	fixture f = make("{\"id\": \"s1\", \"duration\": 90, \"title\": \"Water policy\", \"themes\": [\"a\"]},"
			 "{\"id\": \"s2\", \"duration\": 60, \"title\": \"Water policy\", \"themes\": [\"a\"]},"
			 "{\"id\": \"s3\", \"duration\": 90, \"title\": \"Satellites\", \"themes\": [\"b\"], \"optional\": true}",
			 "");
	igs_schedule *s = igs_schedule_new(f.p);
	int t0 = igs_problem_find_time(f.p, 0, 9 * 60), t1 = igs_problem_find_time(f.p, 1, 9 * 60);
	ck_assert_int_eq(igs_schedule_set(s, sid(f.p, "s1"), t0, igs_problem_find_room(f.p, "ra")), IGS_OK);
	ck_assert_int_eq(igs_schedule_set(s, sid(f.p, "s2"), t0, igs_problem_find_room(f.p, "rb")), IGS_OK);
	igs_scenario v;
	ck_assert_int_eq(igs_scenario_measure(&v, f.p, s), IGS_OK);
	ck_assert_int_eq(v.scheduled, 2);
	ck_assert_int_eq(v.unscheduled, 1);
	ck_assert(fabs(v.room_hours - 2.5) < EPS);
	ck_assert(fabs(v.room_hours_available - 2 * 4.5 * 3) < EPS); /* 2 days × 270 min × 3 rooms */
	ck_assert_int_eq(v.duplicate_pairs, 1);
	ck_assert_int_eq(v.clash_pairs, 1);
	ck_assert_int_eq(v.hard_violations, 0);
	ck_assert(isnan(v.gap)); /* no solver, no bound */
	ck_assert(fabs(v.worst_share - 0.5) < EPS);
	ck_assert_int_eq(igs_schedule_set(s, sid(f.p, "s2"), t1, igs_problem_find_room(f.p, "rb")), IGS_OK);
	ck_assert_int_eq(igs_scenario_measure(&v, f.p, s), IGS_OK);
	ck_assert_int_eq(v.duplicate_pairs, 0);
	ck_assert_int_eq(v.clash_pairs, 0);
	char *buf = NULL;
	size_t len = 0;
	FILE *m = open_memstream(&buf, &len);
	const char *names[] = {"one", "a-much-longer-name"};
	igs_scenario two[2] = {v, v};
	igs_scenarios_print(two, names, 2, m);
	fclose(m);
	/* One column per scenario: the header names both, every row has two values. */
	ck_assert(strstr(buf, "one") && strstr(buf, "a-much-longer-name"));
	ck_assert(strstr(buf, "duplicate pairs in parallel"));
	free(buf);
	igs_schedule_free(s);
	drop(&f);
}
END_TEST

/* ---- every pair above a threshold: prefix filtering against all pairs ---- */

typedef struct {
	int n;
	char *seen; /* n × n: pair reported */
	int count;
	const igs_dup_index *ix;
} pair_seen;

static bool same_part(double x, double y) {
	return (isnan(x) && isnan(y)) || x == y;
}

static int note_pair(void *arg, int a, int b, const igs_dup_parts *parts) {
	pair_seen *ps = arg;
	/* The search scores a pair its own way: to the last bit as igs_dup_similarity does. */
	igs_dup_parts ref;
	igs_dup_similarity(ps->ix, a, b, &ref);
	ck_assert_msg(same_part(parts->text, ref.text) && same_part(parts->themes, ref.themes) &&
			      same_part(parts->tags, ref.tags) && parts->score == ref.score,
		      "pair (%d, %d): the search scores %.17g (text %.17g), igs_dup_similarity %.17g (text %.17g)", a, b,
		      parts->score, parts->text, ref.score, ref.text);
	ck_assert_msg(a < b, "pair (%d, %d) not in index order", a, b);
	ck_assert_msg(!ps->seen[a * ps->n + b], "pair (%d, %d) reported twice", a, b);
	ps->seen[a * ps->n + b] = 1;
	ps->count++;
	return IGS_OK;
}

START_TEST(test_pairs_match_all_pairs) {
	/* Titles from a skewed vocabulary (a few words in most titles, many rare ones), some
	 * sessions without words, themes or tags, so every mix of defined parts occurs. */
	static const char *const vocab[] = {"digital", "internet", "governance", "youth", "skills", "water",
					    "satellites", "privacy", "cyber", "norms", "inclusion", "access"};
	static const double thresholds[] = {0.2, 0.4, 0.41, 0.5, 0.6, 0.75, 0.9, 1.0};
	int checked = 0;
	for (unsigned seed = 1; seed <= 12; seed++) {
		unsigned x = seed * 2654435761u;
		tu_buf b = {0};
		int n = 40 + (int)(tu_lcg(&x) % 30);
		for (int i = 0; i < n; i++) {
			tu_put(&b, "%s{\"id\": \"%u\", \"duration\": 60, \"optional\": true, \"title\": \"", i ? "," : "", 1000 + i);
			int nw = (int)(tu_lcg(&x) % 5);
			for (int k = 0; k < nw; k++) {
				unsigned r = tu_lcg(&x) % 100;
				int w = r < 40 ? (int)(r % 3) : 3 + (int)(r % 9);
				tu_put(&b, "%s%s", k ? " " : "", vocab[w]);
			}
			tu_put(&b, "\"");
			if (tu_lcg(&x) % 3)
				tu_put(&b, ", \"themes\": [\"%s\"]", tu_lcg(&x) % 2 ? "a" : "b");
			if (tu_lcg(&x) % 2)
				tu_put(&b, ", \"tags\": [\"t%u\"%s]", tu_lcg(&x) % 3, tu_lcg(&x) % 2 ? ", \"u\"" : "");
			tu_put(&b, "}");
		}
		fixture f = make(b.s, "");
		free(b.s);
		igs_dup_index *ix = NULL;
		ck_assert_int_eq(igs_dup_index_build(&ix, f.p), IGS_OK);
		for (size_t k = 0; k < sizeof thresholds / sizeof thresholds[0]; k++) {
			pair_seen ps = {n, calloc((size_t)n * (size_t)n, 1), 0, ix};
			ck_assert_int_eq(igs_dup_pairs(ix, thresholds[k], note_pair, &ps), IGS_OK);
			int expected = 0;
			for (int a = 0; a < n; a++)
				for (int c = a + 1; c < n; c++) {
					igs_dup_parts parts;
					igs_dup_similarity(ix, a, c, &parts);
					bool in = llround(parts.score * 1e6) >= llround(thresholds[k] * 1e6);
					expected += in;
					ck_assert_msg(in == (ps.seen[a * n + c] != 0),
						      "seed %u, threshold %g: pair %s/%s (score %.9f) %s", seed, thresholds[k],
						      f.p->sessions[a].id, f.p->sessions[c].id, parts.score,
						      in ? "missed" : "reported below the threshold");
				}
			ck_assert_int_eq(ps.count, expected);
			checked += expected;
			free(ps.seen);
		}
		igs_dup_index_free(ix);
		drop(&f);
	}
	ck_assert_msg(checked > 1000, "only %d pairs compared above thresholds: the cases are too easy", checked);
}
END_TEST

START_TEST(test_links_stop_at_deadline) {
	/* A deadline already past stops the search before its first session: no links, and the
	 * problem says so; without one the same problem gets its link back. */
	fixture f = make("{\"id\": \"s1\", \"duration\": 60, \"title\": \"Water policy\", \"themes\": [\"a\"]},"
			 "{\"id\": \"s2\", \"duration\": 60, \"title\": \"Water policy\", \"themes\": [\"a\"]}",
			 "");
	int s1 = sid(f.p, "s1"), s2 = sid(f.p, "s2");
	char note[512];
	ck_assert(!igs_problem_load_warning(f.p, note, sizeof note));
	ck_assert(igs_dup_link(f.p, s1, s2) > 0.99);
	ck_assert_int_eq(igs_dup_links_build(f.p, 0, 0.0), IGS_OK);
	ck_assert(f.p->dup_stopped);
	ck_assert_int_eq(f.p->dup_done, 0);
	ck_assert(igs_dup_link(f.p, s1, s2) == 0);
	ck_assert(igs_problem_load_warning(f.p, note, sizeof note));
	ck_assert_msg(strstr(note, "stopped at the time limit") && strstr(note, "0 of 2 sessions"), "%s", note);
	ck_assert_int_eq(igs_dup_links_build(f.p, 0, INFINITY), IGS_OK);
	ck_assert(!f.p->dup_stopped);
	ck_assert_int_eq(f.p->dup_done, 2);
	ck_assert(igs_dup_link(f.p, s1, s2) > 0.99);
	ck_assert(!igs_problem_load_warning(f.p, note, sizeof note));
	drop(&f);
}
END_TEST

START_TEST(test_links_and_clash_term) {
	/* s1 and s2: the same title, theme and tag (similarity 1); s3 shares only the theme and
	 * one title word, well below 0.6. */
	fixture f = make("{\"id\": \"s1\", \"duration\": 60, \"title\": \"Water policy\", \"themes\": [\"a\"]},"
			 "{\"id\": \"s2\", \"duration\": 60, \"title\": \"Water policy\", \"themes\": [\"a\"]},"
			 "{\"id\": \"s3\", \"duration\": 60, \"title\": \"Water satellites orbit\", \"themes\": [\"a\"]}",
			 "");
	int s1 = sid(f.p, "s1"), s2 = sid(f.p, "s2"), s3 = sid(f.p, "s3");
	ck_assert(fabs(igs_dup_link(f.p, s1, s2) - 1) < EPS);
	ck_assert(fabs(igs_dup_link(f.p, s2, s1) - 1) < EPS);
	ck_assert(igs_dup_link(f.p, s1, s3) == 0 && igs_dup_link(f.p, s3, s2) == 0);
	igs_schedule *s = igs_schedule_new(f.p);
	int t0 = igs_problem_find_time(f.p, 0, 9 * 60), t1 = igs_problem_find_time(f.p, 1, 9 * 60);
	int ra = igs_problem_find_room(f.p, "ra"), rb = igs_problem_find_room(f.p, "rb");
	ck_assert_int_eq(igs_schedule_set(s, s1, t0, ra), IGS_OK);
	ck_assert_int_eq(igs_schedule_set(s, s2, t0, rb), IGS_OK);
	ck_assert_int_eq(igs_schedule_set(s, s3, t1, ra), IGS_OK);
	igs_report *r = tu_eval(f.p, s);
	ck_assert(fabs(r->duplicate_clash.count - 1) < EPS);
	ck_assert(fabs(r->duplicate_clash.cost - f.p->weights.duplicate_clash) < EPS);
	/* the solvers' pair cost charges the same */
	double pair = igs_pair_soft(f.p, s1, t0, s2, t0);
	ck_assert(fabs(pair - (f.p->weights.theme_clash + f.p->weights.duplicate_clash)) < EPS);
	igs_report_free(r);
	/* apart: nothing to charge */
	ck_assert_int_eq(igs_schedule_set(s, s2, t1, rb), IGS_OK);
	r = tu_eval(f.p, s);
	ck_assert(r->duplicate_clash.count == 0);
	igs_report_free(r);
	igs_schedule_free(s);
	drop(&f);

	/* meeting.duplicate_threshold 1 keeps identical pairs only: s3 adds a theme (0.75). */
	char *text = tu_problem("{\"id\": \"s1\", \"duration\": 60, \"title\": \"Water policy\"},"
				"{\"id\": \"s2\", \"duration\": 60, \"title\": \"Water policy\"},"
				"{\"id\": \"s3\", \"duration\": 60, \"title\": \"Water policy\", \"themes\": [\"a\"]}",
				"");
	const char *key = "\"name\": \"Test\",";
	char *at = strstr(text, key);
	ck_assert_ptr_nonnull(at);
	tu_buf b = {0};
	tu_put(&b, "%.*s\"name\": \"Test\", \"duplicate_threshold\": 1,%s", (int)(at - text), text, at + strlen(key));
	free(text);
	char *path = tu_write_temp(b.s, ".json");
	free(b.s);
	igs_problem *p = tu_load_file(path);
	ck_assert_int_eq(p->dup_start[p->n_sessions], 2); /* s1-s2, in both directions */
	ck_assert(igs_dup_link(p, 0, 2) == 0);
	igs_problem_free(p);
	unlink(path);
	free(path);

	/* a threshold outside (0, 1] is an input error at its path */
	text = tu_problem("{\"id\": \"s1\", \"duration\": 60}", "");
	at = strstr(text, key);
	b = (tu_buf){0};
	tu_put(&b, "%.*s\"name\": \"Test\", \"duplicate_threshold\": 1.5,%s", (int)(at - text), text, at + strlen(key));
	free(text);
	path = tu_write_temp(b.s, ".json");
	free(b.s);
	igs_diag *d = igs_diag_new();
	p = NULL;
	ck_assert_int_eq(igs_problem_load(&p, path, d), IGS_EINPUT);
	ck_assert_ptr_null(p);
	ck_assert_int_eq(igs_diag_count(d), 1);
	ck_assert_str_eq(igs_diag_get(d, 0)->where, "meeting.duplicate_threshold");
	ck_assert(strstr(igs_diag_get(d, 0)->message, "1.5 is not a similarity above 0 and at most 1"));
	igs_diag_free(d);
	unlink(path);
	free(path);
}
END_TEST

int main(void) {
	Suite *s = suite_create("duplicates");
	TCase *tc = tcase_create("similarity");
	tcase_add_test(tc, test_words);
	tcase_add_test(tc, test_identical_and_disjoint_titles);
	tcase_add_test(tc, test_idf_effect);
	tcase_add_test(tc, test_term_frequency_and_description);
	tcase_add_test(tc, test_jaccard_and_weights);
	tcase_add_test(tc, test_pairs_match_all_pairs);
	tcase_add_test(tc, test_links_and_clash_term);
	suite_add_tcase(s, tc);
	tc = tcase_create("ranking");
	tcase_add_test(tc, test_ranking_order);
	tcase_add_test(tc, test_clusters);
	tcase_add_test(tc, test_links_stop_at_deadline);
	tcase_add_test(tc, test_outputs);
	suite_add_tcase(s, tc);
	tc = tcase_create("merge");
	tcase_add_test(tc, test_merge_result);
	tcase_add_loop_test(tc, test_merge_errors, 0, (int)(sizeof merge_errors / sizeof merge_errors[0]));
	tcase_add_test(tc, test_merge_all_errors_at_once);
	tcase_add_test(tc, test_merge_never_overwrites_inputs);
	suite_add_tcase(s, tc);
	tc = tcase_create("compare");
	tcase_add_test(tc, test_scenario_measure);
	suite_add_tcase(s, tc);
	return tu_run_suite(s);
}
