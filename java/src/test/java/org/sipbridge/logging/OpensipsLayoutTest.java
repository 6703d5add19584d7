package org.sipbridge.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Loggers live under org.sipbridge; the printed line keeps OpenSIPS's module names. */
class OpensipsLayoutTest {
    private final LoggerContext ctx = new LoggerContext();

    private String line(String logger, Level level, String message) {
        OpensipsLayout layout = new OpensipsLayout();
        layout.setStamp(false);
        LoggingEvent e = new LoggingEvent("x", ctx.getLogger(logger), level, message, null, null);
        return layout.doLayout(e).stripTrailing();
    }

    @Test
    void aModuleLoggerPrintsTheBareModuleName() {
        assertEquals("org.sipbridge.module.maxfwd", LoggerNames.module("maxfwd"));
        assertEquals("INFO:maxfwd:mod_init: initializing",
                line(LoggerNames.module("maxfwd"), Level.INFO, "mod_init: initializing"));
        assertEquals("ERROR:xlog: hello world", line(LoggerNames.module("xlog"), Level.ERROR, "hello world"));
    }

    @Test
    void otherSipbridgeLoggersAreCore() {
        assertEquals("INFO:core:server: ready", line("org.sipbridge.server", Level.INFO, "ready"));
        assertEquals("WARNING:core:Inbound: full", line("org.sipbridge.server.transport.Inbound", Level.WARN, "full"));
        assertEquals("DBG:com.example: x", line("com.example", Level.DEBUG, "x"));
    }

    @Test
    void moduleOfIsTheInverse() {
        assertEquals("tm", LoggerNames.moduleOf(LoggerNames.module("tm")));
        assertEquals(null, LoggerNames.moduleOf("org.sipbridge.server"));
    }
}
