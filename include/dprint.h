/* sipbridge module SDK: logging (OpenSIPS 1.11 interface).
 *
 * LM_ERR("x=%d\n", x) logs through SLF4J under the logger named MOD_NAME, with the C
 * function name. The level test is done here, in C, against the core's *log_level, so a
 * disabled level costs one compare and never formats or calls into Java. */
#ifndef SB_SDK_DPRINT_H
#define SB_SDK_DPRINT_H

#define L_ALERT  -3
#define L_CRIT   -2
#define L_ERR    -1
#define L_WARN    1
#define L_NOTICE  2
#define L_INFO    3
#define L_DBG     4

#ifndef MOD_NAME
#define MOD_NAME "core"
#endif

/* The core's current level: the most verbose level any logger will accept. */
extern int *log_level;
extern int log_stderr;
extern int log_facility;

#define is_printable(_level) (((int)(*log_level)) >= ((int)(_level)))

/* Formats and hands one record to SLF4J. module names the logger, func the C function. */
void sb_log(int level, const char *module, const char *func, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
/* Old-style raw print (logged at the current level under "core"). */
void dprint(char *format, ...) __attribute__((format(printf, 1, 2)));

#define LM_GEN1(_lev, _fmt, args...) \
	do { \
		if (is_printable(_lev)) \
			sb_log((_lev), MOD_NAME, __FUNCTION__, _fmt, ##args); \
	} while (0)
/* The facility has no meaning here: records go to SLF4J. */
#define LM_GEN2(_facility, _lev, _fmt, args...) LM_GEN1(_lev, _fmt, ##args)

#define LM_ALERT(fmt, args...)  LM_GEN1(L_ALERT, fmt, ##args)
#define LM_CRIT(fmt, args...)   LM_GEN1(L_CRIT, fmt, ##args)
#define LM_ERR(fmt, args...)    LM_GEN1(L_ERR, fmt, ##args)
#define LM_WARN(fmt, args...)   LM_GEN1(L_WARN, fmt, ##args)
#define LM_NOTICE(fmt, args...) LM_GEN1(L_NOTICE, fmt, ##args)
#define LM_INFO(fmt, args...)   LM_GEN1(L_INFO, fmt, ##args)
#define LM_DBG(fmt, args...)    LM_GEN1(L_DBG, fmt, ##args)
#define LM_BUG(fmt, args...)    LM_GEN1(L_CRIT, "BUG: " fmt, ##args)

/* Pre-LM_* spellings still found in older modules. */
#define LOG(_lev, fmt, args...) LM_GEN1(_lev, fmt, ##args)
#define DBG(fmt, args...)       LM_GEN1(L_DBG, fmt, ##args)

#endif
