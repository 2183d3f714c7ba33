/* Tests of import-cosplib and --format cosplib: the published schedules survive the round trip
 * CoSPLib -> igfsched -> CoSPLib with the same objective (and the same two layers), a small
 * instance maps as docs/COSPLIB.md says, bad input is reported and leaves no file, and a
 * problem without slot names cannot be written as a CoSPLib solution. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cosplib/instance.h"
#include "cosplib/import.h"
#include "cosplib/eval.h"
#include "cosplib/write.h"
#include "testutil.h"

/* The third-party data set, outside the repository (testutil.h). */
#define DATA tu_cosplib_dir()

/* The values of the README table beside the data (the library's current checker). */
static const struct {
	const char *instance, *model;
	long long objective;
} published[] = {
	{"GECCO19", "exact", 1000116}, {"GECCO19", "extended", 2000007}, {"GECCO20", "exact", 6298},
	{"GECCO20", "extended", 7768}, {"GECCO21", "exact", 11280},      {"GECCO21", "extended", 11130},
	{"N2OR", "exact", 2},          {"N2OR", "extended", 2},
};

typedef struct {
	char dir[64], problem[128], schedule[128], back[128];
} workdir;

static void work_init(workdir *w) {
	snprintf(w->dir, sizeof w->dir, "/tmp/igs-cimport-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(w->dir));
	snprintf(w->problem, sizeof w->problem, "%s/problem.json", w->dir);
	snprintf(w->schedule, sizeof w->schedule, "%s/schedule.json", w->dir);
	snprintf(w->back, sizeof w->back, "%s/back.json", w->dir);
}

static void work_clear(const workdir *w) {
	unlink(w->problem);
	unlink(w->schedule);
	unlink(w->back);
	ck_assert_int_eq(rmdir(w->dir), 0); /* fails if an unexpected file (a temporary one) was left */
}

static bool exists(const char *path) {
	return access(path, F_OK) == 0;
}

static igs_cosplib_solution *solution_of(const igs_cosplib *c, const char *path) {
	igs_diag *d = igs_diag_new();
	igs_cosplib_solution *s = NULL;
	int rc = igs_cosplib_solution_load(&s, c, path, d);
	if (rc != IGS_OK)
		tu_diag_dump(d);
	ck_assert_int_eq(rc, IGS_OK);
	igs_diag_free(d);
	return s;
}

static void import_ok(const char *inst, const workdir *w, const char *sol, igs_cosplib_import_stats *st) {
	igs_diag *d = igs_diag_new();
	int rc = igs_cosplib_import(inst, w->problem, sol, sol ? w->schedule : NULL, st, d);
	if (rc != IGS_OK)
		tu_diag_dump(d);
	ck_assert_int_eq(rc, IGS_OK);
	igs_diag_free(d);
}

/* problem + schedule file -> the schedule written with --format cosplib to w->back. */
static void write_back(const workdir *w, const char *note_needle) {
	igs_problem *p = tu_load_file(w->problem);
	igs_diag *d = igs_diag_new();
	igs_schedule *s = NULL;
	int rc = igs_schedule_load(&s, p, w->schedule, d);
	if (rc == IGS_OK)
		rc = igs_cosplib_write_schedule(s, w->back, d);
	if (rc != IGS_OK)
		tu_diag_dump(d);
	ck_assert_int_eq(rc, IGS_OK);
	if (note_needle) {
		char *out = NULL, cmd[512];
		snprintf(cmd, sizeof cmd, "cat %s", w->back);
		ck_assert_int_eq(tu_run(cmd, &out), 0);
		ck_assert_msg(strstr(out, note_needle) != NULL, "'%s' not in %s", note_needle, out);
		free(out);
	}
	igs_schedule_free(s);
	igs_problem_free(p);
	igs_diag_free(d);
}

START_TEST(test_round_trip) {
	char ip[512], sp[512];
	snprintf(ip, sizeof ip, "%s%s.json", DATA, published[_i].instance);
	snprintf(sp, sizeof sp, "%ssolutions/%s.%s.json", DATA, published[_i].instance, published[_i].model);
	workdir w;
	work_init(&w);
	igs_cosplib_import_stats st;
	import_ok(ip, &w, sp, &st);
	igs_cosplib *c = tu_cosplib_load(ip);
	ck_assert_int_eq(st.sessions, c->n_items);
	ck_assert_int_eq(st.scheduled, c->n_items);
	ck_assert_int_eq(st.unscheduled, 0);
	write_back(&w, NULL);
	/* igfsched's preference term is the weighted block penalties plus the printed constant. */
	igs_problem *p = tu_load_file(w.problem);
	igs_diag *d = igs_diag_new();
	igs_schedule *s = NULL;
	ck_assert_int_eq(igs_schedule_load(&s, p, w.schedule, d), IGS_OK);
	igs_report *rep = tu_eval(p, s);
	tu_expect_no_hard(rep);
	double block_costs = 0;
	long long wss = c->weight[IGS_CP_submissions_sessions] > 0 ? c->weight[IGS_CP_submissions_sessions] : 0;
	long long wts = c->weight[IGS_CP_tracks_sessions] > 0 ? c->weight[IGS_CP_tracks_sessions] : 0;
	long long wtz = c->weight[IGS_CP_submissions_timezones] > 0 ? c->weight[IGS_CP_submissions_timezones] : 0;
	for (int u = 0; u < c->n_items; u++) {
		int i = igs_problem_find_session(p, c->items[u].name), b = 0;
		const char *slot = p->days[p->times[s->time[i]].day].slot_names[igs_day_slot_of(
			&p->days[p->times[s->time[i]].day], p->times[s->time[i]].start)];
		while (strcmp(c->blocks[b].name, slot) != 0)
			b++;
		size_t ub = (size_t)u * c->n_blocks + b;
		block_costs += (double)((wss * c->item_block[ub] + wtz * c->item_tz[ub]) * c->items[u].req +
					wts * c->track_block[(size_t)c->items[u].track * c->n_blocks + b]);
	}
	ck_assert_msg(rep->preference.count == (double)st.preference_constant + block_costs, "preference %g, expected %lld + %g",
		      rep->preference.count, st.preference_constant, block_costs);
	igs_report_free(rep);
	igs_schedule_free(s);
	igs_problem_free(p);
	igs_diag_free(d);

	igs_cosplib_solution *orig = solution_of(c, sp), *back = solution_of(c, w.back);
	igs_cosplib_report r0, r1;
	ck_assert_int_eq(igs_cosplib_evaluate(&r0, c, orig), IGS_OK);
	ck_assert_int_eq(igs_cosplib_evaluate(&r1, c, back), IGS_OK);
	ck_assert_msg(r1.total == published[_i].objective && r0.total == published[_i].objective,
		      "%s %s: round trip %lld, original %lld, README %lld", published[_i].instance, published[_i].model,
		      r1.total, r0.total, published[_i].objective);
	ck_assert(r1.feasible && r1.valid);
	for (int k = 0; k < IGS_CP__COUNT; k++)
		ck_assert_msg(r0.count[k] == r1.count[k], "%s: %lld against %lld", igs_cosplib_component_key(k), r1.count[k],
			      r0.count[k]);
	/* Stronger than the objective: the very same schedule came back, cell by cell. */
	ck_assert_int_eq(memcmp(orig->slot, back->slot, (size_t)c->n_slots * sizeof *orig->slot), 0);
	ck_assert_int_eq(memcmp(orig->track, back->track, (size_t)(c->n_blocks * c->n_rooms) * sizeof *orig->track), 0);
	igs_cosplib_solution_free(orig);
	igs_cosplib_solution_free(back);
	igs_cosplib_free(c);
	work_clear(&w);
}
END_TEST

/* The two instances without a published solution import and load too (OR60's timeslots of
 * 22.5 and 45 minutes become 22). */
START_TEST(test_import_unsolved) {
	static const char *const names[] = {"ISF22", "OR60"};
	char ip[512];
	snprintf(ip, sizeof ip, "%s%s.json", DATA, names[_i]);
	workdir w;
	work_init(&w);
	igs_cosplib_import_stats st;
	import_ok(ip, &w, NULL, &st);
	igs_problem *p = tu_load_file(w.problem);
	igs_cosplib *c = tu_cosplib_load(ip);
	ck_assert_int_eq(p->n_sessions, c->n_items);
	ck_assert_int_eq(st.slot_minutes, _i == 0 ? 20 : 22);
	ck_assert(p->thematic_rooms);
	ck_assert_int_eq(p->join_gap, 0);
	igs_cosplib_free(c);
	igs_problem_free(p);
	ck_assert(!exists(w.schedule));
	work_clear(&w);
}
END_TEST

/* Three blocks over two dates (listed out of date order), timeslots of 30 and 45 minutes; a
 * remote presenter, forbidden rooms and blocks, similar tracks. */
static const char *const mini =
	"{\"format\": \"cosplib-instance/1\", \"name\": \"mini\",\n"
	" \"parameters\": {\"local_timezone\": \"GMT+1\", \"local_utc_offset_hours\": 1,"
	" \"suitable_from\": \"09:30\", \"suitable_to\": \"21:30\", \"less_suitable_from\": \"07:00\","
	" \"less_suitable_to\": \"23:00\", \"less_suitable_penalty\": 1, \"unsuitable_penalty\": 10},\n"
	" \"weights\": {\"tracks_sessions\": 2, \"tracks_rooms\": 1, \"sessions_rooms\": 1, \"similar_tracks\": 3,"
	" \"rooms_per_track\": 4, \"parallel_tracks\": 5, \"consecutive_tracks\": 12, \"submissions_timezones\": 6,"
	" \"submissions_order\": 7, \"submissions_sessions\": 8, \"submissions_rooms\": 0, \"presenters_conflicts\": 9,"
	" \"attendees_conflicts\": 10, \"chairs_conflicts\": 1, \"presenters_conflicts_timeslot\": 1,"
	" \"attendees_conflicts_timeslot\": 11},\n"
	" \"sessions\": [{\"name\": \"Tue1\", \"max_timeslots\": 2, \"date\": \"2024-05-08\", \"start\": \"11:00\","
	" \"end\": \"12:30\"},\n"
	" {\"name\": \"Mon1\", \"max_timeslots\": 3, \"date\": \"2024-05-07\", \"start\": \"09:00\", \"end\": \"10:30\"},\n"
	" {\"name\": \"Mon2\", \"max_timeslots\": 2, \"date\": \"2024-05-07\", \"start\": \"11:00\", \"end\": \"12:00\"}],\n"
	" \"rooms\": [\"R1\", \"R2\"],\n"
	" \"tracks\": [{\"name\": \"A\", \"chairs\": [\"c\"]}, {\"name\": \"B\", \"chairs\": []}, {\"name\": \"C\"}],\n"
	" \"submissions\": [{\"name\": \"a1\", \"track\": \"A\", \"required_timeslots\": 2, \"order\": 2,"
	" \"utc_offset_hours\": 1, \"presenters\": [\"p\"], \"attendees\": [\"q\"], \"session_penalties\": {\"Mon1\": 3}},\n"
	" {\"name\": \"b1\", \"track\": \"B\", \"required_timeslots\": 1, \"utc_offset_hours\": -2,"
	" \"presenters\": [\"r\", \"p\"]},\n"
	" {\"name\": \"c1\", \"track\": \"C\", \"required_timeslots\": 1, \"utc_offset_hours\": 1, \"presenters\": []}],\n"
	" \"tracks_sessions_penalties\": [[\"B\", \"Tue1\", 10000]],\n"
	" \"tracks_rooms_penalties\": [[\"A\", \"R2\", 10000], [\"C\", \"R1\", 5]],\n"
	" \"sessions_rooms_penalties\": [[\"Mon2\", \"R1\", 20000]],\n"
	" \"similar_tracks_penalties\": [[\"A\", \"B\", 20], [\"B\", \"C\", 40]]}\n";

/* a1 at Mon1 09:30 in R1, b1 at Mon2 11:30 in R2, c1 left out. */
static const char *const mini_solution =
	"{\"format\": \"cosplib-solution/1\", \"instance\": \"mini\",\n"
	" \"tracks\": [{\"session\": \"Mon1\", \"room\": \"R1\", \"track\": \"A\"},"
	" {\"session\": \"Mon2\", \"room\": \"R2\", \"track\": \"B\"}],\n"
	" \"assignments\": [{\"submission\": \"a1\", \"session\": \"Mon1\", \"room\": \"R1\", \"timeslot\": 1},"
	" {\"submission\": \"a1\", \"session\": \"Mon1\", \"room\": \"R1\", \"timeslot\": 2},"
	" {\"submission\": \"b1\", \"session\": \"Mon2\", \"room\": \"R2\", \"timeslot\": 1}]}\n";

static int find_session(const igs_problem *p, const char *id) {
	int i = igs_problem_find_session(p, id);
	ck_assert_int_ge(i, 0);
	return i;
}

START_TEST(test_mapping) {
	char *ip = tu_write_temp(mini, ".json"), *sp = tu_write_temp(mini_solution, ".json");
	workdir w;
	work_init(&w);
	igs_cosplib_import_stats st;
	import_ok(ip, &w, sp, &st);
	ck_assert_int_eq(st.slot_minutes, 30);
	ck_assert_int_eq(st.room_rules, 1);
	igs_problem *p = tu_load_file(w.problem);
	ck_assert_str_eq(p->name, "mini");
	ck_assert_int_eq(p->utc_offset, 60);
	ck_assert_int_eq(p->join_gap, 0);
	ck_assert(p->thematic_rooms);
	/* Days in date order; every block a named slot shrunk to its timeslots of 30 minutes. */
	ck_assert_int_eq(p->n_days, 2);
	ck_assert_str_eq(p->days[0].date, "2024-05-07");
	ck_assert_int_eq(p->days[0].n_slots, 2);
	ck_assert_str_eq(p->days[0].slot_names[0], "Mon1");
	ck_assert_str_eq(p->days[0].slot_names[1], "Mon2");
	ck_assert_int_eq(p->days[0].slots[0].from, 540);
	ck_assert_int_eq(p->days[0].slots[0].to, 630);
	ck_assert_int_eq(p->days[0].n_starts, 5);
	ck_assert_int_eq(p->days[0].starts[3], 660);
	ck_assert_str_eq(p->days[1].slot_names[0], "Tue1");
	ck_assert_int_eq(p->days[1].slots[0].to, 720); /* 45-minute timeslots, now 30 */
	/* Sessions: duration = timeslots x 30, the track as first theme, the order, presenters. */
	const igs_session *a1 = &p->sessions[find_session(p, "a1")], *b1 = &p->sessions[find_session(p, "b1")],
			  *c1 = &p->sessions[find_session(p, "c1")];
	ck_assert_int_eq(a1->duration, 60);
	ck_assert_int_eq(a1->n_themes, 1);
	ck_assert_str_eq(p->themes[a1->themes[0]].id, "A");
	ck_assert_int_eq(a1->order, 2);
	ck_assert_int_eq(c1->order, 0);
	/* a1: its presenter p, and c, the chair of its track A, who takes part as a chair; q
	 * attends. Every name is a person of the problem. */
	ck_assert_int_eq(a1->n_people, 2);
	ck_assert_str_eq(p->people[a1->people[0].person].id, "p");
	ck_assert_int_eq(a1->people[0].role, IGS_ROLE_SPEAKER);
	ck_assert_str_eq(p->people[a1->people[1].person].id, "c");
	ck_assert_int_eq(a1->people[1].role, IGS_ROLE_CHAIR);
	ck_assert_int_eq(a1->n_attendees, 1);
	ck_assert_str_eq(p->people[a1->attendees[0]].id, "q");
	ck_assert_int_eq(b1->n_people, 2);
	ck_assert_int_eq(b1->n_attendees, 0);
	ck_assert_int_eq(p->n_people, 4);
	ck_assert_int_eq(p->themes[a1->themes[0]].n_chairs, 1);
	const igs_person *r = &p->people[igs_problem_find_person(p, "r")], *pp = &p->people[igs_problem_find_person(p, "p")];
	ck_assert(r->remote && !pp->remote);
	ck_assert_int_eq(r->utc_offset, -120);
	ck_assert_int_eq(r->n_available, 1);
	ck_assert_int_eq(r->available[0].from, 420);
	/* Block costs as preferences: a1 pays (8 x 3 + 6 x 1, Mon1 starting before 09:30, "less
	 * suitable") x 2 timeslots = 60 in Mon1; b1 2 x 10000 in Tue1, and for its zone, 3 hours
	 * west, 6 x 10 in Mon1 (06:00 there) and 6 x 1 in Mon2 and Tue1 (08:00): weights
	 * 20006 - 60 and 20006 - 6, in the instance's block order. */
	ck_assert_int_eq(a1->n_prefer, 2);
	ck_assert_msg(a1->prefer[0].weight == 60 && a1->prefer[1].weight == 60, "%g %g", a1->prefer[0].weight,
		      a1->prefer[1].weight);
	ck_assert_int_eq(b1->n_prefer, 2);
	ck_assert_msg(b1->prefer[0].weight == 19946 && b1->prefer[1].weight == 20000, "%g %g", b1->prefer[0].weight,
		      b1->prefer[1].weight);
	ck_assert_int_eq(c1->n_prefer, 2); /* Mon1's "less suitable" start alone: 6 x 1 */
	ck_assert(c1->prefer[0].weight == 6 && c1->prefer[1].weight == 6);
	/* A forbidden room (track A in R2) is a feature R1 has and a1 needs; a forbidden block-room
	 * cell (Mon2, R1) closes the room then; C in R1 (5) is lost. */
	ck_assert(a1->needs != 0 && (p->rooms[0].features & a1->needs) == a1->needs);
	ck_assert((p->rooms[1].features & a1->needs) != a1->needs);
	ck_assert(c1->needs == 0 && b1->needs == 0);
	ck_assert_int_eq(p->rooms[0].n_unavailable, 1);
	ck_assert_int_eq(p->rooms[0].unavailable[0].from, 660);
	ck_assert_int_eq(p->rooms[1].n_unavailable, 0);
	/* Similarities scaled to the largest; weights from the corresponding components. */
	int A = igs_problem_find_theme(p, "A"), B = igs_problem_find_theme(p, "B"), C = igs_problem_find_theme(p, "C");
	ck_assert(p->theme_sim[A * p->n_themes + B] == 0.5);
	ck_assert(p->theme_sim[C * p->n_themes + B] == 1.0);
	ck_assert(p->weights.similarity_clash == 120);
	ck_assert(p->weights.theme_clash == 5);
	ck_assert(p->weights.room_stability == 4);
	ck_assert(p->weights.order == 7);
	/* Presenters in one block, attendees in one block and in one timeslot. */
	ck_assert(p->weights.person_slot == 9);
	ck_assert(p->weights.attendee_slot == 10);
	ck_assert(p->weights.attendee_clash == 11);
	ck_assert(p->weights.track_breaks == 12); /* consecutive_tracks */
	ck_assert(p->weights.remote_hours == 0); /* time zones are block costs, below */
	ck_assert(p->weights.preference == 1);
	ck_assert(p->weights.tag_clash == 0 && p->weights.theme_spread == 0 && p->weights.duplicate_clash == 0);
	/* The solution: a1 at 09:30 (its first timeslot), b1 at 11:30, c1 unscheduled. */
	igs_diag *d = igs_diag_new();
	igs_schedule *s = NULL;
	ck_assert_int_eq(igs_schedule_load(&s, p, w.schedule, d), IGS_OK);
	int ia = find_session(p, "a1"), ib = find_session(p, "b1"), ic = find_session(p, "c1");
	ck_assert_int_eq(p->times[s->time[ia]].start, 570);
	ck_assert_int_eq(p->times[s->time[ia]].day, 0);
	ck_assert_str_eq(p->rooms[s->room[ia]].id, "R1");
	ck_assert_int_eq(p->times[s->time[ib]].start, 690);
	ck_assert_int_eq(s->time[ic], -1);
	igs_schedule_free(s);
	igs_diag_free(d);
	igs_problem_free(p);
	/* Back: the same two layers, and the left-out session said in the notes. */
	write_back(&w, "session c1 is not scheduled");
	igs_cosplib *c = tu_cosplib_load(ip);
	igs_cosplib_solution *orig = solution_of(c, sp), *back = solution_of(c, w.back);
	ck_assert_int_eq(memcmp(orig->slot, back->slot, (size_t)c->n_slots * sizeof *orig->slot), 0);
	ck_assert_int_eq(memcmp(orig->track, back->track, (size_t)(c->n_blocks * c->n_rooms) * sizeof *orig->track), 0);
	igs_cosplib_solution_free(orig);
	igs_cosplib_solution_free(back);
	igs_cosplib_free(c);
	work_clear(&w);
	unlink(ip);
	unlink(sp);
	free(ip);
	free(sp);
}
END_TEST

static const struct {
	bool in_solution; /* the edit applies to the solution, else to the instance */
	const char *from, *to, *where, *needle;
} bad[] = {
	/* Mon1's three timeslots of 30 minutes end at 10:30, where Mon2 would now start. */
	{false, "\"start\": \"11:00\", \"end\": \"12:00\"", "\"start\": \"10:30\", \"end\": \"12:00\"", "sessions[2]",
	 "would touch or overlap"},
	{false, "\"date\": \"2024-05-08\", ", "", "sessions[0]", "no date"},
	{false, "\"name\": \"mini\"", "\"name\": \"\"", "name", "is missing or empty"},
	{false, "\"date\": \"2024-05-08\"", "\"date\": \"8 May\"", "sessions[0]", "not YYYY-MM-DD"},
	{false, "\"end\": \"12:30\"", "\"end\": \"10:00\"", "sessions[0]", "ends at or before its start"},
	{false, "\"max_timeslots\": 2, \"date\": \"2024-05-08\", \"start\": \"11:00\", \"end\": \"12:30\"",
	 "\"max_timeslots\": 100, \"date\": \"2024-05-08\", \"start\": \"11:00\", \"end\": \"12:30\"", "sessions[0]",
	 "do not fit its 90 minutes"},
	{false, "\"track\": \"C\", \"required", "\"track\": \"D\", \"required", "submissions[2].track", "'D' is not in tracks[]"},
	{true, "\"submission\": \"b1\"", "\"submission\": \"zz\"", "assignments[2].submission", "'zz' is not in"},
};

START_TEST(test_bad_input) {
	char *inst = bad[_i].in_solution ? strdup(mini) : tu_replace(mini, bad[_i].from, bad[_i].to);
	char *sol = bad[_i].in_solution ? tu_replace(mini_solution, bad[_i].from, bad[_i].to) : strdup(mini_solution);
	char *ip = tu_write_temp(inst, ".json"), *sp = tu_write_temp(sol, ".json");
	workdir w;
	work_init(&w);
	igs_diag *d = igs_diag_new();
	int rc = igs_cosplib_import(ip, w.problem, sp, w.schedule, NULL, d);
	ck_assert_int_eq(rc, IGS_EINPUT);
	if (!tu_diag_has(d, bad[_i].where, bad[_i].needle))
		tu_diag_dump(d);
	ck_assert(tu_diag_has(d, bad[_i].where, bad[_i].needle));
	/* Every message names its file. */
	for (int k = 0; k < igs_diag_count(d); k++)
		ck_assert(strcmp(igs_diag_get(d, k)->file, bad[_i].in_solution ? sp : ip) == 0);
	ck_assert(!exists(w.problem) && !exists(w.schedule));
	/* The command line: exit 2, the message, still nothing written. */
	char cmd[1024], *out = NULL;
	snprintf(cmd, sizeof cmd, "%s import-cosplib %s -o %s --solution %s --schedule-out %s", IGS_BINARY, ip, w.problem,
		 sp, w.schedule);
	ck_assert_int_eq(tu_run(cmd, &out), 2);
	ck_assert_msg(strstr(out, bad[_i].needle) != NULL, "%s", out);
	ck_assert(!exists(w.problem) && !exists(w.schedule));
	free(out);
	igs_diag_free(d);
	work_clear(&w);
	unlink(ip);
	unlink(sp);
	free(ip);
	free(sp);
	free(inst);
	free(sol);
}
END_TEST

/* --format cosplib takes its blocks from slot names; a problem without them cannot give one. */
START_TEST(test_unnamed_slots) {
	char *text = tu_problem("{\"id\": \"s1\", \"duration\": 60, \"themes\": [\"a\"]}", "");
	char *pp = tu_write_temp(text, ".json");
	igs_problem *p = tu_load_file(pp);
	igs_schedule *s = igs_schedule_new(p);
	ck_assert_ptr_nonnull(s);
	ck_assert_int_eq(igs_schedule_set(s, 0, 0, 1), IGS_OK);
	workdir w;
	work_init(&w);
	igs_diag *d = igs_diag_new();
	ck_assert_int_eq(igs_cosplib_write_schedule(s, w.back, d), IGS_EINPUT);
	ck_assert(tu_diag_has(d, "", "--format cosplib needs named slots, as import-cosplib writes: session s1 starts in "
				     "slot 09:00-10:30 of Day 1, which has no name"));
	ck_assert(!exists(w.back));
	char cmd[1024], *out = NULL;
	snprintf(cmd, sizeof cmd, "%s solve %s -q --moves 100 -o %s --format cosplib", IGS_BINARY, pp, w.back);
	ck_assert_int_eq(tu_run(cmd, &out), 2);
	ck_assert_msg(strstr(out, "needs named slots") != NULL, "%s", out);
	ck_assert(!exists(w.back));
	free(out);
	igs_diag_free(d);
	igs_schedule_free(s);
	igs_problem_free(p);
	work_clear(&w);
	unlink(pp);
	free(pp);
	free(text);
}
END_TEST

/* The round trip on the command line: import, check, evaluate --format cosplib,
 * cosplib-eval; and solve --format cosplib of the imported problem gives a valid solution. */
START_TEST(test_cli) {
	workdir w;
	work_init(&w);
	char cmd[2048], *out = NULL;
	snprintf(cmd, sizeof cmd, "%s import-cosplib %sGECCO20.json -o %s --solution %ssolutions/GECCO20.exact.json "
				  "--schedule-out %s",
		 IGS_BINARY, DATA, w.problem, DATA, w.schedule);
	ck_assert_int_eq(tu_run(cmd, &out), 0);
	ck_assert_msg(strstr(out, "158 sessions placed, 0 not in the solution") != NULL, "%s", out);
	free(out);
	snprintf(cmd, sizeof cmd, "%s check %s", IGS_BINARY, w.problem);
	ck_assert_int_eq(tu_run(cmd, &out), 0);
	ck_assert_msg(strstr(out, ": ok") != NULL, "%s", out);
	free(out);
	snprintf(cmd, sizeof cmd, "%s evaluate %s %s -o %s --format cosplib", IGS_BINARY, w.problem, w.schedule, w.back);
	int rc = tu_run(cmd, &out);
	ck_assert_msg(rc == 0 || rc == 1, "%s", out);
	free(out);
	snprintf(cmd, sizeof cmd, "%s cosplib-eval %sGECCO20.json %s", IGS_BINARY, DATA, w.back);
	ck_assert_int_eq(tu_run(cmd, &out), 0);
	ck_assert_msg(strstr(out, "objective 6298\n") != NULL, "%s", out);
	free(out);
	snprintf(cmd, sizeof cmd, "%s import-cosplib %sN2OR.json -o %s", IGS_BINARY, DATA, w.problem);
	ck_assert_int_eq(tu_run(cmd, &out), 0);
	free(out);
	snprintf(cmd, sizeof cmd, "%s solve %s -q --solver heuristic --moves 20000 -o %s --format cosplib", IGS_BINARY,
		 w.problem, w.back);
	rc = tu_run(cmd, &out);
	ck_assert_msg(rc == 0 || rc == 1, "%s", out);
	free(out);
	snprintf(cmd, sizeof cmd, "%s cosplib-eval %sN2OR.json %s", IGS_BINARY, DATA, w.back);
	rc = tu_run(cmd, &out);
	/* N2OR fills every timeslot, which the general search need not achieve (feasible may be
	 * no), but thematic rooms keep one track per room and block: always valid. */
	ck_assert_msg(rc == 0 || rc == 1, "%s", out);
	ck_assert_msg(strstr(out, "CoSPLib instance N2OR: objective") != NULL, "%s", out);
	ck_assert_msg(strstr(out, "valid: yes") != NULL, "%s", out);
	free(out);
	/* Usage errors: --solution without --schedule-out, -o standard output. */
	snprintf(cmd, sizeof cmd, "%s import-cosplib %sN2OR.json -o %s --solution %ssolutions/N2OR.exact.json", IGS_BINARY,
		 DATA, w.problem, DATA);
	ck_assert_int_eq(tu_run(cmd, &out), 2);
	ck_assert_msg(strstr(out, "--schedule-out") != NULL, "%s", out);
	free(out);
	snprintf(cmd, sizeof cmd, "%s import-cosplib %sN2OR.json -o -", IGS_BINARY, DATA);
	ck_assert_int_eq(tu_run(cmd, &out), 2);
	free(out);
	snprintf(cmd, sizeof cmd, "%s import-cosplib --help", IGS_BINARY);
	ck_assert_int_eq(tu_run(cmd, &out), 0);
	ck_assert_msg(strstr(out, "usage: igfsched import-cosplib") != NULL, "%s", out);
	free(out);
	work_clear(&w);
}
END_TEST

static Suite *suite(bool data) {
	Suite *s = suite_create("cosplib_import");
	TCase *tc = tcase_create("cosplib_import");
	tcase_add_test(tc, test_mapping);
	tcase_add_loop_test(tc, test_bad_input, 0, (int)(sizeof bad / sizeof *bad));
	tcase_add_test(tc, test_unnamed_slots);
	if (data) {
		tcase_add_loop_test(tc, test_round_trip, 0, (int)(sizeof published / sizeof *published));
		tcase_add_loop_test(tc, test_import_unsolved, 0, 2);
		tcase_add_test(tc, test_cli);
	}
	suite_add_tcase(s, tc);
	return s;
}

int main(void) {
	/* The instances of the data set are third-party and may be absent; the made-up ones are
	 * the tests' own. */
	return tu_run_suite(suite(tu_cosplib_present("test_cosplib_import", "the tests on the data set's instances")));
}
