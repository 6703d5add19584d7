/* Address and protocol text helpers. */
#include <stdio.h>
#include <string.h>
#include <arpa/inet.h>
#include "sb_msg_int.h"

int sb_ip_text(int af, const uint8_t *ip, char *out, int cap)
{
	char tmp[INET6_ADDRSTRLEN];
	size_t n;
	if (inet_ntop(af == 6 ? AF_INET6 : AF_INET, ip, tmp, sizeof(tmp)) == NULL)
		return 0;
	n = strlen(tmp);
	if ((int)n > cap)
		return 0;
	memcpy(out, tmp, n);
	return (int)n;
}

int sb_proto_text(int proto, const char **s)
{
	int n = proto2str_len(proto, s);
	return n < 0 ? 0 : n;
}

static __thread char ip_txt_buf[IP_ADDR_MAX_STR_SIZE + 1];

char *ip_addr2a(struct ip_addr *ip)
{
	int n = sb_ip_text(ip->af == AF_INET6 ? 6 : 4, ip->u.addr, ip_txt_buf,
			IP_ADDR_MAX_STR_SIZE);
	ip_txt_buf[n] = 0;
	return n ? ip_txt_buf : NULL;
}
