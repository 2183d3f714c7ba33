/* The evaluation report as text and as JSON. */
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "io/report_print.h"

typedef struct {
	char s[32];
} hhmm_txt;

static hhmm_txt hhmm(int minute) {
	hhmm_txt o;
	snprintf(o.s, sizeof o.s, "%02d:%02d", minute / 60, minute % 60);
	return o;
}

void igs_report_print(const igs_report *r, const igs_problem *p, FILE *out) {
	fprintf(out, "hard violations: %d\n", r->n_violations);
	for (int i = 0; i < r->n_violations; i++) {
		const igs_violation *v = &r->violations[i];
		if (i == 0 || r->violations[i - 1].kind != v->kind) {
			int n = 0;
			for (int j = i; j < r->n_violations && r->violations[j].kind == v->kind; j++)
				n++;
			fprintf(out, "%s (%d):\n", igs_violation_name(v->kind), n);
		}
		fprintf(out, "  %s\n", v->text);
	}

	fprintf(out, "\nsoft terms (lower is better)\n");
	fprintf(out, "  %-18s %12s %10s %12s\n", "term", "count", "weight", "cost");
#define IGS_ROW(f, n, d, m, h) fprintf(out, "  %-18s %12.6g %10g %12.3f\n", n, r->f.count, p->weights.f, r->f.cost);
	IGS_WEIGHTS(IGS_ROW)
#undef IGS_ROW
	fprintf(out, "  %-18s %12s %10s %12.3f\n", "total", "", "", r->total);

	fprintf(out, "\nscheduled: %d, unscheduled: %d\n", r->n_scheduled, r->n_unscheduled);
	fprintf(out, "clash pairs (overlapping sessions sharing a theme or tag): %d\n", r->clash_pairs);
	if (r->n_themes == 0)
		return;
	int width = 5;
	for (int th = 0; th < r->n_themes; th++)
		if ((int)strlen(p->themes[th].id) > width)
			width = (int)strlen(p->themes[th].id);
	fprintf(out, "attendable share per theme (most non-overlapping sessions / scheduled sessions):\n");
	for (int th = 0; th < r->n_themes; th++) {
		if (isnan(r->theme_share[th]))
			fprintf(out, "  %-*s      -  (none scheduled)\n", width, p->themes[th].id);
		else
			fprintf(out, "  %-*s %6.1f%%\n", width, p->themes[th].id, 100.0 * r->theme_share[th]);
	}
	if (r->worst_theme >= 0)
		fprintf(out, "worst: %s %.1f%%; mean %.1f%%\n", p->themes[r->worst_theme].id, 100.0 * r->worst_share,
			100.0 * r->mean_share);
	else
		fprintf(out, "worst: none (no theme has a scheduled session)\n");
}

/* A number rounded to 6 decimals; whole values become integers so counts read as counts,
 * and a non-finite value becomes null. */
static json_t *jnum(double x) {
	if (!isfinite(x))
		return json_null();
	double y = round(x * 1e6) / 1e6;
	if (y == 0)
		y = 0; /* no "-0" */
	if (fabs(y) < 9e15 && y == floor(y))
		return json_integer((json_int_t)y);
	return json_real(y);
}

/* Jansson steals v even when the set fails, so a NULL container or value only marks the
 * build as failed and nothing leaks. */
static void put(json_t *o, const char *key, json_t *v, bool *bad) {
	if (!v || !o || json_object_set_new(o, key, v) != 0)
		*bad = true;
	if (!o)
		json_decref(v);
}

static void push(json_t *a, json_t *v, bool *bad) {
	if (!v || !a || json_array_append_new(a, v) != 0)
		*bad = true;
	if (!a)
		json_decref(v);
}

static json_t *violation_json(const igs_violation *v, const igs_problem *p, bool *bad) {
	json_t *o = json_object(), *ss = json_array();
	put(o, "kind", json_string(igs_violation_name(v->kind)), bad);
	if (v->a >= 0 && v->a < p->n_sessions)
		push(ss, json_string(p->sessions[v->a].id), bad);
	if (v->b >= 0 && v->b < p->n_sessions)
		push(ss, json_string(p->sessions[v->b].id), bad);
	put(o, "sessions", ss, bad);
	if (v->room >= 0 && v->room < p->n_rooms)
		put(o, "room", json_string(p->rooms[v->room].id), bad);
	if (v->person >= 0 && v->person < p->n_people)
		put(o, "person", json_string(p->people[v->person].id), bad);
	if (v->group >= 0 && v->group < p->n_groups)
		put(o, "group", json_string(p->groups[v->group].id), bad);
	if (v->time >= 0 && v->time < p->n_times) {
		put(o, "day", json_string(p->days[p->times[v->time].day].date), bad);
		put(o, "start", json_string(hhmm(p->times[v->time].start).s), bad);
	}
	put(o, "text", json_string(v->text), bad);
	return o;
}

json_t *igs_report_to_json(const igs_report *r, const igs_problem *p) {
	bool bad = false;
	json_t *root = json_object();
	put(root, "hard_violations", json_integer(r->n_violations), &bad);
	json_t *vs = json_array();
	for (int i = 0; i < r->n_violations; i++)
		push(vs, violation_json(&r->violations[i], p, &bad), &bad);
	put(root, "violations", vs, &bad);

	json_t *soft = json_object();
#define IGS_J_TERM(f, n, d, m, h)                                                                     \
	{                                                                                          \
		json_t *t = json_object();                                                         \
		put(t, "count", jnum(r->f.count), &bad);                                           \
		put(t, "weight", jnum(p->weights.f), &bad);                                        \
		put(t, "cost", jnum(r->f.cost), &bad);                                             \
		put(soft, n, t, &bad);                                                             \
	}
	IGS_WEIGHTS(IGS_J_TERM)
#undef IGS_J_TERM
	put(root, "soft", soft, &bad);
	put(root, "total", jnum(r->total), &bad);
	put(root, "scheduled", json_integer(r->n_scheduled), &bad);
	put(root, "unscheduled", json_integer(r->n_unscheduled), &bad);
	put(root, "clash_pairs", json_integer(r->clash_pairs), &bad);

	json_t *shares = json_object();
	for (int th = 0; th < r->n_themes; th++)
		put(shares, p->themes[th].id, jnum(r->theme_share[th]), &bad);
	put(root, "theme_share", shares, &bad);
	json_t *worst = json_object();
	put(worst, "theme", r->worst_theme >= 0 ? json_string(p->themes[r->worst_theme].id) : json_null(), &bad);
	put(worst, "share", jnum(r->worst_share), &bad);
	put(root, "worst_theme_share", worst, &bad);
	put(root, "mean_theme_share", jnum(r->mean_share), &bad);
	if (bad) {
		json_decref(root);
		root = NULL;
	}
	return root;
}

int igs_report_write_json(const igs_report *r, const igs_problem *p, FILE *out) {
	int rc = IGS_OK;
	json_t *root = igs_report_to_json(r, p);
	if (!root) {
		rc = IGS_ENOMEM;
		goto cleanup;
	}
	if (json_dumpf(root, out, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(15)) != 0 ||
	    fputc('\n', out) == EOF || fflush(out) != 0)
		rc = IGS_EIO;
cleanup:
	json_decref(root);
	return rc;
}
