/* Per-thread blocks on the heap, for per-thread buffers too large for the core's TLS.
 *
 * The core library has initial-exec TLS for the trampoline (SB_TLS_HOT), which makes glibc
 * place its whole TLS segment in the small static TLS area left for dlopen'ed libraries; a
 * few hundred bytes of buffers there and the library no longer loads. A block is allocated
 * on the thread's first use and freed when the thread exits. */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include "sb_core.h"
#include "../include/ip_addr.h"

static pthread_key_t keys[SB_TB_COUNT];

__attribute__((constructor)) static void make_keys(void)
{
	int i;
	for (i = 0; i < SB_TB_COUNT; i++)
		pthread_key_create(&keys[i], free);
}

void *sb_thread_block(enum sb_thread_block_id id, size_t size)
{
	void *p = pthread_getspecific(keys[id]);
	if (p == NULL) {
		p = calloc(1, size);
		if (p != NULL && pthread_setspecific(keys[id], p) != 0) {
			free(p);
			p = NULL;
		}
	}
	return p;
}

/* ip_addr2he for the core's own files: the same one-address hostent as ip_addr.h's inline,
 * in a per-thread heap block instead of static TLS buffers. */
struct hostent_block {
	struct hostent he;
	char host[256];
	char addr[16];
	char *addrs[2];
	char *aliases[1];
};

struct hostent *sb_ip_addr2he(str *name, struct ip_addr *ip)
{
	struct hostent_block *b;
	int n;

	if (ip->len > 16)
		return 0;
	b = sb_thread_block(SB_TB_HOSTENT, sizeof(*b));
	if (b == NULL)
		return 0;
	n = name->len < 255 ? name->len : 255;
	memcpy(b->host, name->s, (size_t)n);
	b->host[n] = 0;
	memcpy(b->addr, ip->u.addr, ip->len);
	b->addrs[0] = b->addr;
	b->addrs[1] = 0;
	b->aliases[0] = 0;
	b->he.h_name = b->host;
	b->he.h_aliases = b->aliases;
	b->he.h_addrtype = (int)ip->af;
	b->he.h_length = (int)ip->len;
	b->he.h_addr_list = b->addrs;
	return &b->he;
}
