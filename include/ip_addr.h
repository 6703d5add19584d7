/* sipbridge module SDK: addresses, sockets and receive information (OpenSIPS 1.11). */
#ifndef SB_SDK_IP_ADDR_H
#define SB_SDK_IP_ADDR_H

#include <string.h>
#include <sys/types.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include <netdb.h>
#include "str.h"

#ifndef USE_IPV6
#define USE_IPV6
#endif

#define SIP_PORT  5060
#define SIPS_PORT 5061

enum sip_protos { PROTO_NONE = 0, PROTO_UDP, PROTO_TCP, PROTO_TLS, PROTO_SCTP, PROTO_WS };
#define PROTO_LAST PROTO_WS
#define PROTO_OTHER PROTO_WS   /* 1.11's name for the value after SCTP */

struct ip_addr {
	unsigned int af;   /* AF_INET or AF_INET6 */
	unsigned int len;  /* 4 or 16 */
	union {
		unsigned long addrl[16 / sizeof(long)];
		unsigned int addr32[4];
		unsigned short addr16[8];
		unsigned char addr[16];   /* network byte order */
	} u;
};

struct net {
	struct ip_addr ip;
	struct ip_addr mask;
};

union sockaddr_union {
	struct sockaddr s;
	struct sockaddr_in sin;
	struct sockaddr_in6 sin6;
};

enum si_flags { SI_NONE = 0, SI_IS_IP = 1, SI_IS_LO = 2, SI_IS_MCAST = 4, SI_IS_ANYCAST = 8 };

/* A listening socket. sipbridge fills the fields modules read; socket is -1 because the
 * Java core owns the real channel. */
struct socket_info {
	int socket;
	str name;                 /* host name or address as configured */
	struct ip_addr address;
	str address_str;          /* address as text (no brackets for IPv6) */
	unsigned short port_no;
	str port_no_str;
	enum si_flags flags;
	union sockaddr_union su;
	int proto;                /* PROTO_* */
	str sock_str;             /* "proto:address:port" */
	str adv_sock_str;
	str adv_name_str;         /* advertised address, empty when none */
	str adv_port_str;
	struct ip_addr adv_address;   /* 1.11 order: adv_address, adv_port, children */
	unsigned short adv_port;
	unsigned short children;      /* workers serving it (sipbridge: the server's) */
	struct socket_info *next;
	struct socket_info *prev;
};

/* Where and how a message was received. Ports are in host byte order. */
struct receive_info {
	struct ip_addr src_ip;
	struct ip_addr dst_ip;
	unsigned short src_port;
	unsigned short dst_port;
	int proto;
	int proto_reserved1;      /* connection id for stream transports */
	int proto_reserved2;
	union sockaddr_union src_su;
	struct socket_info *bind_address;   /* never NULL for a received message */
};

struct dest_info {
	int proto;
	int proto_reserved1;
	union sockaddr_union to;
	struct socket_info *send_sock;
};

struct socket_id {
	char *name;
	char *adv_name;
	int adv_port;
	int proto;
	int port;
	int children;
	struct socket_id *next;
};

#define sockaddru_len(su) \
	(((su).s.sa_family == AF_INET6) ? sizeof(struct sockaddr_in6) : sizeof(struct sockaddr_in))

#define AF2PF(af) (((af) == AF_INET) ? PF_INET : ((af) == AF_INET6) ? PF_INET6 : (af))

#define ip_addr_cmp(ip1, ip2) \
	(((ip1)->af == (ip2)->af) && (memcmp((ip1)->u.addr, (ip2)->u.addr, (ip1)->len) == 0))

#define hostent2ip_addr(ip, he, addr_no) \
	do { \
		(ip)->af = (he)->h_addrtype; \
		(ip)->len = (he)->h_length; \
		memcpy((ip)->u.addr, (he)->h_addr_list[(addr_no)], (ip)->len); \
	} while (0)

static inline int matchnet(struct ip_addr *ip, struct net *net)
{
	unsigned int r;
	if (ip->af != net->ip.af)
		return -1;
	for (r = 0; r < ip->len / 4; r++)
		if ((ip->u.addr32[r] & net->mask.u.addr32[r]) != net->ip.u.addr32[r])
			return 0;
	return 1;
}

static inline void sockaddr2ip_addr(struct ip_addr *ip, struct sockaddr *sa)
{
	if (sa->sa_family == AF_INET6) {
		ip->af = AF_INET6;
		ip->len = 16;
		memcpy(ip->u.addr, &((struct sockaddr_in6 *)(void *)sa)->sin6_addr, 16);
	} else {
		ip->af = AF_INET;
		ip->len = 4;
		memcpy(ip->u.addr, &((struct sockaddr_in *)(void *)sa)->sin_addr, 4);
	}
}

static inline int su_cmp(union sockaddr_union *s1, union sockaddr_union *s2)
{
	if (s1->s.sa_family != s2->s.sa_family)
		return 0;
	if (s1->s.sa_family == AF_INET6)
		return s1->sin6.sin6_port == s2->sin6.sin6_port &&
			memcmp(&s1->sin6.sin6_addr, &s2->sin6.sin6_addr, 16) == 0;
	return s1->sin.sin_port == s2->sin.sin_port &&
		memcmp(&s1->sin.sin_addr, &s2->sin.sin_addr, 4) == 0;
}

static inline unsigned short su_getport(union sockaddr_union *su)
{
	if (su == 0)
		return 0;
	if (su->s.sa_family == AF_INET6)
		return ntohs(su->sin6.sin6_port);
	return ntohs(su->sin.sin_port);
}

static inline void su_setport(union sockaddr_union *su, unsigned short port)
{
	if (su->s.sa_family == AF_INET6)
		su->sin6.sin6_port = htons(port);
	else
		su->sin.sin_port = htons(port);
}

static inline void su2ip_addr(struct ip_addr *ip, union sockaddr_union *su)
{
	sockaddr2ip_addr(ip, &su->s);
}

/* 0 on success, -1 for an unknown family. port in host byte order. */
static inline int init_su(union sockaddr_union *su, struct ip_addr *ip, unsigned short port)
{
	memset(su, 0, sizeof(*su));
	su->s.sa_family = (sa_family_t)ip->af;
	if (ip->af == AF_INET6) {
		memcpy(&su->sin6.sin6_addr, ip->u.addr, 16);
		su->sin6.sin6_port = htons(port);
	} else if (ip->af == AF_INET) {
		memcpy(&su->sin.sin_addr, ip->u.addr, 4);
		su->sin.sin_port = htons(port);
	} else {
		return -1;
	}
	return 0;
}
#define ip_addr2su init_su

/* su <- address idx of he, port in host order. 0, or -1 for an unknown family. */
static inline int hostent2su(union sockaddr_union *su, struct hostent *he, unsigned int idx,
		unsigned short port)
{
	memset(su, 0, sizeof(*su));
	su->s.sa_family = (sa_family_t)he->h_addrtype;
	if (he->h_addrtype == AF_INET6) {
		memcpy(&su->sin6.sin6_addr, he->h_addr_list[idx], 16);
		su->sin6.sin6_port = htons(port);
	} else if (he->h_addrtype == AF_INET) {
		memcpy(&su->sin.sin_addr, he->h_addr_list[idx], 4);
		su->sin.sin_port = htons(port);
	} else {
		return -1;
	}
	return 0;
}

/* A one-address hostent for ip named name, in a per-thread buffer (valid until the
 * thread's next call). NULL for a bad address. */
static inline struct hostent *ip_addr2he(str *name, struct ip_addr *ip)
{
	static __thread struct hostent he;
	static __thread char host[256];
	static __thread char addr[16];
	static __thread char *addrs[2];
	static __thread char *aliases[1];
	int n;

	if (ip->len > 16)
		return 0;
	n = name->len < 255 ? name->len : 255;
	memcpy(host, name->s, (size_t)n);
	host[n] = 0;
	memcpy(addr, ip->u.addr, ip->len);
	addrs[0] = addr;
	addrs[1] = 0;
	aliases[0] = 0;
	he.h_name = host;
	he.h_aliases = aliases;
	he.h_addrtype = (int)ip->af;
	he.h_length = (int)ip->len;
	he.h_addr_list = addrs;
	return &he;
}

#define IP_ADDR_MAX_STR_SIZE 40

/* Text form of an address, in a per-thread buffer valid until the next call. */
char *ip_addr2a(struct ip_addr *ip);

/* A network from an address and a mask (or a prefix length), for matchnet(); host bits
 * set in ip are cleared. pkg memory the caller frees; NULL on a bad mask. */
struct net *mk_net(struct ip_addr *ip, struct ip_addr *mask);
struct net *mk_net_bitlen(struct ip_addr *ip, unsigned int bitlen);

#endif
