/* init_child_f fails in the workers: the server must not start. */
#include "bad_common.h"

static int child_init_fails(int rank)
{
	if (rank >= 1) {
		LM_ERR("worker %d cannot open its connection\n", rank);
		return -1;
	}
	return 0;
}

struct module_exports exports = {
	"child_init_fails", MODULE_VERSION, DEFAULT_DLFLAGS,
	0, 0, 0, 0, 0, 0, 0, 0, 0, child_init_fails
};
