/* The function the bridge benchmark calls: as cheap as a real function can be, so the
 * benchmark measures the call path, not the work. */
#include "../../sr_module.h"

static volatile long counter;

static int bench_inc(struct sip_msg *msg, char *p1)
{
	counter += p1 != 0;
	return 1;
}

static cmd_export_t cmds[] = {
	{"bench_inc", (cmd_function)bench_inc, 1, 0, 0, REQUEST_ROUTE},
	{0, 0, 0, 0, 0, 0}
};

struct module_exports exports = {
	"benchmod", MODULE_VERSION, DEFAULT_DLFLAGS,
	cmds, 0, 0, 0, 0, 0, 0, 0, 0, 0
};
