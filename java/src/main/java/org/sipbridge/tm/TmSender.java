package org.sipbridge.tm;

import org.sipbridge.core.Proto;
import org.sipbridge.core.ReceiveInfo;

import java.net.InetSocketAddress;

/** How transactions send what they keep (requests downstream, replies upstream); false when it failed. */
public interface TmSender {
    boolean sendRequest(Proto proto, InetSocketAddress to, byte[] data, int length);

    boolean sendReply(ReceiveInfo to, byte[] data, int length);
}
