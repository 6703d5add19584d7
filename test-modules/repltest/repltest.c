/*
 * repltest: the core services 1.11's usrloc, dialog, uri, acc, sl and drouting call, each
 * checked from a script function that reports what it saw as X- headers of the reply.
 *
 *   repl_send("<port>")   bin_init("repltest", 7) + "hello" + 42 + an empty str, sent to
 *                         127.0.0.1:<port>: 1 when sent, -1 when the core refused
 *   repl_report()         X-Bin: what the receiver callback popped (count type text int
 *                         empty-len overflow skip), from shm (it runs on a BIN thread)
 *   repl_bad()            every bin call made wrongly on a worker: X-Bad lists the results
 *   repl_aaa()            aaa_parse_url/aaa_prot_bind, good and bad: X-Aaa
 *   repl_stats()          get_stat_var_from_num_code, build_stat_name: X-Stats
 *   repl_net()            mk_net_bitlen + matchnet, rw locks, trim_spaces_lr: X-Net
 *   repl_used()           is_script_func_used for calls the script makes and does not: X-Used
 *   repl_via()            received_builder, rport_builder: X-Via
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>

#include "../../sr_module.h"
#include "../../dprint.h"
#include "../../ut.h"
#include "../../mem/shm_mem.h"
#include "../../locking.h"
#include "../../rw_locking.h"
#include "../../statistics.h"
#include "../../data_lump_rpl.h"
#include "../../bin_interface.h"
#include "../../aaa/aaa.h"
#include "../../route.h"
#include "../../msg_translator.h"

#define REPL_TYPE 7

/* what the receiver saw: shm, since the callback runs on a BIN receiver thread and module
 * globals are per thread */
struct seen {
	gen_lock_t lock;
	int count, type, number, empty_len, overflow, skip, wrong_module;
	char text[32];
};

static struct seen *seen;
static stat_var *sent_404;
static str repl_name = { "repltest", 8 };

static int mod_init(void);
static void mod_destroy(void);
static int repl_send(struct sip_msg *msg, char *port, char *b);
static int repl_report(struct sip_msg *msg, char *a, char *b);
static int repl_bad(struct sip_msg *msg, char *a, char *b);
static int repl_aaa(struct sip_msg *msg, char *a, char *b);
static int repl_stats(struct sip_msg *msg, char *a, char *b);
static int repl_net(struct sip_msg *msg, char *a, char *b);
static int repl_used(struct sip_msg *msg, char *a, char *b);
static int repl_via(struct sip_msg *msg, char *a, char *b);

static cmd_export_t cmds[] = {
	{"repl_send", (cmd_function)repl_send, 1, 0, 0, REQUEST_ROUTE},
	{"repl_report", (cmd_function)repl_report, 0, 0, 0, REQUEST_ROUTE},
	{"repl_bad", (cmd_function)repl_bad, 0, 0, 0, REQUEST_ROUTE},
	{"repl_aaa", (cmd_function)repl_aaa, 0, 0, 0, REQUEST_ROUTE},
	{"repl_stats", (cmd_function)repl_stats, 0, 0, 0, REQUEST_ROUTE},
	{"repl_net", (cmd_function)repl_net, 0, 0, 0, REQUEST_ROUTE},
	{"repl_used", (cmd_function)repl_used, 0, 0, 0, REQUEST_ROUTE},
	{"repl_via", (cmd_function)repl_via, 0, 0, 0, REQUEST_ROUTE},
	{0, 0, 0, 0, 0, 0}
};

/* "404_out" is what get_stat_var_from_num_code(404, 1) must find */
static stat_export_t stats[] = {
	{"404_out", 0, &sent_404},
	{0, 0, 0}
};

struct module_exports exports = {
	"repltest",
	MODULE_VERSION,
	DEFAULT_DLFLAGS,
	cmds,
	0,
	stats,
	0, 0, 0,
	mod_init,
	0,
	mod_destroy,
	0
};

static void lump(struct sip_msg *msg, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void lump(struct sip_msg *msg, const char *fmt, ...)
{
	char line[512];
	va_list ap;
	int n;
	va_start(ap, fmt);
	n = vsnprintf(line, sizeof(line) - 2, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if (n > (int)sizeof(line) - 3)
		n = (int)sizeof(line) - 3;
	memcpy(line + n, "\r\n", 2);
	add_lump_rpl(msg, line, n + 2, LUMP_RPL_HDR);
}

/* the BIN receiver: pops the fields in push order, then one more (must fail) */
static void receive(int type)
{
	str text, empty, extra;
	int number = 0, overflow, skip;

	if (bin_pop_str(&text) != 0 || bin_pop_int(&number) != 0 || bin_pop_str(&empty) != 0) {
		LM_ERR("could not pop the fields\n");
		return;
	}
	overflow = bin_pop_str(&extra);
	skip = bin_skip_int(1);
	lock_get(&seen->lock);
	seen->count++;
	seen->type = type;
	seen->number = number;
	seen->empty_len = empty.len + (empty.s != NULL ? 1000 : 0);
	seen->overflow = overflow;
	seen->skip = skip;
	snprintf(seen->text, sizeof(seen->text), "%.*s", text.len, text.s);
	lock_release(&seen->lock);
}

/* registered under another module name: must never run for repltest's packets */
static void receive_other(int type)
{
	lock_get(&seen->lock);
	seen->wrong_module++;
	lock_release(&seen->lock);
}

static int mod_init(void)
{
	seen = shm_malloc(sizeof(*seen));
	if (seen == NULL)
		return -1;
	memset(seen, 0, sizeof(*seen));
	lock_init(&seen->lock);
	if (bin_register_cb("repltest", receive) != 0 || bin_register_cb("repltesx", receive_other) != 0)
		return -1;
	if (bin_register_cb(NULL, receive) != -1 || bin_register_cb("x", NULL) != -1) {
		LM_ERR("bin_register_cb accepted a bad argument\n");
		return -1;
	}
	return 0;
}

static void mod_destroy(void)
{
	if (seen) {
		lock_destroy(&seen->lock);
		shm_free(seen);
		seen = NULL;
	}
}

static int repl_send(struct sip_msg *msg, char *port, char *b)
{
	union sockaddr_union to;
	str hello = { "hello", 5 }, empty = { NULL, 0 };
	int r;

	memset(&to, 0, sizeof(to));
	to.sin.sin_family = AF_INET;
	to.sin.sin_port = htons((unsigned short)atoi(port));
	to.sin.sin_addr.s_addr = htonl(0x7f000001);
	if (bin_init(&repl_name, REPL_TYPE) != 0 || bin_push_str(&hello) != 0 ||
			bin_push_int(42) != 0 || bin_push_str(&empty) != 0)
		return -1;
	r = bin_send(&to);
	lump(msg, "X-Send: %d", r);
	return r > 0 ? 1 : -1;
}

static int repl_report(struct sip_msg *msg, char *a, char *b)
{
	lock_get(&seen->lock);
	lump(msg, "X-Bin: count=%d type=%d text=%s int=%d empty=%d overflow=%d skip=%d other=%d",
		seen->count, seen->type, seen->text, seen->number, seen->empty_len, seen->overflow,
		seen->skip, seen->wrong_module);
	lock_release(&seen->lock);
	return 1;
}

static int repl_bad(struct sip_msg *msg, char *a, char *b)
{
	str s, big;
	int i, r_pop_str, r_pop_int, r_skip, r_init, r_push_after, r_push_big, r_send_null;

	r_pop_str = bin_pop_str(&s);          /* a worker is no receiver: -2 */
	r_pop_int = bin_pop_int(&i);
	r_skip = bin_skip_str(1);
	r_init = bin_init(NULL, 1);           /* no name: -1, and no packet left started */
	r_push_after = bin_push_int(1);       /* nothing started: -1 */
	bin_init(&repl_name, 1);
	big.len = 70000;                      /* beyond BUF_SIZE: -1 */
	big.s = pkg_malloc(big.len);
	if (big.s == NULL)
		return -1;
	memset(big.s, 'x', big.len);
	r_push_big = bin_push_str(&big);
	pkg_free(big.s);
	r_send_null = bin_send(NULL);         /* 0 with bin_listen (nothing sent), -1 without */
	lump(msg, "X-Bad: pop_str=%d pop_int=%d skip=%d init=%d push=%d big=%d send_null=%d start=%d",
		r_pop_str, r_pop_int, r_skip, r_init, r_push_after, r_push_big, r_send_null,
		start_bin_receivers());
	return 1;
}

static int repl_aaa(struct sip_msg *msg, char *a, char *b)
{
	aaa_prot prot, untouched;
	aaa_prot_config pc;
	char radius[] = "radius:/etc/radiusclient-ng/radiusclient.conf";
	char nocolon[] = "radius";
	str url = { radius, sizeof(radius) - 1 }, bad = { nocolon, sizeof(nocolon) - 1 };
	int parsed, name_ok = 0, rest_ok = 0, bind_r, same, null_r, bad_r;

	parsed = aaa_parse_url(&url, &pc);
	if (parsed == 0) {
		name_ok = pc.prot_name->len == 6 && memcmp(pc.prot_name->s, "radius", 6) == 0;
		rest_ok = strcmp((char *)pc.rest, "/etc/radiusclient-ng/radiusclient.conf") == 0;
		pkg_free(pc.prot_name->s);
		pkg_free(pc.prot_name);
	}
	memset(&prot, 0x5a, sizeof(prot));
	memcpy(&untouched, &prot, sizeof(prot));
	bind_r = aaa_prot_bind(&url, &prot);   /* no aaa_radius loaded */
	same = memcmp(&prot, &untouched, sizeof(prot)) == 0;
	null_r = aaa_prot_bind(NULL, &prot) + aaa_prot_bind(&url, NULL);
	bad_r = aaa_parse_url(&bad, &pc) + aaa_prot_bind(&bad, &prot);
	lump(msg, "X-Aaa: parse=%d name=%d rest=%d bind=%d untouched=%d null=%d bad=%d",
		parsed, name_ok, rest_ok, bind_r, same, null_r, bad_r);
	return 1;
}

static int repl_stats(struct sip_msg *msg, char *a, char *b)
{
	stat_var *out404 = get_stat_var_from_num_code(404, 1);
	stat_var *in404 = get_stat_var_from_num_code(404, 0);
	stat_var *out999 = get_stat_var_from_num_code(999, 1);
	unsigned long before = sent_404 ? get_stat_val(sent_404) : 0;
	char domain[] = "location";
	str prefix = { domain, 8 };
	char *name = build_stat_name(&prefix, "users");

	if (out404)
		update_stat(out404, 1);
	lump(msg, "X-Stats: out404=%d in404=%d out999=%d counted=%lu name=%s null=%d",
		out404 != NULL && out404 == sent_404, in404 != NULL, out999 != NULL,
		sent_404 ? get_stat_val(sent_404) - before : 0, name ? name : "(null)",
		build_stat_name(NULL, "x") == NULL);
	if (name)
		shm_free(name);
	return 1;
}

static int repl_net(struct sip_msg *msg, char *a, char *b)
{
	struct ip_addr ip, in, out;
	struct net *n;
	rw_lock_t *rw;
	char text[] = "  spaced out  ";
	str t = { text, sizeof(text) - 1 };
	int inside, outside, too_long, lock_ok = 0;

	memset(&ip, 0, sizeof(ip));
	ip.af = AF_INET;
	ip.len = 4;
	ip.u.addr[0] = 10; ip.u.addr[1] = 1; ip.u.addr[2] = 2; ip.u.addr[3] = 3;
	in = ip;
	in.u.addr[1] = 9;
	out = ip;
	out.u.addr[0] = 11;
	n = mk_net_bitlen(&ip, 8);
	if (n == NULL)
		return -1;
	inside = matchnet(&in, n);
	outside = matchnet(&out, n);
	too_long = mk_net_bitlen(&ip, 33) == NULL;
	lump(msg, "X-Net: net=%d.%d.%d.%d/%d.%d.%d.%d in=%d out=%d bits33=%d null=%d",
		n->ip.u.addr[0], n->ip.u.addr[1], n->ip.u.addr[2], n->ip.u.addr[3],
		n->mask.u.addr[0], n->mask.u.addr[1], n->mask.u.addr[2], n->mask.u.addr[3],
		inside, outside, too_long, mk_net_bitlen(NULL, 8) == NULL);
	pkg_free(n);

	rw = lock_init_rw();
	if (rw) {
		lock_start_read(rw);
		lock_start_read(rw);
		lock_ok = rw->r_count == 2 && rw->w_flag == 0;
		lock_stop_read(rw);
		lock_stop_read(rw);
		lock_start_write(rw);
		lock_ok = lock_ok && rw->w_flag == 1 && rw->r_count == 0;
		lock_stop_write(rw);
		lock_ok = lock_ok && rw->w_flag == 0;
		lock_destroy_rw(rw);
	}
	trim_spaces_lr(t);
	lump(msg, "X-Misc: rw=%d trim=[%.*s] facility=%d/%d/%d", lock_ok, t.len, t.s,
		str2facility("log_local0") == LOG_LOCAL0, str2facility("LOG_NOPE"), str2facility(NULL));
	return 1;
}

static int repl_used(struct sip_msg *msg, char *a, char *b)
{
	lump(msg, "X-Used: self=%d send_any=%d send_two=%d report=%d none=%d null=%d",
		is_script_func_used("repl_used", 0), is_script_func_used("repl_send", -1),
		is_script_func_used("repl_send", 2), is_script_func_used("repl_report", 0),
		is_script_func_used("repl_never_called", -1), is_script_func_used(NULL, -1));
	return 1;
}

static int repl_via(struct sip_msg *msg, char *a, char *b)
{
	unsigned int rlen = 0, plen = 0;
	char *received = received_builder(msg, &rlen);
	char *rport = rport_builder(msg, &plen);

	lump(msg, "X-Via: %s %u %s %u null=%d", received ? received : "(null)", rlen,
		rport ? rport : "(null)", plen, received_builder(NULL, &rlen) == NULL);
	if (received)
		pkg_free(received);
	if (rport)
		pkg_free(rport);
	return 1;
}
