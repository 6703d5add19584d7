package org.sipbridge.bridge;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sipbridge.core.ModuleSystem;
import org.sipbridge.module.Argument;
import org.sipbridge.module.CallSite;
import org.sipbridge.module.RouteType;
import org.sipbridge.testing.LogCapture;
import org.sipbridge.testing.SlotMessage;
import org.sipbridge.testing.TestModules;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;
import static org.sipbridge.testing.SlotMessage.crlf;

/** The sip_msg view C modules get of a Java-parsed message, and the bytes that go out. */
class MessageViewTest {
    static final String INVITE = crlf("""
            INVITE sip:bob@biloxi.example.com SIP/2.0
            Via: SIP/2.0/UDP client.atlanta.example.com:5060;branch=z9hG4bK74bf9;rport
            Max-Forwards: 70
            From: Alice <sip:alice@atlanta.example.com>;tag=9fxced76sl
            To: Bob <sip:bob@biloxi.example.com>
            Call-ID: 3848276298220188511@atlanta.example.com
            CSeq: 1 INVITE
            Contact: <sip:alice@client.atlanta.example.com;transport=udp>
            User-Agent: test
            Content-Type: application/sdp
            Content-Length: 14

            v=0
            o=x 1 1
            """);

    private ModuleSystem ms;
    private SlotMessage msg;

    @BeforeEach
    void setUp() {
        ms = TestModules.loaded("msgtest.so");
        ms.initModules();
        msg = new SlotMessage();
    }

    @AfterEach
    void tearDown() {
        ms.close();
        msg.close();
    }

    private CallSite fn(String name, String... args) {
        return ms.bind(ms.lookup(name, args.length, RouteType.REQUEST),
                java.util.Arrays.stream(args).map(Argument::string).toList());
    }

    private static final byte[] OUR_VIA =
            "Via: SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bKtest\r\n".getBytes(StandardCharsets.US_ASCII);

    @Test
    void cSeesEveryFieldTheJavaParserFound() {
        try (LogCapture log = LogCapture.of("msgtest")) {
            msg.load(INVITE);
            assertEquals(1, fn("msgtest_dump").call(msg));
            List<String> lines = log.messages();
            assertTrue(lines.contains("mt_dump: id=1 len=449 type=1 fl.len=43 parsed_flag=ffffffffffffffff"), lines.toString());
            assertTrue(lines.contains("mt_dump: request method=INVITE(1) uri=sip:bob@biloxi.example.com version=SIP/2.0"));
            assertTrue(lines.contains("mt_dump: hdr type=1 name=Via body=[SIP/2.0/UDP client.atlanta.example.com:5060;"
                    + "branch=z9hG4bK74bf9;rport] len=76 sibling=no"));
            assertTrue(lines.contains("mt_dump: hdr type=27 name=User-Agent body=[test] len=18 sibling=no"));
            assertTrue(lines.contains("dump_via:   branch=z9hG4bK74bf9 tid=74bf9"));
            assertTrue(lines.contains("mt_dump: to uri=sip:bob@biloxi.example.com display=Bob tag="));
            assertTrue(lines.contains("mt_dump: cseq 1 INVITE (1)"));
            assertTrue(lines.contains("mt_dump: content-length=14"));
            assertTrue(lines.contains("mt_dump: rcv src=192.0.2.10:5062 proto=1 dst_port=5060 bind=127.0.0.1:5060 (udp:127.0.0.1:5060)"));
            assertEquals(1, fn("msgtest_parse").call(msg), "every parse helper succeeds: " + log.messages());
        }
    }

    @Test
    void forwardedRequestCarriesEveryChangeCMade() {
        msg.load(INVITE);
        assertEquals(1, fn("msgtest_change").call(msg));
        int n = msg.slot.buildRequest(OUR_VIA, OUR_VIA.length);
        assertEquals(crlf("""
                INVITE sip:changed@example.net SIP/2.0
                Via: SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bKtest
                Via: SIP/2.0/UDP client.atlanta.example.com:5060;branch=z9hG4bK74bf9;rport
                From: Alice <sip:alice@atlanta.example.com>;tag=9fxced76sl
                To: Bob <sip:bob@biloxi.example.com>
                X-Before-Callid: 1
                Call-ID: 3848276298220188511@atlanta.example.com
                CSeq: 9 INVITE
                Contact: <sip:alice@client.atlanta.example.com;transport=udp>
                Content-Type: application/sdp
                Content-Length: 25
                X-MsgTest: appended
                X-Received-On: 127.0.0.1

                v=0
                o=x 1 1
                a=msgtest
                """), msg.output(n));
        // Java sees what C changed: URIs and flags by read-back, the in-place digit in the buffer
        assertEquals("sip:changed@example.net", msg.slot.newUri());
        assertEquals("sip:10.9.9.9:5080;transport=udp", msg.slot.dstUri());
        assertEquals(1 << 3, msg.slot.flags());
        assertTrue(msg.bufferText().contains("\r\nCSeq: 9 INVITE\r\n"));
        // OpenSIPS semantics: added headers are not in the message itself
        assertFalse(msg.bufferText().contains("X-MsgTest"));
        assertTrue(msg.slot.hasLumps());
    }

    @Test
    void applyingChangesGivesTheMessageItsLumps() {
        msg.load(INVITE);
        assertEquals(1, fn("msgtest_change").call(msg));
        int n = msg.slot.buildApplied(false);
        String applied = msg.output(n);
        assertTrue(applied.startsWith("INVITE sip:bob@biloxi.example.com SIP/2.0\r\n"), applied);
        assertTrue(applied.contains("\r\nX-MsgTest: appended\r\n"));
        assertFalse(applied.contains("User-Agent"));
        // re-parsed and described again, the changes are now part of the message
        msg.load(applied);
        try (LogCapture log = LogCapture.of("msgtest")) {
            fn("msgtest_dump").call(msg);
            assertTrue(log.messages().stream().anyMatch(l -> l.contains("name=X-MsgTest body=[appended]")), log.messages().toString());
            assertTrue(log.messages().contains("mt_dump: lumps: add_rm=no body=no reply=no"));
        }
    }

    @Test
    void localReplyCopiesTheRequestAndAddsReplyLumps() {
        msg.load(INVITE);
        assertEquals(1, fn("msgtest_reply_lumps").call(msg));
        // server_signature on, with a header of our own (a configuration would set these)
        NativeCore.get().calls().sb_set_signature(1, "Server: view test", null);
        int n = msg.slot.buildLocalReply(200, "OK", "tag123");
        assertEquals(crlf("""
                SIP/2.0 200 OK
                Via: SIP/2.0/UDP client.atlanta.example.com:5060;branch=z9hG4bK74bf9;received=192.0.2.10;rport=5062
                From: Alice <sip:alice@atlanta.example.com>;tag=9fxced76sl
                To: Bob <sip:bob@biloxi.example.com>;tag=tag123
                Call-ID: 3848276298220188511@atlanta.example.com
                CSeq: 1 INVITE
                Allow: INVITE, ACK
                X-Reply-Lump: static
                Server: view test
                Content-Length: 12

                reply body
                """), msg.output(n));
    }

    @Test
    void rportAlwaysGetsReceivedToo() {
        // RFC 3581 section 4: with rport in the request, received is added even when the
        // source address is the one the Via names
        msg.load(INVITE.replace("client.atlanta.example.com:5060", "192.0.2.10:5062"));
        int n = msg.slot.buildLocalReply(100, "Trying", null);
        assertTrue(msg.output(n).contains("\r\nVia: SIP/2.0/UDP 192.0.2.10:5062;branch=z9hG4bK74bf9;"
                + "received=192.0.2.10;rport=5062\r\n"), msg.output(n));
    }

    @Test
    void relayedReplyLosesOurVia() {
        msg.load(crlf("""
                SIP/2.0 180 Ringing
                Via: SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bKtest
                Via: SIP/2.0/UDP client.atlanta.example.com:5060;branch=z9hG4bK74bf9;rport=5062;received=192.0.2.10
                From: Alice <sip:alice@atlanta.example.com>;tag=9fxced76sl
                To: Bob <sip:bob@biloxi.example.com>;tag=314159
                Call-ID: 3848276298220188511@atlanta.example.com
                CSeq: 1 INVITE
                Content-Length: 0

                """)).routeType(RouteType.ONREPLY);
        int n = msg.slot.buildRelayedReply();
        assertEquals(crlf("""
                SIP/2.0 180 Ringing
                Via: SIP/2.0/UDP client.atlanta.example.com:5060;branch=z9hG4bK74bf9;rport=5062;received=192.0.2.10
                From: Alice <sip:alice@atlanta.example.com>;tag=9fxced76sl
                To: Bob <sip:bob@biloxi.example.com>;tag=314159
                Call-ID: 3848276298220188511@atlanta.example.com
                CSeq: 1 INVITE
                Content-Length: 0

                """), msg.output(n));
    }

    @Test
    void javaRewritesAreWhatCSees() {
        try (LogCapture log = LogCapture.of("msgtest")) {
            msg.load(INVITE);
            msg.slot.ensureView();
            msg.slot.setNewUri("sip:carol@chicago.example.com");
            msg.slot.setDstUri("sip:192.0.2.99:5070");
            msg.slot.setFlags(5);
            fn("msgtest_dump").call(msg);
            assertTrue(log.messages().contains("mt_dump: new_uri=sip:carol@chicago.example.com "
                    + "dst_uri=sip:192.0.2.99:5070 flags=5 msg_flags=0"), log.messages().toString());
            fn("msgtest_set_ruri", "sip:dave@example.org").call(msg);
            assertEquals("sip:dave@example.org", msg.slot.newUri());
        }
    }

    @Test
    void steadyTrafficAllocatesNoNativeMemoryPerMessage() {
        CallSite dump = fn("msgtest_dump");
        MemoryCounters before = null;
        for (int i = 0; i < 2000; i++) {
            msg.load(INVITE);
            dump.call(msg);
            if (i == 100) {
                before = MemoryCounters.of(NativeCore.get().calls(), 0, MemoryCounters.PKG);
            }
        }
        MemoryCounters after = MemoryCounters.of(NativeCore.get().calls(), 0, MemoryCounters.PKG);
        assertEquals(before.totalAllocs(), after.totalAllocs(), "core pkg allocations per message");
        MemoryCounters module = ms.memory(ms.registry().module("msgtest").orElseThrow(), MemoryCounters.PKG);
        assertEquals(0, module.liveBlocks());
    }
}
