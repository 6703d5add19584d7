package org.sipbridge.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The hot path allocates nothing: parse, validate, canReply and the common-field accessors,
 * measured with the JVM's per-thread allocation counter (the JMH gc profiler measures the same
 * in scripts/bench-parser.sh).
 */
class AllocationTest {
    private static final int ROUNDS = 20_000;

    @Test
    void steadyStateParsingAllocatesNothing() {
        java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        assumeTrue(bean instanceof com.sun.management.ThreadMXBean, "needs HotSpot's allocation counter");
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) bean;
        assumeTrue(threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled());

        byte[] bytes = SipParserTest.INVITE.getBytes(StandardCharsets.US_ASCII);
        ByteBuffer direct = ByteBuffer.allocateDirect(bytes.length);
        direct.put(bytes);
        SipParser parser = new SipParser();
        SipMessage msg = new SipMessage();
        SipValidator validator = new SipValidator();
        StreamFramer framer = new StreamFramer();
        Via via = new Via();
        NameAddr from = new NameAddr();
        CSeq cseq = new CSeq();

        long sink = 0;
        for (int i = 0; i < ROUNDS; i++) { // warm up, let the JIT settle
            sink += once(parser, direct, bytes.length, msg, validator, framer, via, from, cseq);
        }
        long thread = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(thread);
        for (int i = 0; i < ROUNDS; i++) {
            sink += once(parser, direct, bytes.length, msg, validator, framer, via, from, cseq);
        }
        long allocated = threads.getThreadAllocatedBytes(thread) - before;
        assertTrue(sink != 0);
        // A few hundred bytes of slack for the measurement itself; one allocation per message
        // would be at least 16 bytes x 20000.
        assertTrue(allocated < 1024, "allocated " + allocated + " bytes for " + ROUNDS + " messages");
    }

    private static long once(SipParser parser, ByteBuffer buf, int len, SipMessage msg, SipValidator validator,
            StreamFramer framer, Via via, NameAddr from, CSeq cseq) {
        assertEquals(SipError.NONE, parser.parse(buf, 0, len, Framing.DATAGRAM, msg));
        assertEquals(SipError.NONE, validator.validate(msg));
        assertTrue(validator.canReply(msg));
        msg.topVia(via);
        msg.from(from);
        msg.cseq(cseq);
        framer.frame(buf, 0, len);
        return via.branchLength() + from.tagOffset() + cseq.number() + msg.callIdHash()
                + CallIdLocator.hash(buf, 0, len) + framer.length();
    }
}
