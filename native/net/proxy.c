/* proxy.h: resolved next hops and deep copies of hostents (pkg or shm). */
#include <stdlib.h>
#include <string.h>
#include "sb_net.h"

#pragma GCC visibility push(default)
#include "../../include/proxy.h"
#include "../../include/resolve.h"
#include "../../include/error.h"
#pragma GCC visibility pop

typedef void *(*alloc_f)(size_t);
typedef void (*he_free_fn)(void *);   /* not free_f: evi_transport.h has that name */

static void *pkg_alloc(size_t n) { return pkg_malloc(n); }
static void pkg_release(void *p) { pkg_free(p); }
static void *shm_alloc(size_t n) { return shm_malloc(n); }
static void shm_release(void *p) { shm_free(p); }

static void release_he(struct hostent *h, he_free_fn fr)
{
	if (h->h_name)
		fr(h->h_name);
	if (h->h_aliases) {
		for (int i = 0; h->h_aliases[i]; i++)
			fr(h->h_aliases[i]);
		fr(h->h_aliases);
	}
	if (h->h_addr_list) {
		for (int i = 0; h->h_addr_list[i]; i++)
			fr(h->h_addr_list[i]);
		fr(h->h_addr_list);
	}
	memset(h, 0, sizeof(*h));
}

static int copy_he(struct hostent *dst, struct hostent *src, alloc_f al, he_free_fn fr)
{
	int na = 0, nl = 0;

	memset(dst, 0, sizeof(*dst));
	if (src == NULL || src->h_addr_list == NULL)
		return E_BUG;
	dst->h_addrtype = src->h_addrtype;
	dst->h_length = src->h_length;
	if (src->h_name) {
		size_t l = strlen(src->h_name) + 1;
		if ((dst->h_name = al(l)) == NULL)
			goto nomem;
		memcpy(dst->h_name, src->h_name, l);
	}
	while (src->h_aliases && src->h_aliases[na])
		na++;
	if ((dst->h_aliases = al(sizeof(char *) * (size_t)(na + 1))) == NULL)
		goto nomem;
	memset(dst->h_aliases, 0, sizeof(char *) * (size_t)(na + 1));
	for (int i = 0; i < na; i++) {
		size_t l = strlen(src->h_aliases[i]) + 1;
		if ((dst->h_aliases[i] = al(l)) == NULL)
			goto nomem;
		memcpy(dst->h_aliases[i], src->h_aliases[i], l);
	}
	while (src->h_addr_list[nl])
		nl++;
	if ((dst->h_addr_list = al(sizeof(char *) * (size_t)(nl + 1))) == NULL)
		goto nomem;
	memset(dst->h_addr_list, 0, sizeof(char *) * (size_t)(nl + 1));
	for (int i = 0; i < nl; i++) {
		if ((dst->h_addr_list[i] = al((size_t)src->h_length)) == NULL)
			goto nomem;
		memcpy(dst->h_addr_list[i], src->h_addr_list[i], (size_t)src->h_length);
	}
	return 0;
nomem:
	LM_ERR("no more memory to copy a hostent\n");
	release_he(dst, fr);
	return E_OUT_OF_MEM;
}

int hostent_cpy(struct hostent *dst, struct hostent *src) { return copy_he(dst, src, pkg_alloc, pkg_release); }
int hostent_shm_cpy(struct hostent *dst, struct hostent *src) { return copy_he(dst, src, shm_alloc, shm_release); }
void free_hostent(struct hostent *dst) { if (dst) release_he(dst, pkg_release); }
void free_shm_hostent(struct hostent *dst) { if (dst) release_he(dst, shm_release); }

static struct proxy_l *new_proxy(str *name, unsigned short port, unsigned short proto, int is_sips,
		int shm)
{
	struct proxy_l *p;
	struct hostent *he;
	struct dns_node *dn = NULL;

	if (name == NULL || name->s == NULL || name->len <= 0) {
		LM_ERR("no host name\n");
		return NULL;
	}
	p = shm ? shm_malloc(sizeof(*p)) : pkg_malloc(sizeof(*p));
	if (p == NULL) {
		LM_ERR("no more memory\n");
		return NULL;
	}
	memset(p, 0, sizeof(*p));
	p->name = *name;
	p->port = port;
	p->proto = proto;
	p->flags = shm ? PROXY_SHM_FLAG : 0;
	he = sip_resolvehost(name, &p->port, &p->proto, is_sips, &dn);
	if (he == NULL) {
		LM_ERR("could not resolve hostname: \"%.*s\"\n", name->len, name->s);
		goto error;
	}
	if ((shm ? hostent_shm_cpy(&p->host, he) : hostent_cpy(&p->host, he)) != 0)
		goto error;
	p->dn = dn;
	return p;
error:
	if (dn)
		shm_free(dn);
	if (shm)
		shm_free(p);
	else
		pkg_free(p);
	return NULL;
}

struct proxy_l *mk_proxy(str *name, unsigned short port, unsigned short proto, int is_sips)
{
	return new_proxy(name, port, proto, is_sips, 0);
}

struct proxy_l *mk_shm_proxy(str *name, unsigned short port, unsigned short proto, int is_sips)
{
	return new_proxy(name, port, proto, is_sips, 1);
}

struct proxy_l *mk_proxy_from_ip(struct ip_addr *ip, unsigned short port, unsigned short proto)
{
	struct proxy_l *p;
	struct hostent *he;
	str none = { (char *)"", 0 };

	if (ip == NULL || (ip->af != AF_INET && ip->af != AF_INET6)) {
		LM_ERR("bad address\n");
		return NULL;
	}
	p = pkg_malloc(sizeof(*p));
	if (p == NULL) {
		LM_ERR("no more pkg memory\n");
		return NULL;
	}
	memset(p, 0, sizeof(*p));
	p->port = port;
	p->proto = proto;
	he = sb_ip_addr2he(&none, ip);
	if (he == NULL || hostent_cpy(&p->host, he) != 0) {
		pkg_free(p);
		return NULL;
	}
	return p;
}

void free_proxy(struct proxy_l *p)
{
	if (p == NULL)
		return;
	free_hostent(&p->host);
	free_dns_res(p);
}

void free_shm_proxy(struct proxy_l *p)
{
	if (p == NULL)
		return;
	free_shm_hostent(&p->host);
	free_dns_res(p);
}

struct proxy_l *clone_proxy(struct proxy_l *sp)
{
	struct proxy_l *dp;
	if (sp == NULL)
		return NULL;
	dp = pkg_malloc(sizeof(*dp));
	if (dp == NULL) {
		LM_ERR("no more pkg memory\n");
		return NULL;
	}
	*dp = *sp;
	dp->flags = (unsigned short)(sp->flags & ~PROXY_SHM_FLAG);
	dp->dn = NULL;
	if (hostent_cpy(&dp->host, &sp->host) != 0) {
		pkg_free(dp);
		return NULL;
	}
	if (sp->dn && (dp->dn = dns_res_copy(sp->dn)) == NULL) {
		free_hostent(&dp->host);
		pkg_free(dp);
		return NULL;
	}
	return dp;
}

struct proxy_l *shm_clone_proxy(struct proxy_l *sp, unsigned int move_dn)
{
	struct proxy_l *dp;
	if (sp == NULL)
		return NULL;
	dp = shm_malloc(sizeof(*dp));
	if (dp == NULL) {
		LM_ERR("no more shm memory\n");
		return NULL;
	}
	memset(dp, 0, sizeof(*dp));
	dp->port = sp->port;
	dp->proto = sp->proto;
	dp->addr_idx = sp->addr_idx;
	dp->flags = PROXY_SHM_FLAG;
	if (hostent_shm_cpy(&dp->host, &sp->host) != 0) {
		shm_free(dp);
		return NULL;
	}
	if (sp->dn) {
		if (move_dn) {
			dp->dn = sp->dn;
			sp->dn = NULL;
		} else if ((dp->dn = dns_res_copy(sp->dn)) == NULL) {
			free_shm_hostent(&dp->host);
			shm_free(dp);
			return NULL;
		}
	}
	return dp;
}
