/* CoSPLib objective: one pass over the blocks in list order, rooms inside, slots inside rooms,
 * which is the scan order the spec's order-dependent terms are defined by. */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "cosplib/eval.h"

/* Working memory of one evaluation. Stamps (an item marked with the number of the current cell or
 * slot) make "seen already" tests O(1) without clearing arrays between steps. */
typedef struct {
	int *placed;                  /* [item] occupied slot entries */
	int *cell_mark, *slot_mark, *tslot_mark; /* [item] stamps: (item, room) in E_s, in D_sk, in Dt_sk */
	int *multi_mark, *multi_n;    /* [item] slots of a multi-slot item in the current cell */
	int *first_k, *last_k, *sum_k, *n_k; /* [item] slot indices of a multi-slot item, scan order */
	int *last_block, *min_block, *n_blocks, *n_rooms, *queue_len; /* [track] */
	int *e_item, *e_room;         /* distinct (item, room) pairs of the current block */
	int *list, *tlist;            /* distinct items of one slot index: all cells, track cells */
	int *multi_list;              /* multi-slot items of the current cell */
	unsigned char *room_used;     /* [track][room] */
	unsigned char *queued;        /* [track][item]: item already in the track's order list Q_t */
} work;

enum { ITEM_ROWS = 10, TRACK_ROWS = 5 };

/* The working memory of one instance, allocated once, so a search can evaluate in a loop
 * without allocating. */
struct igs_cosplib_evaluator {
	const igs_cosplib *c;
	work w;
	int *ints;
	unsigned char *bytes;
	size_t n_ints, n_bytes;
};

int igs_cosplib_evaluator_new(igs_cosplib_evaluator **out, const igs_cosplib *c) {
	*out = NULL;
	igs_cosplib_evaluator *e = calloc(1, sizeof *e);
	if (!e)
		return IGS_ENOMEM;
	size_t nu = (size_t)c->n_items, nt = (size_t)c->n_tracks, nr = (size_t)c->n_rooms;
	size_t max_slots = 1;
	for (int b = 0; b < c->n_blocks; b++)
		if ((size_t)c->blocks[b].slots > max_slots)
			max_slots = (size_t)c->blocks[b].slots;
	e->c = c;
	e->n_ints = ITEM_ROWS * nu + TRACK_ROWS * nt + 2 * nr * max_slots + 2 * nr + max_slots;
	e->n_bytes = nt * (nr + nu) + 1;
	e->ints = malloc(e->n_ints * sizeof *e->ints);
	e->bytes = malloc(e->n_bytes);
	if (!e->ints || !e->bytes) {
		igs_cosplib_evaluator_free(e);
		return IGS_ENOMEM;
	}
	work *w = &e->w;
	int *p = e->ints;
	int **item_rows[ITEM_ROWS] = {&w->placed, &w->cell_mark, &w->slot_mark, &w->tslot_mark, &w->multi_mark,
				      &w->multi_n, &w->first_k, &w->last_k, &w->sum_k, &w->n_k};
	for (int i = 0; i < ITEM_ROWS; i++, p += nu)
		*item_rows[i] = p;
	int **track_rows[TRACK_ROWS] = {&w->last_block, &w->min_block, &w->n_blocks, &w->n_rooms, &w->queue_len};
	for (int i = 0; i < TRACK_ROWS; i++, p += nt)
		*track_rows[i] = p;
	w->e_item = p;
	w->e_room = p + nr * max_slots;
	w->list = p + 2 * nr * max_slots;
	w->tlist = w->list + nr;
	w->multi_list = w->tlist + nr;
	w->room_used = e->bytes;
	w->queued = e->bytes + nt * nr;
	*out = e;
	return IGS_OK;
}

void igs_cosplib_evaluator_free(igs_cosplib_evaluator *e) {
	if (!e)
		return;
	free(e->ints);
	free(e->bytes);
	free(e);
}

/* Stamps are numbered from the block and slot indices, so every call starts from zero. */
static void work_reset(igs_cosplib_evaluator *e) {
	memset(e->ints, 0, e->n_ints * sizeof *e->ints);
	memset(e->bytes, 0, e->n_bytes);
	for (int t = 0; t < e->c->n_tracks; t++)
		e->w.last_block[t] = -1;
}

/* Track layer of block b (OBJECTIVE.md §4, level G). */
static void eval_tracks(long long *n, work *w, const igs_cosplib *c, const int *row, int b) {
	int nr = c->n_rooms, nt = c->n_tracks, cells = 0, distinct = 0;
	for (int r = 0; r < nr; r++) {
		int t = row[r];
		if (t < 0)
			continue;
		cells++;
		n[IGS_CP_tracks_sessions] += c->track_block[(size_t)t * c->n_blocks + b];
		n[IGS_CP_tracks_rooms] += c->track_room[(size_t)t * nr + r];
		n[IGS_CP_sessions_rooms] += c->block_room[(size_t)b * nr + r];
		if (!w->room_used[(size_t)t * nr + r]) {
			w->room_used[(size_t)t * nr + r] = 1;
			if (w->n_rooms[t]++ > 0)
				n[IGS_CP_rooms_per_track]++;
		}
		if (w->last_block[t] != b) {
			if (w->last_block[t] < 0)
				w->min_block[t] = b;
			w->last_block[t] = b;
			w->n_blocks[t]++;
			distinct++;
		}
	}
	/* Σ over tracks of (rooms holding it in this block − 1) = track cells − distinct tracks. */
	n[IGS_CP_parallel_tracks] += cells - distinct;
	for (int r1 = 0; r1 < nr; r1++) {
		int t1 = row[r1];
		if (t1 < 0)
			continue;
		for (int r2 = r1 + 1; r2 < nr; r2++) {
			int t2 = row[r2];
			if (t2 < 0 || t2 == t1)
				continue;
			n[IGS_CP_similar_tracks] += c->similar[(size_t)t1 * nt + t2];
			n[IGS_CP_chairs_conflicts] += c->chair_conflict[(size_t)t1 * nt + t2];
		}
	}
}

/* Slot layer of one cell: per-slot penalties, the order list, validity and the multi-slot
 * split test; adds the cell's distinct items to E_s. Returns the split penalty. */
static long long eval_cell(long long *n, work *w, const igs_cosplib *c, const igs_cosplib_solution *sol, int b,
			   int r, int *n_e, int *wrong_track) {
	const igs_cosplib_block *B = &c->blocks[b];
	const int *x = sol->slot + B->first_slot + r * B->slots;
	int t = sol->track[b * c->n_rooms + r], mark = b * c->n_rooms + r + 1, n_multi = 0;
	size_t nu = (size_t)c->n_items;
	for (int k = 0; k < B->slots; k++) {
		int u = x[k];
		if (u < 0)
			continue;
		const igs_cosplib_item *U = &c->items[u];
		w->placed[u]++;
		n[IGS_CP_submissions_timezones] += c->item_tz[(size_t)u * c->n_blocks + b];
		n[IGS_CP_submissions_sessions] += c->item_block[(size_t)u * c->n_blocks + b];
		n[IGS_CP_submissions_rooms] += c->item_room[(size_t)u * c->n_rooms + r];
		if (w->cell_mark[u] != mark) {
			w->cell_mark[u] = mark;
			w->e_item[*n_e] = u;
			w->e_room[(*n_e)++] = r;
		}
		if (t >= 0) {
			if (U->track != t)
				(*wrong_track)++;
			/* Q_t is keyed by the cell's track; positions count every item, ordered or not. */
			if (!w->queued[(size_t)t * nu + u]) {
				w->queued[(size_t)t * nu + u] = 1;
				int pos = ++w->queue_len[t];
				if (U->order != 0 && U->order != pos)
					n[IGS_CP_submissions_order]++;
			}
		}
		if (U->req > 1) {
			if (w->multi_mark[u] != mark) {
				w->multi_mark[u] = mark;
				w->multi_n[u] = 0;
				w->multi_list[n_multi++] = u;
			}
			w->multi_n[u]++;
			if (w->n_k[u]++ == 0)
				w->first_k[u] = k;
			w->last_k[u] = k;
			w->sum_k[u] += k;
		}
	}
	long long split = 0;
	for (int i = 0; i < n_multi; i++)
		if (w->multi_n[w->multi_list[i]] != c->items[w->multi_list[i]].req)
			split += IGS_COSPLIB_SPLIT;
	return split;
}

/* Pairs of block b: session-level conflicts over E_s, then per slot index the timeslot-level
 * conflicts over D_sk and the parallel ordered pairs over Dt_sk (OBJECTIVE.md §4.1–4.3). */
static void eval_pairs(long long *n, work *w, const igs_cosplib *c, const igs_cosplib_solution *sol, int b,
		       int n_e) {
	size_t nu = (size_t)c->n_items;
	for (int i = 0; i < n_e; i++) {
		const unsigned char *pc = c->presenter_conflict + (size_t)w->e_item[i] * nu;
		const unsigned char *ac = c->attendee_conflict + (size_t)w->e_item[i] * nu;
		for (int j = i + 1; j < n_e; j++) {
			if (w->e_room[i] == w->e_room[j])
				continue;
			n[IGS_CP_presenters_conflicts] += pc[w->e_item[j]];
			n[IGS_CP_attendees_conflicts] += ac[w->e_item[j]];
		}
	}
	const igs_cosplib_block *B = &c->blocks[b];
	for (int k = 0; k < B->slots; k++) {
		int mark = B->first_slot + k + 1, n_all = 0, n_tracked = 0;
		for (int r = 0; r < c->n_rooms; r++) {
			int u = sol->slot[B->first_slot + r * B->slots + k];
			if (u < 0)
				continue;
			if (w->slot_mark[u] != mark) {
				w->slot_mark[u] = mark;
				w->list[n_all++] = u;
			}
			if (sol->track[b * c->n_rooms + r] >= 0 && w->tslot_mark[u] != mark) {
				w->tslot_mark[u] = mark;
				w->tlist[n_tracked++] = u;
			}
		}
		for (int i = 0; i < n_all; i++) {
			const unsigned char *pc = c->presenter_conflict + (size_t)w->list[i] * nu;
			const unsigned char *ac = c->attendee_conflict + (size_t)w->list[i] * nu;
			for (int j = i + 1; j < n_all; j++) {
				n[IGS_CP_presenters_conflicts_timeslot] += pc[w->list[j]];
				n[IGS_CP_attendees_conflicts_timeslot] += ac[w->list[j]];
			}
		}
		for (int i = 0; i < n_tracked; i++) {
			const igs_cosplib_item *a = &c->items[w->tlist[i]];
			if (a->order == 0)
				continue;
			for (int j = i + 1; j < n_tracked; j++) {
				const igs_cosplib_item *o = &c->items[w->tlist[j]];
				n[IGS_CP_submissions_order] += o->order != 0 && o->track == a->track;
			}
		}
	}
}

/* OBJECTIVE.md §5 after the scan: one unplaced multi-slot item replaces the whole term. */
static long long structural(const work *w, const igs_cosplib *c, long long split) {
	for (int u = 0; u < c->n_items; u++)
		if (c->items[u].req > 1 && w->n_k[u] == 0)
			return IGS_COSPLIB_MISSING;
	for (int u = 0; u < c->n_items; u++) {
		if (c->items[u].req <= 1)
			continue;
		long long a = w->first_k[u], z = w->last_k[u];
		long long span = z >= a ? (a + z) * (z - a + 1) / 2 : 0;
		if (w->sum_k[u] != span)
			split += IGS_COSPLIB_NONCONTIGUOUS;
	}
	return split;
}

int igs_cosplib_evaluate_with(igs_cosplib_evaluator *e, igs_cosplib_report *out, const igs_cosplib_solution *sol) {
	const igs_cosplib *inst = e->c;
	memset(out, 0, sizeof *out);
	work_reset(e);
	work *w = &e->w;
	long long *n = out->count, split = 0;
	for (int b = 0; b < inst->n_blocks; b++) {
		eval_tracks(n, w, inst, sol->track + b * inst->n_rooms, b);
		int n_e = 0;
		for (int r = 0; r < inst->n_rooms; r++)
			split += eval_cell(n, w, inst, sol, b, r, &n_e, &out->wrong_track);
		eval_pairs(n, w, inst, sol, b, n_e);
	}
	for (int t = 0; t < inst->n_tracks; t++)
		if (w->n_blocks[t] >= 2 && w->last_block[t] - w->min_block[t] + 1 != w->n_blocks[t])
			n[IGS_CP_consecutive_tracks]++;
	for (int u = 0; u < inst->n_items; u++)
		out->wrong_count += w->placed[u] != inst->items[u].req;
	out->structural = structural(w, inst, split);
	out->total = out->structural;
	for (int k = 0; k < IGS_CP__COUNT; k++) {
		out->cost[k] = inst->weight[k] > 0 ? inst->weight[k] * n[k] : 0;
		out->total += out->cost[k];
	}
	out->feasible = out->wrong_count == 0;
	out->valid = out->wrong_track == 0;
	return IGS_OK;
}

int igs_cosplib_evaluate(igs_cosplib_report *out, const igs_cosplib *inst, const igs_cosplib_solution *sol) {
	igs_cosplib_evaluator *e = NULL;
	memset(out, 0, sizeof *out);
	int rc = igs_cosplib_evaluator_new(&e, inst);
	if (rc == IGS_OK)
		rc = igs_cosplib_evaluate_with(e, out, sol);
	igs_cosplib_evaluator_free(e);
	return rc;
}

void igs_cosplib_report_print(const igs_cosplib_report *r, const igs_cosplib *inst, FILE *out) {
	fprintf(out, "CoSPLib instance %s: objective %lld\n", inst->name, r->total);
	if (r->feasible)
		fprintf(out, "feasible: yes\n");
	else
		fprintf(out, "feasible: no (%d submission%s placed in another number of timeslots than required)\n",
			r->wrong_count, r->wrong_count == 1 ? "" : "s");
	if (r->valid)
		fprintf(out, "valid: yes\n");
	else
		fprintf(out, "valid: no (%d occupied timeslot%s of a track's room hold a submission of another track)\n",
			r->wrong_track, r->wrong_track == 1 ? "" : "s");
	fprintf(out, "structural penalty (multi-timeslot submissions): %lld\n", r->structural);
	fprintf(out, "%-32s %10s %10s %12s\n", "component", "weight", "count", "cost");
	for (int k = 0; k < IGS_CP__COUNT; k++)
		fprintf(out, "%-32s %10lld %10lld %12lld\n", igs_cosplib_component_key((igs_cosplib_component)k),
			inst->weight[k], r->count[k], r->cost[k]);
}

json_t *igs_cosplib_report_json(const igs_cosplib_report *r, const igs_cosplib *inst) {
	json_t *comps = json_object();
	json_t *root = json_pack("{s:s, s:I, s:b, s:b, s:I, s:I, s:{s:i, s:i}}", "instance", inst->name, "objective",
				 (json_int_t)r->total, "feasible", r->feasible, "valid", r->valid, "structural_penalty",
				 (json_int_t)r->structural, "weighted_components_sum", (json_int_t)(r->total - r->structural),
				 "diagnostics", "submissions_with_wrong_slot_count", r->wrong_count,
				 "timeslots_with_submission_of_other_track", r->wrong_track);
	bool ok = comps && root;
	for (int k = 0; ok && k < IGS_CP__COUNT; k++)
		ok = json_object_set_new(comps, igs_cosplib_component_key((igs_cosplib_component)k),
					 json_pack("{s:I, s:I, s:I}", "weight", (json_int_t)inst->weight[k], "count",
						   (json_int_t)r->count[k], "penalty", (json_int_t)r->cost[k])) == 0;
	ok = ok && json_object_set(root, "components", comps) == 0;
	json_decref(comps);
	if (!ok) {
		json_decref(root);
		return NULL;
	}
	return root;
}

int igs_cosplib_report_write_json(const igs_cosplib_report *r, const igs_cosplib *inst, FILE *out) {
	json_t *root = igs_cosplib_report_json(r, inst);
	if (!root)
		return IGS_ENOMEM;
	int rc = json_dumpf(root, out, JSON_INDENT(1)) != 0 || fputc('\n', out) == EOF ? IGS_EIO : IGS_OK;
	json_decref(root);
	return rc;
}
