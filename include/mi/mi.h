/* sipbridge module SDK: the management interface (OpenSIPS 1.11 mi/mi.h).
 *
 * Modules export MI commands in module_exports.mi_cmds or with register_mi_cmd /
 * register_mi_mod (from mod_init). Both reach sipbridge's one MI registry, served over
 * HTTP (JSON-RPC, mi_http style) and the CLI: a command runs on the MI thread under its
 * module's lock, after its init_f ran once on that thread; the request tree holds the
 * arguments as kids (name NULL for positional ones), the reply tree is turned into JSON
 * and freed by the core (free_mi_tree). Asynchronous replies are not offered: async_hdl
 * is always NULL, so a command answers synchronously. */
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

/* Registers a command for the module running; 0, or -1 (no code, name taken, table full). */
int register_mi_cmd(mi_cmd_f f, char *name, char *help, void *param,
		mi_child_init_f in, unsigned int flags);
/* register_mi_cmd for every entry of mis (NULL-name terminated). 0 or -1. */
int register_mi_mod(char *mod_name, mi_export_t *mis);
/* A command registered with register_mi_cmd / register_mi_mod, or NULL. */
struct mi_cmd *lookup_mi_cmd(char *cmd, int len);

#endif
