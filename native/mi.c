/* The C side of the MI registry. Modules declare MI commands in exports.mi_cmds (read by
 * the Java loader) or call register_mi_cmd / register_mi_mod from mod_init; both end up in
 * this table, which Java reads after init and turns into entries of its one MI registry
 * (org.sipbridge.mi). Java then runs a command with sb_mi_call: on the MI thread, under the
 * module's lock and accounting, exactly like any other call into module code.
 *
 * lookup_mi_cmd (for C transports such as mi_fifo) reads the registry Java publishes once
 * the server runs: native/mi_publish.c.
 *
 * Ownership: the request tree is built by Java with init_mi_tree/add_mi_node_child (pkg,
 * charged to the core) and freed by Java after the call; the reply tree is made by the
 * module and freed by Java with free_mi_tree once converted (blocks carry their owner, so
 * the module is credited). Names and help texts are the module's static strings. */
#include <string.h>
#include <stddef.h>
#include "sb_core.h"
#include "../include/mi/mi.h"

#define SB_MAX_MI 512

/* One register_mi_cmd registration (the published entries are struct mi_cmd, mi_publish.c). */
struct sb_mi_reg {
	int module;          /* owner index (the module running when it was registered) */
	char *name;
	char *help;
	mi_cmd_f *f;
	void *param;
	mi_child_init_f *init_f;
	unsigned int flags;
};

static struct sb_mi_reg mi_table[SB_MAX_MI];
static int mi_count;
static pthread_mutex_t mi_lock = PTHREAD_MUTEX_INITIALIZER;

int register_mi_cmd(mi_cmd_f f, char *name, char *help, void *param,
		mi_child_init_f in, unsigned int flags, char *mod_name)
{
	(void)mod_name;   /* the owner is the module running (its index), as the loader knows it */
	int i;
	if (f == NULL || name == NULL || *name == 0) {
		LM_ERR("invalid MI command registration (%s)\n", name ? name : "no name");
		return -1;
	}
	pthread_mutex_lock(&mi_lock);
	for (i = 0; i < mi_count; i++) {
		if (strcmp(mi_table[i].name, name) == 0) {
			pthread_mutex_unlock(&mi_lock);
			LM_ERR("MI command '%s' is already registered\n", name);
			return -1;
		}
	}
	if (mi_count == SB_MAX_MI) {
		pthread_mutex_unlock(&mi_lock);
		LM_ERR("too many MI commands, cannot add '%s'\n", name);
		return -1;
	}
	mi_table[mi_count].module = sb_current_module;
	mi_table[mi_count].name = name;
	mi_table[mi_count].help = help;
	mi_table[mi_count].f = f;
	mi_table[mi_count].param = param;
	mi_table[mi_count].init_f = in;
	mi_table[mi_count].flags = flags;
	mi_count++;
	pthread_mutex_unlock(&mi_lock);
	return 0;
}

int register_mi_mod(char *mod_name, mi_export_t *mis)
{
	int i;
	if (mis == NULL)
		return 0;
	for (i = 0; mis[i].name; i++)
		if (register_mi_cmd(mis[i].cmd, mis[i].name, mis[i].help, mis[i].param,
				mis[i].init_f, mis[i].flags, mod_name) < 0)
			return -1;
	return 0;
}

/* Java: number of commands registered from C so far (register_mi_cmd / register_mi_mod). */
SB_JAVA_API int sb_mi_count(void)
{
	return __atomic_load_n(&mi_count, __ATOMIC_ACQUIRE);
}

/* Java: entry i as out[0]=module, [1]=name, [2]=help, [3]=f, [4]=param, [5]=init_f, [6]=flags. */
SB_JAVA_API int sb_mi_entry(int i, long *out)
{
	struct sb_mi_reg *c;
	if (i < 0 || i >= sb_mi_count())
		return -1;
	c = &mi_table[i];
	out[0] = c->module;
	out[1] = (long)(intptr_t)c->name;
	out[2] = (long)(intptr_t)c->help;
	out[3] = (long)(intptr_t)c->f;
	out[4] = (long)(intptr_t)c->param;
	out[5] = (long)(intptr_t)c->init_f;
	out[6] = (long)c->flags;
	return 0;
}

/* Java: drop the commands a module registered (at unload: their code goes away). */
SB_JAVA_API void sb_mi_forget(int module)
{
	int i, j = 0;
	pthread_mutex_lock(&mi_lock);
	for (i = 0; i < mi_count; i++)
		if (mi_table[i].module != module)
			mi_table[j++] = mi_table[i];
	__atomic_store_n(&mi_count, j, __ATOMIC_RELEASE);
	pthread_mutex_unlock(&mi_lock);
}

/* Java: a command's mi_child_init_f, under the module's lock (once, on the MI thread). */
SB_JAVA_API int sb_mi_call_init(int module, void *fn)
{
	struct sb_module *m = sb_module_at(module);
	struct sb_entry e;
	int r;
	if (!m || !fn)
		return -1;
	e = sb_enter(m);
	r = ((mi_child_init_f *)fn)();
	sb_leave(e);
	return r;
}

/* Java: runs an MI command under the module's lock; returns its reply tree (or NULL). */
SB_JAVA_API struct mi_root *sb_mi_call(int module, void *fn, struct mi_root *req, void *param)
{
	struct sb_module *m = sb_module_at(module);
	struct sb_entry e;
	struct mi_root *r;
	if (!m || !fn)
		return NULL;
	e = sb_enter(m);
	r = ((mi_cmd_f *)fn)(req, param);
	sb_leave(e);
	return r;
}

/* Java: a request tree (code 0, no reason), freed by Java with free_mi_tree. */
SB_JAVA_API struct mi_root *sb_mi_request_new(void)
{
	return init_mi_tree(0, NULL, 0);
}

/* Java: appends a request argument (name may be NULL): both copied into the node. */
SB_JAVA_API int sb_mi_request_add(struct mi_root *req, const char *name, const char *value)
{
	int nl = name ? (int)strlen(name) : 0, vl = value ? (int)strlen(value) : 0;
	return add_mi_node_child(&req->node, MI_DUP_NAME | MI_DUP_VALUE, (char *)name, nl,
			(char *)value, vl) ? 0 : -1;
}

/* Java: offsets of the tree structures, for reading a reply tree. */
SB_JAVA_API int sb_mi_layout(int what)
{
	switch (what) {
	case 0: return (int)offsetof(struct mi_root, code);
	case 1: return (int)offsetof(struct mi_root, reason);
	case 2: return (int)offsetof(struct mi_root, node);
	case 3: return (int)offsetof(struct mi_node, value);
	case 4: return (int)offsetof(struct mi_node, name);
	case 5: return (int)offsetof(struct mi_node, flags);
	case 6: return (int)offsetof(struct mi_node, kids);
	case 7: return (int)offsetof(struct mi_node, next);
	case 8: return (int)offsetof(struct mi_node, attributes);
	case 9: return (int)offsetof(struct mi_attr, name);
	case 10: return (int)offsetof(struct mi_attr, value);
	case 11: return (int)offsetof(struct mi_attr, next);
	case 12: return (int)offsetof(str, s);
	case 13: return (int)offsetof(str, len);
	default: return -1;
	}
}

/* Java: frees a tree (request or reply). */
SB_JAVA_API void sb_mi_free(struct mi_root *t)
{
	if (t != NULL && t != MI_ROOT_ASYNC_RPL)
		free_mi_tree(t);
}

/* Java: one field of an exports.mi_cmds entry: 0 name, 1 help, 2 cmd, 3 flags, 4 param,
 * 5 init_f (the loader reads the array without knowing mi_export_t's layout). */
SB_JAVA_API long sb_mi_export_field(mi_export_t *e, int which)
{
	switch (which) {
	case 0: return (long)(intptr_t)e->name;
	case 1: return (long)(intptr_t)e->help;
	case 2: return (long)(intptr_t)e->cmd;
	case 3: return (long)e->flags;
	case 4: return (long)(intptr_t)e->param;
	case 5: return (long)(intptr_t)e->init_f;
	default: return 0;
	}
}
