package org.sipbridge.sip;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Cost per message of the SIP parser on a typical INVITE with SDP (about 650 bytes), from a heap
 * buffer and from a direct buffer (what the transport and the C modules share). Run with
 * {@code -prof gc}: every benchmark must show 0 B/op in steady state.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms256m", "-Xmx256m"})
public class SipParserBenchmark {
    static final String SDP = "v=0\r\n"
            + "o=alice 2890844526 2890844526 IN IP4 pc33.atlanta.example.com\r\n"
            + "s=-\r\n"
            + "c=IN IP4 192.0.2.101\r\n"
            + "t=0 0\r\n"
            + "m=audio 49172 RTP/AVP 0 8 101\r\n"
            + "a=rtpmap:0 PCMU/8000\r\n"
            + "a=rtpmap:8 PCMA/8000\r\n"
            + "a=rtpmap:101 telephone-event/8000\r\n"
            + "a=sendrecv\r\n";

    static final String INVITE = "INVITE sip:bob@biloxi.example.com SIP/2.0\r\n"
            + "Via: SIP/2.0/UDP pc33.atlanta.example.com:5060;branch=z9hG4bK776asdhds;rport\r\n"
            + "Max-Forwards: 70\r\n"
            + "From: \"Alice\" <sip:alice@atlanta.example.com>;tag=1928301774\r\n"
            + "To: \"Bob\" <sip:bob@biloxi.example.com>\r\n"
            + "Call-ID: a84b4c76e66710@pc33.atlanta.example.com\r\n"
            + "CSeq: 314159 INVITE\r\n"
            + "Contact: <sip:alice@pc33.atlanta.example.com:5060;transport=udp>\r\n"
            + "Content-Type: application/sdp\r\n"
            + "Content-Length: " + SDP.length() + "\r\n"
            + "User-Agent: sipbridge-bench/1.0\r\n"
            + "Allow: INVITE, ACK, CANCEL, BYE, OPTIONS, UPDATE, PRACK, INFO, NOTIFY, REFER\r\n"
            + "\r\n"
            + SDP;

    @Param({"heap", "direct"})
    public String buffer;

    private ByteBuffer buf;
    private byte[] array;
    private int len;
    private final SipParser parser = new SipParser();
    private final SipMessage msg = new SipMessage();
    private final SipValidator validator = new SipValidator();
    private final Via via = new Via();
    private final NameAddr from = new NameAddr();
    private final CSeq cseq = new CSeq();
    private final StreamFramer framer = new StreamFramer();

    @Setup(Level.Trial)
    public void setUp() {
        byte[] bytes = INVITE.getBytes(StandardCharsets.US_ASCII);
        len = bytes.length;
        array = bytes;
        buf = buffer.equals("direct") ? ByteBuffer.allocateDirect(len) : ByteBuffer.allocate(len);
        buf.put(bytes).clear();
        if (parser.parse(buf, 0, len, Framing.DATAGRAM, msg) != SipError.NONE || validator.validate(msg) != SipError.NONE) {
            throw new IllegalStateException("benchmark message does not parse: " + msg);
        }
    }

    /** Start line, header table and body extent. */
    @Benchmark
    public SipError parse() {
        return parser.parse(buf, 0, len, Framing.DATAGRAM, msg);
    }

    /** Parse, then what every proxy reads: Call-ID, top Via branch, From tag, CSeq. */
    @Benchmark
    public void parseAndCommonFields(Blackhole bh) {
        parser.parse(buf, 0, len, Framing.DATAGRAM, msg);
        int callId = msg.firstHeader(HeaderType.CALL_ID);
        bh.consume(msg.headerValueOffset(callId));
        bh.consume(msg.headerValueLength(callId));
        msg.topVia(via);
        bh.consume(via.branchOffset());
        bh.consume(via.branchLength());
        msg.from(from);
        bh.consume(from.tagOffset());
        bh.consume(from.tagLength());
        msg.cseq(cseq);
        bh.consume(cseq.number());
        bh.consume(cseq.method());
    }

    /** Parse plus the full validation step a proxy runs before routing. */
    @Benchmark
    public boolean parseAndValidate() {
        parser.parse(buf, 0, len, Framing.DATAGRAM, msg);
        return validator.validate(msg) == SipError.NONE && validator.canReply(msg);
    }

    /** What a network thread does to pick the worker for a datagram. */
    @Benchmark
    public int callIdHash() {
        return CallIdLocator.hash(buf, 0, len);
    }

    /**
     * Access-cost baselines, counting the LFs of the message: a byte[] loop, the same loop with
     * ByteBuffer.get(int), and the word-at-a-time scan the parser uses.
     */
    @Benchmark
    public int scanLinesByteArray() {
        int n = 0;
        for (int i = 0; i < len; i++) {
            if (array[i] == '\n') {
                n++;
            }
        }
        return n;
    }

    @Benchmark
    public int scanLinesBufferGet() {
        int n = 0;
        for (int i = 0; i < len; i++) {
            if (buf.get(i) == '\n') {
                n++;
            }
        }
        return n;
    }

    @Benchmark
    public int scanLinesBufferWords() {
        int n = 0;
        for (int p = SipBytes.indexOf(buf, 0, len, '\n'); p >= 0; p = SipBytes.indexOf(buf, p + 1, len, '\n')) {
            n++;
        }
        return n;
    }

    /** What a TCP connection does per message before parsing. */
    @Benchmark
    public StreamFramer.Status frame() {
        return framer.frame(buf, 0, len);
    }
}
