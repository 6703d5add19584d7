/* Misbehaving module functions for the reliability tests (issue 13):
 *   stuck_forever()  never returns (it sleeps in a loop: a stuck call, not a CPU burner)
 *                    until the test calls the plain C function stuck_release();
 *   stuck_quick()    returns 1 at once: needs the module's lock like any call;
 *   crash_null()     dereferences NULL (SIGSEGV);
 *   crash_abort()    calls abort() (SIGABRT: no hs_err file from the JVM).
 * stuck_entered() (plain C) tells how many calls of stuck_forever started. */
#include <stdlib.h>
#include <unistd.h>
#include "../../sr_module.h"

static volatile int released;

/* Not script functions: the test calls them through the loaded library. */
void stuck_arm(void)
{
	released = 0;
}
static volatile int entered;

/* Not a script function: the test calls it through the loaded library. */
void stuck_release(void)
{
	released = 1;
}

int stuck_entered(void)
{
	return entered;
}

static int stuck_forever(struct sip_msg *msg)
{
	__atomic_add_fetch(&entered, 1, __ATOMIC_SEQ_CST);
	while (!released)
		usleep(1000);
	return 1;
}

static int stuck_quick(struct sip_msg *msg)
{
	return 1;
}

static int crash_null(struct sip_msg *msg)
{
	volatile int *p = NULL;
	return *p;
}

static int crash_abort(struct sip_msg *msg)
{
	abort();
	return 1;
}

static cmd_export_t cmds[] = {
	{"stuck_forever", (cmd_function)stuck_forever, 0, 0, 0, REQUEST_ROUTE},
	{"stuck_quick", (cmd_function)stuck_quick, 0, 0, 0, REQUEST_ROUTE},
	{"crash_null", (cmd_function)crash_null, 0, 0, 0, REQUEST_ROUTE},
	{"crash_abort", (cmd_function)crash_abort, 0, 0, 0, REQUEST_ROUTE},
	{0, 0, 0, 0, 0, 0}
};

struct module_exports exports = {
	"stuck", MODULE_VERSION, DEFAULT_DLFLAGS,
	cmds, 0, 0, 0, 0, 0, 0, 0, 0, 0
};
