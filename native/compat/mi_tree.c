/* MI trees (include/mi/tree.h, attr.h) and MI registration (include/mi/mi.h).
 *
 * A node and the text it copies (MI_DUP_NAME / MI_DUP_VALUE, formatted values) are one
 * allocation: the copies follow the struct. Trees live in pkg memory, or shm for
 * clone_mi_tree(.., 1), and are charged to the calling module like any allocation. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "sb_compat.h"

typedef void *(*alloc_f)(size_t);
typedef void (*free_f)(void *);

/* Allocates head bytes (zeroed) plus room for the name/value copies flags asks for, and
 * points name_out and value_out at the copies or at the caller's strings. */
static void *alloc_named(alloc_f alloc, size_t head, int flags, const char *name, int name_len,
		const char *value, int value_len, str *name_out, str *value_out, const char *what)
{
	size_t extra = 0;
	char *block, *p;

	if (name_len < 0 || value_len < 0)
		return NULL;
	if (flags & MI_DUP_NAME)
		extra += (size_t)name_len;
	if (flags & MI_DUP_VALUE)
		extra += (size_t)value_len;
	block = alloc(head + extra);
	if (block == NULL) {
		LM_ERR("no more memory for an MI %s\n", what);
		return NULL;
	}
	memset(block, 0, head);
	p = block + head;
	if ((flags & MI_DUP_NAME) && name_len > 0) {
		memcpy(p, name, (size_t)name_len);
		name_out->s = p;
		p += name_len;
	} else {
		name_out->s = (char *)name;
	}
	name_out->len = name_len;
	if ((flags & MI_DUP_VALUE) && value_len > 0) {
		memcpy(p, value, (size_t)value_len);
		value_out->s = p;
	} else {
		value_out->s = (char *)value;
	}
	value_out->len = value_len;
	return block;
}

/* Allocates a node with room for the name/value copies flags asks for. */
static struct mi_node *new_node(alloc_f alloc, int flags, const char *name, int name_len,
		const char *value, int value_len)
{
	struct mi_node tmp, *n;
	n = alloc_named(alloc, sizeof(*n), flags, name, name_len, value, value_len,
			&tmp.name, &tmp.value, "node");
	if (n == NULL)
		return NULL;
	n->name = tmp.name;
	n->value = tmp.value;
	n->flags = (unsigned int)flags & ~(unsigned int)(MI_DUP_NAME | MI_DUP_VALUE);
	return n;
}

static void append_kid(struct mi_node *parent, struct mi_node *n)
{
	if (parent->kids == NULL) {
		parent->kids = n;
	} else {
		struct mi_node *last = parent->last ? parent->last : parent->kids;
		while (last->next)
			last = last->next;
		last->next = n;
	}
	parent->last = n;
}

static void free_attrs(struct mi_attr *a, free_f release)
{
	while (a) {
		struct mi_attr *next = a->next;
		release(a);
		a = next;
	}
}

static void free_nodes(struct mi_node *n, free_f release)
{
	while (n) {
		struct mi_node *next = n->next;
		free_nodes(n->kids, release);
		free_attrs(n->attributes, release);
		release(n);
		n = next;
	}
}

struct mi_root *init_mi_tree(unsigned int code, char *reason, int reason_len)
{
	struct mi_root *root = pkg_malloc(sizeof(*root));
	if (root == NULL) {
		LM_ERR("no more pkg memory for an MI tree\n");
		return NULL;
	}
	memset(root, 0, sizeof(*root));
	root->code = code;
	root->reason.s = reason;
	root->reason.len = reason_len;
	return root;
}

void free_mi_tree(struct mi_root *parent)
{
	if (parent == NULL)
		return;
	free_nodes(parent->node.kids, pkg_free);
	free_attrs(parent->node.attributes, pkg_free);
	pkg_free(parent);
}

void free_mi_node(struct mi_node *parent)
{
	if (parent == NULL)
		return;
	free_nodes(parent->kids, pkg_free);
	free_attrs(parent->attributes, pkg_free);
	pkg_free(parent);
}

void free_shm_mi_tree(struct mi_root *parent)
{
	if (parent == NULL)
		return;
	free_nodes(parent->node.kids, shm_free);
	free_attrs(parent->node.attributes, shm_free);
	shm_free(parent);
}

struct mi_node *add_mi_node_child(struct mi_node *parent, int flags, char *name,
		int name_len, char *value, int value_len)
{
	struct mi_node *n;
	if (parent == NULL)
		return NULL;
	n = new_node(pkg_malloc, flags, name, name_len, value, value_len);
	if (n)
		append_kid(parent, n);
	return n;
}

struct mi_node *add_mi_node_sibling(struct mi_node *brother, int flags, char *name,
		int name_len, char *value, int value_len)
{
	struct mi_node *n;
	if (brother == NULL)
		return NULL;
	n = new_node(pkg_malloc, flags, name, name_len, value, value_len);
	if (n == NULL)
		return NULL;
	while (brother->next)
		brother = brother->next;
	brother->next = n;
	return n;
}

/* vsnprintf into a pkg buffer; *len gets the length. NULL on error. */
static char *format_value(const char *fmt, va_list ap, int *len)
{
	va_list copy;
	char *buf;
	int n;

	va_copy(copy, ap);
	n = vsnprintf(NULL, 0, fmt, copy);
	va_end(copy);
	if (n < 0)
		return NULL;
	buf = pkg_malloc((size_t)n + 1);
	if (buf == NULL)
		return NULL;
	vsnprintf(buf, (size_t)n + 1, fmt, ap);
	*len = n;
	return buf;
}

struct mi_node *addf_mi_node_child(struct mi_node *parent, int flags, char *name,
		int name_len, char *fmt_val, ...)
{
	va_list ap;
	char *v;
	int len = 0;
	struct mi_node *n;

	va_start(ap, fmt_val);
	v = format_value(fmt_val, ap, &len);
	va_end(ap);
	if (v == NULL)
		return NULL;
	n = add_mi_node_child(parent, flags | MI_DUP_VALUE, name, name_len, v, len);
	pkg_free(v);
	return n;
}

struct mi_node *addf_mi_node_sibling(struct mi_node *brother, int flags, char *name,
		int name_len, char *fmt_val, ...)
{
	va_list ap;
	char *v;
	int len = 0;
	struct mi_node *n;

	va_start(ap, fmt_val);
	v = format_value(fmt_val, ap, &len);
	va_end(ap);
	if (v == NULL)
		return NULL;
	n = add_mi_node_sibling(brother, flags | MI_DUP_VALUE, name, name_len, v, len);
	pkg_free(v);
	return n;
}

static struct mi_attr *new_attr(alloc_f alloc, int flags, const char *name, int name_len,
		const char *value, int value_len)
{
	struct mi_attr tmp, *a;
	a = alloc_named(alloc, sizeof(*a), flags, name, name_len, value, value_len,
			&tmp.name, &tmp.value, "attribute");
	if (a == NULL)
		return NULL;
	a->name = tmp.name;
	a->value = tmp.value;
	return a;
}

static void append_attr(struct mi_node *node, struct mi_attr *a)
{
	struct mi_attr **pa = &node->attributes;
	while (*pa)
		pa = &(*pa)->next;
	*pa = a;
}

struct mi_attr *add_mi_attr(struct mi_node *node, int flags, char *name, int name_len,
		char *value, int value_len)
{
	struct mi_attr *a;
	if (node == NULL)
		return NULL;
	a = new_attr(pkg_malloc, flags, name, name_len, value, value_len);
	if (a)
		append_attr(node, a);
	return a;
}

struct mi_attr *addf_mi_attr(struct mi_node *node, int flags, char *name, int name_len,
		char *fmt_val, ...)
{
	va_list ap;
	char *v;
	int len = 0;
	struct mi_attr *a;

	va_start(ap, fmt_val);
	v = format_value(fmt_val, ap, &len);
	va_end(ap);
	if (v == NULL)
		return NULL;
	a = add_mi_attr(node, flags | MI_DUP_VALUE, name, name_len, v, len);
	pkg_free(v);
	return a;
}

struct mi_attr *get_mi_attr_by_name(struct mi_node *node, char *name, int len)
{
	struct mi_attr *a;
	if (node == NULL || name == NULL)
		return NULL;
	for (a = node->attributes; a; a = a->next)
		if (a->name.len == len && (len == 0 || memcmp(a->name.s, name, (size_t)len) == 0))
			return a;
	return NULL;
}

void del_mi_attr_list(struct mi_node *node)
{
	if (node == NULL)
		return;
	free_attrs(node->attributes, pkg_free);
	node->attributes = NULL;
}

static int clone_kids(struct mi_node *dst, struct mi_node *src, alloc_f alloc)
{
	struct mi_node *k;
	struct mi_attr *a;

	for (a = src->attributes; a; a = a->next) {
		struct mi_attr *c = new_attr(alloc, MI_DUP_NAME | MI_DUP_VALUE, a->name.s,
				a->name.len, a->value.s, a->value.len);
		if (c == NULL)
			return -1;
		append_attr(dst, c);
	}
	for (k = src->kids; k; k = k->next) {
		struct mi_node *c = new_node(alloc, (int)k->flags | MI_DUP_NAME | MI_DUP_VALUE,
				k->name.s, k->name.len, k->value.s, k->value.len);
		if (c == NULL)
			return -1;
		append_kid(dst, c);
		if (clone_kids(c, k, alloc) < 0)
			return -1;
	}
	return 0;
}

struct mi_root *clone_mi_tree(struct mi_root *org, int shm)
{
	alloc_f alloc = shm ? shm_malloc : pkg_malloc;
	struct mi_root *root;
	size_t rlen;

	if (org == NULL)
		return NULL;
	rlen = org->reason.len > 0 ? (size_t)org->reason.len : 0;
	root = alloc(sizeof(*root) + rlen);
	if (root == NULL) {
		LM_ERR("no more memory to clone an MI tree\n");
		return NULL;
	}
	memset(root, 0, sizeof(*root));
	root->code = org->code;
	root->async_hdl = org->async_hdl;
	if (rlen) {
		memcpy(root + 1, org->reason.s, rlen);
		root->reason.s = (char *)(root + 1);
	}
	root->reason.len = org->reason.len;
	root->node.flags = org->node.flags;
	if (clone_kids(&root->node, &org->node, alloc) < 0) {
		if (shm)
			free_shm_mi_tree(root);
		else
			free_mi_tree(root);
		return NULL;
	}
	return root;
}

/* register_mi_cmd, register_mi_mod and lookup_mi_cmd live in native/mi.c (the MI registry). */
