/* sipbridge module SDK: the ordered string map of OpenSIPS 1.11 (map.h), a balanced
 * (AVL) binary tree keyed by str, compared byte-wise then by length.
 *
 * Memory: the map, its nodes and (unless AVLMAP_NO_DUPLICATE) copies of the keys live in
 * shm (AVLMAP_SHARED) or pkg memory and belong to the map; values belong to the caller
 * (map_destroy hands each non-NULL value to the destroy function it is given). A map is
 * not locked: callers that share one between workers lock around it. */
#ifndef SB_SDK_MAP_H
#define SB_SDK_MAP_H

#include <stddef.h>
#include "str.h"

#ifndef AVL_MAX_HEIGHT
#define AVL_MAX_HEIGHT 128
#endif

enum {
	AVLMAP_SHARED = 1,        /* map in shm memory instead of pkg */
	AVLMAP_NO_DUPLICATE = 2   /* keep the caller's key memory instead of a copy */
};

typedef struct avl_table {
	int flags;
	struct avl_node *avl_root;
	size_t avl_count;
	int ret_code;             /* result of the running map_for_each */
} *map_t;

typedef struct avl_iterator {
	struct avl_node *node;    /* NULL once past either end */
	map_t map;
} map_iterator_t;

struct avl_node {
	struct avl_node *avl_link[2];   /* [0] smaller keys, [1] larger keys */
	struct avl_node *avl_parent;
	str key;
	void *val;
	signed char avl_balance;        /* height of [1] minus height of [0] */
};

typedef void (*value_destroy_func)(void *);
/* called for each entry in key order; a non-zero result stops the walk */
typedef int (*process_each_func)(void *param, str key, void *value);

/* NULL when out of memory */
map_t map_create(int flags);
/* frees the map, its nodes and key copies; destroy (may be NULL) gets each value */
void map_destroy(map_t, value_destroy_func);
/* where the key's value is stored, or NULL when the key is absent */
void **map_find(map_t, str);
/* the same, inserting the key with a NULL value when absent; NULL when out of memory */
void **map_get(map_t, str);
/* stores the value; returns the value it replaced (for the caller to free), else NULL */
void *map_put(map_t, str, void *);
/* removes the key and returns its value (NULL when absent) */
void *map_remove(map_t, str);
int map_size(map_t);
/* walks in key order; the first non-zero result of f ends the walk and is returned */
int map_for_each(map_t map, process_each_func f, void *param);

/* iterators: 0 (or -1 on a NULL argument); the iterator is valid while it has a node */
int map_first(map_t map, map_iterator_t *it);
int map_last(map_t map, map_iterator_t *it);
str *iterator_key(map_iterator_t *it);
void **iterator_val(map_iterator_t *it);
int iterator_next(map_iterator_t *it);
int iterator_prev(map_iterator_t *it);
int iterator_is_valid(map_iterator_t *it);
/* removes the current entry (other iterators stay valid), returns its value; the
 * iterator becomes invalid */
void *iterator_delete(map_iterator_t *it);

#endif
