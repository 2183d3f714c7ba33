/* Tests of the HTML output: escaping of every input string, clash and hard-violation marks,
 * the unscheduled list, no external resource, and the same bytes for the same schedule. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "testutil.h"

/* w1 and w2 run in parallel and share theme a and tag ai; w3 and w4 share room rb, person
 * p1 and theme b; w5 is optional and left out, w6 is required and left out. */
static const char *const sessions =
	"{\"id\": \"w1\", \"duration\": 90, \"themes\": [\"a\"], \"tags\": [\"ai\"],"
	" \"title\": \"<script>document.title='pwned'</script> & \\\"quotes\\\" 'single'\"},"
	"{\"id\": \"w2\", \"duration\": 90, \"themes\": [\"a\"], \"tags\": [\"ai\"], \"title\": \"Q&A <b>bold</b>\"},"
	"{\"id\": \"w3\", \"duration\": 90, \"themes\": [\"b\"], \"people\": [\"p1\"], \"title\": \"Données ouvertes\"},"
	"{\"id\": \"w4\", \"duration\": 90, \"themes\": [\"b\"], \"people\": [\"p1\", \"p2\"], \"title\": \"Open data\"},"
	"{\"id\": \"w5\", \"duration\": 60, \"optional\": true, \"priority\": 0.5, \"title\": \"Left out\"},"
	"{\"id\": \"w6\", \"duration\": 60, \"title\": \"Required but out\"}";

static void place(igs_schedule *s, const igs_problem *p, const char *id, int minute, const char *room) {
	int t = igs_problem_find_time(p, 0, minute);
	ck_assert_int_ge(t, 0);
	ck_assert_int_eq(igs_schedule_set(s, igs_problem_find_session(p, id), t, igs_problem_find_room(p, room)), IGS_OK);
}

static igs_schedule *draft(const igs_problem *p) {
	igs_schedule *s = igs_schedule_new(p);
	ck_assert_ptr_nonnull(s);
	place(s, p, "w1", 540, "hall");
	place(s, p, "w2", 540, "ra");
	place(s, p, "w3", 660, "rb");
	place(s, p, "w4", 660, "rb");
	ck_assert_int_eq(igs_schedule_set_reason(s, igs_problem_find_session(p, "w5"), "no room free in any allowed slot"),
			 IGS_OK);
	return s;
}

static char *html_of(const igs_schedule *s, const igs_report *r) {
	igs_diag *d = igs_diag_new();
	char *path = tu_write_temp("", ".html");
	ck_assert_int_eq(igs_schedule_write(s, r, IGS_FMT_HTML, path, d), IGS_OK);
	FILE *f = fopen(path, "rb");
	ck_assert_ptr_nonnull(f);
	char *text = calloc(1 << 20, 1);
	size_t n = fread(text, 1, (1 << 20) - 1, f);
	text[n] = 0;
	fclose(f);
	unlink(path);
	free(path);
	igs_diag_free(d);
	return text;
}

static int count_of(const char *hay, const char *needle) {
	int n = 0;
	for (const char *q = hay; (q = strstr(q, needle)); q += strlen(needle))
		n++;
	return n;
}

/* The text of the element with id="s<index>" up to its closing </div>. */
static char *block_of(const char *html, const igs_problem *p, const char *id) {
	char key[32];
	snprintf(key, sizeof key, "id=\"s%d\"", igs_problem_find_session(p, id));
	const char *a = strstr(html, key);
	ck_assert_msg(a != NULL, "no block for %s", id);
	const char *b = strstr(a, "</div>");
	ck_assert_ptr_nonnull(b);
	return strndup(a, (size_t)(b - a));
}

START_TEST(test_html_marks_and_escapes) {
	char *text = tu_problem(sessions, "");
	igs_problem *p = NULL;
	igs_diag *d = igs_diag_new();
	ck_assert_int_eq(tu_load_text(&p, d, text), IGS_OK);
	igs_schedule *s = draft(p);
	igs_report *r = tu_eval(p, s);
	ck_assert_int_eq(igs_report_hard_count(r), 3); /* w6 out, w3/w4 room and person */
	char *html = html_of(s, r);

	ck_assert_ptr_nonnull(strstr(html, "<!DOCTYPE html>\n"));
	ck_assert_ptr_nonnull(strstr(html, "<meta charset=\"utf-8\">"));
	/* Only the page's own two scripts; every title is text. */
	ck_assert_int_eq(count_of(html, "<script"), 2);
	ck_assert_ptr_nonnull(strstr(html, "<b>&lt;script&gt;document.title=&#39;pwned&#39;&lt;/script&gt; &amp; "
					   "&quot;quotes&quot; &#39;single&#39;</b>"));
	ck_assert_ptr_null(strstr(html, "<b>bold</b>"));
	ck_assert_ptr_nonnull(strstr(html, "Q&amp;A &lt;b&gt;bold&lt;/b&gt;"));
	ck_assert_ptr_nonnull(strstr(html, "<b>Données ouvertes</b>"));

	/* Self-contained: nothing to fetch. */
	const char *const remote[] = {"http://", "https://", "src=", "<link", "@import", "url("};
	for (size_t i = 0; i < sizeof remote / sizeof remote[0]; i++)
		ck_assert_msg(strstr(html, remote[i]) == NULL, "the page refers to '%s'", remote[i]);

	/* w1: first row of the hall (grid lines shifted by the header row and time column),
	 * marked as sharing theme A and tag ai with w2, no hard flag. */
	char *b1 = block_of(html, p, "w1");
	ck_assert_ptr_nonnull(strstr(b1, "class=\"s k0\" data-t=\"0\" style=\"grid-area:2/2/3/3\""));
	ck_assert_ptr_nonnull(strstr(b1, "Q&amp;A &lt;b&gt;bold&lt;/b&gt; (ra, 09:00–10:30): theme Theme A, tag ai\">clash ×1"));
	ck_assert_ptr_null(strstr(b1, "hard"));
	ck_assert_ptr_nonnull(strstr(b1, "workshop · 09:00–10:30</span>"));
	/* w3 and w4: one room, one person; both kinds named, the second drawn beside the first. */
	char *b3 = block_of(html, p, "w3"), *b4 = block_of(html, p, "w4");
	ck_assert_ptr_nonnull(strstr(b3, ">hard: room_clash person_clash</span>"));
	ck_assert_ptr_nonnull(strstr(b3, "class=\"s k1 hard\""));
	ck_assert_ptr_nonnull(strstr(b3, "· 1 person</span>"));
	ck_assert_ptr_nonnull(strstr(b3, "width:calc(50% - 4px);margin-left:calc(0% + 2px)"));
	ck_assert_ptr_nonnull(strstr(b4, "width:calc(50% - 4px);margin-left:calc(50% + 2px)"));
	ck_assert_ptr_nonnull(strstr(b4, "· 2 people</span>"));
	ck_assert_ptr_nonnull(strstr(b4, ">clash ×1</span>"));

	/* The unscheduled list with reasons, the required one flagged; the score. */
	ck_assert_ptr_nonnull(strstr(html, "<h2>Unscheduled sessions (2)</h2>"));
	ck_assert_ptr_nonnull(strstr(html, "no room free in any allowed slot"));
	ck_assert_ptr_nonnull(strstr(html, "<tr class=\"req\"><td>w6</td>"));
	ck_assert_ptr_nonnull(strstr(html, "optional, priority 0.5"));
	ck_assert_ptr_nonnull(strstr(html, ">3 hard violations</a>"));
	ck_assert_ptr_nonnull(strstr(html, "<tr><td>theme_clash</td><td class=\"n\">2</td><td class=\"n\">10</td>"
					   "<td class=\"n\">20</td>"));
	ck_assert_int_eq(count_of(html, "<li><b class=\"hardn\">"), 3);
	/* Each theme's path, in time order. */
	ck_assert_ptr_nonnull(strstr(html, "<section class=\"path\" data-i=\"1\" hidden>"));
	char path[128];
	snprintf(path, sizeof path, "<li><a href=\"#s%d\" data-s=\"%d\">Day 1 · 11:00–12:30 · rb · Open data</a> <em>",
		 igs_problem_find_session(p, "w4"), igs_problem_find_session(p, "w4"));
	ck_assert_ptr_nonnull(strstr(html, path));

	/* The same schedule gives the same bytes. */
	char *again = html_of(s, r);
	ck_assert_str_eq(html, again);

	free(again);
	free(b1);
	free(b3);
	free(b4);
	free(html);
	igs_report_free(r);
	igs_schedule_free(s);
	igs_problem_free(p);
	igs_diag_free(d);
	free(text);
}
END_TEST

/* Without a report the page still shows the grid and the reasons, with no marks or score. */
START_TEST(test_html_without_report) {
	char *text = tu_problem(sessions, "");
	igs_problem *p = NULL;
	igs_diag *d = igs_diag_new();
	ck_assert_int_eq(tu_load_text(&p, d, text), IGS_OK);
	igs_schedule *s = draft(p);
	char *html = html_of(s, NULL);
	ck_assert_ptr_nonnull(strstr(html, "· not evaluated</p>"));
	ck_assert_ptr_nonnull(strstr(html, "written without an evaluation"));
	ck_assert_ptr_null(strstr(html, ">hard:"));
	ck_assert_int_eq(count_of(html, ">clash ×1</span>"), 4);
	ck_assert_ptr_nonnull(strstr(html, "no room free in any allowed slot"));
	ck_assert_ptr_nonnull(strstr(html, "</html>\n"));
	free(html);
	igs_schedule_free(s);
	igs_problem_free(p);
	igs_diag_free(d);
	free(text);
}
END_TEST

int main(void) {
	Suite *s = suite_create("html");
	TCase *tc = tcase_create("html");
	tcase_add_test(tc, test_html_marks_and_escapes);
	tcase_add_test(tc, test_html_without_report);
	suite_add_tcase(s, tc);
	return tu_run_suite(s);
}
