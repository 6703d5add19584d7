/* sipbridge module SDK: listening sockets. The structure lives in ip_addr.h (as in
 * OpenSIPS 1.11); the socket list and lookups (grep_sock_info, ...) belong to the core's
 * network layer. */
#ifndef SB_SDK_SOCKET_INFO_H
#define SB_SDK_SOCKET_INFO_H

#include "ip_addr.h"

#define MAX_SOCKET_STR (4 + 1 + IP_ADDR_MAX_STR_SIZE + 1 + 5 + 1)

/* "udp"/"tcp"/"tls"/"sctp"/"ws" in *s (not NUL-terminated), -1 if unknown. */
static inline int proto2str_len(int proto, const char **s)
{
	switch (proto) {
	case PROTO_UDP: *s = "udp"; return 3;
	case PROTO_TCP: *s = "tcp"; return 3;
	case PROTO_TLS: *s = "tls"; return 3;
	case PROTO_SCTP: *s = "sctp"; return 4;
	case PROTO_WS: *s = "ws"; return 2;
	default: *s = ""; return -1;
	}
}

/* The listening sockets per protocol, as in 1.11 (NULL-terminated lists). Until the
 * network layer fills them (core-net), they are empty and get_first_socket() is NULL. */
extern struct socket_info *udp_listen;
extern struct socket_info *tcp_listen;
extern struct socket_info *tls_listen;
extern struct socket_info *sctp_listen;

/* The first listener (UDP, then TCP, TLS, SCTP), NULL when there is none. */
static inline struct socket_info *get_first_socket(void)
{
	if (udp_listen)
		return udp_listen;
	if (tcp_listen)
		return tcp_listen;
	if (tls_listen)
		return tls_listen;
	return sctp_listen;
}

#endif
