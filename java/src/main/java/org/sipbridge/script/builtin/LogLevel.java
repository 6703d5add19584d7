package org.sipbridge.script.builtin;

import org.sipbridge.module.ModuleException;
import org.slf4j.Logger;

import java.util.Map;

/** OpenSIPS log levels (L_ALERT -3 .. L_DBG 4) and how they map to SLF4J. */
final class LogLevel {
    static final int L_ALERT = -3, L_CRIT = -2, L_ERR = -1, L_WARN = 1, L_NOTICE = 2, L_INFO = 3, L_DBG = 4;

    private static final Map<String, Integer> NAMES = Map.of("L_ALERT", L_ALERT, "L_CRIT", L_CRIT,
            "L_ERR", L_ERR, "L_WARN", L_WARN, "L_NOTICE", L_NOTICE, "L_INFO", L_INFO, "L_DBG", L_DBG);

    private LogLevel() {
    }

    /** "L_INFO" or a number from -3 to 4. */
    static int parse(String function, String text) {
        Integer named = NAMES.get(text.trim());
        if (named != null) {
            return named;
        }
        try {
            int v = Integer.parseInt(text.trim());
            if (v >= L_ALERT && v <= L_DBG) {
                return v;
            }
        } catch (NumberFormatException e) {
            // not a number either
        }
        throw new ModuleException(function + ": unknown log level <" + text
                + ">, expected L_ALERT, L_CRIT, L_ERR, L_WARN, L_NOTICE, L_INFO, L_DBG or -3..4");
    }

    static boolean enabled(Logger log, int level, Integer configLevel) {
        if (configLevel != null && level > configLevel) {
            return false;
        }
        if (level <= L_ERR) {
            return log.isErrorEnabled();
        } else if (level == L_WARN) {
            return log.isWarnEnabled();
        } else if (level <= L_INFO) {
            return log.isInfoEnabled();
        }
        return log.isDebugEnabled();
    }

    static void write(Logger log, int level, String raw) {
        String text = org.sipbridge.core.LogSafe.text(raw); // pseudo-variables carry received bytes
        if (level <= L_ERR) {
            log.error(text);
        } else if (level == L_WARN) {
            log.warn(text);
        } else if (level <= L_INFO) {
            log.info(text);
        } else {
            log.debug(text);
        }
    }
}
