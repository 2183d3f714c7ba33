/* Growing arrays for the code that builds derived data (similarity pairs, rankings, clusters). */
#ifndef IGS_MODEL_ARRAY_H
#define IGS_MODEL_ARRAY_H

#include <stdbool.h>
#include <stddef.h>

/* Room for one more item in a growing array *v of *cap items of 'size' bytes holding n: doubles
 * the capacity (from 64) when full. false when out of memory, *v and *cap then unchanged. */
bool igs_reserve_one(void **v, size_t *cap, size_t n, size_t size);

#endif
