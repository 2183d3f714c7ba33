/* Solver pipeline: runs the solvers the options ask for and names what stays unplaced. */
#include <stdlib.h>

#include "model/schedule.h"
#include "solver/greedy.h"
#include "solver/local.h"

int igs_solve(igs_schedule **out, const igs_problem *p, const igs_options *o, igs_diag *d) {
	*out = NULL;
	igs_schedule *s = igs_schedule_new(p);
	if (!s)
		return igs_diag_add(d, p->source, "", "out of memory creating the schedule"), IGS_ENOMEM;
	int rc = igs_greedy_solve(s, o);
	if (rc == IGS_OK || rc == IGS_EINFEASIBLE) {
		/* The local search gets what the greedy left of the wall-clock limit. */
		if (o->moves > 0) {
			igs_options lo = *o;
			igs_local_stats st = {0};
			double greedy_s = s->stats.elapsed;
			lo.time_limit = o->time_limit > greedy_s ? o->time_limit - greedy_s : 0;
			rc = igs_local_search(s, &lo, o->moves, &st);
			if (rc == IGS_OK) {
				snprintf(s->stats.solver, sizeof s->stats.solver, "greedy+local");
				snprintf(s->stats.status, sizeof s->stats.status, "%s",
					 st.best_unplaced ? "infeasible" : st.timed_out ? "time limit" : "feasible");
				s->stats.effort = st.tried;
				s->stats.elapsed = greedy_s + st.elapsed;
				s->stats.objective = st.best_score;
				rc = st.best_unplaced ? IGS_EINFEASIBLE : IGS_OK;
			}
		}
	}
	if (rc == IGS_ENOMEM) {
		igs_schedule_free(s);
		igs_diag_add(d, p->source, "", "out of memory while solving");
		return rc;
	}
	/* The constructive solver proves nothing: say "could not place", not "infeasible". */
	if (rc == IGS_EINFEASIBLE)
		for (int i = 0; i < p->n_sessions; i++)
			if (s->time[i] < 0 && !p->sessions[i].optional) {
				char where[48];
				snprintf(where, sizeof where, "sessions[%d]", i);
				igs_diag_add(d, p->source, where, "required session '%s' could not be placed: %s",
					     p->sessions[i].id, s->reason[i] ? s->reason[i] : "no reason recorded");
			}
	*out = s;
	return rc;
}
