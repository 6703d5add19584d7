/* statistics.h: the statistic counting one reply code, named "<code>_in" (received) or
 * "<code>_out" (sent) as 1.11 names them. Whoever wants per-code counters registers those
 * names (1.11's snmpstats does); sl and tm look them up on every reply and update them
 * only when they exist, so the lookup is NULL most of the time. */
#include <stdio.h>
#include <string.h>
#include "../sb_sdk.h"
#pragma GCC visibility push(default)
#include "../../include/statistics.h"
#pragma GCC visibility pop

stat_var *get_stat_var_from_num_code(unsigned int numerical_code, int out_codes)
{
	char buf[24];
	str name;

	name.len = snprintf(buf, sizeof(buf), "%u_%s", numerical_code, out_codes ? "out" : "in");
	name.s = buf;
	return get_stat(&name);
}

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
