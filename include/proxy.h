/* sipbridge module SDK: a resolved next hop (OpenSIPS 1.11 proxy.h).
 *
 * mk_proxy resolves name (RFC 3263 through sip_resolvehost, see resolve.h) into a
 * struct proxy_l in pkg memory (mk_shm_proxy: shm) with a private copy of the addresses;
 * free_proxy/free_shm_proxy release what it holds (and then the caller frees the struct
 * itself, as in OpenSIPS: pkg_free(p) / shm_free(p)). */
#ifndef SB_SDK_PROXY_H
#define SB_SDK_PROXY_H

#include <netdb.h>
#include "ip_addr.h"
#include "str.h"

struct dns_node;

#define PROXY_SHM_FLAG (1 << 0)

struct proxy_l {
	str name;                 /* the name as given (not copied) */
	unsigned short flags;     /* PROXY_SHM_FLAG when host and dn are shm */
	unsigned short port;
	unsigned short proto;
	unsigned short addr_idx;  /* the address of host in use */
	struct hostent host;      /* the addresses of the current target */
	struct dns_node *dn;      /* what is left to try (get_next_su), shm, or NULL */
};

extern struct proxy_l *proxies;

struct proxy_l *mk_proxy(str *name, unsigned short port, unsigned short proto, int is_sips);
struct proxy_l *mk_shm_proxy(str *name, unsigned short port, unsigned short proto, int is_sips);
struct proxy_l *mk_proxy_from_ip(struct ip_addr *ip, unsigned short port, unsigned short proto);
void free_proxy(struct proxy_l *p);
void free_shm_proxy(struct proxy_l *p);

/* Deep copies of a hostent (name, aliases, addresses) in pkg or shm; 0 or an E_* code. */
void free_hostent(struct hostent *dst);
int hostent_cpy(struct hostent *dst, struct hostent *src);
int hostent_shm_cpy(struct hostent *dst, struct hostent *src);
void free_shm_hostent(struct hostent *dst);

/* A pkg copy of sp (addresses and resolver state copied too). */
struct proxy_l *clone_proxy(struct proxy_l *sp);

#include "resolve.h"

#endif
