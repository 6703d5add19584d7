/* The listening sockets modules see (socket_info.h) and the globals that describe the
 * server's configuration (globals.h), filled by the Java server (NetBridge) from its
 * configuration before mod_init, then told the bound ports before any child_init.
 *
 * Lifetime: a server start builds a new generation of lists; the previous one is never
 * freed, since a module of another server in the same JVM (tests) may still point at it.
 * That leaks a few hundred bytes per server start, never per message. After the workers
 * start the lists are read-only, so workers read them without a lock. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "../sb_core.h"
#include "sb_net.h"

#pragma GCC visibility push(default)
#include "../../include/socket_info.h"
#include "../../include/forward.h"
#include "../../include/name_alias.h"
#pragma GCC visibility pop

struct socket_info *udp_listen;
struct socket_info *tcp_listen;
struct socket_info *tls_listen;
struct socket_info *sctp_listen;

static char *dup_text(const char *s, int len)
{
	char *d = malloc((size_t)len + 1);
	if (d == NULL)
		return NULL;
	memcpy(d, s, (size_t)len);
	d[len] = 0;
	return d;
}

/* port_no_str and sock_str of si for its current port */
static int set_port_texts(struct socket_info *si)
{
	char pbuf[8], sbuf[MAX_SOCKET_STR];
	int n = MAX_SOCKET_STR, plen;
	char *s;

	plen = snprintf(pbuf, sizeof(pbuf), "%u", (unsigned)si->port_no);
	free(si->port_no_str.s);
	si->port_no_str.s = dup_text(pbuf, plen);
	si->port_no_str.len = si->port_no_str.s ? plen : 0;
	s = socket2str(si, sbuf, &n, 0);
	free(si->sock_str.s);
	si->sock_str.s = s ? dup_text(s, n) : NULL;
	si->sock_str.len = si->sock_str.s ? n : 0;
	return si->port_no_str.s && si->sock_str.s ? 0 : -1;
}

static int is_numeric_host(const char *name)
{
	unsigned char tmp[16];
	return inet_pton(AF_INET, name, tmp) == 1 || inet_pton(AF_INET6, name, tmp) == 1;
}

SB_JAVA_API void sb_net_reset(void)
{
	/* the old generation stays allocated (see the file comment) */
	udp_listen = tcp_listen = tls_listen = sctp_listen = NULL;
	sb_alias_reset();
	bind_address = sendipv4 = sendipv6 = sendipv4_tcp = sendipv6_tcp = NULL;
}

SB_JAVA_API int sb_net_add_listener(int proto, const char *name, const char *addr, int port,
		int children)
{
	struct socket_info *si, **list, *last;
	unsigned char ip[16];
	int af;

	list = (proto >= PROTO_UDP && proto <= PROTO_SCTP) ? get_sock_info_list((unsigned short)proto) : NULL;
	if (list == NULL || name == NULL || addr == NULL || port < 0 || port > 65535) {
		LM_ERR("bad listener %s:%s:%d (proto %d)\n", name ? name : "?", addr ? addr : "?",
				port, proto);
		return -1;
	}
	if (inet_pton(AF_INET, addr, ip) == 1)
		af = AF_INET;
	else if (inet_pton(AF_INET6, addr, ip) == 1)
		af = AF_INET6;
	else {
		LM_ERR("listener address <%s> is not numeric\n", addr);
		return -1;
	}
	si = calloc(1, sizeof(*si));
	if (si == NULL)
		return -1;
	si->socket = -1;
	si->name.s = dup_text(name, (int)strlen(name));
	si->name.len = (int)strlen(name);
	si->address.af = (unsigned)af;
	si->address.len = af == AF_INET ? 4 : 16;
	memcpy(si->address.u.addr, ip, si->address.len);
	si->address_str.s = dup_text(addr, (int)strlen(addr));
	si->address_str.len = (int)strlen(addr);
	si->port_no = (unsigned short)port;
	si->proto = proto;
	si->children = (unsigned short)(children > 0 ? children : 0);
	si->flags = is_numeric_host(name) ? SI_IS_IP : SI_NONE;
	if ((af == AF_INET && ip[0] == 127) ||
			(af == AF_INET6 && memcmp(ip, "\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\1", 16) == 0))
		si->flags |= SI_IS_LO;
	if ((af == AF_INET && (ip[0] & 0xf0) == 0xe0) || (af == AF_INET6 && ip[0] == 0xff))
		si->flags |= SI_IS_MCAST;
	init_su(&si->su, &si->address, si->port_no);
	if (si->name.s == NULL || si->address_str.s == NULL || set_port_texts(si) < 0) {
		LM_ERR("no memory for listener %s\n", name);
		return -1;   /* the partial entry is dropped (not linked) */
	}
	if (*list == NULL) {
		*list = si;
	} else {
		for (last = *list; last->next; last = last->next)
			;
		last->next = si;
		si->prev = last;
	}
	return 0;
}

/* idx-th listener of proto (configuration order) */
static struct socket_info *nth(int proto, int idx)
{
	struct socket_info **list, *si;
	if (proto < PROTO_UDP || proto > PROTO_SCTP)
		return NULL;
	list = get_sock_info_list((unsigned short)proto);
	for (si = *list; si && idx > 0; si = si->next, idx--)
		;
	return si;
}

SB_JAVA_API int sb_net_listener_bound(int proto, int idx, int port, int fd)
{
	struct socket_info *si = nth(proto, idx);
	if (si == NULL || port <= 0 || port > 65535)
		return -1;
	/* the transport's descriptor, when it has one (epoll UDP): modules that answer
	 * non-SIP datagrams (stun) sendto on it; -1 otherwise */
	si->socket = fd;
	if (si->port_no == port)
		return 0;
	si->port_no = (unsigned short)port;
	su_setport(&si->su, (unsigned short)port);
	return set_port_texts(si);
}

SB_JAVA_API long sb_net_listener(int proto, int idx)
{
	return (long)nth(proto, idx);
}

SB_JAVA_API int sb_net_add_alias(const char *host, int port, int proto)
{
	if (host == NULL || *host == 0)
		return -1;
	/* an alias= line: 1.11's parser adds it the same way */
	return add_alias((char *)host, (int)strlen(host), (unsigned short)port,
			(unsigned short)proto) < 0 ? -1 : 0;
}

static struct socket_info *first_of(struct socket_info *list, int af)
{
	for (; list; list = list->next)
		if ((int)list->address.af == af)
			return list;
	return NULL;
}

SB_JAVA_API void sb_net_set_globals(int children, int tcp_children, int tcp_lifetime,
		const char *cfg, int check_only)
{
	static char *cfg_copy;
	struct socket_info *first = get_first_socket();

	children_no = children;
	tcp_children_no = tcp_children;
	tcp_disable = tcp_listen == NULL;
	tls_disable = 1;
	sctp_disable = 1;
	if (tcp_lifetime > 0)
		tcp_con_lifetime = tcp_lifetime;
	bind_address = first;
	port_no = first ? first->port_no : 0;
	sendipv4 = first_of(udp_listen, AF_INET);
	sendipv6 = first_of(udp_listen, AF_INET6);
	sendipv4_tcp = first_of(tcp_listen, AF_INET);
	sendipv6_tcp = first_of(tcp_listen, AF_INET6);
	config_check = check_only;
	if (cfg) {
		char *c = strdup(cfg);   /* the previous copy leaks with its generation */
		if (c) {
			cfg_copy = c;
			cfg_file = cfg_copy;
		}
	}
}

/* after the ports are known (port 0 listeners) */
SB_JAVA_API void sb_net_refresh_globals(void)
{
	struct socket_info *first = get_first_socket();
	port_no = first ? first->port_no : 0;
}

struct socket_info *sb_net_find_listener(const struct ip_addr *ip, unsigned short port, int proto)
{
	struct socket_info **list, *si;
	if (proto < PROTO_UDP || proto > PROTO_SCTP)
		return NULL;
	list = get_sock_info_list((unsigned short)proto);
	for (si = *list; si; si = si->next)
		if (si->port_no == port && ip_addr_cmp(ip, &si->address))
			return si;
	return NULL;
}

/* host equal to text, case-insensitive; IPv6 brackets ignored on both sides */
static int same_host(const char *h, int hlen, const char *s, int slen)
{
	if (hlen > 2 && h[0] == '[' && h[hlen - 1] == ']') { h++; hlen -= 2; }
	if (slen > 2 && s[0] == '[' && s[slen - 1] == ']') { s++; slen -= 2; }
	return hlen == slen && strncasecmp(h, s, (size_t)hlen) == 0;
}

/* parses host as an address; 1 when it is one (ip filled) */
static int host_ip(const char *h, int hlen, struct ip_addr *ip)
{
	char tmp[64];
	if (hlen > 2 && h[0] == '[' && h[hlen - 1] == ']') { h++; hlen -= 2; }
	if (hlen <= 0 || hlen >= (int)sizeof(tmp))
		return 0;
	memcpy(tmp, h, (size_t)hlen);
	tmp[hlen] = 0;
	memset(ip, 0, sizeof(*ip));
	if (inet_pton(AF_INET, tmp, ip->u.addr) == 1) {
		ip->af = AF_INET;
		ip->len = 4;
		return 1;
	}
	if (inet_pton(AF_INET6, tmp, ip->u.addr) == 1) {
		ip->af = AF_INET6;
		ip->len = 16;
		return 1;
	}
	return 0;
}

struct socket_info *grep_sock_info(str *host, unsigned short port, unsigned short proto)
{
	struct socket_info *si, **list;
	struct ip_addr ip = { 0 };
	int is_ip;
	unsigned short p;

	if (host == NULL || host->s == NULL || host->len <= 0)
		return NULL;
	is_ip = host_ip(host->s, host->len, &ip);
	p = proto ? proto : PROTO_UDP;
	do {
		list = get_sock_info_list(p);
		if (list == NULL)
			return NULL;
		for (si = *list; si; si = si->next) {
			if (port && si->port_no != port && si->adv_port != port)
				continue;
			if (same_host(host->s, host->len, si->name.s, si->name.len) ||
					(si->adv_name_str.len &&
					 same_host(host->s, host->len, si->adv_name_str.s, si->adv_name_str.len)) ||
					(!si->adv_name_str.len && default_global_address.s &&
					 same_host(host->s, host->len, default_global_address.s,
						 default_global_address.len)) ||
					(is_ip && ip_addr_cmp(&ip, &si->address)))
				return si;
		}
	} while (proto == 0 && (p = (unsigned short)next_proto(p)) != 0);
	return NULL;
}

struct socket_info *find_si(struct ip_addr *ip, unsigned short port, unsigned short proto)
{
	struct socket_info *si, **list;
	unsigned short p;

	if (ip == NULL)
		return NULL;
	p = proto ? proto : PROTO_UDP;
	do {
		list = get_sock_info_list(p);
		if (list == NULL)
			return NULL;
		for (si = *list; si; si = si->next) {
			if (port && si->port_no != port)
				continue;
			if (ip_addr_cmp(ip, &si->address) ||
					(si->adv_address.af && ip_addr_cmp(ip, &si->adv_address)))
				return si;
		}
	} while (proto == 0 && (p = (unsigned short)next_proto(p)) != 0);
	return NULL;
}

/* As 1.11: an alias (or a module's alias checker: the domain module's domains) or a
 * listener's name or address. */
int check_self(str *host, unsigned short port, unsigned short proto)
{
	if (host == NULL || host->s == NULL || host->len <= 0)
		return -1;
	if (grep_aliases(host->s, host->len, port, proto))
		return 1;
	return grep_sock_info(host, port, proto) != NULL ? 1 : 0;
}

int get_socket_list_from_proto(unsigned int **ipList, int protocol)
{
	struct socket_info **list, *si;
	int n = 0, i = 0;

	if (ipList == NULL)
		return 0;
	*ipList = NULL;
	list = (protocol >= PROTO_UDP && protocol <= PROTO_SCTP) ?
		get_sock_info_list((unsigned short)protocol) : NULL;
	if (list == NULL)
		return 0;
	for (si = *list; si; si = si->next)
		if (si->address.af == AF_INET)
			n++;
	if (n == 0)
		return 0;
	*ipList = pkg_malloc(sizeof(unsigned int) * (size_t)n * (NUM_IP_OCTETS + 1));
	if (*ipList == NULL) {
		LM_ERR("no more pkg memory\n");
		return 0;
	}
	for (si = *list; si; si = si->next) {
		if (si->address.af != AF_INET)
			continue;
		for (int k = 0; k < NUM_IP_OCTETS; k++)
			(*ipList)[i++] = si->address.u.addr[k];
		(*ipList)[i++] = si->port_no;
	}
	return n;
}

int get_total_bytes_waiting(int only_proto)
{
	(void)only_proto;
	return 0;
}

void print_all_socket_lists(void)
{
	for (int p = PROTO_UDP; p <= PROTO_SCTP; p++)
		for (struct socket_info *si = *get_sock_info_list((unsigned short)p); si; si = si->next)
			LM_INFO("listening on %.*s\n", si->sock_str.len, si->sock_str.s);
}

void print_aliases(void)
{
	for (struct host_alias *a = aliases; a; a = a->next)
		LM_INFO("alias %s:%u\n", a->alias.s, (unsigned)a->port);
}

int probe_max_sock_buff(int sock, int buff_choice, int buff_max, int buff_increment)
{
	(void)sock; (void)buff_choice; (void)buff_max; (void)buff_increment;
	return 0;   /* the Java transport sizes its own socket buffers */
}
