/* usr_avp.h list functions. 1.11's tm moves the message's AVP list into each
 * transaction and makes a transaction's (or branch's) list the current one around its
 * routes. In sipbridge the AVP functions always work on the $avp store of the message
 * the thread is processing (native/avp.c), so the list heads modules keep stay empty:
 * set_avp_list only tracks which head is current, per thread, and hands the previous
 * one back, which is all its callers need to restore it. */
#include <stdlib.h>
#include <string.h>
#include "sb_core.h"

static __thread struct usr_avp *thread_head;          /* the thread's own, empty */
static __thread struct usr_avp **current_head;

struct usr_avp **get_avp_list(void)
{
	if (current_head == NULL)
		current_head = &thread_head;
	return current_head;
}

struct usr_avp **set_avp_list(struct usr_avp **list)
{
	struct usr_avp **old = get_avp_list();
	current_head = list != NULL ? list : &thread_head;
	return old;
}

void destroy_avp_list(struct usr_avp **list)
{
	if (list == NULL)
		return;
	if (*list != NULL)
		/* nothing in sipbridge links records into a list; a module that did owns them */
		LM_WARN("AVP list %p holds records the core did not put there; left alone\n",
				(void *)list);
	*list = NULL;
}

void destroy_avp_list_unsafe(struct usr_avp **list)
{
	destroy_avp_list(list);
}

#define REPLACE_MAX 15   /* value copies kept while the newer values are re-added */

int replace_avp(unsigned short flags, int id, int_str val, int index)
{
	struct { unsigned short flags; int_str v; char *copy; } newer[REPLACE_MAX];
	struct usr_avp *a;
	int_str v;
	int i, n = 0, r = -1;
	if (index < 0 || index >= REPLACE_MAX) {
		LM_ERR("AVP %d: index %d out of range (0..%d)\n", id, index, REPLACE_MAX - 1);
		return -1;
	}
	if (search_index_avp(flags, id, NULL, (unsigned int)index) == NULL) {
		LM_ERR("AVP %d has no value number %d\n", id, index);
		return -1;
	}
	/* keep the values newer than index (search records are reused: copy the text) */
	for (i = 0; i < index; i++) {
		if ((a = search_index_avp(flags, id, &v, (unsigned int)i)) == NULL)
			goto out;
		newer[n].flags = a->flags;
		newer[n].copy = NULL;
		newer[n].v = v;
		if (a->flags & AVP_VAL_STR) {
			if ((newer[n].copy = malloc((size_t)v.s.len + 1)) == NULL)
				goto out;
			memcpy(newer[n].copy, v.s.s, (size_t)v.s.len);
			newer[n].v.s.s = newer[n].copy;
		}
		n++;
	}
	for (i = 0; i <= index; i++)
		destroy_index_avp(flags, id, 0);
	if (add_avp(flags, id, val) != 0)
		goto out;
	r = 0;
	for (i = n - 1; i >= 0; i--)
		if (add_avp(newer[i].flags, id, newer[i].v) != 0)
			r = -1;
out:
	for (i = 0; i < n; i++)
		free(newer[i].copy);
	return r;
}
