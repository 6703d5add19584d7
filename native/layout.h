/* Indexes of the struct layout table the Java loader reads exports with (it reads module
 * memory through JNA at these offsets, so the sizes and offsets always match the headers
 * the modules were compiled against). Mirrored in ExportsLayout.java; keep them in step. */
#ifndef SB_NATIVE_LAYOUT_H
#define SB_NATIVE_LAYOUT_H

enum sb_layout_index {
	/* OpenSIPS 1.11 struct module_exports */
	L_EXP_SIZE, L_EXP_NAME, L_EXP_VERSION, L_EXP_COMPILE_FLAGS, L_EXP_DLFLAGS, L_EXP_CMDS,
	L_EXP_PARAMS, L_EXP_STATS, L_EXP_MI_CMDS, L_EXP_ITEMS, L_EXP_PROCS, L_EXP_INIT_F,
	L_EXP_RESPONSE_F, L_EXP_DESTROY_F, L_EXP_INIT_CHILD_F,
	/* cmd_export_t */
	L_CMD_SIZE, L_CMD_NAME, L_CMD_FUNCTION, L_CMD_PARAM_NO, L_CMD_FIXUP, L_CMD_FREE_FIXUP,
	L_CMD_FLAGS,
	/* param_export_t */
	L_PARAM_SIZE, L_PARAM_NAME, L_PARAM_TYPE, L_PARAM_POINTER,
	/* stat_export_t */
	L_STAT_SIZE, L_STAT_NAME, L_STAT_FLAGS, L_STAT_POINTER,
	/* mi_export_t, pv_export_t (name is a str), proc_export_t */
	L_MI_SIZE, L_MI_NAME, L_PV_SIZE, L_PV_NAME_S, L_PV_NAME_LEN, L_PROC_SIZE, L_PROC_NAME,
	L_PROC_NO,
	/* OpenSER 1.1 struct module_exports and cmd_export_t */
	L_OSER_EXP_SIZE, L_OSER_EXP_NAME, L_OSER_EXP_CMDS, L_OSER_EXP_PARAMS, L_OSER_EXP_STATS,
	L_OSER_EXP_INIT_F, L_OSER_EXP_RESPONSE_F, L_OSER_EXP_DESTROY_F, L_OSER_EXP_INIT_CHILD_F,
	L_OSER_CMD_SIZE, L_OSER_CMD_NAME, L_OSER_CMD_FUNCTION, L_OSER_CMD_PARAM_NO,
	L_OSER_CMD_FIXUP, L_OSER_CMD_FLAGS,
	L_COUNT
};

void sb_layout_fill_openser(long *t);

#endif
