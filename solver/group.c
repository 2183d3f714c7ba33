/* Joint Dynamic Coalition sessions: coalitions grouped by topic similarity into k joint sessions, within size bounds and wishes. */
#include <gsl/gsl_blas.h>
#include <gsl/gsl_matrix.h>
#include <gsl/gsl_rng.h>
#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "model/grouping.h"
#include "model/similarity.h"

/* Exhaustive search proves the optimum up to this many units (coalitions joined by "with"
 * wishes count as one): the set partitions of 12 items into k blocks stay below 1.4 million. */
#define EXHAUSTIVE_MAX 12
#define RESTARTS 64

/* ---- topic vectors ---- */

typedef struct {
	json_t *dict; /* word -> column */
	int *count;   /* words of the current coalition, by column, growing */
	int cap, n_words;
	bool oom;
} vocab;

static void count_word(const char *w, void *arg) {
	vocab *V = arg;
	if (V->oom)
		return;
	json_t *id = json_object_get(V->dict, w);
	int c;
	if (id) {
		c = (int)json_integer_value(id);
	} else {
		c = V->n_words;
		if (json_object_set_new_nocheck(V->dict, w, json_integer(c)) != 0) {
			V->oom = true;
			return;
		}
		V->n_words++;
	}
	if (c >= V->cap) {
		int cap = V->cap ? 2 * V->cap : 256;
		while (cap <= c)
			cap *= 2;
		int *n = realloc(V->count, (size_t)cap * sizeof *n);
		if (!n) {
			V->oom = true;
			return;
		}
		memset(n + V->cap, 0, (size_t)(cap - V->cap) * sizeof *n);
		V->count = n;
		V->cap = cap;
	}
	V->count[c]++;
}

/* The words of coalition g: its topics, and the titles and tags of its sessions. */
static void words_of(const igs_problem *p, int g, vocab *V) {
	const igs_group *G = &p->groups[g];
	for (int k = 0; k < G->n_topics; k++)
		igs_dup_words(p->tags[G->topics[k]], count_word, V);
	for (int s = 0; s < p->n_sessions; s++) {
		const igs_session *S = &p->sessions[s];
		bool in = false;
		for (int k = 0; k < S->n_groups && !in; k++)
			in = S->groups[k] == g;
		if (!in)
			continue;
		igs_dup_words(S->title, count_word, V);
		for (int k = 0; k < S->n_tags; k++)
			igs_dup_words(p->tags[S->tags[k]], count_word, V);
	}
}

/* Cosine similarity of TF-IDF vectors (igs_tfidf_weigh, as for near-duplicate proposals): a
 * coalition-by-word matrix X with unit rows, then X Xᵀ by BLAS. */
static int similarity(igs_grouping *R) {
	const igs_problem *p = R->p;
	int n = R->n, rc = IGS_OK;
	vocab V = {.dict = json_object()};
	int **tf = calloc((size_t)n, sizeof *tf);
	int *len = calloc((size_t)n, sizeof *len), *start = NULL, *term = NULL;
	double *weight = NULL;
	gsl_matrix *X = NULL, *S = NULL;
	if (!V.dict || !tf || !len) {
		rc = IGS_ENOMEM;
		goto cleanup;
	}
	for (int i = 0; i < n && !V.oom; i++) {
		if (V.count)
			memset(V.count, 0, (size_t)V.cap * sizeof *V.count);
		words_of(p, R->member[i], &V);
		len[i] = V.n_words;
		if (!(tf[i] = calloc((size_t)V.n_words + 1, sizeof *tf[i]))) {
			rc = IGS_ENOMEM;
			goto cleanup;
		}
		if (V.count)
			memcpy(tf[i], V.count, (size_t)V.n_words * sizeof *tf[i]);
	}
	int m = V.n_words > 0 ? V.n_words : 1;
	size_t total = 0;
	for (int i = 0; i < n; i++)
		total += (size_t)len[i];
	if (V.oom || !(start = malloc(((size_t)n + 1) * sizeof *start)) ||
	    !(term = malloc((total ? total : 1) * sizeof *term)) || !(weight = malloc((total ? total : 1) * sizeof *weight)) ||
	    !(X = gsl_matrix_calloc((size_t)n, (size_t)m)) || !(S = gsl_matrix_alloc((size_t)n, (size_t)n))) {
		rc = IGS_ENOMEM;
		goto cleanup;
	}
	/* Each coalition's words in column order: the order its vector's length is summed in. */
	int k = 0;
	for (int i = 0; i < n; i++) {
		start[i] = k;
		for (int w = 0; w < len[i]; w++)
			if (tf[i][w] > 0) {
				term[k] = w;
				weight[k++] = tf[i][w];
			}
	}
	start[n] = k;
	if ((rc = igs_tfidf_weigh(n, V.n_words, start, term, weight)) != IGS_OK)
		goto cleanup;
	for (int i = 0; i < n; i++)
		for (int j = start[i]; j < start[i + 1]; j++)
			gsl_matrix_set(X, (size_t)i, (size_t)term[j], weight[j]);
	gsl_blas_dgemm(CblasNoTrans, CblasTrans, 1.0, X, X, 0.0, S);
	for (int i = 0; i < n; i++)
		for (int j = 0; j < n; j++)
			R->sim[i * n + j] = i == j ? 0 : gsl_matrix_get(S, (size_t)i, (size_t)j);
cleanup:
	for (int i = 0; tf && i < n; i++)
		free(tf[i]);
	free(tf);
	free(len);
	free(start);
	free(term);
	free(weight);
	free(V.count);
	json_decref(V.dict);
	gsl_matrix_free(X);
	gsl_matrix_free(S);
	return rc;
}

/* ---- wishes ---- */

typedef struct {
	int n_not, *not_a, *not_b; /* participant indices that must not share a session */
	int *unit;                 /* participant -> unit (union-find root after read) */
} wishes;

static int find_root(int *u, int i) {
	while (u[i] != i)
		i = u[i] = u[u[i]];
	return i;
}

static int participant(const igs_grouping *R, const char *id) {
	int g = igs_problem_find_group(R->p, id);
	for (int i = 0; g >= 0 && i < R->n; i++)
		if (R->member[i] == g)
			return i;
	return -1;
}

/* One id of a wishes list: a participating coalition, else an error at its path. */
static int wish_id(const igs_grouping *R, json_t *v, const char *path, const char *where, igs_diag *d) {
	if (!json_is_string(v)) {
		igs_diag_add(d, path, where, "expected a coalition id (a string)");
		return -1;
	}
	int i = participant(R, json_string_value(v));
	if (i < 0)
		igs_diag_add(d, path, where, "'%s' is not a group of the kind being grouped; use one of groups[].id",
			     json_string_value(v));
	return i;
}

static int read_wishes(igs_grouping *R, const char *path, wishes *W, igs_diag *d) {
	int before = igs_diag_count(d);
	json_error_t je;
	json_t *root = json_load_file(path, JSON_REJECT_DUPLICATES, &je);
	if (!root) {
		char where[64] = "";
		if (je.line > 0)
			snprintf(where, sizeof where, "line %d, column %d", je.line, je.column);
		igs_diag_add(d, path, where, "%s", je.text);
		return IGS_EINPUT;
	}
	int rc = IGS_OK;
	char where[96];
	if (!json_is_object(root)) {
		igs_diag_add(d, path, "", "expected {\"with\": [[A, B]], \"not_with\": [[A, B]], \"bilateral_only\": [A], "
					  "\"leave_out\": [A]}");
		rc = IGS_EINPUT;
		goto cleanup;
	}
	const char *key;
	json_t *v;
	json_object_foreach(root, key, v) {
		bool pairs = strcmp(key, "with") == 0 || strcmp(key, "not_with") == 0;
		bool list = strcmp(key, "bilateral_only") == 0 || strcmp(key, "leave_out") == 0;
		if (!pairs && !list && key[0] != '_' && strncmp(key, "x-", 2) != 0) {
			igs_diag_add(d, path, key, "unknown key; use with, not_with, bilateral_only or leave_out");
			continue;
		}
		if (!pairs && !list)
			continue;
		if (!json_is_array(v)) {
			igs_diag_add(d, path, key, "expected an array");
			continue;
		}
		size_t i;
		json_t *x;
		json_array_foreach(v, i, x) {
			snprintf(where, sizeof where, "%s[%zu]", key, i);
			if (list) {
				int a = wish_id(R, x, path, where, d);
				if (a >= 0) {
					R->of[a] = -1;
					R->why[a] = strcmp(key, "leave_out") == 0 ? "left out by wish"
										  : "bilateral meeting only, by wish";
				}
				continue;
			}
			if (!json_is_array(x) || json_array_size(x) != 2) {
				igs_diag_add(d, path, where, "expected a pair of coalition ids [A, B]");
				continue;
			}
			char wa[112], wb[112];
			snprintf(wa, sizeof wa, "%s[0]", where);
			snprintf(wb, sizeof wb, "%s[1]", where);
			int a = wish_id(R, json_array_get(x, 0), path, wa, d), b = wish_id(R, json_array_get(x, 1), path, wb, d);
			if (a < 0 || b < 0)
				continue;
			if (a == b) {
				igs_diag_add(d, path, where, "a coalition paired with itself");
				continue;
			}
			if (key[0] == 'w') {
				W->unit[find_root(W->unit, a)] = find_root(W->unit, b);
			} else {
				int *na = realloc(W->not_a, (size_t)(W->n_not + 1) * sizeof *na);
				int *nb = na ? realloc(W->not_b, (size_t)(W->n_not + 1) * sizeof *nb) : NULL;
				if (na)
					W->not_a = na;
				if (!nb) {
					rc = IGS_ENOMEM;
					goto cleanup;
				}
				W->not_b = nb;
				W->not_a[W->n_not] = a;
				W->not_b[W->n_not++] = b;
			}
		}
	}
	if (igs_diag_count(d) > before)
		rc = IGS_EINPUT;
cleanup:
	json_decref(root);
	return rc;
}

/* ---- the search ---- */

typedef struct {
	int nu, k, lo, hi;
	int *size;       /* nu: coalitions in the unit */
	double *usim;    /* nu × nu: Σ similarity between the units' members; diagonal: within */
	char *apart;     /* nu × nu: a not_with wish between them */
	int *of, *best;  /* unit -> session */
	int *load;       /* k: coalitions per session */
	double best_val;
	bool found;
	long nodes;
} search;

static double value(const search *X, const int *of) {
	double v = 0;
	for (int a = 0; a < X->nu; a++) {
		v += X->usim[a * X->nu + a];
		for (int b = a + 1; b < X->nu; b++)
			v += of[a] == of[b] ? X->usim[a * X->nu + b] : 0;
	}
	return v;
}

static bool may_join(const search *X, const int *of, int u, int g) {
	if (X->load[g] + X->size[u] > X->hi)
		return false;
	for (int b = 0; b < X->nu; b++)
		if (b != u && of[b] == g && X->apart[u * X->nu + b])
			return false;
	return true;
}

static bool sizes_ok(const search *X) {
	for (int g = 0; g < X->k; g++)
		if (X->load[g] < X->lo || X->load[g] > X->hi)
			return false;
	return true;
}

/* Every assignment of units to sessions, sessions numbered by their first unit (no two
 * numberings of one grouping), pruned when the units left cannot fill the sessions left. */
static void exhaustive(search *X, int u, int used, int left) {
	X->nodes++;
	if (u == X->nu) {
		if (used == X->k && sizes_ok(X)) {
			double v = value(X, X->of);
			if (!X->found || v > X->best_val + 1e-12) {
				X->found = true;
				X->best_val = v;
				memcpy(X->best, X->of, (size_t)X->nu * sizeof *X->of);
			}
		}
		return;
	}
	long need = 0;
	for (int g = 0; g < used; g++)
		need += X->load[g] < X->lo ? X->lo - X->load[g] : 0;
	need += (long)(X->k - used) * X->lo;
	if (need > left || X->k - used > X->nu - u)
		return;
	for (int g = 0; g <= used && g < X->k; g++) {
		if (!may_join(X, X->of, u, g))
			continue;
		X->of[u] = g;
		X->load[g] += X->size[u];
		exhaustive(X, u + 1, g == used ? used + 1 : used, left - X->size[u]);
		X->load[g] -= X->size[u];
		X->of[u] = -1;
	}
}

/* Constructive start in a random order, then moves and swaps while they improve; sessions
 * under their minimum are filled first. Returns whether the result keeps every rule. */
static bool local_round(search *X, gsl_rng *r) {
	int *order = X->best; /* scratch until the end of the round */
	for (int i = 0; i < X->nu; i++)
		order[i] = i;
	for (int i = X->nu - 1; i > 0; i--) {
		int j = (int)gsl_rng_uniform_int(r, (unsigned long)i + 1), t = order[i];
		order[i] = order[j];
		order[j] = t;
	}
	memset(X->load, 0, (size_t)X->k * sizeof *X->load);
	for (int i = 0; i < X->nu; i++)
		X->of[i] = -1;
	/* seed each session with one unit, then each unit where it gains most */
	for (int i = 0; i < X->nu; i++) {
		int u = order[i], pick = -1;
		double gain = -INFINITY;
		for (int g = 0; g < X->k; g++) {
			if (!may_join(X, X->of, u, g))
				continue;
			double v = 0;
			for (int b = 0; b < X->nu; b++)
				v += X->of[b] == g ? X->usim[u * X->nu + b] : 0;
			if (X->load[g] == 0)
				v += 1e6; /* an empty session first: every session needs members */
			else if (X->load[g] < X->lo)
				v += 1e3;
			if (v > gain) {
				gain = v;
				pick = g;
			}
		}
		if (pick < 0)
			return false;
		X->of[u] = pick;
		X->load[pick] += X->size[u];
	}
	for (bool better = true; better;) {
		better = false;
		for (int u = 0; u < X->nu; u++) {
			int g0 = X->of[u];
			for (int g = 0; g < X->k; g++) {
				if (g == g0 || X->load[g0] - X->size[u] < X->lo || !may_join(X, X->of, u, g))
					continue;
				double d = 0;
				for (int b = 0; b < X->nu; b++)
					if (b != u)
						d += (X->of[b] == g) * X->usim[u * X->nu + b] - (X->of[b] == g0) * X->usim[u * X->nu + b];
				bool fills = X->load[g] < X->lo;
				if (d > 1e-12 || (fills && X->load[g0] - X->size[u] >= X->lo && d > -1e-12)) {
					X->of[u] = g;
					X->load[g0] -= X->size[u];
					X->load[g] += X->size[u];
					g0 = g;
					better = true;
				}
			}
			for (int v = u + 1; v < X->nu; v++) {
				int a = X->of[u], b = X->of[v];
				if (a == b)
					continue;
				double before = value(X, X->of);
				X->of[u] = b;
				X->of[v] = a;
				X->load[a] += X->size[v] - X->size[u];
				X->load[b] += X->size[u] - X->size[v];
				bool ok = X->load[a] <= X->hi && X->load[b] <= X->hi && X->load[a] >= X->lo && X->load[b] >= X->lo;
				for (int c = 0; ok && c < X->nu; c++)
					ok = !((X->of[c] == b && c != u && X->apart[u * X->nu + c]) ||
					       (X->of[c] == a && c != v && X->apart[v * X->nu + c]));
				if (ok && value(X, X->of) > before + 1e-12) {
					better = true;
				} else {
					X->of[u] = a;
					X->of[v] = b;
					X->load[a] -= X->size[v] - X->size[u];
					X->load[b] -= X->size[u] - X->size[v];
				}
			}
		}
	}
	for (int g = 0; g < X->k; g++)
		if (X->load[g] < X->lo)
			return false;
	return true;
}

/* ---- shared topics and titles ---- */

typedef struct {
	json_t *mine;   /* word -> true: the current member's words */
	bool oom;
} word_set;

static void note_word(const char *w, void *arg) {
	word_set *W = arg;
	if (!W->oom && json_object_set_new_nocheck(W->mine, w, json_true()) != 0)
		W->oom = true;
}

typedef struct {
	const char *word;
	int count;
} word_count;

static int cmp_word_count(const void *x, const void *y) {
	const word_count *a = x, *b = y;
	return a->count != b->count ? b->count - a->count : strcmp(a->word, b->word);
}

/* The topic words (of the coalitions' topics and their sessions' tags) that at least two
 * members of joint session j share, most shared first; the title names the first three. */
static int topics_of(igs_grouping *R, int j) {
	const igs_problem *p = R->p;
	json_t *count = json_object();
	word_set W = {.mine = json_object()};
	word_count *list = NULL;
	char buf[1024] = "", title[512] = "Joint DC session";
	int rc = IGS_OK;
	if (!count || !W.mine) {
		rc = IGS_ENOMEM;
		goto cleanup;
	}
	for (int i = 0; i < R->n; i++) {
		if (R->of[i] != j)
			continue;
		json_object_clear(W.mine);
		const igs_group *G = &p->groups[R->member[i]];
		for (int k = 0; k < G->n_topics; k++)
			igs_dup_words(p->tags[G->topics[k]], note_word, &W);
		for (int s = 0; s < p->n_sessions; s++)
			for (int k = 0; k < p->sessions[s].n_groups; k++)
				if (p->sessions[s].groups[k] == R->member[i])
					for (int t = 0; t < p->sessions[s].n_tags; t++)
						igs_dup_words(p->tags[p->sessions[s].tags[t]], note_word, &W);
		const char *w;
		json_t *v;
		json_object_foreach(W.mine, w, v) {
			json_int_t c = json_integer_value(json_object_get(count, w));
			if (json_object_set_new_nocheck(count, w, json_integer(c + 1)) != 0)
				W.oom = true;
		}
		if (W.oom) {
			rc = IGS_ENOMEM;
			goto cleanup;
		}
	}
	size_t n = json_object_size(count), m = 0;
	if (!(list = malloc((n ? n : 1) * sizeof *list))) {
		rc = IGS_ENOMEM;
		goto cleanup;
	}
	const char *w;
	json_t *v;
	json_object_foreach(count, w, v) if (json_integer_value(v) >= 2) list[m++] = (word_count){w, (int)json_integer_value(v)};
	qsort(list, m, sizeof *list, cmp_word_count);
	size_t used = 0, tused = strlen(title);
	for (size_t t = 0; t < m; t++) {
		if (used + strlen(list[t].word) + 3 < sizeof buf)
			used += (size_t)snprintf(buf + used, sizeof buf - used, "%s%s", used ? "; " : "", list[t].word);
		if (t < 3 && tused + strlen(list[t].word) + 4 < sizeof title)
			tused += (size_t)snprintf(title + tused, sizeof title - tused, "%s%s", t ? ", " : ": ", list[t].word);
	}
	if (!m)
		/* nothing two members share: name them */
		for (int i = 0; i < R->n; i++)
			if (R->of[i] == j && tused + strlen(p->groups[R->member[i]].id) + 4 < sizeof title)
				tused += (size_t)snprintf(title + tused, sizeof title - tused, "%s%s",
							  strchr(title, ':') ? ", " : ": ", p->groups[R->member[i]].id);
	if (!(R->topics[j] = strdup(buf)) || !(R->title[j] = strdup(title)))
		rc = IGS_ENOMEM;
cleanup:
	free(list);
	json_decref(count);
	json_decref(W.mine);
	return rc;
}

/* ---- the API ---- */

void igs_grouping_free(igs_grouping *R) {
	if (!R)
		return;
	for (int j = 0; j < R->k; j++) {
		if (R->topics)
			free(R->topics[j]);
		if (R->title)
			free(R->title[j]);
	}
	free(R->topics);
	free(R->title);
	free(R->member);
	free(R->of);
	free(R->why);
	free(R->sim);
	free(R);
}

int igs_group_find(igs_grouping **out, const igs_problem *p, const igs_group_options *o, igs_diag *d) {
	int rc = IGS_OK, n = 0;
	igs_grouping *R = calloc(1, sizeof *R);
	wishes W = {0};
	search X = {0};
	gsl_rng *rng = NULL;
	*out = NULL;
	const char *kind = o->kind ? o->kind : "dc";
	for (int g = 0; g < p->n_groups; g++)
		n += p->groups[g].kind && strcmp(p->groups[g].kind, kind) == 0;
	if (!R) {
		rc = IGS_ENOMEM;
		goto cleanup;
	}
	R->p = p;
	R->n = n;
	R->k = o->k;
	R->member = calloc((size_t)n + 1, sizeof *R->member);
	R->of = calloc((size_t)n + 1, sizeof *R->of);
	R->why = calloc((size_t)n + 1, sizeof *R->why);
	R->sim = calloc((size_t)n * (size_t)n + 1, sizeof *R->sim);
	R->topics = calloc((size_t)(o->k > 0 ? o->k : 1), sizeof *R->topics);
	R->title = calloc((size_t)(o->k > 0 ? o->k : 1), sizeof *R->title);
	W.unit = malloc(((size_t)n + 1) * sizeof *W.unit);
	if (!R->member || !R->of || !R->why || !R->sim || !R->topics || !R->title || !W.unit) {
		rc = IGS_ENOMEM;
		goto cleanup;
	}
	for (int g = 0, i = 0; g < p->n_groups; g++)
		if (p->groups[g].kind && strcmp(p->groups[g].kind, kind) == 0)
			R->member[i++] = g;
	for (int i = 0; i < n; i++)
		W.unit[i] = i;
	if (n == 0) {
		igs_diag_add(d, p->source, "groups", "no group has kind '%s'; nothing to group", kind);
		rc = IGS_EINPUT;
		goto cleanup;
	}
	if (o->wishes && (rc = read_wishes(R, o->wishes, &W, d)) != IGS_OK)
		goto cleanup;
	if ((rc = similarity(R)) != IGS_OK)
		goto cleanup;

	/* Units: coalitions joined by "with", among those taking part. */
	int *unit_of = malloc(((size_t)n + 1) * sizeof *unit_of), nu = 0, total = 0;
	if (!unit_of) {
		rc = IGS_ENOMEM;
		goto cleanup;
	}
	for (int i = 0; i < n; i++)
		unit_of[i] = -1;
	for (int i = 0; i < n; i++) {
		if (R->why[i])
			continue;
		int root = find_root(W.unit, i);
		if (unit_of[root] < 0)
			unit_of[root] = nu++;
		unit_of[i] = unit_of[root];
		total++;
	}
	/* A "with" partner that was left out takes its partners out too: say so. */
	for (int i = 0; i < n; i++)
		if (R->why[i])
			for (int j = 0; j < n; j++)
				if (!R->why[j] && find_root(W.unit, j) == find_root(W.unit, i)) {
					igs_diag_add(d, o->wishes, "with", "'%s' is wished with '%s', which has no joint session; drop one wish",
						     p->groups[R->member[j]].id, p->groups[R->member[i]].id);
					rc = IGS_EINPUT;
				}
	X.nu = nu;
	X.k = o->k;
	X.lo = o->min_size;
	X.hi = o->max_size;
	X.size = calloc((size_t)nu + 1, sizeof *X.size);
	X.usim = calloc((size_t)nu * (size_t)nu + 1, sizeof *X.usim);
	X.apart = calloc((size_t)nu * (size_t)nu + 1, 1);
	X.of = malloc(((size_t)nu + 1) * sizeof *X.of);
	X.best = malloc(((size_t)nu + 1) * sizeof *X.best);
	X.load = calloc((size_t)(o->k > 0 ? o->k : 1), sizeof *X.load);
	if (!X.size || !X.usim || !X.apart || !X.of || !X.best || !X.load) {
		free(unit_of);
		rc = IGS_ENOMEM;
		goto cleanup;
	}
	for (int i = 0; i < n; i++) {
		if (unit_of[i] < 0)
			continue;
		X.size[unit_of[i]]++;
		for (int j = i + 1; j < n; j++)
			if (unit_of[j] >= 0) {
				int a = unit_of[i], b = unit_of[j];
				X.usim[a * nu + b] += R->sim[i * n + j];
				if (a != b)
					X.usim[b * nu + a] += R->sim[i * n + j];
			}
	}
	for (int w = 0; w < W.n_not; w++) {
		int a = unit_of[W.not_a[w]], b = unit_of[W.not_b[w]];
		if (a < 0 || b < 0)
			continue;
		if (a == b) {
			igs_diag_add(d, o->wishes, "not_with", "'%s' and '%s' are wished apart but joined by \"with\" wishes",
				     p->groups[R->member[W.not_a[w]]].id, p->groups[R->member[W.not_b[w]]].id);
			rc = IGS_EINPUT;
		}
		X.apart[a * nu + b] = X.apart[b * nu + a] = 1;
	}
	for (int u = 0; u < nu; u++)
		if (X.size[u] > X.hi) {
			igs_diag_add(d, o->wishes ? o->wishes : p->source, "with",
				     "%d coalitions are joined by \"with\" wishes, more than --max-size %d", X.size[u], X.hi);
			rc = IGS_EINPUT;
		}
	if (o->k < 1 || o->k > total || (long)o->k * o->min_size > total || (long)o->k * o->max_size < total) {
		igs_diag_add(d, p->source, "groups",
			     "%d coalitions cannot form %d joint sessions of %d to %d: that needs between %ld and %ld",
			     total, o->k, o->min_size, o->max_size, (long)o->k * o->min_size, (long)o->k * o->max_size);
		rc = IGS_EINPUT;
	}
	if (rc != IGS_OK) {
		free(unit_of);
		goto cleanup;
	}

	for (int u = 0; u < nu; u++)
		X.of[u] = -1;
	if (nu <= (o->exhaustive_max == 0 ? EXHAUSTIVE_MAX : o->exhaustive_max)) {
		exhaustive(&X, 0, 0, total);
		R->proven = X.found;
	} else {
		int *keep = malloc(((size_t)nu + 1) * sizeof *keep);
		if (!keep || !(rng = gsl_rng_alloc(gsl_rng_mt19937))) {
			free(keep);
			free(unit_of);
			rc = IGS_ENOMEM;
			goto cleanup;
		}
		gsl_rng_set(rng, (unsigned long)o->seed);
		for (int round = 0; round < RESTARTS; round++) {
			if (!local_round(&X, rng))
				continue;
			double v = value(&X, X.of);
			if (!X.found || v > X.best_val + 1e-12) {
				X.found = true;
				X.best_val = v;
				memcpy(keep, X.of, (size_t)nu * sizeof *keep);
			}
		}
		memcpy(X.best, keep, (size_t)nu * sizeof *keep);
		free(keep);
	}
	if (!X.found) {
		igs_diag_add(d, o->wishes ? o->wishes : p->source, "",
			     "no grouping keeps every size bound and not_with wish; loosen --min-size/--max-size or a wish");
		free(unit_of);
		rc = IGS_EINFEASIBLE;
		goto cleanup;
	}
	R->objective = X.best_val;
	/* number the sessions by their first coalition in file order */
	int *renum = malloc((size_t)o->k * sizeof *renum), next = 0;
	if (!renum) {
		free(unit_of);
		rc = IGS_ENOMEM;
		goto cleanup;
	}
	for (int j = 0; j < o->k; j++)
		renum[j] = -1;
	for (int i = 0; i < n; i++) {
		if (unit_of[i] < 0) {
			R->of[i] = -1;
			continue;
		}
		int j = X.best[unit_of[i]];
		if (renum[j] < 0)
			renum[j] = next++;
		R->of[i] = renum[j];
	}
	free(renum);
	free(unit_of);
	for (int j = 0; j < o->k && rc == IGS_OK; j++)
		rc = topics_of(R, j);
	if (rc != IGS_OK)
		goto cleanup;
	*out = R;
	R = NULL;
cleanup:
	if (rc == IGS_ENOMEM)
		igs_diag_add(d, p->source, "", "out of memory while grouping");
	gsl_rng_free(rng);
	free(X.size);
	free(X.usim);
	free(X.apart);
	free(X.of);
	free(X.best);
	free(X.load);
	free(W.unit);
	free(W.not_a);
	free(W.not_b);
	igs_grouping_free(R);
	return rc;
}

int igs_grouping_print(const igs_grouping *R, FILE *out) {
	const igs_problem *p = R->p;
	fprintf(out, "%d joint sessions of %d coalitions; within-session topic similarity %.4f%s\n", R->k, R->n,
		R->objective, R->proven ? " (proven optimal)" : " (best found)");
	for (int j = 0; j < R->k; j++) {
		fprintf(out, "\n%d. %s\n   coalitions:", j + 1, R->title[j]);
		for (int i = 0; i < R->n; i++)
			if (R->of[i] == j)
				fprintf(out, " %s", p->groups[R->member[i]].id);
		fprintf(out, "\n   shared topics: %s\n", R->topics[j][0] ? R->topics[j] : "(none two members share)");
	}
	bool any = false;
	for (int i = 0; i < R->n; i++)
		if (R->of[i] < 0) {
			if (!any)
				fputs("\nleft out:\n", out);
			any = true;
			fprintf(out, "   %s: %s\n", p->groups[R->member[i]].id, R->why[i] ? R->why[i] : "left out");
		}
	return ferror(out) ? IGS_EIO : IGS_OK;
}

int igs_grouping_write_json(const igs_grouping *R, FILE *out) {
	const igs_problem *p = R->p;
	json_t *root = json_pack("{s:i, s:f, s:b, s:[], s:[]}", "k", R->k, "objective", R->objective, "proven", R->proven,
				 "sessions", "left_out");
	if (!root)
		return IGS_ENOMEM;
	bool bad = false;
	json_t *sessions = json_object_get(root, "sessions"), *left = json_object_get(root, "left_out");
	for (int j = 0; j < R->k && !bad; j++) {
		json_t *m = json_array();
		for (int i = 0; m && i < R->n; i++)
			if (R->of[i] == j)
				bad = bad || json_array_append_new(m, json_string(p->groups[R->member[i]].id)) != 0;
		bad = bad || !m ||
		      json_array_append_new(sessions, json_pack("{s:s, s:s, s:o}", "title", R->title[j], "shared_topics",
								R->topics[j], "coalitions", m)) != 0;
	}
	for (int i = 0; i < R->n && !bad; i++)
		if (R->of[i] < 0)
			bad = json_array_append_new(left, json_pack("{s:s, s:s}", "coalition", p->groups[R->member[i]].id,
								    "reason", R->why[i] ? R->why[i] : "left out")) != 0;
	int rc = bad ? IGS_ENOMEM : IGS_OK;
	if (!bad && (json_dumpf(root, out, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(10)) != 0 ||
		     fputc('\n', out) == EOF))
		rc = IGS_EIO;
	json_decref(root);
	return rc;
}
