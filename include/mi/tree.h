/* sipbridge module SDK: MI trees (OpenSIPS 1.11 mi/tree.h).
 *
 * A module's MI command receives a request tree and returns a reply tree built with
 * these functions. The trees are real (pkg memory, like OpenSIPS): nodes reference the
 * name/value text given to them unless MI_DUP_NAME / MI_DUP_VALUE asks for a copy, which
 * then lives in the node's own block. free_mi_tree frees the whole tree. See mi.h for how
 * sipbridge runs a module's MI commands. */
#ifndef SB_SDK_MI_TREE_H
#define SB_SDK_MI_TREE_H

#include <stdarg.h>
#include "../str.h"
#include "attr.h"

#define MI_DUP_NAME      (1 << 0)
#define MI_DUP_VALUE     (1 << 1)
#define MI_NOT_COMPLETED (1 << 2)   /* transports: more kids will be added (flushing) */
#define MI_WRITTEN       (1 << 3)   /* transports: already written out by a flush */
#define MI_IS_ARRAY      (1 << 4)   /* output hint: the kids are an array */

#define MI_OK_S             "OK"
#define MI_OK_LEN           (sizeof(MI_OK_S) - 1)
#define MI_INTERNAL_ERR_S   "Server Internal Error"
#define MI_INTERNAL_ERR_LEN (sizeof(MI_INTERNAL_ERR_S) - 1)
#define MI_MISSING_PARM_S   "Too few or too many arguments"
#define MI_MISSING_PARM_LEN (sizeof(MI_MISSING_PARM_S) - 1)
#define MI_BAD_PARM_S       "Bad parameter"
#define MI_BAD_PARM_LEN     (sizeof(MI_BAD_PARM_S) - 1)

#define MI_DATE_BUF_LEN 21

#define MI_SSTR(_s)     _s, (sizeof(_s) - 1)
#define MI_OK           MI_OK_S
#define MI_INTERNAL_ERR MI_INTERNAL_ERR_S
#define MI_MISSING_PARM MI_MISSING_PARM_S
#define MI_BAD_PARM     MI_BAD_PARM_S

struct mi_node {
	str value;
	str name;
	unsigned int flags;          /* MI_IS_ARRAY, MI_NOT_COMPLETED... (output hints) */
	struct mi_node *kids;
	struct mi_node *next;
	struct mi_node *last;        /* last kid, for appending */
	struct mi_attr *attributes;
};

struct mi_handler;

struct mi_root {
	unsigned int code;
	str reason;
	struct mi_handler *async_hdl;
	struct mi_node node;
};

/* A reply tree with a status code and reason (referenced, not copied). NULL when out of
 * memory. */
struct mi_root *init_mi_tree(unsigned int code, char *reason, int reason_len);
/* Frees the tree: every node, its copies and its attributes. NULL is allowed. */
void free_mi_tree(struct mi_root *parent);

/* Frees node, its kids and its attributes (it must be unlinked from its parent first). */
void free_mi_node(struct mi_node *parent);

/* Append a node as the last kid of parent / after brother. NULL when out of memory. */
struct mi_node *add_mi_node_child(struct mi_node *parent, int flags, char *name,
		int name_len, char *value, int value_len);
struct mi_node *add_mi_node_sibling(struct mi_node *brother, int flags, char *name,
		int name_len, char *value, int value_len);
/* Same with a printf-formatted value (always copied). */
struct mi_node *addf_mi_node_child(struct mi_node *parent, int flags, char *name,
		int name_len, char *fmt_val, ...) __attribute__((format(printf, 5, 6)));
struct mi_node *addf_mi_node_sibling(struct mi_node *brother, int flags, char *name,
		int name_len, char *fmt_val, ...) __attribute__((format(printf, 5, 6)));

/* Deep copy (every name, value and attribute copied) in pkg memory, or in shm memory when
 * shm is non-zero; free a shm copy with free_shm_mi_tree. NULL when out of memory. */
struct mi_root *clone_mi_tree(struct mi_root *org, int shm);
void free_shm_mi_tree(struct mi_root *parent);

#endif
