package org.sipbridge.bridge;

import org.openjdk.jmh.annotations.*;
import org.sipbridge.core.Proto;
import org.sipbridge.core.ReceiveInfo;
import org.sipbridge.sip.Framing;
import org.sipbridge.sip.SipMessage;
import org.sipbridge.sip.SipParser;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * Cost per message of getting a typical ~600-byte INVITE in front of C modules: the Java
 * parse in the native slot, then describing it to the view (Java writes the view input),
 * then the native view build (hdr_field list, eager Via/To/CSeq/Content-Length parses).
 * Run with scripts/bench-view.sh (adds -prof gc for bytes/op).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = {"-Dsipbridge.core=target/native/libsipbridge.so"})
public class ViewBenchmark {
    static final String INVITE = ("INVITE sip:bob@biloxi.example.com SIP/2.0\r\n"
            + "Via: SIP/2.0/UDP pc33.atlanta.example.com:5060;branch=z9hG4bK776asdhds;rport\r\n"
            + "Max-Forwards: 70\r\n"
            + "To: Bob <sip:bob@biloxi.example.com>\r\n"
            + "From: Alice <sip:alice@atlanta.example.com>;tag=1928301774\r\n"
            + "Call-ID: a84b4c76e66710@pc33.atlanta.example.com\r\n"
            + "CSeq: 314159 INVITE\r\n"
            + "Contact: <sip:alice@pc33.atlanta.example.com>\r\n"
            + "Allow: INVITE, ACK, CANCEL, OPTIONS, BYE, REFER, NOTIFY\r\n"
            + "User-Agent: SIPbench/1.0\r\n"
            + "Content-Type: application/sdp\r\n"
            + "Content-Length: 142\r\n"
            + "\r\n"
            + "v=0\r\n"
            + "o=alice 2890844526 2890844526 IN IP4 pc33.atlanta.example.com\r\n"
            + "s=-\r\n"
            + "c=IN IP4 192.0.2.101\r\n"
            + "t=0 0\r\n"
            + "m=audio 49172 RTP/AVP 0\r\n"
            + "a=rtpmap:0 PCMU/8000\r\n");

    private MessageSlot slot;
    private final SipParser parser = new SipParser();
    private final SipMessage msg = new SipMessage();
    private final ReceiveInfo rcv = new ReceiveInfo(Proto.UDP, new InetSocketAddress("192.0.2.101", 5060),
            new InetSocketAddress("127.0.0.1", 5070), 0);
    private byte[] bytes;
    private int id;

    @Setup
    public void setup() {
        slot = new MessageSlot(NativeCore.get(), 65535, 256);
        bytes = INVITE.getBytes(StandardCharsets.US_ASCII);
    }

    @TearDown
    public void tearDown() {
        slot.close();
    }

    /** Copy into the slot and parse (what every message costs). */
    @Benchmark
    public int parse() {
        slot.buffer().put(0, bytes, 0, bytes.length);
        parser.parse(slot.buffer(), 0, bytes.length, Framing.DATAGRAM, msg);
        return msg.headerCount();
    }

    /** ...and describe it to the view (Java side of the view). */
    @Benchmark
    public int parseAndDescribe() {
        slot.buffer().put(0, bytes, 0, bytes.length);
        parser.parse(slot.buffer(), 0, bytes.length, Framing.DATAGRAM, msg);
        slot.describe(msg, ++id, rcv, false);
        return msg.headerCount();
    }

    /** ...and build the native view (what the first C call on a message costs in addition). */
    @Benchmark
    public int parseAndView() {
        slot.buffer().put(0, bytes, 0, bytes.length);
        parser.parse(slot.buffer(), 0, bytes.length, Framing.DATAGRAM, msg);
        slot.describe(msg, ++id, rcv, false);
        return slot.ensureView();
    }
}
