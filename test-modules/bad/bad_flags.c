/* Right version, other compile flags (another ABI): the loader refuses it. */
#include "bad_common.h"

struct module_exports exports = {
	"bad_flags", OPENSIPS_FULL_VERSION, "STATS: Off, F_MALLOC, USE_TCP",
	DEFAULT_DLFLAGS, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0
};
