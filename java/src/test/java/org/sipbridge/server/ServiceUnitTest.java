package org.sipbridge.server;

import org.junit.jupiter.api.Test;
import org.sipbridge.testing.TestModules;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 13 item 12: the distribution's systemd unit restarts the server when it fails and
 * keeps the crash report's breadcrumb file across restarts. (systemd-analyze verify, where
 * systemd runs, checks the syntax as well; this checks what the unit promises.)
 */
class ServiceUnitTest {
    @Test
    void theUnitRestartsOnFailureAndKeepsTheCrashReport() throws Exception {
        Path unit = TestModules.repo().resolve("dist/sipbridge.service");
        Map<String, String> service = section(Files.readAllLines(unit), "[Service]");
        assertEquals("on-failure", service.get("Restart"));
        assertEquals("sipbridge", service.get("StateDirectory"), "where the crash report's file lives");
        assertEquals("/var/lib/sipbridge", service.get("WorkingDirectory"), "where the JVM writes hs_err files");
        assertTrue(service.get("ExecStart").contains(" -f "), service.get("ExecStart"));
        assertTrue(service.get("ExecStartPre").endsWith(" -c"), "the configuration is checked before each start");
        assertEquals("143", service.get("SuccessExitStatus"), "a SIGTERM stop is not a failure");
        assertTrue(section(Files.readAllLines(unit), "[Unit]").containsKey("StartLimitBurst"));
    }

    private static Map<String, String> section(List<String> lines, String name) {
        Map<String, String> out = new LinkedHashMap<>();
        boolean in = false;
        for (String l : lines) {
            String t = l.trim();
            if (t.startsWith("[")) {
                in = t.equals(name);
            } else if (in && !t.startsWith("#") && t.contains("=")) {
                out.put(t.substring(0, t.indexOf('=')), t.substring(t.indexOf('=') + 1));
            }
        }
        return out;
    }
}
