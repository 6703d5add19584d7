/* Java's allocation-free way to hand bytes to C as pkg memory: the Java side writes them into
 * a direct buffer it reuses and passes the address (a String argument would make jnr-ffi
 * allocate two buffers per call). The copy is NUL-terminated, charged to the module, and
 * owned by whoever the caller gives it to (e.g. a lump, which frees it with the message). */
#include <string.h>
#include "sb_core.h"

SB_JAVA_API char *sb_pkg_memdup(int module, const void *src, long len)
{
	char *d;
	if (src == NULL || len < 0)
		return NULL;
	d = sb_pkg_malloc_for(module, (size_t)len + 1);
	if (d) {
		memcpy(d, src, (size_t)len);
		d[len] = '\0';
	}
	return d;
}
