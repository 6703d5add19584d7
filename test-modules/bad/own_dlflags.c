/* Not broken: asks to be opened RTLD_NOW|RTLD_GLOBAL, so the loader must reopen it with
 * those flags (its symbols then become visible to modules loaded after it). */
#include "bad_common.h"

int own_dlflags_marker = 7;

static cmd_export_t cmds[] = {
	{"own_dlflags_f", (cmd_function)bad_ok_function, 0, 0, 0, REQUEST_ROUTE},
	{0, 0, 0, 0, 0, 0}
};

struct module_exports exports = {
	"own_dlflags", MODULE_VERSION, RTLD_NOW | RTLD_GLOBAL,
	cmds, 0, 0, 0, 0, 0, 0, 0, 0, 0
};
