/* sipbridge module SDK: attributes of MI tree nodes (OpenSIPS 1.11 mi/attr.h). */
#ifndef SB_SDK_MI_ATTR_H
#define SB_SDK_MI_ATTR_H

#include "../str.h"

struct mi_node;

struct mi_attr {
	str name;
	str value;
	struct mi_attr *next;
};

/* Appends an attribute to node. name/value are referenced, or copied with MI_DUP_NAME /
 * MI_DUP_VALUE in flags. NULL when out of memory. */
struct mi_attr *add_mi_attr(struct mi_node *node, int flags, char *name, int name_len,
		char *value, int value_len);
/* Same with a printf-formatted value (always copied). */
struct mi_attr *addf_mi_attr(struct mi_node *node, int flags, char *name, int name_len,
		char *fmt_val, ...) __attribute__((format(printf, 5, 6)));
/* First attribute of node whose name is name[0..len), or NULL. */
struct mi_attr *get_mi_attr_by_name(struct mi_node *node, char *name, int len);
/* Frees every attribute of node. */
void del_mi_attr_list(struct mi_node *node);

#endif
