/* statistics.h: names of statistics built from a prefix (usrloc's per-domain ones). */
#include <string.h>
#include "../sb_sdk.h"
#pragma GCC visibility push(default)
#include "../../include/statistics.h"
#pragma GCC visibility pop

/* "<prefix>-<name>" in shm, owned by the caller (usrloc names its per-domain statistics
 * so, and passes the text to register_stat, which copies it); NULL when out of memory. */
char *build_stat_name(str *prefix, char *var_name)
{
	size_t n;
	char *s;

	if (prefix == NULL || prefix->s == NULL || prefix->len < 0 || var_name == NULL) {
		LM_ERR("build_stat_name: NULL argument\n");
		return NULL;
	}
	n = strlen(var_name);
	s = shm_malloc((size_t)prefix->len + 1 + n + 1);
	if (s == NULL) {
		LM_ERR("build_stat_name: out of shm memory\n");
		return NULL;
	}
	memcpy(s, prefix->s, (size_t)prefix->len);
	s[prefix->len] = '-';
	memcpy(s + prefix->len + 1, var_name, n + 1);
	return s;
}
