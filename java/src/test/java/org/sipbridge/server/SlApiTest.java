package org.sipbridge.server;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A C module (test-modules/slreply) that binds the OpenSIPS sl API in mod_init with
 * load_sl_api() and replies by itself from its script functions: reply (with its reply
 * lump), reply_dlg (its own To-tag) and get_totag.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SlApiTest {
    private static final Pattern OUR_TAG = Pattern.compile("To: <sip:bob@example.com>;tag=(sb[0-9a-f]{8}\\.[0-9a-f]{16})\r\n");

    @TempDir
    Path dir;

    private static String request(String method, UdpPeer client, String toTag) {
        return method + " sip:bob@example.com SIP/2.0\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:" + client.port() + ";branch=z9hG4bK" + method.toLowerCase() + "\n"
                + "Max-Forwards: 70\n"
                + "From: <sip:alice@example.com>;tag=a1\n"
                + "To: <sip:bob@example.com>" + (toTag == null ? "" : ";tag=" + toTag) + "\n"
                + "Call-ID: sl-" + method + "@test\n"
                + "CSeq: 5 " + method + "\n"
                + "Content-Length: 0\n\n";
    }

    @Test
    void aCModuleRepliesThroughTheSlApi() throws Exception {
        String config = """
                listen=udp:127.0.0.1:%d
                children=2
                loadmodule "slreply.so"
                route {
                	if (is_method("INVITE")) { slreply_busy(); exit; }
                	if (is_method("MESSAGE")) { slreply_dlg(); exit; }
                	if (is_method("SUBSCRIBE")) { slreply_totag(); exit; }
                	sl_send_reply("500", "Unexpected");
                }
                """.formatted(TestServer.freePort());
        try (TestServer server = TestServer.start(dir, config); UdpPeer client = new UdpPeer()) {
            client.send(server.udp(), request("INVITE", client, null));
            String busy = client.expect();
            Matcher tag = OUR_TAG.matcher(busy);
            assertTrue(tag.find(), busy);
            assertEquals("SIP/2.0 486 Busy Here\r\n"
                    + "Via: SIP/2.0/UDP 127.0.0.1:" + client.port() + ";branch=z9hG4bKinvite\r\n"
                    + "From: <sip:alice@example.com>;tag=a1\r\n"
                    + "To: <sip:bob@example.com>;tag=" + tag.group(1) + "\r\n"
                    + "Call-ID: sl-INVITE@test\r\n"
                    + "CSeq: 5 INVITE\r\n"
                    + "X-Replied-By: slreply\r\n"
                    + "Server: OpenSIPS (1.11.0-sipbridge (x86_64/linux))\r\n" // server_signature (default on)
                    + "Content-Length: 0\r\n\r\n", busy);

            // the ACK of that 486 carries our tag: it ends at the server, the route does not run
            client.send(server.udp(), request("ACK", client, tag.group(1)).replace("branch=z9hG4bKack", "branch=z9hG4bKinvite")
                    .replace("sl-ACK@test", "sl-INVITE@test").replace("CSeq: 5 ACK", "CSeq: 5 ACK"));
            assertNull(client.receive(300), "no 500 from the route: the ACK was absorbed");
            assertEquals(1, server.await(ServerStats::acksAbsorbed, 1));

            client.send(server.udp(), request("MESSAGE", client, null));
            String dlg = client.expect();
            assertTrue(dlg.startsWith("SIP/2.0 480 Temporarily Unavailable\r\n"), dlg);
            assertTrue(dlg.contains("\r\nTo: <sip:bob@example.com>;tag=slreply-tag\r\n"), dlg);

            client.send(server.udp(), request("SUBSCRIBE", client, null));
            String accepted = client.expect();
            Matcher subscribeTag = OUR_TAG.matcher(accepted);
            assertTrue(accepted.startsWith("SIP/2.0 202 Accepted\r\n"), accepted);
            assertTrue(subscribeTag.find(), accepted);
            assertTrue(accepted.contains("\r\nX-Sl-Totag: " + subscribeTag.group(1) + "\r\n"),
                    "get_totag gives the tag the reply carries: " + accepted);

            assertEquals(3, server.await(ServerStats::localReplies, 3));
        }
    }

    @Test
    void theSlApiIsThereInCheckModeToo() throws Exception {
        Path cfg = TestServer.write(dir, "loadmodule \"slreply.so\"\nroute { slreply_busy(); }\n");
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        int code = org.sipbridge.script.ScriptCheck.check(cfg, ServerOptions.defaults().compileOptions(),
                new java.io.PrintStream(out, true), new java.io.PrintStream(err, true));
        assertEquals("", err.toString());
        assertEquals(0, code);
        assertTrue(out.toString().contains("slreply:slreply_busy/0"), out.toString());
    }
}
