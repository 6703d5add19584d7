/* find_export and friends: served by the Java function registry, which knows every C and
 * Java module, so C can bind functions and APIs that Java or another C module exports.
 * The lookup runs in Java (start-up time, not the hot path); the result is a pointer the
 * module keeps. */
#include "sb_core.h"

/* Returns the address of a cmd_export_t (in a C module's cmds array, or one the Java side
 * allocated for a Java export), or 0. module may be NULL (any module). caller is the index
 * of the module asking, so that the registry can put both under one lock. */
typedef long (*sb_find_cmd_f)(const char *module, const char *name, int param_no, int flags,
		int caller);
typedef int (*sb_module_loaded_f)(const char *name);
typedef long (*sb_find_param_f)(const char *module, const char *name, unsigned int type);

static sb_find_cmd_f find_cmd_cb;
static sb_module_loaded_f module_loaded_cb;
static sb_find_param_f find_param_cb;

SB_JAVA_API void sb_registry_set_callbacks(sb_find_cmd_f find_cmd, sb_module_loaded_f loaded,
		sb_find_param_f find_param)
{
	find_cmd_cb = find_cmd;
	module_loaded_cb = loaded;
	find_param_cb = find_param;
}

static cmd_export_t *lookup(const char *mod, const char *name, int param_no, int flags)
{
	if (find_cmd_cb == NULL || name == NULL)
		return NULL;
	return (cmd_export_t *)find_cmd_cb(mod, name, param_no, flags, sb_current_module);
}

cmd_export_t *find_cmd_export_t(char *name, int param_no, int flags)
{
	return lookup(NULL, name, param_no, flags);
}

cmd_function find_export(char *name, int param_no, int flags)
{
	cmd_export_t *c = lookup(NULL, name, param_no, flags);
	return c ? c->function : NULL;
}

cmd_function find_mod_export(char *mod, char *name, int param_no, int flags)
{
	cmd_export_t *c = mod ? lookup(mod, name, param_no, flags) : NULL;
	return c ? c->function : NULL;
}

int module_loaded(char *name)
{
	return (module_loaded_cb && name) ? module_loaded_cb(name) : 0;
}

void *find_param_export(char *mod, char *name, modparam_t type)
{
	if (find_param_cb == NULL || mod == NULL || name == NULL)
		return NULL;
	return (void *)find_param_cb(mod, name, type);
}
