/* Internals of the native message view shared by the files of native/msg. */
#ifndef SB_MSG_INT_H
#define SB_MSG_INT_H

#include <stdint.h>
#include "sb_msg_sdk.h"
#include "sb_slot.h"
#include "sb_view_input.h"
#include "sb_mem.h"
#include "arena.h"

/* The last new_uri/dst_uri the core saw for a slot (uri_watch.c). */
struct sb_uri_watch {
	char *seen_s;   /* msg's pointer then */
	int len;        /* its length then (-1: unknown, report a change) */
	char *copy;     /* its bytes then (malloc, cap bytes) */
	int cap;
};

struct sb_slot {
	struct sip_msg msg;          /* first: a slot and its message share the address */
	char *buf;                   /* buf_cap + 1 bytes: room for the NUL */
	int buf_cap;
	int32_t *input;
	int input_words;
	int max_headers;
	struct sb_arena arena;       /* hdr_field records and eagerly parsed bodies */
	struct sb_mem arena_mem;
	struct sb_send_info snd;
	/* the slot's receive socket, rebuilt only when the local address changes */
	struct socket_info rcv_sock;
	struct socket_info *bind_override;
	char rcv_addr_txt[IP_ADDR_MAX_STR_SIZE];
	char rcv_port_txt[8];
	/* "proto:[ipv6]:port": MAX_SOCKET_STR leaves out the brackets and the NUL would not
	 * fit ("sctp:[<39 characters>]:65000" is 52 characters) */
	char rcv_sock_txt[MAX_SOCKET_STR + 4];
	/* change detection of new_uri and dst_uri (uri_watch.c); uri_gen is read by Java */
	struct sb_uri_watch ruri_watch, duri_watch;
	int32_t uri_gen[SB_GEN_COUNT];
};

/* After a C call that got msg: bump uri_gen for each URI whose pointer, length or bytes
 * changed since the last check. No-op for a message that is not a slot's. */
void sb_msg_uri_check(struct sip_msg *msg);
void sb_uri_watch_free(struct sb_uri_watch *w);

/* The slot whose view the current module call sees, per worker thread. */
extern __thread struct sb_slot *sb_cur_slot __attribute__((tls_model("initial-exec")));

static inline struct sb_slot *sb_slot_of(struct sip_msg *msg)
{
	return msg ? (struct sb_slot *)msg->sb_slot : NULL;
}

/* parse functions with an explicit allocator (sb_pkg_mem for modules, the arena for
 * the view) */
char *sb_parse_via(char *buffer, char *end, struct via_body *vb, const struct sb_mem *m);
char *sb_parse_to(char *buffer, char *end, struct to_body *tb, const struct sb_mem *m);
char *sb_parse_cseq(char *buf, char *end, struct cseq_body *cb);
unsigned int sb_method_of(const char *s, int len);

/* frees everything the current message owns; the view is then empty */
void sb_view_reset(struct sb_slot *slot);

/* text of a protocol ("udp", ...), its length; "" and 0 when unknown */
int sb_proto_text(int proto, const char **s);
/* IPv4/IPv6 text of raw bytes; returns the length written (no NUL), 0 on error */
int sb_ip_text(int af, const uint8_t *ip, char *out, int cap);

/* view_build.c: the msg field holding the first header of a type (NULL: none), and
 * whether 1.11 links that type on sibling chains */
struct hdr_field **sb_hdr_shortcut(struct sip_msg *m, int type);
int sb_hdr_has_siblings(int type);

/* parse_rr.c: 1 when the URI parameters (what follows the first ';' of the URI) contain
 * r2 (a double Record-Route), else 0. Not in the SDK: 1.11's parse_rr.h has no is_2rr,
 * and the rr module defines a static one of that name. */
int is_2rr(str *_params);

/* Index of the first _c in _s outside quotes, or -1 (the SDK's find_not_quoted, 1.11's
 * inline of parser_f.h, gives a pointer instead). */
int sb_find_unquoted(str *_s, char _c);

#endif
