/* Validation tests: every error the problem loader and the pre-solve feasibility report can produce, with its JSON path; and what valid files load as. */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "testutil.h"

/* ---- helpers ---- */

/* Loads json and requires failure with IGS_EINPUT, *p NULL and a message at 'where'
 * containing 'needle'; dumps every message when that fails. */
static void expect_at(const char *json, const char *where, const char *needle, const char *label) {
	igs_problem *p = (igs_problem *)&p; /* a non-NULL sentinel the loader must overwrite */
	igs_diag *d = igs_diag_new();
	int rc = tu_load_text(&p, d, json);
	int found = tu_diag_has(d, where, needle);
	if (rc != IGS_EINPUT || !found || p || getenv("IGS_TEST_VERBOSE")) {
		fprintf(stderr, "--- %s: rc %d, want where '%s' containing '%s'; got:\n", label, rc, where, needle);
		tu_diag_dump(d);
	}
	ck_assert_msg(rc == IGS_EINPUT, "%s: rc %d, expected IGS_EINPUT", label, rc);
	ck_assert_msg(p == NULL, "%s: *p not NULL on failure", label);
	ck_assert_msg(found, "%s: no message at '%s' containing '%s'", label, where, needle);
	igs_diag_free(d);
}

/* Loads json cleanly, then requires igs_problem_feasibility to find it infeasible with a
 * message at 'where' containing 'needle'; returns the messages (the caller frees them). */
static igs_diag *expect_infeasible(const char *json, const char *where, const char *needle, const char *label) {
	igs_problem *p = NULL;
	igs_diag *d = igs_diag_new();
	int lrc = tu_load_text(&p, d, json);
	ck_assert_msg(lrc == IGS_OK && igs_diag_count(d) == 0, "%s: the file itself must load (rc %d)", label, lrc);
	int rc = igs_problem_feasibility(p, d);
	int found = tu_diag_has(d, where, needle);
	if (rc != IGS_EINFEASIBLE || !found || getenv("IGS_TEST_VERBOSE")) {
		fprintf(stderr, "--- %s: rc %d, want where '%s' containing '%s'; got:\n", label, rc, where, needle);
		tu_diag_dump(d);
	}
	ck_assert_msg(rc == IGS_EINFEASIBLE, "%s: rc %d, expected IGS_EINFEASIBLE", label, rc);
	ck_assert_msg(found, "%s: no message at '%s' containing '%s'", label, where, needle);
	igs_problem_free(p);
	return d;
}

/* Loads json and requires success with no messages at all. */
static igs_problem *expect_ok(const char *json, const char *label) {
	igs_problem *p = NULL;
	igs_diag *d = igs_diag_new();
	int rc = tu_load_text(&p, d, json);
	if (rc != IGS_OK || igs_diag_count(d)) {
		fprintf(stderr, "--- %s: expected a clean load, rc %d:\n", label, rc);
		tu_diag_dump(d);
	}
	ck_assert_msg(rc == IGS_OK, "%s: rc %d", label, rc);
	ck_assert_int_eq(igs_diag_count(d), 0);
	ck_assert_ptr_nonnull(p);
	igs_diag_free(d);
	return p;
}

#define OMIT "\x01" /* leave a member out of full() */

/* A whole problem file from its members; NULL gives a small valid default, OMIT leaves
 * the member out. 'extra' is spliced after them (may be ""). */
static char *full(const char *meeting, const char *days, const char *rooms, const char *sessions, const char *extra) {
	const char *parts[4][2] = {
		{"meeting", meeting ? meeting : "{\"name\": \"T\"}"},
		{"days", days ? days
			      : "[{\"date\": \"2025-06-23\", \"label\": \"Day 1\", \"slots\": [\"09:00-10:30\", \"11:00-12:30\"]}]"},
		{"rooms", rooms ? rooms : "[{\"id\": \"r1\", \"capacity\": 100}]"},
		{"sessions", sessions ? sessions : "[{\"id\": \"s1\", \"duration\": 60}]"},
	};
	size_t n = strlen(extra) + 64;
	for (int i = 0; i < 4; i++)
		n += strlen(parts[i][0]) + strlen(parts[i][1]) + 8;
	char *s = malloc(n);
	ck_assert_ptr_nonnull(s);
	strcpy(s, "{");
	bool first = true;
	for (int i = 0; i < 4; i++) {
		if (strcmp(parts[i][1], OMIT) == 0)
			continue;
		sprintf(s + strlen(s), "%s\"%s\": %s\n", first ? "" : ", ", parts[i][0], parts[i][1]);
		first = false;
	}
	if (*extra)
		sprintf(s + strlen(s), "%s%s\n", first ? "" : ", ", extra);
	strcat(s, "}\n");
	return s;
}

/* ---- table of errors in small problems built with tu_problem(sessions, extra) ---- */

typedef struct {
	const char *sessions, *extra, *where, *needle;
} small_case;

static const small_case small_cases[] = {
	/* numbers */
	{"{\"id\": \"s1\", \"duration\": -30}", "", "sessions[0].duration", "-30 is not a positive number of minutes"},
	{"{\"id\": \"s1\", \"duration\": 0}", "", "sessions[0].duration", "0 is not a positive number of minutes"},
	{"{\"id\": \"s1\", \"duration\": 2000}", "", "sessions[0].duration", "at most 1440"},
	{"{\"id\": \"s1\", \"duration\": \"90\"}", "", "sessions[0].duration", "is a string; expected a positive number of minutes"},
	{"{\"id\": \"s1\", \"duration\": 90.5}", "", "sessions[0].duration", "90.5 is not a whole number"},
	{"{\"id\": \"s1\", \"duration\": true}", "", "sessions[0].duration", "is a boolean; expected"},
	{"{\"id\": \"s1\", \"duration\": null}", "", "sessions[0].duration", "is null; expected"},
	{"{\"id\": \"s1\", \"duration\": 60, \"attendance\": -1}", "", "sessions[0].attendance", "-1 is not a number of people"},
	{"{\"id\": \"s1\", \"duration\": 60, \"min_capacity\": \"lots\"}", "", "sessions[0].min_capacity", "is a string; expected a number of seats"},
	{"{\"id\": \"s1\", \"duration\": 60, \"priority\": 0}", "", "sessions[0].priority", "0 is not a positive priority"},
	{"{\"id\": \"s1\", \"duration\": 60, \"priority\": \"high\"}", "", "sessions[0].priority", "is a string; expected a positive priority"},
	{"{\"id\": \"s1\", \"duration\": 60, \"order\": 0}", "", "sessions[0].order", "0 is not a position from 1 up"},
	{"{\"id\": \"s1\", \"duration\": 60, \"optional\": \"yes\"}", "", "sessions[0].optional", "is a string; expected true or false"},
	/* strings */
	{"{\"id\": \"s1\", \"duration\": 60, \"title\": 5}", "", "sessions[0].title", "is an integer; expected a string"},
	{"{\"id\": \"s1\", \"duration\": 60, \"type\": []}", "", "sessions[0].type", "is an array; expected a string"},
	{"{\"id\": \"s1\", \"duration\": 60, \"description\": {}}", "", "sessions[0].description", "is an object; expected a string"},
	/* required keys */
	{"{\"duration\": 60}", "", "sessions[0].id", "missing; add a string here"},
	{"{\"id\": \"\", \"duration\": 60}", "", "sessions[0].id", "is empty; give a non-empty string"},
	{"{\"id\": 7, \"duration\": 60}", "", "sessions[0].id", "is an integer; expected a string"},
	{"{\"id\": \"s1\"}", "", "sessions[0].duration", "missing; give a positive number of minutes"},
	{"\"s1\"", "", "sessions[0]", "is a string; expected a session object"},
	/* unknown keys */
	{"{\"id\": \"s1\", \"duraton\": 60, \"duration\": 60}", "", "sessions[0].duraton", "unknown key 'duraton'"},
	{"{\"id\": \"s1\", \"duration\": 60, \"pin\": {\"rom\": \"ra\"}}", "", "sessions[0].pin.rom", "unknown key 'rom'"},
	{"{\"id\": \"s1\", \"duration\": 60, \"people\": [{\"id\": \"p1\", \"rol\": \"speaker\"}]}", "",
	 "sessions[0].people[0].rol", "unknown key 'rol'"},
	{"{\"id\": \"s1\", \"duration\": 60, \"not_times\": [{\"dya\": \"Day 1\"}]}", "", "sessions[0].not_times[0].dya",
	 "unknown key 'dya'"},
	{"{\"id\": \"s1\", \"duration\": 60}", "\"sesions\": []", "sesions", "unknown key 'sesions'"},
	/* duplicate ids */
	{"{\"id\": \"s1\", \"duration\": 60}, {\"id\": \"s1\", \"duration\": 30}", "", "sessions[1].id",
	 "duplicate session id 's1' (also sessions[0])"},
	/* unknown references */
	{"{\"id\": \"s1\", \"duration\": 60, \"themes\": [\"a\", \"zz\"]}", "", "sessions[0].themes[1]", "'zz' is not a theme id"},
	{"{\"id\": \"s1\", \"duration\": 60, \"themes\": [3]}", "", "sessions[0].themes[0]", "is an integer; expected a theme id"},
	{"{\"id\": \"s1\", \"duration\": 60, \"themes\": \"a\"}", "", "sessions[0].themes", "is a string; expected an array"},
	{"{\"id\": \"s1\", \"duration\": 60, \"people\": [\"nobody\"]}", "", "sessions[0].people[0]", "'nobody' is not a person id"},
	{"{\"id\": \"s1\", \"duration\": 60, \"people\": [{\"id\": \"ghost\", \"role\": \"speaker\"}]}", "",
	 "sessions[0].people[0]", "'ghost' is not a person id"},
	{"{\"id\": \"s1\", \"duration\": 60, \"people\": [5]}", "", "sessions[0].people[0]", "is an integer; expected a person id"},
	{"{\"id\": \"s1\", \"duration\": 60, \"people\": [{\"role\": \"speaker\"}]}", "", "sessions[0].people[0].id", "missing"},
	{"{\"id\": \"s1\", \"duration\": 60, \"people\": [\"p1\", {\"id\": \"p1\", \"role\": \"speaker\"}]}", "",
	 "sessions[0].people[1]", "person 'p1' is listed twice"},
	{"{\"id\": \"s1\", \"duration\": 60, \"groups\": [\"dc1\", \"dc9\"]}", "", "sessions[0].groups[1]", "'dc9' is not a group id"},
	{"{\"id\": \"s1\", \"duration\": 60, \"groups\": [false]}", "", "sessions[0].groups[0]", "is a boolean; expected a group id"},
	{"{\"id\": \"s1\", \"duration\": 60, \"requires\": [\"hybrid\", \"stage\"]}", "", "sessions[0].requires[1]",
	 "no room has the feature 'stage'"},
	{"{\"id\": \"s1\", \"duration\": 60, \"requires\": [1]}", "", "sessions[0].requires[0]", "is an integer; expected a feature name"},
	{"{\"id\": \"s1\", \"duration\": 60, \"tags\": [\"ok\", \"\"]}", "", "sessions[0].tags[1]", "is empty; give a non-empty tag"},
	{"{\"id\": \"s1\", \"duration\": 60, \"tags\": [2]}", "", "sessions[0].tags[0]", "is an integer; expected a tag string"},
	/* roles */
	{"{\"id\": \"s1\", \"duration\": 60, \"people\": [{\"id\": \"p1\", \"role\": \"host\"}]}", "",
	 "sessions[0].people[0].role", "'host' is not a role; use organiser, speaker, moderator, chair or other"},
	{"{\"id\": \"s1\", \"duration\": 60, \"people\": [{\"id\": \"p1\", \"role\": 3}]}", "",
	 "sessions[0].people[0].role", "is an integer; expected a string"},
	/* attendees */
	{"{\"id\": \"s1\", \"duration\": 60, \"attendees\": [\"p1\", \"nobody\"]}", "", "sessions[0].attendees[1]",
	 "'nobody' is not a person id"},
	{"{\"id\": \"s1\", \"duration\": 60, \"attendees\": [\"p1\", \"p1\"]}", "", "sessions[0].attendees[1]",
	 "person 'p1' is listed twice as an attendee"},
	{"{\"id\": \"s1\", \"duration\": 60, \"people\": [\"p2\"], \"attendees\": [\"p2\"]}", "",
	 "sessions[0].attendees[0]", "person 'p2' is also in this session's people"},
	{"{\"id\": \"s1\", \"duration\": 60, \"attendees\": [{\"id\": \"p1\"}]}", "", "sessions[0].attendees[0]",
	 "is an object; expected a person id"},
	{"{\"id\": \"s1\", \"duration\": 60, \"attendees\": \"p1\"}", "", "sessions[0].attendees",
	 "is a string; expected an array"},
	/* pins */
	{"{\"id\": \"s1\", \"duration\": 60, \"pin\": {\"room\": \"zz\"}}", "", "sessions[0].pin.room", "'zz' is not a room id"},
	{"{\"id\": \"s1\", \"duration\": 60, \"pin\": {\"room\": 1}}", "", "sessions[0].pin.room", "is an integer; expected a room id"},
	{"{\"id\": \"s1\", \"duration\": 60, \"pin\": {\"day\": \"Day 9\"}}", "", "sessions[0].pin.day",
	 "'Day 9' is not a day of the meeting; use a date or label of days[] (Day 1, Day 2)"},
	{"{\"id\": \"s1\", \"duration\": 60, \"pin\": {\"start\": \"9:75\"}}", "", "sessions[0].pin.start", "'9:75' is not a time"},
	{"{\"id\": \"s1\", \"duration\": 60, \"pin\": {\"start\": 900}}", "", "sessions[0].pin.start", "is an integer; expected a time"},
	{"{\"id\": \"s1\", \"duration\": 60, \"pin\": \"Day 1\"}", "", "sessions[0].pin", "is a string; expected {\"day\""},
	/* day references */
	{"{\"id\": \"s1\", \"duration\": 60, \"days\": [\"Day 1\", \"Day 3\"]}", "", "sessions[0].days[1]", "'Day 3' is not a day of the meeting"},
	{"{\"id\": \"s1\", \"duration\": 60, \"days\": [1]}", "", "sessions[0].days[0]", "is an integer; expected a day's date or label"},
	{"{\"id\": \"s1\", \"duration\": 60, \"days\": \"Day 1\"}", "", "sessions[0].days", "is a string; expected an array"},
	{"{\"id\": \"s1\", \"duration\": 60, \"not_days\": [\"2025-01-01\"]}", "", "sessions[0].not_days[0]", "'2025-01-01' is not a day"},
	/* windows */
	{"{\"id\": \"s1\", \"duration\": 60, \"times\": [{\"day\": \"Day 7\", \"from\": \"09:00\"}]}", "", "sessions[0].times[0].day",
	 "'Day 7' is not a day"},
	{"{\"id\": \"s1\", \"duration\": 60, \"times\": [{\"from\": \"12:00\", \"to\": \"09:00\"}]}", "", "sessions[0].times[0]",
	 "'from' must be before 'to'"},
	{"{\"id\": \"s1\", \"duration\": 60, \"times\": [{\"from\": \"9am\"}]}", "", "sessions[0].times[0].from", "'9am' is not a time"},
	{"{\"id\": \"s1\", \"duration\": 60, \"times\": [{\"to\": \"24:30\"}]}", "", "sessions[0].times[0].to", "'24:30' is not a time"},
	{"{\"id\": \"s1\", \"duration\": 60, \"times\": [\"09:00-10:00\"]}", "", "sessions[0].times[0]", "is a string; expected {\"day\""},
	{"{\"id\": \"s1\", \"duration\": 60, \"not_times\": [{\"day\": 2}]}", "", "sessions[0].not_times[0].day", "is an integer; expected a day"},
	{"{\"id\": \"s1\", \"duration\": 60, \"prefer\": [{\"day\": \"Day 1\", \"weight\": 0}]}", "", "sessions[0].prefer[0].weight",
	 "0 is not a positive weight"},
	{"{\"id\": \"s1\", \"duration\": 60, \"prefer\": [{\"day\": \"Day 5\"}]}", "", "sessions[0].prefer[0].day", "'Day 5' is not a day"},
	{"{\"id\": \"s1\", \"duration\": 60, \"prefer\": [{\"from\": \"10:00\", \"to\": \"10:00\"}]}", "", "sessions[0].prefer[0]",
	 "'from' must be before 'to'"},
	/* theme similarity */
	{"{\"id\": \"s1\", \"duration\": 60}", "\"theme_similarity\": [{\"a\": \"a\", \"b\": \"zz\", \"value\": 0.5}]",
	 "theme_similarity[0].b", "'zz' is not a theme id"},
	{"{\"id\": \"s1\", \"duration\": 60}", "\"theme_similarity\": [{\"a\": \"qq\", \"b\": \"a\", \"value\": 0.5}]",
	 "theme_similarity[0].a", "'qq' is not a theme id"},
	{"{\"id\": \"s1\", \"duration\": 60}", "\"theme_similarity\": [{\"b\": \"a\", \"value\": 0.5}]", "theme_similarity[0].a",
	 "missing"},
	{"{\"id\": \"s1\", \"duration\": 60}", "\"theme_similarity\": [{\"a\": \"a\", \"b\": \"b\", \"value\": 1.5}]",
	 "theme_similarity[0].value", "1.5 is not a similarity from 0 to 1"},
	{"{\"id\": \"s1\", \"duration\": 60}", "\"theme_similarity\": [{\"a\": \"a\", \"b\": \"b\"}]", "theme_similarity[0].value",
	 "missing; give a similarity from 0 to 1"},
	{"{\"id\": \"s1\", \"duration\": 60}", "\"theme_similarity\": [{\"a\": \"a\", \"b\": \"a\", \"value\": 0.5}]",
	 "theme_similarity[0]", "similarity with itself"},
	{"{\"id\": \"s1\", \"duration\": 60}", "\"theme_similarity\": [{\"a\": \"a\", \"b\": \"b\", \"valeu\": 0.5}]",
	 "theme_similarity[0].valeu", "unknown key"},
	{"{\"id\": \"s1\", \"duration\": 60}", "\"theme_similarity\": [5]", "theme_similarity[0]", "is an integer; expected {\"a\""},
	{"{\"id\": \"s1\", \"duration\": 60}", "\"theme_similarity\": {}", "theme_similarity", "is an object; expected an array"},
	/* type rules */
	{"{\"id\": \"s1\", \"duration\": 60}", "\"type_rules\": {\"workshop\": {\"exlusive\": true}}", "type_rules.workshop.exlusive",
	 "unknown key 'exlusive'"},
	{"{\"id\": \"s1\", \"duration\": 60}", "\"type_rules\": {\"workshop\": {\"max_parallel\": -1}}", "type_rules.workshop.max_parallel",
	 "-1 is not a count of sessions"},
	{"{\"id\": \"s1\", \"duration\": 60}", "\"type_rules\": {\"workshop\": {\"exclusive\": \"yes\"}}", "type_rules.workshop.exclusive",
	 "is a string; expected true or false"},
	{"{\"id\": \"s1\", \"duration\": 60}", "\"type_rules\": {\"workshop\": {\"main_days\": 1}}", "type_rules.workshop.main_days",
	 "is an integer; expected true or false"},
	{"{\"id\": \"s1\", \"duration\": 60}", "\"type_rules\": {\"workshop\": {\"apart_from\": \"main\"}}", "type_rules.workshop.apart_from",
	 "is a string; expected an array of session types"},
	{"{\"id\": \"s1\", \"duration\": 60}", "\"type_rules\": {\"workshop\": {\"apart_same_theme\": [\"main\", \"\"]}}",
	 "type_rules.workshop.apart_same_theme[1]", "is a string; expected a session type"},
	{"{\"id\": \"s1\", \"duration\": 60}", "\"type_rules\": {\"workshop\": {\"parallel_class\": 5}}", "type_rules.workshop.parallel_class",
	 "is an integer; expected a class name or null"},
	{"{\"id\": \"s1\", \"duration\": 60}", "\"type_rules\": {\"workshop\": {\"parallel_class\": \"\"}}", "type_rules.workshop.parallel_class",
	 "expected a class name or null"},
	{"{\"id\": \"s1\", \"duration\": 60}", "\"type_rules\": {\"workshop\": {\"room_features\": \"hybrid\"}}",
	 "type_rules.workshop.room_features", "is a string; expected an array"},
	{"{\"id\": \"s1\", \"duration\": 60}", "\"type_rules\": {\"workshop\": {\"room_features\": [4]}}",
	 "type_rules.workshop.room_features[0]", "is an integer; expected a feature name"},
	{"{\"id\": \"s1\", \"duration\": 60}", "\"type_rules\": {\"workshop\": true}", "type_rules.workshop",
	 "is a boolean; expected an object of rule fields"},
	{"{\"id\": \"s1\", \"duration\": 60}", "\"type_rules\": []", "type_rules", "is an array; expected an object"},
	/* weights */
	{"{\"id\": \"s1\", \"duration\": 60}", "\"weights\": {\"theme_clsh\": 1}", "weights.theme_clsh",
	 "unknown key 'theme_clsh'; allowed keys here are: theme_clash"},
	{"{\"id\": \"s1\", \"duration\": 60}", "\"weights\": {\"theme_clash\": -1}", "weights.theme_clash", "-1 is not a weight from 0 to 1e12"},
	{"{\"id\": \"s1\", \"duration\": 60}", "\"weights\": {\"order\": \"high\"}", "weights.order", "is a string; expected a weight"},
	{"{\"id\": \"s1\", \"duration\": 60}", "\"weights\": [1]", "weights", "is an array; expected an object"},
	/* format */
	{"{\"id\": \"s1\", \"duration\": 60}", "\"format\": \"igfsched-problem/2\"", "format",
	 "'igfsched-problem/2' is not a format this version reads"},
	{"{\"id\": \"s1\", \"duration\": 60}", "\"format\": 1", "format", "is an integer; expected a string"},
	/* sessions that fit nowhere (the feasibility report) */
	{"{\"id\": \"long\", \"duration\": 240}", "", "sessions[0]", "'long' (workshop, 240 min) fits no start time: at none of the starts open to it do 240 minutes fit"},
	{"{\"id\": \"s1\", \"duration\": 90, \"days\": [\"Day 1\"], \"not_days\": [\"Day 1\"]}", "", "sessions[0]",
	 "fits no start time: no day is open to it"},
	{"{\"id\": \"s1\", \"duration\": 90, \"times\": [{\"from\": \"09:00\", \"to\": \"10:00\"}]}", "", "sessions[0]",
	 "fits no start time: at none of the starts"},
	{"{\"id\": \"s1\", \"duration\": 90, \"type\": \"day0\"}",
	 "\"type_rules\": {\"day0\": {\"pre_event_days\": false}}", "sessions[0]", "type rule (no days at all)"},
	{"{\"id\": \"s1\", \"duration\": 90, \"type\": \"day0\"}", "", "sessions[0]",
	 "no day is open to it; its days/not_days and the day0 type rule (pre-event days only)"},
	{"{\"id\": \"s1\", \"duration\": 90, \"type\": \"bilateral\"}", "", "sessions[0]",
	 "'s1' fits no room: it needs the features hybrid+bilateral"},
	{"{\"id\": \"s1\", \"duration\": 90, \"type\": \"ceremony\"}", "\"type_rules\": {\"ceremony\": {\"room_features\": [\"stage\"]}}",
	 "sessions[0]", "fits no room: it needs the features stage"},
	{"{\"id\": \"s1\", \"duration\": 90, \"requires\": [\"hybrid\"], \"type\": \"main\", \"pin\": {\"room\": \"ra\"}}", "",
	 "sessions[0]", "fits no room: it needs the features plenary+hybrid"},
	{"{\"id\": \"s1\", \"duration\": 90, \"min_capacity\": 600}", "", "sessions[0]",
	 "'s1' fits no room: no room with its features seats 600"},
	{"{\"id\": \"s1\", \"duration\": 90, \"requires\": [\"hybrid\"], \"min_capacity\": 101, \"pin\": {\"room\": \"ra\"}}", "",
	 "sessions[0]", "no room with its features seats 101"},
	{"{\"id\": \"s1\", \"duration\": 90, \"attendance\": 700}", "\"type_rules\": {\"workshop\": {\"capacity_hard\": true}}",
	 "sessions[0]", "no room with its features seats 700"},
	{"{\"id\": \"s1\", \"duration\": 90, \"pin\": {\"start\": \"09:30\"}}", "", "sessions[0]", "'s1' cannot keep its pin"},
	{"{\"id\": \"s1\", \"duration\": 180, \"pin\": {\"day\": \"Day 1\", \"start\": \"14:00\"}}", "", "sessions[0]",
	 "cannot keep its pin"},
	{"{\"id\": \"ok\", \"duration\": 30}, {\"id\": \"s2\", \"duration\": 60, \"pin\": {\"day\": \"Day 2\"}, \"days\": [\"Day 1\"]}", "",
	 "sessions[1]", "'s2' cannot keep its pin"},
};

START_TEST(test_small_cases) {
	const small_case *c = &small_cases[_i];
	char *json = tu_problem(c->sessions, c->extra);
	char label[64];
	snprintf(label, sizeof label, "small_cases[%d]", _i);
	expect_at(json, c->where, c->needle, label);
	free(json);
}
END_TEST

/* ---- errors in meeting, days, rooms, themes, people, groups: whole files ---- */

typedef struct {
	const char *meeting, *days, *rooms, *sessions, *extra, *where, *needle;
} full_case;

#define D1 "{\"date\": \"2025-06-23\", \"label\": \"Day 1\", \"slots\": [\"09:00-10:30\"]}"

static const full_case full_cases[] = {
	/* meeting */
	{OMIT, NULL, NULL, NULL, "", "meeting", "missing; add an object here"},
	{"\"IGF\"", NULL, NULL, NULL, "", "meeting", "is a string; expected an object"},
	{"{\"title\": \"T\"}", NULL, NULL, NULL, "", "meeting.name", "missing; add a string here"},
	{"{\"title\": \"T\"}", NULL, NULL, NULL, "", "meeting.title", "unknown key 'title'"},
	{"{\"name\": \"\"}", NULL, NULL, NULL, "", "meeting.name", "is empty"},
	{"{\"name\": \"T\", \"utc_offset\": \"+25:00\"}", NULL, NULL, NULL, "", "meeting.utc_offset", "'+25:00' is not a UTC offset"},
	{"{\"name\": \"T\", \"utc_offset\": \"UTC+1\"}", NULL, NULL, NULL, "", "meeting.utc_offset", "'UTC+1' is not a UTC offset"},
	{"{\"name\": \"T\", \"utc_offset\": 1}", NULL, NULL, NULL, "", "meeting.utc_offset", "is an integer; expected a string"},
	{"{\"name\": \"T\", \"timezone\": 1}", NULL, NULL, NULL, "", "meeting.timezone", "is an integer; expected a string"},
	{"{\"name\": \"T\", \"join_gap\": -5}", NULL, NULL, NULL, "", "meeting.join_gap", "-5 is not a number of minutes from 0 to 1440"},
	{"{\"name\": \"T\", \"start_every\": 0}", NULL, NULL, NULL, "", "meeting.start_every", "0 is not a number of minutes from 1 to 1440"},
	{"{\"name\": \"T\", \"slots\": \"09:00-10:00\"}", NULL, NULL, NULL, "", "meeting.slots", "is a string; expected an array"},
	{"{\"name\": \"T\", \"slots\": [\"9-10\"]}", "[{\"date\": \"2025-06-23\"}]", NULL, NULL, "", "meeting.slots[0]",
	 "'9-10' is not an interval"},
	{"{\"name\": \"T\", \"slots\": [\"09:00-10:30\", \"10:00-11:00\"]}", "[{\"date\": \"2025-06-23\"}]", NULL, NULL, "",
	 "meeting.slots", "slots overlap"},
	{"{\"name\": \"T\", \"slots\": []}", "[{\"date\": \"2025-06-23\", \"label\": \"Day 1\"}]", NULL, NULL, "", "meeting.slots",
	 "no slots for Day 1"},
	/* days */
	{NULL, OMIT, NULL, NULL, "", "days", "missing; add an array here"},
	{NULL, "[]", NULL, NULL, "", "days", "is empty; list at least one day"},
	{NULL, "{}", NULL, NULL, "", "days", "is an object; expected an array"},
	{NULL, "[5]", NULL, NULL, "", "days[0]", "is an integer; expected a day object"},
	{NULL, "[{\"label\": \"Day 1\", \"slots\": [\"09:00-10:30\"]}]", NULL, NULL, "", "days[0].date", "missing; add a string here"},
	{NULL, "[{\"date\": \"2025-13-01\", \"slots\": [\"09:00-10:30\"]}]", NULL, NULL, "", "days[0].date", "'2025-13-01' is not a date; write \"YYYY-MM-DD\""},
	{NULL, "[{\"date\": \"23/06/2025\", \"slots\": [\"09:00-10:30\"]}]", NULL, NULL, "", "days[0].date", "'23/06/2025' is not a date"},
	{NULL, "[{\"date\": \"2025-02-29\", \"slots\": [\"09:00-10:30\"]}]", NULL, NULL, "", "days[0].date", "'2025-02-29' is not a date"},
	{NULL, "[{\"date\": \"2025-04-31\", \"slots\": [\"09:00-10:30\"]}]", NULL, NULL, "", "days[0].date", "'2025-04-31' is not a date"},
	{NULL, "[{\"date\": \"2025-6-23\", \"slots\": [\"09:00-10:30\"]}]", NULL, NULL, "", "days[0].date", "is not a date"},
	{NULL, "[{\"date\": \"+025-06-23\", \"slots\": [\"09:00-10:30\"]}]", NULL, NULL, "", "days[0].date", "is not a date"},
	{NULL, "[{\"date\": \"2025-06-23 \", \"slots\": [\"09:00-10:30\"]}]", NULL, NULL, "", "days[0].date", "is not a date"},
	{NULL, "[{\"date\": 20250623, \"slots\": [\"09:00-10:30\"]}]", NULL, NULL, "", "days[0].date", "is an integer; expected a string"},
	{NULL, "[{\"date\": \"2025-06-23\", \"label\": 1, \"slots\": [\"09:00-10:30\"]}]", NULL, NULL, "", "days[0].label",
	 "is an integer; expected a string"},
	{NULL, "[" D1 ", {\"date\": \"2025-06-23\", \"label\": \"Day 2\", \"slots\": [\"09:00-10:30\"]}]", NULL, NULL, "",
	 "days[1].date", "'2025-06-23' repeats the date or label of days[0]"},
	{NULL, "[" D1 ", {\"date\": \"2025-06-24\", \"label\": \"Day 1\", \"slots\": [\"09:00-10:30\"]}]", NULL, NULL, "",
	 "days[1].label", "'Day 1' repeats the date or label of days[0]"},
	{NULL, "[" D1 ", {\"date\": \"2025-06-24\", \"label\": \"2025-06-23\", \"slots\": [\"09:00-10:30\"]}]", NULL, NULL, "",
	 "days[1].label", "'2025-06-23' repeats"},
	{NULL, "[{\"date\": \"2025-06-23\", \"slot\": [\"09:00-10:30\"]}]", NULL, NULL, "", "days[0].slot", "unknown key 'slot'"},
	{NULL, "[{\"date\": \"2025-06-23\", \"label\": \"Day 1\"}]", NULL, NULL, "", "days[0].slots", "no slots for Day 1"},
	{NULL, "[{\"date\": \"2025-06-23\", \"label\": \"Day 1\", \"slots\": []}]", NULL, NULL, "", "days[0].slots", "no slots for Day 1"},
	{NULL, "[{\"date\": \"2025-06-23\", \"slots\": [\"09:00-10:30\", \"10:30-09:00\"]}]", NULL, NULL, "", "days[0].slots[1]",
	 "'10:30-09:00' is not an interval; write \"HH:MM-HH:MM\" with the start before the end"},
	{NULL, "[{\"date\": \"2025-06-23\", \"slots\": [\"09:00-09:00\"]}]", NULL, NULL, "", "days[0].slots[0]", "is not an interval"},
	{NULL, "[{\"date\": \"2025-06-23\", \"slots\": [\"09:00-10:30\", 5]}]", NULL, NULL, "", "days[0].slots[1]",
	 "is an integer; expected an interval"},
	{NULL, "[{\"date\": \"2025-06-23\", \"slots\": [\"11:00-12:30\", \"09:00-10:30\", \"10:00-11:00\"]}]", NULL, NULL, "",
	 "days[0].slots", "slots overlap: one starts at 10:00 before the previous one ends at 10:30"},
	{NULL, "[{\"date\": \"2025-06-23\", \"label\": \"Day 1\", \"slots\": [\"09:00-10:30\"], \"starts\": [\"09:00\", \"08:00\"]}]",
	 NULL, NULL, "", "days[0].starts[1]", "start '08:00' lies in no slot of Day 1"},
	{NULL, "[{\"date\": \"2025-06-23\", \"slots\": [\"09:00-10:30\"], \"starts\": [\"10:30\"]}]", NULL, NULL, "",
	 "days[0].starts[0]", "start '10:30' lies in no slot"},
	{NULL, "[{\"date\": \"2025-06-23\", \"slots\": [\"09:00-10:30\"], \"starts\": [\"8\"]}]", NULL, NULL, "", "days[0].starts[0]",
	 "'8' is not a time"},
	{NULL, "[{\"date\": \"2025-06-23\", \"slots\": [\"09:00-10:30\"], \"starts\": \"09:00\"}]", NULL, NULL, "", "days[0].starts",
	 "is a string; expected an array"},
	{NULL, "[{\"date\": \"2025-06-23\", \"slots\": [\"09:00-10:30\"], \"start_every\": 0}]", NULL, NULL, "", "days[0].start_every",
	 "0 is not a number of minutes from 1 to 1440"},
	{NULL, "[{\"date\": \"2025-06-23\", \"slots\": [\"09:00-10:30\"], \"start_every\": \"30\"}]", NULL, NULL, "",
	 "days[0].start_every", "is a string; expected a number of minutes"},
	{NULL, "[{\"date\": \"2025-06-23\", \"slots\": [\"09:00-10:30\"], \"starts\": [\"09:00\"], \"start_every\": 30}]", NULL, NULL,
	 "", "days[0].start_every", "either \"starts\" or \"start_every\", not both"},
	{NULL, "[{\"date\": \"2025-06-23\", \"slots\": [\"09:00-10:30\"], \"pre_event\": \"yes\"}]", NULL, NULL, "",
	 "days[0].pre_event", "is a string; expected true or false"},
	/* rooms */
	{NULL, NULL, OMIT, NULL, "", "rooms", "missing; add an array here"},
	{NULL, NULL, "[]", NULL, "", "rooms", "is empty; list at least one room"},
	{NULL, NULL, "[5]", NULL, "", "rooms[0]", "is an integer; expected a room object"},
	{NULL, NULL, "[{\"name\": \"Hall\"}]", NULL, "", "rooms[0].id", "missing; add a string here"},
	{NULL, NULL, "[{\"id\": \"r1\"}, {\"id\": \"r2\"}, {\"id\": \"r1\"}]", NULL, "", "rooms[2].id",
	 "duplicate room id 'r1' (also rooms[0])"},
	{NULL, NULL, "[{\"id\": \"r1\", \"capacity\": -1}]", NULL, "", "rooms[0].capacity", "-1 is not a number of seats"},
	{NULL, NULL, "[{\"id\": \"r1\", \"capacity\": \"big\"}]", NULL, "", "rooms[0].capacity", "is a string; expected a number of seats"},
	{NULL, NULL, "[{\"id\": \"r1\", \"capcity\": 10}]", NULL, "", "rooms[0].capcity", "unknown key 'capcity'"},
	{NULL, NULL, "[{\"id\": \"r1\", \"features\": \"hybrid\"}]", NULL, "", "rooms[0].features", "is a string; expected an array"},
	{NULL, NULL, "[{\"id\": \"r1\", \"features\": [\"hybrid\", 1]}]", NULL, "", "rooms[0].features[1]",
	 "is an integer; expected a feature name"},
	{NULL, NULL, "[{\"id\": \"r1\", \"unavailable\": [{\"day\": \"Day 9\"}]}]", NULL, "", "rooms[0].unavailable[0].day",
	 "'Day 9' is not a day of the meeting"},
	{NULL, NULL, "[{\"id\": \"r1\", \"unavailable\": [{\"from\": \"25:00\"}]}]", NULL, "", "rooms[0].unavailable[0].from",
	 "'25:00' is not a time"},
	{NULL, NULL, "[{\"id\": \"r1\", \"unavailable\": {\"day\": \"Day 1\"}}]", NULL, "", "rooms[0].unavailable",
	 "is an object; expected an array"},
	/* themes */
	{NULL, NULL, NULL, NULL, "\"themes\": [{\"id\": \"a\"}, {\"id\": \"a\", \"name\": \"Again\"}]", "themes[1].id",
	 "duplicate theme id 'a' (also themes[0])"},
	{NULL, NULL, NULL, NULL, "\"themes\": [\"a\"]", "themes[0]", "is a string; expected {\"id\""},
	{NULL, NULL, NULL, NULL, "\"themes\": [{\"name\": \"A\"}]", "themes[0].id", "missing"},
	{NULL, NULL, NULL, NULL, "\"themes\": [{\"id\": \"a\", \"nam\": \"A\"}]", "themes[0].nam", "unknown key 'nam'"},
	{NULL, NULL, NULL, NULL, "\"themes\": {\"a\": 1}", "themes", "is an object; expected an array"},
	/* people */
	{NULL, NULL, NULL, NULL, "\"people\": [{\"id\": \"x\", \"remote\": true}]", "people[0].utc_offset",
	 "missing for a remote person"},
	{NULL, NULL, NULL, NULL, "\"people\": [{\"id\": \"x\", \"utc_offset\": \"+15:00\"}]", "people[0].utc_offset",
	 "'+15:00' is not a UTC offset"},
	{NULL, NULL, NULL, NULL, "\"people\": [{\"id\": \"x\", \"utc_offset\": \"+9:00\"}]", "people[0].utc_offset",
	 "'+9:00' is not a UTC offset"},
	{NULL, NULL, NULL, NULL, "\"people\": [{\"id\": \"x\", \"remote\": \"yes\"}]", "people[0].remote", "is a string; expected true or false"},
	{NULL, NULL, NULL, NULL,
	 "\"people\": [{\"id\": \"x\", \"remote\": true, \"utc_offset\": \"-05:00\", \"available\": [\"08:00-18:00\", \"20:00-19:00\"]}]",
	 "people[0].available[1]", "'20:00-19:00' is not an interval"},
	{NULL, NULL, NULL, NULL, "\"people\": [{\"id\": \"x\", \"available\": \"08:00-18:00\"}]", "people[0].available",
	 "is a string; expected an array"},
	{NULL, NULL, NULL, NULL, "\"people\": [{\"id\": \"x\"}, {\"id\": \"y\"}, {\"id\": \"x\"}]", "people[2].id",
	 "duplicate person id 'x' (also people[0])"},
	{NULL, NULL, NULL, NULL, "\"people\": [5]", "people[0]", "is an integer; expected a person object"},
	{NULL, NULL, NULL, NULL, "\"people\": [{\"id\": \"x\", \"remtoe\": true}]", "people[0].remtoe", "unknown key 'remtoe'"},
	/* groups */
	{NULL, NULL, NULL, NULL, "\"groups\": [{\"id\": \"g\"}, {\"id\": \"g\"}]", "groups[1].id", "duplicate group id 'g' (also groups[0])"},
	{NULL, NULL, NULL, NULL, "\"groups\": [{\"id\": \"g\", \"topics\": [\"ai\", 5]}]", "groups[0].topics[1]",
	 "is an integer; expected a tag string"},
	{NULL, NULL, NULL, NULL, "\"groups\": [\"g\"]", "groups[0]", "is a string; expected a group object"},
	{NULL, NULL, NULL, NULL, "\"groups\": [{\"id\": \"g\", \"knd\": \"dc\"}]", "groups[0].knd", "unknown key 'knd'"},
	/* sessions */
	{NULL, NULL, NULL, OMIT, "", "sessions", "missing; add an array here"},
	{NULL, NULL, NULL, "[]", "", "sessions", "is empty"},
	{NULL, NULL, NULL, "{\"s1\": {}}", "", "sessions", "is an object; expected an array"},
	/* feasibility with custom rooms */
	{NULL, NULL, "[{\"id\": \"r1\", \"features\": [\"x\"]}, {\"id\": \"r2\", \"features\": [\"y\"]}]",
	 "[{\"id\": \"s1\", \"duration\": 60, \"requires\": [\"x\", \"y\"]}]", "", "sessions[0]",
	 "'s1' fits no room: it needs the features x+y"},
	{NULL, NULL, "[{\"id\": \"r1\", \"unavailable\": [{}]}, {\"id\": \"r2\", \"unavailable\": [{\"day\": \"Day 1\"}]}]", NULL, "",
	 "sessions[0]", "'s1' fits nowhere: every room that suits it is unavailable"},
	{NULL, NULL,
	 "[{\"id\": \"r1\", \"unavailable\": [{\"from\": \"09:00\", \"to\": \"09:30\"}, {\"from\": \"11:30\", \"to\": \"12:00\"}]}]",
	 NULL, "", "sessions[0]", "fits nowhere"},
	/* theme chairs */
	{NULL, NULL, NULL, NULL, "\"themes\": [{\"id\": \"a\", \"chairs\": [\"ghost\"]}], \"people\": [{\"id\": \"p1\"}]",
	 "themes[0].chairs[0]", "'ghost' is not a person id; add it to people[]"},
	{NULL, NULL, NULL, NULL, "\"themes\": [{\"id\": \"a\", \"chairs\": [\"p1\", \"p1\"]}], \"people\": [{\"id\": \"p1\"}]",
	 "themes[0].chairs[1]", "person 'p1' is listed twice; list each chair once"},
	{NULL, NULL, NULL, NULL, "\"themes\": [{\"id\": \"a\", \"chairs\": \"p1\"}], \"people\": [{\"id\": \"p1\"}]",
	 "themes[0].chairs", "is a string; expected an array"},
	{NULL, NULL, NULL, NULL, "\"themes\": [{\"id\": \"a\", \"chairs\": [7]}], \"people\": [{\"id\": \"p1\"}]",
	 "themes[0].chairs[0]", "is an integer; expected a person id"},
};

START_TEST(test_full_cases) {
	const full_case *c = &full_cases[_i];
	char *json = full(c->meeting, c->days, c->rooms, c->sessions, c->extra);
	char label[64];
	snprintf(label, sizeof label, "full_cases[%d]", _i);
	expect_at(json, c->where, c->needle, label);
	free(json);
}
END_TEST

/* ---- cases that need generated files ---- */

START_TEST(test_too_many_days) {
	size_t cap = 65 * 128 + 64;
	char *days = malloc(cap);
	ck_assert_ptr_nonnull(days);
	strcpy(days, "[");
	for (int i = 0; i < 65; i++)
		sprintf(days + strlen(days), "%s{\"date\": \"2025-%02d-%02d\", \"slots\": [\"09:00-10:00\"]}", i ? ", " : "",
			1 + i / 28, 1 + i % 28);
	strcat(days, "]");
	char *json = full(NULL, days, NULL, NULL, "");
	expect_at(json, "days", "has 65 days; at most 64 are supported", "65 days");
	free(json);
	free(days);
}
END_TEST

START_TEST(test_too_many_features) {
	char rooms[4096] = "[{\"id\": \"r1\", \"features\": [\"plenary\", \"bilateral\"";
	for (int i = 0; i < 63; i++)
		sprintf(rooms + strlen(rooms), ", \"f%d\"", i);
	strcat(rooms, "]}]");
	char *json = full(NULL, NULL, rooms, NULL, "");
	expect_at(json, "rooms[0].features[64]", "'f62' would be feature number 65; at most 64", "65 features");
	free(json);
}
END_TEST

/* Exactly 64 distinct features, including the default rules' plenary and bilateral, load. */
START_TEST(test_64_features_ok) {
	char rooms[4096] = "[{\"id\": \"r1\", \"features\": [\"plenary\", \"bilateral\"";
	for (int i = 0; i < 62; i++)
		sprintf(rooms + strlen(rooms), ", \"f%d\"", i);
	strcat(rooms, "]}]");
	char *json = full(NULL, NULL, rooms, "[{\"id\": \"s1\", \"duration\": 60, \"requires\": [\"f61\"]}]", "");
	igs_problem *p = expect_ok(json, "64 features");
	ck_assert_int_eq(p->n_features, 64);
	ck_assert_int_eq(p->sessions[0].n_cand_rooms, 1);
	igs_problem_free(p);
	free(json);
}
END_TEST

/* 64 room features of its own are fine when no session has a type whose default rule
 * names another (plenary, bilateral); a session of such a type is then told why. */
START_TEST(test_64_room_features) {
	char rooms[4096] = "[{\"id\": \"r1\", \"features\": [\"f0\"";
	for (int i = 1; i < 64; i++)
		sprintf(rooms + strlen(rooms), ", \"f%d\"", i);
	strcat(rooms, "]}]");
	char *json = full(NULL, NULL, rooms, "[{\"id\": \"s1\", \"duration\": 60, \"requires\": [\"f63\"]}]", "");
	igs_problem *p = expect_ok(json, "64 room features");
	ck_assert_int_eq(p->n_features, 64);
	igs_problem_free(p);
	free(json);
	/* type_rules replacing the default feature of a used type takes no extra slot */
	json = full(NULL, NULL, rooms, "[{\"id\": \"s1\", \"duration\": 60, \"type\": \"main\"}]",
		    "\"type_rules\": {\"main\": {\"room_features\": [\"f1\"]}}");
	p = expect_ok(json, "64 room features, main overridden");
	igs_problem_free(p);
	free(json);
	json = full(NULL, NULL, rooms, "[{\"id\": \"s1\", \"duration\": 60}, {\"id\": \"s2\", \"duration\": 60, \"type\": \"main\"}]", "");
	expect_at(json, "sessions[1].type", "'plenary' would be feature number 65", "65th via type");
	free(json);
}
END_TEST

/* Duplicate messages name the earlier element by its place in the file, even when an
 * element in between was skipped for its own error. */
START_TEST(test_duplicate_positions) {
	char *json = tu_problem("{\"duration\": 60}, {\"id\": \"s1\", \"duration\": 60}, {\"id\": \"s1\", \"duration\": 30}", "");
	expect_at(json, "sessions[2].id", "duplicate session id 's1' (also sessions[1])", "session dup position");
	free(json);
	json = full(NULL, "[5, " D1 ", {\"date\": \"2025-06-24\", \"label\": \"Day 1\", \"slots\": [\"09:00-10:30\"]}]", NULL, NULL,
		    "");
	expect_at(json, "days[2].label", "'Day 1' repeats the date or label of days[1]", "day dup position");
	free(json);
	json = full(NULL, NULL, "[{\"name\": \"x\"}, {\"id\": \"r1\"}, {\"id\": \"r1\"}]", NULL, "");
	expect_at(json, "rooms[2].id", "(also rooms[1])", "room dup position");
	free(json);
	/* two days without a date are not reported as repeating each other */
	json = full(NULL, "[{\"slots\": [\"09:00-10:30\"]}, {\"slots\": [\"09:00-10:30\"]}]", NULL, NULL, "");
	igs_diag *d = igs_diag_new();
	igs_problem *p = NULL;
	ck_assert_int_eq(tu_load_text(&p, d, json), IGS_EINPUT);
	ck_assert_int_eq(igs_diag_count(d), 2);
	ck_assert(tu_diag_has(d, "days[0].date", "missing"));
	ck_assert(tu_diag_has(d, "days[1].date", "missing"));
	igs_diag_free(d);
	free(json);
}
END_TEST

/* Required sessions need more room-time than the rooms offer over all days. */
START_TEST(test_total_demand) {
	/* 2 days × 3 slots × 90 min × 3 rooms = 27 room-hours; 19 × 90 min = 28.5. */
	char sessions[4096] = "";
	for (int i = 0; i < 19; i++)
		sprintf(sessions + strlen(sessions), "%s{\"id\": \"w%d\", \"duration\": 90}", i ? ", " : "", i);
	char *json = tu_problem(sessions, "");
	igs_diag_free(expect_infeasible(
		json, "sessions", "the required sessions need 28.5 room-hours but the rooms offer only 27.0 over all days",
		"demand"));
	free(json);
	/* Exactly the room-time loads; the 19th session made optional does not count. */
	sessions[0] = 0;
	for (int i = 0; i < 19; i++)
		sprintf(sessions + strlen(sessions), "%s{\"id\": \"w%d\", \"duration\": 90, \"optional\": %s}", i ? ", " : "", i,
			i == 18 ? "true" : "false");
	json = tu_problem(sessions, "");
	igs_problem *p = expect_ok(json, "demand equal to room-time");
	igs_problem_free(p);
	free(json);
}
END_TEST

/* Optional sessions beyond room-time, or that fit nowhere, are not load errors. */
START_TEST(test_optional_not_errors) {
	char sessions[4096] = "";
	for (int i = 0; i < 30; i++)
		sprintf(sessions + strlen(sessions), "%s{\"id\": \"w%d\", \"duration\": 90, \"optional\": %s}", i ? ", " : "", i,
			i < 18 ? "false" : "true");
	strcat(sessions, ", {\"id\": \"too-long\", \"duration\": 400, \"optional\": true}");
	char *json = tu_problem(sessions, "");
	igs_problem *p = expect_ok(json, "optional");
	ck_assert_int_eq(p->n_sessions, 31);
	ck_assert_int_eq(p->sessions[30].n_cand_times, 0);
	igs_problem_free(p);
	free(json);
}
END_TEST

/* Sessions that can only run on Day 0 need more than Day 0 offers. */
START_TEST(test_day0_demand) {
	const char *days = "[{\"date\": \"2025-06-22\", \"label\": \"Day 0\", \"slots\": [\"09:00-10:30\"]},"
			   " {\"date\": \"2025-06-23\", \"label\": \"Day 1\", \"slots\": [\"09:00-10:30\", \"11:00-12:30\"]}]";
	const char *sessions = "[{\"id\": \"z1\", \"type\": \"day0\", \"duration\": 60},"
			       " {\"id\": \"z2\", \"type\": \"day0\", \"duration\": 60},"
			       " {\"id\": \"w1\", \"duration\": 90}]";
	char *json = full(NULL, days, "[{\"id\": \"r1\"}]", sessions, "");
	igs_diag *d = expect_infeasible(json, "sessions",
					"the required sessions that can only run on pre-event days (Day 0) need 2.0 "
					"room-hours but those days offer only 1.5",
					"day0 demand");
	/* Overall demand (3.5 h) fits the 4.5 room-hours, so only the Day 0 message appears. */
	ck_assert(!tu_diag_has(d, "sessions", "over all days"));
	igs_diag_free(d);
	free(json);
	/* A pre_event day by flag, not by label, counts the same. */
	const char *days2 = "[{\"date\": \"2025-06-22\", \"label\": \"Pre\", \"pre_event\": true, \"slots\": [\"09:00-10:30\"]},"
			    " {\"date\": \"2025-06-23\", \"label\": \"Day 1\", \"slots\": [\"09:00-10:30\", \"11:00-12:30\"]}]";
	json = full(NULL, days2, "[{\"id\": \"r1\"}]", sessions, "");
	igs_diag_free(expect_infeasible(json, "sessions", "pre-event days (Day 0) need 2.0 room-hours", "pre_event demand"));
	free(json);
	/* And within capacity it loads. */
	json = full(NULL, days, "[{\"id\": \"r1\"}, {\"id\": \"r2\"}]", sessions, "");
	igs_problem *ok = expect_ok(json, "day0 ok");
	ck_assert(ok->days[0].pre_event);
	ck_assert(!ok->days[1].pre_event);
	igs_problem_free(ok);
	free(json);
}
END_TEST

/* ---- not JSON, wrong top level, missing files ---- */

/* Requires exactly one message whose 'where' is "line N, column M" with N == line. */
static void expect_json_error(const char *json, int line, const char *needle) {
	igs_problem *p = (igs_problem *)&p;
	igs_diag *d = igs_diag_new();
	ck_assert_int_eq(tu_load_text(&p, d, json), IGS_EINPUT);
	ck_assert_ptr_null(p);
	ck_assert_int_eq(igs_diag_count(d), 1);
	const igs_msg *m = igs_diag_get(d, 0);
	int l = -1, c = -1;
	char tail;
	ck_assert_msg(sscanf(m->where, "line %d, column %d%c", &l, &c, &tail) == 2, "where is '%s'", m->where);
	ck_assert_int_eq(l, line);
	ck_assert_int_ge(c, 0);
	ck_assert_msg(strstr(m->message, "not valid JSON") && strstr(m->message, needle), "message '%s'", m->message);
	ck_assert_str_ne(m->file, "");
	igs_diag_free(d);
}

START_TEST(test_not_json) {
	expect_json_error("{\"meeting\": {\"name\": \"T\"},\n \"days\": [,]\n}\n", 2, "");
	expect_json_error("meeting: T\n", 1, "");
	expect_json_error("{\"meeting\": {\"name\": \"T\"}\n", 2, "");
	expect_json_error("", 1, "");
	/* duplicate keys are rejected by the parser rather than silently merged */
	expect_json_error("{\"meeting\": {\"name\": \"T\"},\n\n \"meeting\": {\"name\": \"U\"}}\n", 3, "duplicate");
}
END_TEST

START_TEST(test_top_level_not_object) {
	expect_at("[1, 2, 3]\n", "", "the top level is an array; a problem file is a JSON object", "array");
	expect_at("\"problem\"\n", "", "the top level is a string", "string");
	expect_at("42\n", "", "the top level is an integer", "number");
}
END_TEST

START_TEST(test_missing_file) {
	igs_problem *p = (igs_problem *)&p;
	igs_diag *d = igs_diag_new();
	ck_assert_int_eq(igs_problem_load(&p, "/nonexistent/igs-no-such-file.json", d), IGS_EIO);
	ck_assert_ptr_null(p);
	ck_assert_int_eq(igs_diag_count(d), 1);
	const igs_msg *m = igs_diag_get(d, 0);
	ck_assert_str_eq(m->file, "/nonexistent/igs-no-such-file.json");
	ck_assert_str_eq(m->where, "");
	ck_assert_msg(strstr(m->message, "cannot read the file: No such file"), "message '%s'", m->message);
	igs_diag_free(d);
}
END_TEST

/* A path that opens but cannot be read is an I/O error, not malformed JSON. */
START_TEST(test_directory) {
	igs_problem *p = (igs_problem *)&p;
	igs_diag *d = igs_diag_new();
	ck_assert_int_eq(igs_problem_load(&p, "/tmp", d), IGS_EIO);
	ck_assert_ptr_null(p);
	ck_assert_int_eq(igs_diag_count(d), 1);
	ck_assert(tu_diag_has(d, "", "cannot read the file: Is a directory"));
	igs_diag_free(d);
}
END_TEST

/* ---- many errors at once; clean files ---- */

START_TEST(test_all_errors_reported) {
	const char *json =
		"{\"meeting\": {\"name\": \"T\", \"utc_offset\": \"+1\"},\n"
		" \"days\": [{\"date\": \"2025-06-23\", \"label\": \"Day 1\", \"slots\": [\"09:00-10:30\", \"10:00-11:00\"]},\n"
		"          {\"date\": \"2025-06-23\", \"label\": \"Day 2\", \"slots\": [\"09:00-10:30\"]}],\n"
		" \"rooms\": [{\"id\": \"r1\", \"capacity\": -3}, {\"id\": \"r1\"}],\n"
		" \"themes\": [{\"id\": \"a\"}],\n"
		" \"people\": [{\"id\": \"far\", \"remote\": true}],\n"
		" \"sessions\": [{\"id\": \"s1\", \"duration\": -30},\n"
		"              {\"id\": \"s2\", \"duraton\": 60, \"duration\": 60, \"themes\": [\"zz\"]},\n"
		"              {\"id\": \"s3\", \"duration\": 60, \"people\": [{\"id\": \"far\", \"role\": \"boss\"}],\n"
		"               \"pin\": {\"room\": \"r9\", \"day\": \"Day 9\"}, \"requires\": [\"stage\"]}],\n"
		" \"weights\": {\"theme_clash\": -1, \"colour\": 2}\n"
		"}\n";
	static const char *const want[][2] = {
		{"meeting.utc_offset", "'+1' is not a UTC offset"},
		{"days[0].slots", "slots overlap"},
		{"days[1].date", "repeats the date or label of days[0]"},
		{"rooms[0].capacity", "-3 is not a number of seats"},
		{"rooms[1].id", "duplicate room id 'r1'"},
		{"people[0].utc_offset", "missing for a remote person"},
		{"sessions[0].duration", "-30 is not a positive number of minutes"},
		{"sessions[1].duraton", "unknown key 'duraton'"},
		{"sessions[1].themes[0]", "'zz' is not a theme id"},
		{"sessions[2].people[0].role", "'boss' is not a role"},
		{"sessions[2].pin.room", "'r9' is not a room id"},
		{"sessions[2].pin.day", "'Day 9' is not a day"},
		{"sessions[2].requires[0]", "no room has the feature 'stage'"},
		{"weights.theme_clash", "-1 is not a weight"},
		{"weights.colour", "unknown key 'colour'"},
	};
	int n = (int)(sizeof want / sizeof want[0]);
	igs_problem *p = (igs_problem *)&p;
	igs_diag *d = igs_diag_new();
	int rc = tu_load_text(&p, d, json);
	ck_assert_int_eq(rc, IGS_EINPUT);
	ck_assert_ptr_null(p);
	if (igs_diag_count(d) < n)
		tu_diag_dump(d);
	ck_assert_int_ge(igs_diag_count(d), n);
	for (int i = 0; i < n; i++) {
		if (!tu_diag_has(d, want[i][0], want[i][1]))
			tu_diag_dump(d);
		ck_assert_msg(tu_diag_has(d, want[i][0], want[i][1]), "missing %s: %s", want[i][0], want[i][1]);
	}
	/* every message names the file */
	for (int i = 0; i < igs_diag_count(d); i++)
		ck_assert_str_ne(igs_diag_get(d, i)->file, "");
	igs_diag_free(d);
}
END_TEST

/* Several sessions that fit nowhere are all reported, with the demand check too. */
START_TEST(test_all_feasibility_reported) {
	char *json = tu_problem("{\"id\": \"a\", \"duration\": 240}, {\"id\": \"b\", \"duration\": 60, \"min_capacity\": 900},"
				" {\"id\": \"c\", \"duration\": 60}, {\"id\": \"d\", \"duration\": 60, \"type\": \"bilateral\"}",
				"");
	igs_problem *p = (igs_problem *)&p;
	igs_diag *d = igs_diag_new();
	ck_assert_int_eq(tu_load_text(&p, d, json), IGS_EINPUT);
	ck_assert_ptr_null(p);
	ck_assert_int_eq(igs_diag_count(d), 3);
	ck_assert(tu_diag_has(d, "sessions[0]", "fits no start time"));
	ck_assert(tu_diag_has(d, "sessions[1]", "seats 900"));
	ck_assert(tu_diag_has(d, "sessions[3]", "needs the features hybrid+bilateral"));
	igs_diag_free(d);
	free(json);
}
END_TEST

/* A default meeting.slots mistake is reported once, not once per day that uses it. */
START_TEST(test_default_slots_reported_once) {
	char *json = full("{\"name\": \"T\", \"slots\": [\"09:00-10:30\", \"bad\"]}",
			  "[{\"date\": \"2025-06-23\"}, {\"date\": \"2025-06-24\"}, {\"date\": \"2025-06-25\"}]", NULL, NULL, "");
	igs_problem *p = NULL;
	igs_diag *d = igs_diag_new();
	ck_assert_int_eq(tu_load_text(&p, d, json), IGS_EINPUT);
	ck_assert_int_eq(igs_diag_count(d), 1);
	ck_assert(tu_diag_has(d, "meeting.slots[1]", "'bad' is not an interval"));
	igs_diag_free(d);
	free(json);
	/* and when valid, every day without its own slots gets a copy */
	json = full("{\"name\": \"T\", \"slots\": [\"11:00-12:00\", \"09:00-10:30\"], \"start_every\": 30}",
		    "[{\"date\": \"2025-06-23\"}, {\"date\": \"2025-06-24\", \"slots\": [\"14:00-15:00\"]}, {\"date\": \"2025-06-25\"}]",
		    NULL, NULL, "");
	p = expect_ok(json, "default slots");
	ck_assert_int_eq(p->days[0].n_slots, 2);
	ck_assert_int_eq(p->days[0].slots[0].from, 540);
	ck_assert_int_eq(p->days[1].n_slots, 1);
	ck_assert_int_eq(p->days[2].n_slots, 2);
	ck_assert_int_eq(p->days[2].slots[1].to, 720);
	ck_assert_int_eq(p->days[2].n_starts, 5);
	igs_problem_free(p);
	free(json);
}
END_TEST

START_TEST(test_valid_loads_clean) {
	char *json = tu_problem(
		"{\"id\": \"open\", \"type\": \"opening\", \"duration\": 90, \"pin\": {\"day\": \"Day 1\", \"start\": \"09:00\", \"room\": \"hall\"}},\n"
		"{\"id\": \"w1\", \"title\": \"Workshop 1\", \"duration\": 180, \"themes\": [\"a\"], \"tags\": [\"ai\", \"ai\"],\n"
		" \"people\": [\"p1\", {\"id\": \"far\", \"role\": \"speaker\"}, {\"id\": \"p2\", \"role\": \"organizer\"}],\n"
		" \"groups\": [\"dc1\"], \"attendance\": 80, \"requires\": [\"hybrid\"], \"min_capacity\": 50, \"priority\": 2.5,\n"
		" \"days\": [\"2025-06-24\"], \"not_days\": [\"Day 1\"], \"times\": [{\"from\": \"09:00\", \"to\": \"13:00\"}],\n"
		" \"not_times\": [{\"day\": \"Day 1\", \"from\": \"14:00\"}], \"prefer\": [{\"day\": \"Day 2\", \"weight\": 2}], \"order\": 1},\n"
		"{\"id\": \"m1\", \"type\": \"main\", \"duration\": 90.0, \"optional\": true, \"themes\": [\"b\"]}",
		"\"format\": \"igfsched-problem/1\",\n"
		"\"theme_similarity\": [{\"a\": \"a\", \"b\": \"b\", \"value\": 0.4}],\n"
		"\"type_rules\": {\"workshop\": {\"max_parallel\": 3, \"capacity_hard\": true},\n"
		"               \"main\": {\"parallel_class\": null, \"max_parallel\": 0}},\n"
		"\"weights\": {\"theme_clash\": 0, \"order\": 1.5}");
	igs_problem *p = expect_ok(json, "valid");
	ck_assert_int_eq(p->n_sessions, 3);
	ck_assert_int_eq(p->sessions[0].pin_room, 0);
	ck_assert_int_eq(p->sessions[0].pin_start, 540);
	ck_assert_int_eq(p->sessions[1].n_people, 3);
	ck_assert_int_eq(p->sessions[1].people[1].role, IGS_ROLE_SPEAKER);
	ck_assert_int_eq(p->sessions[1].people[2].role, IGS_ROLE_ORGANISER);
	ck_assert_int_eq(p->sessions[1].n_tags, 1);
	ck_assert_uint_eq(p->sessions[1].allowed_days, 2);
	ck_assert_int_eq(p->sessions[2].duration, 90); /* 90.0 is 90 */
	ck_assert_int_eq(p->people[2].utc_offset, -300);
	ck_assert_double_eq(p->weights.theme_clash, 0);
	ck_assert_double_eq(p->weights.order, 1.5);
	ck_assert_double_eq(p->theme_sim[0 * 2 + 1], 0.4);
	ck_assert_double_eq(p->theme_sim[1 * 2 + 0], 0.4);
	int w = igs_problem_find_rule(p, "workshop");
	ck_assert_int_ge(w, 0);
	ck_assert_str_eq(p->rules[w].parallel_class, "workshop"); /* max_parallel alone makes its own class */
	ck_assert_ptr_null(p->rules[igs_problem_find_rule(p, "main")].parallel_class);
	/* default apart rules: dc_joint keeps away from dc_main, and from main on a shared theme */
	const igs_type_rule *J = &p->rules[igs_problem_find_rule(p, "dc_joint")];
	ck_assert_int_eq(J->n_apart, 1);
	ck_assert_int_eq(J->apart[0], igs_problem_find_rule(p, "dc_main"));
	ck_assert_int_eq(J->n_apart_theme, 1);
	ck_assert_int_eq(J->apart_theme[0], igs_problem_find_rule(p, "main"));
	igs_problem_free(p);
	free(json);
}
END_TEST

/* Keys starting with x- or _ are notes and are accepted everywhere. */
START_TEST(test_note_keys_accepted) {
	const char *json =
		"{\"x-generator\": \"hand\", \"_comment\": {\"anything\": [1, 2]},\n"
		" \"meeting\": {\"name\": \"T\", \"x-venue\": \"Riyadh\"},\n"
		" \"days\": [{\"date\": \"2025-06-23\", \"slots\": [\"09:00-10:30\"], \"_note\": 1}],\n"
		" \"rooms\": [{\"id\": \"r1\", \"x-floor\": 2, \"unavailable\": [{\"day\": \"2025-06-23\", \"from\": \"10:00\", \"x-why\": \"cleaning\"}]}],\n"
		" \"themes\": [{\"id\": \"a\", \"x-colour\": \"red\"}],\n"
		" \"people\": [{\"id\": \"p\", \"x-email\": \"p@example.org\"}],\n"
		" \"groups\": [{\"id\": \"g\", \"_kind_note\": \"\"}],\n"
		" \"sessions\": [{\"id\": \"s1\", \"duration\": 60, \"x-room-request\": \"big\",\n"
		"               \"people\": [{\"id\": \"p\", \"x-confirmed\": true}], \"pin\": {\"x-why\": \"VIP\"}}],\n"
		" \"type_rules\": {\"workshop\": {\"x-reason\": \"none\"}},\n"
		" \"weights\": {\"x-tuned\": \"2024\"}}\n";
	igs_problem *p = expect_ok(json, "notes");
	ck_assert_int_eq(p->n_sessions, 1);
	igs_problem_free(p);
}
END_TEST

/* p3 chairs theme a: seated as chair in c1 and c2 (first theme a) and out of c1's
 * attendees; c3 and c4 (first theme b) are left as written, p3 speaking in c3; c5 lists
 * p3 already and keeps its one entry and role. */
START_TEST(test_theme_chairs_seated) {
	char *text = tu_problem("{\"id\": \"c1\", \"duration\": 90, \"themes\": [\"a\"], \"people\": [\"p1\"], \"attendees\": [\"p3\", \"p2\"]},"
				"{\"id\": \"c2\", \"duration\": 90, \"themes\": [\"a\", \"b\"], \"people\": [\"p2\"]},"
				"{\"id\": \"c3\", \"duration\": 90, \"themes\": [\"b\", \"a\"], \"people\": [\"p3\"]},"
				"{\"id\": \"c4\", \"duration\": 90, \"themes\": [\"b\", \"a\"], \"people\": [\"p4\"], \"attendees\": [\"p3\"]},"
				"{\"id\": \"c5\", \"duration\": 90, \"themes\": [\"a\"], \"people\": [{\"id\": \"p3\", \"role\": \"speaker\"}]}",
				"");
	char *more = tu_replace(text, "{\"id\": \"p2\"}", "{\"id\": \"p2\"}, {\"id\": \"p3\"}, {\"id\": \"p4\"}");
	char *json = tu_replace(more, "{\"id\": \"a\", \"name\": \"Theme A\"}",
				"{\"id\": \"a\", \"name\": \"Theme A\", \"chairs\": [\"p3\"]}");
	igs_problem *p = expect_ok(json, "theme chairs");
	int p3 = igs_problem_find_person(p, "p3");
	const igs_session *c1 = &p->sessions[igs_problem_find_session(p, "c1")],
			  *c2 = &p->sessions[igs_problem_find_session(p, "c2")],
			  *c3 = &p->sessions[igs_problem_find_session(p, "c3")],
			  *c4 = &p->sessions[igs_problem_find_session(p, "c4")],
			  *c5 = &p->sessions[igs_problem_find_session(p, "c5")];
	ck_assert_int_eq(c1->n_people, 2);
	ck_assert_int_eq(c1->people[1].person, p3);
	ck_assert_int_eq(c1->people[1].role, IGS_ROLE_CHAIR);
	ck_assert_int_eq(c1->n_attendees, 1);
	ck_assert_int_eq(c1->attendees[0], igs_problem_find_person(p, "p2"));
	ck_assert_int_eq(c2->n_people, 2);
	ck_assert_int_eq(c2->people[1].person, p3);
	ck_assert_int_eq(c2->people[1].role, IGS_ROLE_CHAIR);
	ck_assert_int_eq(c3->n_people, 1);
	ck_assert_int_eq(c4->n_people, 1);
	ck_assert_int_eq(c4->n_attendees, 1);
	ck_assert_int_eq(c5->n_people, 1);
	ck_assert_int_eq(c5->people[0].role, IGS_ROLE_SPEAKER);
	igs_problem_free(p);
	free(json);
	free(more);
	free(text);
}
END_TEST

/* A diag shared by two loads keeps the first load's messages, and a clean second load
 * into it succeeds (the loader counts only its own messages). */
START_TEST(test_shared_diag) {
	igs_diag *d = igs_diag_new();
	igs_problem *p = NULL;
	char *bad = tu_problem("{\"id\": \"s1\", \"duration\": -1}", "");
	ck_assert_int_eq(tu_load_text(&p, d, bad), IGS_EINPUT);
	int n = igs_diag_count(d);
	ck_assert_int_ge(n, 1);
	char *good = tu_problem("{\"id\": \"s1\", \"duration\": 60}", "");
	ck_assert_int_eq(tu_load_text(&p, d, good), IGS_OK);
	ck_assert_ptr_nonnull(p);
	ck_assert_int_eq(igs_diag_count(d), n);
	igs_problem_free(p);
	/* a NULL diag is allowed */
	ck_assert_int_eq(tu_load_text(&p, NULL, bad), IGS_EINPUT);
	ck_assert_ptr_null(p);
	free(bad);
	free(good);
	igs_diag_free(d);
}
END_TEST

/* Two required sessions pinned to one room at overlapping times load, but no schedule keeps
 * both: the feasibility report names both pins (a pinned pair sharing a person too). */
START_TEST(test_pin_clash) {
	char *json = tu_problem("{\"id\": \"s1\", \"duration\": 90, \"pin\": {\"day\": \"Day 1\", \"start\": \"09:00\", \"room\": \"ra\"}},"
				" {\"id\": \"s2\", \"duration\": 60, \"pin\": {\"day\": \"Day 1\", \"start\": \"09:00\", \"room\": \"ra\"}},"
				" {\"id\": \"s3\", \"duration\": 60, \"people\": [\"p1\"], \"pin\": {\"day\": \"Day 2\", \"start\": \"09:00\", \"room\": \"ra\"}},"
				" {\"id\": \"s4\", \"duration\": 60, \"people\": [\"p1\"], \"pin\": {\"day\": \"Day 2\", \"start\": \"09:00\", \"room\": \"rb\"}}",
				"");
	igs_diag *d = expect_infeasible(json, "sessions[1].pin", "overlapping 's1' (sessions[0].pin) in the same room",
					"pin clash");
	ck_assert(tu_diag_has(d, "sessions[1].pin", "move one of the pins or make one optional"));
	ck_assert(tu_diag_has(d, "sessions[3].pin", "overlapping 's3' (sessions[2].pin) sharing a person"));
	ck_assert_int_eq(igs_diag_count(d), 2);
	igs_diag_free(d);
	free(json);
	/* Apart in time, or one of them optional, they do not clash. */
	json = tu_problem("{\"id\": \"s1\", \"duration\": 90, \"pin\": {\"day\": \"Day 1\", \"start\": \"09:00\", \"room\": \"ra\"}},"
			  " {\"id\": \"s2\", \"duration\": 60, \"pin\": {\"day\": \"Day 1\", \"start\": \"11:00\", \"room\": \"ra\"}},"
			  " {\"id\": \"s3\", \"duration\": 60, \"optional\": true, \"pin\": {\"day\": \"Day 1\", \"start\": \"09:00\", \"room\": \"ra\"}}",
			  "");
	igs_problem *p = expect_ok(json, "pins apart");
	ck_assert_int_eq(igs_problem_feasibility(p, NULL), IGS_OK);
	igs_problem_free(p);
	free(json);
}
END_TEST

/* One session with an unknown feature, a minimum capacity no room has and a length no slot
 * holds: all three in one run, not one per fix. */
START_TEST(test_session_problems_at_once) {
	char *json = tu_problem("{\"id\": \"big\", \"duration\": 300, \"min_capacity\": 5000, \"requires\": [\"teleporter\"]},"
				" {\"id\": \"fine\", \"duration\": 60}",
				"");
	igs_problem *p = (igs_problem *)&p;
	igs_diag *d = igs_diag_new();
	ck_assert_int_eq(tu_load_text(&p, d, json), IGS_EINPUT);
	ck_assert_ptr_null(p);
	if (igs_diag_count(d) != 3 || getenv("IGS_TEST_VERBOSE"))
		tu_diag_dump(d);
	ck_assert(tu_diag_has(d, "sessions[0].requires[0]", "no room has the feature 'teleporter'"));
	ck_assert(tu_diag_has(d, "sessions[0]", "fits no start time"));
	ck_assert(tu_diag_has(d, "sessions[0]", "seats 5000"));
	ck_assert_int_eq(igs_diag_count(d), 3);
	igs_diag_free(d);
	free(json);
	/* Without the unknown feature: the length and the capacity, both. */
	json = tu_problem("{\"id\": \"big\", \"duration\": 300, \"min_capacity\": 5000}", "");
	expect_at(json, "sessions[0]", "seats 5000", "capacity with length");
	expect_at(json, "sessions[0]", "fits no start time", "length with capacity");
	free(json);
	/* A known feature no room has, with a length no slot holds: both. */
	json = tu_problem("{\"id\": \"big\", \"type\": \"main\", \"duration\": 300, \"requires\": [\"plenary\", \"x\"]}", "");
	expect_at(json, "sessions[0]", "fits no start time", "length with features");
	free(json);
}
END_TEST

/* A range error says the limit, not only that the value is wrong. */
START_TEST(test_range_messages_say_limit) {
	char *json = tu_problem("{\"id\": \"s1\", \"duration\": 60, \"priority\": 1e300, \"attendance\": 1099511627776}", "");
	expect_at(json, "sessions[0].priority", "at most 1e9", "priority limit");
	expect_at(json, "sessions[0].attendance", "at most 10000000", "attendance limit");
	free(json);
	json = tu_problem("{\"id\": \"s1\", \"duration\": 2000}", "");
	expect_at(json, "sessions[0].duration", "at most 1440", "duration limit");
	free(json);
	json = tu_problem("{\"id\": \"s1\", \"duration\": 60, \"priority\": 0}", "");
	expect_at(json, "sessions[0].priority", "more than 0", "priority lower limit");
	free(json);
	json = tu_problem("{\"id\": \"s1\", \"duration\": 60}", "\"weights\": {\"theme_clash\": 1e13}");
	expect_at(json, "weights.theme_clash", "at most 1e12", "weight limit");
	free(json);
}
END_TEST

/* A byte-order mark, which some editors put at the start of a UTF-8 file, is named as such. */
START_TEST(test_bom_named) {
	char *json = tu_problem("{\"id\": \"s1\", \"duration\": 60}", "");
	char *bom = malloc(strlen(json) + 4);
	ck_assert_ptr_nonnull(bom);
	strcpy(bom, "\xEF\xBB\xBF");
	strcat(bom, json);
	expect_at(bom, "", "byte-order mark", "bom");
	free(bom);
	free(json);
}
END_TEST

int main(void) {
	Suite *s = suite_create("validate");
	TCase *tc = tcase_create("fields");
	tcase_add_loop_test(tc, test_small_cases, 0, (int)(sizeof small_cases / sizeof small_cases[0]));
	tcase_add_loop_test(tc, test_full_cases, 0, (int)(sizeof full_cases / sizeof full_cases[0]));
	tcase_add_test(tc, test_too_many_days);
	tcase_add_test(tc, test_too_many_features);
	tcase_add_test(tc, test_64_features_ok);
	tcase_add_test(tc, test_64_room_features);
	tcase_add_test(tc, test_duplicate_positions);
	suite_add_tcase(s, tc);
	tc = tcase_create("feasibility");
	tcase_add_test(tc, test_total_demand);
	tcase_add_test(tc, test_optional_not_errors);
	tcase_add_test(tc, test_day0_demand);
	tcase_add_test(tc, test_all_feasibility_reported);
	tcase_add_test(tc, test_pin_clash);
	tcase_add_test(tc, test_session_problems_at_once);
	tcase_add_test(tc, test_range_messages_say_limit);
	tcase_add_test(tc, test_bom_named);
	suite_add_tcase(s, tc);
	tc = tcase_create("files");
	tcase_add_test(tc, test_not_json);
	tcase_add_test(tc, test_top_level_not_object);
	tcase_add_test(tc, test_missing_file);
	tcase_add_test(tc, test_directory);
	tcase_add_test(tc, test_all_errors_reported);
	tcase_add_test(tc, test_default_slots_reported_once);
	tcase_add_test(tc, test_valid_loads_clean);
	tcase_add_test(tc, test_note_keys_accepted);
	tcase_add_test(tc, test_theme_chairs_seated);
	tcase_add_test(tc, test_shared_diag);
	suite_add_tcase(s, tc);
	return tu_run_suite(s);
}
