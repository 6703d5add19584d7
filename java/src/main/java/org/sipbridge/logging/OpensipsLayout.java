package org.sipbridge.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.LayoutBase;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * OpenSIPS's log line: {@code LEVEL:module:function: message}. C modules' records come under
 * the module's logger ({@code org.sipbridge.module.<name>}, printed as the bare name) with
 * "function: " already in front of the text (LogBridge), so they read
 * {@code INFO:maxfwd:mod_init: ...}; the other {@code org.sipbridge.*} loggers are module
 * {@code core}, the logger's last name part standing for the function
 * ({@code INFO:core:server: ...}); module loggers without a function (xlog) and foreign
 * loggers are {@code LEVEL:name: message}. With a time stamp and pid in front when writing to stderr,
 * as OpenSIPS does; syslog adds its own.
 */
public final class OpensipsLayout extends LayoutBase<ILoggingEvent> {
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("MMM dd HH:mm:ss", Locale.ROOT).withZone(ZoneId.systemDefault());
    private static final long PID = ProcessHandle.current().pid();

    private boolean stamp = true;

    public void setStamp(boolean stamp) {
        this.stamp = stamp;
    }

    @Override
    public String doLayout(ILoggingEvent e) {
        StringBuilder b = new StringBuilder(128);
        if (stamp) {
            b.append(STAMP.format(Instant.ofEpochMilli(e.getTimeStamp()))).append(" [").append(PID).append("] ");
        }
        b.append(level(e.getLevel())).append(':');
        String name = e.getLoggerName();
        String module = LoggerNames.moduleOf(name);
        if (module == null && name.startsWith(LoggerNames.PREFIX + ".")) {
            b.append("core:").append(name.substring(name.lastIndexOf('.') + 1)).append(": ");
        } else {
            b.append(module != null ? module : name).append(':');
            String msg = e.getFormattedMessage();
            // a C record starts with "function: "; others get the separating space
            if (!looksLikeFunctionPrefix(msg)) {
                b.append(' ');
            }
        }
        b.append(e.getFormattedMessage());
        if (e.getThrowableProxy() != null) {
            b.append(CoreConstants.LINE_SEPARATOR).append(ThrowableProxyUtil.asString(e.getThrowableProxy()));
        }
        b.append(CoreConstants.LINE_SEPARATOR);
        return b.toString();
    }

    private static boolean looksLikeFunctionPrefix(String msg) {
        int colon = msg.indexOf(": ");
        if (colon <= 0 || colon > 64) {
            return false;
        }
        for (int i = 0; i < colon; i++) {
            char c = msg.charAt(i);
            if (!(Character.isLetterOrDigit(c) || c == '_')) {
                return false;
            }
        }
        return true;
    }

    /** OpenSIPS's level names. */
    static String level(Level l) {
        return switch (l.toInt()) {
            case Level.ERROR_INT -> "ERROR";
            case Level.WARN_INT -> "WARNING";
            case Level.INFO_INT -> "INFO";
            default -> "DBG";
        };
    }
}
