/* Near-duplicate proposals: ranking and clusters (their merge is io/merge.c); and the measures
 * of igfsched compare. */
#include <jansson.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "model/array.h"
#include "solver/duplicates.h"
#include "solver/evaluate.h"

/* ---- ranking and clusters ---- */


/* qsort has no context argument: the ids a comparison needs travel with the items. */
typedef struct {
	igs_dup_pair pair;
	const char *ida, *idb;
} sort_pair;

static int cmp_pair(const void *va, const void *vb) {
	const sort_pair *a = va, *b = vb;
	long long ka = igs_dup_score_key(a->pair.parts.score), kb = igs_dup_score_key(b->pair.parts.score);
	if (ka != kb)
		return ka > kb ? -1 : 1;
	int c = strcmp(a->ida, b->ida);
	return c ? c : strcmp(a->idb, b->idb);
}

typedef struct {
	const char *id;
	int session;
} sort_member;

static int cmp_member(const void *va, const void *vb) {
	return strcmp(((const sort_member *)va)->id, ((const sort_member *)vb)->id);
}

typedef struct {
	int root;
	double best;
	const char *first; /* the id that sorts first among the members */
} sort_cluster;

static int cmp_cluster(const void *va, const void *vb) {
	const sort_cluster *a = va, *b = vb;
	long long ka = igs_dup_score_key(a->best), kb = igs_dup_score_key(b->best);
	if (ka != kb)
		return ka > kb ? -1 : 1;
	return strcmp(a->first, b->first);
}

static int uf_find(int *parent, int i) {
	while (parent[i] != i) {
		parent[i] = parent[parent[i]]; /* path halving */
		i = parent[i];
	}
	return i;
}

/* Connected components of the pairs (union-find), each with two or more sessions. */
static int build_clusters(igs_dups *x) {
	const igs_problem *p = x->p;
	int n = p->n_sessions, rc = IGS_OK;
	size_t cap = (size_t)(n ? n : 1);
	int *parent = malloc(cap * sizeof *parent);
	int *size = calloc(cap, sizeof *size);
	int *slot = malloc(cap * sizeof *slot);
	sort_cluster *keys = malloc(cap * sizeof *keys);
	sort_member *members = malloc(cap * sizeof *members);
	if (!parent || !size || !slot || !keys || !members) {
		rc = IGS_ENOMEM;
		goto cleanup;
	}
	for (int i = 0; i < n; i++)
		parent[i] = i;
	for (int k = 0; k < x->n_pairs; k++) {
		int ra = uf_find(parent, x->pairs[k].a), rb = uf_find(parent, x->pairs[k].b);
		if (ra != rb)
			parent[ra > rb ? ra : rb] = ra < rb ? ra : rb;
	}
	for (int i = 0; i < n; i++)
		size[uf_find(parent, i)]++;
	int nc = 0;
	for (int i = 0; i < n; i++) {
		slot[i] = -1;
		if (parent[i] == i && size[i] >= 2) {
			slot[i] = nc;
			keys[nc++] = (sort_cluster){i, 0.0, NULL};
		}
	}
	/* Walked worst to best, so each cluster ends with its best pair's score. */
	for (int k = x->n_pairs - 1; k >= 0; k--)
		keys[slot[uf_find(parent, x->pairs[k].a)]].best = x->pairs[k].parts.score;
	for (int i = 0; i < n; i++) {
		int c = slot[uf_find(parent, i)];
		if (c >= 0 && (!keys[c].first || strcmp(p->sessions[i].id, keys[c].first) < 0))
			keys[c].first = p->sessions[i].id;
	}
	qsort(keys, (size_t)nc, sizeof *keys, cmp_cluster);
	x->cstart = malloc((size_t)(nc + 1) * sizeof *x->cstart);
	x->cmember = malloc(cap * sizeof *x->cmember);
	x->cbest = malloc((size_t)(nc ? nc : 1) * sizeof *x->cbest);
	if (!x->cstart || !x->cmember || !x->cbest) {
		rc = IGS_ENOMEM;
		goto cleanup;
	}
	int at = 0;
	for (int c = 0; c < nc; c++) {
		slot[keys[c].root] = c;
		x->cstart[c] = at;
		x->cbest[c] = keys[c].best;
		at += size[keys[c].root];
		size[keys[c].root] = 0; /* from here on, the count filled so far */
	}
	x->cstart[nc] = at;
	for (int i = 0; i < n; i++) {
		int r = uf_find(parent, i), c = slot[r];
		if (c >= 0)
			members[x->cstart[c] + size[r]++] = (sort_member){p->sessions[i].id, i};
	}
	for (int c = 0; c < nc; c++)
		qsort(members + x->cstart[c], (size_t)(x->cstart[c + 1] - x->cstart[c]), sizeof *members, cmp_member);
	for (int i = 0; i < at; i++)
		x->cmember[i] = members[i].session;
	x->n_clusters = nc;
cleanup:
	free(parent);
	free(size);
	free(slot);
	free(keys);
	free(members);
	return rc;
}

typedef struct {
	const igs_problem *p;
	sort_pair *v;
	size_t n, cap;
} found_list;

static int keep_pair(void *arg, int a, int b, const igs_dup_parts *parts) {
	found_list *fl = arg;
	if (!igs_reserve_one((void **)&fl->v, &fl->cap, fl->n, sizeof *fl->v))
		return IGS_ENOMEM;
	const igs_problem *p = fl->p;
	bool swap = strcmp(p->sessions[a].id, p->sessions[b].id) > 0;
	int lo = swap ? b : a, hi = swap ? a : b;
	fl->v[fl->n++] = (sort_pair){{lo, hi, *parts}, p->sessions[lo].id, p->sessions[hi].id};
	return IGS_OK;
}

int igs_duplicates_find(igs_dups **out, const igs_problem *p, double threshold, igs_diag *d) {
	int rc = IGS_OK;
	igs_dup_index *ix = NULL;
	igs_dups *x = NULL;
	sort_pair *found = NULL;
	size_t n_found = 0;
	found_list fl = {.p = p};
	*out = NULL;
	if (!(threshold > 0 && threshold <= 1)) {
		igs_diag_add(d, "", "", "similarity threshold %g: give a number above 0 and at most 1", threshold);
		return IGS_EUSAGE;
	}
	if (!(x = calloc(1, sizeof *x)) || igs_dup_index_build(&ix, p) != IGS_OK) {
		rc = IGS_ENOMEM;
		goto cleanup;
	}
	x->p = p;
	x->threshold = threshold;
	rc = igs_dup_pairs(ix, threshold, keep_pair, &fl);
	found = fl.v;
	n_found = fl.n;
	if (rc != IGS_OK)
		goto cleanup;
	if (n_found > 1)
		qsort(found, n_found, sizeof *found, cmp_pair);
	if (!(x->pairs = malloc((n_found ? n_found : 1) * sizeof *x->pairs))) {
		rc = IGS_ENOMEM;
		goto cleanup;
	}
	for (size_t k = 0; k < n_found; k++)
		x->pairs[k] = found[k].pair;
	x->n_pairs = (int)n_found;
	if ((rc = build_clusters(x)) != IGS_OK)
		goto cleanup;
	*out = x;
	x = NULL;
cleanup:
	if (rc == IGS_ENOMEM)
		igs_diag_add(d, p->source, "", "out of memory while comparing sessions");
	free(found);
	igs_dups_free(x);
	igs_dup_index_free(ix);
	return rc;
}

void igs_dups_free(igs_dups *x) {
	if (!x)
		return;
	free(x->pairs);
	free(x->cstart);
	free(x->cmember);
	free(x->cbest);
	free(x);
}

int igs_dups_pair_count(const igs_dups *x) {
	return x ? x->n_pairs : 0;
}

int igs_dups_cluster_count(const igs_dups *x) {
	return x ? x->n_clusters : 0;
}

/* ---- output of duplicates ---- */

static void put_part(FILE *out, double v) {
	if (isnan(v))
		fprintf(out, " %6s", "-");
	else
		fprintf(out, " %6.3f", v);
}

int igs_dups_print(const igs_dups *x, int top, FILE *out) {
	const igs_problem *p = x->p;
	int np = top > 0 && top < x->n_pairs ? top : x->n_pairs;
	int nc = top > 0 && top < x->n_clusters ? top : x->n_clusters;
	fprintf(out, "%s: %d sessions; %d pair%s with similarity >= %.2f, in %d cluster%s\n", p->source, p->n_sessions,
		x->n_pairs, x->n_pairs == 1 ? "" : "s", x->threshold, x->n_clusters, x->n_clusters == 1 ? "" : "s");
	fprintf(out, "similarity = %.1f text (TF-IDF cosine of title and description) + %.1f themes (Jaccard) + "
		     "%.1f tags (Jaccard); '-' = neither session has any\n",
		IGS_DUP_W_TEXT, IGS_DUP_W_THEMES, IGS_DUP_W_TAGS);
	if (x->n_pairs == 0)
		return ferror(out) ? IGS_EIO : IGS_OK;
	fprintf(out, "\npairs (best first):\n");
	fprintf(out, "  %4s %6s %6s %6s %6s  %s\n", "#", "score", "text", "themes", "tags", "sessions");
	for (int k = 0; k < np; k++) {
		const igs_dup_pair *q = &x->pairs[k];
		fprintf(out, "  %4d", k + 1);
		put_part(out, q->parts.score);
		put_part(out, q->parts.text);
		put_part(out, q->parts.themes);
		put_part(out, q->parts.tags);
		fprintf(out, "  %s ~ %s\n", p->sessions[q->a].id, p->sessions[q->b].id);
		fprintf(out, "%36s%s: %s\n", "", p->sessions[q->a].id, p->sessions[q->a].title);
		fprintf(out, "%36s%s: %s\n", "", p->sessions[q->b].id, p->sessions[q->b].title);
	}
	if (np < x->n_pairs)
		fprintf(out, "  ... and %d more pairs (--top 0 lists all)\n", x->n_pairs - np);
	fprintf(out, "\nclusters (connected components of the pairs above):\n");
	for (int c = 0; c < nc; c++) {
		int m = x->cstart[c + 1] - x->cstart[c];
		fprintf(out, "  %4d  %d sessions, best pair %.3f\n", c + 1, m, x->cbest[c]);
		for (int i = x->cstart[c]; i < x->cstart[c + 1]; i++) {
			const igs_session *S = &p->sessions[x->cmember[i]];
			fprintf(out, "        %s: %s (%s, %d min)\n", S->id, S->title, S->type, S->duration);
		}
	}
	if (nc < x->n_clusters)
		fprintf(out, "  ... and %d more clusters (--top 0 lists all)\n", x->n_clusters - nc);
	return ferror(out) ? IGS_EIO : IGS_OK;
}

/* A number rounded to 6 decimals (as the report's), or null when undefined. */
static json_t *jnum(double v) {
	if (!isfinite(v))
		return json_null();
	double y = round(v * 1e6) / 1e6;
	return y == floor(y) && fabs(y) < 1e15 ? json_integer((json_int_t)y) : json_real(y);
}

/* json_object_set_new that remembers a failure, so a document is built without a check per line. */
static void put(json_t *o, const char *key, json_t *v, bool *bad) {
	if (!v || json_object_set_new(o, key, v) != 0)
		*bad = true;
}

static void append(json_t *a, json_t *v, bool *bad) {
	if (!v || json_array_append_new(a, v) != 0)
		*bad = true;
}

int igs_dups_write_json(const igs_dups *x, int top, FILE *out) {
	const igs_problem *p = x->p;
	int np = top > 0 && top < x->n_pairs ? top : x->n_pairs;
	int nc = top > 0 && top < x->n_clusters ? top : x->n_clusters;
	int rc = IGS_OK;
	bool bad = false;
	json_t *root = json_object(), *w = json_object(), *pairs = json_array(), *clusters = json_array();
	if (!root || !w || !pairs || !clusters) {
		json_decref(w);
		json_decref(pairs);
		json_decref(clusters);
		rc = IGS_ENOMEM;
		goto cleanup;
	}
	put(root, "problem", json_string(p->source), &bad);
	put(root, "sessions", json_integer(p->n_sessions), &bad);
	put(root, "threshold", jnum(x->threshold), &bad);
	put(w, "text", jnum(IGS_DUP_W_TEXT), &bad);
	put(w, "themes", jnum(IGS_DUP_W_THEMES), &bad);
	put(w, "tags", jnum(IGS_DUP_W_TAGS), &bad);
	put(root, "weights", w, &bad);
	put(root, "n_pairs", json_integer(x->n_pairs), &bad);
	put(root, "n_clusters", json_integer(x->n_clusters), &bad);
	for (int k = 0; k < np && !bad; k++) {
		const igs_dup_pair *q = &x->pairs[k];
		json_t *o = json_object();
		append(pairs, o, &bad);
		if (!o)
			break;
		put(o, "a", json_string(p->sessions[q->a].id), &bad);
		put(o, "b", json_string(p->sessions[q->b].id), &bad);
		put(o, "score", jnum(q->parts.score), &bad);
		put(o, "text", jnum(q->parts.text), &bad);
		put(o, "themes", jnum(q->parts.themes), &bad);
		put(o, "tags", jnum(q->parts.tags), &bad);
	}
	put(root, "pairs", pairs, &bad);
	for (int c = 0; c < nc && !bad; c++) {
		json_t *o = json_object(), *ids = json_array();
		append(clusters, o, &bad);
		if (!o) {
			json_decref(ids);
			break;
		}
		put(o, "sessions", ids, &bad);
		for (int i = x->cstart[c]; ids && i < x->cstart[c + 1]; i++)
			append(ids, json_string(p->sessions[x->cmember[i]].id), &bad);
		put(o, "best", jnum(x->cbest[c]), &bad);
	}
	put(root, "clusters", clusters, &bad);
	if (bad)
		rc = IGS_ENOMEM;
	else if (json_dumpf(root, out, JSON_INDENT(2) | JSON_REAL_PRECISION(15)) != 0 || fputc('\n', out) == EOF ||
		 fflush(out) != 0)
		rc = IGS_EIO;
cleanup:
	json_decref(root);
	return rc;
}

/* ---- compare ---- */

int igs_scenario_measure(igs_scenario *out, const igs_problem *p, const igs_schedule *s) {
	int rc = IGS_OK;
	igs_report *r = NULL;
	memset(out, 0, sizeof *out);
	if (igs_evaluate(&r, p, s) != IGS_OK) {
		rc = IGS_ENOMEM;
		goto cleanup;
	}
	out->scheduled = r->n_scheduled;
	out->unscheduled = r->n_unscheduled;
	long used = 0, slot_time = 0;
	for (int i = 0; i < p->n_sessions; i++)
		if (s->time[i] >= 0)
			used += p->sessions[i].duration;
	for (int d = 0; d < p->n_days; d++)
		for (int k = 0; k < p->days[d].n_slots; k++)
			slot_time += p->days[d].slots[k].to - p->days[d].slots[k].from;
	out->room_hours = used / 60.0;
	out->room_hours_available = (double)slot_time * p->n_rooms / 60.0;
	/* The near-duplicate pairs the scheduler's duplicate_clash term sees. */
	out->dup_threshold = p->dup_threshold;
	for (int a = 0; a < p->n_sessions; a++) {
		if (s->time[a] < 0)
			continue;
		long a0, a1;
		igs_session_span(p, a, s->time[a], &a0, &a1);
		for (int k = p->dup_start[a]; k < p->dup_start[a + 1]; k++) {
			int b = p->dup_other[k];
			if (b < a || s->time[b] < 0)
				continue;
			long b0, b1;
			igs_session_span(p, b, s->time[b], &b0, &b1);
			out->duplicate_pairs += igs_intervals_overlap(a0, a1, b0, b1);
		}
	}
	out->clash_pairs = r->clash_pairs;
	out->worst_share = r->worst_theme >= 0 ? r->worst_share : NAN;
	out->mean_share = r->worst_theme >= 0 ? r->mean_share : NAN;
	out->hard_violations = igs_report_hard_count(r);
	out->score = igs_report_score(r);
	out->seconds = s->stats.elapsed;
	out->gap = igs_solver_gap(&s->stats);
	snprintf(out->status, sizeof out->status, "%s", s->stats.status[0] ? s->stats.status : "-");
cleanup:
	igs_report_free(r);
	return rc;
}

/* The rows of the compare table, top to bottom. */
static const char *const row_label[] = {
	"sessions scheduled", "sessions left out", "room-hours used", "room-hours available",
	"duplicate pairs in parallel", "clash pairs", "worst theme share", "mean theme share",
	"hard violations", "score", "solve time (s)", "gap", "status",
};

static void put_cell(char *buf, size_t n, const igs_scenario *v, size_t row) {
	/* Shares and the gap are NaN when undefined (no theme placed, no bound). */
	const double shares[] = {v->worst_share, v->mean_share};
	switch (row) {
	case 0: snprintf(buf, n, "%d", v->scheduled); break;
	case 1: snprintf(buf, n, "%d", v->unscheduled); break;
	case 2: snprintf(buf, n, "%.1f", v->room_hours); break;
	case 3: snprintf(buf, n, "%.1f", v->room_hours_available); break;
	case 4: snprintf(buf, n, "%d", v->duplicate_pairs); break;
	case 5: snprintf(buf, n, "%d", v->clash_pairs); break;
	case 6:
	case 7:
		if (isnan(shares[row - 6]))
			snprintf(buf, n, "-");
		else
			snprintf(buf, n, "%.1f%%", 100.0 * shares[row - 6]);
		break;
	case 8: snprintf(buf, n, "%d", v->hard_violations); break;
	case 9: snprintf(buf, n, "%.3f", v->score); break;
	case 10: snprintf(buf, n, "%.1f", v->seconds); break;
	case 11:
		if (isnan(v->gap))
			snprintf(buf, n, "-");
		else
			snprintf(buf, n, "%.2f%%", 100.0 * v->gap);
		break;
	default: snprintf(buf, n, "%s", v->status); break;
	}
}

void igs_scenarios_print(const igs_scenario *v, const char *const *names, int n, FILE *out) {
	size_t label_w = 0;
	for (size_t r = 0; r < sizeof row_label / sizeof row_label[0]; r++)
		label_w = strlen(row_label[r]) > label_w ? strlen(row_label[r]) : label_w;
	fprintf(out, "%-*s", (int)label_w, "");
	for (int i = 0; i < n; i++)
		fprintf(out, "  %*s", strlen(names[i]) > 10 ? (int)strlen(names[i]) : 10, names[i]);
	fputc('\n', out);
	for (size_t r = 0; r < sizeof row_label / sizeof row_label[0]; r++) {
		fprintf(out, "%-*s", (int)label_w, row_label[r]);
		for (int i = 0; i < n; i++) {
			char buf[64];
			put_cell(buf, sizeof buf, &v[i], r);
			fprintf(out, "  %*s", strlen(names[i]) > 10 ? (int)strlen(names[i]) : 10, buf);
		}
		fputc('\n', out);
	}
}

int igs_scenarios_write_json(const igs_scenario *v, const char *const *names, const char *const *files, int n,
			     FILE *out) {
	bool bad = false;
	json_t *root = json_object(), *list = json_array();
	if (!root || !list) {
		json_decref(root);
		json_decref(list);
		return IGS_ENOMEM;
	}
	for (int i = 0; i < n; i++) {
		json_t *o = json_object();
		if (!o) {
			bad = true;
			break;
		}
		put(o, "name", json_string(names[i]), &bad);
		put(o, "file", json_string(files[i]), &bad);
		put(o, "status", json_string(v[i].status), &bad);
		put(o, "scheduled", json_integer(v[i].scheduled), &bad);
		put(o, "unscheduled", json_integer(v[i].unscheduled), &bad);
		put(o, "room_hours", jnum(v[i].room_hours), &bad);
		put(o, "room_hours_available", jnum(v[i].room_hours_available), &bad);
		put(o, "duplicate_threshold", jnum(v[i].dup_threshold), &bad);
		put(o, "duplicate_pairs_in_parallel", json_integer(v[i].duplicate_pairs), &bad);
		put(o, "clash_pairs", json_integer(v[i].clash_pairs), &bad);
		put(o, "worst_theme_share", jnum(v[i].worst_share), &bad);
		put(o, "mean_theme_share", jnum(v[i].mean_share), &bad);
		put(o, "hard_violations", json_integer(v[i].hard_violations), &bad);
		put(o, "score", jnum(v[i].score), &bad);
		put(o, "solve_seconds", jnum(v[i].seconds), &bad);
		put(o, "gap", jnum(v[i].gap), &bad);
		append(list, o, &bad);
	}
	put(root, "scenarios", list, &bad);
	int rc = bad ? IGS_ENOMEM : IGS_OK;
	if (!bad && (json_dumpf(root, out, JSON_INDENT(2) | JSON_REAL_PRECISION(15)) != 0 || fputc('\n', out) == EOF ||
		     fflush(out) != 0))
		rc = IGS_EIO;
	json_decref(root);
	return rc;
}
