/* sipbridge module SDK: the slow-operation warning 1.11's DB drivers use (OpenSIPS 1.11
 * defines these in ut.h): start_expire_timer notes the time when a threshold (in
 * microseconds) is set, stop_expire_timer warns when the operation took longer. The 1.11
 * E_CORE_THRESHOLD event is not raised. Guarded: ut.h may provide the same macros. */
#ifndef SB_SDK_DB_THRESHOLD_H
#define SB_SDK_DB_THRESHOLD_H

#include <sys/time.h>
#include "../dprint.h"
#include "../ut.h"

#ifndef start_expire_timer
static inline void sb_log_expiry(int time_diff, int expire, const char *func_info,
		const char *extra, int extra_len, int tcp)
{
	if (time_diff > expire)
		LM_WARN("threshold exceeded : %s took too long - %d us. Source : %.*s\n",
				func_info, time_diff, extra_len, extra ? extra : "");
}

#define start_expire_timer(begin, threshold) \
	do { if ((threshold)) gettimeofday(&(begin), NULL); } while (0)

#define stop_expire_timer(begin, threshold, func_info, extra_s, extra_len, tcp) \
	do { \
		if ((threshold)) \
			sb_log_expiry(get_time_diff(&(begin)), (threshold), (func_info), (extra_s), \
					(extra_len), (tcp)); \
	} while (0)
#endif

#endif
