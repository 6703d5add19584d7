/* A command declaring seven parameters: more than any script call can pass. */
#include "bad_common.h"

static cmd_export_t cmds[] = {
	{"seven", (cmd_function)bad_ok_function, 7, 0, 0, REQUEST_ROUTE},
	{0, 0, 0, 0, 0, 0}
};

struct module_exports exports = {
	"too_many_params", MODULE_VERSION, DEFAULT_DLFLAGS,
	cmds, 0, 0, 0, 0, 0, 0, 0, 0, 0
};
