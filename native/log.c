/* LM_* logging: formats in C, hands finished records to Java (SLF4J) through one upcall.
 * The level test happens in the LM_* macro against *log_level, so disabled levels never
 * get here. Without a sink (a C test, or before Java registered one) records go to
 * stderr. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "sb_core.h"

static int current_level = L_NOTICE;
int *log_level = &current_level;
int log_stderr = 0;
int log_facility = 0;
/* The OpenSER 1.1 dialect's name for the level (its dprint.h reads it). */
__attribute__((visibility("default"))) int debug = L_NOTICE;

static sb_log_sink_f log_sink;

SB_JAVA_API void sb_log_set_sink(sb_log_sink_f sink) { log_sink = sink; }
SB_JAVA_API void sb_log_set_level(int level)
{
	current_level = level;
	debug = level;
}
SB_JAVA_API int sb_log_get_level(void) { return current_level; }

static void emit(int level, const char *module, const char *func, const char *fmt, va_list ap)
{
	char buf[4096];
	int n = vsnprintf(buf, sizeof(buf), fmt, ap);
	if (n < 0)
		return;
	if (n >= (int)sizeof(buf))
		n = (int)sizeof(buf) - 1;
	/* OpenSIPS formats end with "\n"; SLF4J adds its own line ends. */
	while (n > 0 && (buf[n - 1] == '\n' || buf[n - 1] == '\r'))
		buf[--n] = 0;
	if (log_sink) {
		/* a module process thread may be cancelled at shutdown: never inside Java */
		int cs;
		pthread_setcancelstate(PTHREAD_CANCEL_DISABLE, &cs);
		log_sink(level, module ? module : "core", func ? func : "", buf, n);
		pthread_setcancelstate(cs, NULL);
	} else
		fprintf(stderr, "%s:%s: %s\n", module ? module : "core", func ? func : "", buf);
}

void sb_log(int level, const char *module, const char *func, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	emit(level, module, func, fmt, ap);
	va_end(ap);
}

void dprint(char *format, ...)
{
	va_list ap;
	va_start(ap, format);
	emit(current_level, "core", "dprint", format, ap);
	va_end(ap);
}
