/* igfsched serve's API: the shared editing state behind one lock, each parsed request run
 * against it and answered as JSON, the background optimisation, named versions on disk
 * (written atomically by the schedule writer), downloads in every format, and the event log
 * the pages' Server-Sent Event streams read. */
#include <dirent.h>
#include <errno.h>
#include <jansson.h>
#include <math.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli/serve.h"
#include "model/problem.h"
#include "model/timefmt.h"
#include "solver/edit.h"

/* Events kept for streams that fall behind (each a few hundred bytes). */
#define EVENTS_KEPT 64
#define EVENT_MAX 512

typedef enum { OPT_IDLE, OPT_RUNNING, OPT_DONE, OPT_FAILED } opt_state;

struct serve_app {
	serve_config cfg;
	const igs_problem *p;
	pthread_mutex_t lock;
	pthread_cond_t changed; /* a new event, or stopping */
	igs_edit *e;
	bool stopping;
	/* the event log: event k is ev[k % EVENTS_KEPT] */
	long ev_seq;
	char ev[EVENTS_KEPT][EVENT_MAX];
	/* the optimisation */
	opt_state opt;
	bool thread_live;
	pthread_t thread;
	atomic_int opt_stop;
	igs_edit_opt *job;
	igs_options opt_options;
	igs_edit_step *opt_steps; /* its result: n_opt_steps moves */
	int n_opt_steps, opt_hard;
	double opt_score, opt_best;
	long opt_tried, opt_from;
	char opt_error[160];
	char tmpdir[64]; /* a private directory for downloads, made at start */
};

/* ---- events ---- */

/* Appends one event; the caller holds the lock. */
static void push_event(serve_app *a, const char *type, json_t *data) {
	char *text = json_dumps(data, JSON_COMPACT);
	char *slot = a->ev[(a->ev_seq + 1) % EVENTS_KEPT];
	int n = snprintf(slot, EVENT_MAX, "event: %s\ndata: %s\n\n", type, text ? text : "{}");
	if (n >= EVENT_MAX) /* too long for a slot: the page refetches the state instead */
		snprintf(slot, EVENT_MAX, "event: state\ndata: {\"version\": %ld}\n\n", igs_edit_version(a->e));
	free(text);
	json_decref(data);
	a->ev_seq++;
	pthread_cond_broadcast(&a->changed);
}

static void push_state(serve_app *a) {
	push_event(a, "state", json_pack("{sI}", "version", (json_int_t)igs_edit_version(a->e)));
}

long serve_events_now(serve_app *a) {
	pthread_mutex_lock(&a->lock);
	long s = a->ev_seq;
	pthread_mutex_unlock(&a->lock);
	return s;
}

long serve_events_next(serve_app *a, long *seq, char *buf, size_t n, int timeout_ms) {
	struct timespec until;
	clock_gettime(CLOCK_REALTIME, &until);
	until.tv_sec += timeout_ms / 1000;
	until.tv_nsec += (long)(timeout_ms % 1000) * 1000000L;
	if (until.tv_nsec >= 1000000000L) {
		until.tv_sec++;
		until.tv_nsec -= 1000000000L;
	}
	pthread_mutex_lock(&a->lock);
	while (!a->stopping && a->ev_seq == *seq)
		if (pthread_cond_timedwait(&a->changed, &a->lock, &until) == ETIMEDOUT)
			break;
	long len;
	if (a->stopping) {
		len = -1;
	} else if (a->ev_seq == *seq) {
		len = 0;
	} else if (a->ev_seq - *seq > EVENTS_KEPT - 1) {
		*seq = a->ev_seq;
		len = snprintf(buf, n, "event: state\ndata: {\"version\": %ld}\n\n", igs_edit_version(a->e));
	} else {
		++*seq;
		len = snprintf(buf, n, "%s", a->ev[*seq % EVENTS_KEPT]);
	}
	pthread_mutex_unlock(&a->lock);
	return len;
}

/* ---- set-up ---- */

int serve_app_new(serve_app **out, const serve_config *cfg) {
	*out = NULL;
	serve_app *a = calloc(1, sizeof *a);
	if (!a)
		return IGS_ENOMEM;
	a->cfg = *cfg;
	a->p = cfg->problem;
	pthread_mutex_init(&a->lock, NULL);
	pthread_cond_init(&a->changed, NULL);
	const char *tmp = getenv("TMPDIR") && *getenv("TMPDIR") && strlen(getenv("TMPDIR")) < 32 ? getenv("TMPDIR") : "/tmp";
	snprintf(a->tmpdir, sizeof a->tmpdir, "%s/igfsched-serve.XXXXXX", tmp);
	if (!mkdtemp(a->tmpdir)) {
		fprintf(stderr, "igfsched: serve: cannot make a temporary directory in %s: %s\n", tmp, strerror(errno));
		a->tmpdir[0] = 0;
		serve_app_free(a);
		return IGS_EIO;
	}
	a->opt_steps = malloc((a->p->n_sessions > 0 ? (size_t)a->p->n_sessions : 1) * sizeof *a->opt_steps);
	if (!a->opt_steps || igs_edit_new(&a->e, cfg->start) != IGS_OK) {
		serve_app_free(a);
		return IGS_ENOMEM;
	}
	*out = a;
	return IGS_OK;
}

void serve_app_stop(serve_app *a) {
	pthread_mutex_lock(&a->lock);
	a->stopping = true;
	a->opt_stop = 1;
	pthread_cond_broadcast(&a->changed);
	pthread_mutex_unlock(&a->lock);
}

void serve_app_free(serve_app *a) {
	if (!a)
		return;
	serve_app_stop(a);
	if (a->thread_live)
		pthread_join(a->thread, NULL);
	igs_edit_opt_free(a->job);
	igs_edit_free(a->e);
	free(a->opt_steps);
	if (a->tmpdir[0])
		rmdir(a->tmpdir);
	pthread_cond_destroy(&a->changed);
	pthread_mutex_destroy(&a->lock);
	free(a);
}

/* ---- answers ---- */

static void reply_json(serve_reply *r, int status, json_t *o) {
	r->status = status;
	r->type = "application/json; charset=utf-8";
	r->body = o ? json_dumps(o, JSON_COMPACT | JSON_REAL_PRECISION(12)) : NULL;
	if (!r->body) {
		r->status = 500;
		r->static_body = "{\"error\":\"out of memory\"}";
		r->len = strlen(r->static_body);
	} else {
		r->len = strlen(r->body);
	}
	json_decref(o);
}

static void reply_error(serve_reply *r, int status, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void reply_error(serve_reply *r, int status, const char *fmt, ...) {
	char msg[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	reply_json(r, status, json_pack("{ss}", "error", msg));
}

void serve_reply_free(serve_reply *r) {
	free(r->body);
	r->body = NULL;
}

/* A score for JSON: rounded to the micro-unit so that sums print as people read them. */
static json_t *jscore(double x) {
	return isfinite(x) ? json_real(round(x * 1e6) / 1e6) : json_null();
}

static json_t *jplace(const igs_problem *p, int t, int r) {
	if (t < 0)
		return json_null();
	char hm[6];
	igs_format_hhmm(p->times[t].start, hm);
	return json_pack("{sisisssiss}", "time", t, "day", p->times[t].day, "start", hm, "room", r, "room_id",
			 p->rooms[r].id);
}

static json_t *json_problem(const igs_problem *p) {
	json_t *days = json_array(), *times = json_array(), *rooms = json_array(), *themes = json_array(),
	       *sessions = json_array(), *people = json_array();
	for (int d = 0; d < p->n_days; d++) {
		json_t *slots = json_array();
		for (int k = 0; k < p->days[d].n_slots; k++)
			json_array_append_new(slots, json_pack("[ii]", p->days[d].slots[k].from, p->days[d].slots[k].to));
		json_array_append_new(days, json_pack("{sssssbso}", "label", p->days[d].label, "date", p->days[d].date,
						      "pre_event", p->days[d].pre_event, "slots", slots));
	}
	for (int t = 0; t < p->n_times; t++)
		json_array_append_new(times, json_pack("[ii]", p->times[t].day, p->times[t].start));
	for (int r = 0; r < p->n_rooms; r++)
		json_array_append_new(rooms, json_pack("{sssssi}", "id", p->rooms[r].id, "name", p->rooms[r].name,
						       "capacity", p->rooms[r].capacity));
	for (int k = 0; k < p->n_themes; k++)
		json_array_append_new(themes, json_pack("{ssss}", "id", p->themes[k].id, "name", p->themes[k].name));
	for (int k = 0; k < p->n_people; k++)
		json_array_append_new(people, json_string(p->people[k].name));
	for (int s = 0; s < p->n_sessions; s++) {
		const igs_session *S = &p->sessions[s];
		json_t *th = json_array(), *pp = json_array();
		for (int k = 0; k < S->n_themes; k++)
			json_array_append_new(th, json_integer(S->themes[k]));
		for (int k = 0; k < S->n_people; k++)
			json_array_append_new(pp, json_integer(S->people[k].person));
		json_array_append_new(sessions,
				      json_pack("{sssssssisosbsfsosbss}", "id", S->id, "title", S->title, "type", S->type,
						"duration", S->duration, "themes", th, "optional", S->optional, "priority",
						S->priority, "people", pp, "fixed_in_problem",
						S->pin_day >= 0 || S->pin_start >= 0 || S->pin_room >= 0, "description",
						S->description ? S->description : ""));
	}
	return json_pack("{sssssosososososo}", "name", p->name ? p->name : "", "timezone", p->timezone ? p->timezone : "",
			 "days", days, "times", times, "rooms", rooms, "themes", themes, "people", people, "sessions",
			 sessions);
}

/* The caller holds the lock. */
static json_t *json_state(serve_app *a) {
	const igs_problem *p = a->p;
	const igs_schedule *s = igs_edit_schedule(a->e);
	const igs_report *r = igs_edit_report(a->e);
	json_t *pl = json_array(), *pins = json_array(), *moved = json_array(), *reasons = json_object(),
	       *viol = json_array();
	for (int i = 0; i < s->n; i++) {
		json_array_append_new(pl, s->time[i] < 0 ? json_null() : json_pack("[ii]", s->time[i], s->room[i]));
		if (igs_edit_pinned(a->e, i))
			json_array_append_new(pins, json_integer(i));
		if (igs_edit_moved(a->e, i))
			json_array_append_new(moved, json_integer(i));
		if (s->time[i] < 0)
			json_object_set_new(reasons, p->sessions[i].id, json_string(s->reason[i] ? s->reason[i] : ""));
	}
	for (int k = 0; k < r->n_violations; k++) {
		const igs_violation *v = &r->violations[k];
		json_array_append_new(viol, json_pack("{sssssisi}", "rule", igs_violation_name(v->kind), "text",
						      v->text ? v->text : "", "a", v->a, "b", v->b));
	}
	return json_pack("{sIsosisisisbsbsssososososo}", "version", (json_int_t)igs_edit_version(a->e), "score",
			 jscore(igs_report_score(r)), "hard", igs_report_hard_count(r), "scheduled", r->n_scheduled,
			 "unscheduled", r->n_unscheduled, "can_undo", igs_edit_can_undo(a->e), "can_redo",
			 igs_edit_can_redo(a->e), "optimising",
			 a->opt == OPT_RUNNING ? "running" : a->opt == OPT_DONE ? "done" : a->opt == OPT_FAILED ? "failed" : "idle",
			 "placements", pl, "pinned", pins, "moved", moved, "reasons", reasons, "violations", viol);
}

static json_t *json_clashes(const igs_problem *p, const igs_edit_clash *c, int n) {
	json_t *v = json_array();
	for (int i = 0; i < n; i++)
		json_array_append_new(v, json_pack("{sssosb}", "session", p->sessions[c[i].other].id, "cost",
						   jscore(c[i].cost), "hard", c[i].hard));
	return v;
}

static json_t *json_verdict(serve_app *a, const igs_edit_verdict *v) {
	const igs_problem *p = a->p;
	json_t *broken = json_array();
	for (int i = 0; i < v->n_broken; i++) {
		const igs_edit_break *b = &v->broken[i];
		char text[300];
		igs_edit_break_text(p, b, text, sizeof text);
		json_t *o = json_pack("{ssss}", "rule", b->kind == IGS_V__COUNT ? "hard" : igs_violation_name(b->kind),
				      "text", text);
		if (b->other >= 0)
			json_object_set_new(o, "session", json_string(p->sessions[b->other].id));
		if (b->person >= 0)
			json_object_set_new(o, "person", json_string(p->people[b->person].name));
		if (b->room >= 0)
			json_object_set_new(o, "room", json_string(p->rooms[b->room].id));
		json_array_append_new(broken, o);
	}
	double score = igs_report_score(igs_edit_report(a->e));
	return json_pack("{sbsosososisososi}", "feasible", v->feasible, "delta", jscore(v->delta), "score_after",
			 jscore(score + v->delta), "broken", broken, "broken_all", v->n_broken_all, "clashes_made",
			 json_clashes(p, v->made, v->n_made), "clashes_removed", json_clashes(p, v->removed, v->n_removed),
			 "clashes_all", v->n_made_all + v->n_removed_all);
}

static bool stale(serve_app *a, const serve_cmd *c, serve_reply *r) {
	long now = igs_edit_version(a->e);
	if (c->version == now)
		return false;
	reply_error(r, 409, "stale edit: it was made on version %ld, the schedule is now at version %ld (someone else "
			    "changed it); look again and redo it",
		    c->version, now);
	return true;
}

static void reply_state(serve_app *a, serve_reply *r, json_t *extra) {
	json_t *o = json_state(a);
	if (extra)
		json_object_update_new(o, extra);
	reply_json(r, 200, o);
}

/* ---- the optimisation ---- */

static void on_progress(long tried, double best, void *arg) {
	serve_app *a = arg;
	pthread_mutex_lock(&a->lock);
	a->opt_tried = tried;
	a->opt_best = best;
	push_event(a, "progress", json_pack("{sIso}", "tried", (json_int_t)tried, "best", jscore(best)));
	pthread_mutex_unlock(&a->lock);
}

static void *opt_main(void *arg) {
	serve_app *a = arg;
	int rc = igs_edit_opt_run(a->job, &a->opt_options, on_progress, a);
	double score = NAN;
	int hard = 0, n = rc == IGS_OK ? igs_edit_opt_moves(a->job, a->opt_steps, &score, &hard) : IGS_ENOMEM;
	pthread_mutex_lock(&a->lock);
	if (n < 0) {
		a->opt = OPT_FAILED;
		snprintf(a->opt_error, sizeof a->opt_error, "out of memory during the optimisation");
		a->n_opt_steps = 0;
	} else {
		a->opt = OPT_DONE;
		a->n_opt_steps = n;
		a->opt_score = score;
		a->opt_hard = hard;
	}
	push_event(a, "optimise",
		   json_pack("{sssisosb}", "status", a->opt == OPT_DONE ? "done" : "failed", "moves", a->n_opt_steps,
			     "score", jscore(a->opt_score), "stopped", atomic_load(&a->opt_stop) != 0));
	pthread_mutex_unlock(&a->lock);
	return NULL;
}

static json_t *json_opt(serve_app *a) {
	const igs_problem *p = a->p;
	json_t *moves = json_array();
	for (int i = 0; a->opt == OPT_DONE && i < a->n_opt_steps; i++) {
		const igs_edit_step *x = &a->opt_steps[i];
		json_array_append_new(moves, json_pack("{sssososb}", "session", p->sessions[x->s].id, "from",
						       jplace(p, x->t0, x->r0), "to", jplace(p, x->t1, x->r1), "pinned",
						       igs_edit_pinned(a->e, x->s)));
	}
	const char *st = a->opt == OPT_RUNNING ? "running" : a->opt == OPT_DONE ? "done" : a->opt == OPT_FAILED ? "failed" : "idle";
	return json_pack("{sssIsosIsososisIss}", "status", st, "tried", (json_int_t)a->opt_tried, "best", jscore(a->opt_best),
			 "from_version", (json_int_t)a->opt_from, "score", jscore(a->opt_score), "moves", moves, "hard",
			 a->opt_hard, "current_version", (json_int_t)igs_edit_version(a->e), "error", a->opt_error);
}

static void run_optimise(serve_app *a, const serve_cmd *c, serve_reply *r) {
	if (a->opt == OPT_RUNNING) {
		reply_error(r, 409, "an optimisation is already running (one at a time); stop it or wait for it");
		return;
	}
	if (stale(a, c, r))
		return;
	if (a->thread_live) {
		pthread_join(a->thread, NULL); /* finished: it set OPT_DONE or OPT_FAILED last */
		a->thread_live = false;
	}
	igs_edit_opt_free(a->job);
	a->job = NULL;
	if (igs_edit_opt_new(&a->job, a->e, c->fix_moved) != IGS_OK) {
		reply_error(r, 500, "out of memory");
		return;
	}
	a->opt_options = a->cfg.options;
	if (c->seconds > 0)
		a->opt_options.time_limit = c->seconds;
	if (c->moves >= 0)
		a->opt_options.moves = c->moves;
	a->opt_options.interrupt = &a->opt_stop;
	atomic_store(&a->opt_stop, 0);
	a->opt = OPT_RUNNING;
	a->opt_tried = 0;
	a->opt_best = a->opt_score = NAN;
	a->opt_error[0] = 0;
	a->n_opt_steps = 0;
	a->opt_from = igs_edit_version(a->e);
	if (pthread_create(&a->thread, NULL, opt_main, a) != 0) {
		a->opt = OPT_FAILED;
		reply_error(r, 500, "cannot start the optimisation thread");
		return;
	}
	a->thread_live = true;
	push_event(a, "optimise", json_pack("{ss}", "status", "running"));
	reply_json(r, 202, json_opt(a));
}

static void run_accept(serve_app *a, const serve_cmd *c, serve_reply *r) {
	if (a->opt != OPT_DONE) {
		reply_error(r, 409, "no optimisation result to accept (status: %s)",
			    a->opt == OPT_RUNNING ? "running" : "none");
		return;
	}
	if (stale(a, c, r))
		return;
	igs_edit_step *st = malloc(((size_t)a->n_opt_steps + 1) * sizeof *st);
	if (!st) {
		reply_error(r, 500, "out of memory");
		return;
	}
	int n = 0;
	for (int i = 0; i < a->n_opt_steps; i++) {
		bool take = c->all;
		for (int k = 0; !take && k < c->n_accept; k++)
			take = c->accept[k] == a->opt_steps[i].s;
		/* A session pinned since the optimisation started stays where it is. */
		if (take && !igs_edit_pinned(a->e, a->opt_steps[i].s))
			st[n++] = a->opt_steps[i];
	}
	for (int k = 0; k < c->n_accept; k++) {
		bool found = false;
		for (int i = 0; i < a->n_opt_steps; i++)
			found = found || a->opt_steps[i].s == c->accept[k];
		if (!found) {
			free(st);
			reply_error(r, 400, "\"sessions\": %s is not one of the optimisation's moves",
				    a->p->sessions[c->accept[k]].id);
			return;
		}
	}
	int before = igs_report_hard_count(igs_edit_report(a->e));
	int rc = igs_edit_apply(a->e, st, n, false);
	free(st);
	if (rc != IGS_OK) {
		reply_error(r, 500, "out of memory");
		return;
	}
	int after = igs_report_hard_count(igs_edit_report(a->e));
	if (after > before) {
		/* The schedule changed under the result, or a subset of moves depends on the rest. */
		igs_edit_undo(a->e);
		reply_error(r, 409, "these moves now break %d more hard rule%s (the schedule changed since the "
				    "optimisation started, or they need moves left out); nothing was applied",
			    after - before, after - before == 1 ? "" : "s");
		push_state(a);
		return;
	}
	push_state(a);
	reply_state(a, r, json_pack("{si}", "applied", n));
}

/* ---- versions on disk ---- */

static void version_path(serve_app *a, const char *name, char *buf, size_t n) {
	snprintf(buf, n, "%s/%s.schedule.json", a->cfg.versions_dir, name);
}

static int load_version(serve_app *a, const char *name, igs_schedule **s, serve_reply *r) {
	char path[1024];
	version_path(a, name, path, sizeof path);
	struct stat st;
	if (stat(path, &st) != 0) {
		reply_error(r, 404, "no saved version named \"%s\" (GET /api/versions lists them)", name);
		return -1;
	}
	igs_diag *d = igs_diag_new();
	int rc = d ? igs_schedule_load(s, a->p, path, d) : IGS_ENOMEM;
	if (rc != IGS_OK) {
		const igs_msg *m = d && igs_diag_count(d) ? igs_diag_get(d, 0) : NULL;
		reply_error(r, rc == IGS_ENOMEM ? 500 : 422, "version \"%s\" cannot be read: %s%s%s", name,
			    m ? m->where : "", m && m->where[0] ? ": " : "", m ? m->message : "out of memory");
	}
	igs_diag_free(d);
	return rc == IGS_OK ? 0 : -1;
}

static void run_save(serve_app *a, const serve_cmd *c, serve_reply *r) {
	if (mkdir(a->cfg.versions_dir, 0777) != 0 && errno != EEXIST) {
		reply_error(r, 500, "cannot create the versions directory: %s", strerror(errno));
		return;
	}
	char path[1024];
	version_path(a, c->name, path, sizeof path);
	igs_diag *d = igs_diag_new();
	int rc = d ? igs_schedule_write(igs_edit_schedule(a->e), igs_edit_report(a->e), IGS_FMT_JSON, path, d)
		   : IGS_ENOMEM;
	if (rc != IGS_OK) {
		const igs_msg *m = d && igs_diag_count(d) ? igs_diag_get(d, 0) : NULL;
		reply_error(r, 500, "version \"%s\" was not saved: %s", c->name, m ? m->message : "out of memory");
	} else {
		push_event(a, "versions", json_pack("{ss}", "saved", c->name));
		reply_json(r, 200, json_pack("{sssI}", "saved", c->name, "version", (json_int_t)igs_edit_version(a->e)));
	}
	igs_diag_free(d);
}

static int name_cmp(const void *x, const void *y) {
	return strcmp(json_string_value(*(json_t *const *)x), json_string_value(*(json_t *const *)y));
}

static void run_versions(serve_app *a, serve_reply *r) {
	json_t *names = json_array();
	DIR *dir = opendir(a->cfg.versions_dir);
	const char *ext = ".schedule.json";
	size_t ne = strlen(ext);
	for (struct dirent *de; dir && (de = readdir(dir));) {
		size_t n = strlen(de->d_name);
		if (n > ne && n - ne <= SERVE_NAME_MAX && de->d_name[0] != '.' && strcmp(de->d_name + n - ne, ext) == 0)
			json_array_append_new(names, json_stringn(de->d_name, n - ne));
	}
	if (dir)
		closedir(dir);
	size_t n = json_array_size(names);
	json_t **v = malloc((n + 1) * sizeof *v);
	json_t *sorted = json_array();
	for (size_t i = 0; v && i < n; i++)
		v[i] = json_array_get(names, i);
	if (v)
		qsort(v, n, sizeof *v, name_cmp);
	for (size_t i = 0; v && i < n; i++)
		json_array_append(sorted, v[i]);
	free(v);
	json_decref(names);
	reply_json(r, 200, json_pack("{so}", "versions", sorted));
}

static void run_open(serve_app *a, const serve_cmd *c, serve_reply *r) {
	if (stale(a, c, r))
		return;
	igs_schedule *s = NULL;
	if (load_version(a, c->name, &s, r) != 0)
		return;
	int rc = igs_edit_replace(a->e, s);
	igs_schedule_free(s);
	if (rc != IGS_OK) {
		reply_error(r, 500, "out of memory");
		return;
	}
	push_state(a);
	reply_state(a, r, json_pack("{ss}", "opened", c->name));
}

static void run_compare(serve_app *a, const serve_cmd *c, serve_reply *r) {
	const igs_problem *p = a->p;
	igs_schedule *loaded[2] = {NULL, NULL};
	const igs_schedule *v[2];
	const char *names[2] = {c->name, c->name_b};
	for (int k = 0; k < 2; k++) {
		if (!names[k][0]) {
			v[k] = igs_edit_schedule(a->e);
		} else if (load_version(a, names[k], &loaded[k], r) != 0) {
			igs_schedule_free(loaded[0]);
			return;
		} else {
			v[k] = loaded[k];
		}
	}
	json_t *changes = json_array(), *notify = json_array();
	bool *told = calloc((size_t)p->n_people + 1, sizeof *told);
	for (int i = 0; told && i < p->n_sessions; i++) {
		int ta = v[0]->time[i], tb = v[1]->time[i], ra = v[0]->room[i], rb = v[1]->room[i];
		if (ta == tb && (ta < 0 || ra == rb))
			continue;
		const char *what = igs_change_name(igs_change_of(ta >= 0 ? p->times[ta].day : -1, ta >= 0 ? p->times[ta].start : -1, ra,
								  tb >= 0 ? p->times[tb].day : -1, tb >= 0 ? p->times[tb].start : -1, rb));
		json_t *people = json_array();
		for (int k = 0; k < p->sessions[i].n_people; k++) {
			int who = p->sessions[i].people[k].person;
			json_array_append_new(people, json_string(p->people[who].name));
			if (!told[who]) {
				told[who] = true;
				json_array_append_new(notify, json_string(p->people[who].name));
			}
		}
		json_array_append_new(changes, json_pack("{sssssssososo}", "session", p->sessions[i].id, "title",
							 p->sessions[i].title, "change", what, "from", jplace(p, ta, ra), "to",
							 jplace(p, tb, rb), "people", people));
	}
	free(told);
	igs_schedule_free(loaded[0]);
	igs_schedule_free(loaded[1]);
	reply_json(r, 200, json_pack("{sssssoso}", "a", c->name[0] ? c->name : "current", "b",
				     c->name_b[0] ? c->name_b : "current", "changes", changes, "notify", notify));
}

/* ---- downloads ---- */

static void run_download(serve_app *a, const serve_cmd *c, serve_reply *r) {
	static const struct {
		igs_format f;
		const char *ext, *type;
	} t[] = {{IGS_FMT_JSON, "json", "application/json"},
		 {IGS_FMT_CSV, "csv", "text/csv; charset=utf-8"},
		 {IGS_FMT_HTML, "html", "text/html; charset=utf-8"},
		 {IGS_FMT_ICS, "ics", "text/calendar; charset=utf-8"},
		 {IGS_FMT_FRAB, "xml", "application/xml"},
		 {IGS_FMT_FRAB_JSON, "frab.json", "application/json"},
		 {IGS_FMT_TEXT, "txt", "text/plain; charset=utf-8"}};
	size_t k = 0;
	while (t[k].f != c->format)
		k++;
	/* The existing writers write files: into the private directory, read back, removed. */
	char path[128];
	snprintf(path, sizeof path, "%s/download.%s", a->tmpdir, t[k].ext);
	igs_diag *d = igs_diag_new();
	int rc = d ? igs_schedule_write(igs_edit_schedule(a->e), igs_edit_report(a->e), c->format, path, d) : IGS_ENOMEM;
	igs_diag_free(d);
	FILE *f = rc == IGS_OK ? fopen(path, "rb") : NULL;
	char *buf = NULL;
	long n = -1;
	if (f && fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0 && fseek(f, 0, SEEK_SET) == 0 &&
	    (buf = malloc((size_t)n + 1)) && fread(buf, 1, (size_t)n, f) != (size_t)n) {
		free(buf);
		buf = NULL;
	}
	if (f)
		fclose(f);
	unlink(path);
	if (!buf) {
		reply_error(r, 500, "the %s writer failed", t[k].ext);
		return;
	}
	r->status = 200;
	r->type = t[k].type;
	r->body = buf;
	r->len = (size_t)n;
	char safe[64];
	size_t j = 0;
	for (const char *q = a->cfg.name; *q && j + 1 < sizeof safe; q++)
		safe[j++] = (*q >= 'a' && *q <= 'z') || (*q >= 'A' && *q <= 'Z') || (*q >= '0' && *q <= '9') || *q == '-' ? *q : '_';
	safe[j] = 0;
	snprintf(r->disposition, sizeof r->disposition, "attachment; filename=\"%s.schedule.%s\"", j ? safe : "igfsched",
		 t[k].ext);
}

/* ---- the requests ---- */

static void run_cells(serve_app *a, const serve_cmd *c, serve_reply *r) {
	const igs_problem *p = a->p;
	size_t n = (size_t)p->n_times * (size_t)p->n_rooms + 1;
	igs_edit_break *brk = malloc(n * sizeof *brk);
	double *delta = malloc(n * sizeof *delta);
	if (!brk || !delta) {
		free(brk), free(delta);
		reply_error(r, 500, "out of memory");
		return;
	}
	igs_edit_cells(a->e, c->session, brk, delta);
	json_t *rows = json_array();
	for (int t = 0; t < p->n_times; t++) {
		json_t *row = json_array();
		for (int rr = 0; rr < p->n_rooms; rr++) {
			size_t i = (size_t)t * (size_t)p->n_rooms + (size_t)rr;
			if (!isnan(delta[i])) {
				json_array_append_new(row, jscore(delta[i]));
				continue;
			}
			char text[300];
			igs_edit_break_text(p, &brk[i], text, sizeof text);
			json_array_append_new(row, json_string(text));
		}
		json_array_append_new(rows, row);
	}
	free(brk), free(delta);
	reply_json(r, 200, json_pack("{sssIso}", "session", p->sessions[c->session].id, "version",
				     (json_int_t)igs_edit_version(a->e), "cells", rows));
}

static void run_alternatives(serve_app *a, const serve_cmd *c, serve_reply *r) {
	const igs_problem *p = a->p;
	int t[100], rr[100];
	double d[100];
	int n = igs_edit_alternatives(a->e, c->session, c->top, t, rr, d);
	if (n < 0) {
		reply_error(r, 500, "out of memory");
		return;
	}
	json_t *list = json_array();
	for (int i = 0; i < n; i++) {
		igs_edit_verdict v;
		igs_edit_judge(a->e, c->session, t[i], rr[i], true, &v);
		json_t *o = json_verdict(a, &v);
		json_object_set_new(o, "to", jplace(p, t[i], rr[i]));
		json_array_append_new(list, o);
	}
	const igs_schedule *s = igs_edit_schedule(a->e);
	igs_edit_verdict now;
	int me = c->session;
	/* What it costs now: the change if it were left out, with the clashes that would go. */
	igs_edit_judge(a->e, me, -1, -1, true, &now);
	reply_json(r, 200, json_pack("{sssosIsososb}", "session", p->sessions[me].id, "at", jplace(p, s->time[me], s->room[me]),
				     "version", (json_int_t)igs_edit_version(a->e), "alternatives", list, "leave_out",
				     json_verdict(a, &now), "pinned", igs_edit_pinned(a->e, me)));
}

static void run_move(serve_app *a, const serve_cmd *c, serve_reply *r) {
	if (stale(a, c, r))
		return;
	if (igs_edit_pinned(a->e, c->session)) {
		reply_error(r, 409, "%s is pinned: unpin it first", a->p->sessions[c->session].id);
		return;
	}
	igs_edit_verdict v;
	igs_edit_judge(a->e, c->session, c->time, c->room, true, &v);
	if (!v.feasible && !c->force) {
		json_t *o = json_verdict(a, &v);
		char text[300] = "";
		if (v.n_broken)
			igs_edit_break_text(a->p, &v.broken[0], text, sizeof text);
		json_object_set_new(o, "error", json_sprintf("refused: the move breaks a hard rule (%s); send \"force\": "
							      "true to make it anyway, marked",
							      text));
		reply_json(r, 422, o);
		return;
	}
	json_t *judged = json_verdict(a, &v); /* priced against the schedule before the move */
	igs_edit_step st = {c->session, -1, -1, c->time, c->room};
	if (igs_edit_apply(a->e, &st, 1, true) != IGS_OK) {
		json_decref(judged);
		reply_error(r, 500, "out of memory");
		return;
	}
	push_state(a);
	reply_state(a, r, json_pack("{so}", "move", judged));
}

static void run_history(serve_app *a, const serve_cmd *c, serve_reply *r, bool undo) {
	if (stale(a, c, r))
		return;
	int rc = undo ? igs_edit_undo(a->e) : igs_edit_redo(a->e);
	if (rc == IGS_EUSAGE) {
		reply_error(r, 409, "nothing to %s", undo ? "undo" : "redo");
		return;
	}
	if (rc != IGS_OK) {
		reply_error(r, 500, "out of memory");
		return;
	}
	push_state(a);
	reply_state(a, r, NULL);
}

void serve_exec(serve_app *a, const serve_cmd *c, serve_reply *r) {
	memset(r, 0, sizeof *r);
	switch (c->ep) {
	case EP_PAGE:
		r->status = 200;
		r->type = "text/html; charset=utf-8";
		r->static_body = serve_page_html;
		r->len = serve_page_html_len;
		return;
	case EP_APP_JS:
		r->status = 200;
		r->type = "text/javascript; charset=utf-8";
		r->static_body = serve_page_js;
		r->len = serve_page_js_len;
		return;
	case EP_APP_CSS:
		r->status = 200;
		r->type = "text/css; charset=utf-8";
		r->static_body = serve_page_css;
		r->len = serve_page_css_len;
		return;
	case EP_PROBLEM: reply_json(r, 200, json_problem(a->p)); return;
	default: break;
	}
	pthread_mutex_lock(&a->lock);
	switch (c->ep) {
	case EP_STATE: reply_state(a, r, NULL); break;
	case EP_JUDGE: {
		igs_edit_verdict v;
		igs_edit_judge(a->e, c->session, c->time, c->room, true, &v);
		json_t *o = json_verdict(a, &v);
		json_object_set_new(o, "version", json_integer(igs_edit_version(a->e)));
		reply_json(r, 200, o);
		break;
	}
	case EP_CELLS: run_cells(a, c, r); break;
	case EP_ALTERNATIVES: run_alternatives(a, c, r); break;
	case EP_MOVE: run_move(a, c, r); break;
	case EP_PIN:
		if (!stale(a, c, r)) {
			igs_edit_set_pin(a->e, c->session, c->pinned);
			push_state(a);
			reply_state(a, r, NULL);
		}
		break;
	case EP_UNDO: run_history(a, c, r, true); break;
	case EP_REDO: run_history(a, c, r, false); break;
	case EP_OPTIMISE: run_optimise(a, c, r); break;
	case EP_OPT_STOP:
		if (a->opt != OPT_RUNNING) {
			reply_error(r, 409, "no optimisation is running");
		} else {
			atomic_store(&a->opt_stop, 1);
			reply_json(r, 202, json_opt(a));
		}
		break;
	case EP_OPT_STATUS: reply_json(r, 200, json_opt(a)); break;
	case EP_OPT_ACCEPT: run_accept(a, c, r); break;
	case EP_VERSIONS: run_versions(a, r); break;
	case EP_SAVE: run_save(a, c, r); break;
	case EP_OPEN: run_open(a, c, r); break;
	case EP_COMPARE: run_compare(a, c, r); break;
	case EP_DOWNLOAD: run_download(a, c, r); break;
	default: reply_error(r, 500, "no handler for this endpoint"); break;
	}
	pthread_mutex_unlock(&a->lock);
}
