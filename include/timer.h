/* sipbridge module SDK: timers (OpenSIPS 1.11 timer.h).
 *
 * get_ticks()/get_uticks() are real: seconds / microseconds since the core started.
 * Periodic timers (register_timer and friends) are NOT available yet: they need a timer
 * thread that starts after init and stops before the module is destroyed and unloaded,
 * and the core has no such hook yet. The registration functions log an error and fail
 * (-1 / NULL), so a module that needs a timer refuses to initialise instead of silently
 * never running its timer. */
#ifndef SB_SDK_TIMER_H
#define SB_SDK_TIMER_H

typedef unsigned long long utime_t;

typedef void (timer_function)(unsigned int ticks, void *param);
typedef void (utimer_function)(utime_t uticks, void *param);

/* The internal tick of the 1.11 timer process, in microseconds. */
#define ITIMER_TICK 10000

#define TIMER_PROC_INIT_FLAG (1 << 0)

/* Every interval seconds (microseconds for utimers). Not available: -1. */
int register_timer(char *label, timer_function f, void *param, unsigned int interval);
int register_utimer(char *label, utimer_function f, void *param, unsigned int interval);
/* A timer in a process of its own. Not available: NULL. */
void *register_timer_process(char *label, timer_function f, void *param,
		unsigned int interval, unsigned int flags);
/* More timers in a process from register_timer_process. Not available: -1. */
int append_timer_to_process(char *label, timer_function f, void *param,
		unsigned int interval, void *timer);
int append_utimer_to_process(char *label, utimer_function f, void *param,
		unsigned int interval, void *timer);

unsigned int get_ticks(void);
utime_t get_uticks(void);

#endif
