/* Tests of the editor's state (solver/edit.c): every judged change against the evaluator's
 * score after the move is made, the verdict against the evaluator's hard count, the cells of a
 * drag against the judgements, the ranked alternatives, undo and redo back to the same
 * schedule and score, and the optimisation of the rest keeping pinned sessions. On bundled
 * examples, including the thematic one (meeting.thematic_rooms) and a timetable of tracks. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "solver/edit.h"
#include "testutil.h"

#define EX(name) IGS_EXAMPLES_DIR "/" name

static const char *const examples[] = {EX("small.json"), EX("igf-like.json"), EX("igf-thematic.json"), EX("tracks.json")};
#define N_EXAMPLES ((int)(sizeof examples / sizeof examples[0]))

/* A solved start, a little perturbed (every seventh session left out) so that the moves judged
 * below include placing sessions back and leaving placed ones out. */
static igs_edit *start(igs_problem **p, const char *path, igs_schedule **s) {
	*p = tu_load_file(path);
	igs_options o;
	tu_quiet_options(&o, 20000);
	*s = tu_solve(*p, &o, IGS_OK, NULL);
	for (int i = 0; i < (*s)->n; i += 7)
		if ((*p)->sessions[i].optional)
			igs_schedule_set(*s, i, -1, -1);
	igs_edit *e = NULL;
	ck_assert_int_eq(igs_edit_new(&e, *s), IGS_OK);
	return e;
}

static unsigned long rng = 12345;
static int draw(int n) {
	rng = rng * 6364136223846793005UL + 1442695040888963407UL;
	return (int)((rng >> 33) % (unsigned long)n);
}

static bool same_schedule(const igs_schedule *a, const igs_schedule *b) {
	for (int i = 0; i < a->n; i++)
		if (a->time[i] != b->time[i] || (a->time[i] >= 0 && a->room[i] != b->room[i]))
			return false;
	return true;
}

/* Judge, make, compare with the evaluator, undo: for random moves of random sessions to any
 * time and room (most break a rule), and to leaving out. */
START_TEST(test_judge_matches_evaluator) {
	igs_problem *p;
	igs_schedule *s0;
	igs_edit *e = start(&p, examples[_i], &s0);
	igs_schedule *before = igs_schedule_new(p);
	int feasible = 0, broken = 0;
	for (int k = 0; k < 150; k++) {
		int s = draw(p->n_sessions), t = draw(p->n_times + 1) - 1, r = draw(p->n_rooms);
		const igs_schedule *now = igs_edit_schedule(e);
		if (t == now->time[s] && (t < 0 || r == now->room[s]))
			continue;
		double score0 = igs_report_score(igs_edit_report(e));
		int hard0 = igs_report_hard_count(igs_edit_report(e));
		igs_schedule_copy(before, now);
		igs_edit_verdict v;
		igs_edit_judge(e, s, t, r, true, &v);
		ck_assert_msg(v.feasible == (v.n_broken == 0), "a verdict lists its broken rules");
		igs_edit_step st = {s, -1, -1, t, r};
		long version = igs_edit_version(e);
		ck_assert_int_eq(igs_edit_apply(e, &st, 1, true), IGS_OK);
		ck_assert_int_gt(igs_edit_version(e), version);
		double score1 = igs_report_score(igs_edit_report(e));
		int hard1 = igs_report_hard_count(igs_edit_report(e));
		ck_assert_msg(fabs(score1 - score0 - v.delta) < 1e-6 * (1 + fabs(score0)),
			      "%s: %s to time %d room %d: judged %+.9f, evaluated %+.9f", examples[_i], p->sessions[s].id, t, r,
			      v.delta, score1 - score0);
		/* Every move starts from the solved schedule, which keeps every hard rule: the verdict
		 * is feasible exactly when the evaluator then finds no violation. */
		ck_assert_int_eq(hard0, 0);
		ck_assert_msg(v.feasible == (hard1 == 0), "%s: %s to time %d room %d judged %s, the evaluator finds %d",
			      examples[_i], p->sessions[s].id, t, r, v.feasible ? "feasible" : "infeasible", hard1);
		feasible += v.feasible;
		broken += !v.feasible;
		ck_assert_int_eq(igs_edit_undo(e), IGS_OK);
		ck_assert(same_schedule(igs_edit_schedule(e), before));
		ck_assert(fabs(igs_report_score(igs_edit_report(e)) - score0) < 1e-9);
		ck_assert_int_eq(igs_report_hard_count(igs_edit_report(e)), hard0);
	}
	ck_assert_int_gt(feasible, 0);
	ck_assert_int_gt(broken, 0);
	igs_schedule_free(before);
	igs_edit_free(e);
	igs_schedule_free(s0);
	igs_problem_free(p);
}
END_TEST

/* Every cell of a drag says what the judgement of that drop says. */
START_TEST(test_cells_match_judge) {
	igs_problem *p;
	igs_schedule *s0;
	igs_edit *e = start(&p, examples[_i], &s0);
	size_t n = (size_t)p->n_times * (size_t)p->n_rooms;
	igs_edit_break *brk = malloc(n * sizeof *brk);
	double *delta = malloc(n * sizeof *delta);
	for (int k = 0; k < 4; k++) {
		int s = draw(p->n_sessions);
		igs_edit_cells(e, s, brk, delta);
		for (int t = 0; t < p->n_times; t++)
			for (int r = 0; r < p->n_rooms; r++) {
				size_t i = (size_t)t * (size_t)p->n_rooms + (size_t)r;
				igs_edit_verdict v;
				igs_edit_judge(e, s, t, r, true, &v);
				ck_assert_msg(isnan(delta[i]) == !v.feasible, "%s: cell %d/%d of %s", examples[_i], t, r,
					      p->sessions[s].id);
				if (v.feasible)
					ck_assert(fabs(delta[i] - v.delta) < 1e-9);
				else
					ck_assert_int_eq(brk[i].kind, v.broken[0].kind);
			}
	}
	free(brk);
	free(delta);
	igs_edit_free(e);
	igs_schedule_free(s0);
	igs_problem_free(p);
}
END_TEST

/* The alternatives are the feasible cells other than its own, cheapest first. */
START_TEST(test_alternatives_ranked) {
	igs_problem *p;
	igs_schedule *s0;
	igs_edit *e = start(&p, EX("igf-like.json"), &s0);
	int t[50], r[50];
	double d[50];
	int listed = 0;
	for (int k = 0; k < 8; k++) {
		int s = draw(p->n_sessions);
		int n = igs_edit_alternatives(e, s, 50, t, r, d);
		ck_assert_int_ge(n, 0); /* a session may have no valid place but its own */
		listed += n > 0;
		for (int i = 0; i < n; i++) {
			igs_edit_verdict v;
			igs_edit_judge(e, s, t[i], r[i], false, &v);
			ck_assert(v.feasible);
			ck_assert(fabs(v.delta - d[i]) < 1e-9);
			ck_assert(!(t[i] == igs_edit_schedule(e)->time[s] && r[i] == igs_edit_schedule(e)->room[s]));
			if (i)
				ck_assert(d[i - 1] <= d[i]);
		}
		/* Nothing cheaper was left out: no feasible cell beats the last one listed. */
		for (int tt = 0; n == 50 && tt < p->n_times; tt++)
			for (int rr = 0; rr < p->n_rooms; rr++) {
				igs_edit_verdict v;
				igs_edit_judge(e, s, tt, rr, false, &v);
				bool here = tt == igs_edit_schedule(e)->time[s] && rr == igs_edit_schedule(e)->room[s], listed_here = false;
				for (int i = 0; i < n; i++)
					listed_here = listed_here || (t[i] == tt && r[i] == rr);
				ck_assert(!v.feasible || here || listed_here || v.delta >= d[n - 1] - 1e-9);
			}
	}
	ck_assert_int_gt(listed, 0);
	igs_edit_free(e);
	igs_schedule_free(s0);
	igs_problem_free(p);
}
END_TEST

/* Several edits undone in turn come back to the start, and redone to the end. */
START_TEST(test_undo_redo) {
	igs_problem *p;
	igs_schedule *s0;
	igs_edit *e = start(&p, EX("small.json"), &s0);
	igs_schedule *first = igs_schedule_new(p), *last = igs_schedule_new(p);
	igs_schedule_copy(first, igs_edit_schedule(e));
	double score0 = igs_report_score(igs_edit_report(e));
	ck_assert(!igs_edit_can_undo(e));
	for (int k = 0; k < 3; k++) {
		igs_edit_step st[2] = {{k, -1, -1, -1, -1}, {k + 3, -1, -1, draw(p->n_times), draw(p->n_rooms)}};
		ck_assert_int_eq(igs_edit_apply(e, st, 2, true), IGS_OK);
	}
	igs_schedule_copy(last, igs_edit_schedule(e));
	double score1 = igs_report_score(igs_edit_report(e));
	while (igs_edit_can_undo(e))
		ck_assert_int_eq(igs_edit_undo(e), IGS_OK);
	ck_assert_int_eq(igs_edit_undo(e), IGS_EUSAGE);
	ck_assert(same_schedule(igs_edit_schedule(e), first));
	ck_assert(fabs(igs_report_score(igs_edit_report(e)) - score0) < 1e-9);
	while (igs_edit_can_redo(e))
		ck_assert_int_eq(igs_edit_redo(e), IGS_OK);
	ck_assert(same_schedule(igs_edit_schedule(e), last));
	ck_assert(fabs(igs_report_score(igs_edit_report(e)) - score1) < 1e-9);
	/* An edit that changes nothing leaves the redo history; a new edit clears it. */
	ck_assert_int_eq(igs_edit_undo(e), IGS_OK);
	int x = 0;
	while (igs_edit_schedule(e)->time[x] < 0)
		x++;
	igs_edit_step same = {x, -1, -1, igs_edit_schedule(e)->time[x], igs_edit_schedule(e)->room[x]};
	ck_assert_int_eq(igs_edit_apply(e, &same, 1, true), IGS_OK);
	ck_assert(igs_edit_can_redo(e));
	igs_edit_step out = {x, -1, -1, -1, -1};
	ck_assert_int_eq(igs_edit_apply(e, &out, 1, true), IGS_OK);
	ck_assert(!igs_edit_can_redo(e));
	igs_schedule_free(first);
	igs_schedule_free(last);
	igs_edit_free(e);
	igs_schedule_free(s0);
	igs_problem_free(p);
}
END_TEST

/* The optimisation of the rest never moves a pinned session (nor, when asked, one a person
 * moved), and its moves applied give the score it announced. */
START_TEST(test_optimise_keeps_pins) {
	igs_problem *p;
	igs_schedule *s0;
	igs_edit *e = start(&p, examples[_i], &s0);
	/* Worsen the start by hand: some sessions moved to their costliest valid place. */
	int n = 0, moved = -1;
	for (int s = 0; s < p->n_sessions && n < 5; s += 11) {
		int t[100], r[100];
		double d[100];
		int k = igs_edit_alternatives(e, s, 100, t, r, d);
		if (k <= 0 || igs_edit_schedule(e)->time[s] < 0)
			continue;
		igs_edit_step st = {s, -1, -1, t[k - 1], r[k - 1]};
		ck_assert_int_eq(igs_edit_apply(e, &st, 1, true), IGS_OK);
		moved = s;
		n++;
	}
	ck_assert_int_ge(moved, 0);
	int pinned[6], np = 0;
	for (int s = 1; s < p->n_sessions && np < 6; s += p->n_sessions / 6 + 1)
		if (s != moved) {
			igs_edit_set_pin(e, s, true);
			pinned[np++] = s;
		}
	igs_edit_opt *j = NULL;
	ck_assert_int_eq(igs_edit_opt_new(&j, e, true), IGS_OK);
	igs_options o;
	tu_quiet_options(&o, 30000);
	ck_assert_int_eq(igs_edit_opt_run(j, &o, NULL, NULL), IGS_OK);
	igs_edit_step *steps = malloc((size_t)p->n_sessions * sizeof *steps);
	double score;
	int hard;
	int k = igs_edit_opt_moves(j, steps, &score, &hard);
	ck_assert_int_ge(k, 0);
	for (int i = 0; i < k; i++) {
		ck_assert_msg(steps[i].s != moved, "%s: the optimisation moved %s, which a person moved", examples[_i],
			      p->sessions[moved].id);
		for (int q = 0; q < np; q++)
			ck_assert_msg(steps[i].s != pinned[q], "%s: the optimisation moved pinned %s", examples[_i],
				      p->sessions[pinned[q]].id);
	}
	double before = igs_report_score(igs_edit_report(e));
	int hard_before = igs_report_hard_count(igs_edit_report(e));
	ck_assert_int_eq(igs_edit_apply(e, steps, k, false), IGS_OK);
	ck_assert(fabs(igs_report_score(igs_edit_report(e)) - score) < 1e-6);
	ck_assert_int_eq(igs_report_hard_count(igs_edit_report(e)), hard);
	ck_assert_int_le(hard, hard_before);
	ck_assert_msg(hard < hard_before || score <= before + 1e-9, "%s: %.3f -> %.3f", examples[_i], before, score);
	free(steps);
	igs_edit_opt_free(j);
	igs_edit_free(e);
	igs_schedule_free(s0);
	igs_problem_free(p);
}
END_TEST

int main(void) {
	Suite *s = suite_create("edit");
	TCase *tc = tcase_create("editor");
	tcase_set_timeout(tc, 300);
	tcase_add_loop_test(tc, test_judge_matches_evaluator, 0, N_EXAMPLES);
	tcase_add_loop_test(tc, test_cells_match_judge, 0, N_EXAMPLES);
	tcase_add_test(tc, test_alternatives_ranked);
	tcase_add_test(tc, test_undo_redo);
	tcase_add_loop_test(tc, test_optimise_keeps_pins, 0, N_EXAMPLES);
	suite_add_tcase(s, tc);
	return tu_run_suite(s);
}
