/* No version at all: reported as a bug in the module, and refused. */
#include "bad_common.h"

struct module_exports exports = {
	"null_version", 0, OPENSIPS_COMPILE_FLAGS,
	DEFAULT_DLFLAGS, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0
};
