/* sipbridge module SDK: timers (OpenSIPS 1.11 timer.h).
 *
 * get_ticks()/get_uticks(): seconds / microseconds since the core started.
 * Periodic timers: register them from mod_init, as in OpenSIPS. They run on the server's
 * timer thread (OpenSIPS's timer process; it ran child_init(PROC_TIMER) first), each
 * under its module's lock, from the end of start-up until the server stops (before
 * destroy_f). A timer that is late runs once and is rescheduled from then. The
 * *_timer_process variants do the same: every timer shares the one timer thread. */
#ifndef SB_SDK_TIMER_H
#define SB_SDK_TIMER_H

typedef unsigned long long utime_t;

typedef void (timer_function)(unsigned int ticks, void *param);
typedef void (utimer_function)(utime_t uticks, void *param);

/* The internal tick of the 1.11 timer process, in microseconds. */
#define ITIMER_TICK 10000

#define TIMER_PROC_INIT_FLAG (1 << 0)

/* Every interval seconds (microseconds for utimers). Returns the timer's id (>= 0) or
 * a negative error. */
int register_timer(char *label, timer_function f, void *param, unsigned int interval);
int register_utimer(char *label, utimer_function f, void *param, unsigned int interval);
/* A timer "in a process of its own": here on the shared timer thread. NULL on error. */
void *register_timer_process(char *label, timer_function f, void *param,
		unsigned int interval, unsigned int flags);
/* More timers for a handle from register_timer_process. Negative on error. */
int append_timer_to_process(char *label, timer_function f, void *param,
		unsigned int interval, void *timer);
int append_utimer_to_process(char *label, utimer_function f, void *param,
		unsigned int interval, void *timer);

unsigned int get_ticks(void);
utime_t get_uticks(void);

#endif
