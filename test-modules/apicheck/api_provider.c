/* Offers an API the OpenSIPS way: a command with flags 0 (not callable from a script)
 * that fills a struct of function pointers. */
#include "../../sr_module.h"
#include "api_provider.h"

static int calls;

static int provider_add(int a, int b)
{
	calls++;
	return a + b;
}

static int load_provider(struct provider_binds *pb)
{
	pb->add = provider_add;
	return 1;
}

static cmd_export_t cmds[] = {
	{"load_provider", (cmd_function)load_provider, 0, 0, 0, 0},
	{0, 0, 0, 0, 0, 0}
};

struct module_exports exports = {
	"api_provider", MODULE_VERSION, DEFAULT_DLFLAGS,
	cmds, 0, 0, 0, 0, 0, 0, 0, 0, 0
};
