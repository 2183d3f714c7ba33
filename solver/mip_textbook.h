/* The textbook model (solver/mip_textbook.c): a binary per session × start × room and a
 * variable per pair that may clash, the benchmark's yardstick for the compact model. */
#ifndef IGS_SOLVER_MIP_TEXTBOOK_H
#define IGS_SOLVER_MIP_TEXTBOOK_H

#include "solver/mip_model.h"

/* Builds it into M (zeroed, with p and o set). Returns IGS_OK or IGS_ENOMEM. */
int igs_mip_textbook_build(igs_mip_model *M);

#endif
