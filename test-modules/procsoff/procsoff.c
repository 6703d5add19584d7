/* A module that asks for a process in its exports and withdraws it in mod_init unless
 * "keep_proc" is set, as OpenSIPS 1.11's exec does without "async" (exports.procs = 0):
 * the core must start only the processes exports.procs holds after mod_init. */
#include "../../sr_module.h"
#include "../../dprint.h"

static int keep_proc;

static void never_without_keep(int rank)
{
	/* withdrawn without keep_proc: started anyway, it would run on state mod_init never set up */
	LM_INFO("procsoff process %d running\n", rank);
}

static proc_export_t procs[] = {
	{"procsoff worker", 0, 0, never_without_keep, 1, 0},
	{0, 0, 0, 0, 0, 0}
};

static param_export_t params[] = {
	{"keep_proc", INT_PARAM, &keep_proc},
	{0, 0, 0}
};

static int mod_init(void);

struct module_exports exports = {
	"procsoff", MODULE_VERSION, DEFAULT_DLFLAGS,
	0, params, 0, 0, 0, procs, mod_init, 0, 0, 0
};

static int mod_init(void)
{
	if (!keep_proc)
		exports.procs = 0;
	return 0;
}
