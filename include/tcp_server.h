/* sipbridge module SDK: TCP (OpenSIPS 1.11 tcp_server.h). Connections belong to the Java
 * transport; modules address them by id (msg->rcv.proto_reserved1). */
#ifndef SB_SDK_TCP_SERVER_H
#define SB_SDK_TCP_SERVER_H

#include "ip_addr.h"

struct tcp_connection;
struct mi_root;

extern int tcp_no_new_conn_bflag;
extern int tcp_no_new_conn;

/* Not available (connections are Java objects): NULL. */
struct tcp_connection *tcpconn_get(int id, struct ip_addr *ip, int port, int proto, int timeout);
void tcpconn_put(struct tcp_connection *c);
/* buf to `to` over TCP: on connection id when it is open, else on one to `to` (opened if
 * needed). 0 handed over, -1 not. */
int tcp_send(struct socket_info *send_sock, int type, char *buf, unsigned len,
		union sockaddr_union *to, int id);
/* Accepted and ignored: 0. */
int tcpconn_add_alias(int id, int port, int proto);
void force_tcp_conn_lifetime(struct receive_info *rcv, unsigned int timeout);
struct mi_root *mi_list_tcp_conns(struct mi_root *cmd, void *param);

#endif
