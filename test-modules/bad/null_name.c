/* exports.name is NULL: the module cannot be named, configured or called. */
#include "bad_common.h"

struct module_exports exports = {
	0, MODULE_VERSION, DEFAULT_DLFLAGS,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0
};
