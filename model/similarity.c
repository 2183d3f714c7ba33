/* The similarity of two proposals (TF-IDF text, theme and tag overlap) and the near-duplicate
 * links of a problem. */
#include <jansson.h>
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "model/array.h"
#include "model/similarity.h"

/* ---- words ---- */

/* Words that say nothing about a session's subject; sorted for bsearch. Kept short on
 * purpose: IDF already discounts words that many titles share. */
static const char *const stop_words[] = {
	"a",     "about",   "after",   "against", "all",    "also",    "among",  "an",     "and",    "any",
	"are",   "as",      "at",      "be",      "been",   "between", "both",   "but",    "by",     "can",
	"do",    "does",    "for",     "from",    "has",    "have",    "how",    "if",     "in",     "into",
	"is",    "it",      "its",     "more",    "new",    "no",      "not",    "of",     "on",     "or",
	"our",   "over",    "should",  "so",      "than",   "that",    "the",    "their",  "them",   "there",
	"these", "they",    "this",    "through", "to",     "towards", "under",  "up",     "us",     "via",
	"was",   "we",      "what",    "when",    "where",  "which",   "who",    "why",    "will",   "with",
	"within", "without", "you",    "your",
};

static int cmp_str(const void *a, const void *b) {
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static bool is_stop_word(const char *w) {
	return bsearch(&w, stop_words, sizeof stop_words / sizeof stop_words[0], sizeof stop_words[0], cmp_str) != NULL;
}

/* Bytes of a separator starting at s (0 when s starts a word byte). ASCII letters and digits
 * are word bytes; other non-ASCII bytes are too, so accented and non-Latin words stay whole,
 * except the Latin-1 punctuation block (U+00A0–U+00BF: no-break space, « ») and the General
 * Punctuation block (U+2000–U+207F: dashes, curly quotes, ellipsis) that titles use between
 * words. */
static int separator_len(const unsigned char *s) {
	if (s[0] < 0x80)
		return ((s[0] >= 'a' && s[0] <= 'z') || (s[0] >= 'A' && s[0] <= 'Z') || (s[0] >= '0' && s[0] <= '9'))
			       ? 0
			       : 1;
	if (s[0] == 0xC2 && s[1] >= 0xA0 && s[1] <= 0xBF)
		return 2;
	if (s[0] == 0xE2 && (s[1] == 0x80 || s[1] == 0x81) && (s[2] & 0xC0) == 0x80)
		return 3;
	return 0;
}

void igs_dup_words(const char *text, void (*f)(const char *word, void *arg), void *arg) {
	/* Words are short; a longer run (a URL) is cut into pieces of this size, which only
	 * matters if two sessions share such a run. */
	char w[128];
	size_t n = 0;
	const unsigned char *s = (const unsigned char *)(text ? text : "");
	for (;;) {
		int sep = *s ? separator_len(s) : 1;
		if (sep == 0 && n < sizeof w - 1) {
			w[n++] = (char)(*s >= 'A' && *s <= 'Z' ? *s - 'A' + 'a' : *s);
			s++;
			continue;
		}
		if (n > 0) {
			w[n] = 0;
			/* One letter or digit is never a subject ("Internet's" leaves an "s"). */
			if (n >= 2 && !is_stop_word(w))
				f(w, arg);
			n = 0;
			if (sep == 0)
				continue; /* the word was cut; this byte starts the next piece */
		}
		if (!*s)
			break;
		s += sep;
	}
}

/* ---- the index ---- */

typedef struct {
	int *v;
	size_t n, cap;
} ivec;


static int ivec_push(ivec *a, int x) {
	if (!igs_reserve_one((void **)&a->v, &a->cap, a->n, sizeof *a->v))
		return IGS_ENOMEM;
	a->v[a->n++] = x;
	return IGS_OK;
}

typedef struct {
	json_t *dict; /* word -> its id: Jansson's hash table, as the loader uses for ids */
	ivec *words;  /* the current session's word ids */
	int n_terms;
	bool oom;
} word_sink;

static void intern_word(const char *w, void *arg) {
	word_sink *k = arg;
	if (k->oom)
		return;
	json_t *id = json_object_get(k->dict, w);
	int t;
	if (id) {
		t = (int)json_integer_value(id);
	} else {
		t = k->n_terms;
		/* _nocheck: a word is only a hash key, never printed, and a long run cut in
		 * pieces may end inside a character. */
		if (json_object_set_new_nocheck(k->dict, w, json_integer(t)) != 0) {
			k->oom = true;
			return;
		}
		k->n_terms++;
	}
	if (ivec_push(k->words, t) != IGS_OK)
		k->oom = true;
}

static int cmp_int(const void *a, const void *b) {
	int x = *(const int *)a, y = *(const int *)b;
	return (x > y) - (x < y);
}

/* Sorted, repeat-free copy of list into out (which has room for n); returns its length. */
static int sorted_unique(const int *list, int n, int *out) {
	if (n == 0)
		return 0; /* list may be NULL then */
	memcpy(out, list, (size_t)n * sizeof *out);
	qsort(out, (size_t)n, sizeof *out, cmp_int);
	int m = 0;
	for (int i = 0; i < n; i++)
		if (m == 0 || out[m - 1] != out[i])
			out[m++] = out[i];
	return m;
}

/* Themes or tags of every session in CSR form. */
static int build_sets(const igs_problem *p, bool tags, int **start, int **items) {
	size_t total = 0;
	for (int s = 0; s < p->n_sessions; s++)
		total += (size_t)(tags ? p->sessions[s].n_tags : p->sessions[s].n_themes);
	*start = malloc((size_t)(p->n_sessions + 1) * sizeof **start);
	*items = malloc((total ? total : 1) * sizeof **items);
	if (!*start || !*items)
		return IGS_ENOMEM;
	int k = 0;
	for (int s = 0; s < p->n_sessions; s++) {
		const igs_session *S = &p->sessions[s];
		(*start)[s] = k;
		k += sorted_unique(tags ? S->tags : S->themes, tags ? S->n_tags : S->n_themes, *items + k);
	}
	(*start)[p->n_sessions] = k;
	return IGS_OK;
}

int igs_tfidf_weigh(int n, int n_terms, const int *start, const int *term, double *weight) {
	int *df = calloc((size_t)(n_terms > 0 ? n_terms : 1), sizeof *df);
	if (!df)
		return IGS_ENOMEM;
	for (int i = 0; i < start[n]; i++)
		df[term[i]]++;
	/* Smoothed IDF, ln((1 + N) / (1 + df)) + 1: a word in every document still counts (with
	 * weight 1), so two identical titles score 1 even in a problem of two sessions. */
	for (int d = 0; d < n; d++) {
		double norm = 0;
		for (int i = start[d]; i < start[d + 1]; i++) {
			weight[i] *= log((1.0 + n) / (1.0 + df[term[i]])) + 1.0;
			norm += weight[i] * weight[i];
		}
		norm = sqrt(norm);
		for (int i = start[d]; i < start[d + 1]; i++)
			weight[i] /= norm;
	}
	free(df);
	return IGS_OK;
}

/* The text vectors are sparse arrays (sorted word ids with weights), not gsl_vector: a
 * session has a few dozen distinct words out of thousands in the problem, so a dense
 * vector per session would cost n × vocabulary memory and every dot product would walk the
 * whole vocabulary, while a merge of two sorted lists touches only the words present. */
int igs_dup_index_build(igs_dup_index **out, const igs_problem *p) {
	int rc = IGS_OK;
	igs_dup_index *x = calloc(1, sizeof *x);
	ivec all = {0}, one = {0};
	word_sink k = {.dict = json_object(), .words = &one};
	*out = NULL;
	if (!x || !k.dict) {
		rc = IGS_ENOMEM;
		goto cleanup;
	}
	x->p = p;
	x->n = p->n_sessions;
	if (!(x->vstart = malloc((size_t)(x->n + 1) * sizeof *x->vstart))) {
		rc = IGS_ENOMEM;
		goto cleanup;
	}
	/* Pass 1: each session's words as sorted ids; a word's count is the length of its run. */
	for (int s = 0; s < x->n; s++) {
		const igs_session *S = &p->sessions[s];
		one.n = 0;
		igs_dup_words(S->title, intern_word, &k);
		igs_dup_words(S->description, intern_word, &k);
		if (k.oom) {
			rc = IGS_ENOMEM;
			goto cleanup;
		}
		if (one.n > 1)
			qsort(one.v, one.n, sizeof *one.v, cmp_int);
		x->vstart[s] = (int)all.n;
		for (size_t i = 0; i < one.n; i++)
			if (ivec_push(&all, one.v[i]) != IGS_OK) {
				rc = IGS_ENOMEM;
				goto cleanup;
			}
	}
	x->vstart[x->n] = (int)all.n;
	x->n_terms = k.n_terms;
	/* Pass 2: collapse runs into (word, count). */
	x->term = malloc((all.n ? all.n : 1) * sizeof *x->term);
	x->weight = malloc((all.n ? all.n : 1) * sizeof *x->weight);
	if (!x->term || !x->weight) {
		rc = IGS_ENOMEM;
		goto cleanup;
	}
	int m = 0;
	for (int s = 0; s < x->n; s++) {
		int from = x->vstart[s], to = x->vstart[s + 1];
		x->vstart[s] = m;
		for (int i = from; i < to; i++) {
			if (i > from && all.v[i] == all.v[i - 1]) {
				x->weight[m - 1] += 1.0;
				continue;
			}
			x->term[m] = all.v[i];
			x->weight[m] = 1.0;
			m++;
		}
	}
	x->vstart[x->n] = m;
	if (igs_tfidf_weigh(x->n, x->n_terms, x->vstart, x->term, x->weight) != IGS_OK ||
	    build_sets(p, false, &x->theme_start, &x->theme) != IGS_OK ||
	    build_sets(p, true, &x->tag_start, &x->tag) != IGS_OK) {
		rc = IGS_ENOMEM;
		goto cleanup;
	}
	*out = x;
	x = NULL;
cleanup:
	igs_dup_index_free(x);
	json_decref(k.dict);
	free(all.v);
	free(one.v);
	return rc;
}

void igs_dup_index_free(igs_dup_index *x) {
	if (!x)
		return;
	free(x->vstart);
	free(x->term);
	free(x->weight);
	free(x->theme_start);
	free(x->theme);
	free(x->tag_start);
	free(x->tag);
	free(x);
}

/* |A ∩ B| / |A ∪ B| of two sorted sets; NaN when both are empty. */
static double jaccard(const int *a, int na, const int *b, int nb) {
	if (na == 0 && nb == 0)
		return NAN;
	int i = 0, j = 0, both = 0;
	while (i < na && j < nb) {
		if (a[i] == b[j]) {
			both++;
			i++;
			j++;
		} else if (a[i] < b[j]) {
			i++;
		} else {
			j++;
		}
	}
	return (double)both / (na + nb - both);
}

/* The theme and tag parts of a and b, and the score from those and out->text. */
static void finish_parts(const igs_dup_index *x, int a, int b, igs_dup_parts *out) {
	out->themes = jaccard(x->theme + x->theme_start[a], x->theme_start[a + 1] - x->theme_start[a],
			      x->theme + x->theme_start[b], x->theme_start[b + 1] - x->theme_start[b]);
	out->tags = jaccard(x->tag + x->tag_start[a], x->tag_start[a + 1] - x->tag_start[a], x->tag + x->tag_start[b],
			    x->tag_start[b + 1] - x->tag_start[b]);
	/* A part neither session has is left out and the others renormalised, so two identical
	 * proposals without tags still score 1. */
	const double part[3] = {out->text, out->themes, out->tags};
	const double w[3] = {IGS_DUP_W_TEXT, IGS_DUP_W_THEMES, IGS_DUP_W_TAGS};
	double sum = 0, wsum = 0;
	for (int k = 0; k < 3; k++)
		if (!isnan(part[k])) {
			sum += w[k] * part[k];
			wsum += w[k];
		}
	out->score = wsum > 0 ? sum / wsum : 0.0;
}

void igs_dup_similarity(const igs_dup_index *x, int a, int b, igs_dup_parts *out) {
	int a0 = x->vstart[a], a1 = x->vstart[a + 1], b0 = x->vstart[b], b1 = x->vstart[b + 1];
	if (a0 == a1 && b0 == b1) {
		out->text = NAN;
	} else {
		double dot = 0;
		int i = a0, j = b0;
		while (i < a1 && j < b1) {
			if (x->term[i] == x->term[j])
				dot += x->weight[i++] * x->weight[j++];
			else if (x->term[i] < x->term[j])
				i++;
			else
				j++;
		}
		out->text = dot > 1.0 ? 1.0 : dot; /* rounding of unit vectors */
	}
	finish_parts(x, a, b, out);
}

/* The text part of b against the session whose weights are spread over dense (zero for the
 * words it lacks): the same sum as igs_dup_similarity's merge, to the last bit. The shared
 * words come in the same ascending order, each product is the same (multiplication
 * commutes), and a missing word adds +0.0, which leaves a sum of non-negative terms as it
 * is. One pass over b's words without the merge's unpredictable branches. */
static double dense_text(const igs_dup_index *x, int b, const double *dense) {
	double dot = 0;
	for (int j = x->vstart[b]; j < x->vstart[b + 1]; j++)
		dot += x->weight[j] * dense[x->term[j]];
	return dot > 1.0 ? 1.0 : dot;
}

/* ---- every pair above a threshold ---- */

typedef struct {
	int rank;      /* the word's place in the global order, rarest first */
	double weight; /* its TF-IDF weight in the session's unit vector */
} ranked;

static int cmp_ranked(const void *x, const void *y) {
	int a = ((const ranked *)x)->rank, b = ((const ranked *)y)->rank;
	return (a > b) - (a < b);
}

typedef struct {
	int df, term;
} word_df;

static int cmp_by_df(const void *x, const void *y) {
	const word_df *a = x, *b = y;
	if (a->df != b->df)
		return (a->df > b->df) - (a->df < b->df);
	return (a->term > b->term) - (a->term < b->term);
}

/* Candidate pairs (a session meeting an earlier one on a word's list) that the search may
 * score before it leaves the commonest words out; see igs_dup_pairs in similarity.h. A score
 * reads the earlier session's vector once, about 0.3 µs at 50,000 sessions: a few seconds at
 * most (at 5 million, 2 of 499 planted resubmissions were missed at 50,000 sessions; at 10
 * million none). */
#define PAIR_BUDGET 1e7 /* bench/load.py */

static double now_s(void) {
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

static int cmp_int_desc(const void *a, const void *b) {
	return cmp_int(b, a);
}

/* The cap on a word's count of prefixes (words in more are left out), or INT_MAX when every
 * word fits the budget. */
static int choose_cap(const int *pdf, int nt, int *scratch) {
	double work = 0;
	for (int t = 0; t < nt; t++)
		work += 0.5 * pdf[t] * (pdf[t] - 1.0);
	if (work <= PAIR_BUDGET)
		return INT_MAX;
	memcpy(scratch, pdf, (size_t)nt * sizeof *scratch);
	qsort(scratch, (size_t)nt, sizeof *scratch, cmp_int_desc);
	/* Whole values at a time, so that the rule is "more than cap prefixes". */
	int k = 0;
	while (k < nt && work > PAIR_BUDGET) {
		int v = scratch[k];
		for (; k < nt && scratch[k] == v; k++)
			work -= 0.5 * v * (v - 1.0);
	}
	return k < nt ? scratch[k] : 0;
}

/* The search of igs_dup_pairs. With a deadline (CLOCK_MONOTONIC seconds; INFINITY: none), it
 * stops at the first session it reaches past it, sessions in index order; *run says how far it
 * got. */
static int pairs(const igs_dup_index *x, double threshold, igs_dup_visit f, void *arg, int verbose, double deadline,
		 igs_dup_run *run) {
	int n = x->n, rc = IGS_OK;
	*run = (igs_dup_run){.sessions = n, .done = n};
	long long min_key = igs_dup_score_key(threshold);
	/* A pair reaches the threshold only through its text when themes and tags together
	 * cannot: with every part defined the text must reach tau; with fewer parts defined it
	 * must reach more (see docs/SCENARIOS.md). Below that, every pair is scored. */
	double tau = (threshold - IGS_DUP_W_THEMES - IGS_DUP_W_TAGS) / IGS_DUP_W_TEXT;
	word_df *byfreq = NULL;
	int *df = NULL, *order = NULL, *rank = NULL, *head = NULL, *next = NULL, *owner = NULL, *stamp = NULL;
	int *wordless = NULL, *plen = NULL;
	ranked *vec = NULL;
	double *dense = NULL;
	if (!(tau > 1e-6)) {
		for (int a = 0; a < n && rc == IGS_OK; a++) {
			if (now_s() > deadline) {
				run->done = a;
				run->stopped = true;
				break;
			}
			for (int b = a + 1; b < n && rc == IGS_OK; b++) {
				igs_dup_parts parts;
				igs_dup_similarity(x, a, b, &parts);
				run->scored++;
				if (igs_dup_score_key(parts.score) >= min_key)
					rc = f(arg, a, b, &parts);
			}
		}
		return rc;
	}
	/* Prefix filtering (Bayardo, Ma and Srikant, WWW 2007): order words rarest first and
	 * index each session only under the words before the point where the rest of its unit
	 * vector has norm below tau. Two sessions whose cosine reaches tau share a word in both
	 * prefixes: if the shorter prefix ends first in the order, every word of it that the other
	 * has lies in the other's prefix too, and without one the dot product is at most the norm
	 * of the remainder. Rare words make short lists, so few pairs are ever scored. */
	int nt = x->n_terms, total = x->vstart[n];
	df = calloc((size_t)nt + 1, sizeof *df);
	order = malloc(((size_t)nt + 1) * sizeof *order);
	rank = malloc(((size_t)nt + 1) * sizeof *rank);
	head = malloc(((size_t)nt + 1) * sizeof *head);
	next = malloc(((size_t)total + 1) * sizeof *next);
	owner = malloc(((size_t)total + 1) * sizeof *owner);
	stamp = malloc(((size_t)n + 1) * sizeof *stamp);
	wordless = malloc(((size_t)n + 1) * sizeof *wordless);
	plen = malloc(((size_t)n + 1) * sizeof *plen);
	vec = malloc(((size_t)total + 1) * sizeof *vec);
	byfreq = malloc(((size_t)nt + 1) * sizeof *byfreq);
	dense = calloc((size_t)nt + 1, sizeof *dense);
	if (!dense || !byfreq || !df || !order || !rank || !head || !next || !owner || !stamp || !wordless || !plen || !vec) {
		rc = IGS_ENOMEM;
		goto cleanup;
	}
	for (int i = 0; i < total; i++)
		df[x->term[i]]++;
	for (int t = 0; t < nt; t++) {
		byfreq[t] = (word_df){df[t], t};
		head[t] = -1;
	}
	qsort(byfreq, (size_t)nt, sizeof *byfreq, cmp_by_df);
	for (int k = 0; k < nt; k++) {
		order[k] = byfreq[k].term;
		rank[order[k]] = k;
	}
	/* A tolerance below tau keeps pairs whose cosine is tau up to rounding. */
	double tau_lo = tau - 1e-9;
	/* A text part below tau_text leaves the score below the threshold at its 6 printed
	 * decimals, whichever parts are defined (the score is at most 0.6 text + 0.4, and the
	 * 2e-6 is more than the rounding): such a pair needs no themes or tags. */
	double tau_text = tau - 2e-6;
	/* Every session's words rarest first and its prefix; df becomes each word's count of
	 * prefixes, which the cap reads. */
	memset(df, 0, ((size_t)nt + 1) * sizeof *df);
	for (int a = 0; a < n; a++) {
		int from = x->vstart[a], len = x->vstart[a + 1] - from;
		ranked *v = vec + from;
		for (int i = 0; i < len; i++)
			v[i] = (ranked){rank[x->term[from + i]], x->weight[from + i]};
		if (len > 1)
			qsort(v, (size_t)len, sizeof *v, cmp_ranked);
		int prefix = len;
		double rest = 0;
		while (prefix > 0 && rest + v[prefix - 1].weight * v[prefix - 1].weight < tau_lo * tau_lo) {
			rest += v[prefix - 1].weight * v[prefix - 1].weight;
			prefix--;
		}
		plen[a] = prefix;
		for (int i = 0; i < prefix; i++)
			df[order[v[i].rank]]++;
	}
	int cap = choose_cap(df, nt, owner); /* owner has room: every word occurs, so nt <= total */
	if (cap < INT_MAX && verbose >= 2)
		fprintf(stderr, "loading: near-duplicate pairs: words in more than %d sessions' prefixes are not searched\n",
			cap);
	int n_entries = 0, n_wordless = 0;
	for (int b = 0; b < n; b++)
		stamp[b] = -1;
	double t0 = now_s(), shown = t0;
	for (int a = 0; a < n && rc == IGS_OK; a++) {
		if (now_s() > deadline) {
			run->done = a;
			run->stopped = true;
			break;
		}
		if (verbose >= 1 && (a & 255) == 0 && now_s() - shown >= 1.0) {
			shown = now_s();
			fprintf(stderr, "loading: near-duplicate pairs %3d %% (%d of %d sessions, %.0f s)\n",
				(int)(100.0 * a / n), a, n, shown - t0);
		}
		int from = x->vstart[a], len = x->vstart[a + 1] - from;
		if (len == 0) {
			/* No words: only another wordless session can reach the threshold with it. */
			for (int k = 0; k < n_wordless && rc == IGS_OK; k++) {
				igs_dup_parts parts;
				igs_dup_similarity(x, wordless[k], a, &parts);
				if (igs_dup_score_key(parts.score) >= min_key)
					rc = f(arg, wordless[k], a, &parts);
			}
			wordless[n_wordless++] = a;
			continue;
		}
		const ranked *v = vec + from;
		int prefix = plen[a];
		for (int i = from; i < from + len; i++)
			dense[x->term[i]] = x->weight[i];
		/* Probe with the prefix: the lists hold earlier sessions only, in order. */
		for (int i = 0; i < prefix && rc == IGS_OK; i++) {
			int t = order[v[i].rank];
			if (df[t] > cap)
				continue;
			for (int e = head[t]; e >= 0 && rc == IGS_OK; e = next[e]) {
				int b = owner[e];
				if (stamp[b] == a)
					continue;
				stamp[b] = a;
				run->scored++;
				/* igs_dup_similarity(x, b, a), its text from a's spread weights. */
				igs_dup_parts parts = {.text = dense_text(x, b, dense)};
				if (parts.text < tau_text)
					continue;
				finish_parts(x, b, a, &parts);
				if (igs_dup_score_key(parts.score) >= min_key)
					rc = f(arg, b, a, &parts);
			}
		}
		for (int i = from; i < from + len; i++)
			dense[x->term[i]] = 0;
		/* Lists are pushed at the head, so walk them newest first; order among the pairs
		 * of one session does not matter to callers, which sort or index what they keep. */
		for (int i = 0; i < prefix; i++) {
			int t = order[v[i].rank];
			if (df[t] > cap)
				continue;
			owner[n_entries] = a;
			next[n_entries] = head[t];
			head[t] = n_entries++;
		}
	}
cleanup:
	free(byfreq);
	free(df);
	free(order);
	free(rank);
	free(head);
	free(next);
	free(owner);
	free(stamp);
	free(wordless);
	free(plen);
	free(vec);
	free(dense);
	return rc;
}

int igs_dup_pairs(const igs_dup_index *x, double threshold, igs_dup_visit f, void *arg) {
	igs_dup_run run;
	return pairs(x, threshold, f, arg, 0, INFINITY, &run);
}

/* ---- near-duplicate links of a problem, for the duplicate_clash term ---- */

typedef struct {
	int a, b;
	double sim;
} link;

typedef struct {
	link *v;
	size_t n, cap;
} link_list;

static int keep_link(void *arg, int a, int b, const igs_dup_parts *parts) {
	link_list *l = arg;
	if (!igs_reserve_one((void **)&l->v, &l->cap, l->n, sizeof *l->v))
		return IGS_ENOMEM;
	l->v[l->n++] = (link){a, b, parts->score};
	return IGS_OK;
}

static int cmp_link(const void *x, const void *y) {
	const link *a = x, *b = y;
	if (a->a != b->a)
		return (a->a > b->a) - (a->a < b->a);
	return (a->b > b->b) - (a->b < b->b);
}

int igs_dup_links_build(igs_problem *p, int verbose, double deadline) {
	int rc = IGS_OK, n = p->n_sessions;
	igs_dup_index *ix = NULL;
	link_list l = {0};
	free(p->dup_start);
	free(p->dup_other);
	free(p->dup_sim);
	p->dup_other = NULL;
	p->dup_sim = NULL;
	if (!(p->dup_start = calloc((size_t)n + 1, sizeof *p->dup_start)) || igs_dup_index_build(&ix, p) != IGS_OK) {
		rc = IGS_ENOMEM;
		goto cleanup;
	}
	igs_dup_run run;
	if ((rc = pairs(ix, p->dup_threshold, keep_link, &l, verbose, deadline, &run)) != IGS_OK)
		goto cleanup;
	p->dup_stopped = run.stopped;
	p->dup_done = run.done;
	p->dup_scored = run.scored;
	/* Both directions, sorted by (session, partner): CSR with binary-searchable rows. */
	size_t m = 2 * l.n;
	link *all = realloc(l.v, (m ? m : 1) * sizeof *all);
	if (!all) {
		rc = IGS_ENOMEM;
		goto cleanup;
	}
	l.v = all;
	for (size_t k = 0; k < l.n; k++)
		all[l.n + k] = (link){all[k].b, all[k].a, all[k].sim};
	qsort(all, m, sizeof *all, cmp_link);
	p->dup_other = malloc((m ? m : 1) * sizeof *p->dup_other);
	p->dup_sim = malloc((m ? m : 1) * sizeof *p->dup_sim);
	if (!p->dup_other || !p->dup_sim) {
		rc = IGS_ENOMEM;
		goto cleanup;
	}
	for (size_t k = 0; k < m; k++) {
		p->dup_start[all[k].a + 1]++;
		p->dup_other[k] = all[k].b;
		p->dup_sim[k] = all[k].sim;
	}
	for (int s = 0; s < n; s++)
		p->dup_start[s + 1] += p->dup_start[s];
cleanup:
	free(l.v);
	igs_dup_index_free(ix);
	return rc;
}
