/* Script callbacks as a module registers them in mod_init:
 * - two pre-request callbacks; "first" (prio 10) must run before "second" (prio 0)
 *   although registered after it; "second" sets flag 6 for the script to see and stops
 *   the message when it has an X-Drop header, or skips the post callbacks for X-NoPost;
 * - a post-request callback that checks the script ran (flag 5 set by the script);
 * - a pre-reply callback that drops 183 replies, and a post-reply one that counts;
 * - a bad registration (no type) that must be refused.
 * Counters in shm (callbacks run on workers with their own globals). sc_report(what)
 * returns a counter + 1. */
#include <string.h>
#include "../../sr_module.h"
#include "../../script_cb.h"
#include "../../flags.h"
#include "../../mem/shm_mem.h"
#include "../../parser/msg_parser.h"

/* the script's named flags "5" and "6" (as in 1.11, a number in setflag() is a name) */
static unsigned int flag_script_mask, flag_pre_mask;


struct sc_counts {
	int order_ok, order_bad, pre, post, post_saw_script, pre_rpl, post_rpl, refused;
	int last;   /* 1 after "first", 2 after "second" */
};
static struct sc_counts *c;

static int has_header(struct sip_msg *msg, const char *name)
{
	struct hdr_field *h;
	int len = strlen(name);
	if (parse_headers(msg, HDR_EOH_F, 0) < 0)
		return 0;
	for (h = msg->headers; h; h = h->next)
		if (h->name.len == len && strncasecmp(h->name.s, name, len) == 0)
			return 1;
	return 0;
}

static int first(struct sip_msg *msg, void *param)
{
	c->last = 1;
	return SCB_RUN_ALL;
}

static int second(struct sip_msg *msg, void *param)
{
	if (c->last == 1)
		c->order_ok++;
	else
		c->order_bad++;
	c->last = 2;
	c->pre++;
	msg->flags |= flag_pre_mask;
	if (has_header(msg, "X-Drop"))
		return SCB_DROP_MSG;
	if (has_header(msg, "X-NoPost"))
		return SCB_RUN_TOP_ROUTE;
	return SCB_RUN_ALL;
}

static int post(struct sip_msg *msg, void *param)
{
	c->post++;
	if (msg->flags & flag_script_mask)
		c->post_saw_script++;
	return 1;
}

static int pre_rpl(struct sip_msg *msg, void *param)
{
	c->pre_rpl++;
	return msg->first_line.u.reply.statuscode == 183 ? SCB_DROP_MSG : SCB_RUN_ALL;
}

static int post_rpl(struct sip_msg *msg, void *param)
{
	c->post_rpl++;
	return 1;
}

static int mod_init(void)
{
	int f5 = get_flag_id_by_name(FLAG_TYPE_MSG, "5"), f6 = get_flag_id_by_name(FLAG_TYPE_MSG, "6");
	if (f5 < 0 || f6 < 0)
		return -1;
	flag_script_mask = 1u << f5;
	flag_pre_mask = 1u << f6;
	c = shm_malloc(sizeof(*c));
	if (c == NULL)
		return -1;
	memset(c, 0, sizeof(*c));
	if (__register_script_cb(second, PRE_SCRIPT_CB | REQ_TYPE_CB, NULL, 0) < 0 ||
			__register_script_cb(first, PRE_SCRIPT_CB | REQ_TYPE_CB, NULL, 10) < 0 ||
			register_script_cb(post, POST_SCRIPT_CB | REQ_TYPE_CB, NULL) < 0 ||
			register_script_cb(pre_rpl, PRE_SCRIPT_CB | RPL_TYPE_CB, NULL) < 0 ||
			register_script_cb(post_rpl, POST_SCRIPT_CB | RPL_TYPE_CB, NULL) < 0)
		return -1;
	if (register_script_cb(post, 0, NULL) < 0)
		c->refused++;
	if (register_script_cb(post, PRE_SCRIPT_CB | POST_SCRIPT_CB | REQ_TYPE_CB, NULL) < 0)
		c->refused++;
	return 0;
}

static void mod_destroy(void)
{
	if (c)
		shm_free(c);
	c = NULL;
}

static int sc_report(struct sip_msg *msg, char *what)
{
	if (!strcmp(what, "order_ok")) return c->order_ok + 1;
	if (!strcmp(what, "order_bad")) return c->order_bad + 1;
	if (!strcmp(what, "pre")) return c->pre + 1;
	if (!strcmp(what, "post")) return c->post + 1;
	if (!strcmp(what, "post_saw_script")) return c->post_saw_script + 1;
	if (!strcmp(what, "pre_rpl")) return c->pre_rpl + 1;
	if (!strcmp(what, "post_rpl")) return c->post_rpl + 1;
	if (!strcmp(what, "refused")) return c->refused + 1;
	return -1;
}

static cmd_export_t cmds[] = {
	{"sc_report", (cmd_function)sc_report, 1, 0, 0, ALL_ROUTES},
	{0, 0, 0, 0, 0, 0}
};

struct module_exports exports = {
	"scriptcb", MODULE_VERSION, DEFAULT_DLFLAGS,
	cmds, 0, 0, 0, 0, 0, mod_init, 0, mod_destroy, 0
};
