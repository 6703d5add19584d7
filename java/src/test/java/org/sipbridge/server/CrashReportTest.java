package org.sipbridge.server;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.sipbridge.testing.LogCapture;
import org.sipbridge.testing.TestModules;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 13 item 12: a server (a child JVM running Main) dies in a module function, by a
 * NULL dereference (the JVM writes hs_err) or by abort() (no report at all); the next start
 * with the same configuration logs which worker was in which module and function.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class CrashReportTest {
    @TempDir
    Path dir;

    @Test
    void theNextStartNamesTheModuleAndFunctionOfANullDereference() throws Exception {
        crashThenRestart("crash_null");
    }

    @Test
    void theNextStartNamesTheModuleAndFunctionOfAnAbort() throws Exception {
        crashThenRestart("crash_abort");
    }

    /**
     * Issue 13 item 3: SIGTERM while a worker sleeps forever inside a module function. Before,
     * the stop freed and unloaded what that thread was running (SIGSEGV, hs_err) and said it
     * dropped nothing; now the JVM exits as after any SIGTERM, says where the worker was, and
     * counts the message it held.
     */
    @Test
    void sigtermWithAWorkerStuckInAModuleEndsCleanly() throws Exception {
        int port = TestServer.freePort();
        String config = "listen=udp:127.0.0.1:" + port + "\nchildren=2\nmodule_call_limit=200\nloadmodule \"stuck.so\"\n"
                + "route {\n\tif (is_method(\"MESSAGE\")) {\n\t\tstuck_forever();\n\t}\n"
                + "\tsl_send_reply(\"200\", \"OK\");\n}\n";
        Path cfg = TestServer.write(dir, config);
        Path state = Files.createDirectory(dir.resolve("state"));
        Path out = dir.resolve("child.log");
        Process child = child(cfg, state, out);
        try (UdpPeer client = new UdpPeer()) {
            java.net.InetSocketAddress server = new java.net.InetSocketAddress("127.0.0.1", port);
            awaitAnswer(child, out, client, server);
            client.send(server, "MESSAGE sip:x@127.0.0.1 SIP/2.0\nVia: SIP/2.0/UDP 127.0.0.1:" + client.port()
                    + ";branch=z9hG4bK3\nFrom: <sip:a@x>;tag=1\nTo: <sip:x@x>\nCall-ID: hang@test\nCSeq: 1 MESSAGE\n"
                    + "Content-Length: 0\n\n");
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (!Files.readString(out).contains("has been on one message") && System.nanoTime() < end) {
                Thread.sleep(50);
            }
            assertTrue(Files.readString(out).contains("in module stuck, function stuck_forever"), Files.readString(out));
            child.destroy(); // SIGTERM
            assertTrue(child.waitFor(40, TimeUnit.SECONDS), "the stop did not end: " + Files.readString(out));
        } finally {
            child.destroyForcibly();
        }
        String log = Files.readString(out);
        assertEquals(0, child.exitValue(), log); // a graceful stop after SIGTERM exits 0, not 134 (abort after SIGSEGV)
        try (var files = Files.list(dir)) {
            assertFalse(files.anyMatch(f -> f.getFileName().toString().startsWith("hs_err")), log);
        }
        assertTrue(log.contains("still running after the stop grace period"), log);
        assertTrue(log.contains("1 message dropped with it"), log);
    }

    private static Process child(Path cfg, Path state, Path out) throws java.io.IOException {
        return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dsipbridge.core=" + System.getProperty("sipbridge.core"),
                "-Dsipbridge.state.dir=" + state, "-XX:-CreateCoredumpOnCrash",
                // a quick start: this JVM only has to serve a few requests
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx128m",
                "-cp", System.getProperty("java.class.path"), "org.sipbridge.Main", "-E", "-f", cfg.toString())
                .directory(cfg.getParent().toFile()).redirectErrorStream(true).redirectOutput(out.toFile()).start();
    }

    private void crashThenRestart(String function) throws Exception {
        int port = TestServer.freePort();
        String config = "listen=udp:127.0.0.1:" + port + "\nchildren=2\nloadmodule \"stuck.so\"\n"
                + "route {\n\tif (is_method(\"MESSAGE\")) {\n\t\t" + function + "();\n\t}\n"
                + "\tsl_send_reply(\"200\", \"OK\");\n}\n";
        Path cfg = TestServer.write(dir, config);
        Path state = Files.createDirectory(dir.resolve("state"));
        Path out = dir.resolve("child.log");
        Process child = child(cfg, state, out);
        try (UdpPeer client = new UdpPeer()) {
            java.net.InetSocketAddress server = new java.net.InetSocketAddress("127.0.0.1", port);
            awaitAnswer(child, out, client, server);
            client.send(server, "MESSAGE sip:x@127.0.0.1 SIP/2.0\nVia: SIP/2.0/UDP 127.0.0.1:" + client.port()
                    + ";branch=z9hG4bK2\nFrom: <sip:a@x>;tag=1\nTo: <sip:x@x>\nCall-ID: crash@test\nCSeq: 1 MESSAGE\n"
                    + "Content-Length: 0\n\n");
            assertTrue(child.waitFor(60, TimeUnit.SECONDS), "the child did not die");
        } finally {
            child.destroyForcibly();
        }
        assertNotEquals(0, child.exitValue());
        List<Path> crumbs;
        try (var files = Files.list(state)) {
            crumbs = files.toList();
        }
        assertEquals(1, crumbs.size(), "the crash left its breadcrumb file: " + crumbs);

        String previous = System.getProperty("sipbridge.state.dir");
        System.setProperty("sipbridge.state.dir", state.toString());
        try (LogCapture log = LogCapture.of("org.sipbridge.server");
             TestServer again = TestServer.start(dir, config.replace(":" + port, ":" + TestServer.freePort()))) {
            assertTrue(again.udp() != null);
            String report = log.messages().stream().filter(m -> m.contains("did not stop cleanly")).findFirst()
                    .orElseThrow(() -> new AssertionError("no crash report: " + log.messages()));
            assertTrue(report.contains("in module stuck, function " + function), report);
            assertTrue(report.matches(".*worker [12] was in module.*"), report);
        } finally {
            if (previous == null) {
                System.clearProperty("sipbridge.state.dir");
            } else {
                System.setProperty("sipbridge.state.dir", previous);
            }
        }
        try (var files = Files.list(state)) {
            assertFalse(files.findAny().isPresent(), "a clean stop removes the file");
        }
    }

    /** OPTIONS until the child answers (it is then serving). */
    private static void awaitAnswer(Process child, Path out, UdpPeer client, java.net.InetSocketAddress server)
            throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(40);
        while (System.nanoTime() < end) {
            if (!child.isAlive()) {
                throw new AssertionError("the child ended: " + Files.readString(out));
            }
            client.send(server, "OPTIONS sip:x@127.0.0.1 SIP/2.0\nVia: SIP/2.0/UDP 127.0.0.1:" + client.port()
                    + ";branch=z9hG4bK1\nFrom: <sip:a@x>;tag=1\nTo: <sip:x@x>\nCall-ID: alive@test\nCSeq: 1 OPTIONS\n"
                    + "Content-Length: 0\n\n");
            String reply = client.receive(250);
            if (reply != null && reply.startsWith("SIP/2.0 200 OK")) {
                return;
            }
        }
        throw new AssertionError("the child does not answer: " + Files.readString(out));
    }
}
