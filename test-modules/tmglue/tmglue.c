/* The core services OpenSIPS 1.11's tm leans on, called the way tm calls them, so the
 * suite covers them without tm itself:
 *   tg_relay()   sends the request statefully in miniature: a branch of its own in
 *                add_to_branch_s, the request built in shm (MSG_TRANS_SHM_FLAG, freed with
 *                shm_free as tm does), sent with msg_send to the R-URI's host:port
 *   response_f   consumes (returns 0) every reply whose top Via carries one of its
 *                branches, also replies with no second Via (requests a module sent
 *                itself), and counts them; other replies go on (1)
 *   tg_count(n)  true when at least n replies were consumed
 *   tg_timer()   true when its utimer ran on the timer thread (process_no of the timer
 *                entry) and could keep branch flags there with no message (setb0flags)
 *   tg_checks()  pv_parse_avp_name/pv_parse_index/pv_get_spec_index, register_pv_context,
 *                set_avp_list/destroy_avp_list/replace_avp, find_not_quoted,
 *                set_hostport + via_builder, and bad input (NULL message, bad index...)
 *                each answered by an error code, never a crash; -N names the failed check */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "../../sr_module.h"
#include "../../timer.h"
#include "../../pt.h"
#include "../../globals.h"
#include "../../locking.h"
#include "../../forward.h"
#include "../../resolve.h"
#include "../../usr_avp.h"
#include "../../dset.h"
#include "../../pvar.h"
#include "../../msg_translator.h"
#include "../../mem/shm_mem.h"
#include "../../parser/parse_uri.h"
#include "../../parser/parser_f.h"

#define TG_BRANCH "z9hG4bKtg-"

/* shared by the workers and the timer thread: shm, as in OpenSIPS */
struct tg_shared {
	gen_lock_t lock;
	int consumed;
	int sent;
	int timer_runs;
	int timer_on_timer_thread;
	int timer_b0flags_kept;
};
static struct tg_shared *sh;

static struct sip_msg *ctx_request(struct sip_msg *m) { return m; }

static void on_timer(utime_t now, void *param)
{
	unsigned int before;
	int mine;
	/* no message on this thread: the R-URI branch flags are this thread's own value */
	before = getb0flags();
	setb0flags(before ^ 0x50);
	mine = getb0flags() == (before ^ 0x50);
	lock_get(&sh->lock);
	sh->timer_runs++;
	if (process_no == children_no + 1)   /* the timer's entry of the process table */
		sh->timer_on_timer_thread++;
	if (mine)
		sh->timer_b0flags_kept++;
	lock_release(&sh->lock);
}

static int mod_init(void)
{
	if ((sh = shm_malloc(sizeof(*sh))) == NULL)
		return -1;
	memset(sh, 0, sizeof(*sh));
	lock_init(&sh->lock);
	if (register_utimer("tmglue", on_timer, NULL, 20000) < 0)
		return -1;
	/* tm registers the contexts of $T_req / $T_rpl this way */
	if (register_pv_context("tg_request", ctx_request) != 0)
		return -1;
	return 0;
}

static void mod_destroy(void)
{
	if (sh) {
		lock_destroy(&sh->lock);
		shm_free(sh);
	}
	sh = NULL;
}

static int tg_relay(struct sip_msg *msg)
{
	struct sip_uri u;
	struct ip_addr *ip;
	union sockaddr_union to;
	struct socket_info *si;
	unsigned int len;
	char *buf;
	str *ruri = GET_RURI(msg);
	int n, r;

	if (parse_uri(ruri->s, ruri->len, &u) < 0 || (ip = str2ip(&u.host)) == NULL) {
		LM_ERR("R-URI <%.*s> is not sip:user@ip:port\n", ruri->len, ruri->s);
		return -1;
	}
	init_su(&to, ip, u.port_no ? u.port_no : SIP_PORT);
	lock_get(&sh->lock);
	n = ++sh->sent;
	lock_release(&sh->lock);
	msg->add_to_branch_len = snprintf(msg->add_to_branch_s, MAX_BRANCH_PARAM_LEN,
			TG_BRANCH "%d", n);
	si = get_send_socket(msg, &to, PROTO_UDP);
	if (si == NULL)
		return -2;
	buf = build_req_buf_from_sip_req(msg, &len, si, PROTO_UDP, MSG_TRANS_SHM_FLAG);
	if (buf == NULL)
		return -3;
	r = msg_send(si, PROTO_UDP, &to, 0, buf, (int)len);
	shm_free(buf);   /* tm frees its branch buffers this way */
	return r == 0 ? 1 : -4;
}

static int tg_response(struct sip_msg *msg)
{
	if (msg == NULL || msg->via1 == NULL)
		return 1;
	if (msg->via1->branch == NULL || msg->via1->branch->value.len < (int)strlen(TG_BRANCH)
			|| memcmp(msg->via1->branch->value.s, TG_BRANCH, strlen(TG_BRANCH)) != 0)
		return 1;   /* not ours: stateless forwarding goes on */
	lock_get(&sh->lock);
	sh->consumed++;
	lock_release(&sh->lock);
	return 0;
}

static int tg_count(struct sip_msg *msg, char *n)
{
	return sh->consumed >= atoi(n) ? 1 : -1;
}

static int tg_timer(struct sip_msg *msg)
{
	return sh->timer_runs > 0 && sh->timer_on_timer_thread == sh->timer_runs
		&& sh->timer_b0flags_kept == sh->timer_runs ? 1 : -1;
}

static int check_pv(struct sip_msg *msg)
{
	pv_spec_t sp;
	str s;
	int idx, flags, id, id2;
	unsigned short nt;

	memset(&sp, 0, sizeof(sp));
	s.s = "3"; s.len = 1;
	if (pv_parse_index(&sp, &s) != 0 || pv_get_spec_index(msg, &sp.pvp, &idx, &flags) != 0
			|| idx != 3 || flags != 0)
		return -1;
	s.s = "-2"; s.len = 2;
	if (pv_parse_index(&sp, &s) != 0 || pv_get_spec_index(msg, &sp.pvp, &idx, &flags) != 0
			|| idx != -2)
		return -2;
	s.s = "*"; s.len = 1;
	if (pv_parse_index(&sp, &s) != 0 || pv_get_spec_index(msg, &sp.pvp, &idx, &flags) != 0
			|| flags != PV_IDX_ALL)
		return -3;
	s.s = "1x"; s.len = 2;
	if (pv_parse_index(&sp, &s) == 0 || pv_parse_index(NULL, &s) == 0 || pv_parse_index(&sp, NULL) == 0)
		return -4;
	s.s = "tg_name"; s.len = 7;
	if (pv_parse_avp_name(&sp, &s) != 0 || pv_get_avp_name(msg, &sp.pvp, &id, &nt) != 0
			|| parse_avp_spec(&s, &id2) != 0 || id != id2)
		return -5;
	s.s = "$var(x)"; s.len = 7;
	if (pv_parse_avp_name(&sp, &s) == 0 || pv_get_spec_index(msg, NULL, &idx, &flags) == 0)
		return -6;
	if (register_pv_context(NULL, ctx_request) == 0 || register_pv_context("tg_bad", NULL) == 0)
		return -7;
	return 0;
}

static int check_avps(struct sip_msg *msg)
{
	struct usr_avp *list = NULL, **old, **cur;
	str name = { "tg_order", 8 };
	int id, i;
	int_str v;
	static const int want[3] = { 30, 99, 10 };   /* newest first, value 1 replaced */

	old = set_avp_list(&list);
	cur = set_avp_list(old);
	if (cur != &list || get_avp_list() != old)
		return -10;
	destroy_avp_list(&list);
	destroy_avp_list(NULL);
	if (list != NULL)
		return -11;
	if (parse_avp_spec(&name, &id) != 0)
		return -12;
	for (i = 1; i <= 3; i++) {
		v.n = i * 10;
		if (add_avp(0, id, v) != 0)
			return -13;
	}
	v.n = 99;
	if (replace_avp(0, id, v, 1) != 0)
		return -14;
	for (i = 0; i < 3; i++)
		if (search_index_avp(0, id, &v, (unsigned)i) == NULL || v.n != want[i]) {
			LM_ERR("value %d of tg_order is %d, expected %d\n", i, v.n, want[i]);
			return -15;
		}
	if (replace_avp(0, id, v, 7) == 0 || replace_avp(0, id, v, -1) == 0)
		return -16;
	return 0;
}

static int check_builders(struct sip_msg *msg)
{
	str q = { "\"a<b\" <sip:x@y>", 15 };
	struct hostport hp;
	unsigned int len;
	char *via, *p;
	str br = { TG_BRANCH "v", sizeof(TG_BRANCH) };

	p = find_not_quoted(&q, '<');
	if (p != q.s + 6)
		return -20;
	q.len = 4;
	if (find_not_quoted(&q, '<') != NULL)
		return -21;
	set_hostport(&hp, NULL);
	if (hp.host != NULL || hp.port != NULL)
		return -22;
	set_hostport(&hp, msg);
	if (hp.host != &default_global_address || hp.port != &default_global_port)
		return -23;
	/* nothing advertised: the Via names the socket */
	via = via_builder(&len, msg->rcv.bind_address, &br, NULL, PROTO_UDP, &hp);
	if (via == NULL)
		return -24;
	if (strstr(via, msg->rcv.bind_address->address_str.s) == NULL
			|| strstr(via, TG_BRANCH "v") == NULL) {
		LM_ERR("via <%s>\n", via);
		pkg_free(via);
		return -25;
	}
	pkg_free(via);
	if (build_req_buf_from_sip_req(NULL, &len, msg->rcv.bind_address, PROTO_UDP,
			MSG_TRANS_SHM_FLAG) != NULL)
		return -26;
	if (build_req_buf_from_sip_req(msg, &len, NULL, PROTO_UDP, MSG_TRANS_SHM_FLAG) != NULL)
		return -27;
	return 0;
}

static int tg_checks(struct sip_msg *msg)
{
	int r;
	if ((r = check_pv(msg)) != 0 || (r = check_avps(msg)) != 0 || (r = check_builders(msg)) != 0) {
		LM_ERR("check %d failed\n", -r);
		return r;
	}
	return 1;
}

static cmd_export_t cmds[] = {
	{"tg_relay", (cmd_function)tg_relay, 0, 0, 0, REQUEST_ROUTE},
	{"tg_count", (cmd_function)tg_count, 1, 0, 0, ALL_ROUTES},
	{"tg_timer", (cmd_function)tg_timer, 0, 0, 0, ALL_ROUTES},
	{"tg_checks", (cmd_function)tg_checks, 0, 0, 0, REQUEST_ROUTE},
	{0, 0, 0, 0, 0, 0}
};

struct module_exports exports = {
	"tmglue", MODULE_VERSION, DEFAULT_DLFLAGS,
	cmds, 0, 0, 0, 0, 0, mod_init, tg_response, mod_destroy, 0
};
