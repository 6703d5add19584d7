/*
 * Records every call the core makes into it, in order, so the tests can check the
 * OpenSIPS lifecycle: modparam, init_f, fixups (fixup(&p, i) for i = 1..n and fixup(0, 0)
 * for none), child_init(rank) per thread, calls, response_f, free_fixup, destroy_f.
 * Each event is logged at INFO as "event: ..." under the logger "lifecycle".
 */
#include <pthread.h>
#include <string.h>
#include "../../sr_module.h"
#include "../../mem/mem.h"
#include "../../mod_fix.h"

static int mark = 0;
static int response_result = 1;

static int mod_init(void)
{
	LM_INFO("event: init mark=%d\n", mark);
	return 0;
}

static int child_init(int rank)
{
	LM_INFO("event: child_init rank=%d thread=%lu\n", rank, (unsigned long)pthread_self());
	return 0;
}

static void mod_destroy(void)
{
	LM_INFO("event: destroy\n");
}

static int on_response(struct sip_msg *msg)
{
	LM_INFO("event: response_f route_type=%d\n", route_type);
	return response_result;
}

static int set_mark(modparam_t type, void *val)
{
	mark = (int)(long)val;
	LM_INFO("event: modparam mark=%d\n", mark);
	return mark < 0 ? -1 : 0;
}

/* Tags each parameter with its index: "<i>:<text>", in a fresh pkg string. */
static int tag_fixup(void **param, int param_no)
{
	char *in, *out;
	size_t n;
	if (param == NULL) {
		LM_INFO("event: fixup(NULL, %d)\n", param_no);
		return 0;
	}
	in = (char *)*param;
	LM_INFO("event: fixup(%s, %d)\n", in, param_no);
	n = strlen(in);
	if ((out = pkg_malloc(n + 3)) == NULL)
		return E_OUT_OF_MEM;
	out[0] = (char)('0' + param_no);
	out[1] = ':';
	memcpy(out + 2, in, n + 1);
	pkg_free(in);
	*param = out;
	return 0;
}

static int tag_free_fixup(void **param, int param_no)
{
	if (param == NULL) {
		LM_INFO("event: free_fixup(NULL, %d)\n", param_no);
		return 0;
	}
	LM_INFO("event: free_fixup(%s, %d)\n", (char *)*param, param_no);
	pkg_free(*param);
	*param = NULL;
	return 0;
}

static int show(struct sip_msg *msg, char *a, char *b, char *c, char *d, char *e, char *f)
{
	LM_INFO("event: call route_type=%d params=%s|%s|%s|%s|%s|%s\n", route_type,
			a ? a : "-", b ? b : "-", c ? c : "-", d ? d : "-", e ? e : "-", f ? f : "-");
	return 1;
}

static int show0(struct sip_msg *msg)
{
	LM_INFO("event: call0 route_type=%d\n", route_type);
	return 1;
}

/* Returns its parameter as the result: tests the script's return-value rules. */
static int ret(struct sip_msg *msg, char *v)
{
	return (int)(long)v;
}

static cmd_export_t cmds[] = {
	{"show", (cmd_function)show, 6, tag_fixup, tag_free_fixup, ALL_ROUTES},
	{"show", (cmd_function)show, 2, tag_fixup, tag_free_fixup, ALL_ROUTES},
	{"show", (cmd_function)show0, 0, tag_fixup, tag_free_fixup, REQUEST_ROUTE},
	{"ret", (cmd_function)ret, 1, fixup_sint_null, 0, ALL_ROUTES},
	{0, 0, 0, 0, 0, 0}
};

static param_export_t params[] = {
	{"mark", INT_PARAM | USE_FUNC_PARAM, (void *)set_mark},
	{"response_result", INT_PARAM, &response_result},
	{0, 0, 0}
};

struct module_exports exports = {
	"lifecycle", MODULE_VERSION, DEFAULT_DLFLAGS,
	cmds, params, 0, 0, 0, 0,
	mod_init, on_response, mod_destroy, child_init
};
