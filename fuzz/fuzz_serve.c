/* Fuzz target: igfsched serve's request handling (cli/serve_parse.c, cli/serve_api.c) against
 * examples/small.json. An input is one request as text:
 *     METHOD PATH[?format=F]
 *     Host: H / Origin: O / Token: T    (optional lines, then an empty line)
 *     BODY
 * It goes through the access check, the parser and, when both pass, the API itself on a fresh
 * state whose versions directory is a temporary one: edits, undo, pins, the optimisation (a
 * short one), saving and opening versions, downloads. */
#include <stdlib.h>
#include <string.h>

#include "cli/serve.h"
#include "fuzz/fuzz_util.h"

/* The page is not what is fuzzed; serve_exec answers with these. */
const char serve_page_html[] = "", serve_page_js[] = "", serve_page_css[] = "";
const size_t serve_page_html_len = 0, serve_page_js_len = 0, serve_page_css_len = 0;

static const char TOKEN[] = "00112233445566778899aabbccddeeff";

/* The next line of [*p, end) into buf (cut to n - 1 bytes), advancing *p past it. */
static void line(const char **p, const char *end, char *buf, size_t n) {
	size_t k = 0;
	while (*p < end && **p != '\n') {
		if (k + 1 < n)
			buf[k++] = **p;
		(*p)++;
	}
	if (*p < end)
		(*p)++;
	buf[k] = 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
	static igs_problem *p;
	static igs_schedule *start;
	if (!p) {
		igs_diag *d = igs_diag_new();
		igs_options o;
		igs_options_init(&o);
		o.moves = 2000;
		o.verbose = 0;
		if (!d || igs_problem_load(&p, IGS_EXAMPLES_DIR "/small.json", d) != 0 || igs_solve(&start, p, &o, d) < 0)
			abort();
		igs_diag_free(d);
	}
	const char *c = (const char *)data, *end = c + size;
	char first[512], method[16] = "", path[400] = "", host[300] = "127.0.0.1:8080", origin[300] = "",
					      token[100] = "";
	line(&c, end, first, sizeof first);
	char *sp = strchr(first, ' ');
	if (!sp || (size_t)(sp - first) >= sizeof method)
		return 0;
	memcpy(method, first, (size_t)(sp - first));
	method[sp - first] = 0;
	snprintf(path, sizeof path, "%s", sp + 1);
	bool has_token = false;
	for (char h[400]; c < end;) {
		line(&c, end, h, sizeof h);
		if (!h[0])
			break;
		if (strncmp(h, "Host: ", 6) == 0)
			snprintf(host, sizeof host, "%.290s", h + 6);
		else if (strncmp(h, "Origin: ", 8) == 0)
			snprintf(origin, sizeof origin, "%.290s", h + 8);
		else if (strncmp(h, "Token: ", 7) == 0) {
			snprintf(token, sizeof token, "%.90s", h + 7);
			has_token = true;
		}
	}
	if (!has_token)
		snprintf(token, sizeof token, "%s", TOKEN);
	char *q = strchr(path, '?');
	const char *format = NULL;
	if (q) {
		*q = 0;
		if (strncmp(q + 1, "format=", 7) == 0)
			format = q + 8;
	}
	const char *hosts[] = {"127.0.0.1:8080", "localhost:8080"};
	char err[600];
	if (serve_access(host, origin[0] ? origin : NULL, hosts, 2, token, TOKEN, serve_public_path(path), err, sizeof err))
		return 0;
	serve_cmd cmd;
	if (serve_parse(p, method, path, format, c, (size_t)(end - c), &cmd, err, sizeof err) != 200)
		return 0;
	fuzz_temp t;
	if (cmd.ep != EP_EVENTS && fuzz_temp_write(&t, ".req", data, size) == 0) {
		igs_options o;
		igs_options_init(&o);
		o.moves = 2000;
		o.time_limit = 1;
		o.verbose = 0;
		serve_config cfg = {.problem = p, .start = start, .versions_dir = t.dir, .name = "small", .options = o};
		serve_app *app = NULL;
		if (serve_app_new(&app, &cfg) == IGS_OK) {
			serve_reply r;
			serve_exec(app, &cmd, &r);
			serve_reply_free(&r);
		}
		serve_app_free(app);
		fuzz_temp_remove(&t);
	}
	serve_cmd_free(&cmd);
	return 0;
}
