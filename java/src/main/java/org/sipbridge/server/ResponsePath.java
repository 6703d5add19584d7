package org.sipbridge.server;

import org.sipbridge.core.Proto;
import org.sipbridge.core.ReceiveInfo;
import org.sipbridge.server.transport.SendResult;
import org.sipbridge.server.transport.SipSender;
import org.sipbridge.sip.SipError;
import org.sipbridge.sip.SipMessage;
import org.sipbridge.sip.Via;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

/**
 * Sends a reply the server built itself back to the client, per RFC 3261 18.2.2 and RFC
 * 3581: over UDP to the address the request came from (which is also the {@code received}
 * the reply's Via carries) and to the source port when the request's Via asked for rport,
 * else to the Via's sent-by port (5060 when absent); over TCP on the request's connection
 * (the transport opens one to the source if it closed meanwhile). The reply leaves from the
 * socket the request arrived on. One per worker.
 */
final class ResponsePath {
    private final SipSender sender;
    private final Via via = new Via();

    ResponsePath(SipSender sender) {
        this.sender = sender;
    }

    /** Sends out[position..limit) as the reply to request m received as rcv. */
    SendResult send(SipMessage m, ReceiveInfo rcv, ByteBuffer out) {
        if (rcv.proto() != Proto.UDP) {
            return sender.reply(rcv, out);
        }
        int port = rcv.source().getPort();
        if (m.topVia(via) == SipError.NONE && !via.hasRport()) {
            port = via.port() >= 0 ? via.port() : OwnAddresses.SIP_PORT;
        }
        if (port == rcv.source().getPort()) {
            return sender.reply(rcv, out); // the usual case: nothing to allocate
        }
        InetSocketAddress to = new InetSocketAddress(rcv.source().getAddress(), port);
        return sender.reply(new ReceiveInfo(rcv.proto(), to, rcv.local(), 0), out);
    }
}
