/* Growing arrays for the code that builds derived data (model/array.h). */
#include <stdlib.h>

#include "model/array.h"

bool igs_reserve_one(void **v, size_t *cap, size_t n, size_t size) {
	if (n < *cap)
		return true;
	size_t c = *cap ? 2 * *cap : 64;
	void *nv = realloc(*v, c * size);
	if (!nv)
		return false;
	*v = nv;
	*cap = c;
	return true;
}
