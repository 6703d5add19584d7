/* sipbridge module SDK: management interface export types (OpenSIPS 1.11 shape).
 * sipbridge reads a module's mi_cmds array and reports it; it runs no MI transport yet. */
#ifndef SB_SDK_MI_H
#define SB_SDK_MI_H

#include "../str.h"

struct mi_attr {
	str name;
	str value;
	struct mi_attr *next;
};

struct mi_node {
	str value;
	str name;
	struct mi_node *kids;
	struct mi_node *next;
	struct mi_node *last;
	struct mi_attr *attributes;
};

struct mi_handler;

struct mi_root {
	unsigned int code;
	str reason;
	struct mi_handler *async_hdl;
	struct mi_node node;
};

typedef struct mi_root *(mi_cmd_f)(struct mi_root *, void *param);
typedef int (mi_child_init_f)(void);

typedef struct mi_export_ {
	char *name;
	char *help;
	mi_cmd_f *cmd;
	unsigned int flags;
	void *param;
	mi_child_init_f *init_f;
} mi_export_t;

#define MI_ASYNC_RPL_FLAG (1 << 0)
#define MI_NO_INPUT_FLAG  (1 << 1)

#endif
