/* The similarity of two proposals (TF-IDF text, theme and tag overlap) and the near-duplicate
 * links of a problem (the duplicate_clash term); igfsched duplicates ranks the same pairs and
 * igfsched group weighs coalitions' words with the same TF-IDF. */
#ifndef IGS_MODEL_SIMILARITY_H
#define IGS_MODEL_SIMILARITY_H

#include <math.h>

#include "model/problem.h"

/* Weights of the three parts of a pair's similarity (docs/SCENARIOS.md). Text carries the
 * most because two proposals of one session repeat its wording; themes and tags alone are
 * shared by many sessions that are not duplicates at all. */
#define IGS_DUP_W_TEXT 0.6
#define IGS_DUP_W_THEMES 0.2
#define IGS_DUP_W_TAGS 0.2

/* The parts of one pair's similarity, each in [0, 1]; a part is NaN when neither session
 * has anything to compare (no words, no themes, no tags), and score is the weighted mean of
 * the defined parts (0 when none is). */
typedef struct {
	double text, themes, tags, score;
} igs_dup_parts;

/* TF-IDF of n documents in CSR form: document d's distinct words are term[start[d] ..
 * start[d + 1]) (ids below n_terms) with their counts in weight, which become their weights:
 * count × the smoothed IDF ln((1 + n) / (1 + df)) + 1, each document's vector then scaled to
 * unit length in the order of its list (an empty one stays empty). One weighting for the
 * near-duplicate proposals and for igfsched group's coalitions. IGS_OK or IGS_ENOMEM. */
int igs_tfidf_weigh(int n, int n_terms, const int *start, const int *term, double *weight);

/* Per-session data for similarity, built once per problem. Every list is in CSR form:
 * session s owns entries [start[s], start[s + 1]), sorted by id, without repeats. */
typedef struct {
	const igs_problem *p;
	int n;            /* sessions */
	int n_terms;      /* distinct words over all sessions */
	int *vstart;      /* n + 1 */
	int *term;        /* word ids */
	double *weight;   /* TF-IDF weights, each session's vector of unit length */
	int *theme_start; /* n + 1 */
	int *theme;
	int *tag_start;   /* n + 1 */
	int *tag;
} igs_dup_index;

int igs_dup_index_build(igs_dup_index **out, const igs_problem *p);
void igs_dup_index_free(igs_dup_index *x);
void igs_dup_similarity(const igs_dup_index *x, int a, int b, igs_dup_parts *out);

/* Calls f(arg, a, b, parts) for every pair a < b (session indices) whose similarity reaches
 * threshold at the 6 printed decimals, in no particular order; stops at f's first non-zero
 * return and returns it (IGS_ENOMEM on allocation failure, else IGS_OK). Above a threshold
 * of 0.4 only pairs sharing a rare enough word are scored (prefix filtering), so it is far
 * below quadratic; at 0.4 or below every pair is scored.
 *
 * Exact, except on large problems with long texts: when scoring the pairs met on the words'
 * lists would exceed a budget (10 million, in the prefix counts' sum of n (n - 1) / 2; the
 * bundled examples stay far below it), the words in the most sessions' prefixes are left out
 * of the search, whole counts at a time, until it fits (verbose 2 prints the cap). A pair
 * above the threshold is then missed exactly when every word the two share in their
 * prefixes is one of those left out: two texts alike only in their commonest words. A
 * resubmitted proposal repeats its rare words and is still found. */
typedef int (*igs_dup_visit)(void *arg, int a, int b, const igs_dup_parts *parts);

/* How far a search went: candidate pairs scored, and the sessions whose pairs with every
 * earlier session were searched (all n unless it stopped at its deadline). */
typedef struct {
	long long scored;
	int done, sessions;
	bool stopped;
} igs_dup_run;
int igs_dup_pairs(const igs_dup_index *x, double threshold, igs_dup_visit f, void *arg);

/* Fills p->dup_start, dup_other and dup_sim with every pair at p->dup_threshold or above (as
 * igs_dup_pairs finds them); at verbose 1 or more, a progress line a second on stderr once the
 * search has run for a second, at 2 the cap of a large problem. Past deadline (CLOCK_MONOTONIC
 * seconds, INFINITY for none) the search stops before its next session: the links found so
 * far are kept, those of the sessions from p->dup_done on with earlier ones are missing, and
 * p->dup_stopped says so. Returns IGS_OK or IGS_ENOMEM. */
int igs_dup_links_build(igs_problem *p, int verbose, double deadline);

/* The similarity of a and b when they are near-duplicates (a listed partner), else 0.
 * Inline: the solvers ask it for every pair they price. */
static inline double igs_dup_link(const igs_problem *p, int a, int b) {
	if (!p->dup_start)
		return 0;
	int lo = p->dup_start[a], hi = p->dup_start[a + 1] - 1;
	while (lo <= hi) {
		int mid = (lo + hi) / 2;
		if (p->dup_other[mid] == b)
			return p->dup_sim[mid];
		if (p->dup_other[mid] < b)
			lo = mid + 1;
		else
			hi = mid - 1;
	}
	return 0;
}

/* Pairs compare at the 6 decimals their scores are printed with, so pairs that print equal
 * are ordered by their ids, whatever the rounding noise of their sums. */
static inline long long igs_dup_score_key(double x) {
	return llround(x * 1e6);
}

/* The words of a text as the index sees them (lower-case, stop words dropped), for tests
 * and for explaining a score: calls f once per word, in order. */
void igs_dup_words(const char *text, void (*f)(const char *word, void *arg), void *arg);

#endif
