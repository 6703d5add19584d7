package org.sipbridge;

import org.junit.jupiter.api.Test;
import org.sipbridge.testing.TestModules;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The command line: -c exit codes and messages; a server that cannot start says why (the running server: server tests). */
class MainTest {
    private record Run(int code, String out, String err) {
    }

    private static Run main(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = Main.run(args);
            return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    @Test
    void checkModeReportsAValidConfiguration() throws Exception {
        Path cfg = Files.createTempFile("main", ".cfg");
        Files.writeString(cfg, "listen=udp:127.0.0.1:5070\nmpath=\"" + TestModules.dir() + "\"\nloadmodule \"maxfwd.so\"\n"
                + "route {\n  mf_process_maxfwd_header(\"10\");\n  route(r);\n}\nroute[r] { forward(); }\n");
        Run r = main("-f", cfg.toString(), "-c");
        assertEquals("", r.err());
        assertEquals(0, r.code());
        assertEquals("checking " + cfg + ": loading modules, running modparam, mod_init of every module and the "
                + "fixups of every call, as a start does (nothing listens)\n"
                + "listen: udp:127.0.0.1:5070\n"
                + "children: 8, log_level: (not set)\n"
                + "modules (mod_init ran):\n"
                + String.format("  %-16s %-45s %s%n", "core", "sipbridge (development build)", "Java")
                + String.format("  %-16s %-45s %s%n", "sl", "sipbridge (development build)", "Java")
                + String.format("  %-16s %-45s %s%n", "maxfwd", "opensips 1.11.0-sipbridge (x86_64/linux)", "C, OpenSIPS 1.11 dialect")
                + "functions (fixups ran):\n"
                + String.format("  %-40s %s%n", "maxfwd:mf_process_maxfwd_header/1", cfg + ":5:3")
                + String.format("  %-40s %s%n", "core:forward/0", cfg + ":8:12")
                + "routes:\n"
                + String.format("  %-28s %s%n", "route", "route")
                + String.format("  %-28s %s%n", "route[r]", "route")
                + "configuration " + cfg + " is valid\n", r.out());
        Files.delete(cfg);
    }

    @Test
    void checkModeFailsWithTheLocatedMessage() throws Exception {
        Path cfg = Files.createTempFile("main", ".cfg");
        Files.writeString(cfg, "route {\n  nothing();\n}\n");
        Run r = main("-f", cfg.toString(), "-c");
        assertEquals(1, r.code());
        assertTrue(r.out().startsWith("checking "), r.out());
        assertEquals("sipbridge: " + cfg + ":2:3: unknown command <nothing>, missing loadmodule?\n"
                + "sipbridge: configuration " + cfg + " is NOT valid\n", r.err());
        Files.delete(cfg);
    }

    @Test
    void checkModeNamesTheDefaultListenerAndLocatesAFailingModInit() throws Exception {
        Path cfg = Files.createTempFile("main", ".cfg");
        Files.writeString(cfg, "mpath=\"" + TestModules.dir() + "\"\nloadmodule \"maxfwd.so\"\n"
                + "loadmodule \"init_fails.so\"\nroute { forward(); }\n");
        Run r = main("-c", "-f", cfg.toString());
        assertEquals(1, r.code(), r.err());
        assertTrue(r.err().startsWith("sipbridge: " + cfg + ":3:1: init_f of module "), r.err());
        Files.writeString(cfg, "route { forward(); }\n");
        r = main("-C", "-f", cfg.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("listen: udp:127.0.0.1:5060 (the default: no listen= line)\n"), r.out());
        Files.delete(cfg);
    }

    @Test
    void versionHelpAndOpensipsFlags() throws Exception {
        Run v = main("-V");
        assertEquals(0, v.code());
        assertTrue(v.out().startsWith("sipbridge "), v.out());
        Run h = main("-h");
        assertEquals(0, h.code());
        for (String flag : new String[] {"-f", "-c", "-V", "-E", "-D", "-P", "-w"}) {
            assertTrue(h.out().contains(flag), flag + " in " + h.out());
        }
        Path cfg = Files.createTempFile("main", ".cfg");
        Files.writeString(cfg, "route { forward(); }\n");
        // -D/-F (foreground) and -E are accepted; -w makes a relative -f resolve in that directory
        Run r = main("-D", "-F", "-E", "-w", cfg.getParent().toString(), "-f", cfg.getFileName().toString(), "-c");
        assertEquals(0, r.code(), r.err());
        Run bad = main("-Z");
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("Unknown option: '-Z'"), bad.err());
        Files.delete(cfg);
    }

    @Test
    void listenAndChildrenFromTheCommandLine() throws Exception {
        Path cfg = Files.createTempFile("main", ".cfg");
        Files.writeString(cfg, "listen=udp:127.0.0.1:5070\nchildren=2\nroute { forward(); }\n");
        Run r = main("-c", "-f", cfg.toString(), "-l", "tcp:127.0.0.1:5071", "-l", "127.0.0.2", "-n", "3");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("listen: udp:127.0.0.1:5070 tcp:127.0.0.1:5071 udp:127.0.0.2:5060\n"), r.out());
        assertTrue(r.out().contains("children: 3,"), r.out());
        Run bad = main("-c", "-f", cfg.toString(), "-l", "udp:example.com");
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("an IP address is needed"), bad.err());
        assertEquals(2, main("-c", "-f", cfg.toString(), "-n", "0").code());
        Files.delete(cfg);
    }

    @Test
    void usageAndAServerThatCannotStart() {
        assertEquals(2, main("-f").code());
        Run r = main("-f", "x.cfg");
        assertEquals(1, r.code());
        assertEquals("sipbridge: cannot read x.cfg: no such file\nsipbridge: not started\n", r.err());
    }
}
