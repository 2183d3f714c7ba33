/* The weights table against the docs: docs/SOLVERS.md's table of soft terms in the MIP names
 * every weight once, in a row whose verdict agrees with the table's mip column, so the list of
 * terms the MIP leaves out cannot drift from the code. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"

#define SOLVERS_MD IGS_TEST_DATA "/../../docs/SOLVERS.md"

typedef struct {
	const char *name;
	igs_mip_treatment mip;
	int rows; /* rows of the docs' table that name it */
} term;

static term terms[] = {
#define IGS_T_TERM(f, n, d, m, h) {n, m, 0},
	IGS_WEIGHTS(IGS_T_TERM)
#undef IGS_T_TERM
};
enum { N_TERMS = sizeof terms / sizeof terms[0] };

static char *read_all(const char *path) {
	FILE *f = fopen(path, "rb");
	ck_assert_msg(f != NULL, "cannot open %s", path);
	fseek(f, 0, SEEK_END);
	long n = ftell(f);
	rewind(f);
	char *text = malloc((size_t)n + 1);
	ck_assert(text != NULL);
	ck_assert_int_eq((long)fread(text, 1, (size_t)n, f), n);
	text[n] = '\0';
	fclose(f);
	return text;
}

/* The verdict a row of the table gives in its third column ("exact?"). */
static igs_mip_treatment verdict(const char *third) {
	while (*third == ' ')
		third++;
	if (strncmp(third, "left out", 8) == 0)
		return IGS_MIP_NONE;
	if (strncmp(third, "exact |", 7) == 0 || strncmp(third, "exact (", 7) == 0)
		return IGS_MIP_EXACT;
	return IGS_MIP_BOUND;
}

static const char *mip_name(igs_mip_treatment m) {
	return m == IGS_MIP_EXACT ? "IGS_MIP_EXACT" : m == IGS_MIP_BOUND ? "IGS_MIP_BOUND" : "IGS_MIP_NONE";
}

START_TEST(test_solvers_md_agrees) {
	char *text = read_all(SOLVERS_MD);
	const char *table = strstr(text, "**Soft terms.**");
	ck_assert_msg(table != NULL, "docs/SOLVERS.md has no 'Soft terms.' table");
	const char *line = strstr(table, "\n|");
	ck_assert(line != NULL);
	int rows = 0;
	/* Row by row while the table lasts; the first two are the header and its rule. */
	for (line++; *line == '|'; rows++) {
		const char *end = strchr(line, '\n');
		ck_assert(end != NULL);
		if (rows >= 2) {
			const char *second = strchr(line + 1, '|');
			ck_assert(second != NULL && second < end);
			const char *bar = memchr(second + 1, '|', (size_t)(end - second - 1));
			ck_assert(bar != NULL);
			igs_mip_treatment m = verdict(bar + 1);
			int named = 0;
			for (const char *c = line + 1; c < second; c++) {
				if (*c != '`')
					continue;
				const char *close = memchr(c + 1, '`', (size_t)(second - c - 1));
				ck_assert(close != NULL);
				size_t len = (size_t)(close - c - 1);
				bool found = false;
				for (int k = 0; k < N_TERMS; k++)
					if (strlen(terms[k].name) == len && strncmp(terms[k].name, c + 1, len) == 0) {
						found = true;
						terms[k].rows++;
						ck_assert_msg(terms[k].mip == m, "%s: igfsched.h says %s, docs/SOLVERS.md says %s",
							      terms[k].name, mip_name(terms[k].mip), mip_name(m));
					}
				ck_assert_msg(found, "docs/SOLVERS.md names '%.*s', which is no soft term", (int)len, c + 1);
				named++;
				c = close;
			}
			ck_assert_msg(named > 0, "a row of docs/SOLVERS.md's soft terms names no term");
		}
		line = end + 1;
	}
	for (int k = 0; k < N_TERMS; k++)
		ck_assert_msg(terms[k].rows == 1, "%s: named in %d rows of docs/SOLVERS.md's soft terms, not one",
			      terms[k].name, terms[k].rows);
	free(text);
}
END_TEST

/* IGS_MIP_LEFT_OUT is the table's IGS_MIP_NONE rows, in order. */
START_TEST(test_left_out_list) {
	static const char *const left_out[] = {IGS_MIP_LEFT_OUT};
	size_t n = 0;
	for (int k = 0; k < N_TERMS; k++)
		if (terms[k].mip == IGS_MIP_NONE) {
			ck_assert(n < sizeof left_out / sizeof left_out[0]);
			ck_assert_str_eq(left_out[n], terms[k].name);
			n++;
		}
	ck_assert_uint_eq(n, sizeof left_out / sizeof left_out[0]);
	ck_assert_uint_gt(n, 0);
}
END_TEST

int main(void) {
	Suite *s = suite_create("weights");
	TCase *tc = tcase_create("mip column");
	tcase_add_test(tc, test_solvers_md_agrees);
	tcase_add_test(tc, test_left_out_list);
	suite_add_tcase(s, tc);
	SRunner *sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
