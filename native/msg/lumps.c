/* Lumps with OpenSIPS 1.11 semantics (see data_lump.h / lump_struct.h). */
#include <string.h>
#include "sb_msg_int.h"

__thread int init_lump_flags;

static struct lump *new_lump(enum lump_op op, enum _hdr_types_t type)
{
	struct lump *l = pkg_malloc(sizeof(*l));
	if (l == NULL) {
		LM_ERR("no more pkg memory\n");
		return NULL;
	}
	memset(l, 0, sizeof(*l));
	l->op = op;
	l->type = type;
	l->flags = (enum lump_flag)init_lump_flags;
	return l;
}

static struct lump *new_add(char *text, unsigned int len, enum _hdr_types_t type)
{
	struct lump *l = new_lump(LUMP_ADD, type);
	if (l) {
		l->u.value = text;
		l->len = len;
	}
	return l;
}

struct lump *append_new_lump(struct lump **list, char *new_hdr, unsigned int len,
		enum _hdr_types_t type)
{
	struct lump *l, **t;
	if (list == NULL || (l = new_add(new_hdr, len, type)) == NULL)
		return NULL;
	for (t = list; *t; t = &(*t)->next);
	*t = l;
	return l;
}

struct lump *insert_new_lump(struct lump **list, char *new_hdr, unsigned int len,
		enum _hdr_types_t type)
{
	struct lump *l;
	if (list == NULL || (l = new_add(new_hdr, len, type)) == NULL)
		return NULL;
	l->next = *list;
	*list = l;
	return l;
}

/* The new lump goes right after `after` on its after-chain. */
static struct lump *link_after(struct lump *after, struct lump *l)
{
	if (l == NULL)
		return NULL;
	l->after = after->after;
	after->after = l;
	return l;
}

static struct lump *link_before(struct lump *before, struct lump *l)
{
	if (l == NULL)
		return NULL;
	l->before = before->before;
	before->before = l;
	return l;
}

struct lump *insert_new_lump_after(struct lump *after, char *new_hdr, unsigned int len,
		enum _hdr_types_t type)
{
	return after ? link_after(after, new_add(new_hdr, len, type)) : NULL;
}

struct lump *insert_new_lump_before(struct lump *before, char *new_hdr, unsigned int len,
		enum _hdr_types_t type)
{
	return before ? link_before(before, new_add(new_hdr, len, type)) : NULL;
}

static struct lump *new_subst(enum lump_subst subst, enum _hdr_types_t type)
{
	struct lump *l = new_lump(LUMP_ADD_SUBST, type);
	if (l)
		l->u.subst = subst;
	return l;
}

struct lump *insert_subst_lump_after(struct lump *after, enum lump_subst subst,
		enum _hdr_types_t type)
{
	return after ? link_after(after, new_subst(subst, type)) : NULL;
}

struct lump *insert_subst_lump_before(struct lump *before, enum lump_subst subst,
		enum _hdr_types_t type)
{
	return before ? link_before(before, new_subst(subst, type)) : NULL;
}

static struct lump *new_cond(enum lump_conditions c, enum _hdr_types_t type)
{
	struct lump *l = new_lump(LUMP_ADD_OPT, type);
	if (l)
		l->u.cond = c;
	return l;
}

struct lump *insert_cond_lump_after(struct lump *after, enum lump_conditions c,
		enum _hdr_types_t type)
{
	return after ? link_after(after, new_cond(c, type)) : NULL;
}

struct lump *insert_cond_lump_before(struct lump *before, enum lump_conditions c,
		enum _hdr_types_t type)
{
	return before ? link_before(before, new_cond(c, type)) : NULL;
}

struct lump *insert_skip_lump_after(struct lump *after)
{
	return after ? link_after(after, new_lump(LUMP_SKIP, HDR_OTHER_T)) : NULL;
}

struct lump *insert_skip_lump_before(struct lump *before)
{
	return before ? link_before(before, new_lump(LUMP_SKIP, HDR_OTHER_T)) : NULL;
}

/* add_rm, or body_lumps for an offset past the end of the headers. */
static struct lump **list_for(struct sip_msg *msg, unsigned int offset)
{
	if (msg->eoh && offset > (unsigned int)(msg->eoh - msg->buf))
		return &msg->body_lumps;
	return &msg->add_rm;
}

/* Inserts l after every NOP/DEL lump whose offset is <= its own. */
static void insert_sorted(struct lump **list, struct lump *l)
{
	struct lump **t;
	for (t = list; *t; t = &(*t)->next)
		if (((*t)->op == LUMP_DEL || (*t)->op == LUMP_NOP) &&
				(*t)->u.offset > l->u.offset)
			break;
	l->next = *t;
	*t = l;
}

struct lump *del_lump(struct sip_msg *msg, unsigned int offset, unsigned int len,
		enum _hdr_types_t type)
{
	struct lump *l;
	if (msg == NULL || offset > msg->len || len > msg->len - offset) {
		LM_ERR("bad range %u+%u for a message of %u bytes\n", offset, len,
				msg ? msg->len : 0);
		return NULL;
	}
	l = new_lump(LUMP_DEL, type);
	if (l == NULL)
		return NULL;
	l->u.offset = offset;
	l->len = len;
	insert_sorted(list_for(msg, offset), l);
	return l;
}

struct lump *anchor_lump(struct sip_msg *msg, unsigned int offset, unsigned int len,
		enum _hdr_types_t type)
{
	struct lump *l;
	(void)len;
	if (msg == NULL || offset > msg->len) {
		LM_ERR("bad offset %u for a message of %u bytes\n", offset, msg ? msg->len : 0);
		return NULL;
	}
	l = new_lump(LUMP_NOP, type);
	if (l == NULL)
		return NULL;
	l->u.offset = offset;
	insert_sorted(list_for(msg, offset), l);
	return l;
}

void free_lump(struct lump *l)
{
	if (l && l->op == LUMP_ADD && l->u.value && !(l->flags & LUMPFLAG_DUPED)) {
		pkg_free(l->u.value);
		l->u.value = NULL;
		l->len = 0;
	}
}

static void free_chain(struct lump *l, int before)
{
	struct lump *n;
	for (; l; l = n) {
		n = before ? l->before : l->after;
		/* a chain element may carry chains of the other direction too */
		if (before)
			free_chain(l->after, 0);
		else
			free_chain(l->before, 1);
		free_lump(l);
		pkg_free(l);
	}
}

void free_lump_list(struct lump *l)
{
	struct lump *n;
	for (; l; l = n) {
		n = l->next;
		free_chain(l->before, 1);
		free_chain(l->after, 0);
		free_lump(l);
		pkg_free(l);
	}
}

static struct lump *dup_one(struct lump *l)
{
	struct lump *c = pkg_malloc(sizeof(*c));
	if (c) {
		*c = *l;
		c->flags |= LUMPFLAG_DUPED;
		c->before = c->after = c->next = NULL;
	}
	return c;
}

static struct lump *dup_chain(struct lump *l, int before)
{
	struct lump *head = NULL, **t = &head, *c;
	for (; l; l = before ? l->before : l->after) {
		c = dup_one(l);
		if (c == NULL)
			return head;
		*t = c;
		t = before ? &c->before : &c->after;
	}
	return head;
}

struct lump *dup_lump_list(struct lump *l)
{
	struct lump *head = NULL, **t = &head, *c;
	for (; l; l = l->next) {
		c = dup_one(l);
		if (c == NULL) {
			free_duped_lump_list(head);
			return NULL;
		}
		c->before = dup_chain(l->before, 1);
		c->after = dup_chain(l->after, 0);
		*t = c;
		t = &c->next;
	}
	return head;
}

void free_duped_lump_list(struct lump *l)
{
	/* duped lumps share their texts (LUMPFLAG_DUPED): free_lump leaves them alone */
	free_lump_list(l);
}

/* OpenSIPS semantics: a top-level lump that matches goes with its whole before/after
 * chains; in the chains of one that stays, each matching element is unlinked and freed
 * (with whatever chains of the other direction hang off it). match(l) is "has any of
 * flags" for del_flaged_lumps and "lacks any of not_flags" for del_notflaged_lumps. */
static int lump_matches(const struct lump *l, enum lump_flag flags, int flagged)
{
	return flagged ? (l->flags & flags) != 0 : (~l->flags & flags) != 0;
}

static void del_in_chain(struct lump *head, enum lump_flag flags, int flagged, int before)
{
	struct lump *prev = head, *l, *next;
	for (l = before ? head->before : head->after; l; l = next) {
		next = before ? l->before : l->after;
		if (lump_matches(l, flags, flagged)) {
			if (before) {
				prev->before = next;
				free_chain(l->after, 0);
			} else {
				prev->after = next;
				free_chain(l->before, 1);
			}
			free_lump(l);
			pkg_free(l);
		} else {
			prev = l;
		}
	}
}

static void del_matching(struct lump **list, enum lump_flag flags, int flagged)
{
	struct lump **t = list, *l;
	while ((l = *t) != NULL) {
		if (lump_matches(l, flags, flagged)) {
			*t = l->next;
			l->next = NULL;
			free_lump_list(l);
		} else {
			del_in_chain(l, flags, flagged, 0);
			del_in_chain(l, flags, flagged, 1);
			t = &l->next;
		}
	}
}

/* Deletes the lumps that have any of flags. */
void del_flaged_lumps(struct lump **lump_list, enum lump_flag flags)
{
	del_matching(lump_list, flags, 1);
}

/* Deletes the lumps that lack any of not_flags. */
void del_notflaged_lumps(struct lump **lump_list, enum lump_flag not_flags)
{
	del_matching(lump_list, not_flags, 0);
}
