/* A problem copy in which chosen sessions keep their placement (model/freeze.h). */
#include <stdlib.h>
#include <string.h>

#include "model/freeze.h"

int igs_frozen_init(igs_frozen *f, const igs_problem *p) {
	memset(f, 0, sizeof *f);
	size_t nn = p->n_sessions > 0 ? (size_t)p->n_sessions : 1;
	f->sess = malloc(nn * sizeof *f->sess);
	f->pool = malloc(2 * nn * sizeof *f->pool);
	if (!f->sess || !f->pool) {
		igs_frozen_free(f);
		return IGS_ENOMEM;
	}
	f->p = p;
	f->q = *p;
	memcpy(f->sess, p->sessions, (size_t)p->n_sessions * sizeof *f->sess);
	f->q.sessions = f->sess;
	return IGS_OK;
}

void igs_frozen_set(igs_frozen *f, const bool *fixed, const int *time, const int *room) {
	const igs_problem *p = f->p;
	for (int s = 0; s < p->n_sessions; s++) {
		igs_session *S = &f->sess[s];
		*S = p->sessions[s];
		if (!fixed[s])
			continue;
		/* Fixed: required where it is (a search never leaves a required session out), with no
		 * other candidate; fixed out of the programme: no candidate at all. */
		int t = time[s];
		if (t < 0) {
			S->n_cand_times = S->n_cand_rooms = 0;
			continue;
		}
		f->pool[2 * s] = t;
		f->pool[2 * s + 1] = room[s];
		S->cand_times = &f->pool[2 * s];
		S->cand_rooms = &f->pool[2 * s + 1];
		S->n_cand_times = S->n_cand_rooms = 1;
		S->optional = false;
		S->pin_day = p->times[t].day;
		S->pin_start = p->times[t].start;
		S->pin_room = room[s];
	}
}

void igs_frozen_free(igs_frozen *f) {
	free(f->sess);
	free(f->pool);
	f->sess = NULL;
	f->pool = NULL;
}
