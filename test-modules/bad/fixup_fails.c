/* The fixup refuses anything that is not a number: a configuration error at the call
 * site. */
#include <string.h>
#include "bad_common.h"
#include "../../ut.h"

static int number_fixup(void **param, int param_no)
{
	str s;
	unsigned int n;
	s.s = (char *)*param;
	s.len = strlen(s.s);
	if (str2int(&s, &n) < 0) {
		LM_ERR("<%s> is not a number\n", s.s);
		return E_CFG;
	}
	pkg_free(*param);
	*param = (void *)(unsigned long)n;
	return 0;
}

static int wants_number(struct sip_msg *msg, char *n)
{
	return (int)(unsigned long)n;
}

static cmd_export_t cmds[] = {
	{"wants_number", (cmd_function)wants_number, 1, number_fixup, 0, REQUEST_ROUTE},
	{0, 0, 0, 0, 0, 0}
};

struct module_exports exports = {
	"fixup_fails", MODULE_VERSION, DEFAULT_DLFLAGS,
	cmds, 0, 0, 0, 0, 0, 0, 0, 0, 0
};
