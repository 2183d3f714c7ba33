/* Fuzz target: the spreadsheet importer (igs_import_csv) with the bundled venue
 * examples/spreadsheet/venue-small.json. */
#include "fuzz/fuzz_util.h"
#include "igfsched.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
	fuzz_temp t;
	if (fuzz_temp_write(&t, ".csv", data, size) != 0)
		return 0;
	igs_diag *d = igs_diag_new();
	int n = 0;
	if (d)
		igs_import_csv(t.input, IGS_EXAMPLES_DIR "/spreadsheet/venue-small.json", t.output, &n, d);
	igs_diag_free(d);
	fuzz_temp_remove(&t);
	return 0;
}
