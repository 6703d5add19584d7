/* usr_avp.h over the Java script engine's AVP store (the one behind $avp(name)): every
 * function is an upcall that reads or changes the store of the message the calling
 * thread is processing. The records searches return are per-thread (a ring of
 * AVP_NODES), each with its own copy of the value. Once a module used the AVP lists on
 * the thread (set_avp_list, get_avp_list: tm), the thread is in list mode until the end
 * of its message and every function works on the current list instead
 * (native/avp_lists.c). */
#include <stdlib.h>
#include <string.h>
#include "sb_core.h"

enum { AVP_OP_ID = 0, AVP_OP_NAME, AVP_OP_COUNT, AVP_OP_GET, AVP_OP_ADD, AVP_OP_ADD_LAST,
	AVP_OP_DEL, AVP_OP_CLEAR, AVP_OP_SPEC_SLOT, AVP_OP_EXPORT };

/* native/avp_lists.c: list mode */
int sb_avp_listed(void);
void sb_avp_list_value(struct usr_avp *a, int_str *val);
int sb_avp_list_add_rec(unsigned short flags, int id, int_str val, int last);
struct usr_avp *sb_avp_list_search(unsigned short flags, int id, int_str *val,
		struct usr_avp *start);
struct usr_avp *sb_avp_list_next(struct usr_avp *avp, int_str *val);
struct usr_avp *sb_avp_list_index(unsigned short flags, int id, int_str *val, unsigned int index);
int sb_avp_list_destroy(struct usr_avp *avp);
int sb_avp_list_destroy_id(unsigned short flags, int id, int all);
void sb_avp_list_reset(void);

/* op, id, pos, flags, ival, ptr/len (text in or out), out[3] (len, ival, flags);
 * >= 0 result, -1 error / nothing, -(needed) - 2 when ptr is too small. */
typedef int (*sb_avp_cb_f)(int op, int id, int pos, int flags, int ival, char *ptr, int len,
		int32_t *out);
static sb_avp_cb_f avp_cb;

SB_JAVA_API void sb_avp_set_callback(sb_avp_cb_f f)
{
	avp_cb = f;
}

#define AVP_NODES 16

struct avp_node {
	struct usr_avp avp;   /* first: the record modules get */
	int pos;              /* 0 = newest */
	int live;
	int_str val;
	char *buf;
	int cap;
};

/* this thread's nodes and name buffer, on the heap (too large for the core's TLS) */
struct avp_tls {
	struct avp_node nodes[AVP_NODES];
	int next_node;
	char name_buf[256];
	str name_str;
};
static __thread struct avp_tls *avp_tls;

static struct avp_tls *mine(void)
{
	if (avp_tls == NULL)
		avp_tls = sb_thread_block(SB_TB_AVP, sizeof(struct avp_tls));
	return avp_tls;
}

/* A record of this thread's ring (from a search in the Java store), not a list record. */
static int is_node(const struct usr_avp *a)
{
	struct avp_tls *t = avp_tls;
	return t != NULL && (const char *)a >= (const char *)t->nodes
		&& (const char *)a < (const char *)(t->nodes + AVP_NODES);
}

static int call(int op, int id, int pos, int flags, int ival, char *ptr, int len, int32_t *out)
{
	if (avp_cb == NULL) {
		LM_ERR("no script engine for AVPs\n");
		return -1;
	}
	return avp_cb(op, id, pos, flags, ival, ptr, len, out);
}

/* avp_lists.c, entering list mode: the Java store of the current message moves into
 * the current list (Java adds each value through sb_avp_list_add, then clears its store). */
int sb_avp_export_store(void)
{
	return call(AVP_OP_EXPORT, 0, 0, 0, 0, NULL, 0, NULL);
}

/* Fetches value pos of id into the next node; NULL when there is none. */
static struct usr_avp *fetch(int id, int pos, int_str *val)
{
	struct avp_tls *t = mine();
	struct avp_node *n;
	int32_t out[3];
	int r;
	if (pos < 0 || t == NULL)
		return NULL;
	n = &t->nodes[t->next_node];
	for (;;) {
		r = call(AVP_OP_GET, id, pos, 0, 0, n->buf, n->cap, out);
		if (r >= -1)
			break;
		{
			int need = -r - 2 + 1;
			char *b = realloc(n->buf, need);
			if (b == NULL)
				return NULL;
			n->buf = b;
			n->cap = need;
		}
	}
	if (r < 0)
		return NULL;
	t->next_node = (t->next_node + 1) % AVP_NODES;
	memset(&n->avp, 0, sizeof(n->avp));
	n->avp.id = id;
	n->pos = pos;
	n->live = 1;
	n->avp.data = &n->val;
	/* PV_VAL_STR without PV_TYPE_INT: a string value (an int value carries its text too) */
	if ((out[2] & 4) && !(out[2] & 16)) {
		n->avp.flags = AVP_VAL_STR;
		n->val.s.s = n->buf;
		n->val.s.len = out[0];
	} else {
		n->val.n = out[1];
	}
	if (val)
		*val = n->val;
	return &n->avp;
}

struct usr_avp *search_first_avp(unsigned short flags, int id, int_str *val, struct usr_avp *start)
{
	int pos;
	if (sb_avp_listed())
		return sb_avp_list_search(flags, id, val, start != NULL && is_node(start) ? NULL : start);
	pos = start ? ((struct avp_node *)start)->pos + 1 : 0;
	return fetch(id, pos, val);
}

struct usr_avp *search_next_avp(struct usr_avp *avp, int_str *val)
{
	if (avp == NULL)
		return NULL;
	if (!is_node(avp))
		return sb_avp_list_next(avp, val);
	return fetch(avp->id, ((struct avp_node *)avp)->pos + 1, val);
}

struct usr_avp *search_index_avp(unsigned short flags, int id, int_str *val, unsigned int index)
{
	if (sb_avp_listed())
		return sb_avp_list_index(flags, id, val, index);
	return fetch(id, (int)index, val);
}

void get_avp_val(struct usr_avp *avp, int_str *val)
{
	if (avp == NULL || val == NULL)
		return;
	if (is_node(avp))
		*val = ((struct avp_node *)avp)->val;
	else
		sb_avp_list_value(avp, val);
}

static int add(unsigned short flags, int id, int_str val, int op)
{
	int r;
	if (sb_avp_listed())
		return sb_avp_list_add_rec(flags, id, val, op == AVP_OP_ADD_LAST);
	r = (flags & AVP_VAL_STR)
		? call(op, id, 0, 4, 0, val.s.s, val.s.len, NULL)
		: call(op, id, 0, 8 | 16, val.n, NULL, 0, NULL);
	return r < 0 ? -1 : 0;
}

int add_avp(unsigned short flags, int id, int_str val) { return add(flags, id, val, AVP_OP_ADD); }
int add_avp_last(unsigned short flags, int id, int_str val) { return add(flags, id, val, AVP_OP_ADD_LAST); }

/* The records of this thread after a removal at pos of id describe the value one up. */
static void removed(int id, int pos)
{
	struct avp_tls *t = mine();
	int i;
	for (i = 0; t != NULL && i < AVP_NODES; i++) {
		struct avp_node *n = &t->nodes[i];
		if (!n->live || n->avp.id != id)
			continue;
		if (n->pos == pos)
			n->live = 0;
		else if (n->pos > pos)
			n->pos--;
	}
}

void destroy_avp(struct usr_avp *avp)
{
	struct avp_node *n = (struct avp_node *)avp;
	if (n == NULL)
		return;
	if (!is_node(avp)) {
		sb_avp_list_destroy(avp);   /* a list record (list mode) */
		return;
	}
	if (!n->live)
		return;
	if (call(AVP_OP_DEL, avp->id, n->pos, 0, 0, NULL, 0, NULL) > 0)
		removed(avp->id, n->pos);
	n->live = 0;
}

void destroy_index_avp(unsigned short flags, int id, int index)
{
	if (sb_avp_listed()) {
		struct usr_avp *a = index >= 0 ? sb_avp_list_index(flags, id, NULL, (unsigned int)index) : NULL;
		if (a != NULL)
			sb_avp_list_destroy(a);
		return;
	}
	if (index >= 0 && call(AVP_OP_DEL, id, index, 0, 0, NULL, 0, NULL) > 0)
		removed(id, index);
}

int destroy_avps(unsigned short flags, int id, int all)
{
	int r;
	struct avp_tls *t;
	int i;
	if (sb_avp_listed())
		return sb_avp_list_destroy_id(flags, id, all);
	r = call(AVP_OP_DEL, id, all ? -1 : 0, 0, 0, NULL, 0, NULL);
	t = mine();
	for (i = 0; t != NULL && i < AVP_NODES; i++)
		if (t->nodes[i].avp.id == id)
			t->nodes[i].live = 0;
	return r < 0 ? 0 : r;
}

void reset_avps(void)
{
	struct avp_tls *t = mine();
	int i;
	if (sb_avp_listed()) {
		sb_avp_list_reset();   /* the thread's own list freed and current again, as 1.11 */
		return;
	}
	call(AVP_OP_CLEAR, 0, 0, 0, 0, NULL, 0, NULL);
	for (i = 0; t != NULL && i < AVP_NODES; i++)
		t->nodes[i].live = 0;
}

str *get_avp_name_id(int id)
{
	struct avp_tls *t = mine();
	int r;
	if (t == NULL)
		return NULL;
	r = call(AVP_OP_NAME, id, 0, 0, 0, t->name_buf, sizeof(t->name_buf), NULL);
	if (r < 0)
		return NULL;
	t->name_str.s = t->name_buf;
	t->name_str.len = r;
	return &t->name_str;
}

str *get_avp_name(struct usr_avp *avp)
{
	return avp ? get_avp_name_id(avp->id) : NULL;
}

int parse_avp_spec(str *name, int *avp_name)
{
	int id;
	if (name == NULL || name->s == NULL || name->len <= 0)
		return -1;
	id = call(AVP_OP_ID, 0, 0, 0, 0, name->s, name->len, NULL);
	if (id < 0)
		return -1;
	if (avp_name)
		*avp_name = id;
	return 0;
}

int get_avp_id(str *alias)
{
	int id;
	if (parse_avp_spec(alias, &id) < 0) {
		LM_ERR("no AVP id for that name\n");
		return -1;
	}
	return id;
}

/* pvar.h: the AVP id of an $avp(name) spec parsed by pv_parse_spec. */
int pv_get_avp_name(struct sip_msg *msg, pv_param_p ip, int *avp_name, unsigned short *name_type)
{
	int id;
	if (ip == NULL || avp_name == NULL) {
		LM_ERR("no spec\n");
		return -1;
	}
	if (ip->pvn.type == PV_NAME_INTSTR) {
		/* a static name (pv_parse_spec, pv_parse_avp_name) turned into its id at parse
		 * time; a module may have added script flags to isname.type (avpops) */
		*avp_name = ip->pvn.u.isname.name.n;
		if (name_type)
			*name_type = (unsigned short)(ip->pvn.u.isname.type & AVP_SCRIPT_MASK);
		return 0;
	}
	id = call(AVP_OP_SPEC_SLOT, 0, 0, 0, 0, (char *)ip->pvn.u.dname, 0, NULL);
	if (id < 0) {
		LM_ERR("not an $avp(name) spec\n");
		return -1;
	}
	*avp_name = id;
	if (name_type)
		*name_type = 0;
	return 0;
}

/* pvar.h: the name of a name parameter (1.11): a static one as it was parsed (the AVP id
 * as an int, or a string name), or the value of the pseudo-variable a module's own
 * parse_name put in dname (a pv_spec_p, as 1.11). sipbridge's own specs never carry a
 * pseudo-variable name (static $avp names are PV_NAME_INTSTR), so a small dname (a Java
 * handle, not a pointer) is refused rather than followed. 0, or -1. */
int pv_get_spec_name(struct sip_msg *msg, pv_param_p ip, pv_value_t *name)
{
	if (msg == NULL || ip == NULL || name == NULL)
		return -1;
	memset(name, 0, sizeof(*name));
	if (ip->pvn.type == PV_NAME_INTSTR) {
		if (ip->pvn.u.isname.type & AVP_NAME_STR) {
			name->rs = ip->pvn.u.isname.name.s;
			name->flags = PV_VAL_STR;
		} else {
			name->ri = ip->pvn.u.isname.name.n;
			name->flags = PV_VAL_INT | PV_TYPE_INT;
		}
		return 0;
	}
	if ((uintptr_t)ip->pvn.u.dname < 65536) {
		LM_ERR("this name is not a pseudo-variable spec\n");
		return -1;
	}
	if (pv_get_spec_value(msg, (pv_spec_p)ip->pvn.u.dname, name) != 0) {
		LM_ERR("cannot get name value\n");
		return -1;
	}
	if (name->flags & (PV_VAL_NULL | PV_VAL_EMPTY)) {
		LM_ERR("null or empty name\n");
		return -1;
	}
	return 0;
}

/* usr_avp.h: 1.11 builds a detached AVP a module then links into the message's list by
 * hand (avpops' avp_insert). sipbridge's AVPs live in the script engine's store, not in
 * a C list a module can link into, so there is nothing to link: refused with an error
 * (the caller's error path) rather than a record whose linking would be lost. */
struct usr_avp *new_avp(unsigned short flags, int id, int_str val)
{
	(void)flags; (void)val;
	LM_ERR("new_avp (AVP %d): AVPs live in sipbridge's script store; a detached AVP cannot be"
			" linked into it (use add_avp/add_avp_last)\n", id);
	return NULL;
}
