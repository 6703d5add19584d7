/* sipbridge module SDK: DNS (OpenSIPS 1.11 resolve.h).
 *
 * Every query goes to the Java core, which asks Netty's DNS resolver
 * (netty-resolver-dns): the name servers of /etc/resolv.conf, or the one the
 * configuration names with dns_server=IP[:PORT] (docs/core-net.md). The calling thread
 * waits for the answer (as an OpenSIPS process waits on res_query), at most the query
 * timeout. A lookup that fails returns NULL/0 and logs why; it never ends the server.
 *
 * Results: get_record returns a pkg list the caller frees with free_rdata_list.
 * sip_resolvehost/resolvehost/rev_resolvehost return a hostent in a per-thread buffer,
 * valid until the thread's next lookup (copy it with hostent_cpy/hostent_shm_cpy). The
 * resolver state *dn is shm, freed with free_dns_res (through a proxy_l) or shm_free. */
#ifndef SB_SDK_RESOLVE_H
#define SB_SDK_RESOLVE_H

#include <sys/types.h>
#include <sys/socket.h>
#include <netdb.h>
#include <arpa/nameser.h>
#include <arpa/inet.h>
#include "mem/shm_mem.h"
#include "ip_addr.h"
#include "proxy.h"

#define MAX_QUERY_SIZE 8192
#define ANS_SIZE       8192
#define DNS_HDR_SIZE     12
#define MAX_DNS_NAME    256
#define MAX_DNS_STRING  255

#define T_EBL 65300   /* experimental ENUM "EBL" record, as in 1.11 */

typedef void *(fetch_dns_cache_f)(char *name, int r_type, int name_len);
typedef int (put_dns_cache_f)(char *name, int r_type, void *record, int rdata_len,
		int failure, int ttl);

/* Set by a DNS cache module (dns_cache): consulted before and fed after every query. */
extern fetch_dns_cache_f *dnscache_fetch_func;
extern put_dns_cache_f *dnscache_put_func;

union dns_query {
	HEADER hdr;
	unsigned char buff[MAX_QUERY_SIZE];
};

struct rdata {
	unsigned short type;
	unsigned short class;
	unsigned int ttl;
	void *rdata;           /* one of the structures below, by type */
	struct rdata *next;
};

struct srv_rdata {
	unsigned short priority;
	unsigned short weight;
	unsigned short running_sum;
	unsigned short port;
	unsigned int name_len;
	char name[MAX_DNS_NAME];
};

struct naptr_rdata {
	unsigned short order;
	unsigned short pref;
	unsigned int flags_len;
	char flags[MAX_DNS_STRING];
	unsigned int services_len;
	char services[MAX_DNS_STRING];
	unsigned int regexp_len;
	char regexp[MAX_DNS_STRING];
	unsigned int repl_len;
	char repl[MAX_DNS_NAME];
};

struct a_rdata {
	unsigned char ip[4];
};

struct aaaa_rdata {
	unsigned char ip6[16];
};

struct cname_rdata {
	char name[MAX_DNS_NAME];
};

struct txt_rdata {
	char txt[MAX_DNS_NAME];   /* the first string of the record */
};

struct ebl_rdata {
	unsigned char position;
	unsigned int separator_len;
	char separator[MAX_DNS_NAME];
	unsigned int apex_len;
	char apex[MAX_DNS_NAME];
};

struct dns_val {
	unsigned int ival;
	char *sval;
};

/* What sip_resolvehost did not use yet, for get_next_su (RFC 3263 failover). Its content
 * is the core's business; modules only keep, copy (dns_res_copy) and free it. */
struct dns_node {
	unsigned short type;
	unsigned short size;
	unsigned short idx;
	unsigned short no;
	struct dns_val *vals;
	struct dns_node *kids;
};

/* The records of name of type (T_A, T_AAAA, T_SRV, T_NAPTR, T_CNAME, T_TXT, T_EBL),
 * a pkg list, or NULL (none, or the lookup failed: logged). */
struct rdata *get_record(char *name, int type);
void free_rdata_list(struct rdata *head);

extern int dns_try_ipv6;    /* also look up AAAA (default 0) */
extern int dns_try_naptr;   /* NAPTR first when neither port nor proto is known (default 1) */

#define HEX2I(c) \
	((((c) >= '0') && ((c) <= '9')) ? (c) - '0' : \
	 (((c) >= 'A') && ((c) <= 'F')) ? ((c) - 'A') + 10 : \
	 (((c) >= 'a') && ((c) <= 'f')) ? ((c) - 'a') + 10 : -1)

#define get_naptr(_rdata) ((struct naptr_rdata *)(_rdata)->rdata)
#define get_srv(_rdata) ((struct srv_rdata *)(_rdata)->rdata)

/* 0 when ip is name (its text) or one of its addresses (a lookup when resolver has
 * DO_DNS; its PTR name when DO_REV_DNS), -1 when not (1.11's convention). */
int check_ip_address(struct ip_addr *ip, str *name, unsigned short port,
		unsigned short proto, int resolver);

/* RFC 3263: an IP literal as is; with a port, A (and AAAA); with a proto but no port,
 * SRV (_sip._udp./_sip._tcp./_sips._tcp.); with neither, NAPTR -> SRV -> A. *port and
 * *proto get what was chosen (5060/5061 by default). dn (may be NULL) gets what is left
 * to try. NULL (logged) when nothing resolves. */
struct hostent *sip_resolvehost(str *name, unsigned short *port, unsigned short *proto,
		int is_sips, struct dns_node **dn);
/* A (then AAAA when dns_try_ipv6 or no A) of a NUL-terminated name; the hosts file first.
 * An IP literal is returned as is unless no_ip_test. */
struct hostent *resolvehost(char *name, int no_ip_test);
/* PTR of ip. */
struct hostent *rev_resolvehost(struct ip_addr *ip);

void free_dns_res(struct proxy_l *p);
struct dns_node *dns_res_copy(struct dns_node *s);
/* The next address of p (its next A record, else the next SRV target): 0 and *su set,
 * or -1 when there is none. add_to_bl: put the failed one on the DNS blacklist. */
int get_next_su(struct proxy_l *p, union sockaddr_union *su, int add_to_bl);

int resolv_init(void);
int resolv_blacklist_init(void);

/* Dotted IPv4 text to an address in a per-thread buffer; NULL when it is not one. */
static inline struct ip_addr *str2ip(str *st)
{
	static __thread struct ip_addr ip;
	char tmp[16];
	if (st == NULL || st->s == NULL || st->len < 7 || st->len > 15)
		return 0;
	memcpy(tmp, st->s, (size_t)st->len);
	tmp[st->len] = 0;
	memset(&ip, 0, sizeof(ip));
	if (inet_pton(AF_INET, tmp, ip.u.addr) != 1)
		return 0;
	ip.af = AF_INET;
	ip.len = 4;
	return &ip;
}

/* IPv6 text (brackets allowed) to an address in a per-thread buffer; NULL when not one. */
static inline struct ip_addr *str2ip6(str *st)
{
	static __thread struct ip_addr ip;
	char tmp[48];
	const char *s;
	int len;
	if (st == NULL || st->s == NULL)
		return 0;
	s = st->s;
	len = st->len;
	if (len >= 2 && s[0] == '[' && s[len - 1] == ']') {
		s++;
		len -= 2;
	}
	if (len < 2 || len >= (int)sizeof(tmp))
		return 0;
	memcpy(tmp, s, (size_t)len);
	tmp[len] = 0;
	memset(&ip, 0, sizeof(ip));
	if (inet_pton(AF_INET6, tmp, ip.u.addr) != 1)
		return 0;
	ip.af = AF_INET6;
	ip.len = 16;
	return &ip;
}

/* An shm copy of sp; move_dn hands sp's resolver state over instead of copying it. */
struct proxy_l *shm_clone_proxy(struct proxy_l *sp, unsigned int move_dn);

#endif
