/* Fuzz target: the schedule reader (igs_schedule_load) and the revision reference
 * (igs_problem_set_reference), both against the bundled examples/small.json, then the
 * evaluation of what loads. */
#include "fuzz/fuzz_util.h"
#include "igfsched.h"

static void evaluate(const igs_problem *p, const igs_schedule *s) {
	igs_report *r = NULL;
	if (igs_evaluate(&r, p, s) == 0)
		igs_report_free(r);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
	fuzz_temp t;
	if (fuzz_temp_write(&t, ".json", data, size) != 0)
		return 0;
	igs_diag *d = igs_diag_new();
	igs_problem *p = NULL;
	igs_schedule *s = NULL;
	/* Loaded for every input, not kept between them: the reference changes the problem. */
	if (!d || igs_problem_load(&p, IGS_EXAMPLES_DIR "/small.json", d) != 0)
		goto cleanup;
	if (igs_schedule_load(&s, p, t.input, d) == 0)
		evaluate(p, s);
	if (igs_problem_set_reference(p, t.input, d) == 0 && s)
		evaluate(p, s); /* now with the change terms charged against the reference */
cleanup:
	igs_schedule_free(s);
	igs_problem_free(p);
	igs_diag_free(d);
	fuzz_temp_remove(&t);
	return 0;
}
