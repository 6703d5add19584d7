/* sipbridge module SDK: event transports (OpenSIPS 1.11 evi/evi_transport.h). A
 * transport module (event_datagram, event_route...) registers its functions from mod_init;
 * subscriptions name it by proto ("udp:...", "route:..."). */
#ifndef SB_SDK_EVI_TRANSPORT_H
#define SB_SDK_EVI_TRANSPORT_H

#include <sys/types.h>
#include <sys/un.h>
#include <sys/socket.h>
#include "../mi/mi.h"
#include "../str.h"
#include "../ip_addr.h"
#include "../parser/msg_parser.h"
#include "evi_params.h"

#define EVI_ADDRESS (1 << 1)
#define EVI_PORT    (1 << 2)
#define EVI_SOCKET  (1 << 3)
#define EVI_PARAMS  (1 << 4)
#define EVI_EXPIRE  (1 << 8)
#define EVI_PENDING (1 << 9)

typedef union {
	union sockaddr_union udp_addr;
	struct sockaddr_un unix_addr;
} sockaddr_reply;

typedef struct ev_reply_sock_ {
	unsigned int flags;
	unsigned short port;
	str address;
	unsigned int expire;
	long subscription_time;
	sockaddr_reply src_addr;
	void *params;
} evi_reply_sock;

typedef int (raise_f)(struct sip_msg *msg, str *ev_name, evi_reply_sock *sock,
		evi_params_t *params);
typedef evi_reply_sock *(parse_f)(str);
typedef int (match_f)(evi_reply_sock *sock1, evi_reply_sock *sock2);
typedef void (free_f)(evi_reply_sock *sock);
typedef str (print_f)(evi_reply_sock *sock);

typedef struct evi_export_ {
	str proto;
	raise_f *raise;
	parse_f *parse;
	match_f *match;
	free_f *free;
	print_f *print;
	unsigned int flags;
} evi_export_t;

typedef struct evi_trans_ {
	evi_export_t *module;
	struct evi_trans_ *next;
} evi_trans_t;

/* 0, or -1 (bad export, or its proto is registered already). */
int register_event_mod(evi_export_t *ev);

#endif
