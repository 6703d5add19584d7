package org.sipbridge.logging;

/**
 * Every sipbridge logger sits under one prefix, {@value #PREFIX}, so one logback
 * {@code <logger name="org.sipbridge">} covers the whole server. Java classes use their class
 * name; C modules and the script's xlog/log use {@code org.sipbridge.module.<module>} (this is
 * the one place that builds those names). A Java module that wants MI {@code log_level} with
 * its module name to reach its lines logs to {@code LoggerFactory.getLogger(LoggerNames.module(name))}.
 * The printed line still shows the bare module name ({@link OpensipsLayout}).
 */
public final class LoggerNames {
    public static final String PREFIX = "org.sipbridge";
    public static final String MODULE_PREFIX = PREFIX + ".module.";

    private LoggerNames() {
    }

    /** The logger name of a module ("maxfwd" -> "org.sipbridge.module.maxfwd"). */
    public static String module(String module) {
        return MODULE_PREFIX + module;
    }

    /** The module a logger name belongs to, or null when it is not a module logger. */
    public static String moduleOf(String loggerName) {
        return loggerName.startsWith(MODULE_PREFIX) ? loggerName.substring(MODULE_PREFIX.length()) : null;
    }
}
