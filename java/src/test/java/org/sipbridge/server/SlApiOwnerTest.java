package org.sipbridge.server;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A C module that serves the sl API itself (test-modules/fakesl, built like OpenSIPS's own
 * sl: a global load_sl in its exports) and a module that binds it (slreply): the replies are
 * the API module's (its To-tag from mod_init), not the core's, and its code, reached through
 * a function pointer from another module, runs on the calling worker's copy of its globals
 * (the rank its child_init stored equals the caller's), on several workers.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SlApiOwnerTest {
    private static final Pattern TO_TAG = Pattern.compile("\r\nTo: <sip:bob@example.com>;tag=([^\r\n;]+)\r\n");
    private static final Pattern CALLER = Pattern.compile("\r\nX-Caller-Rank: (-?\\d+)\r\n");
    private static final Pattern OWNER = Pattern.compile("\r\nX-Fakesl-Rank: (-?\\d+)\r\n");

    @TempDir
    Path dir;

    @Test
    void anApiBoundFromAnotherModuleIsThatModulesCodeOnTheCallersGlobals() throws Exception {
        String config = """
                listen=udp:127.0.0.1:%d
                children=3
                loadmodule "fakesl.so"
                loadmodule "slreply.so"
                route {
                	slreply_ranked();
                	exit;
                }
                """.formatted(TestServer.freePort());
        try (TestServer server = TestServer.start(dir, config); UdpPeer client = new UdpPeer()) {
            Set<String> ranks = new HashSet<>();
            for (int i = 0; i < 24; i++) {
                client.send(server.udp(), "MESSAGE sip:bob@example.com SIP/2.0\r\n"
                        + "Via: SIP/2.0/UDP 127.0.0.1:" + client.port() + ";branch=z9hG4bKown" + i + "\r\n"
                        + "Max-Forwards: 70\r\n"
                        + "From: <sip:alice@example.com>;tag=a" + i + "\r\n"
                        + "To: <sip:bob@example.com>\r\n"
                        + "Call-ID: owner-" + i + "@test\r\n"
                        + "CSeq: 1 MESSAGE\r\n"
                        + "Content-Length: 0\r\n\r\n");
                String r = client.expect();
                assertTrue(r.startsWith("SIP/2.0 486 Busy Here\r\n"), r);
                Matcher tag = TO_TAG.matcher(r);
                assertTrue(tag.find(), r);
                assertEquals("fakesl-tag-42", tag.group(1), "the API module's own To-tag, not the core's");
                Matcher caller = CALLER.matcher(r), owner = OWNER.matcher(r);
                assertTrue(caller.find() && owner.find(), r);
                assertEquals(caller.group(1), owner.group(1), "the API module's globals are the calling worker's");
                ranks.add(owner.group(1));
            }
            assertTrue(ranks.size() >= 2, "several workers answered: " + ranks);
            assertEquals(0, server.stats().localReplies(), "no reply came from the core's sl");
        }
    }
}
