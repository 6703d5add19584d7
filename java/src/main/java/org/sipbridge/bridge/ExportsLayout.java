package org.sipbridge.bridge;

/**
 * Sizes and offsets of the structs the loader reads from module memory, as the core
 * library was compiled (native/layout.h). Index constants mirror enum sb_layout_index.
 */
public final class ExportsLayout {
    // OpenSIPS 1.11 struct module_exports
    public static final int EXP_SIZE = 0, EXP_NAME = 1, EXP_VERSION = 2, EXP_COMPILE_FLAGS = 3,
            EXP_DLFLAGS = 4, EXP_CMDS = 5, EXP_PARAMS = 6, EXP_STATS = 7, EXP_MI_CMDS = 8,
            EXP_ITEMS = 9, EXP_PROCS = 10, EXP_INIT_F = 11, EXP_RESPONSE_F = 12,
            EXP_DESTROY_F = 13, EXP_INIT_CHILD_F = 14;
    // cmd_export_t
    public static final int CMD_SIZE = 15, CMD_NAME = 16, CMD_FUNCTION = 17, CMD_PARAM_NO = 18,
            CMD_FIXUP = 19, CMD_FREE_FIXUP = 20, CMD_FLAGS = 21;
    // param_export_t
    public static final int PARAM_SIZE = 22, PARAM_NAME = 23, PARAM_TYPE = 24, PARAM_POINTER = 25;
    // stat_export_t
    public static final int STAT_SIZE = 26, STAT_NAME = 27, STAT_FLAGS = 28, STAT_POINTER = 29;
    // mi_export_t, pv_export_t, proc_export_t
    public static final int MI_SIZE = 30, MI_NAME = 31, PV_SIZE = 32, PV_NAME_S = 33,
            PV_NAME_LEN = 34, PROC_SIZE = 35, PROC_NAME = 36, PROC_NO = 37;
    // OpenSER 1.1 struct module_exports and cmd_export_t
    public static final int OSER_EXP_SIZE = 38, OSER_EXP_NAME = 39, OSER_EXP_CMDS = 40,
            OSER_EXP_PARAMS = 41, OSER_EXP_STATS = 42, OSER_EXP_INIT_F = 43,
            OSER_EXP_RESPONSE_F = 44, OSER_EXP_DESTROY_F = 45, OSER_EXP_INIT_CHILD_F = 46,
            OSER_CMD_SIZE = 47, OSER_CMD_NAME = 48, OSER_CMD_FUNCTION = 49,
            OSER_CMD_PARAM_NO = 50, OSER_CMD_FIXUP = 51, OSER_CMD_FLAGS = 52;
    static final int COUNT = 53;

    private final long[] table;

    private ExportsLayout(long[] table) {
        this.table = table;
    }

    static ExportsLayout read(CoreCalls calls) {
        long[] t = new long[COUNT];
        int n = calls.sb_layout_table(t, COUNT);
        if (n != COUNT) {
            throw new IllegalStateException("core library layout table has " + n
                    + " entries, this build expects " + COUNT + ": Java and native parts are from different builds");
        }
        return new ExportsLayout(t);
    }

    public long get(int index) {
        return table[index];
    }
}
