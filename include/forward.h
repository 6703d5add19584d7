/* sipbridge module SDK: sending (OpenSIPS 1.11 forward.h).
 *
 * Every send leaves through the Java transport's sockets (UDP from the listener given as
 * send_sock, TCP on connection id when it is open, else to the address): the bytes are
 * handed over during the call and may be freed or reused right after it. msg_send is a
 * function of the core here (an inline in 1.11), with 1.11's arguments and results. */
#ifndef SB_SDK_FORWARD_H
#define SB_SDK_FORWARD_H

#include "globals.h"
#include "parser/msg_parser.h"
#include "route.h"
#include "proxy.h"
#include "ip_addr.h"
#include "udp_server.h"
#include "tcp_server.h"

/* The listener to send to su over proto from: the message's forced socket, else the
 * socket it was received on when it is of that protocol and family, else the first
 * listener of that protocol and family. NULL (logged) when there is none. */
struct socket_info *get_send_socket(struct sip_msg *msg, union sockaddr_union *su, int proto);
struct socket_info *get_out_socket(union sockaddr_union *to, int proto);

/* 1 when host:port (port 0: any) over proto (0: any) is one of our listeners or
 * aliases, 0 when not, -1 on bad arguments. */
int check_self(str *host, unsigned short port, unsigned short proto);

/* Builds msg for p (its Via on top, lumps applied) and sends it to p's current
 * address, trying its next ones (get_next_su) when a send fails. 0, or -1. */
int forward_request(struct sip_msg *msg, struct proxy_l *p);

/* to <- where a reply to via goes: received/rport when present, else its host:port
 * (resolved). 0, or -1. */
int update_sock_struct_from_via(union sockaddr_union *to, struct sip_msg *msg,
		struct via_body *via);

#define update_sock_struct_from_ip(to, msg) \
	init_su((to), &(msg)->rcv.src_ip, \
		((!(msg)->via1) || ((msg)->via1->rport) || ((msg)->msg_flags & FL_FORCE_RPORT)) ? \
			(msg)->rcv.src_port : \
			((msg)->via1->port) ? (msg)->via1->port : SIP_PORT)

/* Relays a reply by its second Via (our Via removed). 0, or -1. */
int forward_reply(struct sip_msg *msg);

/* buf[0..len) to `to` over proto from send_sock (NULL: get_send_socket); id is the TCP
 * connection to use when still open (0: any). 0, or -1 (logged). */
int msg_send(struct socket_info *send_sock, int proto, union sockaddr_union *to, int id,
		char *buf, int len);

typedef void (fwd_cb_t)(struct sip_msg *req, str *buffer, struct socket_info *send_sock,
		int proto, union sockaddr_union *to);
/* Called for every request forward_request sends (at most one callback: -1 for a second). */
int register_fwdcb(fwd_cb_t f);

#endif
