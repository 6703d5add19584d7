package org.sipbridge.server;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.sipbridge.script.ScriptCheck;
import org.sipbridge.testing.LogCapture;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 13 item 10: what -c and the start say about configurations that cannot work as written. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ConfigChecksTest {
    @TempDir
    Path dir;

    private record Check(int code, String out, String err) {
    }

    private Check check(String config) {
        Path file = TestServer.write(dir, config);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = ScriptCheck.check(file, ServerOptions.defaults().withWorkingDirectory(dir).compileOptions(),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Check(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void tooManyChildrenAreRefusedByTheCheckWithTheirLocation() {
        Check c = check("listen=udp:127.0.0.1:5070\nchildren=100000\nroute { exit; }\n");
        assertEquals(1, c.code());
        assertTrue(c.err().startsWith("sipbridge: " + dir.resolve("test.cfg") + ":2:1: children = 100000 is out of range,"
                + " expected an integer from 1 to 1024"), c.err());
        ServerException e = assertThrows(ServerException.class, () -> TestServer.start(dir,
                "listen=udp:127.0.0.1:" + TestServer.freePort() + "\nchildren=100000\nroute { exit; }\n"));
        assertTrue(e.getMessage().startsWith(dir.resolve("test.cfg") + ":2:1: children = 100000"), e.getMessage());
    }

    @Test
    void anEmptyFileShowsTheListenerItWouldUseAndThatItHasNoRoute() {
        Check c = check("");
        assertEquals(0, c.code(), c.err());
        assertTrue(c.out().startsWith("listen: udp:127.0.0.1:5060 (the default: no listen= line)\n"), c.out());
        assertTrue(c.out().contains("WARNING: no request route (route{}): every request is dropped unanswered"), c.out());
    }

    @Test
    void aServerWithoutRouteSaysWhyItDropsRequests() throws Exception {
        try (LogCapture log = LogCapture.of("org.sipbridge.server");
             TestServer server = TestServer.start(dir, "listen=udp:127.0.0.1:" + TestServer.freePort() + "\n");
             UdpPeer client = new UdpPeer()) {
            assertTrue(log.messages().stream().anyMatch(m -> m.contains("no request route")), log.messages().toString());
            client.send(server.udp(), "OPTIONS sip:x@127.0.0.1 SIP/2.0\nVia: SIP/2.0/UDP 127.0.0.1:" + client.port()
                    + ";branch=z9hG4bK1\nFrom: <sip:a@x>;tag=1\nTo: <sip:x@x>\nCall-ID: noroute@test\nCSeq: 1 OPTIONS\n"
                    + "Content-Length: 0\n\n");
            assertNull(client.receive(300));
            assertEquals(1, server.await(s -> s.scriptDropped(), 1));
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(2); // the line follows the count
            while (log.messages().stream().noneMatch(m -> m.startsWith("dropped OPTIONS from udp:127.0.0.1:")
                    && m.contains("no request route")) && System.nanoTime() < end) {
                Thread.sleep(10);
            }
            assertTrue(log.messages().stream().anyMatch(m -> m.startsWith("dropped OPTIONS from udp:127.0.0.1:")
                    && m.contains("no request route")), log.messages().toString());
        }
    }

    @Test
    void anAddressOfAnotherHostIsNotCalledAPortInUse() {
        for (String receivers : new String[] {"1", "2"}) {
            ServerException e = assertThrows(ServerException.class, () -> TestServer.start(dir,
                    "listen=udp:192.0.2.77:" + TestServer.freePort() + "\nudp_receivers=" + receivers
                            + "\nroute { exit; }\n"));
            assertTrue(e.getMessage().contains("not one of this host's"), e.getMessage());
            assertFalse(e.getMessage().contains("another process"), e.getMessage());
        }
    }

    @Test
    void aModuleFileThatIsNotALibraryOrIsADirectoryIsNamedSo() throws Exception {
        Path text = Files.writeString(dir.resolve("notes.so"), "just text\n");
        Check c = check("loadmodule \"" + text + "\"\nroute { exit; }\n");
        assertEquals(1, c.code());
        assertTrue(c.err().contains("not a shared library (.so): it does not start with an ELF header"), c.err());
        assertFalse(c.err().contains("resource path"), c.err());

        Path folder = Files.createDirectory(dir.resolve("mymod"));
        c = check("loadmodule \"" + folder + "\"\nroute { exit; }\n");
        assertEquals(1, c.code());
        assertTrue(c.err().contains("is a directory, not a module file"), c.err());
        assertFalse(c.err().contains("could not find module"), c.err());
    }
}
