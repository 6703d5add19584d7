/* sipbridge module SDK: UDP (OpenSIPS 1.11 udp_server.h). The Java transport owns the
 * sockets: udp_send hands the datagram to it; udp_init and udp_rcv_loop do not apply. */
#ifndef SB_SDK_UDP_SERVER_H
#define SB_SDK_UDP_SERVER_H

#include "ip_addr.h"
#include "str.h"

/* A callback for datagrams that are not SIP: called with the receiving socket (-1 in
 * sipbridge), where it came from, and the bytes; a and b are the first two bytes a
 * datagram must start with (0 in both: any). */
typedef int (callback_f)(int sockfd, struct receive_info *ri, str *msg, void *param);

typedef struct cb_list {
	callback_f *func;
	void *param;
	char a;
	char b;
	struct cb_list *next;
} callback_list;

/* -1: the Java transport binds the sockets. */
int udp_init(struct socket_info *si);
/* buf[0..len) to `to` from the listener source. 0 handed over, -1 not (logged). */
int udp_send(struct socket_info *source, char *buf, unsigned len, union sockaddr_union *to);
/* -1: the Java transport receives. */
int udp_rcv_loop(void);
/* Registers func for non-SIP datagrams starting with a, b (STUN: 0x00/0x01). 0 or -1. */
int register_udprecv_cb(callback_f func, void *param, char a, char b);

#endif
