/* Module timers (timer.h): register_timer / register_utimer and the timer-process
 * variants, which in sipbridge all run on the server's timer thread.
 *
 * Modules register timers from mod_init (as OpenSIPS requires); the table is then fixed.
 * The timer thread calls sb_timers_run_due() regularly: every due timer runs under its
 * module's lock and accounting, like any other call into the module, and the function
 * returns how long the thread may sleep. Timers of a module are dropped when it is
 * unloaded (sb_timers_forget), after destroy_f. Records are core memory. */
#define _GNU_SOURCE   /* PTHREAD_RECURSIVE_MUTEX_INITIALIZER_NP */
#include <string.h>
#include "sb_core.h"

#pragma GCC visibility push(default)   /* timer.h is SDK: exported */
#include "../include/timer.h"
#pragma GCC visibility pop

struct sb_timer {
	int id;
	int module;
	char label[48];
	timer_function *f;      /* seconds timer, or NULL */
	utimer_function *uf;    /* microseconds timer, or NULL */
	void *param;
	utime_t interval_us;
	utime_t next_us;
	struct sb_timer *next;
};

static struct sb_timer *timers;
static int next_id;
/* recursive: a timer function may register another timer */
static pthread_mutex_t timers_lock = PTHREAD_RECURSIVE_MUTEX_INITIALIZER_NP;

static int add(const char *label, timer_function *f, utimer_function *uf, void *param,
		utime_t interval_us)
{
	struct sb_timer *t;
	int id;
	if ((f == NULL && uf == NULL) || interval_us == 0) {
		LM_ERR("timer '%s': no function or a zero interval\n", label ? label : "?");
		return E_INVALID_PARAMS;
	}
	t = sb_pkg_malloc_for(SB_CORE_MODULE, sizeof(*t));
	if (t == NULL)
		return E_OUT_OF_MEM;
	memset(t, 0, sizeof(*t));
	t->module = sb_current_module;
	strncpy(t->label, label ? label : "timer", sizeof(t->label) - 1);
	t->f = f;
	t->uf = uf;
	t->param = param;
	t->interval_us = interval_us;
	t->next_us = get_uticks() + interval_us;
	pthread_mutex_lock(&timers_lock);
	id = t->id = next_id++;
	t->next = timers;
	timers = t;
	pthread_mutex_unlock(&timers_lock);
	return id;
}

int register_timer(char *label, timer_function f, void *param, unsigned int interval)
{
	return add(label, f, NULL, param, (utime_t)interval * 1000000ULL);
}

int register_utimer(char *label, utimer_function f, void *param, unsigned int interval)
{
	return add(label, NULL, f, param, (utime_t)interval);
}

/* OpenSIPS gives these their own process; here every timer shares the timer thread.
 * The handle only has to be non-NULL for append_*_to_process. */
void *register_timer_process(char *label, timer_function f, void *param,
		unsigned int interval, unsigned int flags)
{
	(void)flags;
	return register_timer(label, f, param, interval) < 0 ? NULL : (void *)&timers;
}

int append_timer_to_process(char *label, timer_function f, void *param,
		unsigned int interval, void *timer)
{
	(void)timer;
	return register_timer(label, f, param, interval);
}

int append_utimer_to_process(char *label, utimer_function f, void *param,
		unsigned int interval, void *timer)
{
	(void)timer;
	return register_utimer(label, f, param, interval);
}

/* Java: how many timers the modules registered (the server starts its timer thread
 * when there is at least one). */
SB_JAVA_API int sb_timers_count(void)
{
	int n = 0;
	struct sb_timer *t;
	pthread_mutex_lock(&timers_lock);
	for (t = timers; t; t = t->next)
		n++;
	pthread_mutex_unlock(&timers_lock);
	return n;
}

/* Java, on the timer thread: runs every due timer; returns the microseconds until the
 * next one is due (at most one second). A late timer runs once, not once per missed
 * interval, and is rescheduled from now. */
void sb_avp_list_reset(void);   /* avp_lists.c */

SB_JAVA_API long sb_timers_run_due(void)
{
	struct sb_timer *t;
	utime_t now, soonest = 1000000ULL;
	pthread_mutex_lock(&timers_lock);
	for (t = timers; t; t = t->next) {
		now = get_uticks();
		if (now >= t->next_us) {
			struct sb_module *m = sb_module_at(t->module);
			struct sb_entry e = { sb_current_module, NULL };
			struct sb_crumb saved, *c;
			if (m && sb_enter_bounded(m, &e) != 0) {
				/* its lock is held by a stuck call: skip this round, try at the next */
				t->next_us = get_uticks() + t->interval_us;
				continue;
			}
			c = sb_crumb_enter(&saved, SB_CRUMB_TIMER, t->module, 0);
			if (t->f)
				t->f(get_ticks(), t->param);
			else
				t->uf(get_uticks(), t->param);
			sb_crumb_leave(c, &saved, 1);
			if (m)
				sb_leave(e);
			sb_avp_list_reset();   /* as 1.11's timer: no AVPs carried to the next handler */
			now = get_uticks();
			t->next_us = now + t->interval_us;
		}
		if (t->next_us - now < soonest)
			soonest = t->next_us - now;
	}
	pthread_mutex_unlock(&timers_lock);
	return (long)soonest;
}

/* Java, at unload: the module's timers stop existing (its code is about to go away). */
SB_JAVA_API void sb_timers_forget(int module)
{
	struct sb_timer **pp, *t;
	pthread_mutex_lock(&timers_lock);
	for (pp = &timers; (t = *pp) != NULL;) {
		if (t->module == module) {
			*pp = t->next;
			pkg_free(t);
		} else {
			pp = &t->next;
		}
	}
	pthread_mutex_unlock(&timers_lock);
}
