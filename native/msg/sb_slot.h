/* The Java-facing API of the native message view. Every function is called on the
 * worker thread that owns the slot. See sb_view_input.h for the input format. */
#ifndef SB_SLOT_H
#define SB_SLOT_H

#include <stdint.h>
#include "sb_msg_sdk.h"

struct sb_slot;

/* The socket a message leaves on, filled by Java in the slot's area (sb_slot_send_info)
 * before a build call. Native layout, offsets fixed (sizeof = 88). */
struct sb_send_info {
	int32_t proto;        /*  0: PROTO_*; 0 = unknown (builders use the receive socket) */
	int32_t af;           /*  4: 4 or 6 */
	int32_t port;         /*  8: host order */
	int32_t addr_len;     /* 12: bytes used in addr */
	char addr[48];        /* 16: address as text, no brackets */
	uint8_t ip[16];       /* 64: raw address, network order */
	int32_t reserved[2];  /* 80 */
};

/* sb_msg_state bits (msg->sb_state) */
#define SB_MSG_BUILT  1   /* the view holds a message */
#define SB_MSG_BROKEN 2   /* the Java parser (or the eager C parse) rejected it */
#define SB_MSG_PARTIAL 4  /* the view input was inconsistent: the view holds the headers
                           * before the bad one and rcv only; builders refuse it */

#define SB_JAVA_API __attribute__((visibility("default")))

/* A slot with room for messages of buf_capacity bytes and max_headers headers.
 * NULL on bad arguments or no memory. */
SB_JAVA_API struct sb_slot *sb_slot_new(int buf_capacity, int max_headers);
/* Frees the slot and everything its last message still owns. */
SB_JAVA_API void sb_slot_free(struct sb_slot *slot);

SB_JAVA_API char *sb_slot_buf(struct sb_slot *slot);
SB_JAVA_API int sb_slot_buf_capacity(struct sb_slot *slot);
SB_JAVA_API int32_t *sb_slot_input(struct sb_slot *slot);
SB_JAVA_API int sb_slot_input_words(struct sb_slot *slot);
SB_JAVA_API int sb_slot_max_headers(struct sb_slot *slot);
SB_JAVA_API struct sb_send_info *sb_slot_send_info(struct sb_slot *slot);
/* The struct sip_msg modules get for this slot. */
SB_JAVA_API struct sip_msg *sb_slot_msg(struct sb_slot *slot);
/* Same as writing SBV_DIRTY = 1. */
SB_JAVA_API void sb_slot_mark_dirty(struct sb_slot *slot);
/* Frees what the current message owns (lumps, module-parsed bodies, new_uri...) now
 * rather than at the next build; the view is empty until the next dirty message. */
SB_JAVA_API void sb_slot_release_message(struct sb_slot *slot);
/* Replaces the slot's own receive socket as msg->rcv.bind_address (NULL = back to the
 * slot's own, built from the view input). The socket must outlive the slot. */
SB_JAVA_API void sb_slot_set_bind_address(struct sb_slot *slot, struct socket_info *si);

/* Call before every module function: rebuilds the view when the slot is dirty.
 * 0 when the message is usable, -1 when it is broken or could not be built (modules may
 * still be called: parse_headers() then returns -1). */
SB_JAVA_API int sb_msg_ensure(struct sip_msg *msg);

/* Offsets table: offsetof(struct sip_msg, field) for the fields Java reads back with
 * one memory read (see SB_LAYOUT_*); -1 for an unknown code. */
SB_JAVA_API int sb_msg_layout(int what);

/* Setters: the string is copied into pkg memory the message owns (NULL/len<=0
 * clears). 0 or -1 (no memory). */
SB_JAVA_API int sb_msg_set_new_uri(struct sip_msg *msg, const char *s, int len);
SB_JAVA_API int sb_msg_set_dst_uri(struct sip_msg *msg, const char *s, int len);
SB_JAVA_API int sb_msg_set_path_vec(struct sip_msg *msg, const char *s, int len);
SB_JAVA_API void sb_msg_set_flags(struct sip_msg *msg, unsigned int flags);
SB_JAVA_API void sb_msg_set_msg_flags(struct sip_msg *msg, unsigned int flags);
/* Generations of new_uri and dst_uri: two int32 counters (SB_GEN_*) that change every time
 * the URI's pointer, length or bytes changed after a C call or through the setters above.
 * Java reads them with one memory read after each C call (uri_watch.c). */
#define SB_GEN_NEW_URI 0
#define SB_GEN_DST_URI 1
#define SB_GEN_COUNT 2
SB_JAVA_API int32_t *sb_slot_uri_generations(struct sb_slot *slot);
/* Bit 0: header lumps, bit 1: body lumps, bit 2: reply lumps. */
SB_JAVA_API int sb_msg_lump_mask(struct sip_msg *msg);

/* hdr_types_t of a header name (full or compact form, any case), HDR_OTHER_T when not
 * a known one: the mapping the Java parser must reproduce in SBVH_TYPE. */
SB_JAVA_API int sb_hdr_type_of_name(const char *name, int len);

/* Codes for sb_msg_layout */
enum sb_layout {
	SB_LAYOUT_SIZEOF_MSG = 0,
	SB_LAYOUT_NEW_URI_S = 1,        /* char*  */
	SB_LAYOUT_NEW_URI_LEN = 2,      /* int32  */
	SB_LAYOUT_DST_URI_S = 3,
	SB_LAYOUT_DST_URI_LEN = 4,
	SB_LAYOUT_FLAGS = 5,            /* uint32 */
	SB_LAYOUT_MSG_FLAGS = 6,        /* uint32 */
	SB_LAYOUT_ADD_RM = 7,           /* pointer, non-NULL = header lumps */
	SB_LAYOUT_BODY_LUMPS = 8,       /* pointer */
	SB_LAYOUT_REPLY_LUMP = 9,       /* pointer */
	SB_LAYOUT_FORCE_SEND_SOCKET = 10, /* struct socket_info* */
	SB_LAYOUT_PATH_VEC_S = 11,
	SB_LAYOUT_PATH_VEC_LEN = 12,
	SB_LAYOUT_PARSED_URI_OK = 13,   /* int32 */
	SB_LAYOUT_ID = 14,              /* uint32 */
	SB_LAYOUT_BUF = 15,             /* char* */
	SB_LAYOUT_LEN = 16,             /* uint32 */
	SB_LAYOUT_HASH_INDEX = 17,      /* uint32 */
	SB_LAYOUT_SB_STATE = 18,        /* uint32: SB_MSG_* */
	SB_LAYOUT_SET_GLOBAL_ADDRESS_S = 19,
	SB_LAYOUT_SET_GLOBAL_ADDRESS_LEN = 20,
	SB_LAYOUT_SET_GLOBAL_PORT_S = 21,
	SB_LAYOUT_SET_GLOBAL_PORT_LEN = 22,
	SB_LAYOUT_COUNT
};

/* ---- builders: one call each, into out[0..cap). Return convention:
 *   >= 0           bytes written (no NUL added);
 *   SB_BUILD_EINVAL / SB_BUILD_EBADMSG / SB_BUILD_ENOMEM (-1..-3): error;
 *   <= -16         out was too small: -ret bytes are needed (nothing usable written).
 * Lumps are not consumed: a build can be repeated (e.g. per branch). */
#define SB_BUILD_EINVAL  -1
#define SB_BUILD_EBADMSG -2
#define SB_BUILD_ENOMEM  -3
#define SB_BUILD_NEED_MIN 16

/* (a) forward a request: R-URI = new_uri when set; via (a whole header line with its
 * CRLF, may be empty) inserted before the first Via; lumps applied; Content-Length
 * fixed (added if absent on a stream transport or when the body changed). SUBST and
 * conditional lumps use the send info of the slot. */
SB_JAVA_API int sb_build_request(struct sip_msg *msg, const char *via, int via_len,
		char *out, int cap);
/* (b) relay a reply: first Via removed, lumps applied, Content-Length fixed. */
SB_JAVA_API int sb_build_relayed_reply(struct sip_msg *msg, char *out, int cap);
/* (c) local stateless reply to the request: status line, Vias (received/rport set in
 * the first as needed, replacing any the client wrote), Record-Route for 180..299, From,
 * To (to_tag added when the To has none and code > 100), Call-ID, CSeq, reply lumps,
 * for 300..399 the destination set as a Contact line (print_dset, as 1.11's sl and tm
 * replies), the Server line (server_signature / server_header), Content-Length, body lump.
 * build_res_buf_from_sip_req is the same without the destination set. */
SB_JAVA_API int sb_build_local_reply(struct sip_msg *msg, int code,
		const char *reason, int reason_len, const char *to_tag, int to_tag_len,
		char *out, int cap);
/* (d) the message with its lumps applied (msg_apply_changes); with SB_APPLY_RURI the
 * R-URI is replaced by new_uri too. */
#define SB_APPLY_RURI 1
SB_JAVA_API int sb_build_applied(struct sip_msg *msg, int flags, char *out, int cap);

#endif
