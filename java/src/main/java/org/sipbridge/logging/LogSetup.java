package org.sipbridge.logging;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.net.SyslogAppender;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import org.sipbridge.script.ServerConfig;
import org.slf4j.LoggerFactory;

import java.util.Locale;

/**
 * The server process's logging, from the configuration (only when {@link #enable} was
 * called: the command line does, tests and embedding applications keep their own):
 * <ul>
 * <li>{@code log_level}/{@code debug} is the level (default 3, info), set before the modules
 *     load, so {@code debug=4} shows their mod_init debug lines; MI log_level changes it;</li>
 * <li>{@code log_stderror=yes} (or -E) writes to stderr, {@code no} (OpenSIPS's default) to
 *     syslog with {@code log_facility} (default LOG_DAEMON), through logback's syslog
 *     appender (UDP to localhost:514, where rsyslog/journald listen when configured to);</li>
 * <li>the line is OpenSIPS's {@code LEVEL:module:function: message} ({@link OpensipsLayout});</li>
 * <li>a logback file given with {@code -Dlogback.configurationFile=...} replaces the
 *     destinations and the format; log_level still sets the level.</li>
 * </ul>
 */
public final class LogSetup {
    private static volatile boolean enabled;
    private static volatile boolean forceStderr;

    private LogSetup() {
    }

    /** Called by the command line: the configuration decides the logging of this process. */
    public static void enable(boolean stderr) {
        enabled = true;
        forceStderr = stderr;
    }

    public static void apply(ServerConfig c) {
        if (!enabled || !(LoggerFactory.getILoggerFactory() instanceof LoggerContext ctx)) {
            return;
        }
        int level = c.logLevel() != null ? c.logLevel() : 3;
        Logger root = ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        if (System.getProperty("logback.configurationFile") == null) {
            root.detachAndStopAllAppenders();
            boolean stderr = forceStderr || c.logStderror();
            root.addAppender(stderr ? console(ctx) : syslog(ctx, c.logFacility()));
            if (!stderr) {
                System.err.println("sipbridge: logging to syslog (facility " + facility(c.logFacility())
                        + ", udp localhost:514); log_stderror=yes or -E logs to stderr");
            }
        }
        root.setLevel(LogLevels.toLogback(level));
    }

    private static ConsoleAppender<ILoggingEvent> console(LoggerContext ctx) {
        OpensipsLayout layout = new OpensipsLayout();
        layout.setContext(ctx);
        layout.start();
        LayoutWrappingEncoder<ILoggingEvent> enc = new LayoutWrappingEncoder<>();
        enc.setContext(ctx);
        enc.setLayout(layout);
        enc.start();
        ConsoleAppender<ILoggingEvent> a = new ConsoleAppender<>();
        a.setContext(ctx);
        a.setName("stderr");
        a.setTarget("System.err");
        a.setEncoder(enc);
        a.start();
        return a;
    }

    private static SyslogAppender syslog(LoggerContext ctx, String facility) {
        SyslogAppender a = new SyslogAppender();
        a.setContext(ctx);
        a.setName("syslog");
        a.setSyslogHost("localhost");
        a.setPort(514);
        a.setFacility(facility(facility));
        // what follows the syslog header: "sipbridge[pid]: LEVEL:module:function: message"
        a.setSuffixPattern("sipbridge[" + ProcessHandle.current().pid() + "]: %opensips");
        @SuppressWarnings("unchecked")
        java.util.Map<String, String> rules = (java.util.Map<String, String>) ctx.getObject(
                ch.qos.logback.core.CoreConstants.PATTERN_RULE_REGISTRY);
        if (rules == null) {
            rules = new java.util.HashMap<>();
            ctx.putObject(ch.qos.logback.core.CoreConstants.PATTERN_RULE_REGISTRY, rules);
        }
        rules.put("opensips", OpensipsConverter.class.getName());
        a.start();
        return a;
    }

    /** LOG_LOCAL0 / local0 / LOCAL0 -> LOCAL0; unset -> DAEMON (OpenSIPS's default). */
    static String facility(String configured) {
        if (configured == null || configured.isBlank()) {
            return "DAEMON";
        }
        String f = configured.trim().toUpperCase(Locale.ROOT);
        return f.startsWith("LOG_") ? f.substring(4) : f;
    }
}
