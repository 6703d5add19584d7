/* Detects two threads inside the module at once. lock_probe() marks itself inside with a
 * plain (unsynchronised) counter, lingers, and counts a violation if another thread got
 * in meanwhile; it also does a deliberately racy read-modify-write of a total. Loaded
 * normally the core serialises it (0 violations, no lost updates); declared thread-safe
 * the test expects violations. */
#include <sched.h>
#include <string.h>
#include "../../sr_module.h"
#include "../../mem/shm_mem.h"

/* In shm, as an OpenSIPS module shares state between processes: each thread has its own
 * copy of the module's globals (the pointer), all point at the same counters. */
struct lock_counters {
	volatile int inside;
	volatile long total;
	volatile long violations;
};
static struct lock_counters *lc;
#define inside (lc->inside)
#define total (lc->total)
#define violations (lc->violations)

static int mod_init(void)
{
	lc = shm_malloc(sizeof(*lc));
	if (lc == NULL)
		return -1;
	memset(lc, 0, sizeof(*lc));
	return 0;
}

static void mod_destroy(void)
{
	if (lc)
		shm_free(lc);
	lc = NULL;
}

static int lock_probe(struct sip_msg *msg)
{
	long t;
	int i;
	if (++inside != 1)
		violations++;
	t = total;
	for (i = 0; i < 200; i++)
		sched_yield();
	total = t + 1;
	inside--;
	return 1;
}

/* Returns the value (>0) asked for: 1 = violations + 1, 2 = total + 1. */
static int lock_report(struct sip_msg *msg, char *what)
{
	return (int)((what && what[0] == 't') ? total + 1 : violations + 1);
}

static cmd_export_t cmds[] = {
	{"lock_probe", (cmd_function)lock_probe, 0, 0, 0, REQUEST_ROUTE},
	{"lock_report", (cmd_function)lock_report, 1, 0, 0, REQUEST_ROUTE},
	{0, 0, 0, 0, 0, 0}
};

struct module_exports exports = {
	"lockcheck", MODULE_VERSION, DEFAULT_DLFLAGS,
	cmds, 0, 0, 0, 0, 0, mod_init, 0, mod_destroy, 0
};
