/* Candidate placements per session and the feasibility report that runs before solving. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "model/candidates.h"
#include "model/place.h"
#include "model/timefmt.h"

/* Rank of the unary checks in the order igs_place_unary applies them: the furthest check
 * any placement reached names what blocks a session that fits nowhere. */
static int rank_of(int kind) {
	switch (kind) {
	case IGS_V_TIME: return 0;
	case IGS_V_PIN: return 1;
	case IGS_V_FEATURES: return 2;
	case IGS_V_CAPACITY: return 3;
	case IGS_V_ROOM_UNAVAILABLE: return 4;
	default: return 5;
	}
}

static void feature_names(const igs_problem *p, igs_featmask m, char *buf, size_t n) {
	buf[0] = 0;
	for (int f = 0; f < p->n_features; f++)
		if (m & ((igs_featmask)1 << f)) {
			if (buf[0])
				strncat(buf, "+", n - strlen(buf) - 1);
			strncat(buf, p->features[f], n - strlen(buf) - 1);
		}
	if (!buf[0])
		snprintf(buf, n, "none");
}

/* Does room r refuse s for its capacity (the part of the unary rule in room_fixed)? */
static bool too_small(const igs_problem *p, const igs_session *S, const igs_room *room) {
	return room->capacity > 0 && (room->capacity < S->min_capacity ||
				      (p->rules[S->rule].capacity_hard && S->attendance > room->capacity));
}

/* The message of one reason a session fits nowhere: the rank of the check that fails. */
static void explain_one(const igs_problem *p, int s, int furthest, igs_diag *d) {
	const igs_session *S = &p->sessions[s];
	char where[64], feats[256];
	snprintf(where, sizeof where, "sessions[%d]", s);
	const char *type = S->type;
	switch (furthest) {
	case 0: {
		/* Say whether no day is open to it at all, or the days are open but too short. */
		const igs_type_rule *R = &p->rules[S->rule];
		bool any_day = false;
		for (int day = 0; day < p->n_days && day < 64; day++)
			any_day = any_day || (((S->allowed_days >> day) & 1) &&
					      (p->days[day].pre_event ? R->pre_event_days : R->main_days));
		if (!any_day)
			igs_diag_add(d, p->source, where,
				     "'%s' (%s, %d min) fits no start time: no day is open to it; its days/not_days "
				     "and the %s type rule (%s) leave no day of the meeting; relax its days or add a "
				     "day its type may use",
				     S->id, type, S->duration, type,
				     R->pre_event_days ? (R->main_days ? "any day" : "pre-event days only")
						       : (R->main_days ? "ordinary days only, not pre-event days"
								       : "no days at all"));
		else
			igs_diag_add(d, p->source, where,
				     "'%s' (%s, %d min) fits no start time: at none of the starts open to it do %d "
				     "minutes fit inside the day's slots (joined across breaks of at most join_gap %d "
				     "minutes) and its times/not_times; shorten it, add or widen slots, or relax its "
				     "times",
				     S->id, type, S->duration, S->duration, p->join_gap);
		break;
	}
	case 1:
		igs_diag_add(d, p->source, where,
			     "'%s' cannot keep its pin: the pinned day/start/room is not a valid placement for a "
			     "%d-minute %s session; check the pin against the day's starts and slots",
			     S->id, S->duration, type);
		break;
	case 2:
		feature_names(p, S->needs, feats, sizeof feats);
		igs_diag_add(d, p->source, where,
			     "'%s' fits no room: it needs the features %s (its 'requires' plus the %s type rule) "
			     "and no room has them all; add the features to a room or change the requirement",
			     S->id, feats, type);
		break;
	case 3:
		igs_diag_add(d, p->source, where,
			     "'%s' fits no room: no room with its features seats %d (min_capacity %d, attendance "
			     "%d); use a larger room or lower the requirement",
			     S->id, S->min_capacity > S->attendance ? S->min_capacity : S->attendance, S->min_capacity,
			     S->attendance);
		break;
	default:
		igs_diag_add(d, p->source, where,
			     "'%s' fits nowhere: every room that suits it is unavailable at every start it may "
			     "take; free a room or allow other times",
			     S->id);
		break;
	}
}

/* The furthest check that failed names what blocks s, but a check after it may fail as well
 * and would only show once that one is fixed: each of features and capacity that no room
 * passes on its own is said too, so every problem of the session appears in one run. */
static void explain(const igs_problem *p, int s, int furthest, igs_diag *d) {
	const igs_session *S = &p->sessions[s];
	explain_one(p, s, furthest, d);
	bool features = false, seats = false, seats_any = false;
	for (int r = 0; r < p->n_rooms; r++) {
		const igs_room *room = &p->rooms[r];
		bool has = (room->features & S->needs) == S->needs;
		features = features || has;
		seats = seats || (has && !too_small(p, S, room));
		seats_any = seats_any || !too_small(p, S, room);
	}
	if (furthest < rank_of(IGS_V_FEATURES) && !features)
		explain_one(p, s, rank_of(IGS_V_FEATURES), d);
	if (furthest < rank_of(IGS_V_CAPACITY) && !(features ? seats : seats_any))
		explain_one(p, s, rank_of(IGS_V_CAPACITY), d);
}

/* Minutes a room can host sessions on one day: its slots less its unavailable windows. */
static long room_day_minutes(const igs_problem *p, const igs_room *r, int day) {
	long total = 0;
	const igs_day *D = &p->days[day];
	for (int k = 0; k < D->n_slots; k++)
		for (int m = D->slots[k].from; m < D->slots[k].to; m++)
			total += igs_room_available(r, day, m, m + 1);
	return total;
}

/* The furthest-reached check of session s over every time and room, as igs_place_unary
 * applies them (what explain names), with fixed the room half no time changes. */
static int furthest_check(const igs_problem *p, int s, const int *fixed, int *open, int *kinds) {
	int n_open = 0, fixed_rank = -1, furthest = -1;
	for (int r = 0; r < p->n_rooms; r++)
		if (fixed[r] < 0)
			open[n_open++] = r;
		else if (rank_of(fixed[r]) > fixed_rank)
			fixed_rank = rank_of(fixed[r]);
	for (int t = 0; t < p->n_times; t++) {
		int tk = igs_place_unary_rooms_fixed(p, s, t, fixed, open, n_open, kinds);
		if (tk >= 0) {
			/* Every room has the time's own kind. */
			if (p->n_rooms > 0 && rank_of(tk) > furthest)
				furthest = rank_of(tk);
			continue;
		}
		if (fixed_rank > furthest)
			furthest = fixed_rank;
		for (int i = 0; i < n_open; i++)
			if (kinds[open[i]] >= 0 && rank_of(kinds[open[i]]) > furthest)
				furthest = rank_of(kinds[open[i]]);
	}
	return furthest;
}

typedef struct {
	int duration, s;
} by_duration;

static int cmp_duration(const void *x, const void *y) {
	const by_duration *a = x, *b = y;
	if (a->duration != b->duration)
		return (a->duration > b->duration) - (a->duration < b->duration);
	return (a->s > b->s) - (a->s < b->s);
}

int igs_candidates_build(igs_problem *p, igs_diag *d) {
	int rc = IGS_OK, n = p->n_sessions, nw = (p->n_rooms + 63) / 64;
	size_t nt_all = (size_t)(p->n_times ? p->n_times : 1), wsz = (size_t)(nw ? nw : 1);
	int *times = calloc(nt_all, sizeof *times);
	int *kinds = calloc((size_t)(p->n_rooms ? p->n_rooms : 1), sizeof *kinds);
	int *fixed = calloc((size_t)(p->n_rooms ? p->n_rooms : 1), sizeof *fixed);
	int *open = calloc((size_t)(p->n_rooms ? p->n_rooms : 1), sizeof *open);
	uint64_t *avail = calloc(nt_all * wsz, sizeof *avail), *open_set = calloc(wsz, sizeof *open_set),
		 *ok_set = calloc(wsz, sizeof *ok_set);
	by_duration *order = malloc((size_t)(n ? n : 1) * sizeof *order);
	unsigned char *nowhere = calloc((size_t)(n ? n : 1), 1);
	if (!times || !kinds || !fixed || !open || !avail || !open_set || !ok_set || !order || !nowhere) {
		rc = IGS_ENOMEM;
		goto cleanup;
	}
	/* A room's own hours are the only part of the unary rule that depends on both the time
	 * and the room, and they read the session's duration alone: sessions are taken by
	 * duration, and for each duration every room's hours at every time are asked once, as
	 * bits, instead of once per session. The rest is asked per session: its pins, features
	 * and capacity once (a room they rule out has that kind at every time), its time rules
	 * once per time. */
	for (int s = 0; s < n; s++)
		order[s] = (by_duration){p->sessions[s].duration, s};
	qsort(order, (size_t)n, sizeof *order, cmp_duration);
	for (int k = 0; k < n; k++) {
		int s = order[k].s;
		igs_session *S = &p->sessions[s];
		if (k == 0 || order[k - 1].duration != S->duration) {
			memset(avail, 0, nt_all * wsz * sizeof *avail);
			for (int t = 0; t < p->n_times; t++) {
				int day = p->times[t].day, start = p->times[t].start;
				for (int r = 0; r < p->n_rooms; r++)
					if (igs_room_available(&p->rooms[r], day, start, start + S->duration))
						avail[(size_t)t * wsz + (size_t)(r / 64)] |= (uint64_t)1 << (r % 64);
			}
		}
		S->needs = S->requires | p->rules[S->rule].room_features;
		igs_place_unary_fixed(p, s, fixed);
		memset(open_set, 0, wsz * sizeof *open_set);
		memset(ok_set, 0, wsz * sizeof *ok_set);
		for (int r = 0; r < p->n_rooms; r++)
			if (fixed[r] < 0)
				open_set[r / 64] |= (uint64_t)1 << (r % 64);
		int nt = 0, nr = 0;
		for (int t = 0; t < p->n_times; t++) {
			/* No rooms asked: the time's own rules only. */
			if (igs_place_unary_rooms_fixed(p, s, t, fixed, open, 0, kinds) >= 0)
				continue;
			const uint64_t *at = avail + (size_t)t * wsz;
			uint64_t any = 0;
			for (int w = 0; w < nw; w++) {
				any |= open_set[w] & at[w];
				ok_set[w] |= open_set[w] & at[w];
			}
			if (any)
				times[nt++] = t;
		}
		for (int w = 0; w < nw; w++)
			for (uint64_t m = ok_set[w]; m; m &= m - 1)
				nr++;
		free(S->cand_times);
		free(S->cand_rooms);
		S->cand_times = malloc((size_t)(nt ? nt : 1) * sizeof *S->cand_times);
		S->cand_rooms = malloc((size_t)(nr ? nr : 1) * sizeof *S->cand_rooms);
		if (!S->cand_times || !S->cand_rooms) {
			rc = IGS_ENOMEM;
			goto cleanup;
		}
		memcpy(S->cand_times, times, (size_t)nt * sizeof *times);
		S->n_cand_times = nt;
		S->n_cand_rooms = 0;
		for (int r = 0; r < p->n_rooms; r++)
			if ((ok_set[r / 64] >> (r % 64)) & 1)
				S->cand_rooms[S->n_cand_rooms++] = r;
		/* An optional session that fits nowhere is simply left out, with its reason, by
		 * the solver; a required one makes the problem infeasible before any search. */
		nowhere[s] = nt == 0 && !S->optional;
	}
	/* Said in the order of the sessions, each with the furthest check it reached. */
	for (int s = 0; s < n; s++)
		if (nowhere[s]) {
			igs_place_unary_fixed(p, s, fixed);
			explain(p, s, furthest_check(p, s, fixed, open, kinds), d);
			rc = IGS_EINPUT;
		}

cleanup:
	free(times);
	free(kinds);
	free(fixed);
	free(open);
	free(avail);
	free(open_set);
	free(ok_set);
	free(order);
	free(nowhere);
	return rc;
}

/* Why two pinned sessions cannot both keep their pins, for the message. */
static const char *pin_conflict(int kind) {
	switch (kind) {
	case IGS_V_ROOM_CLASH: return "in the same room";
	case IGS_V_PERSON_CLASH: return "sharing a person";
	case IGS_V_GROUP_CLASH: return "sharing a group";
	case IGS_V_EXCLUSIVE: return "while one of them is exclusive";
	default: return "while their type rules keep them apart";
	}
}

/* The one placement a required session pinned to day, start and room can take: its time
 * index, or -1 when it is optional or any part is left free. */
static int fully_pinned(const igs_problem *p, const igs_session *S) {
	if (S->optional || S->pin_day < 0 || S->pin_start < 0 || S->pin_room < 0)
		return -1;
	return igs_problem_find_time(p, S->pin_day, S->pin_start);
}

/* Required sessions pinned to day, start and room whose pins break a pair rule: whatever the
 * solver does, one of them stays out. */
static int pin_clashes(const igs_problem *p, igs_diag *d) {
	int rc = IGS_OK;
	for (int a = 0; a < p->n_sessions; a++) {
		const igs_session *A = &p->sessions[a];
		int ta = fully_pinned(p, A);
		if (ta < 0)
			continue;
		for (int b = a + 1; b < p->n_sessions; b++) {
			const igs_session *B = &p->sessions[b];
			int tb = fully_pinned(p, B);
			if (tb < 0)
				continue;
			int kind = igs_place_pair(p, a, ta, A->pin_room, b, tb, B->pin_room);
			if (kind < 0)
				continue;
			char where[64], start[8];
			snprintf(where, sizeof where, "sessions[%d].pin", b);
			igs_format_hhmm(B->pin_start, start);
			igs_diag_add(d, p->source, where,
				     "'%s' is pinned to %s %s in room '%s', overlapping '%s' (sessions[%d].pin) %s; both "
				     "are required, so one cannot be placed: move one of the pins or make one optional",
				     B->id, p->days[B->pin_day].label, start, p->rooms[B->pin_room].id, A->id, a,
				     pin_conflict(kind));
			rc = IGS_EINFEASIBLE;
		}
	}
	return rc;
}

int igs_problem_feasibility(const igs_problem *p, igs_diag *d) {
	int rc = pin_clashes(p, d);
	/* Demand against supply, overall and for pre-event days, where the IGF's Day 0
	 * requests have outrun the rooms before. */
	long need_all = 0, need_pre = 0, have_all = 0, have_pre = 0;
	for (int s = 0; s < p->n_sessions; s++) {
		const igs_session *S = &p->sessions[s];
		if (S->optional || S->n_cand_times == 0)
			continue;
		need_all += S->duration;
		bool only_pre = true;
		for (int k = 0; k < S->n_cand_times; k++)
			only_pre = only_pre && p->days[p->times[S->cand_times[k]].day].pre_event;
		if (only_pre)
			need_pre += S->duration;
	}
	for (int day = 0; day < p->n_days; day++)
		for (int r = 0; r < p->n_rooms; r++) {
			long m = room_day_minutes(p, &p->rooms[r], day);
			have_all += m;
			if (p->days[day].pre_event)
				have_pre += m;
		}
	if (need_all > have_all) {
		igs_diag_add(d, p->source, "sessions",
			     "the required sessions need %.1f room-hours but the rooms offer only %.1f over all days; "
			     "mark some sessions optional, shorten them, or add rooms or slots",
			     need_all / 60.0, have_all / 60.0);
		rc = IGS_EINFEASIBLE;
	}
	if (need_pre > have_pre) {
		igs_diag_add(d, p->source, "sessions",
			     "the required sessions that can only run on pre-event days (Day 0) need %.1f room-hours "
			     "but those days offer only %.1f; mark some optional or add rooms or slots on Day 0",
			     need_pre / 60.0, have_pre / 60.0);
		rc = IGS_EINFEASIBLE;
	}
	return rc;
}
