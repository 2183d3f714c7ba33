/* Tests of the CoSPLib lower bound: never above a proper schedule (the 8 published ones, the
 * search's on all six instances), equal to the optimum found by enumeration on instances of
 * only the components it models, no bound for an item that fits no block or for a negative
 * penalty. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cosplib/instance.h"
#include "cosplib/bound.h"
#include "cosplib/eval.h"
#include "cosplib/search.h"
#include "testutil.h"

/* The third-party data set, outside the repository (testutil.h). */
#define DATA tu_cosplib_dir()

static igs_cosplib_bound bound_of(const igs_cosplib *c, double seconds) {
	igs_cosplib_bound b;
	ck_assert_int_eq(igs_cosplib_lower_bound(&b, c, seconds, NULL, 0), IGS_OK);
	return b;
}

START_TEST(test_below_published) {
	static const char *const names[] = {"N2OR", "GECCO19", "GECCO20", "GECCO21"};
	static const char *const models[] = {"exact", "extended"};
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
		char path[512];
		snprintf(path, sizeof path, "%s%s.json", DATA, names[i]);
		igs_cosplib *c = tu_cosplib_load(path);
		igs_cosplib_bound b = bound_of(c, 3);
		if (i == 0)
			ck_assert(b.proven); /* N2OR's programs are tiny: one is always solved */
		for (size_t m = 0; b.proven && m < 2; m++) {
			snprintf(path, sizeof path, "%ssolutions/%s.%s.json", DATA, names[i], models[m]);
			igs_diag *d = igs_diag_new();
			igs_cosplib_solution *s = NULL;
			ck_assert_int_eq(igs_cosplib_solution_load(&s, c, path, d), IGS_OK);
			igs_cosplib_report r;
			ck_assert_int_eq(igs_cosplib_evaluate(&r, c, s), IGS_OK);
			ck_assert_msg(b.bound <= r.total, "%s %s: bound %lld above the schedule's %lld", names[i], models[m],
				      b.bound, r.total);
			igs_cosplib_solution_free(s);
			igs_diag_free(d);
		}
		igs_cosplib_free(c);
	}
}
END_TEST

START_TEST(test_below_search) {
	static const char *const names[] = {"N2OR", "GECCO19", "GECCO20", "GECCO21", "ISF22", "OR60"};
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
		char path[512];
		snprintf(path, sizeof path, "%s%s.json", DATA, names[i]);
		igs_cosplib *c = tu_cosplib_load(path);
		igs_cosplib_bound b = bound_of(c, 3);
		ck_assert(!b.infeasible);
		if (i == 0)
			ck_assert(b.proven);
		igs_cosplib_options o;
		igs_cosplib_options_init(&o);
		o.moves = 30000; /* enough for a complete schedule; the bound must hold for any */
		o.time_limit = 1e6;
		o.verbose = 0;
		igs_diag *d = igs_diag_new();
		igs_cosplib_solution *s = NULL;
		igs_cosplib_search_stats st = {0};
		ck_assert_int_eq(igs_cosplib_search(&s, &st, c, &o, d), IGS_OK);
		ck_assert_int_eq(st.missing, 0);
		ck_assert_msg(!b.proven || b.bound <= st.total, "%s: bound %lld above a schedule of %lld", names[i], b.bound,
			      st.total);
		igs_cosplib_search_stats_clear(&st);
		igs_cosplib_solution_free(s);
		igs_diag_free(d);
		igs_cosplib_free(c);
	}
}
END_TEST

/* Three blocks (S3 late: a presenter eight hours east finds it unsuitable), two rooms, tracks
 * A, B, C; only the components the bound models weigh in: track, room and block penalties of
 * cells, session and time-zone penalties of items, and a presenter shared across tracks. */
static const char *const tiny =
	"{\"format\": \"cosplib-instance/1\", \"name\": \"tiny\",\n"
	" \"parameters\": {\"local_timezone\": \"GMT+0\", \"local_utc_offset_hours\": 0,"
	" \"suitable_from\": \"09:30\", \"suitable_to\": \"21:30\", \"less_suitable_from\": \"07:00\","
	" \"less_suitable_to\": \"23:00\", \"less_suitable_penalty\": 1, \"unsuitable_penalty\": 10},\n"
	" \"weights\": {\"tracks_sessions\": 1, \"tracks_rooms\": 2, \"sessions_rooms\": 1, \"similar_tracks\": 0,"
	" \"rooms_per_track\": 0, \"parallel_tracks\": 0, \"consecutive_tracks\": 0, \"submissions_timezones\": 1,"
	" \"submissions_order\": 0, \"submissions_sessions\": 3, \"submissions_rooms\": 0, \"presenters_conflicts\": 5,"
	" \"attendees_conflicts\": 0, \"chairs_conflicts\": 0, \"presenters_conflicts_timeslot\": 0,"
	" \"attendees_conflicts_timeslot\": 0},\n"
	" \"sessions\": [{\"name\": \"S1\", \"max_timeslots\": 2, \"start\": \"09:30\", \"end\": \"10:30\"},"
	" {\"name\": \"S2\", \"max_timeslots\": 2, \"start\": \"11:00\", \"end\": \"12:00\"},"
	" {\"name\": \"S3\", \"max_timeslots\": 1, \"start\": \"20:00\", \"end\": \"20:30\"}],\n"
	" \"rooms\": [\"R1\", \"R2\"],\n"
	" \"tracks\": [{\"name\": \"A\", \"chairs\": []}, {\"name\": \"B\", \"chairs\": []}, {\"name\": \"C\", \"chairs\": []}],\n"
	" \"submissions\": ["
	"{\"name\": \"a1\", \"track\": \"A\", \"required_timeslots\": 1, \"order\": 0, \"timezone\": \"GMT+0\","
	" \"utc_offset_hours\": 0, \"presenters\": [], \"attendees\": [], \"session_penalties\": {\"S1\": 2},"
	" \"room_penalties\": {}},"
	"{\"name\": \"a2\", \"track\": \"A\", \"required_timeslots\": 2, \"order\": 0, \"timezone\": \"GMT+0\","
	" \"utc_offset_hours\": 0, \"presenters\": [], \"attendees\": [], \"session_penalties\": {\"S2\": 1},"
	" \"room_penalties\": {}},"
	"{\"name\": \"b1\", \"track\": \"B\", \"required_timeslots\": 1, \"order\": 0, \"timezone\": \"GMT+8\","
	" \"utc_offset_hours\": 8, \"presenters\": [\"P1\"], \"attendees\": [], \"session_penalties\": {\"S2\": 5},"
	" \"room_penalties\": {}},"
	"{\"name\": \"b2\", \"track\": \"B\", \"required_timeslots\": 1, \"order\": 0, \"timezone\": \"GMT+0\","
	" \"utc_offset_hours\": 0, \"presenters\": [], \"attendees\": [], \"session_penalties\": {\"S1\": 1, \"S2\": 1},"
	" \"room_penalties\": {}},"
	"{\"name\": \"c1\", \"track\": \"C\", \"required_timeslots\": 1, \"order\": 0, \"timezone\": \"GMT+0\","
	" \"utc_offset_hours\": 0, \"presenters\": [\"P1\"], \"attendees\": [], \"session_penalties\": {\"S2\": 5, \"S3\": 5},"
	" \"room_penalties\": {}}],\n"
	" \"tracks_sessions_penalties\": [[\"C\", \"S2\", 4], [\"B\", \"S3\", 1]],\n"
	" \"tracks_rooms_penalties\": [[\"A\", \"R1\", 1]],\n"
	" \"sessions_rooms_penalties\": [[\"S1\", \"R2\", 2]],\n"
	" \"similar_tracks_penalties\": [], \"similar_tracks_ignored_cells\": []}\n";

typedef struct {
	const igs_cosplib *c;
	igs_cosplib_solution *s;
	int *blk, *room, *slot; /* the placement being enumerated, per item */
	long long best;
	long proper;
} enumeration;

/* Every placement of every item (block, room, first slot), keeping the schedules whose items
 * do not collide and whose cells hold one track each; the track layer is what the items say. */
static void enumerate(enumeration *E, int u) {
	const igs_cosplib *c = E->c;
	if (u == c->n_items) {
		for (int i = 0; i < c->n_blocks * c->n_rooms; i++)
			E->s->track[i] = -1;
		for (int i = 0; i < c->n_slots; i++)
			E->s->slot[i] = -1;
		for (int v = 0; v < c->n_items; v++) {
			const igs_cosplib_block *b = &c->blocks[E->blk[v]];
			int *cell = &E->s->track[E->blk[v] * c->n_rooms + E->room[v]];
			if (*cell >= 0 && *cell != c->items[v].track)
				return;
			*cell = c->items[v].track;
			for (int k = 0; k < c->items[v].req; k++) {
				int *at = &E->s->slot[b->first_slot + E->room[v] * b->slots + E->slot[v] + k];
				if (*at >= 0)
					return;
				*at = v;
			}
		}
		igs_cosplib_report r;
		ck_assert_int_eq(igs_cosplib_evaluate(&r, c, E->s), IGS_OK);
		ck_assert(r.feasible && r.valid);
		E->proper++;
		if (E->best < 0 || r.total < E->best)
			E->best = r.total;
		return;
	}
	for (int b = 0; b < c->n_blocks; b++)
		for (int r = 0; r < c->n_rooms; r++)
			for (int k = 0; k + c->items[u].req <= c->blocks[b].slots; k++) {
				E->blk[u] = b;
				E->room[u] = r;
				E->slot[u] = k;
				enumerate(E, u + 1);
			}
}

/* The optimum over every proper schedule of text, by enumeration; E.proper counts them. */
static long long enumerated(const igs_cosplib *c, long *proper) {
	enumeration E = {.c = c, .best = -1};
	ck_assert_int_eq(igs_cosplib_solution_new(&E.s, c), IGS_OK);
	E.blk = calloc((size_t)c->n_items, sizeof *E.blk);
	E.room = calloc((size_t)c->n_items, sizeof *E.room);
	E.slot = calloc((size_t)c->n_items, sizeof *E.slot);
	enumerate(&E, 0);
	free(E.blk);
	free(E.room);
	free(E.slot);
	igs_cosplib_solution_free(E.s);
	*proper = E.proper;
	return E.best;
}

static igs_cosplib *load_text(const char *text) {
	char *path = tu_write_temp(text, ".json");
	igs_cosplib *c = tu_cosplib_load(path);
	unlink(path);
	free(path);
	return c;
}

START_TEST(test_equals_enumeration) {
	igs_cosplib *c = load_text(tiny);
	long proper;
	long long best = enumerated(c, &proper);
	ck_assert_int_gt(proper, 100);
	igs_cosplib_bound b = bound_of(c, 30);
	ck_assert(b.proven && b.optimal);
	/* Not trivial: the optimum pays for several components at once, a presenter conflict among
	 * them (b1 and c1 both want S1; either moving costs more than the conflict's 5). Without
	 * the bound's conflict columns it would say 9. */
	ck_assert_int_gt(best, 5);
	ck_assert_msg(b.bound == best, "bound %lld, optimum of %ld proper schedules %lld", b.bound, proper, best);
	igs_cosplib_free(c);
}
END_TEST

START_TEST(test_track_structure) {
	/* The same instance with rooms per track, parallel tracks and a similar pair weighing in,
	 * and track A's items both wanting S1, where its three slots need two rooms: the extended
	 * program's terms then bite, so it, not the base program, gives the bound: here the
	 * optimum itself. */
	static const char *const edits[][2] = {
		{"\"rooms_per_track\": 0, \"parallel_tracks\": 0", "\"rooms_per_track\": 3, \"parallel_tracks\": 2"},
		{"\"similar_tracks\": 0,", "\"similar_tracks\": 1,"},
		{"\"similar_tracks_penalties\": []", "\"similar_tracks_penalties\": [[\"A\", \"C\", 4]]"},
		{"\"session_penalties\": {\"S1\": 2}", "\"session_penalties\": {\"S3\": 9}"}, /* a1 */
		{"\"session_penalties\": {\"S2\": 1}", "\"session_penalties\": {\"S2\": 9}"}, /* a2 */
	};
	char *text = strdup(tiny);
	for (size_t k = 0; k < sizeof edits / sizeof edits[0]; k++) {
		char *next = tu_replace(text, edits[k][0], edits[k][1]);
		free(text);
		text = next;
	}
	igs_cosplib *c = load_text(text);
	long proper;
	long long best = enumerated(c, &proper);
	igs_cosplib_bound b = bound_of(c, 30);
	ck_assert(b.proven && b.extended);
	ck_assert_msg(b.bound == best, "bound %lld, optimum of %ld proper schedules %lld", b.bound, proper, best);
	igs_cosplib_free(c);
	free(text);
}
END_TEST

START_TEST(test_track_layer_start) {
	/* The programs as an optimiser: on the tiny instance the base program is solved, and its
	 * blocks and cells packed into a schedule place every item and score the optimum over all
	 * proper schedules. The search started from it with no moves keeps it as it is. */
	igs_cosplib *c = load_text(tiny);
	long proper;
	long long best = enumerated(c, &proper);
	igs_cosplib_bound b;
	igs_cosplib_solution *start = NULL;
	ck_assert_int_eq(igs_cosplib_lower_bound_start(&b, &start, c, 30, NULL, 0), IGS_OK);
	ck_assert(b.proven && b.optimal);
	ck_assert_ptr_nonnull(start);
	igs_cosplib_report r;
	ck_assert_int_eq(igs_cosplib_evaluate(&r, c, start), IGS_OK);
	ck_assert(r.feasible && r.valid && r.structural == 0);
	ck_assert_msg(r.total == best, "track-layer schedule %lld, optimum %lld", r.total, best);
	igs_cosplib_options o;
	igs_cosplib_options_init(&o);
	o.moves = 0;
	o.verbose = 0;
	igs_cosplib_solution *out = NULL;
	igs_cosplib_search_stats st;
	igs_diag *d = igs_diag_new();
	ck_assert_int_eq(igs_cosplib_search_from(&out, &st, c, start, &o, d), IGS_OK);
	ck_assert_int_eq(st.total, r.total);
	ck_assert_int_eq(st.missing, 0);
	ck_assert(memcmp(out->track, start->track, (size_t)c->n_blocks * (size_t)c->n_rooms * sizeof *out->track) == 0);
	igs_cosplib_search_stats_clear(&st);
	igs_cosplib_solution_free(out);
	igs_cosplib_solution_free(start);
	igs_diag_free(d);
	igs_cosplib_free(c);
}
END_TEST

START_TEST(test_no_complete_schedule) {
	/* a2 needs 3 slots, and no block has 3: it can only be split, which the structural term
	 * punishes and the bound does not cover. */
	char *text = tu_replace(tiny, "\"required_timeslots\": 2", "\"required_timeslots\": 3");
	igs_cosplib *c = load_text(text);
	igs_cosplib_bound b = bound_of(c, 5);
	ck_assert(b.infeasible);
	ck_assert(!b.proven);
	igs_cosplib_free(c);
	free(text);
}
END_TEST

START_TEST(test_negative_penalty) {
	/* A negative room penalty could take the objective below anything the programs charge:
	 * no bound is claimed. */
	char *text = tu_replace(tiny, "[\"A\", \"R1\", 1]", "[\"A\", \"R1\", -1]");
	igs_cosplib *c = load_text(text);
	igs_cosplib_bound b = bound_of(c, 5);
	ck_assert(b.negative && !b.proven);
	igs_cosplib_free(c);
	free(text);
}
END_TEST

static Suite *suite(bool data) {
	Suite *s = suite_create("cosplib_bound");
	/* One case per test, so CK_RUN_CASE can pick one. */
#define IGS_CASE(fn)                                                                               \
	do {                                                                                       \
		TCase *tc = tcase_create(#fn);                                                     \
		tcase_set_timeout(tc, 240);                                                        \
		tcase_add_test(tc, fn);                                                            \
		suite_add_tcase(s, tc);                                                            \
	} while (0)
	IGS_CASE(test_equals_enumeration);
	IGS_CASE(test_track_structure);
	IGS_CASE(test_track_layer_start);
	IGS_CASE(test_no_complete_schedule);
	IGS_CASE(test_negative_penalty);
	if (data) {
		IGS_CASE(test_below_published);
		IGS_CASE(test_below_search);
	}
#undef IGS_CASE
	return s;
}

int main(void) {
	/* The instances of the data set are third-party and may be absent; the made-up ones are
	 * the tests' own. */
	return tu_run_suite(suite(tu_cosplib_present("test_cosplib_bound", "the tests on the data set's instances")));
}
