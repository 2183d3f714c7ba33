/* Tests of joint Dynamic Coalition grouping: known best groupings, size bounds, wishes, infeasible cases, heuristic against exhaustive search, the written problem. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "model/grouping.h"
#include "testutil.h"

/* A problem with one coalition (group of kind dc) per entry of topics[], each with one
 * dc_session; topics are ';'-separated phrases. */
static igs_problem *coalitions(const char *const *topics, int n, char **path_out) {
	tu_buf b = {0};
	tu_put(&b, "{\"meeting\": {\"name\": \"DCs\"}, \"days\": [{\"date\": \"2025-06-23\", \"slots\": [\"09:00-18:00\"]}],"
		   " \"rooms\": [{\"id\": \"r1\"}, {\"id\": \"r2\"}, {\"id\": \"r3\"}],"
		   " \"people\": [{\"id\": \"o1\"}], \"groups\": [");
	for (int i = 0; i < n; i++) {
		tu_put(&b, "%s{\"id\": \"dc%d\", \"kind\": \"dc\", \"topics\": [", i ? ", " : "", i);
		char copy[256];
		snprintf(copy, sizeof copy, "%s", topics[i]);
		char *save = NULL;
		int k = 0;
		for (char *t = strtok_r(copy, ";", &save); t; t = strtok_r(NULL, ";", &save))
			tu_put(&b, "%s\"%s\"", k++ ? ", " : "", t);
		tu_put(&b, "]}");
	}
	tu_put(&b, ", {\"id\": \"bpf1\", \"kind\": \"bpf\", \"topics\": [\"water\"]}], \"sessions\": [");
	for (int i = 0; i < n; i++)
		tu_put(&b, "%s{\"id\": \"s%d\", \"type\": \"dc_session\", \"title\": \"Session %d\", \"duration\": 60,"
			   " \"groups\": [\"dc%d\"], \"people\": [{\"id\": \"o1\", \"role\": \"organiser\"}]}",
		       i ? ", " : "", i, i, i);
	tu_put(&b, "]}");
	char *path = tu_write_temp(b.s, ".json");
	free(b.s);
	igs_problem *p = tu_load_file(path);
	if (path_out)
		*path_out = path;
	else {
		unlink(path);
		free(path);
	}
	return p;
}

static const char *const clusters[] = {"water;rivers", "water;oceans", "water;rain",  "roads;cars",
				       "roads;bikes",  "roads;trains", "books;libraries", "books;reading"};

static igs_group_options opts(int k, int lo, int hi) {
	return (igs_group_options){.k = k, .min_size = lo, .max_size = hi, .kind = "dc", .seed = 1};
}

static igs_grouping *find(const igs_problem *p, const igs_group_options *o, int want) {
	igs_diag *d = igs_diag_new();
	igs_grouping *g = NULL;
	int rc = igs_group_find(&g, p, o, d);
	if (rc != want)
		tu_diag_dump(d);
	ck_assert_int_eq(rc, want);
	igs_diag_free(d);
	return g;
}

static bool together(const igs_grouping *g, int a, int b) {
	return g->of[a] >= 0 && g->of[a] == g->of[b];
}

START_TEST(test_known_clusters) {
	igs_problem *p = coalitions(clusters, 8, NULL);
	igs_group_options o = opts(3, 2, 3);
	igs_grouping *g = find(p, &o, IGS_OK);
	ck_assert_int_eq(g->n, 8); /* the bpf group takes no part */
	ck_assert(g->proven);
	ck_assert(together(g, 0, 1) && together(g, 1, 2) && together(g, 3, 4) && together(g, 4, 5) && together(g, 6, 7));
	ck_assert(!together(g, 0, 3) && !together(g, 3, 6) && !together(g, 0, 6));
	ck_assert_msg(strstr(g->title[g->of[6]], "books") != NULL, "title %s", g->title[g->of[6]]);
	ck_assert(strstr(g->topics[g->of[0]], "water") != NULL);
	igs_grouping_free(g);
	/* at most 2 a session, 4 sessions: every cluster splits, nothing mixes books with roads */
	o = opts(4, 2, 2);
	g = find(p, &o, IGS_OK);
	int load[4] = {0};
	for (int i = 0; i < 8; i++)
		load[g->of[i]]++;
	for (int j = 0; j < 4; j++)
		ck_assert_int_eq(load[j], 2);
	ck_assert(together(g, 6, 7));
	igs_grouping_free(g);
	igs_problem_free(p);
}
END_TEST

static char *wishes_file(const char *json) {
	return tu_write_temp(json, ".json");
}

START_TEST(test_wishes) {
	igs_problem *p = coalitions(clusters, 8, NULL);
	char *w = wishes_file("{\"with\": [[\"dc0\", \"dc3\"]], \"not_with\": [[\"dc1\", \"dc2\"]], \"bilateral_only\": [\"dc7\"]}");
	igs_group_options o = opts(3, 2, 3);
	o.wishes = w;
	igs_grouping *g = find(p, &o, IGS_OK);
	ck_assert(together(g, 0, 3));  /* with, against the topics */
	ck_assert(!together(g, 1, 2)); /* not with */
	ck_assert_int_eq(g->of[7], -1);
	ck_assert_str_eq(g->why[7], "bilateral meeting only, by wish");
	igs_grouping_free(g);
	unlink(w);
	free(w);
	igs_problem_free(p);
}
END_TEST

static void expect_error(const char *wishes, int k, int lo, int hi, int want, const char *text) {
	igs_problem *p = coalitions(clusters, 8, NULL);
	char *w = wishes ? wishes_file(wishes) : NULL;
	igs_group_options o = opts(k, lo, hi);
	o.wishes = w;
	igs_diag *d = igs_diag_new();
	igs_grouping *g = NULL;
	ck_assert_int_eq(igs_group_find(&g, p, &o, d), want);
	ck_assert_ptr_null(g);
	bool found = false;
	for (int i = 0; i < igs_diag_count(d); i++)
		found = found || strstr(igs_diag_get(d, i)->message, text) != NULL;
	if (!found)
		tu_diag_dump(d);
	ck_assert_msg(found, "no message containing '%s'", text);
	igs_diag_free(d);
	if (w) {
		unlink(w);
		free(w);
	}
	igs_problem_free(p);
}

START_TEST(test_infeasible) {
	expect_error(NULL, 2, 2, 3, IGS_EINPUT, "8 coalitions cannot form 2 joint sessions of 2 to 3");
	expect_error(NULL, 5, 2, 4, IGS_EINPUT, "needs between 10 and 20");
	expect_error("{\"with\": [[\"dc0\", \"dc1\"], [\"dc1\", \"dc2\"], [\"dc2\", \"dc3\"]]}", 3, 2, 3, IGS_EINPUT,
		     "4 coalitions are joined by \"with\" wishes, more than --max-size 3");
	expect_error("{\"with\": [[\"dc0\", \"dc1\"]], \"not_with\": [[\"dc1\", \"dc0\"]]}", 3, 2, 3, IGS_EINPUT,
		     "wished apart but joined");
	expect_error("{\"with\": [[\"dc0\", \"nope\"]]}", 3, 2, 3, IGS_EINPUT, "'nope' is not a group of the kind");
	expect_error("{\"not_with\": [[\"dc0\", \"dc1\"], [\"dc0\", \"dc2\"], [\"dc1\", \"dc2\"]]}", 2, 4, 4,
		     IGS_EINFEASIBLE, "no grouping keeps every size bound");
}
END_TEST

START_TEST(test_heuristic_matches_exhaustive) {
	static const char *const words[] = {"water", "roads", "books", "health", "rights", "data", "youth", "trade"};
	int agree = 0;
	for (unsigned seed = 1; seed <= 12; seed++) {
		unsigned x = seed * 2654435761u;
		char topics[10][64];
		const char *tp[10];
		for (int i = 0; i < 10; i++) {
			snprintf(topics[i], sizeof topics[i], "%s;%s", words[tu_lcg(&x) % 8], words[tu_lcg(&x) % 8]);
			tp[i] = topics[i];
		}
		igs_problem *p = coalitions(tp, 10, NULL);
		igs_group_options o = opts(3, 2, 4);
		igs_grouping *a = find(p, &o, IGS_OK);
		o.exhaustive_max = -1;
		igs_grouping *b = find(p, &o, IGS_OK);
		ck_assert(a->proven && !b->proven);
		ck_assert_msg(b->objective <= a->objective + 1e-9, "heuristic %.9f beats the proven optimum %.9f",
			      b->objective, a->objective);
		agree += fabs(a->objective - b->objective) < 1e-9;
		/* same seed, same grouping */
		igs_grouping *c = find(p, &o, IGS_OK);
		ck_assert_mem_eq(b->of, c->of, (size_t)b->n * sizeof *b->of);
		igs_grouping_free(a);
		igs_grouping_free(b);
		igs_grouping_free(c);
		igs_problem_free(p);
	}
	ck_assert_msg(agree == 12, "the local search found the optimum on %d of 12 cases", agree);
}
END_TEST

START_TEST(test_written_problem) {
	char *path = NULL;
	igs_problem *p = coalitions(clusters, 8, &path);
	igs_group_options o = opts(3, 2, 3);
	igs_grouping *g = find(p, &o, IGS_OK);
	char *out = tu_write_temp("", ".json");
	igs_diag *d = igs_diag_new();
	ck_assert_int_eq(igs_grouping_write_problem(g, out, 90, true, d), IGS_OK);
	igs_problem *q = tu_load_file(out);
	int joint = 0, single = 0;
	for (int s = 0; s < q->n_sessions; s++) {
		joint += strcmp(q->sessions[s].type, "dc_joint") == 0;
		single += strcmp(q->sessions[s].type, "dc_session") == 0;
		if (strcmp(q->sessions[s].type, "dc_joint") == 0) {
			ck_assert_int_eq(q->sessions[s].duration, 90);
			ck_assert_int_ge(q->sessions[s].n_groups, 2);
		}
	}
	ck_assert_int_eq(joint, 3);
	ck_assert_int_eq(single, 0); /* --replace: every grouped coalition's own session goes */
	igs_problem_free(q);
	igs_diag_free(d);
	igs_grouping_free(g);
	igs_problem_free(p);
	unlink(out);
	unlink(path);
	free(out);
	free(path);
}
END_TEST

int main(void) {
	Suite *s = suite_create("group");
	TCase *tc = tcase_create("group");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_known_clusters);
	tcase_add_test(tc, test_wishes);
	tcase_add_test(tc, test_infeasible);
	tcase_add_test(tc, test_heuristic_matches_exhaustive);
	tcase_add_test(tc, test_written_problem);
	suite_add_tcase(s, tc);
	return tu_run_suite(s);
}
