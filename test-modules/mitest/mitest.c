/* Exercises the management interface from C: one MI command in exports.mi_cmds, one
 * registered from mod_init with register_mi_cmd, a statistic in exports.stats that the
 * script function mi_hit() increments, and an MI init_f that must run (once, on the MI
 * thread) before the first command. The MI tests assert what comes back as JSON. */
#include <stdio.h>
#include <string.h>
#include "../../sr_module.h"
#include "../../dprint.h"
#include "../../statistics.h"
#include "../../mi/mi.h"

static stat_var *hits;
static int mi_inits;                   /* how often the MI init_f ran */
static int inside;                     /* threads inside the module's code now */
static int overlaps;                   /* a command ran while another thread was inside */
static int fail_with = 0;              /* modparam: mitest_fail answers with this code */

static int mi_hit(struct sip_msg *msg)
{
	if (++inside != 1)
		overlaps++;
	update_stat(hits, 1);
	LM_DBG("hit number %lu\n", get_stat_val(hits));
	inside--;
	return 1;
}

static int mi_child(void)
{
	mi_inits++;
	return 0;
}

/* mitest_echo [args...]: every argument back as a kid with its name (or "arg"), plus the
 * count as an attribute of a summary node. */
static struct mi_root *mi_echo(struct mi_root *req, void *param)
{
	struct mi_root *rpl;
	struct mi_node *n, *k;
	int count = 0;
	if (++inside != 1)
		overlaps++;
	rpl = init_mi_tree(200, MI_SSTR(MI_OK));
	if (rpl == NULL)
		goto out;
	for (k = req->node.kids; k; k = k->next, count++) {
		if (k->name.len > 0)
			add_mi_node_child(&rpl->node, MI_DUP_NAME | MI_DUP_VALUE, k->name.s, k->name.len,
					k->value.s, k->value.len);
		else
			add_mi_node_child(&rpl->node, MI_DUP_VALUE, "arg", 3, k->value.s, k->value.len);
	}
	n = add_mi_node_child(&rpl->node, 0, "summary", 7, (char *)param, param ? (int)strlen(param) : 0);
	if (n) {
		addf_mi_attr(n, 0, "count", 5, "%d", count);
		addf_mi_attr(n, 0, "inits", 5, "%d", mi_inits);
		addf_mi_attr(n, 0, "overlaps", 8, "%d", overlaps);
	}
out:
	inside--;
	return rpl;
}

/* mitest_fail: an error reply (400 with a reason) when it has no argument. */
static struct mi_root *mi_fail(struct mi_root *req, void *param)
{
	if (req->node.kids == NULL)
		return init_mi_tree(fail_with ? fail_with : 400, MI_SSTR(MI_MISSING_PARM));
	return init_mi_tree(200, MI_SSTR(MI_OK));
}

static mi_export_t mi_cmds[] = {
	{"mitest_echo", "echoes its arguments", mi_echo, 0, "from-exports", mi_child},
	{0, 0, 0, 0, 0, 0}
};

static stat_export_t stats[] = {
	{"mitest_hits", 0, &hits},
	{0, 0, 0}
};

static param_export_t params[] = {
	{"fail_with", INT_PARAM, &fail_with},
	{0, 0, 0}
};

static cmd_export_t cmds[] = {
	{"mi_hit", (cmd_function)mi_hit, 0, 0, 0, REQUEST_ROUTE},
	{0, 0, 0, 0, 0, 0}
};

static int mod_init(void)
{
	return register_mi_cmd(mi_fail, "mitest_fail", "fails without an argument", NULL, NULL, 0, "mitest");
}

struct module_exports exports = {
	"mitest", MODULE_VERSION, DEFAULT_DLFLAGS,
	cmds, params, stats, mi_cmds, 0, 0, mod_init, 0, 0, 0
};
