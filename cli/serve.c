/* igfsched serve: the HTTP server on GNU libmicrohttpd. Each request is checked (Host, token,
 * size), parsed (cli/serve_parse.c) and run (cli/serve_api.c); event streams are held open by
 * their connection's thread. Ctrl-C stops the optimisation, the streams and the server, and
 * saves nothing. */
#include <arpa/inet.h>
#include <errno.h>
#include <jansson.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/socket.h>
#include <time.h>

#include "cli/cli.h"
#include "cli/serve.h"

#define SERVE_FLAGS(X, A)                                                                          \
	X(A, text, schedule, "--schedule", NULL, "S.json", NULL, 0, 0, NULL,                        \
	  "start from this schedule (as solve writes it) instead of solving")                       \
	X(A, int, port, "--port", NULL, "N", 8080, 0, 65535, "from 0 (any free port) to 65535", "TCP port") \
	X(A, text, listen, "--listen", NULL, "ADDR", "127.0.0.1", 0, 0, NULL,                       \
	  "IPv4 or IPv6 address to bind; other machines reach the page only\n"                       \
	  "when this is not a loopback address")                                                    \
	X(A, text, allow_host, "--allow-host", NULL, "NAME", NULL, 0, 0, NULL,                      \
	  "also accept this Host name (as NAME:PORT), e.g. the machine's name\n"                    \
	  "with --listen 0.0.0.0; every other name is refused (DNS rebinding)")                     \
	X(A, text, versions, "--versions", NULL, "DIR", "igfsched-versions", 0, 0, NULL,            \
	  "directory of the named versions saved from the page")
CLI_DEFINE_ARGS(serve_args, SERVE_FLAGS);

typedef struct {
	serve_app *app;
	const igs_problem *p;
	char token[33];
	char hosts[10][300];
	const char *host_list[10];
	int n_hosts;
} server;

/* One request's upload, gathered across the handler's calls. */
typedef struct {
	char *body;
	size_t len;
	bool too_big;
} upload;

typedef struct {
	serve_app *app;
	long seq;
	bool greeted;
} stream;

static void common_headers(struct MHD_Response *resp) {
	MHD_add_response_header(resp, "Cache-Control", "no-store");
	MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(resp, "Referrer-Policy", "no-referrer");
	MHD_add_response_header(resp, "X-Frame-Options", "DENY");
	/* Nothing but the page's own script and style, no inline code, no other site. */
	MHD_add_response_header(resp, "Content-Security-Policy",
				"default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; "
				"img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'");
}

static enum MHD_Result send_reply(struct MHD_Connection *con, serve_reply *r) {
	struct MHD_Response *resp =
		r->body ? MHD_create_response_from_buffer(r->len, r->body, MHD_RESPMEM_MUST_FREE)
			: MHD_create_response_from_buffer(r->len, (void *)r->static_body, MHD_RESPMEM_PERSISTENT);
	if (!resp) {
		serve_reply_free(r);
		return MHD_NO;
	}
	r->body = NULL; /* MHD frees it */
	MHD_add_response_header(resp, "Content-Type", r->type);
	if (r->disposition[0])
		MHD_add_response_header(resp, "Content-Disposition", r->disposition);
	common_headers(resp);
	enum MHD_Result rc = MHD_queue_response(con, (unsigned)r->status, resp);
	MHD_destroy_response(resp);
	return rc;
}

static enum MHD_Result send_error(struct MHD_Connection *con, int status, const char *msg) {
	serve_reply r;
	memset(&r, 0, sizeof r);
	json_t *o = json_pack("{ss}", "error", msg);
	r.status = status;
	r.type = "application/json; charset=utf-8";
	r.body = o ? json_dumps(o, JSON_COMPACT) : NULL;
	json_decref(o);
	if (!r.body)
		return MHD_NO;
	r.len = strlen(r.body);
	return send_reply(con, &r);
}

static ssize_t stream_read(void *cls, uint64_t pos, char *buf, size_t max) {
	(void)pos;
	stream *st = cls;
	if (!st->greeted) {
		st->greeted = true;
		return snprintf(buf, max, "retry: 2000\nevent: hello\ndata: {}\n\n");
	}
	/* A stream's thread learns that its page went away only when it writes: a comment every
	 * two seconds frees it soon after, so reloads do not pile up connections to the limit. */
	long n = serve_events_next(st->app, &st->seq, buf, max, 2000);
	if (n < 0)
		return MHD_CONTENT_READER_END_OF_STREAM;
	if (n == 0)
		return snprintf(buf, max, ":\n\n");
	return n;
}

static void stream_free(void *cls) {
	free(cls);
}

static enum MHD_Result send_stream(struct MHD_Connection *con, serve_app *app) {
	stream *st = calloc(1, sizeof *st);
	if (!st)
		return MHD_NO;
	st->app = app;
	st->seq = serve_events_now(app);
	struct MHD_Response *resp = MHD_create_response_from_callback(MHD_SIZE_UNKNOWN, 4096, stream_read, st, stream_free);
	if (!resp) {
		free(st);
		return MHD_NO;
	}
	MHD_add_response_header(resp, "Content-Type", "text/event-stream");
	common_headers(resp);
	enum MHD_Result rc = MHD_queue_response(con, MHD_HTTP_OK, resp);
	MHD_destroy_response(resp);
	return rc;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *con, const char *url, const char *method,
				  const char *version, const char *data, size_t *data_size, void **con_cls) {
	(void)version;
	server *sv = cls;
	upload *up = *con_cls;
	if (!up) {
		if (!(up = calloc(1, sizeof *up)))
			return MHD_NO;
		*con_cls = up;
		const char *cl = MHD_lookup_connection_value(con, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_LENGTH);
		if (cl && strtoull(cl, NULL, 10) > SERVE_BODY_MAX) {
			up->too_big = true;
			char msg[96];
			snprintf(msg, sizeof msg, "the request body is larger than %d bytes", SERVE_BODY_MAX);
			return send_error(con, 413, msg);
		}
		return MHD_YES;
	}
	if (*data_size) {
		if (!up->too_big && up->len + *data_size <= SERVE_BODY_MAX) {
			char *b = realloc(up->body, up->len + *data_size + 1);
			if (!b)
				return MHD_NO;
			memcpy(b + up->len, data, *data_size);
			up->body = b;
			up->len += *data_size;
			up->body[up->len] = 0;
		} else {
			up->too_big = true; /* read and dropped: the answer is 413 */
		}
		*data_size = 0;
		return MHD_YES;
	}
	char err[600];
	const char *given = MHD_lookup_connection_value(con, MHD_HEADER_KIND, "X-Igfsched-Token");
	if (!given)
		given = MHD_lookup_connection_value(con, MHD_GET_ARGUMENT_KIND, "token");
	int status = serve_access(MHD_lookup_connection_value(con, MHD_HEADER_KIND, MHD_HTTP_HEADER_HOST),
				  MHD_lookup_connection_value(con, MHD_HEADER_KIND, "Origin"), sv->host_list, sv->n_hosts,
				  given, sv->token, serve_public_path(url), err, sizeof err);
	if (status)
		return send_error(con, status, err);
	if (up->too_big) {
		snprintf(err, sizeof err, "the request body is larger than %d bytes", SERVE_BODY_MAX);
		return send_error(con, 413, err);
	}
	serve_cmd c;
	status = serve_parse(sv->p, method, url, MHD_lookup_connection_value(con, MHD_GET_ARGUMENT_KIND, "format"),
			     up->body, up->len, &c, err, sizeof err);
	if (status != 200)
		return send_error(con, status, err);
	if (c.ep == EP_EVENTS) {
		serve_cmd_free(&c);
		return send_stream(con, sv->app);
	}
	serve_reply r;
	serve_exec(sv->app, &c, &r);
	serve_cmd_free(&c);
	return send_reply(con, &r);
}

static void on_done(void *cls, struct MHD_Connection *con, void **con_cls, enum MHD_RequestTerminationCode toe) {
	(void)cls, (void)con, (void)toe;
	upload *up = *con_cls;
	if (up) {
		free(up->body);
		free(up);
		*con_cls = NULL;
	}
}

/* libmicrohttpd's own messages (a page closed while its event stream was written, a client
 * gone) are routine for a server of pages: shown from --verbose 2. */
static void mhd_log(void *cls, const char *fmt, va_list ap) {
	if (*(const int *)cls >= 2) {
		fputs("igfsched serve: ", stderr);
		vfprintf(stderr, fmt, ap);
	}
}

static int load(igs_problem **p, igs_schedule **s, const char *problem_path, const char *schedule_path,
		igs_options *o) {
	igs_diag *d = igs_diag_new();
	if (!d)
		return EXIT_SYSTEM;
	int rc = igs_problem_load_verbose(p, problem_path, o->verbose, d);
	if (rc == IGS_OK) {
		igs_problem_apply_options(*p, o);
		if (schedule_path) {
			rc = igs_schedule_load(s, *p, schedule_path, d);
		} else {
			struct sigaction old[2];
			catch_interrupts(o, old);
			rc = igs_solve(s, *p, o, d);
			release_interrupts(old);
			/* Ctrl-C during the first solve stops it; the page shows the best found. */
			interrupted = 0;
			o->interrupt = NULL;
			if (*s && rc == IGS_EINFEASIBLE)
				rc = IGS_OK;
		}
	}
	if (rc != IGS_OK || o->verbose >= 2)
		igs_diag_print(d, stderr);
	igs_diag_free(d);
	return rc == IGS_OK ? EXIT_OK : cli_exit_code(rc, true);
}

static int make_token(char out[33]) {
	unsigned char b[16];
	size_t got = 0;
	while (got < sizeof b) {
		ssize_t n = getrandom(b + got, sizeof b - got, 0);
		if (n < 0 && errno != EINTR)
			return -1;
		if (n > 0)
			got += (size_t)n;
	}
	for (int i = 0; i < 16; i++)
		snprintf(out + 2 * i, 3, "%02x", b[i]);
	return 0;
}

static int run_serve(const cli_command *c, int argc, char **argv) {
	serve_args a;
	igs_options o;
	const char *problem_path;
	int rc = cli_parse(c, argc, argv, &a, &o, &problem_path, 1);
	if (rc != EXIT_OK)
		return rc;
	if (!problem_path) {
		cli_usage(c, stderr);
		return EXIT_INPUT;
	}
	struct sockaddr_storage addr;
	memset(&addr, 0, sizeof addr);
	bool v6 = strchr(a.listen, ':') != NULL;
	if (v6) {
		struct sockaddr_in6 *s6 = (struct sockaddr_in6 *)&addr;
		s6->sin6_family = AF_INET6;
		s6->sin6_port = htons((uint16_t)a.port);
		rc = inet_pton(AF_INET6, a.listen, &s6->sin6_addr);
	} else {
		struct sockaddr_in *s4 = (struct sockaddr_in *)&addr;
		s4->sin_family = AF_INET;
		s4->sin_port = htons((uint16_t)a.port);
		rc = inet_pton(AF_INET, a.listen, &s4->sin_addr);
	}
	if (rc != 1) {
		fprintf(stderr, "igfsched: serve: --listen '%s': give an IPv4 or IPv6 address, e.g. 127.0.0.1\n", a.listen);
		return EXIT_INPUT;
	}
	server sv;
	memset(&sv, 0, sizeof sv);
	if (make_token(sv.token) != 0) {
		fprintf(stderr, "igfsched: serve: no random bytes for the access token: %s\n", strerror(errno));
		return EXIT_SYSTEM;
	}
	igs_problem *p = NULL;
	igs_schedule *s = NULL;
	serve_app *app = NULL;
	struct MHD_Daemon *daemon = NULL;
	if ((rc = load(&p, &s, problem_path, a.schedule, &o)) != EXIT_OK)
		goto cleanup;
	char name[128];
	const char *slash = strrchr(problem_path, '/');
	snprintf(name, sizeof name, "%s", slash ? slash + 1 : problem_path);
	if (strrchr(name, '.'))
		*strrchr(name, '.') = 0;
	serve_config cfg = {.problem = p, .start = s, .versions_dir = a.versions, .name = name, .options = o};
	int arc = serve_app_new(&app, &cfg);
	if (arc != IGS_OK) {
		rc = cli_exit_code(arc, false);
		goto cleanup;
	}
	sv.app = app;
	sv.p = p;
	unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_THREAD_PER_CONNECTION | MHD_USE_ERROR_LOG |
			 (v6 ? MHD_USE_IPv6 : 0);
	int verbose = o.verbose;
	daemon = MHD_start_daemon(flags, (uint16_t)a.port, NULL, NULL, on_request, &sv, MHD_OPTION_SOCK_ADDR, &addr,
				  MHD_OPTION_NOTIFY_COMPLETED, on_done, NULL, MHD_OPTION_EXTERNAL_LOGGER, mhd_log, &verbose, MHD_OPTION_CONNECTION_LIMIT, 64u,
				  MHD_OPTION_PER_IP_CONNECTION_LIMIT, 32u, MHD_OPTION_CONNECTION_TIMEOUT, 120u, MHD_OPTION_END);
	if (!daemon) {
		fprintf(stderr, "igfsched: serve: cannot listen on %s port %d (in use, or not this machine's address)\n",
			a.listen, a.port);
		rc = EXIT_SYSTEM;
		goto cleanup;
	}
	const union MHD_DaemonInfo *info = MHD_get_daemon_info(daemon, MHD_DAEMON_INFO_BIND_PORT);
	int port = info ? info->port : a.port;
	char where[80];
	snprintf(where, sizeof where, v6 ? "[%s]:%d" : "%s:%d", a.listen, port);
	snprintf(sv.hosts[sv.n_hosts++], sizeof sv.hosts[0], "%s", where);
	snprintf(sv.hosts[sv.n_hosts++], sizeof sv.hosts[0], "localhost:%d", port);
	snprintf(sv.hosts[sv.n_hosts++], sizeof sv.hosts[0], "127.0.0.1:%d", port);
	snprintf(sv.hosts[sv.n_hosts++], sizeof sv.hosts[0], "[::1]:%d", port);
	if (a.allow_host)
		snprintf(sv.hosts[sv.n_hosts++], sizeof sv.hosts[0], "%.200s:%d", a.allow_host, port);
	/* On port 80 a browser sends the name alone. */
	for (int k = 0, n = sv.n_hosts; port == 80 && k < n; k++) {
		char bare[sizeof sv.hosts[0]];
		snprintf(bare, sizeof bare, "%.*s", (int)(strrchr(sv.hosts[k], ':') - sv.hosts[k]), sv.hosts[k]);
		memcpy(sv.hosts[sv.n_hosts++], bare, sizeof bare);
	}
	for (int k = 0; k < sv.n_hosts; k++)
		sv.host_list[k] = sv.hosts[k];
	printf("igfsched serve: http://%s/?token=%s\n", where, sv.token);
	fflush(stdout);
	if (o.verbose >= 1)
		fprintf(stderr, "igfsched serve: %s; Ctrl-C stops the server (nothing is saved unless asked)\n",
			problem_path);
	struct sigaction old[2];
	igs_options sig;
	igs_options_init(&sig);
	catch_interrupts(&sig, old);
	while (!interrupted) {
		struct timespec tick = {0, 100 * 1000000L};
		nanosleep(&tick, NULL);
	}
	release_interrupts(old);
	if (o.verbose >= 1)
		fprintf(stderr, "igfsched serve: stopping\n");
	rc = EXIT_OK;
cleanup:
	if (app)
		serve_app_stop(app);
	if (daemon)
		MHD_stop_daemon(daemon);
	serve_app_free(app);
	igs_schedule_free(s);
	igs_problem_free(p);
	return rc;
}

const cli_spec cli_serve = {
	.about = "Serves the working group's editor: one page (embedded, nothing from the network) and a\n"
		 "JSON API (docs/SERVE.md) to review, move, pin and re-optimise a draft together.\n"
		 "Prints the address with a random access token; binds 127.0.0.1 unless --listen.\n"
		 "Without --schedule, solves first with the solver options below; they are also the\n"
		 "defaults of the page's 'optimise the rest'. Ctrl-C stops it; nothing is saved that\n"
		 "the page did not save (versions go to --versions DIR).\n",
	.positional = "one problem file",
	CLI_ARGS_OF(serve_args),
	.solver_options = true,
	.run = run_serve,
};
