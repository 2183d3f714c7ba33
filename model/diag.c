/* Diagnostics: a growing list of located messages, so loaders report every problem at once. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "igfsched.h"

struct igs_diag {
	int n, cap;
	igs_msg *msgs;
	bool oom; /* an allocation failed while recording; the count is a lower bound */
};

igs_diag *igs_diag_new(void) {
	return calloc(1, sizeof(igs_diag));
}

void igs_diag_free(igs_diag *d) {
	if (!d)
		return;
	for (int i = 0; i < d->n; i++) {
		free(d->msgs[i].file);
		free(d->msgs[i].where);
		free(d->msgs[i].message);
	}
	free(d->msgs);
	free(d);
}

int igs_diag_count(const igs_diag *d) {
	return d ? d->n : 0;
}

const igs_msg *igs_diag_get(const igs_diag *d, int i) {
	return (d && i >= 0 && i < d->n) ? &d->msgs[i] : NULL;
}

static char *dup_or_empty(const char *s) {
	return strdup(s ? s : "");
}

int igs_diag_add(igs_diag *d, const char *file, const char *where, const char *fmt, ...) {
	va_list ap;
	va_start(ap, fmt);
	int rc = igs_diag_addv(d, file, where, fmt, ap);
	va_end(ap);
	return rc;
}

int igs_diag_addv(igs_diag *d, const char *file, const char *where, const char *fmt, va_list ap) {
	if (!d)
		return IGS_EINPUT;
	if (d->n == d->cap) {
		int cap = d->cap ? 2 * d->cap : 16;
		igs_msg *m = realloc(d->msgs, (size_t)cap * sizeof *m);
		if (!m) {
			d->oom = true;
			return IGS_EINPUT;
		}
		d->msgs = m;
		d->cap = cap;
	}
	va_list again;
	va_copy(again, ap);
	char *text = NULL;
	int len = vsnprintf(NULL, 0, fmt, ap);
	if (len >= 0 && (text = malloc((size_t)len + 1)))
		vsnprintf(text, (size_t)len + 1, fmt, again);
	va_end(again);
	igs_msg m = {dup_or_empty(file), dup_or_empty(where), text};
	if (!m.file || !m.where || !m.message) {
		free(m.file);
		free(m.where);
		free(m.message);
		d->oom = true;
		return IGS_EINPUT;
	}
	d->msgs[d->n++] = m;
	return IGS_EINPUT;
}

void igs_diag_print(const igs_diag *d, FILE *out) {
	if (!d)
		return;
	for (int i = 0; i < d->n; i++) {
		const igs_msg *m = &d->msgs[i];
		if (*m->file)
			fprintf(out, "%s: ", m->file);
		if (*m->where)
			fprintf(out, "%s: ", m->where);
		fprintf(out, "%s\n", m->message);
	}
	if (d->oom)
		fprintf(out, "(out of memory while recording messages: some are missing)\n");
}
