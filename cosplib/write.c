/* CoSPLib solutions written out: a solution of an instance, and any igfsched schedule of a
 * problem with named slots (--format cosplib, docs/COSPLIB.md), as "cosplib-solution/1" files. */
#include <errno.h>
#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cosplib/write.h"
#include "io/atomic.h"
#include "model/schedule.h"
#include "model/timefmt.h"

/* Builds the document in memory first: nothing reaches the file unless all of it was built. */
static json_t *solution_json(const igs_cosplib *c, const igs_cosplib_solution *s, const char *note,
			     const char *const *notes, int n_notes) {
	json_t *tracks = json_array(), *assign = json_array(), *conv = json_array();
	json_t *root = json_pack("{s:s, s:s, s:{s:s, s:s}}", "format", "cosplib-solution/1", "instance", c->name,
				 "source", "program", "igfsched " IGS_VERSION, "note", note ? note : "");
	bool ok = tracks && assign && conv && root;
	for (int i = 0; ok && i < n_notes; i++)
		ok = json_array_append_new(conv, json_string(notes[i])) == 0;
	for (int b = 0; ok && b < c->n_blocks; b++)
		for (int r = 0; ok && r < c->n_rooms; r++) {
			int t = s->track[b * c->n_rooms + r];
			if (t >= 0)
				ok = json_array_append_new(tracks, json_pack("{s:s, s:s, s:s}", "session", c->blocks[b].name,
									     "room", c->rooms[r], "track",
									     c->tracks[t].name)) == 0;
			const int *x = s->slot + c->blocks[b].first_slot + r * c->blocks[b].slots;
			for (int k = 0; ok && k < c->blocks[b].slots; k++)
				if (x[k] >= 0)
					ok = json_array_append_new(
						     assign, json_pack("{s:s, s:s, s:s, s:i}", "submission",
								       c->items[x[k]].name, "session", c->blocks[b].name,
								       "room", c->rooms[r], "timeslot", k)) == 0;
		}
	ok = ok && json_object_set(root, "tracks", tracks) == 0 && json_object_set(root, "assignments", assign) == 0;
	if (ok && n_notes > 0)
		ok = json_object_set(root, "conversion_notes", conv) == 0;
	json_decref(tracks);
	json_decref(assign);
	json_decref(conv);
	if (!ok) {
		json_decref(root);
		return NULL;
	}
	return root;
}

int igs_cosplib_solution_write(const igs_cosplib *c, const igs_cosplib_solution *s, const char *note,
			       const char *path, igs_diag *d) {
	return igs_cosplib_solution_write_notes(c, s, note, NULL, 0, path, d);
}

int igs_cosplib_solution_write_notes(const igs_cosplib *c, const igs_cosplib_solution *s, const char *note,
				     const char *const *notes, int n_notes, const char *path, igs_diag *d) {
	json_t *root = solution_json(c, s, note, notes, n_notes);
	if (!root) {
		igs_diag_add(d, path, "", "out of memory while writing the solution");
		return IGS_ENOMEM;
	}
	/* Text first, so running out of memory is told apart from a failing disk. */
	char *text = json_dumps(root, JSON_INDENT(1));
	json_decref(root);
	if (!text) {
		igs_diag_add(d, path, "", "out of memory while writing the solution");
		return IGS_ENOMEM;
	}
	igs_atomic a;
	int rc = igs_atomic_open(&a, path, d);
	if (rc == IGS_OK) {
		if (fputs(text, a.f) == EOF || fputc('\n', a.f) == EOF) {
			igs_diag_add(d, path, "", "cannot write: %s; check the disk space and permissions", strerror(errno));
			igs_atomic_abort(&a);
			rc = IGS_EIO;
		} else {
			rc = igs_atomic_commit(&a, d);
		}
	}
	free(text);
	return rc;
}

typedef struct {
	int day, slot; /* the problem's day and slot index */
	int first;     /* index of the block's first start among the day's starts */
} block_ref;

static char *dup_or_oom(const char *s, bool *oom) {
	char *c = strdup(s ? s : "");
	if (!c)
		*oom = true;
	return c;
}

/* The problem's named slots as CoSPLib blocks (names only: the solution writer needs no
 * more), its rooms, themes and sessions as rooms, tracks and items. */
static int frame_of(const igs_problem *p, igs_cosplib **out, block_ref **refs, const char *path, igs_diag *d) {
	bool oom = false;
	igs_cosplib *c = calloc(1, sizeof *c);
	int n = 0;
	for (int day = 0; day < p->n_days; day++)
		for (int k = 0; p->days[day].slot_names && k < p->days[day].n_slots; k++)
			n += p->days[day].slot_names[k] != NULL;
	*refs = calloc((size_t)n + 1, sizeof **refs);
	if (!c || !*refs || !(c->blocks = calloc((size_t)n + 1, sizeof *c->blocks)) ||
	    !(c->rooms = calloc((size_t)p->n_rooms + 1, sizeof *c->rooms)) ||
	    !(c->tracks = calloc((size_t)p->n_themes + 1, sizeof *c->tracks)) ||
	    !(c->items = calloc((size_t)p->n_sessions + 1, sizeof *c->items))) {
		igs_cosplib_free(c);
		return IGS_ENOMEM;
	}
	c->name = dup_or_oom(p->name, &oom);
	c->file = dup_or_oom(p->source, &oom);
	int rc = IGS_OK;
	for (int day = 0; day < p->n_days; day++) {
		const igs_day *D = &p->days[day];
		for (int k = 0; D->slot_names && k < D->n_slots; k++) {
			if (!D->slot_names[k])
				continue;
			for (int b = 0; b < c->n_blocks; b++)
				if (c->blocks[b].name && strcmp(c->blocks[b].name, D->slot_names[k]) == 0) {
					rc = igs_diag_add(d, path, "",
							  "--format cosplib: slot name '%s' is used on %s and on %s; a CoSPLib "
							  "session is one block, so give the slots distinct names",
							  D->slot_names[k], p->days[(*refs)[b].day].label, D->label);
					break;
				}
			igs_cosplib_block *B = &c->blocks[c->n_blocks];
			B->name = dup_or_oom(D->slot_names[k], &oom);
			int first = -1, count = 0;
			for (int i = 0; i < D->n_starts; i++)
				if (D->starts[i] >= D->slots[k].from && D->starts[i] < D->slots[k].to) {
					first = first < 0 ? i : first;
					count++;
				}
			B->slots = count > 0 ? count : 1;
			B->start = D->slots[k].from;
			B->end = D->slots[k].to;
			B->first_slot = c->n_slots;
			c->n_slots += B->slots * p->n_rooms;
			(*refs)[c->n_blocks++] = (block_ref){day, k, first};
		}
	}
	c->n_rooms = p->n_rooms;
	for (int r = 0; r < p->n_rooms; r++)
		c->rooms[r] = dup_or_oom(p->rooms[r].id, &oom);
	c->n_tracks = p->n_themes;
	for (int t = 0; t < p->n_themes; t++)
		c->tracks[t].name = dup_or_oom(p->themes[t].id, &oom);
	c->n_items = p->n_sessions;
	for (int i = 0; i < p->n_sessions; i++)
		c->items[i].name = dup_or_oom(p->sessions[i].id, &oom);
	if (oom)
		rc = IGS_ENOMEM;
	if (rc != IGS_OK) {
		igs_cosplib_free(c);
		return rc;
	}
	*out = c;
	return IGS_OK;
}

typedef struct {
	char **v;
	int n;
	bool oom;
} notes;

static void note(notes *N, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void note(notes *N, const char *fmt, ...) {
	char buf[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	char **t = realloc(N->v, (size_t)(N->n + 1) * sizeof *t);
	if (!t || !(t[N->n] = strdup(buf))) {
		if (t)
			N->v = t;
		N->oom = true;
		return;
	}
	N->v = t;
	N->n++;
}

/* Fills the two layers from the schedule; what CoSPLib cannot hold goes into notes. Returns
 * IGS_EINPUT (said in d) when a placed session starts in a slot without a name. */
static int fill_solution(const igs_schedule *s, const igs_cosplib *c, const block_ref *refs,
			 igs_cosplib_solution *sol, notes *N, const char *path, igs_diag *d) {
	const igs_problem *p = s->problem;
	int rc = IGS_OK;
	for (int i = 0; i < s->n; i++) {
		const igs_session *S = &p->sessions[i];
		if (s->time[i] < 0) {
			note(N, "session %s is not scheduled; a CoSPLib solution has no place for it", S->id);
			continue;
		}
		int day = p->times[s->time[i]].day, start = p->times[s->time[i]].start, r = s->room[i];
		const igs_day *D = &p->days[day];
		int k = igs_day_slot_of(D, start);
		char a[6], z[6];
		igs_format_hhmm(start, a);
		if (k < 0 || r < 0) {
			note(N, "session %s starts at %s on %s, outside every slot; left out", S->id, a, D->label);
			continue;
		}
		int b = 0;
		while (b < c->n_blocks && !(refs[b].day == day && refs[b].slot == k))
			b++;
		if (b == c->n_blocks) {
			igs_format_hhmm(D->slots[k].from, a);
			igs_format_hhmm(D->slots[k].to, z);
			rc = igs_diag_add(d, path, "",
					  "--format cosplib needs named slots, as import-cosplib writes: session %s starts in "
					  "slot %s-%s of %s, which has no name; give the day's slots as {\"name\", \"time\"}",
					  S->id, a, z, D->label);
			continue;
		}
		const igs_cosplib_block *B = &c->blocks[b];
		int cell = b * c->n_rooms + r, theme = S->n_themes ? S->themes[0] : -1;
		if (theme >= 0 && sol->track[cell] < 0)
			sol->track[cell] = theme;
		else if (theme != sol->track[cell])
			note(N, "session %s (%s) shares %s, room %s with sessions of track %s; the cell keeps that track",
			     S->id, theme >= 0 ? p->themes[theme].id : "no theme", B->name, p->rooms[r].id,
			     sol->track[cell] >= 0 ? p->themes[sol->track[cell]].id : "(none)");
		int end = start + S->duration;
		for (int t = 0; t < B->slots && refs[b].first >= 0; t++) {
			int m = D->starts[refs[b].first + t];
			if (m < start || m >= end)
				continue;
			int *x = &sol->slot[B->first_slot + r * B->slots + t];
			if (*x >= 0 && *x != i)
				note(N, "session %s overlaps %s in %s, room %s, timeslot %d; only %s is listed there", S->id,
				     p->sessions[*x].id, B->name, p->rooms[r].id, t, p->sessions[*x].id);
			else
				*x = i;
		}
		if (end > D->slots[k].to)
			note(N, "session %s runs past the end of %s; only its timeslots inside it are listed", S->id, B->name);
	}
	return rc;
}

int igs_cosplib_write_schedule(const igs_schedule *s, const char *path, igs_diag *d) {
	igs_cosplib *c = NULL;
	block_ref *refs = NULL;
	igs_cosplib_solution *sol = NULL;
	notes N = {0};
	int rc = frame_of(s->problem, &c, &refs, path, d);
	if (rc == IGS_OK)
		rc = igs_cosplib_solution_new(&sol, c);
	if (rc == IGS_OK)
		rc = fill_solution(s, c, refs, sol, &N, path, d);
	if (rc == IGS_OK && N.oom)
		rc = IGS_ENOMEM;
	if (rc == IGS_OK)
		rc = igs_cosplib_solution_write_notes(c, sol, "igfsched --format cosplib", (const char *const *)N.v, N.n,
						      path, d);
	else if (rc == IGS_ENOMEM)
		igs_diag_add(d, path, "", "out of memory writing the schedule");
	for (int i = 0; i < N.n; i++)
		free(N.v[i]);
	free(N.v);
	igs_cosplib_solution_free(sol);
	igs_cosplib_free(c);
	free(refs);
	return rc;
}

int igs_cosplib_stats_write(const igs_cosplib_search_stats *st, const igs_cosplib_report *r, const igs_cosplib *inst,
			    long seed, const igs_cosplib_bound *b, const char *path, igs_diag *d) {
	json_t *trace = json_array();
	json_t *root = json_pack("{s:s, s:I, s:I, s:f, s:f, s:b, s:b, s:i, s:i, s:o}", "instance", inst->name, "seed",
				 (json_int_t)seed, "moves", (json_int_t)st->moves, "elapsed_s", st->elapsed_s, "best_s",
				 st->best_s, "interrupted", st->interrupted, "bound_met", st->bound_met, "restarts",
				 st->restarts, "missing", st->missing,
				 "evaluation",
				 igs_cosplib_report_json(r, inst));
	bool ok = trace && root;
	for (int i = 0; ok && i < st->n_trace; i++)
		ok = json_array_append_new(trace, json_pack("{s:f, s:I, s:I}", "s", st->trace[i].s, "moves",
							    (json_int_t)st->trace[i].moves, "objective",
							    (json_int_t)st->trace[i].total)) == 0;
	ok = ok && json_object_set(root, "trace", trace) == 0;
	/* The bound and the gap: null when none was proven (or none was asked for). */
	bool proven = b && b->proven;
	double gap = proven ? (double)(r->total - b->bound) / (double)(r->total > 0 ? r->total : 1) : 0.0;
	ok = ok && json_object_set_new(root, "bound", proven ? json_integer(b->bound) : json_null()) == 0 &&
	     json_object_set_new(root, "gap", proven ? json_real(gap) : json_null()) == 0 &&
	     json_object_set_new(root, "bound_s", b ? json_real(b->elapsed) : json_null()) == 0;
	int rc = ok ? IGS_OK : IGS_ENOMEM;
	igs_atomic a = {0};
	if (rc == IGS_OK && (rc = igs_atomic_open(&a, path, d)) == IGS_OK) {
		if (json_dumpf(root, a.f, JSON_INDENT(1)) != 0 || fputc('\n', a.f) == EOF) {
			igs_diag_add(d, path, "", "cannot write: %s", strerror(errno));
			rc = IGS_EIO;
		} else {
			rc = igs_atomic_commit(&a, d);
		}
	}
	igs_atomic_abort(&a);
	json_decref(trace);
	json_decref(root);
	return rc;
}
