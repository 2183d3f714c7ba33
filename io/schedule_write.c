/* Schedule output as JSON (machine), CSV (spreadsheets) and text (people), written atomically. */
#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "io/atomic.h"
#include "io/html.h"
#include "io/frab.h"
#include "io/ics.h"
#include "io/report_print.h"
#include "model/schedule.h"
#include "model/timefmt.h"

typedef struct {
	int t, r, s; /* time index, room, session */
} placement;

static int cmp_placement(const void *x, const void *y) {
	const placement *a = x, *b = y;
	if (a->t != b->t)
		return a->t < b->t ? -1 : 1;
	if (a->r != b->r)
		return a->r < b->r ? -1 : 1;
	return (a->s > b->s) - (a->s < b->s);
}

/* Scheduled sessions in output order: time indices are sorted by day then start, so this
 * is day, start, room. Returns the count, or -1 when allocation fails. */
static int sorted_placements(const igs_schedule *s, placement **out) {
	int n = 0;
	*out = malloc((s->n > 0 ? (size_t)s->n : 1) * sizeof **out);
	if (!*out)
		return -1;
	for (int i = 0; i < s->n; i++)
		if (s->time[i] >= 0)
			(*out)[n++] = (placement){s->time[i], s->room[i], i};
	qsort(*out, (size_t)n, sizeof **out, cmp_placement);
	return n;
}

static const char *reason_of(const igs_schedule *s, int i) {
	return s->reason[i] ? s->reason[i] : "not placed";
}

/* ---- JSON ---- */

/* Jansson steals v even on failure and rejects NULL, so one flag tracks every allocation. */
static void put(json_t *o, const char *key, json_t *v, bool *ok) {
	if (json_object_set_new(o, key, v) != 0)
		*ok = false;
}

static void push(json_t *a, json_t *v, bool *ok) {
	if (json_array_append_new(a, v) != 0)
		*ok = false;
}

static json_t *jstr(const char *s) {
	return json_string(s ? s : "");
}

/* JSON has no NaN or infinity; an unknown number is null. */
static json_t *jnum_or_null(double v) {
	return isfinite(v) ? json_real(v) : json_null();
}

static json_t *json_assignment(const igs_problem *p, const placement *pl, bool *ok) {
	const igs_session *S = &p->sessions[pl->s];
	const igs_day *D = &p->days[p->times[pl->t].day];
	const igs_room *R = &p->rooms[pl->r];
	int start = p->times[pl->t].start;
	char a0[6], a1[6];
	igs_format_hhmm(start, a0);
	igs_format_hhmm(start + S->duration, a1);
	json_t *o = json_object(), *themes = json_array();
	if (!o || !themes) {
		json_decref(o);
		json_decref(themes);
		*ok = false;
		return NULL;
	}
	put(o, "session", jstr(S->id), ok);
	put(o, "title", jstr(S->title), ok);
	put(o, "type", jstr(S->type), ok);
	put(o, "day", jstr(D->date), ok);
	put(o, "day_label", jstr(D->label), ok);
	put(o, "start", jstr(a0), ok);
	put(o, "end", jstr(a1), ok);
	put(o, "room", jstr(R->id), ok);
	put(o, "room_name", jstr(R->name), ok);
	for (int k = 0; k < S->n_themes; k++)
		push(themes, jstr(p->themes[S->themes[k]].id), ok);
	put(o, "themes", themes, ok);
	return o;
}

static json_t *json_unscheduled(const igs_schedule *s, int i, bool *ok) {
	const igs_session *S = &s->problem->sessions[i];
	json_t *o = json_object();
	if (!o) {
		*ok = false;
		return NULL;
	}
	put(o, "session", jstr(S->id), ok);
	put(o, "title", jstr(S->title), ok);
	put(o, "type", jstr(S->type), ok);
	put(o, "optional", json_boolean(S->optional), ok);
	put(o, "priority", json_real(S->priority), ok);
	put(o, "reason", jstr(reason_of(s, i)), ok);
	return o;
}

/* The decomposition bound (solve --bound-time): its value, the per-term split and the terms it
 * leaves out, by the names of IGS_WEIGHTS; terms of weight 0 cost nothing and are not listed. */
static json_t *json_decomposition(const igs_bound_split *b, const igs_weights *w, bool *ok) {
	static const char *const names[] = {
#define IGS_W_NAME_(f, n, d, m, h) n,
		IGS_WEIGHTS(IGS_W_NAME_)
#undef IGS_W_NAME_
	};
	const double weight[] = {
#define IGS_W_VALUE_(f, n, d, m, h) w->f,
		IGS_WEIGHTS(IGS_W_VALUE_)
#undef IGS_W_VALUE_
	};
	json_t *o = json_object(), *terms = json_object(), *left = json_array();
	if (!o || !terms || !left) {
		json_decref(o);
		json_decref(terms);
		json_decref(left);
		*ok = false;
		return NULL;
	}
	put(o, "bound", jnum_or_null(b->value), ok);
	put(o, "seconds", json_real(round(b->seconds * 1000.0) / 1000.0), ok);
	put(o, "complete", json_boolean(b->complete), ok);
	put(o, "parts", json_integer(b->parts), ok);
	for (int k = 0; k < IGS_N_TERMS; k++) {
		if (weight[k] <= 0)
			continue;
		if (isnan(b->term[k]))
			push(left, jstr(names[k]), ok);
		else
			put(terms, names[k], jnum_or_null(b->term[k]), ok);
	}
	put(o, "terms", terms, ok);
	put(o, "left_out", left, ok);
	return o;
}

static json_t *json_solver(const igs_solver_stats *st, const igs_weights *w, bool *ok) {
	json_t *o = json_object();
	if (!o) {
		*ok = false;
		return NULL;
	}
	double gap = igs_solver_gap(st);
	put(o, "name", jstr(st->solver), ok);
	put(o, "status", jstr(st->status), ok);
	put(o, "seed", json_integer(st->seed), ok);
	/* Milliseconds are all a wall-clock time is good for; more digits are noise. */
	put(o, "elapsed_s", json_real(round(st->elapsed * 1000.0) / 1000.0), ok);
	put(o, "effort", json_integer(st->effort), ok);
	/* A schedule read from a file ran no search: neither is known. */
	if (st->mode[0])
		put(o, "mode", jstr(st->mode), ok);
	if (st->threads > 0)
		put(o, "threads", json_integer(st->threads), ok);
	put(o, "objective", jnum_or_null(st->objective), ok);
	put(o, "bound", jnum_or_null(st->bound), ok);
	put(o, "model_objective", jnum_or_null(st->model_objective), ok);
	put(o, "gap", jnum_or_null(gap), ok);
	/* Only where the matheuristic ran: the schedules of other runs read as before. */
	if (st->submips > 0) {
		json_t *m = json_object();
		if (!m) {
			*ok = false;
			return o;
		}
		put(m, "ran", json_integer(st->submips), ok);
		put(m, "proven", json_integer(st->submips_proven), ok);
		put(m, "improved", json_integer(st->submips_improved), ok);
		put(o, "submips", m, ok);
	}
	if (isfinite(st->decomposition.value))
		put(o, "decomposition", json_decomposition(&st->decomposition, w, ok), ok);
	return o;
}

/* ---- changes against a reference (revisions) ---- */

/* What happened to session i against the published schedule (model/schedule.h). */
static igs_change change_of(const igs_schedule *s, int i) {
	const igs_problem *p = s->problem;
	int t = s->time[i];
	bool ref = igs_has_reference(p, i);
	return igs_change_of(ref ? p->ref_day[i] : -1, ref ? p->ref_start[i] : -1, ref ? p->ref_room[i] : -1,
			     t >= 0 ? p->times[t].day : -1, t >= 0 ? p->times[t].start : -1, s->room[i]);
}

static void where_of(const igs_problem *p, int day, int start, int room, char *buf, size_t n) {
	char hm[6];
	igs_format_hhmm(start, hm);
	snprintf(buf, n, "%s %s, %s", day >= 0 ? p->days[day].label : "(a day no longer in the programme)", hm,
		 room >= 0 ? p->rooms[room].id : "(a room no longer in the programme)");
}

static void change_ends(const igs_schedule *s, int i, char *from, char *to, size_t n) {
	const igs_problem *p = s->problem;
	snprintf(from, n, "-");
	snprintf(to, n, "left out");
	if (igs_has_reference(p, i))
		where_of(p, p->ref_day[i], p->ref_start[i], p->ref_room[i], from, n);
	if (s->time[i] >= 0)
		where_of(p, p->times[s->time[i]].day, p->times[s->time[i]].start, s->room[i], to, n);
}

static json_t *json_changes(const igs_schedule *s, bool *ok) {
	const igs_problem *p = s->problem;
	json_t *o = json_object(), *list = json_array(), *gone = json_array();
	if (!o || !list || !gone) {
		json_decref(o);
		json_decref(list);
		json_decref(gone);
		*ok = false;
		return NULL;
	}
	put(o, "reference", jstr(p->ref_source), ok);
	char from[160], to[160];
	for (int i = 0; i < s->n; i++) {
		igs_change k = change_of(s, i);
		if (k == IGS_CHANGE_NONE)
			continue;
		const igs_session *S = &p->sessions[i];
		json_t *c = json_object(), *who = json_array();
		if (!c || !who) {
			json_decref(c);
			json_decref(who);
			*ok = false;
			continue;
		}
		change_ends(s, i, from, to, sizeof from);
		put(c, "session", jstr(S->id), ok);
		put(c, "change", jstr(igs_change_name(k)), ok);
		put(c, "from", jstr(from), ok);
		put(c, "to", jstr(to), ok);
		for (int k2 = 0; k2 < S->n_people; k2++)
			push(who, jstr(p->people[S->people[k2].person].id), ok);
		put(c, "people", who, ok);
		push(list, c, ok);
	}
	put(o, "sessions", list, ok);
	for (int i = 0; i < p->n_ref_cancelled; i++)
		push(gone, jstr(p->ref_cancelled[i]), ok);
	put(o, "cancelled", gone, ok);
	return o;
}

int igs_changes_print(const igs_schedule *s, FILE *out) {
	const igs_problem *p = s->problem;
	if (!p->ref_start)
		return IGS_OK;
	int count[IGS_CHANGE_NEW + 1] = {0}, people = 0;
	for (int i = 0; i < s->n; i++) {
		igs_change k = change_of(s, i);
		count[k]++;
		if (k != IGS_CHANGE_NONE)
			people += p->sessions[i].n_people;
	}
	fprintf(out,
		"changes against %s: %d moved to another day, %d to another time, %d to another room, %d left out, "
		"%d new, %d cancelled; %d people to notify (counted once per session)\n",
		p->ref_source, count[IGS_CHANGE_DAY], count[IGS_CHANGE_TIME], count[IGS_CHANGE_ROOM], count[IGS_CHANGE_LEFT_OUT], count[IGS_CHANGE_NEW],
		p->n_ref_cancelled, people);
	char from[160], to[160];
	for (int i = 0; i < s->n; i++) {
		igs_change k = change_of(s, i);
		if (k == IGS_CHANGE_NONE)
			continue;
		const igs_session *S = &p->sessions[i];
		change_ends(s, i, from, to, sizeof from);
		fprintf(out, "  %-8s %s: %s -> %s; notify:", igs_change_name(k), S->id, from, to);
		for (int j = 0; j < S->n_people; j++)
			fprintf(out, "%s %s", j ? "," : "", p->people[S->people[j].person].id);
		fprintf(out, "%s\n", S->n_people ? "" : " (no people listed)");
	}
	for (int i = 0; i < p->n_ref_cancelled; i++)
		fprintf(out, "  %-8s %s: no longer in the problem\n", "cancelled", p->ref_cancelled[i]);
	return ferror(out) ? IGS_EIO : IGS_OK;
}

static json_t *json_schedule(const igs_schedule *s, const igs_report *r, const placement *pl, int n_pl) {
	const igs_problem *p = s->problem;
	bool ok = true;
	json_t *root = json_object(), *as = json_array(), *un = json_array();
	if (!root || !as || !un) {
		json_decref(root);
		json_decref(as);
		json_decref(un);
		return NULL;
	}
	put(root, "format", jstr("igfsched-schedule/1"), &ok);
	put(root, "problem", jstr(p->name), &ok);
	for (int k = 0; k < n_pl; k++)
		push(as, json_assignment(p, &pl[k], &ok), &ok);
	put(root, "assignments", as, &ok);
	for (int i = 0; i < s->n; i++)
		if (s->time[i] < 0)
			push(un, json_unscheduled(s, i, &ok), &ok);
	put(root, "unscheduled", un, &ok);
	if (r)
		put(root, "score", igs_report_to_json(r, p), &ok);
	put(root, "solver", json_solver(&s->stats, &s->problem->weights, &ok), &ok);
	if (p->ref_start)
		put(root, "changes", json_changes(s, &ok), &ok);
	if (!ok) {
		json_decref(root);
		return NULL;
	}
	return root;
}

/* ---- CSV ---- */

enum { L_THEMES, L_TAGS, L_PEOPLE, L_GROUPS };

static int list_len(const igs_session *S, int kind) {
	switch (kind) {
	case L_THEMES: return S->n_themes;
	case L_TAGS: return S->n_tags;
	case L_PEOPLE: return S->n_people;
	default: return S->n_groups;
	}
}

static const char *list_item(const igs_problem *p, const igs_session *S, int kind, int i) {
	switch (kind) {
	case L_THEMES: return p->themes[S->themes[i]].id;
	case L_TAGS: return p->tags[S->tags[i]];
	case L_PEOPLE: return p->people[S->people[i].person].id;
	default: return p->groups[S->groups[i]].id;
	}
}

static bool csv_special(const char *s) {
	return strpbrk(s, ",\"\r\n") != NULL;
}

/* OWASP "CSV injection": a spreadsheet runs a cell starting with one of these as a formula.
 * Such a text gets a leading apostrophe, which spreadsheets take as "this is text"; so does a
 * text that already starts with an apostrophe before one of them (or before another
 * apostrophe), so that import-csv, which drops that one apostrophe, reads back every text as
 * written (docs/FORMAT.md). */
static bool csv_needs_guard(const char *s) {
	static const char danger[] = "=+-@\t\r";
	if (*s && strchr(danger, *s))
		return true;
	return *s == '\'' && s[1] && (strchr(danger, s[1]) || s[1] == '\'');
}

static void csv_put_escaped(FILE *f, const char *s) {
	if (csv_needs_guard(s))
		fputc('\'', f);
	for (; *s; s++) {
		if (*s == '"')
			fputc('"', f);
		fputc(*s, f);
	}
}

/* RFC 4180: quote only when needed, so plain ids stay plain for spreadsheet look-ups. */
static void csv_field(FILE *f, const char *s, bool first) {
	if (!first)
		fputc(',', f);
	if (!s)
		return;
	if (!csv_special(s)) {
		csv_put_escaped(f, s);
		return;
	}
	fputc('"', f);
	csv_put_escaped(f, s);
	fputc('"', f);
}

/* A ';'-joined list written straight into one field, so no joined copy is allocated; each
 * item is guarded on its own, as import-csv reads each on its own. */
static void csv_list(FILE *f, const igs_problem *p, const igs_session *S, int kind) {
	int n = list_len(S, kind);
	bool quote = false;
	for (int i = 0; i < n && !quote; i++)
		quote = csv_special(list_item(p, S, kind, i));
	fputc(',', f);
	if (quote)
		fputc('"', f);
	for (int i = 0; i < n; i++) {
		if (i)
			fputc(';', f);
		csv_put_escaped(f, list_item(p, S, kind, i));
	}
	if (quote)
		fputc('"', f);
}

static void csv_count(FILE *f, int v) {
	/* 0 means unknown in the model; an empty cell says so, a 0 would read as a fact. */
	if (v > 0)
		fprintf(f, ",%d", v);
	else
		fputc(',', f);
}

static void csv_row(FILE *f, const igs_schedule *s, int i) {
	const igs_problem *p = s->problem;
	const igs_session *S = &p->sessions[i];
	int t = s->time[i];
	csv_field(f, S->id, true);
	csv_field(f, S->title, false);
	csv_field(f, S->type, false);
	csv_field(f, t >= 0 ? "scheduled" : "unscheduled", false);
	if (t >= 0) {
		const igs_day *D = &p->days[p->times[t].day];
		const igs_room *R = &p->rooms[s->room[i]];
		char a0[6], a1[6];
		igs_format_hhmm(p->times[t].start, a0);
		igs_format_hhmm(p->times[t].start + S->duration, a1);
		csv_field(f, D->date, false);
		csv_field(f, D->label, false);
		csv_field(f, a0, false);
		csv_field(f, a1, false);
		csv_field(f, R->id, false);
		csv_field(f, R->name, false);
	} else {
		fputs(",,,,,,", f);
	}
	csv_list(f, p, S, L_THEMES);
	csv_list(f, p, S, L_TAGS);
	csv_list(f, p, S, L_PEOPLE);
	csv_list(f, p, S, L_GROUPS);
	csv_count(f, S->attendance);
	csv_count(f, t >= 0 ? p->rooms[s->room[i]].capacity : 0);
	csv_field(f, t >= 0 ? NULL : reason_of(s, i), false);
	fputs("\r\n", f);
}

static void write_csv(FILE *f, const igs_schedule *s, const placement *pl, int n_pl) {
	fputs("session,title,type,status,day,day_label,start,end,room,room_name,themes,tags,people,groups,"
	      "attendance,capacity,reason\r\n",
	      f);
	for (int k = 0; k < n_pl; k++)
		csv_row(f, s, pl[k].s);
	for (int i = 0; i < s->n; i++)
		if (s->time[i] < 0)
			csv_row(f, s, i);
}

/* ---- text ---- */

/* Display width in characters: bytes would misalign names such as "Salle Étoile". */
static int utf8_width(const char *s) {
	int w = 0;
	for (; *s; s++)
		w += ((unsigned char)*s & 0xC0) != 0x80;
	return w;
}

static void put_padded(FILE *f, const char *s, int width) {
	fputs(s, f);
	for (int w = utf8_width(s); w < width; w++)
		fputc(' ', f);
}

/* Titles and reasons may hold line breaks; in a one-line-per-session listing they become spaces. */
static void put_oneline(FILE *f, const char *s) {
	for (; *s; s++)
		fputc(*s == '\n' || *s == '\r' || *s == '\t' ? ' ' : *s, f);
}

static void text_header(FILE *f, const igs_schedule *s, int n_pl) {
	const igs_problem *p = s->problem;
	const igs_solver_stats *st = &s->stats;
	int n_opt_out = 0;
	for (int i = 0; i < s->n; i++)
		n_opt_out += s->time[i] < 0 && p->sessions[i].optional;
	fprintf(f, "%s\n", p->name);
	fprintf(f, "%d sessions: %d scheduled, %d unscheduled (%d optional)\n", s->n, n_pl, s->n - n_pl,
		n_opt_out);
	fprintf(f, "Solver: %s (%s), seed %ld, %.3f s, effort %ld%s", st->solver, st->status, st->seed, st->elapsed,
		st->effort, strcmp(st->mode, "time") == 0 ? " (until the time limit)" : "");
	if (isfinite(st->objective))
		fprintf(f, ", objective %.6g", st->objective);
	if (isfinite(st->bound))
		fprintf(f, ", bound %.6g", st->bound);
	if (isfinite(igs_solver_gap(st)))
		fprintf(f, ", gap %.2f%%", 100.0 * igs_solver_gap(st));
	if (st->submips > 0)
		fprintf(f, ", %ld sub-MIPs (%ld proven optimal, %ld improving)", st->submips, st->submips_proven,
			st->submips_improved);
	if (isfinite(st->decomposition.value))
		fprintf(f, " (decomposition bound %.6g in %.1f s)", st->decomposition.value, st->decomposition.seconds);
	fputc('\n', f);
}

static void text_line(FILE *f, const igs_problem *p, const placement *pl, int room_w, int id_w) {
	const igs_session *S = &p->sessions[pl->s];
	int start = p->times[pl->t].start;
	char a0[6], a1[6];
	igs_format_hhmm(start, a0);
	igs_format_hhmm(start + S->duration, a1);
	fprintf(f, "  %s-%s  ", a0, a1);
	put_padded(f, p->rooms[pl->r].name, room_w + 2);
	put_padded(f, S->id, id_w + 2);
	put_oneline(f, S->title);
	fprintf(f, " (%s", S->type);
	for (int k = 0; k < S->n_themes; k++)
		fprintf(f, "%s%s", k ? ", " : "; ", p->themes[S->themes[k]].name);
	fputs(")\n", f);
}

static void write_text(FILE *f, const igs_schedule *s, const igs_report *r, const placement *pl, int n_pl) {
	const igs_problem *p = s->problem;
	int room_w = 0, id_w = 0;
	for (int k = 0; k < p->n_rooms; k++)
		room_w = room_w > utf8_width(p->rooms[k].name) ? room_w : utf8_width(p->rooms[k].name);
	for (int k = 0; k < n_pl; k++)
		id_w = id_w > utf8_width(p->sessions[pl[k].s].id) ? id_w : utf8_width(p->sessions[pl[k].s].id);

	text_header(f, s, n_pl);
	int k = 0;
	for (int d = 0; d < p->n_days; d++) {
		const igs_day *D = &p->days[d];
		if (strcmp(D->label, D->date) == 0)
			fprintf(f, "\n%s\n", D->date);
		else
			fprintf(f, "\n%s (%s)\n", D->label, D->date);
		int first = k;
		for (; k < n_pl && p->times[pl[k].t].day == d; k++)
			text_line(f, p, &pl[k], room_w, id_w);
		if (k == first)
			fputs("  (nothing scheduled)\n", f);
	}

	fputs("\nUnscheduled:", f);
	if (n_pl == s->n)
		fputs(" none", f);
	fputc('\n', f);
	for (int i = 0; i < s->n; i++) {
		if (s->time[i] >= 0)
			continue;
		const igs_session *S = &p->sessions[i];
		fprintf(f, "  %s  ", S->id);
		put_oneline(f, S->title);
		fprintf(f, " (%s%s, priority %g): ", S->type, S->optional ? ", optional" : "", S->priority);
		put_oneline(f, reason_of(s, i));
		fputc('\n', f);
	}
	if (r) {
		fputc('\n', f);
		igs_report_print(r, p, f);
	}
}

int igs_schedule_write(const igs_schedule *s, const igs_report *r, igs_format fmt, const char *path,
		       igs_diag *d) {
	int rc = IGS_OK;
	igs_atomic a = {0};
	placement *pl = NULL;
	json_t *root = NULL;
	if (!s || !s->problem || !path ||
	    (fmt != IGS_FMT_JSON && fmt != IGS_FMT_CSV && fmt != IGS_FMT_TEXT && fmt != IGS_FMT_ICS &&
	     fmt != IGS_FMT_HTML && fmt != IGS_FMT_FRAB && fmt != IGS_FMT_FRAB_JSON))
		return IGS_EUSAGE;

	int n_pl = sorted_placements(s, &pl);
	if (n_pl < 0) {
		igs_diag_add(d, path, "", "out of memory writing the schedule");
		rc = IGS_ENOMEM;
		goto cleanup;
	}
	/* Build the whole document before touching the file system, so running out of memory
	 * cannot leave even a temporary file behind. */
	if (fmt == IGS_FMT_JSON && !(root = json_schedule(s, r, pl, n_pl))) {
		igs_diag_add(d, path, "", "out of memory writing the schedule");
		rc = IGS_ENOMEM;
		goto cleanup;
	}
	if ((rc = igs_atomic_open(&a, path, d)) != IGS_OK)
		goto cleanup;
	switch (fmt) {
	case IGS_FMT_JSON:
		/* 15 significant digits: every decimal such a number came from reads back the same,
		 * without the 0.10000000000000001 noise of 17. */
		if (json_dumpf(root, a.f, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(15)) != 0) {
			igs_diag_add(d, path, "", "cannot write the schedule");
			rc = IGS_EIO;
			goto cleanup;
		}
		fputc('\n', a.f);
		break;
	case IGS_FMT_CSV:
		write_csv(a.f, s, pl, n_pl);
		break;
	case IGS_FMT_TEXT:
		write_text(a.f, s, r, pl, n_pl);
		break;
	case IGS_FMT_ICS:
		igs_write_ics(a.f, s);
		break;
	case IGS_FMT_HTML:
		if ((rc = igs_write_html(a.f, s, r)) != IGS_OK) {
			igs_diag_add(d, path, "", "out of memory writing the schedule");
			goto cleanup;
		}
		break;
	case IGS_FMT_FRAB:
	case IGS_FMT_FRAB_JSON:
		if ((rc = igs_write_frab(a.f, s, fmt == IGS_FMT_FRAB_JSON)) != IGS_OK) {
			igs_diag_add(d, path, "",
				     rc == IGS_ENOMEM ? "out of memory writing the schedule" : "cannot write the schedule");
			goto cleanup;
		}
		break;
	case IGS_FMT_COSPLIB:
		break; /* refused on entry: the CoSPLib engine writes it */
	}
	/* Write errors of the fprintf calls above surface here, through ferror and fflush. */
	rc = igs_atomic_commit(&a, d);
cleanup:
	igs_atomic_abort(&a);
	json_decref(root);
	free(pl);
	return rc;
}

int igs_report_write(const igs_report *r, const igs_problem *p, igs_format fmt, const char *path, igs_diag *d) {
	if (!r || !p || !path || (fmt != IGS_FMT_JSON && fmt != IGS_FMT_TEXT))
		return IGS_EUSAGE;
	igs_atomic a = {0};
	int rc = igs_atomic_open(&a, path, d);
	if (rc != IGS_OK)
		return rc;
	if (fmt == IGS_FMT_JSON) {
		rc = igs_report_write_json(r, p, a.f);
		if (rc != IGS_OK)
			igs_diag_add(d, path, "", rc == IGS_ENOMEM ? "out of memory writing the report"
							      : "cannot write the report");
	} else {
		igs_report_print(r, p, a.f);
	}
	if (rc == IGS_OK)
		rc = igs_atomic_commit(&a, d);
	igs_atomic_abort(&a);
	return rc;
}
