/* A module that serves the sl API itself, as OpenSIPS's own sl does: it exports load_sl
 * (a cmd with no route flags, found with find_export("load_sl", 0, 0)), defines a global
 * function of that very name, builds its replies with its own To-tag (written into a
 * global in mod_init) and sends them with msg_send. Each reply carries
 * "X-Fakesl-Rank: <rank>", the rank its child_init stored in a global, so a test sees that
 * code reached through the API runs on the calling thread's copy of this module's globals.
 * The core exports no load_sl of its own: if it did, the dynamic linker would bind this
 * module's reference to load_sl to the core's, and its API would be the core's. */
#include <stdio.h>
#include <string.h>
#include "../../sr_module.h"
#include "../../forward.h"
#include "../../msg_translator.h"
#include "../../data_lump_rpl.h"
#include "../sl/sl_api.h"

static char tag_buf[32];
static str tag = {tag_buf, 0};
static int rank_seen = -100;   /* child_init's rank; -100 before it ran */

static int mod_init(void)
{
	tag.len = snprintf(tag_buf, sizeof(tag_buf), "fakesl-tag-%d", 42);
	return 0;
}

static int child_init(int rank)
{
	rank_seen = rank;
	return 0;
}

static int send_with_tag(struct sip_msg *msg, int code, str *reason, str *to_tag)
{
	union sockaddr_union to;
	struct bookmark bm;
	unsigned int len;
	char line[64], *buf;
	int n, r;

	if (msg == NULL || reason == NULL || reason->s == NULL) {
		LM_ERR("bad arguments\n");
		return -1;
	}
	n = snprintf(line, sizeof(line), "X-Fakesl-Rank: %d\r\n", rank_seen);
	if (add_lump_rpl(msg, line, n, LUMP_RPL_HDR) == NULL)
		return -1;
	buf = build_res_buf_from_sip_req(code, reason, to_tag, msg, &len, &bm);
	if (buf == NULL) {
		LM_ERR("cannot build the reply\n");
		return -1;
	}
	update_sock_struct_from_ip(&to, msg);
	r = msg_send(msg->rcv.bind_address, msg->rcv.proto, &to, 0, buf, (int)len);
	pkg_free(buf);
	return r < 0 ? -1 : 1;
}

static int fs_reply(struct sip_msg *msg, int code, str *reason)
{
	return send_with_tag(msg, code, reason, &tag);
}

static int fs_reply_dlg(struct sip_msg *msg, int code, str *reason, str *t)
{
	return send_with_tag(msg, code, reason, t);
}

static int fs_get_totag(struct sip_msg *msg, str *totag)
{
	*totag = tag;
	return 1;
}

int load_sl(struct sl_binds *slb)
{
	if (slb == NULL)
		return -1;
	slb->reply = fs_reply;
	slb->reply_dlg = fs_reply_dlg;
	slb->get_totag = fs_get_totag;
	return 1;
}

static cmd_export_t cmds[] = {
	{"load_sl", (cmd_function)load_sl, 0, 0, 0, 0},
	{0, 0, 0, 0, 0, 0}
};

struct module_exports exports = {
	"fakesl", MODULE_VERSION, DEFAULT_DLFLAGS,
	cmds, 0, 0, 0, 0, 0, mod_init, 0, 0, child_init
};
