/* The struct layout table (see layout.h) and the core's version strings. */
#include <stddef.h>
#include "sb_core.h"
#include "layout.h"
#include "../include/openser/version.h"

static void fill_opensips(long *t)
{
	t[L_EXP_SIZE] = sizeof(struct module_exports);
	t[L_EXP_NAME] = offsetof(struct module_exports, name);
	t[L_EXP_VERSION] = offsetof(struct module_exports, version);
	t[L_EXP_COMPILE_FLAGS] = offsetof(struct module_exports, compile_flags);
	t[L_EXP_DLFLAGS] = offsetof(struct module_exports, dlflags);
	t[L_EXP_CMDS] = offsetof(struct module_exports, cmds);
	t[L_EXP_PARAMS] = offsetof(struct module_exports, params);
	t[L_EXP_STATS] = offsetof(struct module_exports, stats);
	t[L_EXP_MI_CMDS] = offsetof(struct module_exports, mi_cmds);
	t[L_EXP_ITEMS] = offsetof(struct module_exports, items);
	t[L_EXP_PROCS] = offsetof(struct module_exports, procs);
	t[L_EXP_INIT_F] = offsetof(struct module_exports, init_f);
	t[L_EXP_RESPONSE_F] = offsetof(struct module_exports, response_f);
	t[L_EXP_DESTROY_F] = offsetof(struct module_exports, destroy_f);
	t[L_EXP_INIT_CHILD_F] = offsetof(struct module_exports, init_child_f);
	t[L_CMD_SIZE] = sizeof(cmd_export_t);
	t[L_CMD_NAME] = offsetof(cmd_export_t, name);
	t[L_CMD_FUNCTION] = offsetof(cmd_export_t, function);
	t[L_CMD_PARAM_NO] = offsetof(cmd_export_t, param_no);
	t[L_CMD_FIXUP] = offsetof(cmd_export_t, fixup);
	t[L_CMD_FREE_FIXUP] = offsetof(cmd_export_t, free_fixup);
	t[L_CMD_FLAGS] = offsetof(cmd_export_t, flags);
	t[L_PARAM_SIZE] = sizeof(param_export_t);
	t[L_PARAM_NAME] = offsetof(param_export_t, name);
	t[L_PARAM_TYPE] = offsetof(param_export_t, type);
	t[L_PARAM_POINTER] = offsetof(param_export_t, param_pointer);
	t[L_STAT_SIZE] = sizeof(stat_export_t);
	t[L_STAT_NAME] = offsetof(stat_export_t, name);
	t[L_STAT_FLAGS] = offsetof(stat_export_t, flags);
	t[L_STAT_POINTER] = offsetof(stat_export_t, stat_pointer);
	t[L_MI_SIZE] = sizeof(mi_export_t);
	t[L_MI_NAME] = offsetof(mi_export_t, name);
	t[L_PV_SIZE] = sizeof(pv_export_t);
	t[L_PV_NAME_S] = offsetof(pv_export_t, name) + offsetof(str, s);
	t[L_PV_NAME_LEN] = offsetof(pv_export_t, name) + offsetof(str, len);
	t[L_PROC_SIZE] = sizeof(proc_export_t);
	t[L_PROC_NAME] = offsetof(proc_export_t, name);
	t[L_PROC_NO] = offsetof(proc_export_t, no);
}

/* Java: fills out[0..n) with the layout table; returns L_COUNT. */
SB_JAVA_API int sb_layout_table(long *out, int n)
{
	long t[L_COUNT];
	int i;
	fill_opensips(t);
	sb_layout_fill_openser(t);
	for (i = 0; i < n && i < L_COUNT; i++)
		out[i] = t[i];
	return L_COUNT;
}

/* Java: the strings modules must carry. 0/1: OpenSIPS version and compile flags,
 * 2/3: the same for the OpenSER 1.1 dialect. */
SB_JAVA_API const char *sb_core_version(int which)
{
	switch (which) {
	case 0: return OPENSIPS_FULL_VERSION;
	case 1: return OPENSIPS_COMPILE_FLAGS;
	case 2: return OPENSER_FULL_VERSION;
	case 3: return OPENSER_COMPILE_FLAGS;
	default: return NULL;
	}
}
