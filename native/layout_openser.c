/* Layout of the OpenSER 1.1 structs, in their own translation unit because the OpenSER
 * sr_module.h replaces the main one (same include guard). */
#include <stddef.h>
#include "../include/openser/sr_module.h"
#include "layout.h"

void sb_layout_fill_openser(long *t)
{
	t[L_OSER_EXP_SIZE] = sizeof(struct module_exports);
	t[L_OSER_EXP_NAME] = offsetof(struct module_exports, name);
	t[L_OSER_EXP_CMDS] = offsetof(struct module_exports, cmds);
	t[L_OSER_EXP_PARAMS] = offsetof(struct module_exports, params);
	t[L_OSER_EXP_STATS] = offsetof(struct module_exports, stats);
	t[L_OSER_EXP_INIT_F] = offsetof(struct module_exports, init_f);
	t[L_OSER_EXP_RESPONSE_F] = offsetof(struct module_exports, response_f);
	t[L_OSER_EXP_DESTROY_F] = offsetof(struct module_exports, destroy_f);
	t[L_OSER_EXP_INIT_CHILD_F] = offsetof(struct module_exports, init_child_f);
	t[L_OSER_CMD_SIZE] = sizeof(cmd_export_t);
	t[L_OSER_CMD_NAME] = offsetof(cmd_export_t, name);
	t[L_OSER_CMD_FUNCTION] = offsetof(cmd_export_t, function);
	t[L_OSER_CMD_PARAM_NO] = offsetof(cmd_export_t, param_no);
	t[L_OSER_CMD_FIXUP] = offsetof(cmd_export_t, fixup);
	t[L_OSER_CMD_FLAGS] = offsetof(cmd_export_t, flags);
}
