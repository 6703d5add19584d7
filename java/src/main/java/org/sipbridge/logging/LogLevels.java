package org.sipbridge.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntConsumer;

/**
 * The effective log level, OpenSIPS style: {@code log_level}/{@code debug} sets it at start
 * and MI's {@code log_level} changes it at run time, for the whole server or one module.
 * Levels are OpenSIPS's (-3 alert .. 4 debug); they map onto logback's (error, warn, info,
 * debug; 5 and above trace). The C side's threshold (*log_level, tested before an LM_* call
 * formats anything) follows through the callback, so a level change reaches C modules too.
 */
public final class LogLevels {
    private final IntConsumer nativeThreshold;
    private final Map<String, Integer> perModule = new ConcurrentHashMap<>();
    private volatile int global;

    /**
     * nativeThreshold receives the most verbose level any logger now accepts. apply: set the
     * loggers to initial now (the configuration gave a level); otherwise leave logback's
     * configuration as it is until MI changes a level.
     */
    public LogLevels(int initial, boolean apply, IntConsumer nativeThreshold) {
        this.nativeThreshold = nativeThreshold;
        if (apply) {
            setGlobal(initial);
        } else {
            global = initial;
        }
    }

    public int global() {
        return global;
    }

    public synchronized void setGlobal(int level) {
        global = level;
        Logger root = LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
        if (root instanceof ch.qos.logback.classic.Logger l) {
            l.setLevel(toLogback(level));
        }
        applyNative();
    }

    /** One module's level (its C LM_* records and its Java logger). */
    public synchronized void setModule(String module, int level) {
        perModule.put(module, level);
        Logger lg = LoggerFactory.getLogger(LoggerNames.module(module));
        if (lg instanceof ch.qos.logback.classic.Logger l) {
            l.setLevel(toLogback(level));
        }
        applyNative();
    }

    /** A module's level: its own when set, else the global one. */
    public int module(String module) {
        return perModule.getOrDefault(module, global);
    }

    public Map<String, Integer> moduleOverrides() {
        return new TreeMap<>(perModule);
    }

    private void applyNative() {
        int max = global;
        for (int v : perModule.values()) {
            max = Math.max(max, v);
        }
        nativeThreshold.accept(max);
    }

    public static Level toLogback(int level) {
        if (level <= -1) {
            return Level.ERROR;
        }
        if (level == 0 || level == 1) {
            return Level.WARN;
        }
        if (level <= 3) {
            return Level.INFO;
        }
        return level == 4 ? Level.DEBUG : Level.TRACE;
    }

    /** Whether logback is the SLF4J backend (it is in the packaged server). */
    public static boolean logbackPresent() {
        return LoggerFactory.getILoggerFactory() instanceof LoggerContext;
    }
}
