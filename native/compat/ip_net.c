/* ip_addr.h: print_ip and print_net (mk_net and mk_net_bitlen are in net_mask.c). */
#include <stdio.h>
#include <string.h>
#include "../sb_sdk.h"
#pragma GCC visibility push(default)
#include "../../include/ip_addr.h"
#pragma GCC visibility pop

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
