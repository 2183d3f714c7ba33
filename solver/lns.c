/* The matheuristic (solver/lns.h): a neighbourhood of the current schedule is freed, every other
 * session frozen where it is (model/freeze.h), and GLPK solves the compact MIP of that problem
 * copy (solver/mip.c); a descent of the freed sessions repairs the result and the evaluator
 * judges it. Each kind of neighbourhood keeps its own size, grown while GLPK proves its
 * sub-MIPs quickly and shrunk when it does not prove them: a whole day of igf-like (66
 * sessions) is not proven in a minute, ten to thirty sessions are in a fraction of a second. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <gsl/gsl_rng.h>

#include "model/freeze.h"
#include "solver/delta.h"
#include "solver/evaluate.h"
#include "solver/lns.h"
#include "solver/mip.h"

/* Sizes: where each neighbourhood starts, and the range the adaptation keeps it in. */
enum { NB_START = 12, NB_MIN = 4, NB_MAX = 200 };
/* A sub-MIP proven within this (seconds) grows its neighbourhood; one proven slower than
 * SLOW_S keeps it; one not proven shrinks it. With a counted effort, "quick" is a quarter of
 * the node and iteration limits. */
#define QUICK_S 0.5
#define SLOW_S 1.5

static const char *const kind_names[IGS_LNS__COUNT] = {"window", "day", "theme", "people", "random"};

typedef struct {
	double key;
	int s;
} ranked;

/* Sessions by person, theme and group (each a compressed list: off[i] .. off[i + 1]). */
typedef struct {
	int *off, *ses;
} index_list;

typedef struct {
	const igs_problem *p;
	const igs_options *o;
	gsl_rng *rng;
	igs_frozen fz;
	bool *fixed;
	char *in;
	int *set, nset;
	ranked *cand;
	int *times; /* the freed sessions' candidate times within the neighbourhood's days */
	index_list by_person, by_theme, by_group;
	igs_schedule *m;           /* of fz.q: the sub-MIP's result */
	igs_schedule *trial;       /* of p: the result, for the evaluator */
	igs_delta d;               /* of trial: the repair's incremental evaluator */
	bool have_d;
} lns;

static double now_s(void) {
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

static int pick(lns *L, int n) {
	return n > 0 ? (int)gsl_rng_uniform_int(L->rng, (unsigned long)n) : 0;
}

/* Builds a list of n_keys entries from each session's keys (people, themes or groups). */
typedef int (*keys_fn)(const igs_session *S, int k);
static int person_key(const igs_session *S, int k) { return k < S->n_people ? S->people[k].person : -1; }
static int theme_key(const igs_session *S, int k) { return k < S->n_themes ? S->themes[k] : -1; }
static int group_key(const igs_session *S, int k) { return k < S->n_groups ? S->groups[k] : -1; }
static int n_keys_of(const igs_session *S, keys_fn f) {
	return f == person_key ? S->n_people : f == theme_key ? S->n_themes : S->n_groups;
}

static int index_build(index_list *x, const igs_problem *p, int n_keys, keys_fn f) {
	x->off = calloc((size_t)n_keys + 2, sizeof *x->off);
	long total = 0;
	for (int s = 0; s < p->n_sessions; s++)
		total += n_keys_of(&p->sessions[s], f);
	x->ses = malloc((size_t)(total > 0 ? total : 1) * sizeof *x->ses);
	if (!x->off || !x->ses)
		return IGS_ENOMEM;
	for (int s = 0; s < p->n_sessions; s++)
		for (int k = 0; k < n_keys_of(&p->sessions[s], f); k++)
			x->off[f(&p->sessions[s], k) + 2]++;
	for (int i = 0; i < n_keys; i++)
		x->off[i + 2] += x->off[i + 1];
	for (int s = 0; s < p->n_sessions; s++)
		for (int k = 0; k < n_keys_of(&p->sessions[s], f); k++)
			x->ses[x->off[f(&p->sessions[s], k) + 1]++] = s;
	return IGS_OK;
}

static void index_free(index_list *x) {
	free(x->off);
	free(x->ses);
}

static void lns_free(lns *L) {
	gsl_rng_free(L->rng);
	igs_schedule_free(L->m);
	igs_schedule_free(L->trial);
	igs_frozen_free(&L->fz);
	if (L->have_d)
		igs_delta_free(&L->d);
	free(L->fixed);
	free(L->in);
	free(L->set);
	free(L->cand);
	free(L->times);
	index_free(&L->by_person);
	index_free(&L->by_theme);
	index_free(&L->by_group);
}

static int lns_init(lns *L, const igs_schedule *s, const igs_options *o) {
	memset(L, 0, sizeof *L);
	const igs_problem *p = s->problem;
	size_t n = p->n_sessions > 0 ? (size_t)p->n_sessions : 1;
	L->p = p;
	L->o = o;
	if (igs_frozen_init(&L->fz, p) != IGS_OK)
		return IGS_ENOMEM;
	L->fixed = malloc(n * sizeof *L->fixed);
	L->in = calloc(n, 1);
	L->set = malloc(n * sizeof *L->set);
	L->cand = malloc(n * sizeof *L->cand);
	L->rng = gsl_rng_alloc(gsl_rng_mt19937);
	size_t n_times = 1;
	for (int i = 0; i < p->n_sessions; i++)
		n_times += (size_t)p->sessions[i].n_cand_times;
	L->times = malloc(n_times * sizeof *L->times);
	if (!L->fixed || !L->in || !L->set || !L->cand || !L->rng || !L->times ||
	    index_build(&L->by_person, p, p->n_people, person_key) != IGS_OK ||
	    index_build(&L->by_theme, p, p->n_themes, theme_key) != IGS_OK ||
	    index_build(&L->by_group, p, p->n_groups, group_key) != IGS_OK ||
	    !(L->m = igs_schedule_new(&L->fz.q)) || !(L->trial = igs_schedule_new(p)))
		return IGS_ENOMEM;
	L->have_d = true;
	if (igs_delta_init(&L->d, L->trial) != IGS_OK)
		return IGS_ENOMEM;
	/* A stream of its own, apart from the local search's. */
	gsl_rng_set(L->rng, (unsigned long)o->seed * 2654435761UL + 0x5DEECE66DUL);
	return IGS_OK;
}

static void add(lns *L, int s, int k) {
	if (!L->in[s] && L->nset < k) {
		L->in[s] = 1;
		L->set[L->nset++] = s;
	}
}

static int by_key(const void *a, const void *b) {
	const ranked *x = a, *y = b;
	return x->key < y->key ? -1 : x->key > y->key ? 1 : x->s - y->s;
}

static bool has_theme(const igs_session *S, int t) {
	for (int i = 0; i < S->n_themes; i++)
		if (S->themes[i] == t)
			return true;
	return false;
}

/* A random placed session, or -1 when none is. */
static int random_placed(lns *L, const igs_schedule *s) {
	for (int tries = 0; tries < 64; tries++) {
		int a = pick(L, s->n);
		if (s->time[a] >= 0)
			return a;
	}
	for (int a = 0; a < s->n; a++)
		if (s->time[a] >= 0)
			return a;
	return -1;
}

/* Adds the sessions nearest in time to the set's, on the same days, whatever their room, up to
 * k: the sessions a freed one would trade places with. Ties fall at random. */
static void fill_near(lns *L, const igs_schedule *s, int k) {
	const igs_problem *p = L->p;
	int nc = 0;
	for (int i = 0; i < s->n && L->nset < k; i++) {
		if (L->in[i] || s->time[i] < 0)
			continue;
		long ti = igs_time_abs(p, s->time[i]);
		double best = INFINITY;
		for (int j = 0; j < L->nset; j++) {
			int a = L->set[j];
			if (s->time[a] < 0 || p->times[s->time[a]].day != p->times[s->time[i]].day)
				continue;
			double dist = fabs((double)(ti - igs_time_abs(p, s->time[a])));
			best = dist < best ? dist : best;
		}
		if (isfinite(best))
			L->cand[nc++] = (ranked){best + gsl_rng_uniform(L->rng), i};
	}
	qsort(L->cand, (size_t)nc, sizeof *L->cand, by_key);
	for (int i = 0; i < nc && L->nset < k; i++)
		add(L, L->cand[i].s, k);
	/* A set whose days hold too few sessions: the rest at random. */
	for (int tries = 0; L->nset < k && tries < 4 * s->n; tries++)
		add(L, pick(L, s->n), k);
}

static void take_ranked(lns *L, int nc, int k) {
	qsort(L->cand, (size_t)nc, sizeof *L->cand, by_key);
	for (int i = 0; i < nc && L->nset < k; i++)
		add(L, L->cand[i].s, k);
}

/* The freed sessions of one neighbourhood of size k, into L->set. */
static void choose(lns *L, const igs_schedule *s, igs_lns_kind kind, int k) {
	const igs_problem *p = L->p;
	for (int i = 0; i < L->nset; i++)
		L->in[L->set[i]] = 0;
	L->nset = 0;
	int a = random_placed(L, s), core = (2 * k + 2) / 3, nc = 0;
	if (a < 0)
		kind = IGS_LNS_RANDOM;
	switch (kind) {
	case IGS_LNS_WINDOW:
		add(L, a, k);
		break;
	case IGS_LNS_DAY: {
		int d = p->times[s->time[a]].day;
		for (int i = 0; i < s->n; i++)
			if (s->time[i] >= 0 && p->times[s->time[i]].day == d)
				L->cand[nc++] = (ranked){gsl_rng_uniform(L->rng), i};
		take_ranked(L, nc, k);
		break;
	}
	case IGS_LNS_THEME: {
		/* A theme of a random session, and half the time the theme most similar to it. */
		for (int tries = 0; tries < 16 && p->sessions[a].n_themes == 0; tries++)
			a = random_placed(L, s);
		const igs_session *A = &p->sessions[a];
		if (A->n_themes == 0)
			break;
		int t1 = A->themes[pick(L, A->n_themes)], t2 = -1;
		if (gsl_rng_uniform(L->rng) < 0.5 && p->theme_sim) {
			double best = 0;
			for (int t = 0; t < p->n_themes; t++)
				if (t != t1 && p->theme_sim[(size_t)t1 * p->n_themes + t] > best) {
					best = p->theme_sim[(size_t)t1 * p->n_themes + t];
					t2 = t;
				}
		}
		int d0 = p->times[s->time[a]].day;
		for (int pass = 0; pass < 2; pass++) {
			int t = pass ? t2 : t1;
			for (int j = t >= 0 ? L->by_theme.off[t] : 0; t >= 0 && j < L->by_theme.off[t + 1]; j++) {
				int i = L->by_theme.ses[j];
				if (pass && has_theme(&p->sessions[i], t1))
					continue;
				/* The days nearest the session's: "over some days". */
				double day = s->time[i] >= 0 ? fabs((double)(p->times[s->time[i]].day - d0)) : 0;
				L->cand[nc++] = (ranked){day + gsl_rng_uniform(L->rng), i};
			}
		}
		take_ranked(L, nc, core);
		break;
	}
	case IGS_LNS_PEOPLE: {
		/* A person's sessions, then those of the people and groups of the sessions taken. */
		for (int tries = 0; tries < 16 && p->sessions[a].n_people + p->sessions[a].n_groups == 0; tries++)
			a = random_placed(L, s);
		add(L, a, core);
		for (int j = 0; j < L->nset && L->nset < core; j++) {
			const igs_session *S = &p->sessions[L->set[j]];
			nc = 0;
			for (int q = 0; q < S->n_people; q++)
				for (int x = L->by_person.off[S->people[q].person]; x < L->by_person.off[S->people[q].person + 1]; x++)
					L->cand[nc++] = (ranked){gsl_rng_uniform(L->rng), L->by_person.ses[x]};
			for (int g = 0; g < S->n_groups; g++)
				for (int x = L->by_group.off[S->groups[g]]; x < L->by_group.off[S->groups[g] + 1]; x++)
					L->cand[nc++] = (ranked){1 + gsl_rng_uniform(L->rng), L->by_group.ses[x]};
			take_ranked(L, nc, core);
		}
		break;
	}
	case IGS_LNS_RANDOM:
	case IGS_LNS__COUNT:
		for (int tries = 0; L->nset < k && tries < 4 * s->n; tries++)
			add(L, pick(L, s->n), k);
		break;
	}
	if (L->nset == 0 && a >= 0)
		add(L, a, k);
	fill_near(L, s, k);
	/* A required session out of the programme has no place to be frozen in. */
	for (int i = 0; i < s->n; i++)
		if (s->time[i] < 0 && !p->sessions[i].optional)
			add(L, i, s->n);
}

/* Is a better than b by the evaluator: fewer hard violations, then a lower score? */
static bool better(int ha, double sa, int hb, double sb) {
	return ha < hb || (ha == hb && sa < sb - 1e-9);
}

static int judge(const igs_schedule *s, int *hard, double *score) {
	igs_report *r = NULL;
	if (igs_evaluate(&r, s->problem, s) != IGS_OK)
		return IGS_ENOMEM;
	*hard = igs_report_hard_count(r);
	*score = igs_report_score(r);
	igs_report_free(r);
	return IGS_OK;
}

static void print_progress(const igs_options *o, const igs_lns_stats *st, double t0, int size, bool last) {
	bool live = o->live_progress;
	fprintf(stderr, "%ssubmip: %7.2f s  %6ld run  %6ld proven  %5ld improved  size %3d  best %.3f%s", live ? "\r" : "",
		now_s() - t0, st->ran, st->proven, st->improved, size, st->best_score, live ? "\033[K" : "");
	if (!live || last)
		fputc('\n', stderr);
	fflush(stderr);
}

/* The days the freed sessions hold: they move within those days only, and the frozen sessions
 * of the other days, which no move can then meet (sessions never span days), leave the copy, so
 * GLPK gets the model of those days alone. A freed session out of the programme may go
 * anywhere: no restriction then. */
static void restrict_days(lns *L, const igs_schedule *s) {
	const igs_problem *p = L->p;
	uint64_t days = 0;
	for (int j = 0; j < L->nset; j++) {
		int t = s->time[L->set[j]];
		if (t < 0 || p->n_days > 64)
			return;
		days |= 1ULL << p->times[t].day;
	}
	int used = 0;
	for (int i = 0; i < s->n; i++) {
		igs_session *S = &L->fz.sess[i];
		if (!L->in[i]) {
			if (s->time[i] >= 0 && !(days >> p->times[s->time[i]].day & 1)) {
				S->n_cand_times = 0;
				S->optional = true;
			}
			continue;
		}
		int n = 0;
		for (int c = 0; c < S->n_cand_times; c++)
			if (days >> p->times[S->cand_times[c]].day & 1)
				L->times[used + n++] = S->cand_times[c];
		S->cand_times = &L->times[used];
		S->n_cand_times = n;
		used += n;
	}
}

/* The best single move of freed session s in the repair: its cheapest placement anywhere, or
 * an exchange of places with another placed session; committed when it lowers the soft total
 * (a required session left out is placed whatever it costs). Returns whether it moved. */
static bool polish_one(lns *L, int s) {
	igs_delta *D = &L->d;
	const igs_schedule *w = L->trial;
	igs_move best[IGS_MOVE_MAX], m, M[IGS_MOVE_MAX];
	int kb = 0;
	double bd = -1e-9, d;
	bool placed = w->time[s] >= 0;
	if (igs_delta_cheapest(D, s, -1, &m, &d) && (d < bd || (!placed && !L->p->sessions[s].optional))) {
		best[0] = m;
		kb = 1;
		bd = d;
	}
	for (int o = 0; placed && o < w->n; o++) {
		if (o == s || w->time[o] < 0)
			continue;
		double ss = igs_delta_cand_soft(D, s, w->time[o], w->room[o]),
		       so = igs_delta_cand_soft(D, o, w->time[s], w->room[s]);
		if (isnan(ss) || isnan(so))
			continue;
		igs_delta_set_move(&M[0], D, s, w->time[o], w->room[o], ss);
		igs_delta_set_move(&M[1], D, o, w->time[s], w->room[s], so);
		D->nq0 = -1;
		if (!igs_delta_eval(D, M, 2, &d, true))
			continue;
		igs_delta_reject(D, M, 2);
		if (d < bd) {
			memcpy(best, M, sizeof M);
			kb = 2;
			bd = d;
		}
	}
	D->nq0 = -1;
	if (kb == 0 || !igs_delta_eval(D, best, kb, &d, true))
		return false;
	igs_delta_commit(D, best, kb, d);
	return true;
}

/* The repair of a sub-MIP's result (in L->trial) before the evaluator judges it: the model
 * prices rooms after the times and bounds some clash terms from below, so its optimum often
 * scores worse than the schedule it came from, by seats or a trade it undercharged. A descent
 * over the freed sessions with the incremental evaluator (the exact terms) settles them: at
 * most POLISH_PASSES passes, in a fixed order, so a counted run stays deterministic. */
enum { POLISH_PASSES = 8 };

static void polish(lns *L) {
	igs_delta_load(&L->d);
	for (int pass = 0; pass < POLISH_PASSES; pass++) {
		bool moved = false;
		for (int j = 0; j < L->nset; j++)
			moved = polish_one(L, L->set[j]) || moved;
		if (!moved)
			break;
	}
}

/* The sub-MIP of the sessions marked in L->in, all others frozen; s takes its result when the
 * evaluator prefers it (*took), *hard and *score following. *got is the result's score (NaN
 * when GLPK found none). IGS_OK, IGS_ENOMEM or IGS_ESOLVER. */
static int submip(lns *L, igs_schedule *s, const igs_options *o, double left, const igs_mip_limits *lim, int *hard,
		  double *score, igs_mip_stats *ms, bool *took, double *got) {
	*took = false;
	*got = NAN;
	for (int i = 0; i < s->n; i++)
		L->fixed[i] = !L->in[i];
	igs_frozen_set(&L->fz, L->fixed, s->time, s->room);
	restrict_days(L, s);
	igs_options mo = *o;
	mo.solver = IGS_SOLVER_EXACT;
	mo.verbose = o->verbose >= 3 ? 3 : 0;
	mo.live_progress = false;
	mo.gap = 0;
	mo.time_limit = o->effort == IGS_EFFORT_MOVES || left < IGS_LNS_CALL_S ? left : IGS_LNS_CALL_S;
	/* Through the MIP presolver (limits_of) GLPK cannot take the current placement as its first
	 * incumbent; it stays the schedule when nothing better is found. */
	int rc = igs_mip_solve_limited(L->m, NULL, &mo, lim, ms);
	if (rc == IGS_ENOMEM || rc == IGS_ESOLVER)
		return rc;
	if (!ms->improved)
		return IGS_OK;
	/* The sessions left out of the copy keep their placement. */
	for (int i = 0; i < s->n; i++) {
		if (!L->in[i])
			L->m->time[i] = s->time[i], L->m->room[i] = s->room[i];
		igs_schedule_set(L->trial, i, L->m->time[i], L->m->room[i]);
	}
	polish(L);
	int h;
	if ((rc = judge(L->trial, &h, got)) != IGS_OK)
		return rc;
	if (!(*took = better(h, *got, *hard, *score)))
		return IGS_OK;
	for (int i = 0; i < s->n; i++) {
		if (s->time[i] == L->trial->time[i] && s->room[i] == L->trial->room[i])
			continue;
		igs_schedule_set(s, i, L->trial->time[i], L->trial->room[i]);
		if (L->trial->time[i] < 0 &&
		    igs_schedule_set_reason(s, i, "left out by a sub-MIP: the sessions placed are worth more than it") != IGS_OK)
			return IGS_ENOMEM;
	}
	*hard = h;
	*score = *got;
	return IGS_OK;
}

static igs_mip_limits limits_of(const igs_options *o) {
	bool counted = o->effort == IGS_EFFORT_MOVES;
	return (igs_mip_limits){counted ? IGS_LNS_NODES : 0, counted ? IGS_LNS_ITERATIONS : 0, true};
}

static void count(igs_lns_stats *st, igs_lns_kind kind, const igs_mip_stats *ms, bool took, double score) {
	st->ran++;
	st->ran_kind[kind]++;
	st->proven += ms->optimal;
	st->improved += took;
	st->improved_kind[kind] += took;
	st->best_score = score;
}

int igs_lns(igs_schedule *s, const igs_options *o, long max_calls, igs_lns_stats *st) {
	double t0 = now_s(), last_print = t0;
	igs_lns_stats dummy;
	if (!st)
		st = &dummy;
	memset(st, 0, sizeof *st);
	bool counted = o->effort == IGS_EFFORT_MOVES;
	int size[IGS_LNS__COUNT], hard = 0, rc;
	double score = 0;
	for (int k = 0; k < IGS_LNS__COUNT; k++)
		size[k] = NB_START;
	igs_mip_limits lim = limits_of(o);
	lns L;
	if ((rc = lns_init(&L, s, o)) != IGS_OK || (rc = judge(s, &hard, &score)) != IGS_OK)
		goto done;
	st->start_score = st->best_score = score;
	for (long call = 0; max_calls <= 0 || call < max_calls; call++) {
		double left = o->time_limit - (now_s() - t0);
		if (o->interrupt && *o->interrupt) {
			st->interrupted = true;
			break;
		}
		if (left <= 0.05) {
			st->timed_out = true;
			break;
		}
		igs_lns_kind kind = (igs_lns_kind)(call % IGS_LNS__COUNT);
		int k = size[kind] < s->n ? size[kind] : s->n;
		choose(&L, s, kind, k);
		igs_mip_stats ms;
		bool took;
		double got;
		if ((rc = submip(&L, s, o, left, &lim, &hard, &score, &ms, &took, &got)) != IGS_OK)
			goto done;
		count(st, kind, &ms, took, score);
		/* Grow what GLPK proves quickly, shrink what it does not prove. */
		bool quick = counted ? ms.nodes < lim.nodes / 4 && ms.iterations < lim.iterations / 4
				     : ms.elapsed < QUICK_S;
		bool slow = !counted && ms.elapsed > SLOW_S;
		if (ms.optimal && quick)
			size[kind] = size[kind] + (size[kind] / 8 > 1 ? size[kind] / 8 : 1);
		else if (!ms.optimal || slow)
			size[kind] = size[kind] * 3 / 4;
		size[kind] = size[kind] < NB_MIN ? NB_MIN : size[kind] > NB_MAX ? NB_MAX : size[kind];
		if (o->verbose >= 2)
			fprintf(stderr,
				"submip %ld: %-6s %3d free  %s  %.2f s  %ld nodes  %ld iterations  score %.3f%s\n",
				call + 1, kind_names[kind], L.nset, ms.optimal ? "proven" : "not proven", ms.elapsed, ms.nodes,
				ms.iterations, isnan(got) ? score : got, took ? "  improved" : "");
		else if (o->verbose >= 1 && now_s() - last_print >= 1.0) {
			last_print = now_s();
			print_progress(o, st, t0, k, false);
		}
	}
	if (o->verbose >= 1)
		print_progress(o, st, t0, size[IGS_LNS_WINDOW], true);
done:
	for (int k = 0; k < IGS_LNS__COUNT; k++)
		st->size[k] = size[k];
	st->elapsed = now_s() - t0;
	lns_free(&L);
	return rc;
}

int igs_lns_free(igs_schedule *s, const igs_options *o, const int *freed, int n_freed, igs_lns_stats *st) {
	double t0 = now_s();
	igs_lns_stats dummy;
	if (!st)
		st = &dummy;
	memset(st, 0, sizeof *st);
	int hard = 0, rc;
	double score = 0;
	igs_mip_limits lim = limits_of(o);
	lns L;
	if ((rc = lns_init(&L, s, o)) != IGS_OK || (rc = judge(s, &hard, &score)) != IGS_OK)
		goto done;
	st->start_score = st->best_score = score;
	for (int i = 0; i < n_freed; i++)
		add(&L, freed[i], s->n);
	for (int i = 0; i < s->n; i++)
		if (s->time[i] < 0 && !L.p->sessions[i].optional)
			add(&L, i, s->n);
	igs_mip_stats ms;
	bool took;
	double got;
	if ((rc = submip(&L, s, o, o->time_limit, &lim, &hard, &score, &ms, &took, &got)) == IGS_OK)
		count(st, IGS_LNS_RANDOM, &ms, took, score);
done:
	st->elapsed = now_s() - t0;
	lns_free(&L);
	return rc;
}
