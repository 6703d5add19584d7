/* map.h: an AVL tree with parent links. Deletion relinks nodes instead of moving
 * keys/values between them, so pointers from map_find/map_get and iterators on other
 * entries stay valid across deletions. */
#include <string.h>
#include "../sb_sdk.h"
#pragma GCC visibility push(default)
#include "../../include/map.h"
#pragma GCC visibility pop

#define L 0
#define R 1

static void *map_alloc(int flags, size_t n)
{
	return (flags & AVLMAP_SHARED) ? shm_malloc(n) : pkg_malloc(n);
}

static void map_free(int flags, void *p)
{
	if (flags & AVLMAP_SHARED)
		shm_free(p);
	else
		pkg_free(p);
}

static int key_cmp(const str *a, const str *b)
{
	int n = a->len < b->len ? a->len : b->len;
	int c = n > 0 ? memcmp(a->s, b->s, (size_t)n) : 0;
	return c ? c : a->len - b->len;
}

map_t map_create(int flags)
{
	map_t m = map_alloc(flags, sizeof(*m));
	if (m == NULL) {
		LM_ERR("no more %s memory for a map\n", (flags & AVLMAP_SHARED) ? "shm" : "pkg");
		return NULL;
	}
	memset(m, 0, sizeof(*m));
	m->flags = flags;
	return m;
}

/* makes child take node's place under node's parent */
static void replace_child(map_t m, struct avl_node *node, struct avl_node *child)
{
	struct avl_node *p = node->avl_parent;
	if (p == NULL)
		m->avl_root = child;
	else
		p->avl_link[p->avl_link[L] == node ? L : R] = child;
	if (child)
		child->avl_parent = p;
}

/* rotates node down to side dir; returns the node that took its place */
static struct avl_node *rotate(map_t m, struct avl_node *node, int dir)
{
	struct avl_node *up = node->avl_link[!dir];
	node->avl_link[!dir] = up->avl_link[dir];
	if (up->avl_link[dir])
		up->avl_link[dir]->avl_parent = node;
	replace_child(m, node, up);
	up->avl_link[dir] = node;
	node->avl_parent = up;
	return up;
}

/* node leans 2 to side heavy (+1 = R, -1 = L); returns the new subtree root and sets
 * *shrunk when the subtree got lower than before the imbalance */
static struct avl_node *rebalance(map_t m, struct avl_node *node, int *shrunk)
{
	int hs = node->avl_balance > 0 ? R : L;       /* heavy side */
	int sign = hs == R ? 1 : -1;
	struct avl_node *c = node->avl_link[hs], *g;

	if (c->avl_balance * sign >= 0) {
		/* single rotation */
		rotate(m, node, !hs);
		if (c->avl_balance == 0) {
			node->avl_balance = (signed char)sign;
			c->avl_balance = (signed char)-sign;
			*shrunk = 0;
		} else {
			node->avl_balance = 0;
			c->avl_balance = 0;
			*shrunk = 1;
		}
		return c;
	}
	/* double rotation through the grandchild on the inner side */
	g = c->avl_link[!hs];
	rotate(m, c, hs);
	rotate(m, node, !hs);
	node->avl_balance = (signed char)(g->avl_balance == sign ? -sign : 0);
	c->avl_balance = (signed char)(g->avl_balance == -sign ? sign : 0);
	g->avl_balance = 0;
	*shrunk = 1;
	return g;
}

void **map_find(map_t m, str key)
{
	struct avl_node *p = m ? m->avl_root : NULL;
	while (p) {
		int c = key_cmp(&key, &p->key);
		if (c == 0)
			return &p->val;
		p = p->avl_link[c > 0 ? R : L];
	}
	return NULL;
}

void **map_get(map_t m, str key)
{
	struct avl_node *p = m->avl_root, *parent = NULL, *n, *child;
	int dir = L, shrunk;

	while (p) {
		int c = key_cmp(&key, &p->key);
		if (c == 0)
			return &p->val;
		parent = p;
		dir = c > 0 ? R : L;
		p = p->avl_link[dir];
	}
	n = map_alloc(m->flags, sizeof(*n));
	if (n == NULL) {
		LM_ERR("no more memory for a map node\n");
		return NULL;
	}
	memset(n, 0, sizeof(*n));
	if (m->flags & AVLMAP_NO_DUPLICATE) {
		n->key = key;
	} else {
		n->key.s = map_alloc(m->flags, key.len > 0 ? (size_t)key.len : 1);
		if (n->key.s == NULL) {
			map_free(m->flags, n);
			LM_ERR("no more memory for a map key\n");
			return NULL;
		}
		if (key.len > 0)
			memcpy(n->key.s, key.s, (size_t)key.len);
		n->key.len = key.len;
	}
	n->avl_parent = parent;
	if (parent == NULL)
		m->avl_root = n;
	else
		parent->avl_link[dir] = n;
	m->avl_count++;

	/* retrace: the subtree that received n grew by one */
	for (child = n, p = parent; p; child = p, p = p->avl_parent) {
		p->avl_balance += (p->avl_link[R] == child) ? 1 : -1;
		if (p->avl_balance == 0)
			break;
		if (p->avl_balance == 2 || p->avl_balance == -2) {
			rebalance(m, p, &shrunk);
			break;
		}
	}
	return &n->val;
}

void *map_put(map_t m, str key, void *item)
{
	void **slot = map_get(m, key), *old;
	if (slot == NULL)
		return NULL;
	old = *slot;
	*slot = item;
	return old == item ? NULL : old;
}

/* p lost one level of height on side dir; walk up fixing balances */
static void retrace_delete(map_t m, struct avl_node *p, int dir)
{
	while (p) {
		struct avl_node *q;
		int shrunk = 1;

		p->avl_balance += dir == L ? 1 : -1;
		if (p->avl_balance == 1 || p->avl_balance == -1)
			return;
		if (p->avl_balance != 0) {
			p = rebalance(m, p, &shrunk);
			if (!shrunk)
				return;
		}
		q = p->avl_parent;
		if (q)
			dir = q->avl_link[L] == p ? L : R;
		p = q;
	}
}

static void *delete_node(map_t m, struct avl_node *z)
{
	struct avl_node *start;
	int dir;
	void *val = z->val;

	if (z->avl_link[L] == NULL || z->avl_link[R] == NULL) {
		struct avl_node *c = z->avl_link[L] ? z->avl_link[L] : z->avl_link[R];
		start = z->avl_parent;
		dir = start && start->avl_link[R] == z ? R : L;
		replace_child(m, z, c);
	} else {
		struct avl_node *y = z->avl_link[R];
		while (y->avl_link[L])
			y = y->avl_link[L];
		if (y == z->avl_link[R]) {
			start = y;
			dir = R;
		} else {
			start = y->avl_parent;
			dir = L;
			start->avl_link[L] = y->avl_link[R];
			if (y->avl_link[R])
				y->avl_link[R]->avl_parent = start;
			y->avl_link[R] = z->avl_link[R];
			y->avl_link[R]->avl_parent = y;
		}
		y->avl_link[L] = z->avl_link[L];
		y->avl_link[L]->avl_parent = y;
		y->avl_balance = z->avl_balance;
		replace_child(m, z, y);
	}
	m->avl_count--;
	if (!(m->flags & AVLMAP_NO_DUPLICATE))
		map_free(m->flags, z->key.s);
	map_free(m->flags, z);
	retrace_delete(m, start, dir);
	return val;
}

void *map_remove(map_t m, str key)
{
	struct avl_node *p = m ? m->avl_root : NULL;
	while (p) {
		int c = key_cmp(&key, &p->key);
		if (c == 0)
			return delete_node(m, p);
		p = p->avl_link[c > 0 ? R : L];
	}
	return NULL;
}

void map_destroy(map_t m, value_destroy_func destroy)
{
	struct avl_node *p, *next;

	if (m == NULL)
		return;
	/* flatten by right rotations into a list along avl_link[R], freeing as we go */
	for (p = m->avl_root; p; p = next) {
		if (p->avl_link[L]) {
			next = p->avl_link[L];
			p->avl_link[L] = next->avl_link[R];
			next->avl_link[R] = p;
			continue;
		}
		next = p->avl_link[R];
		if (destroy && p->val)
			destroy(p->val);
		if (!(m->flags & AVLMAP_NO_DUPLICATE))
			map_free(m->flags, p->key.s);
		map_free(m->flags, p);
	}
	map_free(m->flags, m);
}

int map_size(map_t m)
{
	return m ? (int)m->avl_count : 0;
}

static struct avl_node *extreme(struct avl_node *p, int dir)
{
	if (p)
		while (p->avl_link[dir])
			p = p->avl_link[dir];
	return p;
}

/* in-order neighbour on side dir */
static struct avl_node *step(struct avl_node *p, int dir)
{
	struct avl_node *q;
	if (p->avl_link[dir])
		return extreme(p->avl_link[dir], !dir);
	for (q = p->avl_parent; q && q->avl_link[dir] == p; p = q, q = q->avl_parent)
		;
	return q;
}

int map_for_each(map_t m, process_each_func f, void *param)
{
	struct avl_node *p;

	m->ret_code = 0;
	for (p = extreme(m->avl_root, L); p && m->ret_code == 0; p = step(p, R))
		m->ret_code = f(param, p->key, p->val);
	return m->ret_code;
}

int map_first(map_t map, map_iterator_t *it)
{
	if (map == NULL || it == NULL)
		return -1;
	it->map = map;
	it->node = extreme(map->avl_root, L);
	return 0;
}

int map_last(map_t map, map_iterator_t *it)
{
	if (map == NULL || it == NULL)
		return -1;
	it->map = map;
	it->node = extreme(map->avl_root, R);
	return 0;
}

str *iterator_key(map_iterator_t *it)
{
	return it && it->node ? &it->node->key : NULL;
}

void **iterator_val(map_iterator_t *it)
{
	return it && it->node ? &it->node->val : NULL;
}

int iterator_is_valid(map_iterator_t *it)
{
	return it && it->map && it->node;
}

int iterator_next(map_iterator_t *it)
{
	if (!iterator_is_valid(it))
		return -1;
	it->node = step(it->node, R);
	return 0;
}

int iterator_prev(map_iterator_t *it)
{
	if (!iterator_is_valid(it))
		return -1;
	it->node = step(it->node, L);
	return 0;
}

void *iterator_delete(map_iterator_t *it)
{
	void *val;
	if (!iterator_is_valid(it))
		return NULL;
	val = delete_node(it->map, it->node);
	it->node = NULL;
	return val;
}
