package org.sipbridge.stats;

import org.sipbridge.bridge.CoreCalls;

import java.util.ArrayList;
import java.util.List;

/**
 * The core's native statistics registry (native/stats.c): every module's stat_export_t,
 * register_stat calls, and Java modules' statistics. Groups are what the modules registered
 * under (their own name, or "core"...). STAT_NO_RESET and function statistics cannot be
 * reset; function statistics are module code and are read under their module's lock.
 */
public final class NativeStats implements StatSource {
    private static final int STAT_NO_RESET = 1;
    private static final int STAT_IS_FUNC = 1 << 3;

    private final CoreCalls calls;

    public NativeStats(CoreCalls calls) {
        this.calls = calls;
    }

    @Override
    public List<Stat> stats() {
        long[] vars = new long[256];
        int n = calls.sb_stats_list(vars, vars.length);
        if (n > vars.length) {
            vars = new long[n + 64];
            n = Math.min(calls.sb_stats_list(vars, vars.length), vars.length);
        }
        List<Stat> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            long v = vars[i];
            int flags = calls.sb_stat_flags(v);
            boolean resettable = (flags & (STAT_NO_RESET | STAT_IS_FUNC)) == 0;
            out.add(new Stat(calls.sb_stat_group(v), calls.sb_stat_name(v), () -> calls.sb_stat_value(v),
                    resettable ? () -> calls.sb_stat_reset(v) : null, (flags & STAT_IS_FUNC) == 0));
        }
        return out;
    }
}
