package org.sipbridge.bridge;

import com.sun.jna.Pointer;
import org.sipbridge.core.LogSafe;
import org.sipbridge.logging.LoggerNames;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Collection;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Routes C LM_* records to SLF4J: the module's name (MOD_NAME) names the logger
 * ({@code org.sipbridge.module.<MOD_NAME>}, {@link LoggerNames}) and the C function name
 * prefixes the message. The C side only calls in for levels that pass
 * *log_level, which {@link #applyLevel} sets to the most verbose level any module logger
 * (or the configuration's log_level, if lower) accepts.
 */
public final class LogBridge implements CoreCalls.LogSink {

    /** OpenSIPS log levels (dprint.h). */
    public static final int L_ALERT = -3, L_CRIT = -2, L_ERR = -1, L_WARN = 1, L_NOTICE = 2,
            L_INFO = 3, L_DBG = 4;

    private final CoreCalls calls;
    /** MOD_NAME string literals keep their address for the life of the module. */
    private final ConcurrentHashMap<Long, Logger> byAddress = new ConcurrentHashMap<>();
    /** Records C handed over (tests prove disabled levels never cross). */
    private final LongAdder received = new LongAdder();

    LogBridge(CoreCalls calls) {
        this.calls = calls;
        calls.sb_log_set_sink(this);
    }

    @Override
    public void log(int level, long module, long function, long message, int length) {
        received.increment();
        try {
            Logger logger = byAddress.computeIfAbsent(module,
                    a -> LoggerFactory.getLogger(LoggerNames.module(new Pointer(a).getString(0))));
            String func = new Pointer(function).getString(0);
            String text = LogSafe.text(new Pointer(message).getString(0)); // may quote received bytes
            String line = func.isEmpty() ? text : func + ": " + text;
            if (level <= L_ERR) {
                logger.error(line);
            } else if (level == L_WARN) {
                logger.warn(line);
            } else if (level <= L_INFO) {
                logger.info(line);
            } else {
                logger.debug(line);
            }
        } catch (Throwable t) {
            // Never let an exception unwind into C.
        }
    }

    /** The most verbose OpenSIPS level this SLF4J logger accepts. */
    public static int enabledLevel(Logger logger) {
        if (logger.isDebugEnabled()) return L_DBG;
        if (logger.isInfoEnabled()) return L_INFO;
        if (logger.isWarnEnabled()) return L_WARN;
        return L_ERR;
    }

    /**
     * Sets the C-side threshold: the most verbose level any of the module loggers accepts,
     * capped by the configuration's log_level when one is given.
     */
    public void applyLevel(Collection<String> moduleNames, Integer configLevel) {
        int level = L_ERR;
        for (String name : moduleNames) {
            level = Math.max(level, enabledLevel(LoggerFactory.getLogger(LoggerNames.module(name))));
        }
        if (configLevel != null) {
            level = Math.min(level, configLevel);
        }
        calls.sb_log_set_level(level);
    }

    /** How many records C handed to Java so far. */
    public long received() {
        return received.sum();
    }

    public int level() {
        return calls.sb_log_get_level();
    }
}
