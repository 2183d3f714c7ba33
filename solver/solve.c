/* The solver pipeline: a constructive start, then local search and/or the exact MIP, the
 * result judged by the evaluator. */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "model/schedule.h"
#include "solver/advice.h"
#include "solver/bound.h"
#include "solver/evaluate.h"
#include "solver/greedy.h"
#include "solver/lns.h"
#include "solver/local.h"
#include "solver/mip.h"

static double now_s(void) {
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

static int unplaced_required(const igs_schedule *s) {
	int n = 0;
	for (int i = 0; i < s->n; i++)
		n += s->time[i] < 0 && !s->problem->sessions[i].optional;
	return n;
}

/* Is a better than b: fewer hard violations, then a lower score? */
static int better(const igs_schedule *a, const igs_schedule *b, bool *yes) {
	igs_report *ra = NULL, *rb = NULL;
	if (igs_evaluate(&ra, a->problem, a) != IGS_OK || igs_evaluate(&rb, b->problem, b) != IGS_OK) {
		igs_report_free(ra);
		return IGS_ENOMEM;
	}
	int ha = igs_report_hard_count(ra), hb = igs_report_hard_count(rb);
	*yes = ha < hb || (ha == hb && igs_report_score(ra) < igs_report_score(rb) - 1e-9);
	igs_report_free(ra);
	igs_report_free(rb);
	return IGS_OK;
}

/* The local search from s, with 'share' of the time that is left. */
static int local_phase(igs_schedule *s, const igs_options *o, double t0, double share, igs_local_stats *st) {
	igs_options lo = *o;
	double used = now_s() - t0;
	lo.time_limit = o->time_limit > used ? (o->time_limit - used) * share : 0;
	return igs_local_search(s, &lo, o->moves, st);
}

/* Does the local search run, and with which stopping rule: moves 0 turns it off in either mode. */
static bool runs_local(const igs_options *o) {
	return o->solver != IGS_SOLVER_EXACT && o->moves > 0;
}

/* The matheuristic after the local search (solver/lns.c), with --solver auto and --submip N: N
 * sub-MIPs with a counted effort, or, spending a time limit, the last LNS_SHARE of it
 * (local_cooling). Only when asked: the default pipeline stays as it was. */
static bool runs_lns(const igs_options *o) {
	return o->solver == IGS_SOLVER_AUTO && o->submip > 0;
}

/* Spending a time limit before the sub-MIPs, the local search runs one annealing cooled by the
 * clock over all but the last LNS_SHARE of the time (a move budget it cannot reach, so that the
 * clock paces the cooling and the search ends cold when the sub-MIPs start). The time-mode
 * search's doubling cooling cycles, each reheated from the best schedule and the last cut by
 * the clock, were measured far behind one long cooling at 60 s (bench/results/matheuristic.md),
 * and their monotonicity in time (a longer limit replays a shorter one) is not needed here:
 * the sub-MIPs' time is not monotone either. */
static const double LNS_SHARE = 0.1;
static const long COOLING_MOVES = 1000000000000000L;

static int local_cooling(igs_schedule *s, const igs_options *o, double t0, igs_local_stats *st) {
	igs_options lo = *o;
	lo.effort = IGS_EFFORT_MOVES;
	double used = now_s() - t0;
	lo.time_limit = o->time_limit > used ? (o->time_limit - used) * (1 - LNS_SHARE) : 0;
	return igs_local_search(s, &lo, COOLING_MOVES, st);
}

/* The sub-MIPs from s with the time that is left; names the pipeline and says its status. */
static int lns_phase(igs_schedule *s, const igs_options *o, double t0, igs_lns_stats *ls, const char **name,
		     const char **status) {
	igs_options lo = *o;
	double used = now_s() - t0;
	lo.time_limit = o->time_limit > used ? o->time_limit - used : 0;
	int rc = igs_lns(s, &lo, o->effort == IGS_EFFORT_TIME ? 0 : o->submip, ls);
	*name = runs_local(o) ? "greedy+local+submip" : "greedy+submip";
	*status = ls->interrupted ? "interrupted" : ls->timed_out ? "time limit" : *status;
	return rc;
}

int igs_solve(igs_schedule **out, const igs_problem *p, const igs_options *o, igs_diag *d) {
	double t0 = now_s();
	if (!out || !p)
		return igs_diag_add(d, "", "", "igs_solve: %s is NULL", !out ? "out" : "the problem"), IGS_EUSAGE;
	*out = NULL;
	/* A bad option would misguide every phase below: refuse it before any work, as GLPK checks
	 * its control structs. */
	int vrc = igs_options_validate(o, d);
	if (vrc != IGS_OK)
		return vrc;
	igs_schedule *s = igs_schedule_new(p), *m = NULL;
	if (!s)
		return igs_diag_add(d, p->source, "", "out of memory creating the schedule"), IGS_ENOMEM;
	const char *name = "greedy", *status = NULL;
	double bound = NAN, model_obj = NAN;
	long effort = 0;
	int rc = igs_greedy_solve(s, o);
	effort = s->stats.effort;
	bool stopped = false;
	/* With a positive limit already spent (by the constructive start, or by the load before
	 * igs_solve), no search starts: each would pay its set-up for nothing. 0 means the
	 * constructive start only (solver/greedy.h). */
	bool cut = strcmp(s->stats.status, "time limit") == 0;
	bool no_time = o->time_limit <= 0 || now_s() - t0 >= o->time_limit;
	if (no_time && o->time_limit > 0)
		status = "time limit";

	/* Spending the time limit, the local search leaves half of it to a MIP that will run. */
	bool by_time = o->effort == IGS_EFFORT_TIME;
	bool mip_next = o->solver == IGS_SOLVER_AUTO && !igs_mip_skipped_early(p, o) && !(by_time && igs_mip_skipped(p, o));
	bool lns_next = runs_lns(o);
	if (rc != IGS_ENOMEM && !no_time && runs_local(o)) {
		igs_local_stats st = {0};
		if ((rc = by_time && lns_next ? local_cooling(s, o, t0, &st)
					      : local_phase(s, o, t0, by_time && mip_next ? 0.5 : 1.0, &st)) == IGS_OK) {
			name = "greedy+local";
			effort = st.tried;
			stopped = st.interrupted || st.timed_out;
			status = st.interrupted ? "interrupted" : st.timed_out ? "time limit" : NULL;
			rc = unplaced_required(s) ? IGS_EINFEASIBLE : IGS_OK;
			/* A score of 0 is proven optimal by itself (no weight or count is below 0). */
			if (st.optimal)
				bound = 0;
		}
	}
	bool proven = bound == 0;

	igs_lns_stats ls = {0};
	if (rc != IGS_ENOMEM && !no_time && !proven && lns_next && !(o->interrupt && *o->interrupt)) {
		int lrc = lns_phase(s, o, t0, &ls, &name, &status);
		if (lrc != IGS_OK) {
			rc = lrc;
			goto done;
		}
		/* The time spent, no MIP starts after it. */
		no_time = no_time || ls.timed_out;
		rc = unplaced_required(s) ? IGS_EINFEASIBLE : IGS_OK;
	}

	if (rc != IGS_ENOMEM && !no_time && !proven && o->solver != IGS_SOLVER_HEURISTIC && !(o->interrupt && *o->interrupt)) {
		igs_options mo = *o;
		igs_mip_stats ms;
		double used = now_s() - t0;
		mo.time_limit = o->time_limit > used ? o->time_limit - used : 0;
		if (!(m = igs_schedule_new(p))) {
			rc = IGS_ENOMEM;
			goto done;
		}
		int mrc = igs_mip_solve(m, s, &mo, &ms);
		if (mrc == IGS_ENOMEM || mrc == IGS_ESOLVER) {
			rc = mrc;
			goto done;
		}
		bound = ms.bound;
		/* The MIP was skipped by a later floor: the time it was left goes to a second cooling
		 * cycle from the best schedule. */
		if (ms.skipped && by_time && !lns_next && runs_local(o) && !(o->interrupt && *o->interrupt)) {
			igs_local_stats st = {0};
			if (local_phase(s, o, t0, 1.0, &st) == IGS_ENOMEM) {
				rc = IGS_ENOMEM;
				goto done;
			}
			effort += st.tried;
			rc = unplaced_required(s) ? IGS_EINFEASIBLE : IGS_OK;
		}
		if (ms.improved) {
			/* The room phase may leave a session without a room; local search repairs it. */
			if (unplaced_required(m) && o->moves > 0) {
				igs_local_stats st = {0};
				igs_options ro = *o;
				ro.effort = IGS_EFFORT_MOVES; /* a repair, not a search to spend the time on */
				if (local_phase(m, &ro, t0, 1.0, &st) == IGS_ENOMEM) {
					rc = IGS_ENOMEM;
					goto done;
				}
			}
			/* The model bounds some terms from below, so its optimum can score worse than
			 * the incumbent it started from: keep whichever the evaluator prefers. */
			bool take = false;
			if (better(m, s, &take) != IGS_OK) {
				rc = IGS_ENOMEM;
				goto done;
			}
			if (take) {
				model_obj = ms.objective;
				igs_schedule *tmp = s;
				s = m;
				m = tmp;
			}
			/* The room phase follows the times the MIP chose, where the cheapest rooms may
			 * collide: a short local search from the MIP's schedule settles the rooms. */
			if (o->solver == IGS_SOLVER_EXACT && o->moves > 0 && !(o->interrupt && *o->interrupt)) {
				igs_options po = *o;
				igs_local_stats st = {0};
				po.moves = o->moves / 10 > 10000 ? o->moves / 10 : 10000;
				po.effort = IGS_EFFORT_MOVES;
				if (igs_schedule_copy(m, take ? s : m) != IGS_OK || local_phase(m, &po, t0, 1.0, &st) == IGS_ENOMEM) {
					rc = IGS_ENOMEM;
					goto done;
				}
				bool polished = false;
				if (better(m, s, &polished) != IGS_OK) {
					rc = IGS_ENOMEM;
					goto done;
				}
				if (polished) {
					model_obj = NAN;
					igs_schedule *tmp = s;
					s = m;
					m = tmp;
					name = "greedy+exact+local";
				}
			}
		}
		if (!ms.skipped && strcmp(name, "greedy+exact+local") != 0)
			name = o->solver == IGS_SOLVER_EXACT ? "greedy+exact"
			       : ls.ran                        ? "greedy+local+submip+exact"
							       : "greedy+local+exact";
		stopped = ms.interrupted || ms.timed_out || stopped;
		/* "optimal" only when the bound meets the score: see below. */
		status = ms.infeasible  ? "infeasible"
			 : ms.interrupted ? "interrupted"
			 : ms.timed_out   ? "time limit"
					  : status;
		rc = ms.infeasible ? IGS_EINFEASIBLE : unplaced_required(s) ? IGS_EINFEASIBLE : IGS_OK;
	}
	(void)stopped;

done:
	igs_schedule_free(m);
	if (rc == IGS_ENOMEM || rc == IGS_ESOLVER) {
		igs_schedule_free(s);
		igs_diag_add(d, p->source, "",
			     rc == IGS_ENOMEM ? "out of memory while solving" : "internal solver failure: GLPK failed");
		return rc;
	}
	igs_report *r = NULL;
	if (igs_evaluate(&r, p, s) != IGS_OK) {
		igs_schedule_free(s);
		igs_diag_add(d, p->source, "", "out of memory while solving");
		return IGS_ENOMEM;
	}
	snprintf(s->stats.solver, sizeof s->stats.solver, "%s", name);
	snprintf(s->stats.status, sizeof s->stats.status, "%s",
		 status ? status : unplaced_required(s) ? "infeasible" : "feasible");
	s->stats.seed = o->seed;
	s->stats.effort = effort;
	snprintf(s->stats.mode, sizeof s->stats.mode, "%s", by_time && runs_local(o) ? "time" : "moves");
	s->stats.threads = runs_local(o) ? o->threads : 1;
	s->stats.elapsed = now_s() - t0;
	s->stats.submips = ls.ran;
	s->stats.submips_proven = ls.proven;
	s->stats.submips_improved = ls.improved;
	s->stats.objective = igs_report_score(r);
	s->stats.model_objective = model_obj;
	/* --bound-time: the decomposition bound (solver/bound.h), opt-in, after everything else. */
	if (o->bound_time > 0 && !(o->interrupt && *o->interrupt)) {
		igs_bound *db = NULL;
		int brc = igs_bound_compute(&db, p, o, true, s, d);
		if (brc != IGS_OK) {
			igs_report_free(r);
			igs_schedule_free(s);
			igs_diag_add(d, p->source, "", brc == IGS_ESOLVER ? "internal solver failure: GLPK failed in the bound"
									 : "out of memory while computing the bound");
			return brc == IGS_ESOLVER ? IGS_ESOLVER : IGS_ENOMEM;
		}
		s->stats.decomposition = db->split;
		if (!(db->split.value <= bound))
			bound = db->split.value;
		igs_bound_free(db);
	}
	/* A bound above the score would be a bug; never print it as a proof. */
	s->stats.bound = isfinite(bound) && bound <= s->stats.objective + 1e-6 ? bound : NAN;
	if (isfinite(s->stats.bound) && !unplaced_required(s) &&
	    s->stats.objective - s->stats.bound <= o->gap * fabs(s->stats.objective) + 1e-6)
		snprintf(s->stats.status, sizeof s->stats.status, "optimal");
	igs_report_free(r);
	/* Advice after a cut start would spend more time than the limit left. */
	if (!cut && igs_advise(s) != IGS_OK) {
		igs_schedule_free(s);
		igs_diag_add(d, p->source, "", "out of memory while solving");
		return IGS_ENOMEM;
	}

	/* The constructive solver proves nothing: say "could not place", not "infeasible". */
	int n_cut = 0;
	for (int i = 0; rc == IGS_EINFEASIBLE && i < p->n_sessions; i++)
		if (s->time[i] < 0 && !p->sessions[i].optional && s->reason[i] &&
		    strcmp(s->reason[i], IGS_GREEDY_OUT_OF_TIME) == 0) {
			n_cut++;
		} else if (s->time[i] < 0 && !p->sessions[i].optional) {
			char where[48];
			snprintf(where, sizeof where, "sessions[%d]", i);
			igs_diag_add(d, p->source, where, "required session '%s' could not be placed: %s",
				     p->sessions[i].id, s->reason[i] ? s->reason[i] : "no reason recorded");
		}
	if (n_cut)
		igs_diag_add(d, p->source, "sessions",
			     "%d required session%s %s not placed: the time limit ran out during the constructive start "
			     "(the schedule lists each); give a longer time limit",
			     n_cut, n_cut == 1 ? "" : "s", n_cut == 1 ? "was" : "were");
	*out = s;
	return rc;
}
