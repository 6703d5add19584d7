/* A module that calls the core's network and process services the way OpenSIPS modules
 * do, and reports what it saw as reply headers (reply lumps: the script's sl_send_reply
 * carries them), so a test can check every value:
 *   net_report()            X-Sockets, X-First, X-Bind, X-Grep, X-Globals, X-Process,
 *                           X-Procs, X-Event lines (see each function below)
 *   net_send(host, port)    msg_send of a small datagram to host:port from the listener
 *                           the request came in on; X-Send: 0 or -1
 *   net_resolve(name)       sip_resolvehost + every get_next_su alternative:
 *                           X-Resolved: ip:port/proto [ip:port/proto ...] or "error"
 *   net_record(name, type)  get_record: X-Record: <count> <first value>
 *   net_forward(name)       mk_proxy(name) + forward_request: X-Forward: 0 or -1
 *   net_raise(value)        evi_raise_event(E_NETPROBE, value, count): X-Raise: <ret>
 *   net_note(text)          stores text (event_route calls it); net_report shows it
 *   net_bl()                blacklists: X-Bl: <results>
 *   net_inject(callid)      receive_msg of a MESSAGE with that Call-ID: X-Inject: 0/-1
 *   net_bad()               every service with bad arguments: X-Bad: <failures> (0 =
 *                           each refused without a crash)
 * Non-SIP datagrams starting 0x00 0x01 are answered "NONSIP <len> fd=1" (udp callback).
 * A module process ("netprobe proc", 2 of them, PROC_FLAG_INITCHILD) records its rank
 * and process_no and then sleeps until cancelled. */
#define _GNU_SOURCE
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/syscall.h>
#include "../../sr_module.h"
#include "../../data_lump_rpl.h"
#include "../../mod_fix.h"
#include "../../socket_info.h"
#include "../../globals.h"
#include "../../pt.h"
#include "../../forward.h"
#include "../../proxy.h"
#include "../../resolve.h"
#include "../../blacklists.h"
#include "../../receive.h"
#include "../../msg_callbacks.h"
#include "../../tsend.h"
#include "../../evi/evi_modules.h"
#include "../../evi/evi_params.h"
#include "../../locking.h"

static event_id_t ev_id = EVI_ERROR;
static gen_lock_t *lock;
/* Shared by every process, so in shm from mod_init (each worker thread, like each OpenSIPS
 * process, has its own copy of the module's plain globals). */
#define RANKS_MAX 64
struct shared {
	int rank_of[RANKS_MAX];  /* child_init rank per process_no */
	int procs[2][3];         /* per proc rank: process_no, child_init seen, pid */
};
static struct shared *shared;
#define ranks (shared->rank_of)
#define ranks_no ((unsigned int)(counted_processes < RANKS_MAX ? counted_processes : RANKS_MAX))
#define proc_seen (shared->procs)
static char note[256];
static int destroyed_cb;

static void lump(struct sip_msg *msg, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static void lump(struct sip_msg *msg, const char *fmt, ...)
{
	char line[1024];
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

/* non-SIP datagrams starting 0x00 0x01 (a STUN binding request's first bytes): answered
 * "NONSIP <len> fd=<same as the listener's socket>" from the listener they came to */
static int nonsip_cb(int sockfd, struct receive_info *ri, str *msg, void *param)
{
	char out[128];
	int n = snprintf(out, sizeof(out), "NONSIP %d fd=%d", msg->len,
			ri->bind_address != NULL && ri->bind_address->socket == sockfd);
	msg_send(ri->bind_address, PROTO_UDP, &ri->src_su, 0, out, n);
	return 0;   /* consumed */
}

static int mod_init(void)
{
	str name = str_init("E_NETPROBE");
	struct socket_info *si;
	lock = lock_alloc();
	if (lock == NULL || lock_init(lock) == NULL)
		return -1;
	shared = shm_malloc(sizeof(*shared));
	if (shared == NULL)
		return -1;
	memset(shared->procs, 0, sizeof(shared->procs));
	for (unsigned int i = 0; i < RANKS_MAX; i++)
		shared->rank_of[i] = -100;
	ev_id = evi_publish_event(name);
	if (ev_id == EVI_ERROR)
		return -1;
	if (register_udprecv_cb(nonsip_cb, NULL, 0x00, 0x01) != 0)
		return -1;
	/* listeners are known at mod_init, as in OpenSIPS (ports as configured) */
	si = get_first_socket();
	LM_INFO("mod_init: first socket %.*s, children_no %d\n", si ? si->sock_str.len : 0,
			si ? si->sock_str.s : "", children_no);
	return 0;
}

static int child_init(int rank)
{
	lock_get(lock);
	if (process_no >= 0 && (unsigned int)process_no < ranks_no)
		ranks[process_no] = rank;
	lock_release(lock);
	return 0;
}

static void proc_main(int rank)
{
	if (rank >= 0 && rank < 2) {
		proc_seen[rank][0] = process_no;
		proc_seen[rank][1] = (unsigned int)process_no < ranks_no ? ranks[process_no] : -100;
		proc_seen[rank][2] = my_pid() == (int)syscall(SYS_gettid);
	}
	LM_INFO("module process rank %d runs as process_no %d\n", rank, process_no);
	for (;;)
		sleep(1);   /* a cancellation point: the core stops us at shutdown */
}

static void append_list(char *buf, size_t cap, struct socket_info *list)
{
	for (; list; list = list->next) {
		size_t n = strlen(buf);
		snprintf(buf + n, cap - n, "%s%.*s/%u", n ? " " : "", list->sock_str.len,
				list->sock_str.s, (unsigned)list->children);
	}
}

static int net_report(struct sip_msg *msg, char *a, char *b)
{
	char buf[512] = "";
	struct socket_info *first = get_first_socket(), *g, *f;
	str alias = str_init("alias.netprobe.test");
	str bad = str_init("192.0.2.77");

	append_list(buf, sizeof(buf), udp_listen);
	append_list(buf, sizeof(buf), tcp_listen);
	lump(msg, "X-Sockets: %s", buf);
	lump(msg, "X-First: %.*s", first ? first->sock_str.len : 4, first ? first->sock_str.s : "none");
	g = grep_sock_info(&msg->rcv.bind_address->address_str, msg->rcv.bind_address->port_no,
			(unsigned short)msg->rcv.proto);
	f = find_si(&msg->rcv.dst_ip, msg->rcv.dst_port, (unsigned short)msg->rcv.proto);
	lump(msg, "X-Bind: %.*s listener=%d find_si=%d", msg->rcv.bind_address->sock_str.len,
			msg->rcv.bind_address->sock_str.s, g == msg->rcv.bind_address, f == msg->rcv.bind_address);
	lump(msg, "X-Grep: self=%d alias=%d alias_port=%d other=%d", check_self(&first->address_str, first->port_no, 0),
			check_self(&alias, 0, 0), check_self(&alias, 5999, 0), check_self(&bad, 0, 0));
	lump(msg, "X-Globals: children_no=%d tcp_disable=%d port_no=%u bind=%d sendipv4=%d",
			children_no, tcp_disable, (unsigned)port_no, bind_address == first,
			sendipv4 == udp_listen);
	lump(msg, "X-Process: no=%d rank=%d counted=%u pid_ok=%d", process_no,
			(unsigned int)process_no < ranks_no ? ranks[process_no] : -100,
			counted_processes, my_pid() == (int)syscall(SYS_gettid));
	lump(msg, "X-Procs: %d/%d/%d %d/%d/%d", proc_seen[0][0], proc_seen[0][1], proc_seen[0][2],
			proc_seen[1][0], proc_seen[1][1], proc_seen[1][2]);
	lock_get(lock);
	lump(msg, "X-Event: probe=%d note=%s destroyed=%d", evi_probe_event(ev_id), note, destroyed_cb);
	lock_release(lock);
	return 1;
}

static int su_of(str *host, int port, union sockaddr_union *su)
{
	struct ip_addr *ip = str2ip(host);
	if (ip == NULL)
		ip = str2ip6(host);
	if (ip == NULL)
		return -1;
	return init_su(su, ip, (unsigned short)port);
}

static int net_send(struct sip_msg *msg, char *host_p, char *port_p)
{
	str host, port;
	unsigned int p;
	union sockaddr_union su;
	char data[128];
	int n, r;

	if (fixup_get_svalue(msg, (gparam_p)host_p, &host) != 0 ||
			fixup_get_svalue(msg, (gparam_p)port_p, &port) != 0 || str2int(&port, &p) < 0)
		return -1;
	if (su_of(&host, (int)p, &su) < 0)
		return -1;
	n = snprintf(data, sizeof(data), "NETPROBE from process_no %d", process_no);
	r = msg_send(msg->rcv.bind_address, PROTO_UDP, &su, 0, data, n);
	lump(msg, "X-Send: %d", r);
	return 1;
}

static int net_resolve(struct sip_msg *msg, char *name_p, char *b)
{
	str name;
	struct proxy_l *p;
	union sockaddr_union su;
	char buf[512];
	size_t n = 0;

	if (fixup_get_svalue(msg, (gparam_p)name_p, &name) != 0)
		return -1;
	p = mk_proxy(&name, 0, 0, 0);
	if (p == NULL) {
		lump(msg, "X-Resolved: error");
		return 1;
	}
	hostent2su(&su, &p->host, p->addr_idx, p->port);
	do {
		struct ip_addr ip;
		su2ip_addr(&ip, &su);
		n += (size_t)snprintf(buf + n, sizeof(buf) - n, "%s%s:%u/%s", n ? " " : "", ip_addr2a(&ip),
				(unsigned)su_getport(&su), get_proto_name((enum sip_protos)p->proto));
	} while (n < sizeof(buf) - 64 && get_next_su(p, &su, 0) == 0);
	lump(msg, "X-Resolved: %s", buf);
	free_proxy(p);
	pkg_free(p);
	return 1;
}

static int net_record(struct sip_msg *msg, char *name_p, char *type_p)
{
	str name, type;
	char z[MAX_DNS_NAME];
	struct rdata *head, *r;
	int t, count = 0;
	char first[800] = "-";

	if (fixup_get_svalue(msg, (gparam_p)name_p, &name) != 0 ||
			fixup_get_svalue(msg, (gparam_p)type_p, &type) != 0 || name.len >= MAX_DNS_NAME)
		return -1;
	t = type.len == 4 && !strncasecmp(type.s, "AAAA", 4) ? T_AAAA : type.len == 5 ? T_NAPTR :
		type.len == 3 && !strncasecmp(type.s, "SRV", 3) ? T_SRV : type.len == 3 ? T_TXT : T_A;
	memcpy(z, name.s, (size_t)name.len);
	z[name.len] = 0;
	head = get_record(z, t);
	for (r = head; r; r = r->next) {
		if (count++ > 0)
			continue;
		if (r->type == T_NAPTR)
			snprintf(first, sizeof(first), "%u %u %s %s %s", get_naptr(r)->order, get_naptr(r)->pref,
					get_naptr(r)->flags, get_naptr(r)->services, get_naptr(r)->repl);
		else if (r->type == T_SRV)
			snprintf(first, sizeof(first), "%u %u %u %s", get_srv(r)->priority, get_srv(r)->weight,
					get_srv(r)->port, get_srv(r)->name);
		else if (r->type == T_TXT)
			snprintf(first, sizeof(first), "%s", ((struct txt_rdata *)r->rdata)->txt);
		else if (r->type == T_AAAA)
			inet_ntop(AF_INET6, ((struct aaaa_rdata *)r->rdata)->ip6, first, sizeof(first));
		else if (r->type == T_A)
			inet_ntop(AF_INET, ((struct a_rdata *)r->rdata)->ip, first, sizeof(first));
	}
	free_rdata_list(head);
	lump(msg, "X-Record: %d %s", count, first);
	return 1;
}

static void pre_forward(struct sip_msg *msg, cb_type_t t, void *param, void *extra)
{
	struct proxy_l *p = extra;
	LM_INFO("pre-forward to port %u\n", p ? (unsigned)p->port : 0);
}

static void on_destroy(struct sip_msg *msg, cb_type_t t, void *param, void *extra)
{
	lock_get(lock);
	destroyed_cb++;
	lock_release(lock);
}

static int net_forward(struct sip_msg *msg, char *name_p, char *b)
{
	str name;
	struct proxy_l *p;
	int r;

	if (fixup_get_svalue(msg, (gparam_p)name_p, &name) != 0)
		return -1;
	msg_callback_add(msg, REQ_PRE_FORWARD, pre_forward, NULL);
	msg_callback_add(msg, MSG_DESTROY, on_destroy, NULL);
	p = mk_proxy(&name, 0, 0, 0);
	if (p == NULL) {
		lump(msg, "X-Forward: noproxy");
		return 1;
	}
	r = forward_request(msg, p);
	free_proxy(p);
	pkg_free(p);
	lump(msg, "X-Forward: %d", r);
	return 1;
}

static int net_raise(struct sip_msg *msg, char *value_p, char *b)
{
	str value, vname = str_init("value"), cname = str_init("count");
	evi_params_p params;
	int count = 42, r;

	if (fixup_get_svalue(msg, (gparam_p)value_p, &value) != 0)
		return -1;
	params = evi_get_params();
	if (params == NULL || evi_param_add_str(params, &vname, &value) < 0 ||
			evi_param_add_int(params, &cname, &count) < 0)
		return -1;
	params->flags |= EVI_FREE_LIST;   /* the core frees it after delivery */
	r = evi_raise_event(ev_id, params);
	lump(msg, "X-Raise: %d", r);
	return 1;
}

static int net_note(struct sip_msg *msg, char *text_p, char *b)
{
	str text;
	if (fixup_get_svalue(msg, (gparam_p)text_p, &text) != 0)
		return -1;
	lock_get(lock);
	snprintf(note, sizeof(note), "%.*s", text.len, text.s);
	lock_release(lock);
	return 1;
}

static int net_bl(struct sip_msg *msg, char *a, char *b)
{
	static struct bl_head *head;
	struct bl_rule *first = NULL, *last = NULL;
	struct net n;
	struct ip_addr ip;
	str name = str_init("netprobe"), body = str_init("INVITE*"), text = str_init("INVITE sip:x");
	str other = str_init("OPTIONS sip:x");
	int added, dup, hit, miss, nobody, unmarked;

	if (head == NULL) {
		memset(&n, 0, sizeof(n));
		n.ip.af = n.mask.af = AF_INET;
		n.ip.len = n.mask.len = 4;
		n.ip.u.addr[0] = 10;                       /* 10.0.0.0/8 */
		n.mask.u.addr[0] = 0xff;
		added = add_rule_to_list(&first, &last, &n, &body, 0, PROTO_UDP, 0);
		dup = add_rule_to_list(&first, &last, &n, &body, 0, PROTO_UDP, 0);
		head = create_bl_head(1, 0, NULL, NULL, &name);
		if (head == NULL || add_list_to_head(head, first, last, 0, 0) < 0)
			return -1;
		if (create_bl_head(1, 0, NULL, NULL, &name) != NULL)   /* a duplicate name */
			return -1;
	} else {
		added = 0;
		dup = 1;
	}
	memset(&ip, 0, sizeof(ip));
	ip.af = AF_INET;
	ip.len = 4;
	ip.u.addr[0] = 10; ip.u.addr[3] = 9;
	mark_for_search(head, 1);
	hit = check_against_blacklist(&ip, &text, 5060, PROTO_UDP);
	nobody = check_against_blacklist(&ip, &other, 5060, PROTO_UDP);
	ip.u.addr[0] = 11;
	miss = check_against_blacklist(&ip, &text, 5060, PROTO_UDP);
	mark_for_search(head, 0);
	ip.u.addr[0] = 10;
	unmarked = check_against_blacklist(&ip, &text, 5060, PROTO_UDP);
	reset_bl_markers();
	lump(msg, "X-Bl: added=%d dup=%d hit=%d other_text=%d other_ip=%d unmarked=%d named=%d",
			added, dup, hit, nobody, miss, unmarked, get_bl_head_by_name(&name) == head);
	return 1;
}

static int net_inject(struct sip_msg *msg, char *callid_p, char *b)
{
	str callid;
	char buf[512];
	int n, r;
	struct receive_info ri;

	if (fixup_get_svalue(msg, (gparam_p)callid_p, &callid) != 0)
		return -1;
	n = snprintf(buf, sizeof(buf),
			"MESSAGE sip:injected@netprobe.test SIP/2.0\r\n"
			"Via: SIP/2.0/UDP %s:%u;branch=z9hG4bKinject\r\n"
			"From: <sip:netprobe@netprobe.test>;tag=inj\r\n"
			"To: <sip:injected@netprobe.test>\r\n"
			"Call-ID: %.*s\r\n"
			"CSeq: 1 MESSAGE\r\n"
			"Max-Forwards: 70\r\n"
			"Content-Length: 0\r\n\r\n",
			ip_addr2a(&msg->rcv.src_ip), (unsigned)msg->rcv.src_port, callid.len, callid.s);
	ri = msg->rcv;
	r = receive_msg(buf, (unsigned int)n, &ri);
	lump(msg, "X-Inject: %d", r);
	return 1;
}

/* every service with arguments a careless module could pass: each must refuse */
static int net_bad(struct sip_msg *msg, char *a, char *b)
{
	union sockaddr_union none;
	str empty = { NULL, 0 }, longname;
	char huge[400];
	int failures = 0;
	unsigned short port = 0, proto = 0;
	struct proxy_l px;

	memset(&none, 0, sizeof(none));
	memset(huge, 'a', sizeof(huge));
	longname.s = huge;
	longname.len = sizeof(huge);
	memset(&px, 0, sizeof(px));
	failures += msg_send(NULL, PROTO_UDP, NULL, 0, "x", 1) != -1;
	failures += msg_send(NULL, PROTO_UDP, &none, 0, NULL, 0) != -1;
	failures += msg_send(NULL, 99, &none, 0, "x", 1) != -1;
	failures += udp_send(NULL, "x", 0, &none) != -1;
	failures += tcp_send(NULL, PROTO_TCP, "x", 1, NULL, 0) != -1;
	failures += grep_sock_info(NULL, 0, 0) != NULL;
	failures += grep_sock_info(&empty, 0, 0) != NULL;
	failures += find_si(NULL, 0, 0) != NULL;
	failures += check_self(NULL, 0, 0) != -1;
	failures += sip_resolvehost(NULL, &port, &proto, 0, NULL) != NULL;
	failures += sip_resolvehost(&longname, &port, &proto, 0, NULL) != NULL;
	failures += resolvehost(NULL, 0) != NULL;
	failures += get_record("", T_A) != NULL;
	failures += rev_resolvehost(NULL) != NULL;
	failures += mk_proxy(&empty, 0, 0, 0) != NULL;
	failures += forward_request(NULL, NULL) != -1;
	failures += forward_request(msg, &px) != -1;
	failures += get_next_su(NULL, NULL, 0) != -1;
	failures += evi_raise_event(-1, NULL) != -1;
	failures += evi_raise_event(9999, NULL) != -1;
	failures += evi_publish_event(empty) != EVI_ERROR;
	failures += evi_probe_event(12345) != -1;
	failures += evi_param_add(NULL, &empty, "x", EVI_STR_VAL) != -1;
	failures += evi_event_subscribe(empty, empty, 0, 0) != -1;
	failures += receive_msg(NULL, 0, NULL) != -1;
	failures += msg_callback_add(NULL, MSG_DESTROY, on_destroy, NULL) != -1;
	failures += add_rule_to_list(NULL, NULL, NULL, NULL, 0, 0, 0) != -1;
	failures += create_bl_head(1, BL_READONLY_LIST | BL_DO_EXPIRE, NULL, NULL, &empty) != NULL;
	failures += add_list_to_head(NULL, NULL, NULL, 0, 0) != -1;
	failures += tsend_stream(-1, "x", 1, 10) != -1;
	failures += tsend_dgram(-1, "x", 1, NULL, 0, 10) != -1;
	failures += internal_fork("netprobe") != -1;
	failures += udp_init(NULL) != -1;
	lump(msg, "X-Bad: %d", failures);
	return 1;
}

static cmd_export_t cmds[] = {
	{"net_report", (cmd_function)net_report, 0, 0, 0, REQUEST_ROUTE},
	{"net_send", (cmd_function)net_send, 2, fixup_spve_spve, 0, REQUEST_ROUTE},
	{"net_resolve", (cmd_function)net_resolve, 1, fixup_spve_null, 0, REQUEST_ROUTE},
	{"net_record", (cmd_function)net_record, 2, fixup_spve_spve, 0, REQUEST_ROUTE},
	{"net_forward", (cmd_function)net_forward, 1, fixup_spve_null, 0, REQUEST_ROUTE},
	{"net_raise", (cmd_function)net_raise, 1, fixup_spve_null, 0, REQUEST_ROUTE},
	{"net_note", (cmd_function)net_note, 1, fixup_spve_null, 0, ALL_ROUTES},
	{"net_bl", (cmd_function)net_bl, 0, 0, 0, REQUEST_ROUTE},
	{"net_inject", (cmd_function)net_inject, 1, fixup_spve_null, 0, REQUEST_ROUTE},
	{"net_bad", (cmd_function)net_bad, 0, 0, 0, REQUEST_ROUTE},
	{0, 0, 0, 0, 0, 0}
};

static proc_export_t procs[] = {
	{"netprobe proc", 0, 0, proc_main, 2, PROC_FLAG_INITCHILD},
	{0, 0, 0, 0, 0, 0}
};

/* module processes are stopped before destroy_f: nothing uses the shared block any more */
static void destroy(void)
{
	if (shared) {
		shm_free(shared);
		shared = NULL;
	}
	if (lock) {
		lock_destroy(lock);
		lock_dealloc(lock);
		lock = NULL;
	}
}

struct module_exports exports = {
	"netprobe", MODULE_VERSION, DEFAULT_DLFLAGS,
	cmds, 0, 0, 0, 0, procs, mod_init, 0, destroy, child_init
};
