/* Solver pipeline: runs the solvers the options ask for and names what stays unplaced. */
#include <stdlib.h>

#include "model/schedule.h"
#include "solver/greedy.h"

int igs_solve(igs_schedule **out, const igs_problem *p, const igs_options *o, igs_diag *d) {
	*out = NULL;
	igs_schedule *s = igs_schedule_new(p);
	if (!s)
		return igs_diag_add(d, p->source, "", "out of memory creating the schedule"), IGS_ENOMEM;
	int rc = igs_greedy_solve(s, o);
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
