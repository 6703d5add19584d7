/* init_f fails: the server must not start. */
#include "bad_common.h"

static int init_fails(void)
{
	LM_ERR("cannot connect to the database\n");
	return -1;
}

struct module_exports exports = {
	"init_fails", MODULE_VERSION, DEFAULT_DLFLAGS,
	0, 0, 0, 0, 0, 0, init_fails, 0, 0, 0
};
