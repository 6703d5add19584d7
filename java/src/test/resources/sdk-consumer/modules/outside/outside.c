/* A module written as in an OpenSIPS tree (relative core includes), built out of tree. */
#include "../../sr_module.h"
#include "../../dprint.h"
#include "../../mem/mem.h"
#include "../../ut.h"

static int outside_twice(struct sip_msg *msg, char *n)
{
	str s = { n, (int)strlen(n) };
	unsigned int v;
	return str2int(&s, &v) == 0 ? (int)(2 * v) : -1;
}

static cmd_export_t cmds[] = {
	{"outside_twice", (cmd_function)outside_twice, 1, 0, 0, REQUEST_ROUTE},
	{0, 0, 0, 0, 0, 0}
};

struct module_exports exports = {
	"outside", MODULE_VERSION, DEFAULT_DLFLAGS,
	cmds, 0, 0, 0, 0, 0, 0, 0, 0, 0
};
