/* igfsched serve, inside cli/: the request parser and access check (pure functions of the
 * request, fuzzed by fuzz/fuzz_serve.c), the API's state and its execution (cli/serve_api.c),
 * the HTTP glue on libmicrohttpd (cli/serve.c) and the embedded page (cli/serve_page.*). */
#ifndef IGS_CLI_SERVE_H
#define IGS_CLI_SERVE_H

#include <stdbool.h>
#include <stddef.h>

#include "igfsched.h"

/* The largest request body accepted (413 beyond): an edit is a few hundred bytes, the
 * longest, an accepted optimisation naming every session, some tens of kilobytes. */
#define SERVE_BODY_MAX (256 * 1024)
/* A version's name: letters, digits, '-', '_' and '.', not starting with '.'. */
#define SERVE_NAME_MAX 64

typedef enum {
	EP_PAGE,
	EP_APP_JS,
	EP_APP_CSS,
	EP_PROBLEM,
	EP_STATE,
	EP_EVENTS,
	EP_JUDGE,
	EP_CELLS,
	EP_ALTERNATIVES,
	EP_MOVE,
	EP_PIN,
	EP_UNDO,
	EP_REDO,
	EP_OPTIMISE,
	EP_OPT_STOP,
	EP_OPT_STATUS,
	EP_OPT_ACCEPT,
	EP_VERSIONS,
	EP_SAVE,
	EP_OPEN,
	EP_COMPARE,
	EP_DOWNLOAD
} serve_endpoint;

/* A request, parsed and checked against the problem: what it asks, with indices resolved. */
typedef struct {
	serve_endpoint ep;
	long version;   /* the version an edit was made on; -1 when the endpoint takes none */
	int session;    /* -1 when none */
	int time, room; /* where to: time -1 = leave the session out */
	bool force;     /* a move that breaks hard rules: make it anyway, marked */
	bool pinned;
	int top;        /* alternatives to list */
	bool fix_moved; /* the optimisation also keeps every session a person moved */
	double seconds; /* of the optimisation */
	long moves;     /* its move budget; -1: the command line's */
	char name[SERVE_NAME_MAX + 1], name_b[SERVE_NAME_MAX + 1]; /* "" = the current schedule */
	igs_format format;
	bool all;       /* accept every move of the optimisation */
	int *accept;    /* or these sessions' moves (malloc'd), n_accept of them */
	int n_accept;
} serve_cmd;

/* Parses one request: method, path (without the query), the query's format value (NULL when
 * absent) and the body. On success returns 200 with c filled (serve_cmd_free it); otherwise
 * the HTTP status (400 bad request, 404 no such endpoint, 405 wrong method, 413 too large)
 * with what is wrong in err. Needs nothing but the problem: no state, no file, no network. */
int serve_parse(const igs_problem *p, const char *method, const char *path, const char *format, const char *body,
		size_t len, serve_cmd *c, char *err, size_t n_err);
void serve_cmd_free(serve_cmd *c);

/* The access rule: the Host header must be one of hosts[0 .. n_hosts) (DNS rebinding: a page
 * of another site that got its name pointed at this address sends that name), and, except for
 * the page's public assets (is_public), the token must match (missing: 401, wrong: 403).
 * Origin, when the browser sends it, must be http:// and an allowed host (403). Returns 0 when
 * allowed, else the status with the reason in err. */
int serve_access(const char *host, const char *origin, const char *const *hosts, int n_hosts, const char *given,
		 const char *token, bool is_public, char *err, size_t n_err);

/* Is the path one of the page's assets, served without the token (they hold no data)? */
bool serve_public_path(const char *path);

/* ---- the running server's state (cli/serve_api.c) ---- */

typedef struct serve_app serve_app;

typedef struct {
	const igs_problem *problem;
	const igs_schedule *start;
	const char *versions_dir; /* where named versions are saved; created on the first save */
	const char *name;         /* base of download file names */
	igs_options options;      /* the optimisation's defaults */
} serve_config;

int serve_app_new(serve_app **out, const serve_config *cfg);
/* Stops a running optimisation and every event stream, waits for them, frees. */
void serve_app_free(serve_app *a);
/* Ends every event stream and the optimisation (the server is stopping). */
void serve_app_stop(serve_app *a);

/* The answer to one request. */
typedef struct {
	int status;
	const char *type; /* Content-Type */
	char *body;       /* malloc'd, or NULL with static_body set */
	const char *static_body;
	size_t len;
	char disposition[160]; /* Content-Disposition of a download, or "" */
} serve_reply;

/* Runs a parsed request (not EP_EVENTS). Thread-safe. */
void serve_exec(serve_app *a, const serve_cmd *c, serve_reply *out);
void serve_reply_free(serve_reply *r);

/* Event streams (Server-Sent Events): every edit, the optimisation's progress and its end.
 * serve_events_next waits up to timeout_ms for the event after *seq and writes it as an SSE
 * frame into buf; returns its length, 0 on a timeout (the caller sends a keep-alive), -1 when
 * the server is stopping. A stream that fell behind the kept events gets a "state" event. */
long serve_events_next(serve_app *a, long *seq, char *buf, size_t n, int timeout_ms);
/* The sequence number a new stream starts after. */
long serve_events_now(serve_app *a);

/* ---- the page (cli/serve_page.c, generated from cli/serve_page.*) ---- */

extern const char serve_page_html[], serve_page_js[], serve_page_css[];
extern const size_t serve_page_html_len, serve_page_js_len, serve_page_css_len;

#endif
