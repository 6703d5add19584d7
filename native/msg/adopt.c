/* Helpers for run_top_route on a message C built (tm's faked requests, replies it holds):
 * the Java engine copies its bytes into a worker slot, parses them there, takes the
 * message's lumps over while the route runs, and hands everything back. */
#include <string.h>
#include "sb_msg_int.h"

/* Copies msg's bytes into dst (cap bytes); the length, or -1 (no buffer, too long). */
SB_JAVA_API int sb_msg_copy_buf(struct sip_msg *msg, char *dst, int cap)
{
	if (msg == NULL || msg->buf == NULL || msg->len == 0 || (int)msg->len > cap)
		return -1;
	memcpy(dst, msg->buf, msg->len);
	return (int)msg->len;
}

/* which: 0 new_uri, 1 dst_uri. Copies it into out; its length, -1 when unset, or
 * -(length) - 2 when out is too small. */
SB_JAVA_API int sb_msg_get_str(struct sip_msg *msg, int which, char *out, int cap)
{
	str *s = which == 0 ? &msg->new_uri : &msg->dst_uri;
	if (s->s == NULL || s->len <= 0)
		return -1;
	if (s->len > cap)
		return -s->len - 2;
	memcpy(out, s->s, s->len);
	return s->len;
}

SB_JAVA_API unsigned int sb_msg_get_id(struct sip_msg *msg) { return msg->id; }
SB_JAVA_API unsigned int sb_msg_get_flags(struct sip_msg *msg) { return msg->flags; }

static void append(struct lump **to, struct lump **from)
{
	struct lump **tail = to;
	while (*tail)
		tail = &(*tail)->next;
	*tail = *from;
	*from = NULL;
}

/* Moves every header, body and reply lump of `from` to the end of `to`'s lists. Lump
 * positions are offsets into the message buffer: valid in both when they hold the same
 * bytes (the adopted copy). */
SB_JAVA_API void sb_msg_move_lumps(struct sip_msg *from, struct sip_msg *to)
{
	struct lump_rpl **rt;
	if (from == NULL || to == NULL || from == to)
		return;
	append(&to->add_rm, &from->add_rm);
	append(&to->body_lumps, &from->body_lumps);
	rt = &to->reply_lump;
	while (*rt)
		rt = &(*rt)->next;
	*rt = from->reply_lump;
	from->reply_lump = NULL;
}
