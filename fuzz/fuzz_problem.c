/* Fuzz target: the problem reader and its validation (igs_problem_load), then the derived data
 * a loaded problem gets and its evaluation of an empty schedule. */
#include "fuzz/fuzz_util.h"
#include "igfsched.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
	fuzz_temp t;
	if (fuzz_temp_write(&t, ".json", data, size) != 0)
		return 0;
	igs_diag *d = igs_diag_new();
	igs_problem *p = NULL;
	if (d && igs_problem_load(&p, t.input, d) == 0) {
		/* What every command does next with a problem that loads. */
		igs_schedule *s = igs_schedule_new(p);
		igs_report *r = NULL;
		if (s && igs_evaluate(&r, p, s) == 0)
			igs_report_free(r);
		igs_schedule_free(s);
	}
	igs_problem_free(p);
	igs_diag_free(d);
	fuzz_temp_remove(&t);
	return 0;
}
