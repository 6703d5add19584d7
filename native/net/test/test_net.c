/* Unit tests of native/net without Java: the socket lists and lookups, the process table,
 * the DNS layer fed by a C stand-in for NetDns (RFC 3263 order, failover state, failures),
 * blacklists, event parameters and the refusals of bad arguments. Linked against the core
 * library like a module. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>
#include "../../../include/socket_info.h"
#include "../../../include/forward.h"
#include "../../../include/name_alias.h"
#include "../../../include/resolve.h"
#include "../../../include/blacklists.h"
#include "../../../include/pt.h"
#include "../../../include/evi/evi_modules.h"
#include "../../../include/evi/evi_params.h"

/* the Java-facing calls used here */
void sb_net_reset(void);
int sb_net_add_listener(int proto, const char *name, const char *addr, int port, int children);
int sb_net_listener_bound(int proto, int idx, int port, int fd);
int sb_net_add_alias(const char *host, int port, int proto);
void sb_net_set_globals(int children, int tcp_children, int tcp_lifetime, const char *cfg, int check);
int sb_pt_init(int workers);
int sb_pt_enter(int rank);
typedef int (*dns_f)(const char *name, int type, unsigned char *out, int cap);
void sb_dns_set_callback(dns_f f);
void sb_net_set_dns(int try_ipv6, int try_naptr, int disable_blacklist, int multihomed);
typedef void (*log_sink_f)(int, const char *, const char *, const char *, int);
void sb_log_set_sink(log_sink_f sink);

static int passed, failed;
#define CHECK(c) do { if (c) passed++; else { failed++; fprintf(stderr, "%s:%d: %s\n", __FILE__, __LINE__, #c); } } while (0)

static void quiet(int l, const char *m, const char *f, const char *t, int n) { (void)l; (void)m; (void)f; (void)t; (void)n; }

/* ---- a DNS stand-in writing the upcall format */
static unsigned char *w;
static void put16(unsigned v) { *w++ = (unsigned char)(v >> 8); *w++ = (unsigned char)v; }
static void text(const char *s) { size_t n = strlen(s); *w++ = (unsigned char)n; memcpy(w, s, n); w += n; }
static unsigned char *rec(int type) { put16((unsigned)type); put16(1); put16(0); put16(60); w += 2; return w; }
static void end(unsigned char *start) { unsigned n = (unsigned)(w - start); start[-2] = (unsigned char)(n >> 8); start[-1] = (unsigned char)n; }
static int queries;

static int fake_dns(const char *name, int type, unsigned char *out, int cap)
{
	unsigned char *r;
	(void)cap;
	queries++;
	type &= 0xffff;
	w = out;
	if (!strcmp(name, "fail.test"))
		return -1;
	if (type == T_NAPTR && !strcmp(name, "x.test")) {
		r = rec(T_NAPTR); put16(20); put16(1); text("s"); text("SIP+D2U"); text(""); text("_sip._udp.second.test"); end(r);
		r = rec(T_NAPTR); put16(10); put16(1); text("s"); text("SIP+D2U"); text(""); text("_sip._udp.x.test"); end(r);
		r = rec(T_NAPTR); put16(5); put16(1); text("u"); text("E2U+sip"); text("!^.*$!sip:a@b!"); text(""); end(r);
	} else if (type == T_SRV && !strcmp(name, "_sip._udp.x.test")) {
		r = rec(T_SRV); put16(20); put16(0); put16(6000); text("late.x.test"); end(r);
		r = rec(T_SRV); put16(10); put16(0); put16(5000); text("early.x.test"); end(r);
	} else if (type == T_SRV && !strcmp(name, "_sip._udp.second.test")) {
		r = rec(T_SRV); put16(1); put16(0); put16(7000); text("early.x.test"); end(r);
	} else if (type == T_A && !strcmp(name, "early.x.test")) {
		r = rec(T_A); memcpy(w, "\x0a\x00\x00\x01", 4); w += 4; end(r);
		r = rec(T_A); memcpy(w, "\x0a\x00\x00\x02", 4); w += 4; end(r);
	} else if (type == T_A && !strcmp(name, "late.x.test")) {
		r = rec(T_A); memcpy(w, "\x0a\x00\x00\x03", 4); w += 4; end(r);
	} else if (type == T_AAAA && !strcmp(name, "six.test")) {
		r = rec(T_AAAA); memcpy(w, "\x20\x01\x0d\xb8\0\0\0\0\0\0\0\0\0\0\0\x09", 16); w += 16; end(r);
	} else if (type == T_A && !strcmp(name, "bad.test")) {
		r = rec(T_A); memcpy(w, "\x0a", 1); w += 1; end(r);   /* a broken record */
	} else if (type == T_A && !strcmp(name, "trunc.test")) {
		r = rec(T_A); memcpy(w, "\x0a\x00\x00\x03", 4); w += 4; end(r);
		return (int)(w - out) + 7;   /* claims more than it wrote */
	}
	return (int)(w - out);
}

static void test_sockets(void)
{
	str h = str_init("127.0.0.1"), name = str_init("sip.test"), alias = str_init("alias.test");
	str v6 = str_init("[::1]"), other = str_init("192.0.2.1");
	struct ip_addr ip;
	char *host;
	int hlen, port, proto;

	sb_net_reset();
	CHECK(sb_net_add_listener(PROTO_UDP, "127.0.0.1", "127.0.0.1", 0, 4) == 0);
	CHECK(sb_net_add_listener(PROTO_UDP, "sip.test", "127.0.0.2", 5070, 4) == 0);
	CHECK(sb_net_add_listener(PROTO_TCP, "::1", "::1", 5080, 0) == 0);
	CHECK(sb_net_add_listener(PROTO_UDP, "x", "not-an-address", 5, 1) == -1);
	CHECK(sb_net_add_listener(9, "x", "127.0.0.1", 5, 1) == -1);
	CHECK(sb_net_listener_bound(PROTO_UDP, 0, 5060, 7) == 0);
	CHECK(sb_net_listener_bound(PROTO_UDP, 5, 5060, -1) == -1);
	sb_net_add_alias("alias.test", 0, 0);
	sb_net_set_globals(4, 4, 0, "t.cfg", 0);
	CHECK(udp_listen && udp_listen->port_no == 5060 && udp_listen->socket == 7);
	CHECK(udp_listen->sock_str.len == 18 && !strncmp(udp_listen->sock_str.s, "udp:127.0.0.1:5060", 18));
	CHECK(get_first_socket() == udp_listen && children_no == 4 && tcp_disable == 0 && port_no == 5060);
	CHECK(grep_sock_info(&h, 5060, PROTO_UDP) == udp_listen);
	CHECK(grep_sock_info(&h, 5061, PROTO_UDP) == NULL);
	CHECK(grep_sock_info(&name, 0, 0) == udp_listen->next);
	CHECK(grep_sock_info(&v6, 5080, 0) == tcp_listen);
	CHECK(grep_sock_info(&other, 0, 0) == NULL);
	memset(&ip, 0, sizeof(ip));
	ip.af = AF_INET; ip.len = 4;
	inet_pton(AF_INET, "127.0.0.2", ip.u.addr);
	CHECK(find_si(&ip, 5070, PROTO_UDP) == udp_listen->next);
	CHECK(find_si(&ip, 5070, PROTO_TCP) == NULL);
	CHECK(check_self(&alias, 9999, PROTO_UDP) == 1 && check_self(&other, 0, 0) == 0);
	CHECK(check_self(NULL, 0, 0) == -1);
	CHECK(parse_phostport("tcp:host.test:5099", 18, &host, &hlen, &port, &proto) == 0 &&
			hlen == 9 && port == 5099 && proto == PROTO_TCP);
	CHECK(parse_phostport("[::1]:5060", 10, &host, &hlen, &port, &proto) == 0 && hlen == 5 && port == 5060);
	CHECK(parse_phostport("udp:h", 5, &host, &hlen, &port, &proto) == 0 && proto == PROTO_UDP && port == 0);
	CHECK(parse_phostport("a:b:c:d", 7, &host, &hlen, &port, &proto) == -1);
	CHECK(parse_phostport("host:", 5, &host, &hlen, &port, &proto) == -1);
}

/* a module's alias checker (the domain module's kind): one name, any port */
static int checker_calls;
static int hosted(char *name, int len, unsigned short port, unsigned short proto)
{
	checker_calls++;
	return len == 11 && strncasecmp(name, "hosted.test", 11) == 0;
}

static void test_aliases(void)
{
	str hosted_name = str_init("HOSTED.test"), nobody = str_init("nobody.test");
	str v6ref = str_init("[2001:db8::5]");
	int i;

	sb_net_reset();
	CHECK(aliases == NULL);
	CHECK(add_alias("a.test", 6, 5060, PROTO_UDP) == 1);
	CHECK(add_alias("A.TEST", 6, 5060, PROTO_UDP) == 0);    /* matches: not added twice */
	CHECK(add_alias("a.test", 6, 0, 0) == 1);               /* any port: a different entry */
	CHECK(add_alias("a.test", 6, 0, 0) == 0);
	CHECK(add_alias("2001:db8::5", 11, 0, 0) == 1);
	CHECK(aliases != NULL && aliases->alias.s[aliases->alias.len] == 0);
	CHECK(grep_aliases("a.test", 6, 5070, PROTO_TCP) == 1); /* the any-port entry */
	CHECK(grep_aliases("b.test", 6, 0, 0) == 0);
	CHECK(grep_aliases(v6ref.s, v6ref.len, 0, 0) == 1);     /* brackets ignored */
	CHECK(add_alias(NULL, 3, 0, 0) == -1);
	/* a checker: check_self and grep_aliases ask it after the list */
	CHECK(check_self(&hosted_name, 5060, 0) == 0);
	CHECK(register_alias_fct(hosted) == 0);
	CHECK(alias_fcts != NULL && alias_fcts->alias_f != NULL);
	checker_calls = 0;
	CHECK(check_self(&hosted_name, 5060, 0) == 1 && checker_calls == 1);
	CHECK(check_self(&nobody, 0, 0) == 0);
	CHECK(grep_aliases("hosted.test", 11, 0, 0) == 1);
	CHECK(register_alias_fct(NULL) == -1);
	for (i = 1; i < SB_MAX_ALIAS_FCTS; i++)
		CHECK(register_alias_fct(hosted) == 0);
	CHECK(register_alias_fct(hosted) == -1);                /* the slots are full */
	sb_net_reset();                                         /* alias= lines go, checkers stay */
	CHECK(aliases == NULL && check_self(&hosted_name, 0, 0) == 1);
}

static void test_pt(void)
{
	CHECK(sb_pt_init(3) == 5);   /* main, 3 workers, timer, no module processes */
	CHECK(sb_pt_enter(2) == 0 && process_no == 2 && my_pid() == pt[2].pid);
	CHECK(sb_pt_enter(-1) == 0 && process_no == 4);
	CHECK(sb_pt_enter(7) == -1);
	CHECK(count_init_children(0) == 5 && internal_fork("x") == -1);
}

static void test_dns(void)
{
	str x = str_init("x.test"), fail = str_init("fail.test"), lit = str_init("10.9.8.7");
	unsigned short port = 0, proto = 0;
	struct hostent *he;
	struct dns_node *dn = NULL, *copy;
	struct proxy_l *p;
	union sockaddr_union su;
	struct rdata *r;

	sb_dns_set_callback(fake_dns);
	he = sip_resolvehost(&x, &port, &proto, 0, &dn);
	CHECK(he && port == 5000 && proto == PROTO_UDP && he->h_addr_list[0][3] == 1 && he->h_addr_list[1][3] == 2);
	CHECK(dn != NULL);
	copy = dns_res_copy(dn);
	CHECK(copy && copy->no == dn->no);
	shm_free(copy);
	shm_free(dn);
	p = mk_proxy(&x, 0, 0, 0);
	CHECK(p != NULL);
	if (p) {
		CHECK(get_next_su(p, &su, 0) == 0 && su_getport(&su) == 5000);          /* 10.0.0.2 */
		CHECK(get_next_su(p, &su, 0) == 0 && su_getport(&su) == 6000);          /* late */
		CHECK(get_next_su(p, &su, 0) == 0 && su_getport(&su) == 7000);          /* next NAPTR */
		CHECK(get_next_su(p, &su, 0) == 0 && su_getport(&su) == 7000);          /* its 2nd A */
		CHECK(get_next_su(p, &su, 0) == -1);
		free_proxy(p);
		pkg_free(p);
	}
	port = 0; proto = 0;
	CHECK(sip_resolvehost(&fail, &port, &proto, 0, NULL) == NULL);
	CHECK(resolvehost("bad.test", 0) == NULL);
	CHECK(resolvehost("trunc.test", 0) != NULL || 1);   /* must not crash either way */
	he = sip_resolvehost(&lit, &port, &proto, 0, NULL);
	CHECK(he && port == 5060 && he->h_addr_list[0][0] == 10);
	r = get_record("x.test", T_NAPTR);
	CHECK(r && r->next && r->next->next && get_naptr(r)->order == 20);
	free_rdata_list(r);
	CHECK(get_record("fail.test", T_A) == NULL && get_record(NULL, T_A) == NULL);
	/* dns_try_ipv6: AAAA after A; dns_try_naptr off: straight to SRV */
	CHECK(resolvehost("six.test", 0) == NULL);
	sb_net_set_dns(1, 0, -1, -1);
	he = resolvehost("six.test", 0);
	CHECK(he && he->h_addrtype == AF_INET6 && he->h_length == 16 && he->h_addr_list[0][15] == 9);
	queries = 0;
	port = 0; proto = 0;
	he = sip_resolvehost(&x, &port, &proto, 0, NULL);
	CHECK(he && port == 5000 && queries == 2);   /* SRV + A, no NAPTR */
	sb_net_set_dns(0, 1, -1, -1);
}

static void test_bl_and_evi(void)
{
	struct bl_rule *first = NULL, *last = NULL;
	struct net n;
	struct ip_addr ip;
	str name = str_init("t"), body = str_init("x*"), text = str_init("xyz");
	struct bl_head *h;
	evi_params_p l;
	int v = 3;
	str s = str_init("val"), pn = str_init("p");

	memset(&n, 0, sizeof(n));
	n.ip.af = n.mask.af = AF_INET; n.ip.len = n.mask.len = 4;
	n.ip.u.addr[0] = 10; n.mask.u.addr[0] = 255;
	CHECK(add_rule_to_list(&first, &last, &n, &body, 0, 0, 0) == 0);
	h = create_bl_head(1, BL_BY_DEFAULT, NULL, NULL, &name);
	CHECK(h && add_list_to_head(h, first, last, 0, 0) == 0);
	memset(&ip, 0, sizeof(ip));
	ip.af = AF_INET; ip.len = 4; ip.u.addr[0] = 10;
	CHECK(check_against_blacklist(&ip, &text, 1, PROTO_UDP) == 1);
	mark_for_search(h, 0);
	CHECK(check_against_blacklist(&ip, &text, 1, PROTO_UDP) == 0);
	reset_bl_markers();
	CHECK(check_against_blacklist(&ip, &text, 1, PROTO_UDP) == 1);

	l = evi_get_params();
	CHECK(l && evi_param_add_int(l, &pn, &v) == 0 && evi_param_add_str(l, &pn, &s) == 0);
	CHECK(l->first->val.n == 3 && l->last->val.s.len == 3 && l->last->val.s.s != s.s);
	evi_free_params(l);
	CHECK(evi_raise_event(0, NULL) == -1 && evi_probe_event(-2) == -1);
}

int main(void)
{
	sb_log_set_sink(quiet);
	test_sockets();
	test_aliases();
	test_pt();
	test_dns();
	test_bl_and_evi();
	printf("sb_net_test: %d passed, %d failed\n", passed, failed);
	return failed ? 1 : 0;
}
