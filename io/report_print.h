/* The evaluation report as text and as JSON (igs_report_print and igs_report_write_json in
 * igfsched.h), and as a JSON value for the schedule writers. */
#ifndef IGS_IO_REPORT_PRINT_H
#define IGS_IO_REPORT_PRINT_H

#include <jansson.h>

#include "model/report.h"

/* The report as one JSON object (the layout igs_report_write_json prints), for embedding
 * under "score" in a schedule file. Numbers are rounded to 6 decimals; dump with
 * JSON_REAL_PRECISION(15) so they print as written. NULL when allocation fails. */
json_t *igs_report_to_json(const igs_report *r, const igs_problem *p);

#endif
