/* The exact solver's compact time-phase model (solver/mip_model.c), as the room phase, the
 * textbook model and the driver (solver/mip.c) read it. Columns are numbered from 1 here, as
 * GLPK numbers them, so that 0 can mean "none"; the program in B numbers them from 0. */
#ifndef IGS_SOLVER_MIP_MODEL_H
#define IGS_SOLVER_MIP_MODEL_H

#include <stdint.h>

#include "model/problem.h"
#include "solver/lpbuild.h"

/* A start of one session: the model's binary x(s, t). */
typedef struct {
	int s, t, set;  /* session, time index, candidate room set */
	long from, to;  /* absolute minutes */
	int i0, ni;     /* instants covered: i0 .. i0 + ni - 1 */
	double cost;    /* cheapest unary soft cost over the room set */
} igs_mip_xcol;

/* One (topic, instant) record, to derive the auxiliary values of a given schedule. */
typedef struct {
	int topic, inst;
	int y, w, c, z; /* columns, 0 when absent */
	int ymax, wmax;
} igs_mip_tirec;

struct igs_mip_topic;
struct igs_mip_sprec;
struct igs_mip_urec;
struct igs_mip_frec;
struct igs_mip_trec;

typedef struct {
	const igs_problem *p;
	const igs_options *o;
	int nr, words;

	int nx;
	igs_mip_xcol *x; /* x(s, t) is column x index + 1 */
	int *s_off; /* columns of session s: s_off[s] .. s_off[s + 1] */

	int nsets, cap_sets;
	uint64_t *sets; /* nsets × words */

	int ninst;
	long *inst;
	int *cov_off, *cov; /* columns covering each instant */

	int ntopics;
	struct igs_mip_topic *topics;
	bool sim_exact, spread_exact;
	bool stricter; /* a row cuts off schedules the evaluator accepts: no bound */
	bool too_big;  /* auto: building stopped past o->exact_max_nonzeros */
	int nnz_floor; /* auto: the floor on the nonzeros that stopped building before any row */

	igs_lpb B;
	double obj_const;

	igs_mip_tirec *ti;
	int nti, cap_ti;
	struct igs_mip_sprec *sp;
	int nsp, cap_sp;
	struct igs_mip_urec *ur;
	int nur, cap_ur;
	struct igs_mip_frec *fr;
	int nfr, cap_fr;
	struct igs_mip_trec *tr;
	int ntr, cap_tr;

	/* scratch */
	int *buf;
	double *val;
	char *seen;
} igs_mip_model;

/* Builds the compact model of M->p under M->o (M zeroed, with p and o set). Returns IGS_OK
 * (also when auto stopped early: see too_big and nnz_floor), IGS_EINFEASIBLE when a required
 * session has no column, or IGS_ENOMEM. */
int igs_mip_model_build(igs_mip_model *M);
/* The model's values for a schedule's times (1-based, v[0] unused, B.n_cols + 1 values);
 * false when the schedule places a session where the model has no column. */
bool igs_mip_model_point(const igs_mip_model *M, const igs_schedule *sch, double *v);
/* The index in M->x of session s starting at time t, or -1. */
int igs_mip_model_column_of(const igs_mip_model *M, int s, int t);
void igs_mip_model_free(igs_mip_model *M);

/* ---- parts the textbook model (solver/mip_textbook.c) shares ---- */

/* The x columns' data, instants and room sets, with no column in B yet. */
int igs_mip_model_columns(igs_mip_model *M);
/* The rows of the people, groups, exclusive sessions, parallel classes and apart rules over
 * the columns 1 .. nx; prev is scratch of as many entries as M->buf. */
int igs_mip_model_clash_rows(igs_mip_model *M, int *prev);
/* A new column; returns its 1-based index, or -1. */
int igs_mip_add_col(igs_mip_model *M, bool integer, double lo, double hi, double obj);
/* The row lo <= Σ val[k]·x[col[k]] <= hi over 1-based columns; IGS_OK or IGS_ENOMEM. */
int igs_mip_add_row(igs_mip_model *M, double lo, double hi, int n, const int *col, const double *val);
bool igs_mip_has_tag(const igs_session *S, int tg);

#endif
