/* Tests of meeting.timezone: names of the zone database and fixed offsets load, anything else
 * (iCalendar syntax, folders, tables, paths out of the database) is refused at its JSON path,
 * and a system without a zone database is named as the cause. */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "io/timezone.h"
#include "testutil.h"

/* The diag of loading tu_problem with meeting.timezone = tz (a JSON string body). */
static int load_with_zone(const char *tz, igs_diag **d) {
	char *text0 = tu_problem("{\"id\": \"w1\", \"duration\": 90}", "");
	char json[256];
	snprintf(json, sizeof json, "\"%s\"", tz);
	char *text = tu_replace(text0, "\"Europe/Vienna\"", json);
	igs_problem *p = NULL;
	*d = igs_diag_new();
	int rc = tu_load_text(&p, *d, text);
	igs_problem_free(p);
	free(text);
	free(text0);
	return rc;
}

static bool have_zone_database(void) {
	const char *dir = getenv("TZDIR");
	char path[512];
	snprintf(path, sizeof path, "%s/Asia/Tokyo", dir && *dir ? dir : "/usr/share/zoneinfo");
	struct stat st;
	if (stat(path, &st) == 0)
		return true;
	fprintf(stderr, "test_timezone: no zone database with Asia/Tokyo; IANA names not tested\n");
	return false;
}

START_TEST(test_timezone_valid) {
	static const char *const fixed[] = {"UTC", "UTC+09:00", "UTC-05:30", "UTC+14:00"};
	static const char *const iana[] = {"Asia/Tokyo", "Europe/Vienna", "Etc/GMT+9", "America/Argentina/Buenos_Aires",
					   "UTC"};
	char why[512];
	for (size_t i = 0; i < sizeof fixed / sizeof fixed[0]; i++)
		ck_assert_msg(igs_timezone_check(why, sizeof why, fixed[i]) == IGS_OK, "%s: %s", fixed[i], why);
	if (!have_zone_database())
		return;
	for (size_t i = 0; i < sizeof iana / sizeof iana[0]; i++)
		ck_assert_msg(igs_timezone_check(why, sizeof why, iana[i]) == IGS_OK, "%s: %s", iana[i], why);
	igs_diag *d;
	ck_assert_int_eq(load_with_zone("Asia/Tokyo", &d), IGS_OK);
	igs_diag_free(d);
}
END_TEST

START_TEST(test_timezone_invalid) {
	if (!have_zone_database())
		return;
	/* The TZID breaker; a folder; a table of the database; a path out of it; a name
	 * with a trailing '/'; case that differs; an offset without minutes or beyond 14:00. */
	static const char *const bad[] = {"Asia:Tokyo;X=1,2", "Asia", "zone.tab", "../../../etc/passwd", "Asia/Tokyo/",
					  "/usr/share/zoneinfo/UTC", "asia/tokyo", "Mars/Olympus", "UTC+9", "UTC+15:00",
					  "Asia/Tokyo\"", ""};
	char why[512];
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		ck_assert_msg(igs_timezone_check(why, sizeof why, bad[i]) == IGS_EINPUT, "'%s' accepted", bad[i]);
		ck_assert_msg(strstr(why, "UTC+09:00") != NULL, "'%s': no example in '%s'", bad[i], why);
	}
	igs_diag *d;
	ck_assert_int_eq(load_with_zone("Asia:Tokyo;X=1,2", &d), IGS_EINPUT);
	ck_assert(tu_diag_has(d, "meeting.timezone", "'Asia:Tokyo;X=1,2' is not a time zone of the zone database"));
	ck_assert(tu_diag_has(d, "meeting.timezone", "\"Asia/Tokyo\""));
	igs_diag_free(d);
}
END_TEST

/* Without a database only UTC and fixed offsets pass, and the message says why. */
START_TEST(test_timezone_no_database) {
	char *old = getenv("TZDIR") ? strdup(getenv("TZDIR")) : NULL;
	setenv("TZDIR", "/nonexistent/zoneinfo", 1);
	char why[512];
	ck_assert_int_eq(igs_timezone_check(why, sizeof why, "UTC"), IGS_OK);
	ck_assert_int_eq(igs_timezone_check(why, sizeof why, "UTC+09:00"), IGS_OK);
	ck_assert_int_eq(igs_timezone_check(why, sizeof why, "Asia/Tokyo"), IGS_EINPUT);
	ck_assert_msg(strstr(why, "no time-zone database (/nonexistent/zoneinfo is missing; install tzdata)") != NULL, "%s",
		      why);
	ck_assert_ptr_nonnull(strstr(why, "UTC+09:00"));
	if (old)
		setenv("TZDIR", old, 1);
	else
		unsetenv("TZDIR");
	free(old);
}
END_TEST

int main(void) {
	Suite *s = suite_create("timezone");
	TCase *tc = tcase_create("timezone");
	tcase_add_test(tc, test_timezone_valid);
	tcase_add_test(tc, test_timezone_invalid);
	tcase_add_test(tc, test_timezone_no_database);
	suite_add_tcase(s, tc);
	return tu_run_suite(s);
}
