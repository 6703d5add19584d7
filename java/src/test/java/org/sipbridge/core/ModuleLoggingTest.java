package org.sipbridge.core;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import org.junit.jupiter.api.Test;
import org.sipbridge.bridge.LogBridge;
import org.sipbridge.module.Argument;
import org.sipbridge.module.CallSite;
import org.sipbridge.module.RouteType;
import org.sipbridge.testing.FakeMessage;
import org.sipbridge.testing.LogCapture;
import org.sipbridge.testing.TestModules;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** LM_* records reach SLF4J under org.sipbridge.module.&lt;module&gt;; disabled levels stay in C. */
class ModuleLoggingTest {

    @Test
    void recordsUseTheModuleNameAsLoggerAndCarryTheFunction() {
        try (LogCapture log = new LogCapture("example", Level.INFO); ModuleSystem ms = new ModuleSystem()) {
            ms.setMpath(TestModules.mpath());
            ms.loadModule("example.so", null);
            ms.initModules();
            ms.bind(ms.lookup("new_function", 1, RouteType.REQUEST), List.of(Argument.string("hi"))).call(new FakeMessage(9));
            ILoggingEvent last = log.events().get(log.events().size() - 1);
            assertEquals("org.sipbridge.module.example", last.getLoggerName());
            assertEquals(Level.INFO, last.getLevel());
            assertEquals("new_function: new_function(hi) called for message 9", last.getFormattedMessage());
        }
    }

    @Test
    void aDisabledLevelNeverCallsIntoJava() {
        try (LogCapture log = new LogCapture("example", Level.WARN); ModuleSystem ms = new ModuleSystem()) {
            ms.setMpath(TestModules.mpath());
            ms.loadModule("example.so", null);
            ms.initModules();
            assertEquals(LogBridge.L_WARN, ms.core().log().level(), "C threshold follows the module logger");
            CallSite call = ms.bind(ms.lookup("new_function", 0, RouteType.REQUEST), List.of());
            long before = ms.core().log().received();
            FakeMessage msg = new FakeMessage(1);
            for (int i = 0; i < 1000; i++) {
                call.call(msg);   // each logs at INFO
            }
            assertEquals(before, ms.core().log().received());
            assertTrue(log.messages().isEmpty());

            ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(LogCapture.resolve("example"))).setLevel(Level.INFO);
            ms.applyLogLevel();
            call.call(msg);
            assertEquals(before + 1, ms.core().log().received());
            assertEquals(List.of("new_function0: new_function() called for message 1"), log.messages());
        }
    }

    @Test
    void theConfigurationLevelCapsWhatSlf4jWouldAccept() {
        try (LogCapture log = new LogCapture("example", Level.DEBUG); ModuleSystem ms = new ModuleSystem()) {
            ms.setMpath(TestModules.mpath());
            ms.loadModule("example.so", null);
            ms.setConfigLogLevel(LogBridge.L_ERR);
            assertEquals(LogBridge.L_ERR, ms.core().log().level());
            ms.setConfigLogLevel(null);
            assertEquals(LogBridge.L_DBG, ms.core().log().level());
        }
    }
}
