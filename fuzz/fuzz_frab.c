/* Fuzz target: the frab / Pentabarf / pretalx importer (igs_import_frab), XML or JSON by the
 * input's first character, writing the problem and the real schedule. */
#include <stdio.h>

#include "fuzz/fuzz_util.h"
#include "igfsched.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
	fuzz_temp t;
	if (fuzz_temp_write(&t, ".xml", data, size) != 0)
		return 0;
	char real[FUZZ_PATH_MAX + 16];
	snprintf(real, sizeof real, "%s/real.json", t.dir);
	igs_diag *d = igs_diag_new();
	igs_frab_import_options o = {.real_schedule = real, .thematic_rooms = size % 2 == 1};
	igs_frab_import_stats st;
	if (d)
		igs_import_frab(&st, t.input, t.output, &o, d);
	igs_diag_free(d);
	fuzz_temp_remove(&t);
	return 0;
}
