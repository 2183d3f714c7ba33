/* The CoSPLib engine's API for the program (cli/cosplib.c): the benchmark's instances and
 * solutions (instance.h), its objective (eval.h), the search (search.h) and lower bound
 * (bound.h) with their options (options.h), the import into igfsched's model (import.h) and the
 * solution writers, --format cosplib among them (write.h). The engine sits above io/ and
 * solver/; nothing below it includes it. */
#ifndef IGS_COSPLIB_COSPLIB_H
#define IGS_COSPLIB_COSPLIB_H

#include "cosplib/bound.h"
#include "cosplib/eval.h"
#include "cosplib/import.h"
#include "cosplib/instance.h"
#include "cosplib/options.h"
#include "cosplib/search.h"
#include "cosplib/write.h"

#endif
