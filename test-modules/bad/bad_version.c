/* Built for another OpenSIPS version: the loader refuses it. */
#include "bad_common.h"

static cmd_export_t cmds[] = {
	{"bad_version_f", (cmd_function)bad_ok_function, 0, 0, 0, REQUEST_ROUTE},
	{0, 0, 0, 0, 0, 0}
};

struct module_exports exports = {
	"bad_version", "opensips 1.9.2-notls (x86_64/linux)", OPENSIPS_COMPILE_FLAGS,
	DEFAULT_DLFLAGS, cmds, 0, 0, 0, 0, 0, 0, 0, 0, 0
};
