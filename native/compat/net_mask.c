/* ip_addr.h: mk_net and mk_net_bitlen, the address/mask pairs matchnet() compares against
 * (permissions builds its subnet table with them). The network part is kept: host bits
 * set in the address are cleared, with a warning, as 1.11 does. pkg memory the caller frees. */
#include <string.h>
#include "../sb_sdk.h"
#pragma GCC visibility push(default)
#include "../../include/ip_addr.h"
#include "../../include/mem/mem.h"
#include "../../include/dprint.h"
#pragma GCC visibility pop

struct net *mk_net(struct ip_addr *ip, struct ip_addr *mask)
{
	struct net *n;
	unsigned int i;
	int changed = 0;

	if (ip == NULL || mask == NULL || ip->af != mask->af || ip->len != mask->len) {
		LM_CRIT("address and mask of different families\n");
		return NULL;
	}
	n = pkg_malloc(sizeof(*n));
	if (n == NULL) {
		LM_CRIT("no pkg memory for a network\n");
		return NULL;
	}
	n->ip = *ip;
	n->mask = *mask;
	for (i = 0; i < ip->len && i < sizeof(n->ip.u.addr); i++) {
		unsigned char b = ip->u.addr[i] & mask->u.addr[i];
		if (b != ip->u.addr[i])
			changed = 1;
		n->ip.u.addr[i] = b;
	}
	if (changed)
		LM_WARN("network address %s had host bits set: cleared\n", ip_addr2a(ip));
	return n;
}

struct net *mk_net_bitlen(struct ip_addr *ip, unsigned int bitlen)
{
	struct ip_addr mask;
	unsigned int i;

	if (ip == NULL || bitlen > ip->len * 8) {
		LM_CRIT("bad prefix length %u\n", bitlen);
		return NULL;
	}
	memset(&mask, 0, sizeof(mask));
	mask.af = ip->af;
	mask.len = ip->len;
	for (i = 0; i < bitlen / 8; i++)
		mask.u.addr[i] = 0xff;
	if (bitlen % 8)
		mask.u.addr[i] = (unsigned char)(0xff << (8 - bitlen % 8));
	return mk_net(ip, &mask);
}
