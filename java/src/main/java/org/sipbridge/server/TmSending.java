package org.sipbridge.server;

import org.sipbridge.core.Proto;
import org.sipbridge.core.ReceiveInfo;
import org.sipbridge.server.transport.SipSender;
import org.sipbridge.tm.TmSender;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

/**
 * The transactions' sends over the server's transport. One per worker (transactions send on
 * their owner's thread only): the bytes go through a direct buffer of the worker, so a UDP
 * datagram is written by the worker itself, as stateless forwarding does, instead of
 * queueing a copy on the receiving event loop.
 */
final class TmSending implements TmSender {
    private final SipSender sender;
    private ByteBuffer out = ByteBuffer.allocateDirect(8192);

    TmSending(SipSender sender) {
        this.sender = sender;
    }

    private ByteBuffer load(byte[] data, int length) {
        if (out.capacity() < length) {
            out = ByteBuffer.allocateDirect(Math.max(length, out.capacity() * 2));
        }
        out.clear();
        out.put(data, 0, length).flip();
        return out;
    }

    @Override
    public boolean sendRequest(Proto proto, InetSocketAddress to, byte[] data, int length) {
        return sender.send(proto, to, load(data, length)).ok();
    }

    @Override
    public boolean sendReply(ReceiveInfo to, byte[] data, int length) {
        return sender.reply(to, load(data, length)).ok();
    }
}
