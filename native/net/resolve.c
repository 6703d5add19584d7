/* DNS for modules (resolve.h): records come from the Java core (NetDns, Netty's DNS
 * resolver) through one upcall per query; RFC 3263 (NAPTR -> SRV -> A/AAAA) and the
 * failover state are done here.
 *
 * Upcall format: the records of the answer, each
 *   u16 type, u16 class, u32 ttl, u16 rdlen, rdata (big-endian)
 * with rdata: A 4 bytes; AAAA 16; SRV u16 priority, weight, port + name; NAPTR u16 order,
 * pref + flags, services, regexp, replacement; CNAME/PTR a name; TXT its first string;
 * where every name or string is u8 length + text (names dotted, no final dot).
 * The upcall returns the bytes written, 0 when the name has no such records, -1 when the
 * lookup failed (timeout, server failure, no resolver). */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "sb_net.h"

#pragma GCC visibility push(default)
#include "../../include/resolve.h"
#include "../../include/blacklists.h"
#include "../../include/socket_info.h"
#include "../../include/globals.h"
#include "../../include/timer.h"
#pragma GCC visibility pop

typedef int (*sb_dns_query_f)(const char *name, int type, unsigned char *out, int cap);

/* a type asking Java to consult the hosts file before DNS (A and AAAA only) */
#define SB_DNS_HOSTS_FIRST 0x10000

fetch_dns_cache_f *dnscache_fetch_func;
put_dns_cache_f *dnscache_put_func;
int dns_try_ipv6;
int dns_try_naptr = 1;
struct proxy_l *proxies;

static sb_dns_query_f query_cb;
static struct bl_head *failover_bl;
#define DNS_BL_EXPIRE (4 * 60)

SB_JAVA_API void sb_dns_set_callback(sb_dns_query_f f) { query_cb = f; }

/* ---- per-thread buffers: heap, found through one TLS pointer (the core library uses
 * static TLS, which has no room for kilobytes per thread) */

#define SB_MAX_ADDRS 16
#define SB_MAX_ALTS 64
struct he_buf {
	struct hostent he;
	char name[MAX_DNS_NAME];
	char addrs[SB_MAX_ADDRS][16];
	char *addr_list[SB_MAX_ADDRS + 1];
	char *aliases[1];
};
struct dns_tls {
	unsigned char answer[ANS_SIZE];
	struct he_buf he;
	char names[SB_MAX_ALTS][MAX_DNS_NAME];      /* sip_resolvehost's alternatives */
	char next_names[SB_MAX_ALTS][MAX_DNS_NAME]; /* get_next_su's */
};
static __thread struct dns_tls *tls;
static pthread_key_t tls_key;
static pthread_once_t tls_once = PTHREAD_ONCE_INIT;

static void tls_free(void *p) { free(p); }
static void tls_key_init(void) { pthread_key_create(&tls_key, tls_free); }

static struct dns_tls *dns_tls(void)
{
	if (tls == NULL) {
		pthread_once(&tls_once, tls_key_init);
		tls = calloc(1, sizeof(*tls));
		if (tls)
			pthread_setspecific(tls_key, tls);   /* freed when the thread ends */
	}
	return tls;
}
#define answer (dns_tls()->answer)
#define hebuf (dns_tls()->he)

/* ---- the upcall and its answer */

static int ask(const char *name, int type)
{
	int n;
	if (dns_tls() == NULL) {
		LM_ERR("no memory for the resolver\n");
		return -1;
	}
	if (query_cb == NULL) {
		LM_ERR("no DNS resolver (the server is not running): %s\n", name);
		return -1;
	}
	SB_UPCALL_BEGIN;
	n = query_cb(name, type, answer, (int)sizeof(answer));
	SB_UPCALL_END;
	if (n > (int)sizeof(answer))
		n = -1;
	return n;
}

static unsigned int get16(const unsigned char *p) { return ((unsigned)p[0] << 8) | p[1]; }
static unsigned int get32(const unsigned char *p)
{
	return ((unsigned)p[0] << 24) | ((unsigned)p[1] << 16) | ((unsigned)p[2] << 8) | p[3];
}

/* u8 length + text at *p (inside end) into dst (cap bytes, NUL added); its length or -1 */
static int take_text(const unsigned char **p, const unsigned char *end, char *dst, int cap)
{
	int n;
	if (*p >= end)
		return -1;
	n = **p;
	if (*p + 1 + n > end || n >= cap)
		return -1;
	memcpy(dst, *p + 1, (size_t)n);
	dst[n] = 0;
	*p += 1 + n;
	return n;
}

static void free_rdata(struct rdata *r)
{
	if (r->rdata)
		pkg_free(r->rdata);
	pkg_free(r);
}

void free_rdata_list(struct rdata *head)
{
	while (head) {
		struct rdata *next = head->next;
		free_rdata(head);
		head = next;
	}
}

/* one record's rdata as a 1.11 structure (pkg); *size_for_cache grows like 1.11's */
static void *decode_rdata(int type, const unsigned char *p, const unsigned char *end, int *cache_len)
{
	switch (type) {
	case T_A: {
		struct a_rdata *a;
		if (end - p != 4 || (a = pkg_malloc(sizeof(*a))) == NULL)
			return NULL;
		memcpy(a->ip, p, 4);
		*cache_len += (int)sizeof(*a);
		return a;
	}
	case T_AAAA: {
		struct aaaa_rdata *a;
		if (end - p != 16 || (a = pkg_malloc(sizeof(*a))) == NULL)
			return NULL;
		memcpy(a->ip6, p, 16);
		*cache_len += (int)sizeof(*a);
		return a;
	}
	case T_SRV: {
		struct srv_rdata *s;
		int n;
		if (end - p < 7 || (s = pkg_malloc(sizeof(*s))) == NULL)
			return NULL;
		memset(s, 0, sizeof(*s));
		s->priority = (unsigned short)get16(p);
		s->weight = (unsigned short)get16(p + 2);
		s->port = (unsigned short)get16(p + 4);
		p += 6;
		if ((n = take_text(&p, end, s->name, MAX_DNS_NAME)) < 0) {
			pkg_free(s);
			return NULL;
		}
		s->name_len = (unsigned)n;
		*cache_len += 4 * (int)sizeof(unsigned short) + (int)sizeof(unsigned int) + n + 1;
		return s;
	}
	case T_NAPTR: {
		struct naptr_rdata *r;
		int f, sv, re, rp;
		if (end - p < 8 || (r = pkg_malloc(sizeof(*r))) == NULL)
			return NULL;
		memset(r, 0, sizeof(*r));
		r->order = (unsigned short)get16(p);
		r->pref = (unsigned short)get16(p + 2);
		p += 4;
		if ((f = take_text(&p, end, r->flags, MAX_DNS_STRING)) < 0 ||
				(sv = take_text(&p, end, r->services, MAX_DNS_STRING)) < 0 ||
				(re = take_text(&p, end, r->regexp, MAX_DNS_STRING)) < 0 ||
				(rp = take_text(&p, end, r->repl, MAX_DNS_NAME)) < 0) {
			pkg_free(r);
			return NULL;
		}
		r->flags_len = (unsigned)f;
		r->services_len = (unsigned)sv;
		r->regexp_len = (unsigned)re;
		r->repl_len = (unsigned)rp;
		*cache_len += 2 * (int)sizeof(unsigned short) + 4 * (int)sizeof(unsigned int) +
			f + 1 + sv + 1 + re + 1 + rp + 1;
		return r;
	}
	case T_CNAME:
	case T_PTR: {
		struct cname_rdata *c;
		int n;
		if ((c = pkg_malloc(sizeof(*c))) == NULL)
			return NULL;
		if ((n = take_text(&p, end, c->name, MAX_DNS_NAME)) < 0) {
			pkg_free(c);
			return NULL;
		}
		*cache_len += n + 1 + (int)sizeof(int);
		return c;
	}
	case T_TXT: {
		struct txt_rdata *t;
		int n;
		if ((t = pkg_malloc(sizeof(*t))) == NULL)
			return NULL;
		if ((n = take_text(&p, end, t->txt, MAX_DNS_NAME)) < 0) {
			pkg_free(t);
			return NULL;
		}
		*cache_len += (int)sizeof(int) + n + 1;
		return t;
	}
	case T_EBL: {
		struct ebl_rdata *e;
		int s, a;
		if (end - p < 1 || (e = pkg_malloc(sizeof(*e))) == NULL)
			return NULL;
		memset(e, 0, sizeof(*e));
		e->position = *p++;
		if ((s = take_text(&p, end, e->separator, MAX_DNS_NAME)) < 0 ||
				(a = take_text(&p, end, e->apex, MAX_DNS_NAME)) < 0) {
			pkg_free(e);
			return NULL;
		}
		e->separator_len = (unsigned)s;
		e->apex_len = (unsigned)a;
		*cache_len += 1 + 2 * (int)sizeof(unsigned int) + a + 1 + s + 1;
		return e;
	}
	default:
		return NULL;
	}
}

/* the answer's records as a list (SRV sorted by priority, stable), NULL when none */
static struct rdata *decode_answer(int n, int want, int *cache_len, unsigned int *min_ttl)
{
	const unsigned char *p = answer, *end = answer + n;
	struct rdata *head = NULL, **last = &head;

	while (end - p >= 10) {
		unsigned int type = get16(p), cls = get16(p + 2), ttl = get32(p + 4), len = get16(p + 8);
		const unsigned char *r = p + 10;
		struct rdata *rd;
		p = r + len;
		if (p > end) {
			LM_ERR("truncated DNS answer\n");
			break;
		}
		if ((int)type != want && type != T_CNAME)
			continue;
		rd = pkg_malloc(sizeof(*rd));
		if (rd == NULL) {
			LM_ERR("no more pkg memory\n");
			break;
		}
		memset(rd, 0, sizeof(*rd));
		rd->type = (unsigned short)type;
		rd->class = (unsigned short)cls;
		rd->ttl = ttl;
		rd->rdata = decode_rdata((int)type, r, r + len, cache_len);
		if (rd->rdata == NULL) {
			LM_ERR("bad or unsupported record (type %u) in the answer\n", type);
			pkg_free(rd);
			continue;
		}
		*cache_len += (int)(sizeof(struct rdata) - sizeof(void *) - sizeof(struct rdata *));
		if (ttl < *min_ttl)
			*min_ttl = ttl;
		if (type == T_SRV) {
			struct rdata **at = &head;
			while (*at && !((*at)->type == T_SRV &&
					get_srv(*at)->priority > get_srv(rd)->priority))
				at = &(*at)->next;
			rd->next = *at;
			*at = rd;
			if (rd->next == NULL)
				last = &rd->next;
		} else {
			*last = rd;
			last = &rd->next;
		}
	}
	return head;
}

struct rdata *get_record(char *name, int type)
{
	struct rdata *head;
	int n, cache_len = 0;
	unsigned int min_ttl = UINT_MAX;

	if (name == NULL || *name == 0 || strlen(name) >= MAX_DNS_NAME) {
		LM_ERR("no or too long name\n");
		return NULL;
	}
	if (dnscache_fetch_func) {
		head = dnscache_fetch_func(name, type, 0);
		if (head == (void *)-1)
			return NULL;
		if (head)
			return head;
	}
	n = ask(name, type);
	if (n < 0) {
		LM_ERR("DNS lookup of %s (type %d) failed\n", name, type);
		if (dnscache_put_func && dnscache_put_func(name, type, NULL, 0, 1, 0) < 0)
			LM_ERR("failed to store %s - %d in the DNS cache\n", name, type);
		return NULL;
	}
	head = n ? decode_answer(n, type, &cache_len, &min_ttl) : NULL;
	if (head == NULL) {
		LM_DBG("no records of type %d for %s\n", type, name);
		if (dnscache_put_func && dnscache_put_func(name, type, NULL, 0, 1, 0) < 0)
			LM_ERR("failed to store %s - %d in the DNS cache\n", name, type);
		return NULL;
	}
	if (dnscache_put_func && dnscache_put_func(name, type, head, cache_len, 0, (int)min_ttl) < 0)
		LM_ERR("failed to store %s - %d in the DNS cache\n", name, type);
	return head;
}

/* ---- hostent answers: one per thread, valid until the thread's next lookup */

static struct hostent *he_of(const char *name, int af, const unsigned char *p, const unsigned char *end)
{
	int n = 0, len = af == AF_INET6 ? 16 : 4, want = af == AF_INET6 ? T_AAAA : T_A;
	while (end - p >= 10 && n < SB_MAX_ADDRS) {
		unsigned int type = get16(p), rl = get16(p + 8);
		const unsigned char *r = p + 10;
		p = r + rl;
		if (p > end)
			break;
		if ((int)type != want || (int)rl != len)
			continue;
		memcpy(hebuf.addrs[n], r, (size_t)len);
		hebuf.addr_list[n] = hebuf.addrs[n];
		n++;
	}
	if (n == 0)
		return NULL;
	hebuf.addr_list[n] = NULL;
	hebuf.aliases[0] = NULL;
	snprintf(hebuf.name, sizeof(hebuf.name), "%s", name);
	hebuf.he.h_name = hebuf.name;
	hebuf.he.h_aliases = hebuf.aliases;
	hebuf.he.h_addrtype = af;
	hebuf.he.h_length = len;
	hebuf.he.h_addr_list = hebuf.addr_list;
	return &hebuf.he;
}

static struct hostent *lookup_af(const char *name, int af)
{
	int type = af == AF_INET6 ? T_AAAA : T_A;
	int n;
	struct hostent *he;

	if (dnscache_fetch_func) {
		he = dnscache_fetch_func((char *)name, type, 0);
		if (he == (void *)-1)
			return NULL;
		if (he)
			return he;
	}
	n = ask(name, type | SB_DNS_HOSTS_FIRST);
	he = n > 0 ? he_of(name, af, answer, answer + n) : NULL;
	if (dnscache_put_func) {
		if (he == NULL)
			dnscache_put_func((char *)name, type, NULL, 0, 1, 0);
		else
			dnscache_put_func((char *)name, type, he, -1, 0, (int)get32(answer + 4));
	}
	if (n < 0)
		LM_ERR("DNS lookup of %s (%s) failed\n", name, af == AF_INET6 ? "AAAA" : "A");
	return he;
}

struct hostent *resolvehost(char *name, int no_ip_test)
{
	struct hostent *he;
	struct ip_addr *ip;
	str s;

	if (name == NULL || *name == 0 || strlen(name) >= MAX_DNS_NAME) {
		LM_ERR("no or too long host name\n");
		return NULL;
	}
	s.s = name;
	s.len = (int)strlen(name);
	/* an address stands for itself (whatever no_ip_test says: no lookup can do better) */
	if ((ip = str2ip(&s)) != NULL || (ip = str2ip6(&s)) != NULL)
		return sb_ip_addr2he(&s, ip);
	(void)no_ip_test;
	he = lookup_af(name, AF_INET);
	if (he == NULL && dns_try_ipv6)
		he = lookup_af(name, AF_INET6);
	if (he == NULL)
		LM_DBG("%s does not resolve\n", name);
	return he;
}

struct hostent *rev_resolvehost(struct ip_addr *ip)
{
	char q[80];
	int n, len;
	const unsigned char *p, *end;

	if (ip == NULL || (ip->af != AF_INET && ip->af != AF_INET6)) {
		LM_ERR("bad address\n");
		return NULL;
	}
	if (ip->af == AF_INET) {
		snprintf(q, sizeof(q), "%u.%u.%u.%u.in-addr.arpa", ip->u.addr[3], ip->u.addr[2],
				ip->u.addr[1], ip->u.addr[0]);
	} else {
		char *w = q;
		for (int i = 15; i >= 0; i--)
			w += sprintf(w, "%x.%x.", ip->u.addr[i] & 0xf, ip->u.addr[i] >> 4);
		strcpy(w, "ip6.arpa");
	}
	n = ask(q, T_PTR);
	if (n <= 0) {
		if (n < 0)
			LM_ERR("PTR lookup of %s failed\n", q);
		return NULL;
	}
	for (p = answer, end = answer + n; end - p >= 10; p += 10 + get16(p + 8)) {
		const unsigned char *r = p + 10;
		if (r + get16(p + 8) > end)
			break;
		if (get16(p) != T_PTR)
			continue;
		if ((len = take_text(&r, r + get16(p + 8), hebuf.name, MAX_DNS_NAME)) < 0)
			break;
		memcpy(hebuf.addrs[0], ip->u.addr, ip->len);
		hebuf.addr_list[0] = hebuf.addrs[0];
		hebuf.addr_list[1] = NULL;
		hebuf.aliases[0] = NULL;
		hebuf.he.h_name = hebuf.name;
		hebuf.he.h_aliases = hebuf.aliases;
		hebuf.he.h_addrtype = (int)ip->af;
		hebuf.he.h_length = (int)ip->len;
		hebuf.he.h_addr_list = hebuf.addr_list;
		return &hebuf.he;
	}
	return NULL;
}

int check_ip_address(struct ip_addr *ip, str *name, unsigned short port,
		unsigned short proto, int resolver)
{
	struct hostent *he;
	char *txt;
	int len;

	if (ip == NULL || name == NULL || name->s == NULL || name->len <= 0)
		return -1;
	txt = ip_addr2a(ip);
	len = (int)strlen(txt);
	if (len == name->len && strncasecmp(name->s, txt, (size_t)len) == 0)
		return 0;
	if (ip->af == AF_INET6 && name->len == len + 2 && name->s[0] == '[' &&
			name->s[name->len - 1] == ']' && strncasecmp(name->s + 1, txt, (size_t)len) == 0)
		return 0;
	if (port == 0)
		port = SIP_PORT;
	if (resolver & DO_DNS) {
		he = sip_resolvehost(name, &port, &proto, 0, NULL);
		if (he && (int)ip->af == he->h_addrtype)
			for (int i = 0; he->h_addr_list[i]; i++)
				if (memcmp(he->h_addr_list[i], ip->u.addr, ip->len) == 0)
					return 0;
	}
	if (resolver & DO_REV_DNS) {
		he = rev_resolvehost(ip);
		if (he && (int)strlen(he->h_name) == name->len &&
				strncasecmp(he->h_name, name->s, (size_t)name->len) == 0)
			return 0;
	}
	return -1;
}

/* ---- failover state: a flat list of what is left, one shm block */

#define DN_HOST 1   /* a target: resolve sval (A/AAAA), use port and proto */
#define DN_SRV  2   /* an SRV name still to look up, for proto */
#define DN_IVAL(kind, proto, port) (((unsigned)(kind) << 24) | ((unsigned)(proto) << 16) | (unsigned)(port))
#define DN_KIND(v)  ((v) >> 24)
#define DN_PROTO(v) (((v) >> 16) & 0xff)
#define DN_PORT(v)  ((v) & 0xffff)

struct pending {
	unsigned int ival;
	const char *name;
};

static struct dns_node *mk_node(const struct pending *p, int n)
{
	size_t size = sizeof(struct dns_node) + (size_t)n * sizeof(struct dns_val);
	struct dns_node *dn;
	char *text;

	if (n <= 0)
		return NULL;
	for (int i = 0; i < n; i++)
		size += strlen(p[i].name) + 1;
	if (size > 0xffff) {
		LM_WARN("too many DNS alternatives to keep; failover is shortened\n");
		return NULL;
	}
	dn = shm_malloc(size);
	if (dn == NULL) {
		LM_ERR("no more shm memory\n");
		return NULL;
	}
	memset(dn, 0, sizeof(*dn));
	dn->size = (unsigned short)size;
	dn->no = (unsigned short)n;
	dn->vals = (struct dns_val *)(dn + 1);
	text = (char *)(dn->vals + n);
	for (int i = 0; i < n; i++) {
		size_t l = strlen(p[i].name) + 1;
		dn->vals[i].ival = p[i].ival;
		dn->vals[i].sval = text;
		memcpy(text, p[i].name, l);
		text += l;
	}
	return dn;
}

struct dns_node *dns_res_copy(struct dns_node *s)
{
	struct dns_node *d;
	if (s == NULL)
		return NULL;
	d = shm_malloc(s->size);
	if (d == NULL) {
		LM_ERR("no more shm memory\n");
		return NULL;
	}
	memcpy(d, s, s->size);
	d->vals = (struct dns_val *)(d + 1);
	for (int i = 0; i < d->no; i++)
		d->vals[i].sval = (char *)d + (s->vals[i].sval - (char *)s);
	return d;
}

void free_dns_res(struct proxy_l *p)
{
	if (p == NULL || p->dn == NULL)
		return;
	shm_free(p->dn);
	p->dn = NULL;
}

/* SRV records in RFC 2782 order: by priority, and within one priority a weighted random
 * order (weight 0 ones after the others). Returns the count, entries in out. */
static int order_srvs(struct rdata *head, struct srv_rdata **out, int cap)
{
	int n = 0;
	for (struct rdata *r = head; r && n < cap; r = r->next)
		if (r->type == T_SRV)
			out[n++] = get_srv(r);
	for (int start = 0; start < n;) {
		int end = start;
		while (end < n && out[end]->priority == out[start]->priority)
			end++;
		for (int i = start; i < end - 1; i++) {
			unsigned int sum = 0, pick;
			int j;
			for (j = i; j < end; j++)
				sum += out[j]->weight;
			if (sum == 0)
				break;
			pick = (unsigned int)(rand() % (int)sum) + 1;
			for (j = i; j < end; j++) {
				if (out[j]->weight >= pick)
					break;
				pick -= out[j]->weight;
			}
			if (j < end && j != i) {
				struct srv_rdata *t = out[i];
				out[i] = out[j];
				out[j] = t;
			}
		}
		start = end;
	}
	return n;
}

/* SRV lookup of name: the first target that resolves gives he, *port; the others are
 * appended to alts (DN_HOST, proto). */
static struct hostent *srv_lookup(const char *name, int proto, unsigned short *port,
		struct pending *alts, int *nalts, char names[][MAX_DNS_NAME])
{
	struct srv_rdata *srv[SB_MAX_ALTS];
	struct rdata *head = get_record((char *)name, T_SRV);
	struct hostent *he = NULL;
	int n = order_srvs(head, srv, SB_MAX_ALTS), i;

	for (i = 0; i < n && he == NULL; i++) {
		he = resolvehost(srv[i]->name, 1);
		if (he && port)
			*port = srv[i]->port;
	}
	for (; he && alts && i < n && *nalts < SB_MAX_ALTS; i++) {
		snprintf(names[*nalts], MAX_DNS_NAME, "%s", srv[i]->name);
		alts[*nalts].ival = DN_IVAL(DN_HOST, proto, srv[i]->port);
		alts[*nalts].name = names[*nalts];
		(*nalts)++;
	}
	free_rdata_list(head);
	return he;
}

static const char *srv_prefix(int proto, int is_sips)
{
	switch (proto) {
	case PROTO_UDP: return "_sip._udp.";
	case PROTO_TCP: return is_sips ? "_sips._tcp." : "_sip._tcp.";
	case PROTO_TLS: return "_sips._tcp.";
	case PROTO_SCTP: return "_sip._sctp.";
	default: return NULL;
	}
}

static int proto_enabled(int proto)
{
	switch (proto) {
	case PROTO_UDP: return udp_listen != NULL || tcp_listen == NULL;
	case PROTO_TCP: return !tcp_disable;
	case PROTO_TLS: return !tls_disable;
	case PROTO_SCTP: return !sctp_disable;
	default: return 0;
	}
}

/* protocol of a NAPTR service (SIP+D2U, SIP+D2T, SIPS+D2T, SIP+D2S), 0 when not usable */
static int naptr_proto(struct naptr_rdata *n, int is_sips)
{
	char last;
	if (n->flags_len != 1 || (n->flags[0] != 's' && n->flags[0] != 'S'))
		return 0;
	if (n->services_len == 8 && strncasecmp(n->services, "sips+d2", 7) == 0) {
		last = n->services[7];
		return (last == 't' || last == 'T') ? PROTO_TLS : 0;
	}
	if (is_sips || n->services_len != 7 || strncasecmp(n->services, "sip+d2", 6) != 0)
		return 0;
	last = n->services[6];
	if (last == 'u' || last == 'U') return PROTO_UDP;
	if (last == 't' || last == 'T') return PROTO_TCP;
	if (last == 's' || last == 'S') return PROTO_SCTP;
	return 0;
}

struct hostent *sip_resolvehost(str *name, unsigned short *port, unsigned short *proto,
		int is_sips, struct dns_node **dn)
{
	char (*names)[MAX_DNS_NAME];
	struct pending alts[SB_MAX_ALTS];
	int nalts = 0;
	char host[MAX_DNS_NAME], q[MAX_DNS_NAME + 16];
	unsigned short local_proto = PROTO_NONE;
	struct ip_addr *ip;
	struct hostent *he = NULL;
	const char *pre;

	if (dn)
		*dn = NULL;
	if (dns_tls() == NULL) {
		LM_ERR("no memory for the resolver\n");
		return NULL;
	}
	names = tls->names;
	if (name == NULL || name->s == NULL || name->len <= 0 || name->len >= MAX_DNS_NAME) {
		LM_ERR("no or too long name\n");
		return NULL;
	}
	if (proto == NULL)
		proto = &local_proto;
	if (is_sips && tls_disable) {
		LM_ERR("cannot resolve a SIPS URI: no TLS listener\n");
		return NULL;
	}
	if ((ip = str2ip(name)) != NULL || (ip = str2ip6(name)) != NULL) {
		if (*proto == PROTO_NONE)
			*proto = is_sips ? PROTO_TLS : PROTO_UDP;
		if (port && *port == 0)
			*port = (is_sips || *proto == PROTO_TLS) ? SIPS_PORT : SIP_PORT;
		return sb_ip_addr2he(name, ip);
	}
	memcpy(host, name->s, (size_t)name->len);
	host[name->len] = 0;

	if (port && *port) {   /* RFC 3263 4.2: a port means A/AAAA only */
		if (*proto == PROTO_NONE)
			*proto = is_sips ? PROTO_TLS : PROTO_UDP;
		return resolvehost(host, 1);
	}
	if (*proto == PROTO_NONE && dns_try_naptr) {
		struct rdata *head = get_record(host, T_NAPTR), *r;
		struct rdata *sorted[SB_MAX_ALTS];
		int n = 0;
		/* the usable records by order, then preference */
		for (r = head; r && n < SB_MAX_ALTS; r = r->next) {
			int np;
			if (r->type != T_NAPTR || (np = naptr_proto(get_naptr(r), is_sips)) == 0 ||
					!proto_enabled(np))
				continue;
			int at = n++;
			while (at > 0 && (get_naptr(sorted[at - 1])->order > get_naptr(r)->order ||
					(get_naptr(sorted[at - 1])->order == get_naptr(r)->order &&
					 get_naptr(sorted[at - 1])->pref > get_naptr(r)->pref))) {
				sorted[at] = sorted[at - 1];
				at--;
			}
			sorted[at] = r;
		}
		for (int i = 0; i < n; i++) {
			int np = naptr_proto(get_naptr(sorted[i]), is_sips);
			if (he == NULL) {
				he = srv_lookup(get_naptr(sorted[i])->repl, np, port, dn ? alts : NULL, &nalts, names);
				if (he)
					*proto = (unsigned short)np;
			} else if (dn && nalts < SB_MAX_ALTS) {
				/* later NAPTRs: their SRV names, looked up if the failover gets there */
				snprintf(names[nalts], MAX_DNS_NAME, "%s", get_naptr(sorted[i])->repl);
				alts[nalts].ival = DN_IVAL(DN_SRV, np, 0);
				alts[nalts].name = names[nalts];
				nalts++;
			}
		}
		free_rdata_list(head);
		if (he) {
			if (dn)
				*dn = mk_node(alts, nalts);
			return he;
		}
		LM_DBG("no usable NAPTR for %s, trying SRV\n", host);
		nalts = 0;
	}
	if (*proto == PROTO_NONE)
		*proto = is_sips ? PROTO_TLS : PROTO_UDP;
	pre = srv_prefix(*proto, is_sips);
	if (pre == NULL || !proto_enabled(*proto)) {
		LM_ERR("unsupported proto %d\n", *proto);
		return NULL;
	}
	snprintf(q, sizeof(q), "%s%s", pre, host);
	if (strlen(q) < MAX_DNS_NAME) {
		he = srv_lookup(q, *proto, port, dn ? alts : NULL, &nalts, names);
		if (he) {
			if (dn)
				*dn = mk_node(alts, nalts);
			return he;
		}
	}
	LM_DBG("no SRV for %s, trying A\n", q);
	if (port)
		*port = (is_sips || *proto == PROTO_TLS) ? SIPS_PORT : SIP_PORT;
	he = resolvehost(host, 1);
	if (he == NULL)
		LM_ERR("%s does not resolve (NAPTR, SRV, A%s)\n", host, dns_try_ipv6 ? ", AAAA" : "");
	return he;
}

/* the next target of *node: its hostent (per-thread buffer), *proto and *port set */
static struct hostent *next_he(struct dns_node **node, unsigned short *proto, unsigned short *port)
{
	struct dns_tls *t = dns_tls();
	char (*names)[MAX_DNS_NAME];
	struct pending alts[SB_MAX_ALTS];

	if (t == NULL)
		return NULL;
	names = t->next_names;
	while (*node && (*node)->idx < (*node)->no) {
		struct dns_node *dn = *node;
		struct dns_val *v = &dn->vals[dn->idx++];
		struct hostent *he;
		if (DN_KIND(v->ival) == DN_HOST) {
			he = resolvehost(v->sval, 1);
			if (he) {
				*proto = (unsigned short)DN_PROTO(v->ival);
				*port = (unsigned short)DN_PORT(v->ival);
				return he;
			}
		} else {
			int nalts = 0;
			unsigned short p = 0;
			he = srv_lookup(v->sval, (int)DN_PROTO(v->ival), &p, alts, &nalts, names);
			if (he) {
				/* what this SRV set left, then what the node still had */
				for (int i = dn->idx; i < dn->no && nalts < SB_MAX_ALTS; i++) {
					snprintf(names[nalts], MAX_DNS_NAME, "%s", dn->vals[i].sval);
					alts[nalts].ival = dn->vals[i].ival;
					alts[nalts].name = names[nalts];
					nalts++;
				}
				*proto = (unsigned short)DN_PROTO(v->ival);
				*port = p;
				shm_free(dn);
				*node = mk_node(alts, nalts);
				return he;
			}
		}
	}
	return NULL;
}

int get_next_su(struct proxy_l *p, union sockaddr_union *su, int add_to_bl)
{
	struct hostent *he;
	int r;

	if (p == NULL || su == NULL)
		return -1;
	if (failover_bl && add_to_bl && p->host.h_addr_list && p->host.h_addr_list[p->addr_idx]) {
		struct net n;
		struct bl_rule *list = NULL;
		memset(&n, 0xff, sizeof(n));
		hostent2ip_addr(&n.ip, &p->host, p->addr_idx);
		n.mask.af = n.ip.af;
		n.mask.len = n.ip.len;
		if (add_rule_to_list(&list, &list, &n, NULL, p->port, p->proto, 0) == 0)
			add_list_to_head(failover_bl, list, list, 0, DNS_BL_EXPIRE);
	}
	if (p->host.h_addr_list && p->host.h_addr_list[p->addr_idx] &&
			p->host.h_addr_list[p->addr_idx + 1]) {
		p->addr_idx++;
		return hostent2su(su, &p->host, p->addr_idx, p->port ? p->port : SIP_PORT);
	}
	he = next_he(&p->dn, &p->proto, &p->port);
	if (he == NULL)
		return -1;
	if (p->flags & PROXY_SHM_FLAG) {
		free_shm_hostent(&p->host);
		r = hostent_shm_cpy(&p->host, he);
	} else {
		free_hostent(&p->host);
		r = hostent_cpy(&p->host, he);
	}
	if (r != 0) {
		free_dns_res(p);
		return -1;
	}
	p->addr_idx = 0;
	return hostent2su(su, &p->host, 0, p->port ? p->port : SIP_PORT);
}

int resolv_init(void)
{
	return 0;   /* the Java resolver is configured by the server (dns_server=) */
}

int resolv_blacklist_init(void)
{
	str name = str_init("dns");
	if (disable_dns_blacklist || failover_bl)
		return 0;
	failover_bl = create_bl_head(BL_CORE_ID, BL_DO_EXPIRE | BL_BY_DEFAULT, NULL, NULL, &name);
	if (failover_bl == NULL) {
		LM_ERR("cannot create the DNS failover blacklist\n");
		return -1;
	}
	return 0;
}

/* The DNS settings of the configuration (1.11 names); -1 leaves one as it is. */
SB_JAVA_API void sb_net_set_dns(int try_ipv6, int try_naptr, int disable_blacklist, int multihomed)
{
	if (try_ipv6 >= 0)
		dns_try_ipv6 = try_ipv6;
	if (try_naptr >= 0)
		dns_try_naptr = try_naptr;
	if (disable_blacklist >= 0)
		disable_dns_blacklist = disable_blacklist;
	if (multihomed >= 0)
		mhomed = multihomed;
	if (!disable_dns_blacklist)
		resolv_blacklist_init();
}
