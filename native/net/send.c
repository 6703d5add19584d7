/* Sending (forward.h, udp_server.h, tcp_server.h) through the Java transport.
 *
 * One upcall per message: the bytes, the listener to send from and the destination go to
 * NetBridge, which hands them to the transport during the call (UDP: one sendto from the
 * listener's socket by the calling thread; TCP: a copy queued on the connection). The
 * caller may free buf as soon as the call returns. */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "sb_net.h"

#pragma GCC visibility push(default)
#include "../../include/forward.h"
#include "../../include/socket_info.h"
#include "../../include/msg_translator.h"
#include "../../include/msg_callbacks.h"
#include "../../include/resolve.h"
#include "../../include/parser/parse_via.h"
#include "../../include/parser/parse_from.h"
#include "../../include/parser/parse_cseq.h"
#include "../../include/blacklists.h"
#include "../../include/md5.h"
#include "../../include/config.h"
#pragma GCC visibility pop

/* 0 handed to the transport, -1 not (Java logs why, rate-limited). */
typedef int (*sb_send_f)(int proto, int local_af, const unsigned char *local_ip, int local_port,
		int dst_af, const unsigned char *dst_ip, int dst_port, int conn_id,
		const char *buf, int len);

static sb_send_f send_cb;
static fwd_cb_t *fwd_cb;

int tcp_no_new_conn_bflag;
int tcp_no_new_conn;

SB_JAVA_API void sb_net_set_send_callback(sb_send_f f) { send_cb = f; }

static int su_ok(const union sockaddr_union *to)
{
	return to && (to->s.sa_family == AF_INET || to->s.sa_family == AF_INET6);
}

/* the transport's send, from si (may be NULL: the transport picks) */
static int hand_over(struct socket_info *si, int proto, union sockaddr_union *to, int id,
		const char *buf, unsigned len)
{
	int r;
	int af = to->s.sa_family == AF_INET6 ? 6 : 4;
	const unsigned char *ip = af == 6 ? (const unsigned char *)&to->sin6.sin6_addr :
		(const unsigned char *)&to->sin.sin_addr;
	static const unsigned char none[16];

	if (send_cb == NULL) {
		LM_ERR("no transport to send with (the server is not running)\n");
		return -1;
	}
	{
		SB_UPCALL_BEGIN;
		r = send_cb(proto, si ? (si->address.af == AF_INET6 ? 6 : 4) : 0,
				si ? si->address.u.addr : none, si ? si->port_no : 0,
				af, ip, su_getport(to), id, buf, (int)len);
		SB_UPCALL_END;
	}
	return r;
}

static int check_args(const char *what, char *buf, unsigned len, union sockaddr_union *to)
{
	if (buf == NULL || len == 0 || len > 65535) {
		LM_ERR("%s: no data or too much (%u bytes)\n", what, len);
		return -1;
	}
	if (!su_ok(to)) {
		LM_ERR("%s: no or bad destination address\n", what);
		return -1;
	}
	return 0;
}

int udp_send(struct socket_info *source, char *buf, unsigned len, union sockaddr_union *to)
{
	if (check_args("udp_send", buf, len, to) < 0)
		return -1;
	if (source && source->proto != PROTO_UDP) {
		LM_ERR("udp_send: the source socket is not UDP (%d)\n", source->proto);
		return -1;
	}
	return hand_over(source, PROTO_UDP, to, 0, buf, len) < 0 ? -1 : 0;
}

int tcp_send(struct socket_info *send_sock, int type, char *buf, unsigned len,
		union sockaddr_union *to, int id)
{
	if (type != PROTO_TCP) {
		LM_ERR("tcp_send: protocol %d is not served (only TCP)\n", type);
		return -1;
	}
	if (tcp_disable) {
		LM_ERR("tcp_send: no TCP listener configured\n");
		return -1;
	}
	if (buf == NULL || len == 0) {
		LM_ERR("tcp_send: no data\n");
		return -1;
	}
	if (id <= 0 && !su_ok(to)) {
		LM_ERR("tcp_send: neither a connection nor a destination\n");
		return -1;
	}
	if (!su_ok(to)) {
		/* only the connection is known: the transport looks it up by id */
		union sockaddr_union none;
		memset(&none, 0, sizeof(none));
		none.s.sa_family = AF_INET;
		return hand_over(send_sock, PROTO_TCP, &none, id, buf, len) < 0 ? -1 : 0;
	}
	return hand_over(send_sock, PROTO_TCP, to, id, buf, len) < 0 ? -1 : 0;
}

int msg_send(struct socket_info *send_sock, int proto, union sockaddr_union *to, int id,
		char *buf, int len)
{
	if (buf == NULL || len <= 0) {
		LM_ERR("nothing to send\n");
		return -1;
	}
	if (send_sock == NULL && su_ok(to))
		send_sock = get_send_socket(NULL, to, proto);
	if (send_sock == NULL && !(proto == PROTO_TCP && id > 0)) {
		LM_ERR("no sending socket found for proto %d\n", proto);
		return -1;
	}
	switch (proto) {
	case PROTO_UDP:
		if (udp_send(send_sock, buf, (unsigned)len, to) < 0) {
			LM_ERR("udp_send failed\n");
			return -1;
		}
		return 0;
	case PROTO_TCP:
		if (tcp_send(send_sock, proto, buf, (unsigned)len, to, id) < 0) {
			LM_ERR("tcp_send failed\n");
			return -1;
		}
		return 0;
	case PROTO_TLS:
	case PROTO_SCTP:
		LM_WARN("attempt to send on %s, which sipbridge does not serve\n",
				get_proto_name((enum sip_protos)proto));
		return -1;
	default:
		LM_CRIT("unknown proto %d\n", proto);
		return -1;
	}
}

static struct socket_info *first_of_family(int proto, int af)
{
	struct socket_info **list, *si;
	if (proto < PROTO_UDP || proto > PROTO_SCTP)
		return NULL;
	list = get_sock_info_list((unsigned short)proto);
	for (si = *list; si; si = si->next)
		if ((int)si->address.af == af)
			return si;
	return NULL;
}

struct socket_info *get_out_socket(union sockaddr_union *to, int proto)
{
	union sockaddr_union local;
	socklen_t len = sizeof(local);
	struct ip_addr ip;
	struct socket_info *si;
	int fd;

	if (!su_ok(to))
		return NULL;
	/* the interface the kernel would route to `to` through */
	fd = socket(to->s.sa_family, SOCK_DGRAM, 0);
	if (fd >= 0) {
		if (connect(fd, &to->s, sockaddru_len(*to)) == 0 &&
				getsockname(fd, &local.s, &len) == 0) {
			su2ip_addr(&ip, &local);
			close(fd);
			if ((si = find_si(&ip, 0, (unsigned short)proto)) != NULL)
				return si;
		} else {
			close(fd);
		}
	}
	return first_of_family(proto, to->s.sa_family);
}

struct socket_info *get_send_socket(struct sip_msg *msg, union sockaddr_union *su, int proto)
{
	struct socket_info *si;

	if (proto == PROTO_NONE)
		proto = PROTO_UDP;
	if (!su_ok(su)) {
		LM_ERR("no or bad destination address\n");
		return NULL;
	}
	if (msg && msg->force_send_socket) {
		si = msg->force_send_socket;
		if (si->proto == proto)
			return si;
		/* the same address on the protocol asked for */
		if ((si = find_si(&msg->force_send_socket->address, 0, (unsigned short)proto)) != NULL)
			return si;
		LM_WARN("forced socket %.*s has no %s sibling; choosing another\n",
				msg->force_send_socket->sock_str.len, msg->force_send_socket->sock_str.s,
				get_proto_name((enum sip_protos)proto));
	}
	if (mhomed)
		return get_out_socket(su, proto);
	if (msg && msg->rcv.bind_address && msg->rcv.bind_address->proto == proto &&
			(int)msg->rcv.bind_address->address.af == su->s.sa_family &&
			sb_net_find_listener(&msg->rcv.bind_address->address,
				msg->rcv.bind_address->port_no, proto))
		return msg->rcv.bind_address;
	switch (proto) {
	case PROTO_UDP:
		si = su->s.sa_family == AF_INET6 ? sendipv6 : sendipv4;
		break;
	case PROTO_TCP:
		si = su->s.sa_family == AF_INET6 ? sendipv6_tcp : sendipv4_tcp;
		break;
	default:
		si = NULL;
	}
	if (si == NULL)
		si = first_of_family(proto, su->s.sa_family);
	if (si == NULL)
		LM_ERR("no %s listener for IPv%d destinations\n", get_proto_name((enum sip_protos)proto),
				su->s.sa_family == AF_INET6 ? 6 : 4);
	return si;
}

int register_fwdcb(fwd_cb_t f)
{
	if (f == NULL)
		return -1;
	if (fwd_cb) {
		LM_CRIT("a forward callback is registered already\n");
		return -1;
	}
	fwd_cb = f;
	return 0;
}

/* The stateless branch of a forwarded request (RFC 3261 16.11), for a request no module
 * gave one (tm sets add_to_branch_s): a hash of the client's branch when it carries the
 * magic cookie (retransmissions, the CANCEL and a non-2xx ACK get the same one), else of
 * the top Via, From tag, Call-ID, CSeq number and Request-URI. */
static int set_sl_branch(struct sip_msg *msg)
{
	static const char hex[] = "0123456789abcdef";
	unsigned char d[16];
	MD5_CTX c;
	struct via_body *v;
	int n;

	if (parse_headers(msg, HDR_VIA1_F | HDR_FROM_F | HDR_CALLID_F | HDR_CSEQ_F, 0) < 0 ||
			(v = msg->via1) == NULL) {
		LM_ERR("no Via to compute a branch from\n");
		return -1;
	}
	MD5Init(&c);
	if (v->branch && v->branch->value.len > MCOOKIE_LEN &&
			memcmp(v->branch->value.s, MCOOKIE, MCOOKIE_LEN) == 0) {
		MD5Update(&c, (unsigned char *)v->branch->value.s, (unsigned)v->branch->value.len);
	} else {
		MD5Update(&c, (unsigned char *)v->host.s, (unsigned)v->host.len);
		MD5Update(&c, (unsigned char *)v->port_str.s, (unsigned)v->port_str.len);
		if (v->branch)
			MD5Update(&c, (unsigned char *)v->branch->value.s, (unsigned)v->branch->value.len);
		if (msg->from && parse_from_header(msg) == 0 && get_from(msg)->tag_value.len)
			MD5Update(&c, (unsigned char *)get_from(msg)->tag_value.s,
					(unsigned)get_from(msg)->tag_value.len);
		if (msg->callid)
			MD5Update(&c, (unsigned char *)msg->callid->body.s, (unsigned)msg->callid->body.len);
		if (msg->cseq && msg->cseq->parsed)
			MD5Update(&c, (unsigned char *)get_cseq(msg)->number.s,
					(unsigned)get_cseq(msg)->number.len);
		MD5Update(&c, (unsigned char *)msg->first_line.u.request.uri.s,
				(unsigned)msg->first_line.u.request.uri.len);
	}
	MD5Final(d, &c);
	memcpy(msg->add_to_branch_s, MCOOKIE "sl", MCOOKIE_LEN + 2);
	n = MCOOKIE_LEN + 2;
	for (int i = 0; i < 8 && n + 2 <= MAX_BRANCH_PARAM_LEN; i++) {
		msg->add_to_branch_s[n++] = hex[d[i] >> 4];
		msg->add_to_branch_s[n++] = hex[d[i] & 15];
	}
	msg->add_to_branch_len = n;
	return 0;
}

int forward_request(struct sip_msg *msg, struct proxy_l *p)
{
	union sockaddr_union to;
	struct socket_info *si, *last = NULL;
	unsigned int len = 0;
	char *buf = NULL;
	int proto, sent = 0, blocked = 0;

	if (msg == NULL || p == NULL || p->host.h_addr_list == NULL || p->host.h_addr_list[0] == NULL) {
		LM_ERR("no message or no resolved destination\n");
		return -1;
	}
	if (msg->first_line.type != SIP_REQUEST) {
		LM_ERR("not a request\n");
		return -1;
	}
	if (msg->add_to_branch_len == 0 && set_sl_branch(msg) != 0) {
		LM_ERR("unable to compute a stateless Via branch\n");
		return -1;
	}
	msg_callback_process(msg, REQ_PRE_FORWARD, p);
	if (hostent2su(&to, &p->host, p->addr_idx, p->port ? p->port : SIP_PORT) < 0)
		return -1;
	do {
		proto = p->proto ? p->proto : PROTO_UDP;
		blocked = 0;
		si = get_send_socket(msg, &to, proto);
		if (si == NULL)
			continue;
		if (si != last) {
			if (buf)
				pkg_free(buf);
			buf = build_req_buf_from_sip_req(msg, &len, si, proto, 0);
			if (buf == NULL) {
				LM_ERR("cannot build the request to forward\n");
				return -1;
			}
			last = si;
		}
		if (check_blacklists((unsigned short)proto, &to, buf, (int)len)) {
			LM_DBG("destination blocked by a blacklist\n");
			blocked = 1;
			continue;
		}
		if (msg_send(si, proto, &to, 0, buf, (int)len) < 0)
			continue;
		if (fwd_cb) {
			str b = { buf, (int)len };
			fwd_cb(msg, &b, si, proto, &to);
		}
		sent = 1;
		break;
	} while (get_next_su(p, &to, blocked ? 0 : 1) == 0);
	if (buf)
		pkg_free(buf);
	if (!sent)
		LM_ERR("sending the request failed at every address of %.*s\n", p->name.len,
				p->name.s ? p->name.s : "");
	return sent ? 0 : -1;
}

int update_sock_struct_from_via(union sockaddr_union *to, struct sip_msg *msg,
		struct via_body *via)
{
	struct hostent *he;
	str name;
	unsigned int port = 0;
	char host[MAX_DNS_NAME];

	if (to == NULL || via == NULL) {
		LM_ERR("no Via\n");
		return -1;
	}
	name = (via->received && via->received->value.len) ? via->received->value : via->host;
	if (name.s == NULL || name.len <= 0 || name.len >= MAX_DNS_NAME) {
		LM_ERR("Via without a usable host\n");
		return -1;
	}
	if (via->rport && via->rport->value.len) {
		if (str2int(&via->rport->value, &port) < 0 || port > 65535) {
			LM_ERR("bad rport <%.*s>\n", via->rport->value.len, via->rport->value.s);
			return -1;
		}
	}
	if (port == 0)
		port = via->port ? via->port : (via->proto == PROTO_TLS ? SIPS_PORT : SIP_PORT);
	if (name.len > 2 && name.s[0] == '[' && name.s[name.len - 1] == ']') {
		name.s++;
		name.len -= 2;
	}
	memcpy(host, name.s, (size_t)name.len);
	host[name.len] = 0;
	he = resolvehost(host, 0);
	if (he == NULL) {
		LM_ERR("cannot resolve Via host %s\n", host);
		return -1;
	}
	return hostent2su(to, he, 0, (unsigned short)port);
}

int forward_reply(struct sip_msg *msg)
{
	union sockaddr_union to;
	unsigned int len;
	unsigned int id = 0;
	char *buf;
	int r;

	if (msg == NULL || msg->first_line.type != SIP_REPLY) {
		LM_ERR("not a reply\n");
		return -1;
	}
	if (parse_headers(msg, HDR_VIA2_F, 0) < 0 || msg->via1 == NULL || msg->via2 == NULL) {
		LM_ERR("the reply has no second Via to go to\n");
		return -1;
	}
	if (check_self(&msg->via1->host, msg->via1->port ? msg->via1->port : SIP_PORT,
				msg->via1->proto) != 1) {
		LM_ERR("the first Via (%.*s) is not ours: dropped\n", msg->via1->host.len,
				msg->via1->host.s);
		return -1;
	}
	if (update_sock_struct_from_via(&to, msg, msg->via2) < 0)
		return -1;
	buf = build_res_buf_from_sip_res(msg, &len, NULL);
	if (buf == NULL) {
		LM_ERR("cannot build the reply\n");
		return -1;
	}
	if (msg->via2->i && msg->via2->i->value.len)
		id = (unsigned int)reverse_hex2int(msg->via2->i->value.s, msg->via2->i->value.len);
	r = msg_send(NULL, msg->via2->proto ? msg->via2->proto : PROTO_UDP, &to, (int)id, buf, (int)len);
	pkg_free(buf);
	return r;
}

int udp_init(struct socket_info *si)
{
	LM_ERR("sockets are bound by the sipbridge transport (listen=), not by modules\n");
	return -1;
}

int udp_rcv_loop(void)
{
	LM_ERR("the sipbridge transport receives; no module receive loop\n");
	return -1;
}

struct tcp_connection *tcpconn_get(int id, struct ip_addr *ip, int port, int proto, int timeout)
{
	return NULL;   /* connections are Java objects; send with tcp_send(..., id) */
}

void tcpconn_put(struct tcp_connection *c) { (void)c; }

int tcpconn_add_alias(int id, int port, int proto) { return 0; }

void force_tcp_conn_lifetime(struct receive_info *rcv, unsigned int timeout)
{
	(void)rcv; (void)timeout;   /* tcp_idle_timeout= applies to every connection */
}

struct mi_root *mi_list_tcp_conns(struct mi_root *cmd, void *param) { return NULL; }

/* ---- non-SIP datagrams (udp_server.h): STUN and the like share the SIP ports */

struct udp_cb {
	callback_f *func;
	void *param;
	char a, b;
	int module;
	struct udp_cb *next;
};
static struct udp_cb *udp_cbs;

int register_udprecv_cb(callback_f func, void *param, char a, char b)
{
	struct udp_cb *c;
	if (func == NULL) {
		LM_ERR("no callback\n");
		return -1;
	}
	c = calloc(1, sizeof(*c));
	if (c == NULL) {
		LM_ERR("no memory\n");
		return -1;
	}
	c->func = func;
	c->param = param;
	c->a = a;
	c->b = b;
	c->module = sb_current_module;
	c->next = udp_cbs;
	__atomic_store_n(&udp_cbs, c, __ATOMIC_RELEASE);
	return 0;
}

/* A module is being unloaded: its callbacks are unlinked (the records stay: a receiving
 * thread may be walking them; the server stopped receiving before modules unload). */
void sb_net_udp_forget_module(int module)
{
	struct udp_cb **at = &udp_cbs;
	while (*at) {
		if ((*at)->module == module)
			__atomic_store_n(at, (*at)->next, __ATOMIC_RELEASE);
		else
			at = &(*at)->next;
	}
}

/* Forgets the callbacks of the previous server's modules. */
SB_JAVA_API void sb_net_udp_callbacks_reset(void)
{
	udp_cbs = NULL;   /* the old records stay: a receiving thread may still walk them */
}

SB_JAVA_API int sb_net_udp_callbacks_count(void)
{
	int n = 0;
	for (struct udp_cb *c = __atomic_load_n(&udp_cbs, __ATOMIC_ACQUIRE); c; c = c->next)
		n++;
	return n;
}

/* A datagram that does not start with a letter, from the receiving thread: the callbacks
 * whose second byte matches run (under their module's lock), as 1.11's UDP loop does; 1
 * when one consumed it (returned 0), 0 when it is to be handled as SIP. buf[len] may be
 * overwritten with a NUL: the caller passes a buffer with room for it. */
SB_JAVA_API int sb_net_udp_dispatch(char *buf, int len, int fd, int src_af, const unsigned char *src_ip,
		int src_port, int dst_af, const unsigned char *dst_ip, int dst_port)
{
	struct receive_info ri;
	str msg;

	if (buf == NULL || len < 2 || isalpha((unsigned char)buf[0]))
		return 0;
	memset(&ri, 0, sizeof(ri));
	ri.src_ip.af = src_af == 6 ? AF_INET6 : AF_INET;
	ri.src_ip.len = src_af == 6 ? 16 : 4;
	memcpy(ri.src_ip.u.addr, src_ip, ri.src_ip.len);
	ri.dst_ip.af = dst_af == 6 ? AF_INET6 : AF_INET;
	ri.dst_ip.len = dst_af == 6 ? 16 : 4;
	memcpy(ri.dst_ip.u.addr, dst_ip, ri.dst_ip.len);
	ri.src_port = (unsigned short)src_port;
	ri.dst_port = (unsigned short)dst_port;
	ri.proto = PROTO_UDP;
	init_su(&ri.src_su, &ri.src_ip, ri.src_port);
	ri.bind_address = sb_net_find_listener(&ri.dst_ip, ri.dst_port, PROTO_UDP);
	msg.s = buf;
	msg.len = len;
	for (struct udp_cb *c = __atomic_load_n(&udp_cbs, __ATOMIC_ACQUIRE); c; c = c->next) {
		struct sb_module *m;
		struct sb_entry e;
		int r;
		if (c->b != buf[1])
			continue;
		m = sb_module_at(c->module);
		if (m)
			e = sb_enter(m);
		r = c->func(fd, &ri, &msg, c->param);
		if (m)
			sb_leave(e);
		if (r == 0)
			return 1;
	}
	return 0;
}
