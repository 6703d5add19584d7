/* usr_avp.h's lists: what 1.11's tm needs to keep AVPs per transaction.
 *
 * 1.11 keeps the AVPs of the process in a linked list of shm records and a pointer to the
 * current list head; tm moves the message's list into each transaction it creates and
 * makes the transaction's (or a branch's) head current around its routes and callbacks
 * (set_avp_list), so an $avp set in the request route is there in the failure route.
 *
 * sipbridge starts every message with its AVPs in the Java script engine (the $avp store,
 * native/avp.c reaches it by upcalls: no native call on the script's hot path). The first
 * time a module touches the lists on a thread (set_avp_list / get_avp_list), the thread
 * switches to "list mode" for the rest of the message: the Java store's values are moved
 * into the thread's own list (shm records, newest first), and from then on the C lists are
 * the store: usr_avp.h works on the current head, and the script's $avp reads and writes
 * the current head through sb_avp_list_* (AvpLists.java). So whatever head tm makes
 * current is what the script sees, exactly as in 1.11. sb_avp_list_reset ends the mode
 * (end of a worker's message, after each timer handler): the thread's own list is freed
 * and its head made current again; lists of transactions are the module's.
 *
 * Per thread: the mode, the thread's own head and the current head. A record's memory:
 * one shm block (record, then for a string value its str and the bytes, NUL-ended),
 * allocated by add_avp / sb_avp_list_add, freed by destroy_avp* / destroy_avp_list /
 * sb_avp_list_reset, or by the module owning a list (tm, when a transaction dies). */
#include <stdlib.h>
#include <string.h>
#include "sb_core.h"

static __thread int listed;                   /* this thread is in list mode */
static __thread struct usr_avp *own_head;      /* the thread's own list */
static __thread struct usr_avp **crt_head;     /* NULL: &own_head */

/* native/avp.c: asks Java to move the current message's $avp store into the current
 * list (through sb_avp_list_add) and clear its store. */
int sb_avp_export_store(void);

int sb_avp_listed(void)
{
	return listed;
}

SB_JAVA_API int sb_avp_list_mode(void)
{
	return listed;
}

static struct usr_avp **current(void)
{
	return crt_head != NULL ? crt_head : &own_head;
}

static void enter_list_mode(void)
{
	if (listed)
		return;
	listed = 1;          /* first: the export's additions go to the list */
	crt_head = &own_head;
	if (sb_avp_export_store() < 0)
		LM_ERR("the script's AVPs could not be moved into the AVP list\n");
}

struct usr_avp **get_avp_list(void)
{
	enter_list_mode();
	return current();
}

struct usr_avp **set_avp_list(struct usr_avp **list)
{
	struct usr_avp **old;
	enter_list_mode();
	old = current();
	crt_head = list != NULL ? list : &own_head;
	return old;
}

void destroy_avp_list(struct usr_avp **list)
{
	struct usr_avp *a, *next;
	if (list == NULL)
		return;
	for (a = *list; a != NULL; a = next) {
		next = a->next;
		shm_free(a);
	}
	*list = NULL;
}

void destroy_avp_list_unsafe(struct usr_avp **list)
{
	destroy_avp_list(list);
}

/* End of list mode: the thread's own list freed, its head current, the Java store the
 * $avp store again. Lists of transactions are not touched. */
SB_JAVA_API void sb_avp_list_reset(void)
{
	if (!listed)
		return;
	crt_head = &own_head;
	destroy_avp_list(&own_head);
	listed = 0;
}

/* ---- the list operations (list mode) ------------------------------------------------- */

static struct usr_avp *new_record(unsigned short flags, int id, int_str val)
{
	struct usr_avp *a;
	size_t size = sizeof(*a);
	if (flags & AVP_VAL_STR) {
		if (val.s.len < 0 || (val.s.len > 0 && val.s.s == NULL)) {
			LM_ERR("AVP %d: bad string value\n", id);
			return NULL;
		}
		size += sizeof(str) + (size_t)val.s.len + 1;
	}
	a = shm_malloc(size);
	if (a == NULL) {
		LM_ERR("no shm for AVP %d\n", id);
		return NULL;
	}
	a->id = id;
	a->flags = flags;
	a->next = NULL;
	if (flags & AVP_VAL_STR) {
		str *s = (str *)(a + 1);
		s->s = (char *)(s + 1);
		s->len = val.s.len;
		if (val.s.len > 0)
			memcpy(s->s, val.s.s, (size_t)val.s.len);
		s->s[val.s.len] = '\0';
		a->data = s;
	} else {
		a->data = (void *)(long)val.n;
	}
	return a;
}

void sb_avp_list_value(struct usr_avp *a, int_str *val)
{
	if (a->flags & AVP_VAL_STR)
		val->s = *(str *)a->data;
	else
		val->n = (int)(long)a->data;
}

int sb_avp_list_add_rec(unsigned short flags, int id, int_str val, int last)
{
	struct usr_avp **head = current(), *a, *t;
	if (id < 0) {
		LM_ERR("bad AVP id %d\n", id);
		return -1;
	}
	if ((a = new_record(flags, id, val)) == NULL)
		return -1;
	if (!last || *head == NULL) {
		a->next = *head;
		*head = a;
		return 0;
	}
	for (t = *head; t->next != NULL; t = t->next)
		;
	t->next = a;
	return 0;
}

/* The first record of id from `from` on; script flags (AVP_SCRIPT_MASK) filter when set. */
static struct usr_avp *find(struct usr_avp *from, int id, unsigned short flags)
{
	unsigned short want = flags & AVP_SCRIPT_MASK;
	for (; from != NULL; from = from->next)
		if (from->id == id && (want == 0 || (from->flags & want)))
			return from;
	return NULL;
}

struct usr_avp *sb_avp_list_search(unsigned short flags, int id, int_str *val,
		struct usr_avp *start)
{
	struct usr_avp *a;
	if (id < 0) {
		LM_ERR("bad AVP id %d\n", id);
		return NULL;
	}
	a = find(start != NULL ? start->next : *current(), id, flags);
	if (a != NULL && val != NULL)
		sb_avp_list_value(a, val);
	return a;
}

struct usr_avp *sb_avp_list_next(struct usr_avp *avp, int_str *val)
{
	struct usr_avp *a = find(avp->next, avp->id, avp->flags & AVP_SCRIPT_MASK);
	if (a != NULL && val != NULL)
		sb_avp_list_value(a, val);
	return a;
}

struct usr_avp *sb_avp_list_index(unsigned short flags, int id, int_str *val, unsigned int index)
{
	struct usr_avp *a = NULL;
	while ((a = sb_avp_list_search(flags, id, NULL, a)) != NULL) {
		if (index-- == 0) {
			if (val != NULL)
				sb_avp_list_value(a, val);
			return a;
		}
	}
	return NULL;
}

/* Unlinks and frees avp when it is on the current list; 1 when it was. */
int sb_avp_list_destroy(struct usr_avp *avp)
{
	struct usr_avp **p;
	for (p = current(); *p != NULL; p = &(*p)->next) {
		if (*p == avp) {
			*p = avp->next;
			shm_free(avp);
			return 1;
		}
	}
	return 0;
}

int sb_avp_list_destroy_id(unsigned short flags, int id, int all)
{
	struct usr_avp *a;
	int n = 0;
	while ((a = sb_avp_list_search(flags, id, NULL, NULL)) != NULL) {
		sb_avp_list_destroy(a);
		n++;
		if (!all)
			break;
	}
	return n;
}

/* ---- the script's $avp in list mode (AvpLists.java) ------------------------------------ */

/* How many values id has on the current list. */
SB_JAVA_API int sb_avp_list_count(int id)
{
	struct usr_avp *a = NULL;
	int n = 0;
	while ((a = sb_avp_list_search(0, id, NULL, a)) != NULL)
		n++;
	return n;
}

/* Value pos (0 = newest) of id: a string's bytes into buf and out[0] = its length,
 * out[1] = the int, out[2] = 1 for a string; 0, -1 when there is none, -(needed) - 2
 * when buf is too small. */
SB_JAVA_API int sb_avp_list_get(int id, int pos, char *buf, int cap, int32_t *out)
{
	int_str v;
	struct usr_avp *a;
	if (pos < 0 || out == NULL || (a = sb_avp_list_index(0, id, &v, (unsigned int)pos)) == NULL)
		return -1;
	if (a->flags & AVP_VAL_STR) {
		if (v.s.len > cap)
			return -v.s.len - 2;
		if (v.s.len > 0)
			memcpy(buf, v.s.s, (size_t)v.s.len);
		out[0] = v.s.len;
		out[1] = 0;
		out[2] = 1;
	} else {
		out[0] = 0;
		out[1] = v.n;
		out[2] = 0;
	}
	return 0;
}

/* Adds a value (is_str: the len bytes at ptr, else ival) as the newest of id. */
SB_JAVA_API int sb_avp_list_add(int id, int is_str, int ival, const char *ptr, int len)
{
	int_str v;
	if (is_str) {
		v.s.s = (char *)ptr;
		v.s.len = len;
	} else {
		v.n = ival;
	}
	return sb_avp_list_add_rec(is_str ? AVP_VAL_STR : 0, id, v, 0);
}

/* Removes every value of id; how many. */
SB_JAVA_API int sb_avp_list_delete(int id)
{
	return sb_avp_list_destroy_id(0, id, 1);
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
