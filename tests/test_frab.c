/* Tests of the frab output against the format's own validator: every schedule.xml igfsched
 * writes (the bundled examples' committed schedules, the imported fixtures, edge cases) passes
 * C3VOC's schedule.xml.xsd through libxml2's schema validation. The schema is third-party data
 * read from ../shared/data/frab (or $IGS_SHARED_DATA/frab): without it the test is skipped. */
#include <libxml/parser.h>
#include <libxml/xmlschemas.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "io/frab.h"
#include "testutil.h"

static char xsd[4200];
static xmlSchema *schema;

static void schema_error(void *ctx, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void schema_error(void *ctx, const char *fmt, ...) {
	(void)ctx;
	va_list ap;
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
}

/* Does this XML text pass the schema? Its errors are printed. */
static bool valid(const char *text, size_t len, const char *what) {
	xmlDoc *doc = xmlReadMemory(text, (int)len, what, NULL, XML_PARSE_NONET);
	if (!doc) {
		fprintf(stderr, "%s: not well-formed\n", what);
		return false;
	}
	xmlSchemaValidCtxt *vc = xmlSchemaNewValidCtxt(schema);
	ck_assert_ptr_nonnull(vc);
	xmlSchemaSetValidErrors(vc, schema_error, schema_error, NULL);
	int rc = xmlSchemaValidateDoc(vc, doc);
	xmlSchemaFreeValidCtxt(vc);
	xmlFreeDoc(doc);
	if (rc != 0)
		fprintf(stderr, "%s: does not validate against %s\n", what, xsd);
	return rc == 0;
}

/* s as igfsched writes schedule.xml (caller frees). */
static char *frab_of(const igs_schedule *s, size_t *len) {
	char *text = NULL;
	FILE *f = open_memstream(&text, len);
	ck_assert_ptr_nonnull(f);
	ck_assert_int_eq(igs_write_frab(f, s, false), IGS_OK);
	ck_assert_int_eq(fclose(f), 0);
	return text;
}

static void check_schedule_file(const char *problem, const char *schedule) {
	igs_problem *p = tu_load_file(problem);
	igs_diag *d = igs_diag_new();
	igs_schedule *s = NULL;
	int rc = igs_schedule_load(&s, p, schedule, d);
	if (rc != IGS_OK)
		tu_diag_dump(d);
	ck_assert_int_eq(rc, IGS_OK);
	size_t len;
	char *text = frab_of(s, &len);
	ck_assert_msg(valid(text, len, schedule), "the frab XML of %s does not validate", schedule);
	free(text);
	igs_schedule_free(s);
	igs_problem_free(p);
	igs_diag_free(d);
}

START_TEST(bundled_examples_validate) {
	static const char *const names[] = {"dc-consolidated", "dc-individual", "dc-joint", "dc-joint10", "igf-2023",
					    "igf-like",        "igf-thematic",  "small",    "tracks"};
	static const char *const kinds[] = {"auto", "exact", "heuristic"};
	int n = 0;
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++) {
			char problem[512], schedule[512];
			snprintf(problem, sizeof problem, "%s/%s.json", IGS_EXAMPLES_DIR, names[i]);
			snprintf(schedule, sizeof schedule, "%s/schedules/%s.%s.json", IGS_TEST_DATA, names[i], kinds[k]);
			if (access(schedule, R_OK) != 0)
				continue; /* not every example has a schedule of every pipeline */
			check_schedule_file(problem, schedule);
			n++;
		}
	ck_assert_int_ge(n, 20);
}
END_TEST

/* Each fixture of tests/data/frab imported with its real schedule, written back. */
START_TEST(imported_fixtures_validate) {
	static const char *const names[] = {"clean", "flaws", "night"};
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		for (int thematic = 0; thematic < 2; thematic++) {
			char in[512];
			snprintf(in, sizeof in, "%s/frab/%s.xml", IGS_TEST_DATA, names[i]);
			char *problem = tu_write_temp("", ".json"), *real = tu_write_temp("", ".json");
			igs_frab_import_options o = {.real_schedule = real, .thematic_rooms = thematic};
			igs_frab_import_stats st;
			igs_diag *d = igs_diag_new();
			int rc = igs_import_frab(&st, in, problem, &o, d);
			if (rc != IGS_OK)
				tu_diag_dump(d);
			ck_assert_int_eq(rc, IGS_OK);
			igs_diag_free(d);
			check_schedule_file(problem, real);
			unlink(problem);
			unlink(real);
			free(problem);
			free(real);
		}
}
END_TEST

/* Text the schema's patterns could trip on, a day ending at 24:00, a day without sessions,
 * a session without theme or people, and one left out. */
START_TEST(edge_cases_validate) {
	igs_problem *p = tu_load_ok(
		"{\"meeting\": {\"name\": \"Edge <&> \\\"cases\\\" \\u0001\", \"timezone\": \"UTC-05:30\", \"utc_offset\": "
		"\"-05:30\"},"
		" \"days\": [{\"date\": \"2025-12-31\", \"slots\": [\"20:00-24:00\"]}, {\"date\": \"2026-01-01\", \"slots\": "
		"[\"09:00-10:00\"]}],"
		" \"rooms\": [{\"id\": \"r\", \"name\": \"Room & <co>\"}],"
		" \"people\": [{\"id\": \"ann\", \"name\": \"Ann \\u00e9\"}],"
		" \"sessions\": [{\"id\": \"late\", \"title\": \"Till ]]> midnight\", \"duration\": 120, \"people\": [\"ann\"]},"
		" {\"id\": \"x\", \"duration\": 60, \"optional\": true}]}");
	igs_schedule *s = igs_schedule_new(p);
	ck_assert_ptr_nonnull(s);
	ck_assert_int_eq(igs_schedule_set(s, 0, igs_problem_find_time(p, 0, 20 * 60), 0), IGS_OK);
	size_t len;
	char *text = frab_of(s, &len);
	ck_assert_msg(valid(text, len, "edge cases"), "%s", text);
	/* The day ending at midnight ends on the next date. */
	ck_assert_ptr_nonnull(strstr(text, "end=\"2026-01-01T00:00:00-05:30\""));
	/* The validation can fail: without the required <abstract> the same text is refused. */
	char *cut = strstr(text, "<abstract>");
	ck_assert_ptr_nonnull(cut);
	memcpy(cut + 1, "abstrac_", 8);
	char *close = strstr(cut, "</abstract>");
	ck_assert_ptr_nonnull(close);
	memcpy(close + 2, "abstrac_", 8);
	ck_assert(!valid(text, len, "edge cases without <abstract> (expected to fail)"));
	free(text);
	igs_schedule_free(s);
	igs_problem_free(p);
}
END_TEST

int main(void) {
	const char *root = getenv("IGS_SHARED_DATA");
	snprintf(xsd, sizeof xsd, "%s/frab/schedule.xml.xsd", root && *root ? root : IGS_SHARED_DATA_DEFAULT);
	struct stat st;
	if (stat(xsd, &st) != 0) {
		fprintf(stderr,
			"test_frab: skipped: no frab schema at %s (third-party data are not committed: put it at "
			"../shared/data/frab beside the project root, or set IGS_SHARED_DATA to the folder holding frab/)\n",
			xsd);
		return 77;
	}
	xmlSchemaParserCtxt *pc = xmlSchemaNewParserCtxt(xsd);
	schema = pc ? xmlSchemaParse(pc) : NULL;
	xmlSchemaFreeParserCtxt(pc);
	if (!schema) {
		fprintf(stderr, "test_frab: %s is not a schema libxml2 can read\n", xsd);
		return 1;
	}
	Suite *s = suite_create("frab");
	TCase *tc = tcase_create("schema");
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, bundled_examples_validate);
	tcase_add_test(tc, imported_fixtures_validate);
	tcase_add_test(tc, edge_cases_validate);
	suite_add_tcase(s, tc);
	int rc = tu_run_suite(s);
	xmlSchemaFree(schema);
	xmlCleanupParser();
	return rc;
}
