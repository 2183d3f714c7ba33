/* Shared test helpers: problems from JSON text, running the CLI, and running the exact solver. */
#define _DEFAULT_SOURCE /* mkstemps */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "model/place.h"
#include "solver/greedy.h"
#include "testutil.h"

char *tu_write_temp(const char *text, const char *suffix) {
	char *path = malloc(256);
	ck_assert_ptr_nonnull(path);
	snprintf(path, 256, "/tmp/igs-test-XXXXXX%s", suffix);
	int fd = mkstemps(path, (int)strlen(suffix));
	ck_assert_int_ge(fd, 0);
	size_t n = strlen(text);
	ck_assert_int_eq((long)write(fd, text, n), (long)n);
	close(fd);
	return path;
}

int tu_load_text(igs_problem **p, igs_diag *d, const char *json) {
	char *path = tu_write_temp(json, ".json");
	int rc = igs_problem_load(p, path, d);
	unlink(path);
	free(path);
	return rc;
}

igs_problem *tu_load_ok(const char *json) {
	igs_diag *d = igs_diag_new();
	igs_problem *p = NULL;
	int rc = tu_load_text(&p, d, json);
	if (rc != IGS_OK) {
		fprintf(stderr, "%s\n", json);
		tu_diag_dump(d);
	}
	ck_assert_int_eq(rc, IGS_OK);
	ck_assert_ptr_nonnull(p);
	igs_diag_free(d);
	return p;
}

igs_schedule *tu_solve(const igs_problem *p, const igs_options *o, int want, igs_diag **keep) {
	igs_diag *d = igs_diag_new();
	igs_schedule *s = NULL;
	int rc = igs_solve(&s, p, o, d);
	if (rc != want)
		tu_diag_dump(d);
	ck_assert_int_eq(rc, want);
	ck_assert_ptr_nonnull(s);
	if (keep)
		*keep = d;
	else
		igs_diag_free(d);
	return s;
}

int tu_diag_has(const igs_diag *d, const char *where, const char *needle) {
	for (int i = 0; i < igs_diag_count(d); i++) {
		const igs_msg *m = igs_diag_get(d, i);
		if ((!where || strcmp(m->where, where) == 0) && strstr(m->message, needle))
			return 1;
	}
	return 0;
}

void tu_diag_dump(const igs_diag *d) {
	igs_diag_print(d, stderr);
}

int tu_run(const char *cmdline, char **out) {
	char *full = malloc(strlen(cmdline) + 16);
	ck_assert_ptr_nonnull(full);
	sprintf(full, "%s 2>&1", cmdline);
	FILE *f = popen(full, "r");
	free(full);
	ck_assert_ptr_nonnull(f);
	size_t cap = 4096, len = 0;
	char *buf = malloc(cap);
	ck_assert_ptr_nonnull(buf);
	size_t got;
	while ((got = fread(buf + len, 1, cap - len - 1, f)) > 0) {
		len += got;
		if (cap - len < 1024) {
			cap *= 2;
			buf = realloc(buf, cap);
			ck_assert_ptr_nonnull(buf);
		}
	}
	buf[len] = 0;
	int status = pclose(f);
	if (out)
		*out = buf;
	else
		free(buf);
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

char *tu_problem(const char *sessions, const char *extra) {
	static const char *head =
		"{\"meeting\": {\"name\": \"Test\", \"timezone\": \"Europe/Vienna\", \"utc_offset\": \"+01:00\"},\n"
		" \"days\": [{\"date\": \"2025-06-23\", \"label\": \"Day 1\", \"slots\": [\"09:00-10:30\", \"11:00-12:30\", \"14:00-15:30\"]},\n"
		"          {\"date\": \"2025-06-24\", \"label\": \"Day 2\", \"slots\": [\"09:00-10:30\", \"11:00-12:30\", \"14:00-15:30\"]}],\n"
		" \"rooms\": [{\"id\": \"hall\", \"capacity\": 500, \"features\": [\"plenary\", \"hybrid\"]},\n"
		"           {\"id\": \"ra\", \"capacity\": 100, \"features\": [\"hybrid\"]},\n"
		"           {\"id\": \"rb\", \"capacity\": 40}],\n"
		" \"themes\": [{\"id\": \"a\", \"name\": \"Theme A\"}, {\"id\": \"b\", \"name\": \"Theme B\"}],\n"
		" \"people\": [{\"id\": \"p1\"}, {\"id\": \"p2\"}, {\"id\": \"far\", \"remote\": true, \"utc_offset\": \"-05:00\", \"available\": [\"08:00-18:00\"]}],\n"
		" \"groups\": [{\"id\": \"dc1\", \"kind\": \"dc\"}, {\"id\": \"dc2\", \"kind\": \"dc\"}],\n";
	size_t n = strlen(head) + strlen(sessions) + strlen(extra) + 64;
	char *s = malloc(n);
	ck_assert_ptr_nonnull(s);
	snprintf(s, n, "%s \"sessions\": [%s]%s%s}\n", head, sessions, *extra ? ",\n" : "", extra);
	return s;
}

int tu_run_suite(Suite *s) {
	SRunner *sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}

igs_problem *tu_load_sessions(const char *sessions, const char *extra) {
	char *text = tu_problem(sessions, extra);
	igs_problem *p = tu_load_ok(text);
	free(text);
	return p;
}

igs_problem *tu_load_zero_reachable(void) {
	return tu_load_sessions("{\"id\": \"s1\", \"duration\": 90, \"themes\": [\"a\"]}, "
				"{\"id\": \"s2\", \"duration\": 90, \"themes\": [\"a\"]}",
				"\"weights\": {\"capacity_waste\": 0, \"capacity_over\": 0, \"theme_spread\": 0, "
				"\"type_spread\": 0}");
}

void tu_quiet_options(igs_options *o, long moves) {
	igs_options_init(o);
	o->verbose = 0;
	o->moves = moves;
}

char *tu_oversubscribed_sessions(bool stakeholders) {
	size_t cap = 8192, used = 0;
	char *b = malloc(cap);
	ck_assert_ptr_nonnull(b);
	b[0] = 0;
	used += (size_t)snprintf(b + used, cap - used,
				 "{\"id\": \"req1\", \"duration\": 90}, {\"id\": \"req2\", \"duration\": 90}");
	for (int i = 0; i < 20; i++) {
		/* Interleave priorities in file order, so input order alone does not give the answer. */
		int k = (i * 7) % 20, prio = k < 8 ? 3 : k < 14 ? 2 : 1;
		/* with stakeholders, the six of priority 1 come from two groups, three each */
		const char *who = !stakeholders || prio != 1 ? "" : k % 2 ? ", \"stakeholder\": \"civil society\"" : ", \"stakeholder\": \"government\"";
		used += (size_t)snprintf(b + used, cap - used,
					 ", {\"id\": \"opt%02d-p%d\", \"duration\": 90, \"optional\": true, \"priority\": %d%s}",
					 i, prio, prio, who);
		ck_assert_uint_lt(used, cap);
	}
	return b;
}

igs_problem *tu_load_file(const char *path) {
	igs_diag *d = igs_diag_new();
	igs_problem *p = NULL;
	int rc = igs_problem_load(&p, path, d);
	if (rc != IGS_OK)
		tu_diag_dump(d);
	ck_assert_int_eq(rc, IGS_OK);
	igs_diag_free(d);
	return p;
}

char *tu_schedule_file(const igs_problem *p, long moves) {
	igs_options o;
	igs_options_init(&o);
	o.moves = moves;
	o.verbose = 0;
	igs_diag *d = igs_diag_new();
	igs_schedule *s = NULL;
	ck_assert_int_eq(igs_solve(&s, p, &o, d), IGS_OK);
	igs_report *rep = tu_eval(p, s);
	char *path = tu_write_temp("", ".json");
	ck_assert_int_eq(igs_schedule_write(s, rep, IGS_FMT_JSON, path, d), IGS_OK);
	igs_report_free(rep);
	igs_schedule_free(s);
	igs_diag_free(d);
	return path;
}

igs_cosplib *tu_cosplib_load(const char *path) {
	igs_diag *d = igs_diag_new();
	igs_cosplib *c = NULL;
	int rc = igs_cosplib_load(&c, path, d);
	if (rc != IGS_OK)
		tu_diag_dump(d);
	ck_assert_int_eq(rc, IGS_OK);
	igs_diag_free(d);
	return c;
}

const char *tu_cosplib_dir(void) {
	/* Filled once; the environment does not change while a test runs. */
	static char dir[4096];
	if (!dir[0]) {
		const char *root = getenv("IGS_SHARED_DATA");
		snprintf(dir, sizeof dir, "%s/cosplib/", root && *root ? root : IGS_SHARED_DATA_DEFAULT);
	}
	return dir;
}

igs_cosplib *tu_cosplib_load_data(const char *file) {
	char path[4200];
	snprintf(path, sizeof path, "%s%s", tu_cosplib_dir(), file);
	return tu_cosplib_load(path);
}

bool tu_cosplib_present(const char *who, const char *what) {
	struct stat st;
	if (stat(tu_cosplib_dir(), &st) == 0 && S_ISDIR(st.st_mode))
		return true;
	fprintf(stderr,
		"%s: skipped %s: no CoSPLib data set at %s (third-party data are not committed: put it at "
		"../shared/data/cosplib beside the project root, or set IGS_SHARED_DATA to the folder "
		"holding cosplib/)\n",
		who, what, tu_cosplib_dir());
	return false;
}

void tu_put(tu_buf *b, const char *fmt, ...) {
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	while (b->len + (size_t)n + 1 > b->cap) {
		b->cap = b->cap ? 2 * b->cap : 4096;
		b->s = realloc(b->s, b->cap);
		ck_assert_ptr_nonnull(b->s);
	}
	va_start(ap, fmt);
	vsnprintf(b->s + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

igs_report *tu_eval(const igs_problem *p, const igs_schedule *s) {
	igs_report *r = NULL;
	ck_assert_int_eq(igs_evaluate(&r, p, s), IGS_OK);
	ck_assert_ptr_nonnull(r);
	return r;
}

void tu_dump_violations(const igs_report *r) {
	for (int i = 0; i < r->n_violations; i++)
		fprintf(stderr, "  %s: %s\n", igs_violation_name(r->violations[i].kind), r->violations[i].text);
}

void tu_expect_no_hard(const igs_report *r) {
	if (igs_report_hard_count(r) != 0)
		tu_dump_violations(r);
	ck_assert_int_eq(igs_report_hard_count(r), 0);
}

char *tu_replace(const char *text, const char *from, const char *to) {
	const char *at = strstr(text, from);
	ck_assert_msg(at != NULL, "'%s' not in the test text", from);
	size_t n = strlen(text) - strlen(from) + strlen(to);
	char *out = malloc(n + 1);
	ck_assert_ptr_nonnull(out);
	size_t head = (size_t)(at - text);
	memcpy(out, text, head);
	strcpy(out + head, to);
	strcat(out, at + strlen(from));
	return out;
}

double tu_modelled(const igs_report *r) {
	double left_out = 0;
#define TU_LEFT_OUT(f, n, d, m, h) left_out += (m) == IGS_MIP_NONE ? r->f.cost : 0;
	IGS_WEIGHTS(TU_LEFT_OUT)
#undef TU_LEFT_OUT
	return r->total - left_out;
}

igs_problem *tu_mini(const char *days, const char *rooms, const char *sessions, const char *extra) {
	tu_buf b = {0};
	tu_put(&b,
	    "{\"meeting\": {\"name\": \"mip\", \"utc_offset\": \"+00:00\"},\n"
	    " \"days\": [%s],\n \"rooms\": [%s],\n"
	    " \"themes\": [{\"id\": \"a\"}, {\"id\": \"b\"}],\n"
	    " \"people\": [{\"id\": \"p1\"}, {\"id\": \"p2\"}],\n"
	    " \"groups\": [{\"id\": \"g1\"}],\n"
	    " \"sessions\": [%s]%s%s}\n",
	    days, rooms, sessions, *extra ? ",\n " : "", extra);
	igs_problem *p = tu_load_ok(b.s);
	free(b.s);
	return p;
}

void tu_mip_options(igs_options *o) {
	igs_options_init(o);
	o->verbose = 0;
	o->time_limit = 20;
	o->gap = 0;
	o->solver = IGS_SOLVER_EXACT;
}

void tu_dump_schedule(const igs_problem *p, const igs_schedule *s) {
	for (int i = 0; i < p->n_sessions; i++) {
		if (s->time[i] < 0) {
			fprintf(stderr, "  %-6s out (%s)\n", p->sessions[i].id, s->reason[i] ? s->reason[i] : "no reason");
			continue;
		}
		const igs_time *T = &p->times[s->time[i]];
		fprintf(stderr, "  %-6s day %d %02d:%02d-%02d:%02d %s\n", p->sessions[i].id, T->day, T->start / 60,
			T->start % 60, (T->start + p->sessions[i].duration) / 60,
			(T->start + p->sessions[i].duration) % 60, s->room[i] >= 0 ? p->rooms[s->room[i]].id : "-");
	}
}

igs_schedule *tu_greedy_of(const igs_problem *p) {
	igs_options o;
	tu_mip_options(&o);
	igs_schedule *s = igs_schedule_new(p);
	ck_assert_ptr_nonnull(s);
	int rc = igs_greedy_solve(s, &o);
	ck_assert(rc == IGS_OK || rc == IGS_EINFEASIBLE);
	return s;
}

igs_schedule *tu_mip_run(const igs_problem *p, const igs_schedule *start, const igs_options *o, igs_mip_stats *st,
			 int *rc) {
	igs_schedule *s = igs_schedule_new(p);
	ck_assert_ptr_nonnull(s);
	*rc = igs_mip_solve(s, start, o, st);
	ck_assert(*rc != IGS_ENOMEM);
	return s;
}

igs_schedule *tu_exact_feasible(const igs_problem *p, igs_mip_stats *st) {
	igs_options o;
	tu_mip_options(&o);
	igs_schedule *start = tu_greedy_of(p);
	int rc;
	igs_schedule *s = tu_mip_run(p, start, &o, st, &rc);
	ck_assert_int_eq(rc, IGS_OK);
	igs_report *r = tu_eval(p, s);
	if (igs_report_hard_count(r) != 0)
		tu_dump_schedule(p, s);
	tu_expect_no_hard(r);
	igs_report_free(r);
	igs_schedule_free(start);
	return s;
}

void tu_both_starts(igs_problem *p, void (*check)(const igs_problem *, const igs_schedule *, double)) {
	for (int k = 0; k < 2; k++) {
		igs_options o;
		tu_mip_options(&o);
		igs_schedule *start = k ? tu_greedy_of(p) : NULL;
		igs_mip_stats st;
		int rc;
		igs_schedule *s = tu_mip_run(p, start, &o, &st, &rc);
		ck_assert_int_eq(rc, IGS_OK);
		ck_assert(st.improved);
		igs_report *r = tu_eval(p, s);
		if (igs_report_hard_count(r))
			tu_dump_schedule(p, s);
		tu_expect_no_hard(r);
		check(p, s, r->total);
		igs_report_free(r);
		igs_schedule_free(s);
		igs_schedule_free(start);
	}
	igs_problem_free(p);
}

int tu_sid(const igs_problem *p, const char *id) {
	int s = igs_problem_find_session(p, id);
	ck_assert_msg(s >= 0, "no session '%s'", id);
	return s;
}

unsigned tu_lcg(unsigned *x) {
	*x = *x * 1103515245u + 12345u;
	return (*x >> 16) & 0x7fff;
}

/* ---- brute force ---- */

typedef struct {
	const igs_problem *p;
	igs_schedule *s;
	int n;
	int **opt_t, **opt_r, *nopt;
	double best;
	long leaves, feasible;
	int *best_t, *best_r;
} bf;

static void bf_leaf(bf *B) {
	B->leaves++;
	igs_report *r = tu_eval(B->p, B->s);
	if (igs_report_hard_count(r) == 0) {
		B->feasible++;
		if (r->total < B->best) {
			B->best = r->total;
			if (B->best_t)
				memcpy(B->best_t, B->s->time, (size_t)B->n * sizeof *B->best_t);
			if (B->best_r)
				memcpy(B->best_r, B->s->room, (size_t)B->n * sizeof *B->best_r);
		}
	}
	igs_report_free(r);
}

/* Every assignment of the sessions from i on; a branch is cut only when the placement
 * just made is invalid on its own (igs_place_unary) or clashes with an earlier one
 * (igs_place_pair): the evaluator would report either as a hard violation. */
static void bf_rec(bf *B, int i) {
	if (i == B->n) {
		bf_leaf(B);
		return;
	}
	for (int k = 0; k < B->nopt[i]; k++) {
		int t = B->opt_t[i][k], r = B->opt_r[i][k];
		bool ok = true;
		for (int j = 0; j < i && ok && t >= 0; j++)
			if (B->s->time[j] >= 0 && igs_place_pair(B->p, j, B->s->time[j], B->s->room[j], i, t, r) >= 0)
				ok = false;
		if (!ok)
			continue;
		B->s->time[i] = t;
		B->s->room[i] = r;
		bf_rec(B, i + 1);
	}
	B->s->time[i] = -1;
	B->s->room[i] = -1;
}

double tu_brute_force(const igs_problem *p, bool raw, long *leaves, int *best_t, int *best_r) {
	bf B = {.p = p, .n = p->n_sessions, .best = INFINITY, .best_t = best_t, .best_r = best_r};
	B.s = igs_schedule_new(p);
	ck_assert_ptr_nonnull(B.s);
	B.opt_t = calloc((size_t)B.n, sizeof *B.opt_t);
	B.opt_r = calloc((size_t)B.n, sizeof *B.opt_r);
	B.nopt = calloc((size_t)B.n, sizeof *B.nopt);
	ck_assert(B.opt_t && B.opt_r && B.nopt);
	for (int i = 0; i < B.n; i++) {
		int cap = p->n_times * p->n_rooms + 1;
		B.opt_t[i] = malloc((size_t)cap * sizeof **B.opt_t);
		B.opt_r[i] = malloc((size_t)cap * sizeof **B.opt_r);
		ck_assert(B.opt_t[i] && B.opt_r[i]);
		for (int t = 0; t < p->n_times; t++)
			for (int r = 0; r < p->n_rooms; r++)
				if (raw || igs_place_unary(p, i, t, r) < 0) {
					B.opt_t[i][B.nopt[i]] = t;
					B.opt_r[i][B.nopt[i]++] = r;
				}
		if (raw || p->sessions[i].optional) {
			B.opt_t[i][B.nopt[i]] = -1;
			B.opt_r[i][B.nopt[i]++] = -1;
		}
	}
	if (raw) {
		/* every combination in turn, as a mixed-radix counter; igs_place_pair is not used */
		for (long code = 0;; code++) {
			long c = code;
			for (int i = 0; i < B.n; i++) {
				B.s->time[i] = B.opt_t[i][c % B.nopt[i]];
				B.s->room[i] = B.opt_r[i][c % B.nopt[i]];
				c /= B.nopt[i];
			}
			if (c)
				break;
			bf_leaf(&B);
		}
	} else {
		bf_rec(&B, 0);
	}
	for (int i = 0; i < B.n; i++) {
		free(B.opt_t[i]);
		free(B.opt_r[i]);
	}
	free(B.opt_t);
	free(B.opt_r);
	free(B.nopt);
	igs_schedule_free(B.s);
	if (leaves)
		*leaves = B.leaves;
	return B.best;
}
