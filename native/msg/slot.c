/* Slot life cycle and the small Java-facing accessors, setters and the layout table. */
#include <stdlib.h>
#include <string.h>
#include <stddef.h>
#include "sb_msg_int.h"

/* Room for the bodies parsed eagerly: a Via with a few parameters, a To, a CSeq. */
#define ARENA_BYTES_PER_HEADER 256

SB_JAVA_API struct sb_slot *sb_slot_new(int buf_capacity, int max_headers)
{
	struct sb_slot *slot;

	if (buf_capacity <= 0 || max_headers <= 0 || max_headers > 100000)
		return NULL;
	slot = calloc(1, sizeof(*slot));
	if (slot == NULL)
		return NULL;
	slot->buf = malloc((size_t)buf_capacity + 1);
	slot->input_words = SBV_INPUT_WORDS(max_headers);
	slot->input = calloc((size_t)slot->input_words, sizeof(int32_t));
	if (slot->buf == NULL || slot->input == NULL ||
			sb_arena_init(&slot->arena, (size_t)max_headers *
				(sizeof(struct hdr_field) + ARENA_BYTES_PER_HEADER)) < 0) {
		free(slot->buf);
		free(slot->input);
		free(slot);
		return NULL;
	}
	sb_mem_for_arena(&slot->arena_mem, &slot->arena);
	slot->buf_cap = buf_capacity;
	slot->buf[0] = 0;
	slot->max_headers = max_headers;
	slot->input[SBV_MAGIC] = SBV_MAGIC_VALUE;
	slot->msg.sb_slot = slot;
	slot->msg.buf = slot->buf;
	return slot;
}

SB_JAVA_API void sb_slot_free(struct sb_slot *slot)
{
	if (slot == NULL)
		return;
	sb_view_reset(slot);
	if (sb_cur_slot == slot)
		sb_cur_slot = NULL;
	sb_arena_destroy(&slot->arena);
	sb_uri_watch_free(&slot->ruri_watch);
	sb_uri_watch_free(&slot->duri_watch);
	free(slot->buf);
	free(slot->input);
	free(slot);
}

SB_JAVA_API char *sb_slot_buf(struct sb_slot *slot) { return slot->buf; }
SB_JAVA_API int sb_slot_buf_capacity(struct sb_slot *slot) { return slot->buf_cap; }
SB_JAVA_API int32_t *sb_slot_input(struct sb_slot *slot) { return slot->input; }
SB_JAVA_API int sb_slot_input_words(struct sb_slot *slot) { return slot->input_words; }
SB_JAVA_API int sb_slot_max_headers(struct sb_slot *slot) { return slot->max_headers; }
SB_JAVA_API struct sb_send_info *sb_slot_send_info(struct sb_slot *slot) { return &slot->snd; }
SB_JAVA_API struct sip_msg *sb_slot_msg(struct sb_slot *slot) { return &slot->msg; }
SB_JAVA_API void sb_slot_mark_dirty(struct sb_slot *slot) { slot->input[SBV_DIRTY] = 1; }

SB_JAVA_API void sb_slot_release_message(struct sb_slot *slot)
{
	sb_view_reset(slot);
}

SB_JAVA_API void sb_slot_set_bind_address(struct sb_slot *slot, struct socket_info *si)
{
	slot->bind_override = si;
	if (slot->msg.sb_state & SB_MSG_BUILT)
		slot->msg.rcv.bind_address = si ? si : &slot->rcv_sock;
}

SB_JAVA_API int sb_msg_layout(int what)
{
	switch (what) {
	case SB_LAYOUT_SIZEOF_MSG: return (int)sizeof(struct sip_msg);
	case SB_LAYOUT_NEW_URI_S: return (int)offsetof(struct sip_msg, new_uri.s);
	case SB_LAYOUT_NEW_URI_LEN: return (int)offsetof(struct sip_msg, new_uri.len);
	case SB_LAYOUT_DST_URI_S: return (int)offsetof(struct sip_msg, dst_uri.s);
	case SB_LAYOUT_DST_URI_LEN: return (int)offsetof(struct sip_msg, dst_uri.len);
	case SB_LAYOUT_FLAGS: return (int)offsetof(struct sip_msg, flags);
	case SB_LAYOUT_MSG_FLAGS: return (int)offsetof(struct sip_msg, msg_flags);
	case SB_LAYOUT_ADD_RM: return (int)offsetof(struct sip_msg, add_rm);
	case SB_LAYOUT_BODY_LUMPS: return (int)offsetof(struct sip_msg, body_lumps);
	case SB_LAYOUT_REPLY_LUMP: return (int)offsetof(struct sip_msg, reply_lump);
	case SB_LAYOUT_FORCE_SEND_SOCKET: return (int)offsetof(struct sip_msg, force_send_socket);
	case SB_LAYOUT_PATH_VEC_S: return (int)offsetof(struct sip_msg, path_vec.s);
	case SB_LAYOUT_PATH_VEC_LEN: return (int)offsetof(struct sip_msg, path_vec.len);
	case SB_LAYOUT_PARSED_URI_OK: return (int)offsetof(struct sip_msg, parsed_uri_ok);
	case SB_LAYOUT_ID: return (int)offsetof(struct sip_msg, id);
	case SB_LAYOUT_BUF: return (int)offsetof(struct sip_msg, buf);
	case SB_LAYOUT_LEN: return (int)offsetof(struct sip_msg, len);
	case SB_LAYOUT_HASH_INDEX: return (int)offsetof(struct sip_msg, hash_index);
	case SB_LAYOUT_SB_STATE: return (int)offsetof(struct sip_msg, sb_state);
	case SB_LAYOUT_SET_GLOBAL_ADDRESS_S: return (int)offsetof(struct sip_msg, set_global_address.s);
	case SB_LAYOUT_SET_GLOBAL_ADDRESS_LEN: return (int)offsetof(struct sip_msg, set_global_address.len);
	case SB_LAYOUT_SET_GLOBAL_PORT_S: return (int)offsetof(struct sip_msg, set_global_port.s);
	case SB_LAYOUT_SET_GLOBAL_PORT_LEN: return (int)offsetof(struct sip_msg, set_global_port.len);
	default: return -1;
	}
}

/* Replaces a pkg str of the message with a copy of s. */
static int replace_pkg_str(str *dst, const char *s, int len)
{
	char *copy = NULL;
	if (s != NULL && len > 0) {
		copy = pkg_malloc((size_t)len + 1);
		if (copy == NULL)
			return -1;
		memcpy(copy, s, (size_t)len);
		copy[len] = 0;
	}
	if (dst->s)
		pkg_free(dst->s);
	dst->s = copy;
	dst->len = copy ? len : 0;
	return 0;
}

SB_JAVA_API int sb_msg_set_new_uri(struct sip_msg *msg, const char *s, int len)
{
	if (replace_pkg_str(&msg->new_uri, s, len) < 0)
		return -1;
	msg->parsed_uri_ok = 0;
	sb_msg_uri_check(msg);
	return 0;
}

SB_JAVA_API int sb_msg_set_dst_uri(struct sip_msg *msg, const char *s, int len)
{
	if (replace_pkg_str(&msg->dst_uri, s, len) < 0)
		return -1;
	sb_msg_uri_check(msg);
	return 0;
}

SB_JAVA_API int sb_msg_set_path_vec(struct sip_msg *msg, const char *s, int len)
{
	return replace_pkg_str(&msg->path_vec, s, len);
}

SB_JAVA_API void sb_msg_set_flags(struct sip_msg *msg, unsigned int flags) { msg->flags = flags; }
SB_JAVA_API void sb_msg_set_msg_flags(struct sip_msg *msg, unsigned int flags) { msg->msg_flags = flags; }

SB_JAVA_API int sb_msg_lump_mask(struct sip_msg *msg)
{
	return (msg->add_rm ? 1 : 0) | (msg->body_lumps ? 2 : 0) | (msg->reply_lump ? 4 : 0);
}

/* The module-facing setters of msg_parser.h. */
int set_ruri(struct sip_msg *msg, str *uri)
{
	if (uri == NULL)
		return -1;
	return sb_msg_set_new_uri(msg, uri->s, uri->len);
}

int set_dst_uri(struct sip_msg *msg, str *uri)
{
	if (uri == NULL)
		return -1;
	return sb_msg_set_dst_uri(msg, uri->s, uri->len);
}

int set_path_vector(struct sip_msg *msg, str *path)
{
	if (path == NULL)
		return -1;
	return sb_msg_set_path_vec(msg, path->s, path->len);
}
