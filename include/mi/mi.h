/* sipbridge module SDK: the management interface (OpenSIPS 1.11 mi/mi.h).
 *
 * One MI registry serves every transport: sipbridge's HTTP JSON-RPC (mi_http stand-in),
 * its CLI, and C transports such as the real mi_fifo and mi_datagram, which find a command
 * with lookup_mi_cmd and run it with run_mi_cmd on their own thread.
 *
 * Commands come from modules' exports.mi_cmds, from register_mi_cmd / register_mi_mod
 * (called from mod_init) and from the core and Java modules (which, uptime, get_statistics,
 * log_level...). lookup_mi_cmd finds any of them once the server has started:
 *  - a C module's command: `f` is a core trampoline that calls the module's function
 *    under the module's lock (and on the calling thread's copy of the module's globals),
 *    first running the command's init_f once on that thread if init_mi_child() did not;
 *    `param` is the trampoline's record, not the module's own param (the module still
 *    receives its own param);
 *  - a core or Java command: `f` runs the Java command and returns a reply tree built
 *    with the tree functions of tree.h.
 *
 * Memory ownership:
 *  - the request tree belongs to the transport that built it (it frees it after the call,
 *    also when the reply is MI_ROOT_ASYNC_RPL: a command must copy what it keeps);
 *  - a reply tree returned by `f` belongs to the caller, which frees it with free_mi_tree;
 *  - a reply given later to mi_handler.handler_f belongs to the handler (it frees it);
 *  - the struct mi_cmd returned by lookup_mi_cmd and its strings belong to the core and
 *    stay valid while the server runs.
 *
 * Threads: each C transport runs on its own thread (a module process); commands of one
 * C module never run on two threads at once (its lock). crt_flush_fnct/crt_flush_param
 * are per thread, so two transports flushing at the same time do not mix. */
#ifndef SB_SDK_MI_H
#define SB_SDK_MI_H

#include "../str.h"
#include "tree.h"

/* mi_cmd.flags / mi_export_t.flags */
#define MI_ASYNC_RPL_FLAG (1 << 0)   /* may answer later through request->async_hdl */
#define MI_NO_INPUT_FLAG  (1 << 1)   /* takes no request tree (the transport passes NULL) */

/* What a command returns when it will answer later through its async handler. */
#define MI_ROOT_ASYNC_RPL ((struct mi_root *)-1)

struct mi_handler;

/* A command: the request tree (NULL with MI_NO_INPUT_FLAG) and its param; the reply tree,
 * MI_ROOT_ASYNC_RPL, or NULL on failure. */
typedef struct mi_root *(mi_cmd_f)(struct mi_root *, void *param);
/* Per-process set-up of a command, run once on each transport's thread; 0 or <0. */
typedef int (mi_child_init_f)(void);
/* An asynchronous answer: the reply tree (or NULL when the command failed), the handler,
 * and done (1: last call, the handler may be released; 0: more will follow). */
typedef void (mi_handler_f)(struct mi_root *, struct mi_handler *, int);
/* A transport's function writing part of a reply before the command ends (flush_mi_tree);
 * its first argument is the transport's param given to run_mi_cmd. */
typedef int (mi_flush_f)(void *, struct mi_root *);

struct mi_handler {
	mi_handler_f *handler_f;
	void *param;
};

/* An entry of the registry (1.11 field order). */
struct mi_cmd {
	int id;
	str module;
	str name;
	str help;
	mi_child_init_f *init_f;     /* NULL in sipbridge: init_mi_child runs it, locked */
	mi_cmd_f *f;
	unsigned int flags;
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

/* Registers a command of module mod_name (the module running when NULL); 0, or -1 (no
 * code or name, name taken, table full). */
int register_mi_cmd(mi_cmd_f f, char *name, char *help, void *param,
		mi_child_init_f in, unsigned int flags, char *mod_name);
/* register_mi_cmd for every entry of mis (NULL-name terminated). 0 or -1. */
int register_mi_mod(char *mod_name, mi_export_t *mis);
/* Runs every C command's init_f on the calling thread (a transport's process calls it
 * before serving). Waits (up to 30 s) for the server to publish the registry when called
 * early. 0, or -1 when an init_f failed or the registry never came. */
int init_mi_child(void);
/* The command called name[0..len), or NULL. */
struct mi_cmd *lookup_mi_cmd(char *name, int len);
/* The core's `help` command as a C function (help of the command named by the first kid). */
struct mi_root *mi_help(struct mi_root *cmd, void *param);
/* Every published command: *cmds points to an array of *size entries (core-owned). */
void get_mi_cmds(struct mi_cmd **cmds, int *size);

/* The flush function of the command running on this thread (see run_mi_cmd). */
extern __thread mi_flush_f *crt_flush_fnct;
extern __thread void *crt_flush_param;

/* Runs cmd on request t, with f(param, tree) as the flush function while it runs. */
static inline struct mi_root *run_mi_cmd(struct mi_cmd *cmd, struct mi_root *t,
		mi_flush_f *f, void *param)
{
	struct mi_root *reply;
	crt_flush_fnct = f;
	crt_flush_param = param;
	reply = cmd->f(t, cmd->param);
	crt_flush_fnct = NULL;
	crt_flush_param = NULL;
	return reply;
}

/* A command sends what it built of t so far through the transport (0 when the transport
 * has no flush function). */
static inline int flush_mi_tree(struct mi_root *t)
{
	return crt_flush_fnct ? crt_flush_fnct(crt_flush_param, t) : 0;
}

#endif
