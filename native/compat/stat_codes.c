/* statistics.h: the statistic counting one reply code, named "<code>_in" (received) or
 * "<code>_out" (sent) as 1.11 names them. Whoever wants per-code counters registers those
 * names (1.11's snmpstats does); sl and tm look them up on every reply and update them
 * only when they exist, so the lookup is NULL most of the time. */
#include <stdio.h>
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
