package org.sipbridge.stats;

import java.util.function.LongSupplier;

/**
 * One statistic under its OpenSIPS name {@code group:name}. reset is null for statistics
 * that cannot be reset (gauges, STAT_NO_RESET). incremental says whether it only grows
 * (a counter) or goes up and down (a gauge), as list_statistics and /metrics report.
 */
public record Stat(String group, String name, LongSupplier value, Runnable reset, boolean incremental) {

    public String fullName() {
        return group + ":" + name;
    }

    public static Stat counter(String group, String name, LongSupplier value, Runnable reset) {
        return new Stat(group, name, value, reset, true);
    }

    public static Stat gauge(String group, String name, LongSupplier value) {
        return new Stat(group, name, value, null, false);
    }
}
