/* sipbridge module SDK: the management interface (OpenSIPS 1.11 mi/mi.h).
 *
 * Modules export MI commands in module_exports.mi_cmds or with register_mi_cmd /
 * register_mi_mod. sipbridge reads and reports them but runs no MI transport yet: the
 * registration calls succeed (so a module's init does not fail) and log that the
 * commands cannot be reached; lookup_mi_cmd finds nothing. The tree API (tree.h, attr.h)
 * is complete. */
#ifndef SB_SDK_MI_H
#define SB_SDK_MI_H

#include "../str.h"
#include "tree.h"

typedef struct mi_root *(mi_cmd_f)(struct mi_root *, void *param);
typedef int (mi_child_init_f)(void);
typedef void (mi_handler_f)(struct mi_root *, struct mi_handler *, int);

struct mi_handler {
	mi_handler_f *handler_f;
	void *param;
};

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

#define MI_ROOT_ASYNC_RPL ((struct mi_root *)-1)

struct mi_cmd;

/* Records nothing (no MI transport): returns 0 and logs the command name. */
int register_mi_cmd(mi_cmd_f f, char *name, char *help, void *param,
		mi_child_init_f in, unsigned int flags);
/* register_mi_cmd for every entry of mis (NULL-name terminated). 0. */
int register_mi_mod(char *mod_name, mi_export_t *mis);
/* Always NULL: no MI command is reachable in sipbridge. */
struct mi_cmd *lookup_mi_cmd(char *cmd, int len);

#endif
