/* igfsched serve's request parser and access check: every request is turned into a checked
 * command (indices resolved against the problem, ranges checked, unknown fields refused) or a
 * status with what is wrong, before anything reads or changes the state. */
#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "cli/serve.h"
#include "model/problem.h"
#include "model/timefmt.h"

typedef struct {
	const char *method, *path;
	serve_endpoint ep;
	bool body; /* takes a JSON object */
} route;

static const route routes[] = {
	{"GET", "/", EP_PAGE, false},
	{"GET", "/static/app.js", EP_APP_JS, false},
	{"GET", "/static/app.css", EP_APP_CSS, false},
	{"GET", "/api/problem", EP_PROBLEM, false},
	{"GET", "/api/state", EP_STATE, false},
	{"GET", "/api/events", EP_EVENTS, false},
	{"POST", "/api/judge", EP_JUDGE, true},
	{"POST", "/api/cells", EP_CELLS, true},
	{"POST", "/api/alternatives", EP_ALTERNATIVES, true},
	{"POST", "/api/move", EP_MOVE, true},
	{"POST", "/api/pin", EP_PIN, true},
	{"POST", "/api/undo", EP_UNDO, true},
	{"POST", "/api/redo", EP_REDO, true},
	{"POST", "/api/optimise", EP_OPTIMISE, true},
	{"POST", "/api/optimise/stop", EP_OPT_STOP, true},
	{"GET", "/api/optimise", EP_OPT_STATUS, false},
	{"POST", "/api/optimise/accept", EP_OPT_ACCEPT, true},
	{"GET", "/api/versions", EP_VERSIONS, false},
	{"POST", "/api/versions/save", EP_SAVE, true},
	{"POST", "/api/versions/open", EP_OPEN, true},
	{"POST", "/api/compare", EP_COMPARE, true},
	{"GET", "/api/download", EP_DOWNLOAD, false},
};
#define N_ROUTES ((int)(sizeof routes / sizeof routes[0]))

/* The fields each endpoint's body may carry; any other is a mistake worth saying. */
static const char *const fields_of[][8] = {
	[EP_JUDGE] = {"session", "day", "start", "room", "out", NULL},
	[EP_CELLS] = {"session", NULL},
	[EP_ALTERNATIVES] = {"session", "top", NULL},
	[EP_MOVE] = {"version", "session", "day", "start", "room", "out", "force", NULL},
	[EP_PIN] = {"version", "session", "pinned", NULL},
	[EP_UNDO] = {"version", NULL},
	[EP_REDO] = {"version", NULL},
	[EP_OPTIMISE] = {"version", "fix_moved", "seconds", "moves", NULL},
	[EP_OPT_STOP] = {NULL},
	[EP_OPT_ACCEPT] = {"version", "sessions", "all", NULL},
	[EP_SAVE] = {"name", NULL},
	[EP_OPEN] = {"version", "name", NULL},
	[EP_COMPARE] = {"a", "b", NULL},
};

bool serve_public_path(const char *path) {
	return strcmp(path, "/static/app.js") == 0 || strcmp(path, "/static/app.css") == 0;
}

void serve_cmd_free(serve_cmd *c) {
	free(c->accept);
	c->accept = NULL;
	c->n_accept = 0;
}

#define FAIL(status, ...)                                                                          \
	do {                                                                                       \
		snprintf(err, n_err, __VA_ARGS__);                                                 \
		return status;                                                                     \
	} while (0)

static bool name_ok(const char *s) {
	size_t n = strlen(s);
	if (n == 0 || n > SERVE_NAME_MAX || s[0] == '.')
		return false;
	for (size_t i = 0; i < n; i++) {
		char ch = s[i];
		if (!((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') || ch == '-' ||
		      ch == '_' || ch == '.'))
			return false;
	}
	return true;
}

/* A whole number within [lo, hi] at key, or the default when absent. */
static int get_long(json_t *o, const char *key, long lo, long hi, long def, long *v, char *err, size_t n_err) {
	json_t *x = json_object_get(o, key);
	if (!x) {
		*v = def;
		return 0;
	}
	if (!json_is_integer(x) || json_integer_value(x) < lo || json_integer_value(x) > hi)
		FAIL(400, "\"%s\" must be a whole number from %ld to %ld", key, lo, hi);
	*v = (long)json_integer_value(x);
	return 0;
}

static int get_bool(json_t *o, const char *key, bool *v, char *err, size_t n_err) {
	json_t *x = json_object_get(o, key);
	if (!x) {
		*v = false;
		return 0;
	}
	if (!json_is_boolean(x))
		FAIL(400, "\"%s\" must be true or false", key);
	*v = json_is_true(x);
	return 0;
}

static int get_session(const igs_problem *p, json_t *o, int *s, char *err, size_t n_err) {
	json_t *x = json_object_get(o, "session");
	if (!json_is_string(x))
		FAIL(400, "\"session\" must be a session id (a string)");
	*s = igs_problem_find_session(p, json_string_value(x));
	if (*s < 0)
		FAIL(400, "unknown session id \"%.80s\"", json_string_value(x));
	return 0;
}

static int get_name(json_t *o, const char *key, bool current_ok, char *out, char *err, size_t n_err) {
	json_t *x = json_object_get(o, key);
	if (!json_is_string(x))
		FAIL(400, "\"%s\" must be a version name (a string)", key);
	const char *v = json_string_value(x);
	if (current_ok && strcmp(v, "current") == 0) {
		out[0] = 0;
		return 0;
	}
	if (!name_ok(v))
		FAIL(400, "\"%s\": a version name is 1 to %d letters, digits, '-', '_' or '.', not starting with '.'%s",
		     key, SERVE_NAME_MAX, current_ok ? " (or \"current\")" : "");
	snprintf(out, SERVE_NAME_MAX + 1, "%s", v);
	return 0;
}

/* Where to: {"out": true}, or "day" (index, date or label), "start" ("HH:MM") and "room" (id). */
static int get_place(const igs_problem *p, json_t *o, serve_cmd *c, char *err, size_t n_err) {
	bool out;
	int rc = get_bool(o, "out", &out, err, n_err);
	if (rc)
		return rc;
	if (out) {
		if (json_object_get(o, "day") || json_object_get(o, "start") || json_object_get(o, "room"))
			FAIL(400, "\"out\": true leaves the session out; give no day, start or room with it");
		c->time = c->room = -1;
		return 0;
	}
	json_t *day = json_object_get(o, "day"), *start = json_object_get(o, "start"), *room = json_object_get(o, "room");
	if (!day || !start || !room)
		FAIL(400, "give \"day\", \"start\" and \"room\" (or \"out\": true)");
	int d = -1;
	if (json_is_integer(day) && json_integer_value(day) >= 0 && json_integer_value(day) < p->n_days)
		d = (int)json_integer_value(day);
	else if (json_is_string(day))
		d = igs_problem_find_day(p, json_string_value(day));
	if (d < 0)
		FAIL(400, "\"day\": no such day (give its index from 0 to %d, its date or its label)", p->n_days - 1);
	int minute;
	if (!json_is_string(start) || igs_parse_hhmm(json_string_value(start), &minute) != 0)
		FAIL(400, "\"start\" must be a time \"HH:MM\"");
	c->time = igs_problem_find_time(p, d, minute);
	if (c->time < 0)
		FAIL(400, "\"start\" %s is outside the grid: no session starts at that time on %s", json_string_value(start),
		     p->days[d].label);
	if (!json_is_string(room) || (c->room = igs_problem_find_room(p, json_string_value(room))) < 0)
		FAIL(400, "\"room\": unknown room id \"%.80s\"", json_is_string(room) ? json_string_value(room) : "");
	return 0;
}

static int format_of(const char *f, igs_format *out) {
	static const struct {
		const char *name;
		igs_format f;
	} t[] = {{"json", IGS_FMT_JSON}, {"csv", IGS_FMT_CSV},   {"html", IGS_FMT_HTML},
		 {"ics", IGS_FMT_ICS},   {"frab", IGS_FMT_FRAB}, {"frab-json", IGS_FMT_FRAB_JSON},
		 {"text", IGS_FMT_TEXT}};
	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++)
		if (strcmp(f, t[i].name) == 0) {
			*out = t[i].f;
			return 0;
		}
	return -1;
}

static int parse_body(const igs_problem *p, json_t *o, serve_cmd *c, char *err, size_t n_err) {
	const char *key;
	json_t *val;
	json_object_foreach(o, key, val) {
		bool known = false;
		for (int i = 0; fields_of[c->ep][i]; i++)
			known = known || strcmp(fields_of[c->ep][i], key) == 0;
		if (!known)
			FAIL(400, "unknown field \"%.60s\" for this request (see docs/SERVE.md)", key);
	}
	int rc = 0;
	long v = 0;
	bool takes_version = false;
	for (int i = 0; fields_of[c->ep][i]; i++)
		takes_version = takes_version || strcmp(fields_of[c->ep][i], "version") == 0;
	if (takes_version) {
		if (!json_object_get(o, "version"))
			FAIL(400, "\"version\": every edit names the version it was made on (GET /api/state)");
		if ((rc = get_long(o, "version", 0, 1L << 52, 0, &c->version, err, n_err)))
			return rc;
	}
	switch (c->ep) {
	case EP_JUDGE:
	case EP_MOVE:
		if ((rc = get_session(p, o, &c->session, err, n_err)) || (rc = get_place(p, o, c, err, n_err)))
			return rc;
		if (c->ep == EP_MOVE)
			rc = get_bool(o, "force", &c->force, err, n_err);
		return rc;
	case EP_CELLS: return get_session(p, o, &c->session, err, n_err);
	case EP_ALTERNATIVES:
		if ((rc = get_session(p, o, &c->session, err, n_err)) || (rc = get_long(o, "top", 1, 100, 10, &v, err, n_err)))
			return rc;
		c->top = (int)v;
		return 0;
	case EP_PIN:
		if ((rc = get_session(p, o, &c->session, err, n_err)))
			return rc;
		if (!json_is_boolean(json_object_get(o, "pinned")))
			FAIL(400, "\"pinned\" must be true or false");
		c->pinned = json_is_true(json_object_get(o, "pinned"));
		return 0;
	case EP_OPTIMISE: {
		if ((rc = get_bool(o, "fix_moved", &c->fix_moved, err, n_err)) ||
		    (rc = get_long(o, "moves", 0, 1000000000000L, -1, &c->moves, err, n_err)))
			return rc;
		json_t *x = json_object_get(o, "seconds");
		c->seconds = -1;
		if (x) {
			if (!json_is_number(x) || !(json_number_value(x) > 0 && json_number_value(x) <= 3600))
				FAIL(400, "\"seconds\" must be a number above 0 and at most 3600");
			c->seconds = json_number_value(x);
		}
		return 0;
	}
	case EP_OPT_ACCEPT: {
		if ((rc = get_bool(o, "all", &c->all, err, n_err)))
			return rc;
		json_t *list = json_object_get(o, "sessions");
		if (c->all == (list != NULL))
			FAIL(400, "give either \"all\": true or \"sessions\": [ids of the moves to accept]");
		if (!list)
			return 0;
		if (!json_is_array(list) || json_array_size(list) > (size_t)p->n_sessions)
			FAIL(400, "\"sessions\" must be a list of at most %d session ids", p->n_sessions);
		c->accept = malloc((json_array_size(list) + 1) * sizeof *c->accept);
		if (!c->accept)
			FAIL(500, "out of memory");
		size_t i;
		json_array_foreach(list, i, val) {
			int s = json_is_string(val) ? igs_problem_find_session(p, json_string_value(val)) : -1;
			if (s < 0)
				FAIL(400, "\"sessions\"[%zu]: unknown session id", i);
			c->accept[c->n_accept++] = s;
		}
		return 0;
	}
	case EP_SAVE: return get_name(o, "name", false, c->name, err, n_err);
	case EP_OPEN: return get_name(o, "name", false, c->name, err, n_err);
	case EP_COMPARE:
		if ((rc = get_name(o, "a", true, c->name, err, n_err)))
			return rc;
		return get_name(o, "b", true, c->name_b, err, n_err);
	default: return 0;
	}
}

int serve_parse(const igs_problem *p, const char *method, const char *path, const char *format, const char *body,
		size_t len, serve_cmd *c, char *err, size_t n_err) {
	memset(c, 0, sizeof *c);
	c->version = -1;
	c->session = c->time = c->room = -1;
	c->moves = -1;
	c->seconds = -1;
	err[0] = 0;
	const route *rt = NULL;
	bool path_known = false;
	for (int i = 0; i < N_ROUTES; i++)
		if (strcmp(routes[i].path, path) == 0) {
			path_known = true;
			if (strcmp(routes[i].method, method) == 0)
				rt = &routes[i];
		}
	if (!path_known)
		FAIL(404, "no such page or endpoint: %.100s (see docs/SERVE.md)", path);
	if (!rt)
		FAIL(405, "%.100s does not take %.10s", path, method);
	c->ep = rt->ep;
	if (len > SERVE_BODY_MAX)
		FAIL(413, "the request body is larger than %d bytes", SERVE_BODY_MAX);
	if (c->ep == EP_DOWNLOAD) {
		if (!format)
			FAIL(400, "say ?format=json, csv, html, ics, frab, frab-json or text");
		if (format_of(format, &c->format) != 0)
			FAIL(400, "format \"%.30s\": use json, csv, html, ics, frab, frab-json or text", format);
		return 200;
	}
	if (!rt->body)
		return 200;
	json_error_t je;
	json_t *o = json_loadb(body ? body : "", len, JSON_REJECT_DUPLICATES, &je);
	if (!o)
		FAIL(400, "the body is not JSON: %.120s (line %d, column %d)", je.text, je.line, je.column);
	int rc = 200;
	if (!json_is_object(o)) {
		snprintf(err, n_err, "the body must be a JSON object");
		rc = 400;
	} else {
		int brc = parse_body(p, o, c, err, n_err);
		if (brc)
			rc = brc;
	}
	json_decref(o);
	if (rc != 200)
		serve_cmd_free(c);
	return rc;
}

/* Comparing every byte whatever the first mismatch: the time taken says nothing of the token. */
static bool same_secret(const char *a, const char *b) {
	size_t na = strlen(a), nb = strlen(b);
	unsigned char diff = na != nb;
	for (size_t i = 0; i < nb; i++)
		diff |= (unsigned char)(i < na ? a[i] : 0) ^ (unsigned char)b[i];
	return diff == 0;
}

int serve_access(const char *host, const char *origin, const char *const *hosts, int n_hosts, const char *given,
		 const char *token, bool is_public, char *err, size_t n_err) {
	bool host_ok = false;
	for (int i = 0; host && i < n_hosts; i++)
		host_ok = host_ok || strcmp(host, hosts[i]) == 0;
	if (!host_ok)
		FAIL(403, "Host header \"%.80s\" refused: open the address igfsched serve printed", host ? host : "");
	if (origin) {
		bool origin_ok = false;
		for (int i = 0; i < n_hosts; i++)
			origin_ok = origin_ok || (strncmp(origin, "http://", 7) == 0 && strcmp(origin + 7, hosts[i]) == 0);
		if (!origin_ok)
			FAIL(403, "requests from the page of another site (Origin \"%.80s\") are refused", origin);
	}
	if (is_public)
		return 0;
	if (!given || !*given)
		FAIL(401, "the access token is missing: open the address igfsched serve printed, with its ?token=");
	if (!same_secret(given, token))
		FAIL(403, "wrong access token");
	return 0;
}
