package org.sipbridge.server;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.sipbridge.core.LogSafe;
import org.sipbridge.core.SipContext;
import org.sipbridge.sip.Framing;
import org.sipbridge.sip.SipError;
import org.sipbridge.testing.LogCapture;
import org.sipbridge.testing.SlotMessage;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sipbridge.server.SipTestMessages.firstLine;

/** Issue 13 items 4, 5, 6, 7, 9, 11: what a hostile or broken peer sends, and what the server does with it. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HostileInputTest extends ProxyBetweenPeersTestBase {
    @BeforeEach
    void start() throws Exception {
        proxy = TestServer.start(dir, """
                listen=udp:127.0.0.1:%d
                children=1
                route {
                	if (is_method("OPTIONS")) {
                		sl_send_reply("200", "OK");
                		exit;
                	}
                	if (is_method("INFO")) {
                		route(deep);
                		sl_send_reply("200", "Deep");
                		exit;
                	}
                	forward("udp:127.0.0.1:%d");
                }
                route[deep] {
                	$var(x) = $rm - 1;
                	route(deep);
                }
                """.formatted(TestServer.freePort(), uas.port()));
    }

    private String request(String method, String callId, String extraHeaders) {
        return method + " sip:bob@127.0.0.1:" + uas.port() + " SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:" + client.port() + ";branch=z9hG4bK" + callId.hashCode() + "\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: <sip:alice@example.com>;tag=a1\r\n"
                + "To: <sip:bob@example.com>\r\n"
                + "Call-ID: " + callId + "\r\n"
                + "CSeq: 1 " + method + "\r\n"
                + extraHeaders
                + "Content-Length: 0\r\n";
    }

    @Test
    void aDatagramWithoutTheEmptyLineIsAnsweredNotForwarded() {
        client.send(proxy.udp(), request("MESSAGE", "no-empty-line@test", ""));
        assertEquals("SIP/2.0 400 Header Section Not Terminated", firstLine(client.expect()));
        assertNull(uas.receive(300), "forwarded without its empty line");
        client.send(proxy.udp(), request("MESSAGE", "with-empty-line@test", "") + "\r\n");
        assertTrue(uas.expect().startsWith("MESSAGE "), "a complete request is still forwarded");
    }

    @Test
    void overLimitRequestsAreAnsweredWithTheReason() {
        StringBuilder many = new StringBuilder();
        for (int i = 0; i < 258; i++) {
            many.append("X-H").append(i).append(": v\r\n");
        }
        client.send(proxy.udp(), request("OPTIONS", "many-headers@test", many.toString()) + "\r\n");
        assertEquals("SIP/2.0 400 Too Many Headers", firstLine(client.expect()));

        String longLine = request("OPTIONS", "long-header@test", "Subject: " + "s".repeat(60_000) + "\r\n") + "\r\n";
        client.send(proxy.udp(), longLine);
        String reply = client.expect();
        assertEquals("SIP/2.0 400 Header Line Too Long", firstLine(reply));
        assertFalse(reply.contains("sssss"), "the over-long line is not copied into the reply");

        String longUri = request("OPTIONS", "long-uri@test", "").replaceFirst("sip:bob@",
                "sip:" + "u".repeat(9000) + "@") + "\r\n";
        client.send(proxy.udp(), longUri);
        assertEquals("SIP/2.0 414 Request-URI Too Long", firstLine(client.expect()));
        assertNull(uas.receive(200));
    }

    @Test
    void aBadRequestsLogLineHasNoDetailOfAnEarlierMessage() {
        try (SipContext ctx = new SipContext()) {
            String badViaPort = SlotMessage.crlf("""
                    OPTIONS sip:bob@example.com SIP/2.0
                    Via: SIP/2.0/UDP 192.0.2.1:99999999;branch=z9hG4bK1
                    From: <sip:a@example.com>;tag=1
                    To: <sip:b@example.com>
                    Call-ID: stale-1@test
                    CSeq: 1 OPTIONS
                    Content-Length: 0

                    """);
            assertEquals(SipError.BAD_VIA, load(ctx, badViaPort));
            assertEquals(SipError.VIA_BAD_PORT, ctx.validator().detail());
            String badLength = badViaPort.replace("99999999", "5060").replace("Content-Length: 0", "Content-Length: x");
            assertEquals(SipError.BAD_CONTENT_LENGTH, load(ctx, badLength));
            assertEquals(SipError.NONE, ctx.validator().detail(), "the detail of the previous message was kept");
        }
    }

    private static SipError load(SipContext ctx, String text) {
        ByteBuffer b = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
        return ctx.load(b, 0, b.remaining(), Framing.DATAGRAM, SlotMessage.FROM_CLIENT);
    }

    @Test
    void controlCharactersFromTheNetworkAreEscapedInTheLog() {
        try (LogCapture log = LogCapture.of("org.sipbridge.server")) {
            String evil = request("OPTIONS", "escape@test", "") + "\r\n";
            client.send(proxy.udp(), "OPT\u001b[2J\u0007\u0000X" + evil.substring("OPTIONS".length()));
            assertEquals("SIP/2.0 400 Malformed Method", firstLine(client.expect()));
            String line = log.awaitMessage("malformed ", Duration.ofSeconds(2));
            assertTrue(line.contains("OPT\\x1b[2J\\x07\\x00X"), line);
            for (char c : line.toCharArray()) {
                assertTrue(c >= 0x20 && c != 0x7f, "raw control character " + (int) c + " in " + line);
            }
        }
        assertSame("plain", LogSafe.text("plain"), "printable text is not copied");
        assertEquals("a\\r\\nb\\t\\x7f\\x9b", LogSafe.text("a\r\nb\t\u007f\u009b"));
    }

    @Test
    void aReplysReceivedNameIsNotResolved() {
        client.send(proxy.udp(), request("MESSAGE", "received-name@test", "") + "\r\n");
        String forwarded = uas.expect();
        // The UAS (or anyone on the path) turns the client's received into a name that resolves.
        StringBuilder reply = new StringBuilder("SIP/2.0 200 OK\r\n");
        for (String line : forwarded.split("\r\n")) {
            if (line.startsWith("Via:") && !line.contains("z9hG4bKsb")) {
                reply.append(line.replaceAll(";received=[^;]*", "")).append(";received=localhost\r\n");
            } else if (line.startsWith("Via:")) {
                reply.append(line).append("\r\n");
            } else if (line.startsWith("From:") || line.startsWith("To:") || line.startsWith("Call-ID:")
                    || line.startsWith("CSeq:")) {
                reply.append(line).append("\r\n");
            }
        }
        reply.append("Content-Length: 0\r\n\r\n");
        assertTrue(reply.toString().contains("received=localhost"), reply.toString());
        try (LogCapture log = LogCapture.of("org.sipbridge.server")) {
            uas.send(proxy.udp(), reply.toString());
            assertNull(client.receive(500), "relayed to a name taken from the reply");
            assertTrue(log.awaitMessage("cannot relay", Duration.ofSeconds(2)).contains("received localhost is not an IP address"));
        }
        assertEquals(0, proxy.stats().relayed());
    }

    @Test
    void aScriptErrorInARecursiveRouteLogsOneLineNotAHundred() {
        try (LogCapture log = LogCapture.of("org.sipbridge.script")) {
            client.send(proxy.udp(), request("INFO", "recursive@test", "") + "\r\n");
            assertEquals("SIP/2.0 200 Deep", firstLine(client.expect()));
            List<String> lines = log.messages();
            assertTrue(lines.size() <= 2, "log flood: " + lines.size() + " lines, first " + lines.get(0));
            assertNotNull(lines.stream().filter(l -> l.contains("invalid")).findFirst().orElse(null), lines.toString());
        }
    }
}
