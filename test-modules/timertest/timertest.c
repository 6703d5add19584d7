/* Registers a seconds timer and a 10 ms microseconds timer in mod_init, as OpenSIPS modules
 * do for their periodic clean-ups, and lets a script see that they run:
 *   timer_ticks(n)   true when the 10 ms timer ran at least n times
 *   timer_param()    true when the timers got the param they were registered with */
#include <stdlib.h>
#include "../../sr_module.h"
#include "../../timer.h"
#include "../../mem/shm_mem.h"

/* In shm: the timer runs in the timer process (thread) and the script functions in the
 * workers, each with its own globals, as in OpenSIPS. */
struct timer_counts {
	volatile int uticks;
	volatile int seconds;
	volatile int param_ok;
};
static struct timer_counts *tc;
#define uticks (tc->uticks)
#define seconds (tc->seconds)
#define param_ok (tc->param_ok)
static int cookie = 42;

static void on_second(unsigned int ticks, void *param)
{
	seconds++;
	if (param != &cookie)
		param_ok = 0;
}

static void on_10ms(utime_t uticks_now, void *param)
{
	uticks++;
	if (param != &cookie)
		param_ok = 0;
}

static int mod_init(void)
{
	tc = shm_malloc(sizeof(*tc));
	if (tc == NULL)
		return -1;
	uticks = seconds = 0;
	param_ok = 1;
	if (register_timer("timertest-s", on_second, &cookie, 1) < 0 ||
			register_utimer("timertest-10ms", on_10ms, &cookie, 10000) < 0) {
		LM_ERR("cannot register the timers\n");
		return -1;
	}
	return 0;
}

static void mod_destroy(void)
{
	if (tc)
		shm_free(tc);
	tc = NULL;
}

static int timer_ticks(struct sip_msg *msg, char *n)
{
	return uticks >= atoi(n) ? 1 : -1;
}

static int timer_param(struct sip_msg *msg)
{
	return param_ok ? 1 : -1;
}

static cmd_export_t cmds[] = {
	{"timer_ticks", (cmd_function)timer_ticks, 1, 0, 0, ALL_ROUTES},
	{"timer_param", (cmd_function)timer_param, 0, 0, 0, ALL_ROUTES},
	{0, 0, 0, 0, 0, 0}
};

struct module_exports exports = {
	"timertest", MODULE_VERSION, DEFAULT_DLFLAGS,
	cmds, 0, 0, 0, 0, 0, mod_init, 0, mod_destroy, 0
};
