package org.sipbridge.script.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParseToolTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return ParseTool.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void printsASummary(@TempDir Path dir) throws IOException {
        Path cfg = dir.resolve("proxy.cfg");
        Files.writeString(cfg, Parsing.resource("proxy.cfg"));
        assertEquals(0, run(cfg.toString()));
        String summary = out.toString(StandardCharsets.UTF_8);
        assertTrue(summary.startsWith(cfg + "\nglobals (9):\n  log_level = 3  (line 9)\n"), summary);
        assertTrue(summary.contains("  listen = udp:*:5060  (line 17)\n"), summary);
        assertTrue(summary.contains("modules (5):\n"), summary);
        assertTrue(summary.contains("  legacy.so (dialect openser)  (line 27)\n"), summary);
        assertTrue(summary.contains("  tm: fr_inv_timeout = -1  (line 30)\n"), summary);
        assertTrue(summary.contains("blocks (12):\n  route: 17 statements, 35 in all  (line 35)\n"), summary);
        assertTrue(summary.contains("  timer_route[cleanup, 60]: 1 statement, 1 in all  (line 115)\n"), summary);
        assertEquals("", err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void printsTheErrorAndFails(@TempDir Path dir) throws IOException {
        Path cfg = dir.resolve("bad.cfg");
        Files.writeString(cfg, "children=4\nfoo=1\n");
        assertEquals(1, run(cfg.toString()));
        assertTrue(err.toString(StandardCharsets.UTF_8).startsWith(cfg + ":2:1: unknown global parameter 'foo', expected an OpenSIPS 1.11 core setting"));
    }

    @Test
    void usageAndUnreadableFiles(@TempDir Path dir) {
        assertEquals(2, run());
        assertEquals(2, run(dir.resolve("missing.cfg").toString()));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("missing.cfg: cannot read: "));
    }
}
