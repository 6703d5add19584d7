/*
 * The "example" module of the OpenSIPS module-writing tutorial, built against the
 * sipbridge SDK exactly as it would be against an OpenSIPS 1.11 tree:
 *   new_function("text")  fixup turns the string into a str*, logs it, counts a call
 *                         and sets script flag 1 on the message;
 *   new_function()        the same function without a parameter;
 *   modparam("example", "new_param", "...")  STR_PARAM|USE_FUNC_PARAM: set_function
 *                         receives the value;
 *   modparam("example", "db_url", "...")     STR_PARAM: stored by the core.
 */
#include <string.h>

#include "../../sr_module.h"
#include "../../dprint.h"
#include "../../mem/mem.h"
#include "../../str.h"
#include "../../ut.h"
#include "../../statistics.h"

static int mod_init(void);
static int child_init(int rank);
static void mod_destroy(void);
static int new_function(struct sip_msg *msg, char *param);
static int new_function0(struct sip_msg *msg);
static int do_fixup(void **param, int param_no);
static int free_fixup(void **param, int param_no);
static int set_function(modparam_t type, void *val);

static char *db_url = "mysql://opensips:opensipsrw@localhost/opensips";
static char *new_param_value;   /* pkg copy of what set_function received */
static stat_var *calls;

static cmd_export_t cmds[] = {
	{"new_function", (cmd_function)new_function, 1, do_fixup, free_fixup,
		REQUEST_ROUTE | ONREPLY_ROUTE},
	{"new_function", (cmd_function)new_function0, 0, 0, 0,
		REQUEST_ROUTE | ONREPLY_ROUTE},
	{0, 0, 0, 0, 0, 0}
};

static param_export_t params[] = {
	{"new_param", STR_PARAM | USE_FUNC_PARAM, (void *)set_function},
	{"db_url", STR_PARAM, &db_url},
	{0, 0, 0}
};

static stat_export_t mod_stats[] = {
	{"example_calls", 0, &calls},
	{0, 0, 0}
};

struct module_exports exports = {
	"example",        /* module name */
	MODULE_VERSION,
	DEFAULT_DLFLAGS,  /* dlopen flags */
	cmds,             /* exported functions */
	params,           /* exported parameters */
	mod_stats,        /* exported statistics */
	0,                /* exported MI functions */
	0,                /* exported pseudo-variables */
	0,                /* extra processes */
	mod_init,         /* module initialization function */
	0,                /* response function */
	mod_destroy,      /* destroy function */
	child_init        /* per-child init function */
};

static int mod_init(void)
{
	LM_INFO("example module initializing, db_url=%s new_param=%s\n", db_url,
			new_param_value ? new_param_value : "(unset)");
	return 0;
}

static int child_init(int rank)
{
	LM_DBG("child_init(%d)\n", rank);
	return 0;
}

static void mod_destroy(void)
{
	LM_INFO("example module destroyed\n");
	pkg_free(new_param_value);
	new_param_value = NULL;
}

static int set_function(modparam_t type, void *val)
{
	if (PARAM_TYPE_MASK(type) != STR_PARAM) {
		LM_ERR("new_param must be a string\n");
		return -1;
	}
	if (val == NULL || *(char *)val == 0) {
		LM_ERR("new_param must not be empty\n");
		return -1;
	}
	pkg_free(new_param_value);
	new_param_value = (char *)val;   /* the core's pkg copy: ours to keep and free */
	LM_INFO("new_param set to <%s>\n", new_param_value);
	return 0;
}

static int do_fixup(void **param, int param_no)
{
	str *s;
	if (param_no != 1)
		return 0;
	s = (str *)pkg_malloc(sizeof(str));
	if (s == NULL) {
		LM_ERR("no more pkg memory\n");
		return E_OUT_OF_MEM;
	}
	s->s = (char *)*param;   /* keep the core's copy */
	s->len = strlen(s->s);
	*param = (void *)s;
	return 0;
}

static int free_fixup(void **param, int param_no)
{
	str *s;
	if (param_no != 1 || *param == NULL)
		return 0;
	s = (str *)*param;
	pkg_free(s->s);
	pkg_free(s);
	*param = NULL;
	return 0;
}

static int new_function(struct sip_msg *msg, char *param)
{
	str *s = (str *)param;
	LM_INFO("new_function(%.*s) called for message %u\n", s->len, s->s, msg ? msg->id : 0);
	update_stat(calls, 1);
	if (msg)
		msg->flags |= 1;
	return 1;
}

static int new_function0(struct sip_msg *msg)
{
	LM_INFO("new_function() called for message %u\n", msg ? msg->id : 0);
	update_stat(calls, 1);
	return 1;
}
