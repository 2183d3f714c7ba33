/* Fuzz target: the CoSPLib instance reader (cosplib/instance.c, igs_cosplib_load). */
#include "cosplib/instance.h"
#include "fuzz/fuzz_util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
	fuzz_temp t;
	if (fuzz_temp_write(&t, ".json", data, size) != 0)
		return 0;
	igs_diag *d = igs_diag_new();
	igs_cosplib *c = NULL;
	if (d && igs_cosplib_load(&c, t.input, d) == 0)
		igs_cosplib_free(c);
	igs_diag_free(d);
	fuzz_temp_remove(&t);
	return 0;
}
