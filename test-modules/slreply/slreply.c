/* A module that replies by itself through the sl API, as OpenSIPS modules do (registrar,
 * presence...): it binds the API in mod_init with load_sl_api() and calls it from its
 * script functions.
 *   slreply_busy()        486 Busy Here, with an X-Replied-By header added as a reply lump
 *   slreply_dlg()         480 Temporarily Unavailable with the module's own To-tag (reply_dlg)
 *   slreply_totag()       202 Accepted, with X-Sl-Totag: <the tag get_totag returned>
 *   slreply_ranked()      486 Busy Here with X-Caller-Rank: <the rank this module's
 *                         child_init stored>, to compare with the API's module's own
 * Each returns what the API returned (1 sent, -1 not). */
#include <stdio.h>
#include <string.h>
#include "../../sr_module.h"
#include "../../data_lump_rpl.h"
#include "../sl/sl_api.h"

static struct sl_binds slb;
static int my_rank = -100;   /* child_init's rank, per thread as per process in OpenSIPS */

static int child_init(int rank)
{
	my_rank = rank;
	return 0;
}

static int mod_init(void)
{
	if (load_sl_api(&slb) != 0) {
		LM_ERR("cannot bind the sl API\n");
		return -1;
	}
	LM_INFO("sl API bound\n");
	return 0;
}

static int add_header(struct sip_msg *msg, const char *line)
{
	if (add_lump_rpl(msg, (char *)line, (int)strlen(line), LUMP_RPL_HDR) == NULL) {
		LM_ERR("cannot add a reply lump\n");
		return -1;
	}
	return 0;
}

static int slreply_busy(struct sip_msg *msg, char *a, char *b)
{
	str reason = str_init("Busy Here");

	if (add_header(msg, "X-Replied-By: slreply\r\n") < 0)
		return -1;
	return slb.reply(msg, 486, &reason);
}

static int slreply_dlg(struct sip_msg *msg, char *a, char *b)
{
	str reason = str_init("Temporarily Unavailable");
	str tag = str_init("slreply-tag");

	return slb.reply_dlg(msg, 480, &reason, &tag);
}

static int slreply_totag(struct sip_msg *msg, char *a, char *b)
{
	str reason = str_init("Accepted");
	str totag;
	char line[160];

	if (slb.get_totag(msg, &totag) != 1) {
		LM_ERR("get_totag failed\n");
		return -1;
	}
	snprintf(line, sizeof(line), "X-Sl-Totag: %.*s\r\n", totag.len, totag.s);
	if (add_header(msg, line) < 0)
		return -1;
	return slb.reply(msg, 202, &reason);
}

static int slreply_ranked(struct sip_msg *msg, char *a, char *b)
{
	str reason = str_init("Busy Here");
	char line[64];

	snprintf(line, sizeof(line), "X-Caller-Rank: %d\r\n", my_rank);
	if (add_header(msg, line) < 0)
		return -1;
	return slb.reply(msg, 486, &reason);
}

static cmd_export_t cmds[] = {
	{"slreply_busy", (cmd_function)slreply_busy, 0, 0, 0, REQUEST_ROUTE},
	{"slreply_dlg", (cmd_function)slreply_dlg, 0, 0, 0, REQUEST_ROUTE},
	{"slreply_totag", (cmd_function)slreply_totag, 0, 0, 0, REQUEST_ROUTE},
	{"slreply_ranked", (cmd_function)slreply_ranked, 0, 0, 0, REQUEST_ROUTE},
	{0, 0, 0, 0, 0, 0}
};

struct module_exports exports = {
	"slreply", MODULE_VERSION, DEFAULT_DLFLAGS,
	cmds, 0, 0, 0, 0, 0, mod_init, 0, 0, child_init
};
