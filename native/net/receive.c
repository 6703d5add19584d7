/* receive_msg (receive.h): a module hands the server a message as if it had arrived
 * (sipcapture, tm's local requests...). Java copies it and queues it for the worker its
 * Call-ID picks; it is processed after this returns. */
#include "sb_net.h"

#pragma GCC visibility push(default)
#include "../../include/receive.h"
#pragma GCC visibility pop

/* 0 queued, -1 not (Java logs why). */
typedef int (*sb_receive_f)(const char *buf, int len, int proto, int src_af,
		const unsigned char *src_ip, int src_port, int dst_af, const unsigned char *dst_ip,
		int dst_port, int conn_id);

static sb_receive_f receive_cb;
static unsigned int msg_no;

SB_JAVA_API void sb_net_set_receive_callback(sb_receive_f f) { receive_cb = f; }

unsigned int get_next_msg_no(void)
{
	return __atomic_add_fetch(&msg_no, 1, __ATOMIC_RELAXED);
}

int receive_msg(char *buf, unsigned int len, struct receive_info *ri)
{
	int r;
	if (buf == NULL || len == 0 || len > 65535 || ri == NULL ||
			(ri->src_ip.af != AF_INET && ri->src_ip.af != AF_INET6)) {
		LM_ERR("bad message or receive info\n");
		return -1;
	}
	if (receive_cb == NULL) {
		LM_ERR("no server to receive the message\n");
		return -1;
	}
	{
		SB_UPCALL_BEGIN;
		r = receive_cb(buf, (int)len, ri->proto ? ri->proto : PROTO_UDP,
				ri->src_ip.af == AF_INET6 ? 6 : 4, ri->src_ip.u.addr, ri->src_port,
				ri->dst_ip.af == AF_INET6 ? 6 : (ri->dst_ip.af == AF_INET ? 4 : 0),
				ri->dst_ip.u.addr, ri->dst_port, ri->proto_reserved1);
		SB_UPCALL_END;
	}
	get_next_msg_no();
	return r < 0 ? -1 : 0;
}
