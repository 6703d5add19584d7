/* Noticing what C did to new_uri and dst_uri.
 *
 * Modules change the Request-URI in more ways than through set_ruri(): they free
 * msg->new_uri.s and allocate a new one (the allocator may hand back the same address,
 * with the same length), or they edit the bytes in place. Address and length therefore
 * do not tell whether the URI changed; its bytes do. Each slot keeps a copy of the last
 * new_uri and dst_uri the core saw, and after every C call that got the message
 * (sb_msg_uri_check) compares pointer, length and bytes. A difference bumps that URI's
 * generation, a counter Java reads with one memory read to know whether to read the URI
 * again. The comparison costs a pointer test when the URI is unset and a memcmp of the
 * URI otherwise (tens of bytes). */
#include <stdlib.h>
#include <string.h>
#include "sb_msg_int.h"

/* Compares what msg holds with the copy; on a difference, takes a new copy and returns 1. */
static int watch_update(struct sb_uri_watch *w, const str *now)
{
	int len = now->s ? now->len : 0;
	if (len < 0)
		len = 0;
	if (w->seen_s == now->s && w->len == len &&
			(len == 0 || memcmp(w->copy, now->s, (size_t)len) == 0))
		return 0;
	if (len > w->cap) {
		char *bigger = realloc(w->copy, (size_t)len);
		if (bigger == NULL) {
			/* cannot keep a copy: remember nothing, so the next check reports a change too */
			w->seen_s = NULL;
			w->len = -1;
			return 1;
		}
		w->copy = bigger;
		w->cap = len;
	}
	if (len > 0)
		memcpy(w->copy, now->s, (size_t)len);
	w->seen_s = now->s;
	w->len = len;
	return 1;
}

void sb_msg_uri_check(struct sip_msg *msg)
{
	struct sb_slot *slot = sb_slot_of(msg);
	if (slot == NULL)
		return;
	if (watch_update(&slot->ruri_watch, &msg->new_uri))
		slot->uri_gen[SB_GEN_NEW_URI]++;
	if (watch_update(&slot->duri_watch, &msg->dst_uri))
		slot->uri_gen[SB_GEN_DST_URI]++;
}

void sb_uri_watch_free(struct sb_uri_watch *w)
{
	free(w->copy);
	memset(w, 0, sizeof(*w));
}

SB_JAVA_API int32_t *sb_slot_uri_generations(struct sb_slot *slot)
{
	return slot->uri_gen;
}
