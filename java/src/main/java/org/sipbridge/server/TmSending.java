package org.sipbridge.server;

import org.sipbridge.core.Proto;
import org.sipbridge.core.ReceiveInfo;
import org.sipbridge.server.transport.SipSender;
import org.sipbridge.tm.TmSender;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

/** The transactions' sends over the server's transport (the bytes are copied by the sender). */
final class TmSending implements TmSender {
    private final SipSender sender;

    TmSending(SipSender sender) {
        this.sender = sender;
    }

    @Override
    public boolean sendRequest(Proto proto, InetSocketAddress to, byte[] data, int length) {
        return sender.send(proto, to, ByteBuffer.wrap(data, 0, length)).ok();
    }

    @Override
    public boolean sendReply(ReceiveInfo to, byte[] data, int length) {
        return sender.reply(to, ByteBuffer.wrap(data, 0, length)).ok();
    }
}
