/* A grouping of Dynamic Coalitions into k joint sessions, as plain data.
 *
 * The search (solver/group.c) fills it; io/group_problem.c writes the problem with its joint
 * sessions, so the writer needs no part of the solver. */
#ifndef IGS_MODEL_GROUPING_H
#define IGS_MODEL_GROUPING_H

#include "model/problem.h"

struct igs_grouping {
	const igs_problem *p;
	int n;             /* participants: the problem's groups of the kind, in file order */
	int *member;       /* n: group index in the problem */
	int *of;           /* n: joint session 0 .. k - 1, or -1 when left out */
	const char **why;  /* n: reason for a left-out one (static text), else NULL */
	double *sim;       /* n × n topic similarity */
	int k;
	double objective;  /* Σ over joint sessions of the similarity of each pair in it */
	bool proven;       /* the exhaustive search covered every grouping */
	char **topics;     /* k: shared topics, "; "-separated */
	char **title;      /* k: suggested title */
};

#endif
