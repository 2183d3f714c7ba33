/* Defaults and checks of the CoSPLib options, from their table. */
#include "cosplib/options.h"

void igs_cosplib_options_init(igs_cosplib_options *o) {
#define IGS_COSPLIB_O_INIT(t, n, d, lo, hi, h) o->n = d;
	IGS_COSPLIB_OPTIONS(IGS_COSPLIB_O_INIT)
#undef IGS_COSPLIB_O_INIT
	o->interrupt = NULL;
	o->live_progress = false;
	o->has_bound = false;
	o->bound = 0;
}

int igs_cosplib_options_check(const igs_cosplib_options *o, igs_diag *d) {
	int rc = IGS_OK;
	/* Written as !(in range) so that a NaN fails too. */
#define IGS_COSPLIB_O_CHECK(t, n, d_, lo, hi, h)                                                   \
	if (!(o->n >= (lo) && o->n <= (hi)))                                                       \
		rc = igs_diag_add(d, "cosplib options", #n, "is %.15g; give %s from %.15g to %.15g (%s)",   \
				  (double)o->n, (double)(t)0.5 == 0.5 ? "a number" : "a whole number",       \
				  (double)(lo), (double)(hi), h);
	IGS_COSPLIB_OPTIONS(IGS_COSPLIB_O_CHECK)
#undef IGS_COSPLIB_O_CHECK
	return rc == IGS_OK ? IGS_OK : IGS_EUSAGE;
}
