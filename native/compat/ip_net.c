/* ip_addr.h networks: an address with its mask (permissions, dispatcher, drouting and
 * load_balancer match sources against them with matchnet). */
#include <string.h>
#include "../sb_sdk.h"
#pragma GCC visibility push(default)
#include "../../include/ip_addr.h"
#pragma GCC visibility pop

/* A pkg copy of ip/mask with the host bits of ip cleared (warned about when set). */
struct net *mk_net(struct ip_addr *ip, struct ip_addr *mask)
{
	struct net *n;
	unsigned int i;
	int changed = 0;

	if (ip == NULL || mask == NULL) {
		LM_ERR("mk_net: NULL address or mask\n");
		return NULL;
	}
	if (ip->af != mask->af || ip->len != mask->len || ip->len > 16) {
		LM_CRIT("mk_net: address and mask of different families\n");
		return NULL;
	}
	n = pkg_malloc(sizeof(*n));
	if (n == NULL) {
		LM_CRIT("mk_net: out of pkg memory\n");
		return NULL;
	}
	n->ip = *ip;
	n->mask = *mask;
	for (i = 0; i < ip->len; i++) {
		n->ip.u.addr[i] &= mask->u.addr[i];
		changed |= n->ip.u.addr[i] != ip->u.addr[i];
	}
	if (changed)
		LM_WARN("network address %s had host bits set: cleared\n", ip_addr2a(ip));
	return n;
}

/* mk_net with the first bitlen bits of the mask set; NULL when bitlen is too long. */
struct net *mk_net_bitlen(struct ip_addr *ip, unsigned int bitlen)
{
	struct ip_addr mask;
	unsigned int i;

	if (ip == NULL) {
		LM_ERR("mk_net_bitlen: NULL address\n");
		return NULL;
	}
	if (bitlen > ip->len * 8) {
		LM_CRIT("mk_net_bitlen: %u bits for a %u-byte address\n", bitlen, ip->len);
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

void print_ip(char *prefix, struct ip_addr *ip, char *suffix)
{
	LM_DBG("%s%s%s", prefix ? prefix : "", ip ? ip_addr2a(ip) : "(null)", suffix ? suffix : "");
}

void print_net(struct net *net)
{
	char addr[64];
	if (net == NULL) {
		LM_WARN("print_net: NULL\n");
		return;
	}
	snprintf(addr, sizeof(addr), "%s", ip_addr2a(&net->ip));
	LM_DBG("%s/%s\n", addr, ip_addr2a(&net->mask));
}
