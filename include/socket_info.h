/* sipbridge module SDK: the listening sockets (OpenSIPS 1.11 socket_info.h).
 *
 * The structure lives in ip_addr.h. The lists below are filled by the core from the
 * server's listen= lines before mod_init runs (port 0 becomes the bound port before any
 * child_init), and never change while the server runs: modules may keep pointers. The
 * Java transport owns the channels: send through msg_send()/udp_send()/tcp_send()
 * (forward.h). socket is the descriptor of a UDP listener on epoll (a module may sendto on
 * it, as stun does), -1 otherwise. */
#ifndef SB_SDK_SOCKET_INFO_H
#define SB_SDK_SOCKET_INFO_H

#include <stdlib.h>
#include <strings.h>
#include "ip_addr.h"
#include "dprint.h"
#include "globals.h"
#include "ut.h"
#include "mem/shm_mem.h"   /* as 1.11, where ut.h brings it (and errno.h) */

extern struct socket_info *udp_listen;
extern struct socket_info *tcp_listen;
extern struct socket_info *tls_listen;
extern struct socket_info *sctp_listen;

#define NUM_IP_OCTETS 4

/* The listener whose name, advertised name or address is host (IPv6 with or without
 * brackets) and whose port or advertised port is port (0: any port), on proto (0: every
 * protocol in turn). NULL when none. */
struct socket_info *grep_sock_info(str *host, unsigned short port, unsigned short proto);
/* The listener bound to (or advertising) ip, port (0: any) on proto (0: any). */
struct socket_info *find_si(struct ip_addr *ip, unsigned short port, unsigned short proto);

/* Sockets of one protocol as a pkg array of NUM_IP_OCTETS+1 ints per IPv4 listener
 * (octets, then port); the caller frees *ipList. Returns the count (IPv6 ones skipped). */
int get_socket_list_from_proto(unsigned int **ipList, int protocol);
/* Bytes queued on the listeners; sipbridge's transport does not expose them: 0. */
int get_total_bytes_waiting(int only_proto);
void print_all_socket_lists(void);
void print_aliases(void);

#define set_sip_defaults(_port, _proto) \
	do { \
		if ((_proto) == PROTO_NONE) (_proto) = PROTO_UDP; \
		if ((_port) == 0) (_port) = ((_proto) == PROTO_TLS) ? SIPS_PORT : SIP_PORT; \
	} while (0)

static inline char *get_proto_name(enum sip_protos proto)
{
	switch (proto) {
	case PROTO_NONE: return "*";
	case PROTO_UDP: return "udp";
	case PROTO_TCP: return "tcp";
	case PROTO_TLS: return "tls";
	case PROTO_SCTP: return "sctp";
	default: return "unknown";
	}
}

/* "udp"/"tcp"/"tls"/"sctp"/"ws" in *s (not NUL-terminated), -1 if unknown. */
static inline int proto2str_len(int proto, const char **s)
{
	switch (proto) {
	case PROTO_UDP: *s = "udp"; return 3;
	case PROTO_TCP: *s = "tcp"; return 3;
	case PROTO_TLS: *s = "tls"; return 3;
	case PROTO_SCTP: *s = "sctp"; return 4;
	case PROTO_WS: *s = "ws"; return 2;
	default: *s = ""; return -1;
	}
}

/* Writes the protocol's name at p; returns the end, or NULL for an unknown protocol. */
static inline char *proto2str(int proto, char *p)
{
	const char *s;
	int n = proto2str_len(proto, &s);
	if (n < 0 || proto == PROTO_WS) {
		LM_CRIT("unsupported proto %d\n", proto);
		return 0;
	}
	memcpy(p, s, (size_t)n);
	return p + n;
}

static inline struct socket_info **get_sock_info_list(unsigned short proto)
{
	switch (proto) {
	case PROTO_UDP: return &udp_listen;
	case PROTO_TCP: return &tcp_listen;
	case PROTO_TLS: return &tls_listen;
	case PROTO_SCTP: return &sctp_listen;
	default:
		LM_CRIT("invalid proto %d\n", proto);
		return 0;
	}
}

/* The protocol after proto among the enabled ones (UDP, TCP, TLS, SCTP), 0 after the last. */
static inline int next_proto(unsigned short proto)
{
	switch (proto) {
	case PROTO_NONE:
		return PROTO_UDP;
	case PROTO_UDP:
		if (!tcp_disable) return PROTO_TCP;
		/* fall through */
	case PROTO_TCP:
		if (!tls_disable) return PROTO_TLS;
		/* fall through */
	case PROTO_TLS:
		return sctp_disable ? 0 : PROTO_SCTP;
	case PROTO_SCTP:
		return 0;
	default:
		LM_ERR("unknown proto %d\n", proto);
		return 0;
	}
}

/* The first listener of any protocol (UDP first), NULL when there is none. */
static inline struct socket_info *get_first_socket(void)
{
	if (udp_listen) return udp_listen;
	if (tcp_listen) return tcp_listen;
	if (tls_listen) return tls_listen;
	return sctp_listen;
}

/* "udp"/"tcp"/"tls"/"sctp" in any case into *proto. 0, or -1 (and PROTO_NONE). */
static inline int parse_proto(unsigned char *s, long len, int *proto)
{
	*proto = PROTO_NONE;
	if (len == 3) {
		if (strncasecmp((char *)s, "udp", 3) == 0) { *proto = PROTO_UDP; return 0; }
		if (strncasecmp((char *)s, "tcp", 3) == 0) { *proto = PROTO_TCP; return 0; }
		if (strncasecmp((char *)s, "tls", 3) == 0) { *proto = PROTO_TLS; return 0; }
	} else if (len == 4 && strncasecmp((char *)s, "sctp", 4) == 0) {
		*proto = PROTO_SCTP;
		return 0;
	}
	return -1;
}

/* Splits [proto:]host[:port] (an IPv6 host in brackets). Missing parts are 0.
 * 0, or -1 (logged) when the text is not of that shape. */
static inline int parse_phostport(char *s, int slen, char **host, int *hlen,
		int *port, int *proto)
{
	char *colon[3] = { 0, 0, 0 };
	char *end = s + slen, *p;
	int n = 0, depth = 0;
	unsigned int v;
	str t;

	for (p = s; p < end; p++) {
		if (*p == '[') {
			if (++depth > 1) goto bad;
		} else if (*p == ']') {
			if (--depth < 0) goto bad;
		} else if (*p == ':' && depth == 0) {
			if (n == 2) goto bad;
			colon[n++] = p;
		}
	}
	if (slen <= 0 || depth != 0 || end[-1] == ':') goto bad;
	*port = 0;
	*proto = PROTO_NONE;
	if (n == 0) {
		*host = s;
		*hlen = slen;
		return 0;
	}
	if (n == 2) {
		if (parse_proto((unsigned char *)s, colon[0] - s, proto) < 0) goto bad;
		t.s = colon[1] + 1;
		t.len = (int)(end - t.s);
		if (str2int(&t, &v) < 0) goto bad;
		*port = (int)v;
		*host = colon[0] + 1;
		*hlen = (int)(colon[1] - *host);
		return 0;
	}
	t.s = colon[0] + 1;
	t.len = (int)(end - t.s);
	if (str2int(&t, &v) == 0) {   /* host:port */
		*port = (int)v;
		*host = s;
		*hlen = (int)(colon[0] - s);
		return 0;
	}
	if (parse_proto((unsigned char *)s, colon[0] - s, proto) < 0) goto bad;   /* proto:host */
	*host = colon[0] + 1;
	*hlen = (int)(end - *host);
	return 0;
bad:
	LM_ERR("bad [proto:]host[:port] <%.*s>\n", slen > 0 ? slen : 0, s ? s : "");
	return -1;
}

#define MAX_SOCKET_STR (4 + 1 + IP_ADDR_MAX_STR_SIZE + 1 + INT2STR_MAX_LEN + 1)
#define sock_str_len(_sock) (3 + ((_sock)->proto == PROTO_SCTP) + 1 + \
		(_sock)->address_str.len + 1 + (_sock)->port_no_str.len)

/* "proto:address:port" (adv: the advertised name and port) into s (*len its room) or,
 * when s is NULL, a per-thread buffer. *len gets the length; NULL on error. */
static inline char *socket2str(struct socket_info *sock, char *s, int *len, int adv)
{
	static __thread char buf[MAX_SOCKET_STR];
	str h = adv ? sock->adv_name_str : sock->address_str;
	str pt = adv ? sock->adv_port_str : sock->port_no_str;
	int need = 3 + (sock->proto == PROTO_SCTP) + 1 + h.len + 1 + pt.len;
	char *out = s ? s : buf, *p;

	if (need > (s ? *len : (int)sizeof(buf))) {
		LM_ERR("buffer too short\n");
		return 0;
	}
	p = proto2str(sock->proto, out);
	if (p == 0)
		return 0;
	*p++ = ':';
	memcpy(p, h.s, (size_t)h.len);
	p += h.len;
	*p++ = ':';
	memcpy(p, pt.s, (size_t)pt.len);
	p += pt.len;
	*len = (int)(p - out);
	return out;
}

int probe_max_sock_buff(int sock, int buff_choice, int buff_max, int buff_increment);

#endif
