/* Reply lumps (data_lump_rpl.h). */
#include <string.h>
#include "sb_msg_int.h"

struct lump_rpl *add_lump_rpl(struct sip_msg *msg, char *s, int len, int flags)
{
	struct lump_rpl *l, **t;

	if (msg == NULL || s == NULL || len < 0 ||
			((flags & (LUMP_RPL_HDR | LUMP_RPL_BODY)) == 0) ||
			((flags & LUMP_RPL_HDR) && (flags & LUMP_RPL_BODY))) {
		LM_ERR("bad reply lump (flags %d)\n", flags);
		return NULL;
	}
	if (flags & LUMP_RPL_BODY) {
		for (l = msg->reply_lump; l; l = l->next)
			if (l->flags & LUMP_RPL_BODY) {
				LM_ERR("the reply has a body lump already\n");
				return NULL;
			}
	}
	l = pkg_malloc(sizeof(*l) + ((flags & LUMP_RPL_NODUP) ? 0 : (size_t)len));
	if (l == NULL) {
		LM_ERR("no more pkg memory\n");
		return NULL;
	}
	if (flags & LUMP_RPL_NODUP) {
		l->text.s = s;
	} else {
		l->text.s = (char *)(l + 1);
		memcpy(l->text.s, s, (size_t)len);
	}
	l->text.len = len;
	l->flags = flags & ~LUMP_RPL_SHMEM;
	l->next = NULL;
	for (t = &msg->reply_lump; *t; t = &(*t)->next);
	*t = l;
	return l;
}

void free_lump_rpl(struct lump_rpl *lump)
{
	if (lump == NULL)
		return;
	if ((lump->flags & LUMP_RPL_NODUP) && !(lump->flags & LUMP_RPL_NOFREE) && lump->text.s)
		pkg_free(lump->text.s);
	pkg_free(lump);
}

void unlink_lump_rpl(struct sip_msg *msg, struct lump_rpl *lump)
{
	struct lump_rpl **t;
	for (t = &msg->reply_lump; *t; t = &(*t)->next)
		if (*t == lump) {
			*t = lump->next;
			lump->next = NULL;
			return;
		}
}

void del_nonshm_lump_rpl(struct lump_rpl **list)
{
	struct lump_rpl **t = list, *l;
	while ((l = *t) != NULL) {
		if (l->flags & LUMP_RPL_SHMEM) {
			t = &l->next;
		} else {
			*t = l->next;
			free_lump_rpl(l);
		}
	}
}
