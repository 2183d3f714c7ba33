/* HTML output: one self-contained page (grid per day, clashes, theme paths, score) for a programme committee. */
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "io/html.h"
#include "model/report.h"
#include "model/timefmt.h"

/* One placed session; sorted by start, then room, so each day's items are contiguous. */
typedef struct {
	long from, to; /* absolute minutes, day × 1440 + clock */
	int s, day, room;
} item;

typedef struct {
	FILE *f;
	const igs_problem *p;
	const igs_schedule *s;
	const igs_report *r; /* may be NULL */
	item *it;
	int n_it;
	long max_dur;   /* no item runs longer: bounds the backward scan for overlaps */
	int *day_first; /* n_days + 1: day d's items are it[day_first[d] .. day_first[d + 1]) */
	int *v_first;   /* n_sessions + 1: session i's violations are v_list[v_first[i] .. v_first[i + 1]) */
	int *v_list;
} page;

static int cmp_item(const void *x, const void *y) {
	const item *a = x, *b = y;
	if (a->from != b->from)
		return a->from < b->from ? -1 : 1;
	if (a->room != b->room)
		return a->room < b->room ? -1 : 1;
	return (a->s > b->s) - (a->s < b->s);
}

static void page_free(page *P) {
	free(P->it);
	free(P->day_first);
	free(P->v_first);
	free(P->v_list);
}

static int page_init(page *P, FILE *f, const igs_schedule *s, const igs_report *r) {
	const igs_problem *p = s->problem;
	int nv = r ? r->n_violations : 0;
	*P = (page){.f = f, .p = p, .s = s, .r = r};
	P->it = malloc((size_t)(s->n > 0 ? s->n : 1) * sizeof *P->it);
	P->day_first = calloc((size_t)p->n_days + 1, sizeof *P->day_first);
	P->v_first = calloc((size_t)s->n + 1, sizeof *P->v_first);
	P->v_list = malloc((size_t)(2 * nv + 1) * sizeof *P->v_list);
	if (!P->it || !P->day_first || !P->v_first || !P->v_list)
		return IGS_ENOMEM;
	for (int i = 0; i < s->n; i++) {
		int t = s->time[i];
		if (t < 0)
			continue;
		long from = igs_time_abs(p, t), dur = p->sessions[i].duration;
		P->it[P->n_it++] = (item){from, from + dur, i, p->times[t].day, s->room[i]};
		if (dur > P->max_dur)
			P->max_dur = dur;
	}
	qsort(P->it, (size_t)P->n_it, sizeof *P->it, cmp_item);
	for (int d = 0, k = 0; d <= p->n_days; d++) {
		while (k < P->n_it && P->it[k].day < d)
			k++;
		P->day_first[d] = k;
	}
	/* Counts become running ends, then filling backwards leaves each session's start in
	 * v_first[i] and its violations in report order. */
	for (int v = 0; v < nv; v++) {
		const igs_violation *V = &r->violations[v];
		if (V->a >= 0)
			P->v_first[V->a]++;
		if (V->b >= 0 && V->b != V->a)
			P->v_first[V->b]++;
	}
	for (int i = 0, sum = 0; i <= s->n; i++) {
		sum += i < s->n ? P->v_first[i] : 0;
		P->v_first[i] = sum;
	}
	for (int v = nv - 1; v >= 0; v--) {
		const igs_violation *V = &r->violations[v];
		if (V->a >= 0)
			P->v_list[--P->v_first[V->a]] = v;
		if (V->b >= 0 && V->b != V->a)
			P->v_list[--P->v_first[V->b]] = v;
	}
	return IGS_OK;
}

/* ---- small writers ---- */

/* Every string from the input goes through here, in text and in attribute values alike. */
static void esc(FILE *f, const char *s) {
	for (; s && *s; s++) {
		switch (*s) {
		case '&': fputs("&amp;", f); break;
		case '<': fputs("&lt;", f); break;
		case '>': fputs("&gt;", f); break;
		case '"': fputs("&quot;", f); break;
		case '\'': fputs("&#39;", f); break;
		default: fputc(*s, f);
		}
	}
}

/* At most six decimals, trailing zeros dropped: the report's own rounding (SCORING.md). */
static void put_num(FILE *f, double v) {
	if (!isfinite(v)) {
		fputs("–", f);
		return;
	}
	char buf[64];
	snprintf(buf, sizeof buf, "%.6f", v);
	char *e = buf + strlen(buf) - 1;
	while (*e == '0')
		*e-- = 0;
	if (*e == '.')
		*e = 0;
	fputs(strcmp(buf, "-0") == 0 ? "0" : buf, f);
}

static void put_share(FILE *f, double share) {
	if (isfinite(share))
		fprintf(f, "%.0f %%", 100.0 * share);
	else
		fputs("–", f);
}

/* "09:00–10:30" from clock minutes. */
static void put_span(FILE *f, int from, int to) {
	char a[6], b[6];
	igs_format_hhmm(from, a);
	igs_format_hhmm(to, b);
	fprintf(f, "%s–%s", a, b);
}

static const char *theme_name(const igs_problem *p, int th) {
	const igs_theme *T = &p->themes[th];
	return T->name && *T->name ? T->name : T->id;
}

static const char *room_name(const igs_problem *p, int r) {
	const igs_room *R = &p->rooms[r];
	return R->name && *R->name ? R->name : R->id;
}

static const char *title_of(const igs_session *S) {
	return S->title && *S->title ? S->title : S->id;
}

static void put_day_name(FILE *f, const igs_day *D) {
	esc(f, D->label);
	if (strcmp(D->label, D->date) != 0) {
		fputs(" (", f);
		esc(f, D->date);
		fputc(')', f);
	}
}

static bool in_list(const int *v, int n, int x) {
	for (int i = 0; i < n; i++)
		if (v[i] == x)
			return true;
	return false;
}

static bool has_theme(const igs_session *S, int th) {
	return in_list(S->themes, S->n_themes, th);
}

/* ---- parallel sessions ---- */

/* The items that may overlap item k lie in [*lo, *hi): they are sorted by start and none
 * runs longer than max_dur. */
static void near(const page *P, int k, int *lo, int *hi) {
	const item *x = &P->it[k];
	int j = k;
	while (j > 0 && P->it[j - 1].from > x->from - P->max_dur)
		j--;
	*lo = j;
	for (j = k + 1; j < P->n_it && P->it[j].from < x->to; j++)
		;
	*hi = j;
}

static bool overlap(const item *a, const item *b) {
	return igs_intervals_overlap(a->from, a->to, b->from, b->to);
}

/* Whether two sessions share a theme or a tag (the report's clash pairs); with f, names
 * each shared one once. */
static bool shares(const igs_problem *p, const igs_session *a, const igs_session *b, FILE *f) {
	bool any = false;
	for (int i = 0; i < a->n_themes; i++) {
		int x = a->themes[i];
		if (!in_list(b->themes, b->n_themes, x) || in_list(a->themes, i, x))
			continue;
		if (!f)
			return true;
		fputs(any ? ", theme " : "theme ", f);
		esc(f, theme_name(p, x));
		any = true;
	}
	for (int i = 0; i < a->n_tags; i++) {
		int x = a->tags[i];
		if (!in_list(b->tags, b->n_tags, x) || in_list(a->tags, i, x))
			continue;
		if (!f)
			return true;
		fputs(any ? ", tag " : "tag ", f);
		esc(f, p->tags[x]);
		any = true;
	}
	return any;
}

/* The parallel sessions that share a theme or tag with item k; with f, one line each
 * naming the session, its room and time and what it shares. Returns how many. */
static int clashes(const page *P, int k, FILE *f) {
	const igs_problem *p = P->p;
	const igs_session *S = &p->sessions[P->it[k].s];
	int lo, hi, n = 0;
	near(P, k, &lo, &hi);
	for (int j = lo; j < hi; j++) {
		const item *y = &P->it[j];
		const igs_session *T = &p->sessions[y->s];
		if (j == k || !overlap(&P->it[k], y) || !shares(p, S, T, NULL))
			continue;
		n++;
		if (!f)
			continue;
		fputs("&#10;• ", f);
		esc(f, title_of(T));
		fputs(" (", f);
		esc(f, room_name(p, y->room));
		fputs(", ", f);
		put_span(f, (int)(y->from % 1440), (int)(y->to - y->day * 1440L));
		fputs("): ", f);
		shares(p, S, T, f);
	}
	return n;
}

/* Item k's lane among the items in its room while it runs (*n of them, itself included):
 * a room clash is drawn side by side instead of one block hiding the other. */
static int lane_of(const page *P, int k, int *n) {
	int lo, hi, lane = 0;
	near(P, k, &lo, &hi);
	*n = 1;
	for (int j = lo; j < hi; j++) {
		if (j == k || P->it[j].room != P->it[k].room || !overlap(&P->it[j], &P->it[k]))
			continue;
		lane += j < k;
		(*n)++;
	}
	return lane;
}

/* ---- head, summary, controls ---- */

static const char css[] =
	"*{box-sizing:border-box}\n"
	"body{margin:0;font:14px/1.35 system-ui,'DejaVu Sans','Liberation Sans',sans-serif;color:#111;"
	"background:#f6f6f4}\n"
	"header,#controls,#paths,#tabs,section.day,#unscheduled,#score{padding:4px 16px}\n"
	"h1{font-size:1.35em;margin:.3em 0}\n"
	"h2{font-size:1.15em;margin:.7em 0 .3em}\n"
	"h3{font-size:1em;margin:.6em 0 .2em}\n"
	".hardn{color:#b00000;font-weight:bold}\n"
	".good{color:#05600a;font-weight:bold}\n"
	"#controls{display:flex;flex-wrap:wrap;gap:6px 14px;align-items:center}\n"
	".legend{display:flex;flex-wrap:wrap;gap:2px 14px;list-style:none;margin:0;padding:0;font-size:13px}\n"
	".sw{display:inline-block;width:1.1em;height:1.1em;border:1px solid;border-left-width:5px;"
	"vertical-align:-3px;margin-right:4px}\n"
	".path{background:#fff;border:1px solid #999;padding:4px 12px;margin:6px 0}\n"
	".path ol{margin:.3em 0;padding-left:2.2em;max-height:32vh;overflow:auto}\n"
	".path em{color:#7a4100}\n"
	"#tabs{display:flex;flex-wrap:wrap;gap:4px;border-bottom:2px solid #444;padding-bottom:0;margin-top:8px}\n"
	"#tabs button{font:inherit;padding:4px 12px;border:1px solid #888;border-bottom:0;background:#e4e4e0;"
	"border-radius:6px 6px 0 0;cursor:pointer;color:#111}\n"
	"#tabs button[aria-selected=true]{background:#fff;border-color:#444;font-weight:bold}\n"
	"#tabs small{display:block;font-weight:normal;color:#333}\n"
	".wrap{overflow:auto;max-height:82vh;border:1px solid #999;background:#fff}\n"
	".grid{display:grid}\n"
	".rh{position:sticky;top:0;z-index:3;background:#ecece6;border-bottom:1px solid #888;"
	"border-right:1px solid #ccc;padding:3px 5px;font-weight:bold;font-size:12px}\n"
	".rh small{display:block;font-weight:normal;color:#333}\n"
	".tm{position:sticky;left:0;z-index:2;background:#ecece6;border-right:1px solid #888;"
	"border-top:1px solid #ddd;font-size:11px;padding:0 4px;color:#222}\n"
	".rh.corner{left:0;z-index:4}\n"
	".c{border-top:1px solid #e4e4e4;border-right:1px solid #eee}\n"
	".c.b{background:#ededed}\n"
	".c.x{background:repeating-linear-gradient(45deg,#d8d8d8 0 4px,#f4f4f4 4px 8px)}\n"
	".s{position:relative;z-index:1;margin:1px 2px;padding:2px 4px;border:1px solid;border-left-width:5px;"
	"border-radius:3px;overflow:hidden;font-size:12px;line-height:1.25}\n"
	".s b{display:block;font-weight:600}\n"
	".s .m{display:block;color:#222;font-size:11px}\n"
	".s.hard{outline:3px solid #c00000;outline-offset:-1px}\n"
	".flag{display:inline-block;font-size:10.5px;font-weight:bold;padding:0 4px;border-radius:3px;"
	"margin:1px 3px 0 0;color:#fff;cursor:help}\n"
	".flag.hv{background:#b00000}\n"
	".flag.cl{background:#7a4100}\n"
	".s.dim{opacity:.2}\n"
	".s.on{box-shadow:0 0 0 2px #111}\n"
	".s.flash{animation:fl 1.5s}\n"
	"@keyframes fl{from{box-shadow:0 0 0 6px #111}}\n"
	".k-{background:#e6e6e6;border-color:#555}\n"
	"table{border-collapse:collapse;background:#fff;margin:4px 0}\n"
	"th,td{border:1px solid #bbb;padding:2px 6px;text-align:left;vertical-align:top}\n"
	"td.n{text-align:right;font-variant-numeric:tabular-nums}\n"
	"tr.req td{background:#fde6e6}\n"
	".viol li{margin:2px 0}\n"
	"@media print{section.day[hidden]{display:block}.wrap{max-height:none;overflow:visible}"
	"#controls,#tabs,#paths{display:none}}\n";

static void put_head(const page *P) {
	FILE *f = P->f;
	const igs_problem *p = P->p;
	fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
	      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
	      "<meta name=\"generator\" content=\"igfsched " IGS_VERSION "\">\n<title>",
	      f);
	esc(f, p->name);
	fputs(" — draft programme</title>\n<style>\n", f);
	fputs(css, f);
	/* The golden angle keeps neighbouring themes far apart in hue for any number of themes;
	 * light backgrounds keep the dark text above 7:1 contrast. */
	for (int th = 0; th < p->n_themes; th++) {
		int hue = (int)((200 + th * 137508L / 1000) % 360);
		fprintf(f, ".k%d{background:hsl(%d,70%%,88%%);border-color:hsl(%d,60%%,30%%)}\n", th, hue, hue);
	}
	/* Errors are counted from the first moment the body exists, so a test reading the DOM
	 * sees any script failure, not just a missing ready mark. */
	fputs("</style>\n</head>\n<body data-errors=\"0\">\n<script>\n"
	      "window.onerror = function (m) {\n"
	      "\tvar b = document.body;\n"
	      "\tb.setAttribute('data-errors', String(+b.getAttribute('data-errors') + 1));\n"
	      "\tb.setAttribute('data-error-text', (b.getAttribute('data-error-text') || '') + m + '\\n');\n"
	      "};\n</script>\n",
	      f);
}

static void put_summary(const page *P) {
	FILE *f = P->f;
	const igs_problem *p = P->p;
	const igs_report *r = P->r;
	fputs("<header>\n<h1>", f);
	esc(f, p->name);
	fputs("</h1>\n<p class=\"sum\">", f);
	fprintf(f, "%d sessions: %d scheduled, %d unscheduled", P->s->n, P->n_it, P->s->n - P->n_it);
	if (r) {
		int h = igs_report_hard_count(r);
		fputs(" · score <b>", f);
		put_num(f, r->total);
		fprintf(f, "</b> (lower is better) · <a href=\"#score\" class=\"%s\">%d hard violation%s</a>", h ? "hardn" : "good",
			h, h == 1 ? "" : "s");
		fprintf(f, " · %d parallel pair%s share a theme or tag", r->clash_pairs,
			r->clash_pairs == 1 ? "" : "s");
	} else {
		fputs(" · not evaluated", f);
	}
	fputs("</p>\n</header>\n", f);
}

static void put_controls(const page *P) {
	FILE *f = P->f;
	const igs_problem *p = P->p;
	fputs("<div id=\"controls\">\n<label>Follow a theme: <select id=\"theme\">\n"
	      "<option value=\"\">all themes</option>\n",
	      f);
	for (int th = 0; th < p->n_themes; th++) {
		fprintf(f, "<option data-i=\"%d\" value=\"", th);
		esc(f, p->themes[th].id);
		fputs("\">", f);
		esc(f, theme_name(p, th));
		fputs("</option>\n", f);
	}
	fputs("</select></label>\n<ul class=\"legend\" aria-label=\"colour of each session's first theme\">\n", f);
	for (int th = 0; th < p->n_themes; th++) {
		fprintf(f, "<li><span class=\"sw k%d\"></span>", th);
		esc(f, theme_name(p, th));
		fputs("</li>\n", f);
	}
	fputs("<li><span class=\"sw k-\"></span>no theme</li>\n"
	      "<li><span class=\"flag cl\">clash</span>shares a theme or tag with a parallel session</li>\n"
	      "<li><span class=\"flag hv\">hard</span>breaks a hard rule</li>\n</ul>\n</div>\n",
	      f);
}

/* One theme's sessions in time order, as a person following it would walk the meeting. */
static void put_path(const page *P, int th) {
	FILE *f = P->f;
	const igs_problem *p = P->p;
	int n = 0;
	for (int k = 0; k < P->n_it; k++)
		n += has_theme(&p->sessions[P->it[k].s], th);
	fprintf(f, "<section class=\"path\" data-i=\"%d\" hidden>\n<h3><span class=\"sw k%d\"></span>Path of ", th, th);
	esc(f, theme_name(p, th));
	fprintf(f, "</h3>\n<p>%d scheduled session%s", n, n == 1 ? "" : "s");
	if (P->r && n > 0) {
		fputs("; one person following the theme can attend ", f);
		put_share(f, P->r->theme_share[th]);
		fputs(" of them in full", f);
	}
	fputs(". Select an entry to see it in the grid.</p>\n<ol>\n", f);
	long reach = LONG_MIN;
	for (int k = 0; k < P->n_it; k++) {
		const item *x = &P->it[k];
		const igs_session *S = &p->sessions[x->s];
		if (!has_theme(S, th))
			continue;
		fprintf(f, "<li><a href=\"#s%d\" data-s=\"%d\">", x->s, x->s);
		esc(f, p->days[x->day].label);
		fputs(" · ", f);
		put_span(f, (int)(x->from % 1440), (int)(x->to - x->day * 1440L));
		fputs(" · ", f);
		esc(f, room_name(p, x->room));
		fputs(" · ", f);
		esc(f, title_of(S));
		fputs("</a>", f);
		if (x->from < reach)
			fputs(" <em>in parallel with an earlier session of this theme</em>", f);
		fputs("</li>\n", f);
		if (x->to > reach)
			reach = x->to;
	}
	fputs("</ol>\n", f);
	bool first = true;
	for (int i = 0; i < P->s->n; i++) {
		if (P->s->time[i] >= 0 || !has_theme(&p->sessions[i], th))
			continue;
		fputs(first ? "<p>Not scheduled: " : "; ", f);
		esc(f, title_of(&p->sessions[i]));
		first = false;
	}
	if (!first)
		fputs("</p>\n", f);
	fputs("</section>\n", f);
}

static void put_tabs(const page *P) {
	FILE *f = P->f;
	const igs_problem *p = P->p;
	fputs("<nav id=\"tabs\" role=\"tablist\">\n", f);
	for (int d = 0; d < p->n_days; d++) {
		const igs_day *D = &p->days[d];
		int n = P->day_first[d + 1] - P->day_first[d];
		fprintf(f, "<button type=\"button\" role=\"tab\" data-d=\"%d\" aria-controls=\"day%d\">", d, d);
		esc(f, D->label);
		fputs("<small>", f);
		if (strcmp(D->label, D->date) != 0) {
			esc(f, D->date);
			fputs(" · ", f);
		}
		fprintf(f, "%d session%s <span class=\"hit\"></span></small></button>\n", n, n == 1 ? "" : "s");
	}
	fputs("</nav>\n", f);
}

/* ---- the day grids ---- */

static int cmp_int(const void *x, const void *y) {
	int a = *(const int *)x, b = *(const int *)y;
	return (a > b) - (a < b);
}

static int line_of(const int *lines, int n, int minute) {
	const int *hit = bsearch(&minute, lines, (size_t)n, sizeof *lines, cmp_int);
	return (int)(hit - lines);
}

static bool in_slot(const igs_day *D, int from, int to) {
	for (int i = 0; i < D->n_slots; i++)
		if (D->slots[i].from <= from && to <= D->slots[i].to)
			return true;
	return false;
}

/* The block of item k: grid lines are offset by the header row and the time column. */
static void put_session(const page *P, int k, const int *lines, int n_lines) {
	FILE *f = P->f;
	const igs_problem *p = P->p;
	const item *x = &P->it[k];
	const igs_session *S = &p->sessions[x->s];
	const igs_room *R = &p->rooms[x->room];
	int from = (int)(x->from % 1440), to = (int)(x->to - x->day * 1440L);
	int nv = P->v_first[x->s + 1] - P->v_first[x->s], nc = clashes(P, k, NULL), lanes;
	int lane = lane_of(P, k, &lanes);

	fprintf(f, "<div id=\"s%d\" class=\"s k", x->s);
	if (S->n_themes > 0)
		fprintf(f, "%d", S->themes[0]);
	else
		fputc('-', f);
	fputs(nv ? " hard\" data-t=\"" : "\" data-t=\"", f);
	for (int i = 0; i < S->n_themes; i++)
		fprintf(f, i ? " %d" : "%d", S->themes[i]);
	fprintf(f, "\" style=\"grid-area:%d/%d/%d/%d", line_of(lines, n_lines, from) + 2, x->room + 2,
		line_of(lines, n_lines, to) + 2, x->room + 3);
	if (lanes > 1)
		fprintf(f, ";width:calc(%d%% - 4px);margin-left:calc(%d%% + 2px)", 100 / lanes, 100 * lane / lanes);
	fputs("\" title=\"", f);
	esc(f, S->id);
	fputs(" · ", f);
	esc(f, title_of(S));
	for (int i = 0; i < S->n_themes; i++) {
		fputs(i ? ", " : "&#10;themes: ", f);
		esc(f, theme_name(p, S->themes[i]));
	}
	for (int i = 0; i < S->n_tags; i++) {
		fputs(i ? ", " : "&#10;tags: ", f);
		esc(f, p->tags[S->tags[i]]);
	}
	for (int i = 0; i < S->n_people; i++) {
		const igs_person *W = &p->people[S->people[i].person];
		fputs(i ? ", " : "&#10;people: ", f);
		esc(f, W->name && *W->name ? W->name : W->id);
	}
	if (S->attendance > 0)
		fprintf(f, "&#10;expected attendance %d", S->attendance);
	if (R->capacity > 0)
		fprintf(f, "&#10;room seats %d", R->capacity);
	fputs("\"><b>", f);
	esc(f, title_of(S));
	fputs("</b><span class=\"m\">", f);
	esc(f, S->type);
	fputs(" · ", f);
	put_span(f, from, to);
	if (S->n_people > 0)
		fprintf(f, " · %d %s", S->n_people, S->n_people == 1 ? "person" : "people");
	fputs("</span>", f);
	if (nv > 0) {
		fputs("<span class=\"flag hv\" title=\"", f);
		for (int i = P->v_first[x->s]; i < P->v_first[x->s + 1]; i++) {
			if (i > P->v_first[x->s])
				fputs("&#10;", f);
			esc(f, P->r->violations[P->v_list[i]].text);
		}
		fputs("\">hard:", f);
		/* Each kind once, in the report's order. */
		for (int i = P->v_first[x->s]; i < P->v_first[x->s + 1]; i++) {
			igs_violation_kind kind = P->r->violations[P->v_list[i]].kind;
			bool seen = false;
			for (int j = P->v_first[x->s]; j < i && !seen; j++)
				seen = P->r->violations[P->v_list[j]].kind == kind;
			if (!seen)
				fprintf(f, " %s", igs_violation_name(kind));
		}
		fputs("</span>", f);
	}
	if (nc > 0) {
		fputs("<span class=\"flag cl\" title=\"Shares a theme or tag with, at the same time:", f);
		clashes(P, k, f);
		fprintf(f, "\">clash ×%d</span>", nc);
	}
	fputs("</div>\n", f);
}

static int put_day(const page *P, int d) {
	FILE *f = P->f;
	const igs_problem *p = P->p;
	const igs_day *D = &p->days[d];
	int a = P->day_first[d], b = P->day_first[d + 1];
	/* Row lines: slot edges, allowed starts and every session's start and end, so each
	 * block starts and ends on a line and breaks show as their own rows. */
	int *lines = malloc((size_t)(2 * D->n_slots + D->n_starts + 2 * (b - a) + 1) * sizeof *lines);
	if (!lines)
		return IGS_ENOMEM;
	int m = 0;
	for (int i = 0; i < D->n_slots; i++) {
		lines[m++] = D->slots[i].from;
		lines[m++] = D->slots[i].to;
	}
	for (int i = 0; i < D->n_starts; i++)
		lines[m++] = D->starts[i];
	for (int k = a; k < b; k++) {
		lines[m++] = (int)(P->it[k].from % 1440);
		lines[m++] = (int)(P->it[k].to - d * 1440L);
	}
	qsort(lines, (size_t)m, sizeof *lines, cmp_int);
	int u = 0;
	for (int i = 0; i < m; i++)
		if (u == 0 || lines[i] != lines[u - 1])
			lines[u++] = lines[i];
	m = u;

	fprintf(f, "<section class=\"day\" id=\"day%d\" data-day=\"%d\" role=\"tabpanel\">\n<h2>", d, d);
	put_day_name(f, D);
	fprintf(f, ": %d session%s</h2>\n", b - a, b - a == 1 ? "" : "s");
	if (m < 2) {
		fputs("<p>This day has no slots.</p>\n</section>\n", f);
		free(lines);
		return IGS_OK;
	}
	fprintf(f, "<div class=\"wrap\"><div class=\"grid\" style=\"grid-template-columns:3.6em repeat(%d,minmax(9.5em,1fr));"
		   "grid-template-rows:auto",
		p->n_rooms);
	/* In-slot rows to scale (1.6 px a minute); breaks thin, since nothing runs there. */
	for (int i = 0; i + 1 < m; i++)
		fprintf(f, " %dpx", in_slot(D, lines[i], lines[i + 1]) ? (lines[i + 1] - lines[i]) * 8 / 5 : 12);
	fputs("\">\n<div class=\"rh corner\" style=\"grid-area:1/1\"></div>\n", f);
	for (int r = 0; r < p->n_rooms; r++) {
		const igs_room *R = &p->rooms[r];
		fprintf(f, "<div class=\"rh\" style=\"grid-area:1/%d\" title=\"", r + 2);
		esc(f, R->id);
		for (int k = 0, n = 0; k < p->n_features; k++) {
			if (!(R->features >> k & 1))
				continue;
			fputs(n++ ? ", " : "&#10;features: ", f);
			esc(f, p->features[k]);
		}
		fputs("\">", f);
		esc(f, room_name(p, r));
		if (R->capacity > 0)
			fprintf(f, "<small>%d seats</small>", R->capacity);
		fputs("</div>\n", f);
	}
	for (int i = 0; i + 1 < m; i++) {
		bool slot = in_slot(D, lines[i], lines[i + 1]);
		char hh[6];
		igs_format_hhmm(lines[i], hh);
		fprintf(f, "<div class=\"tm\" style=\"grid-area:%d/1\">%s</div>", i + 2, hh);
		for (int r = 0; r < p->n_rooms; r++) {
			bool closed = !igs_room_available(&p->rooms[r], d, lines[i], lines[i + 1]);
			fprintf(f, "<div class=\"c%s%s\" style=\"grid-area:%d/%d\"%s></div>", slot ? "" : " b",
				closed ? " x" : "", i + 2, r + 2, closed ? " title=\"room closed\"" : "");
		}
		fputc('\n', f);
	}
	for (int k = a; k < b; k++)
		put_session(P, k, lines, m);
	fputs("</div></div>\n</section>\n", f);
	free(lines);
	return IGS_OK;
}

/* ---- unscheduled sessions and the score ---- */

static void put_unscheduled(const page *P) {
	FILE *f = P->f;
	const igs_problem *p = P->p;
	const igs_schedule *s = P->s;
	int n = s->n - P->n_it;
	fprintf(f, "<section id=\"unscheduled\">\n<h2>Unscheduled sessions (%d)</h2>\n", n);
	if (n == 0) {
		fputs("<p>Every session is scheduled.</p>\n</section>\n", f);
		return;
	}
	fputs("<table>\n<thead><tr><th>Session</th><th>Title</th><th>Type</th><th>Themes</th><th>Status</th>"
	      "<th>Reason</th></tr></thead>\n<tbody>\n",
	      f);
	for (int i = 0; i < s->n; i++) {
		if (s->time[i] >= 0)
			continue;
		const igs_session *S = &p->sessions[i];
		fputs(S->optional ? "<tr><td>" : "<tr class=\"req\"><td>", f);
		esc(f, S->id);
		fputs("</td><td>", f);
		esc(f, title_of(S));
		fputs("</td><td>", f);
		esc(f, S->type);
		fputs("</td><td>", f);
		for (int k = 0; k < S->n_themes; k++) {
			if (k)
				fputs(", ", f);
			esc(f, theme_name(p, S->themes[k]));
		}
		fputs("</td><td>", f);
		if (S->optional) {
			fputs("optional, priority ", f);
			put_num(f, S->priority);
		} else {
			fputs("<b class=\"hardn\">required: a hard violation</b>", f);
		}
		fputs("</td><td>", f);
		esc(f, s->reason[i] ? s->reason[i] : "not placed");
		fputs("</td></tr>\n", f);
	}
	fputs("</tbody>\n</table>\n</section>\n", f);
}

static void put_term(FILE *f, const char *name, const igs_term *t, double weight, const char *help) {
	fputs("<tr><td>", f);
	esc(f, name);
	fputs("</td><td class=\"n\">", f);
	put_num(f, t->count);
	fputs("</td><td class=\"n\">", f);
	put_num(f, weight);
	fputs("</td><td class=\"n\">", f);
	put_num(f, t->cost);
	fputs("</td><td>", f);
	esc(f, help);
	fputs("</td></tr>\n", f);
}

/* The report's attendable share per theme, with each theme's scheduled count. */
static void put_shares(const page *P) {
	FILE *f = P->f;
	const igs_problem *p = P->p;
	const igs_report *r = P->r;
	fputs("<h3>Attendable share per theme</h3>\n<p>The part of a theme's programme one person can attend in "
	      "full (100 % when no two of its sessions overlap).</p>\n<table>\n<thead><tr><th>Theme</th>"
	      "<th>Scheduled</th><th>Share</th></tr></thead>\n<tbody>\n",
	      f);
	for (int th = 0; th < p->n_themes; th++) {
		int n = 0;
		for (int k = 0; k < P->n_it; k++)
			n += has_theme(&p->sessions[P->it[k].s], th);
		fprintf(f, "<tr><td><span class=\"sw k%d\"></span>", th);
		esc(f, theme_name(p, th));
		fprintf(f, "</td><td class=\"n\">%d</td><td class=\"n\">", n);
		put_share(f, r->theme_share[th]);
		fputs("</td></tr>\n", f);
	}
	fputs("</tbody>\n</table>\n", f);
	if (r->worst_theme >= 0) {
		fputs("<p>Worst: ", f);
		esc(f, theme_name(p, r->worst_theme));
		fputs(", ", f);
		put_share(f, r->worst_share);
		fputs("; mean ", f);
		put_share(f, r->mean_share);
		fputs(".</p>\n", f);
	}
}

static void put_score(const page *P) {
	FILE *f = P->f;
	const igs_problem *p = P->p;
	const igs_report *r = P->r;
	const igs_solver_stats *st = &P->s->stats;
	fputs("<section id=\"score\">\n<h2>Score</h2>\n", f);
	if (!r) {
		fputs("<p>This schedule was written without an evaluation.</p>\n</section>\n", f);
		return;
	}
	int h = igs_report_hard_count(r);
	fputs("<p>Score <b>", f);
	put_num(f, r->total);
	fprintf(f, "</b>, the sum of the soft costs (lower is better); <span class=\"%s\">%d hard violation%s</span>.</p>\n",
		h ? "hardn" : "good", h, h == 1 ? "" : "s");
	fputs("<table>\n<thead><tr><th>Term</th><th>Count</th><th>Weight</th><th>Cost</th><th>Counts</th></tr></thead>\n"
	      "<tbody>\n",
	      f);
#define IGS_HTML_TERM(f_, n, d, m, hlp) put_term(f, n, &r->f_, p->weights.f_, hlp);
	IGS_WEIGHTS(IGS_HTML_TERM)
#undef IGS_HTML_TERM
	fputs("<tr><th>total</th><td></td><td></td><td class=\"n\"><b>", f);
	put_num(f, r->total);
	fputs("</b></td><td></td></tr>\n</tbody>\n</table>\n", f);

	fprintf(f, "<h3>Hard violations (%d)</h3>\n", h);
	if (r->n_violations > 0) {
		fputs("<ol class=\"viol\">\n", f);
		for (int v = 0; v < r->n_violations; v++) {
			fprintf(f, "<li><b class=\"hardn\">%s</b> ", igs_violation_name(r->violations[v].kind));
			esc(f, r->violations[v].text);
			fputs("</li>\n", f);
		}
		fputs("</ol>\n", f);
	} else {
		fputs("<p>None: every hard rule is kept.</p>\n", f);
	}

	if (p->n_themes > 0)
		put_shares(P);
	/* No elapsed time: it differs from run to run, and the same schedule must give the same file. */
	fputs("<p>Solver: ", f);
	esc(f, st->solver);
	fputs(" (", f);
	esc(f, st->status);
	fprintf(f, "), seed %ld", st->seed);
	if (isfinite(st->bound)) {
		fputs(", proven bound ", f);
		put_num(f, st->bound);
	}
	fputs(".</p>\n</section>\n", f);
}

/* Tabs, the theme filter (also driven by the URL: #day=N&theme=ID) and the path links. No
 * input string is ever placed in the script: it reads everything from the DOM. */
static const char script[] =
	"(function () {\n"
	"\t'use strict';\n"
	"\tvar body = document.body, sel = document.getElementById('theme');\n"
	"\tvar tabs = document.querySelectorAll('#tabs button'), days = document.querySelectorAll('section.day');\n"
	"\tvar blocks = document.querySelectorAll('.s'), paths = document.querySelectorAll('.path');\n"
	"\tvar day = 0;\n"
	"\tfunction dayOf(el) { return +el.closest('section.day').getAttribute('data-day'); }\n"
	"\tfunction showDay(d) {\n"
	"\t\tday = d;\n"
	"\t\tfor (var i = 0; i < days.length; i++) {\n"
	"\t\t\tdays[i].hidden = i !== d;\n"
	"\t\t\ttabs[i].setAttribute('aria-selected', String(i === d));\n"
	"\t\t}\n"
	"\t}\n"
	"\tfunction showTheme(k) {\n"
	"\t\tvar per = [], i;\n"
	"\t\tfor (i = 0; i < blocks.length; i++) {\n"
	"\t\t\tvar b = blocks[i], on = k !== '' && (' ' + b.getAttribute('data-t') + ' ').indexOf(' ' + k + ' ') >= 0;\n"
	"\t\t\tb.classList.toggle('on', on);\n"
	"\t\t\tb.classList.toggle('dim', k !== '' && !on);\n"
	"\t\t\tif (on)\n"
	"\t\t\t\tper[dayOf(b)] = (per[dayOf(b)] || 0) + 1;\n"
	"\t\t}\n"
	"\t\tfor (i = 0; i < paths.length; i++)\n"
	"\t\t\tpaths[i].hidden = paths[i].getAttribute('data-i') !== k;\n"
	"\t\tfor (i = 0; i < tabs.length; i++)\n"
	"\t\t\ttabs[i].querySelector('.hit').textContent = k === '' ? '' : '(' + (per[i] || 0) + ' of the theme)';\n"
	"\t\tbody.setAttribute('data-theme', k);\n"
	"\t}\n"
	"\tfunction chosen() { return sel.options[sel.selectedIndex].getAttribute('data-i') || ''; }\n"
	"\tfunction save() {\n"
	"\t\tvar v = sel.value;\n"
	"\t\thistory.replaceState(null, '', '#day=' + day + (v ? '&theme=' + encodeURIComponent(v) : ''));\n"
	"\t}\n"
	"\tfunction load() {\n"
	"\t\tvar h = location.hash.slice(1), q = {};\n"
	"\t\tif (h.indexOf('=') < 0)\n"
	"\t\t\treturn; /* a plain anchor such as #score */\n"
	"\t\th.split('&').forEach(function (kv) {\n"
	"\t\t\tvar i = kv.indexOf('=');\n"
	"\t\t\tif (i <= 0)\n"
	"\t\t\t\treturn;\n"
	"\t\t\t/* A hand-typed hash may hold a malformed escape: that key is then ignored. */\n"
	"\t\t\ttry { q[kv.slice(0, i)] = decodeURIComponent(kv.slice(i + 1)); } catch (e) { return; }\n"
	"\t\t});\n"
	"\t\tif ('theme' in q) {\n"
	"\t\t\tsel.selectedIndex = 0;\n"
	"\t\t\tfor (var i = 0; i < sel.options.length; i++)\n"
	"\t\t\t\tif (sel.options[i].value === q.theme)\n"
	"\t\t\t\t\tsel.selectedIndex = i;\n"
	"\t\t\tshowTheme(chosen());\n"
	"\t\t}\n"
	"\t\tvar d = parseInt(q.day, 10), first = document.querySelector('.s.on');\n"
	"\t\tif (d >= 0 && d < days.length)\n"
	"\t\t\tshowDay(d);\n"
	"\t\telse if (first) /* a theme alone opens on its first day */\n"
	"\t\t\tshowDay(dayOf(first));\n"
	"\t}\n"
	"\tsel.addEventListener('change', function () {\n"
	"\t\tshowTheme(chosen());\n"
	"\t\tsave();\n"
	"\t});\n"
	"\tfor (var i = 0; i < tabs.length; i++)\n"
	"\t\ttabs[i].addEventListener('click', function () {\n"
	"\t\t\tshowDay(+this.getAttribute('data-d'));\n"
	"\t\t\tsave();\n"
	"\t\t});\n"
	"\tdocument.getElementById('paths').addEventListener('click', function (e) {\n"
	"\t\tvar a = e.target.closest('a[data-s]');\n"
	"\t\tif (!a)\n"
	"\t\t\treturn;\n"
	"\t\te.preventDefault();\n"
	"\t\tvar el = document.getElementById('s' + a.getAttribute('data-s'));\n"
	"\t\tshowDay(dayOf(el));\n"
	"\t\tsave();\n"
	"\t\tel.scrollIntoView({block: 'center', inline: 'center'});\n"
	"\t\tel.classList.add('flash');\n"
	"\t\tsetTimeout(function () { el.classList.remove('flash'); }, 1500);\n"
	"\t});\n"
	"\tshowDay(0);\n"
	"\tshowTheme('');\n"
	"\tload();\n"
	"\twindow.addEventListener('hashchange', load);\n"
	"\tbody.setAttribute('data-ready', '1');\n"
	"})();\n";

int igs_write_html(FILE *f, const igs_schedule *s, const igs_report *r) {
	page P;
	int rc = page_init(&P, f, s, r);
	if (rc == IGS_OK) {
		put_head(&P);
		put_summary(&P);
		put_controls(&P);
		fputs("<div id=\"paths\">\n", f);
		for (int th = 0; th < P.p->n_themes; th++)
			put_path(&P, th);
		fputs("</div>\n", f);
		put_tabs(&P);
		for (int d = 0; d < P.p->n_days && rc == IGS_OK; d++)
			rc = put_day(&P, d);
	}
	if (rc == IGS_OK) {
		put_unscheduled(&P);
		put_score(&P);
		fprintf(f, "<script>\n%s</script>\n</body>\n</html>\n", script);
	}
	page_free(&P);
	return rc;
}
