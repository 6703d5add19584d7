/*
 * "MyMod", the OpenSER 1.1 module template, filled in: it keeps a counter that
 * mymod_count(amount) adds to, exports it as a statistic, takes a "prefix" parameter and
 * logs from modInit, childInit and modDestroy. Built with DIALECT openser: its exports
 * have the older layout and MODULE_VERSION defines module_version/module_flags.
 */
#include <stdlib.h>
#include <string.h>

#include "../../sr_module.h"
#include "../../dprint.h"
#include "../../mem/mem.h"
#include "../../statistics.h"
#include "../../ut.h"

MODULE_VERSION

static int modInit(void);
static void modDestroy(void);
static int childInit(int rank);
static int mymod_count(struct sip_msg *msg, char *amount, char *unused);
static int fixup_amount(void **param, int param_no);

static char *prefix = "mymod";
static int children_seen;
static stat_var *counted;

static cmd_export_t cmds[] = {
	{"mymod_count", mymod_count, 1, fixup_amount, REQUEST_ROUTE | FAILURE_ROUTE},
	{0, 0, 0, 0, 0}
};

static param_export_t mod_params[] = {
	{"prefix", STR_PARAM, &prefix},
	{0, 0, 0}
};

static stat_export_t mod_stats[] = {
	{"mymod_counted", 0, &counted},
	{0, 0, 0}
};

struct module_exports exports = {
	"MyMod",       /* module's name */
	cmds,          /* exported functions */
	mod_params,    /* param exports */
	mod_stats,     /* exported statistics */
	modInit,       /* module initialization function */
	0,             /* reply processing function */
	modDestroy,    /* destroy function */
	childInit      /* per-child init function */
};

/* 0 lets the server start; anything else stops it. */
static int modInit(void)
{
	LOG(L_INFO, "%s: MyMod initializing\n", prefix);
	return 0;
}

static void modDestroy(void)
{
	LOG(L_INFO, "%s: MyMod destroyed after %d child inits\n", prefix, children_seen);
}

/* rank 0 is the main process, 1..n the workers; negative ranks are special processes. */
static int childInit(int rank)
{
	children_seen++;
	DBG("%s: childInit(%d)\n", prefix, rank);
	return 0;
}

static int fixup_amount(void **param, int param_no)
{
	str s;
	unsigned int n;
	if (param_no != 1)
		return 0;
	s.s = (char *)*param;
	s.len = strlen(s.s);
	if (str2int(&s, &n) < 0) {
		LOG(L_ERR, "mymod_count: <%s> is not a number\n", s.s);
		return E_CFG;
	}
	pkg_free(*param);
	*param = (void *)(unsigned long)n;
	return 0;
}

static int mymod_count(struct sip_msg *msg, char *amount, char *unused)
{
	update_stat(counted, (long)(unsigned long)amount);
	return 1;
}
