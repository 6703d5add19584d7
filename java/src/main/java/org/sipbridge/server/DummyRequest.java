package org.sipbridge.server;

import org.sipbridge.core.Proto;
import org.sipbridge.core.ReceiveInfo;
import org.sipbridge.core.SipContext;
import org.sipbridge.sip.Framing;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The message startup_route and timer_route run on. OpenSIPS runs them on a dummy request
 * too: C functions always get a {@code struct sip_msg} to look at, never a missing one. It
 * seems to come from the server itself (its first UDP listener) and is reloaded before
 * every run, so lumps of one run do not pile up in the next.
 */
final class DummyRequest {
    private static final byte[] TEXT = ("OPTIONS sip:sipbridge.invalid SIP/2.0\r\n"
            + "Via: SIP/2.0/UDP 127.0.0.1;branch=z9hG4bKsbdummy\r\n"
            + "From: <sip:sipbridge.invalid>;tag=dummy\r\n"
            + "To: <sip:sipbridge.invalid>\r\n"
            + "Call-ID: dummy@sipbridge.invalid\r\n"
            + "CSeq: 1 OPTIONS\r\n"
            + "Content-Length: 0\r\n\r\n").getBytes(StandardCharsets.US_ASCII);

    private DummyRequest() {
    }

    static void load(SipContext ctx, InetSocketAddress local) {
        ReceiveInfo rcv = new ReceiveInfo(Proto.UDP, local, local, 0);
        ctx.load(ByteBuffer.wrap(TEXT), 0, TEXT.length, Framing.DATAGRAM, rcv);
    }
}
