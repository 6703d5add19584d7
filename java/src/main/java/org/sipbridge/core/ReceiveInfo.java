package org.sipbridge.core;

import java.net.InetSocketAddress;

/**
 * Where a message came from and on which local socket: what OpenSIPS keeps in msg->rcv.
 * connectionId identifies the stream connection (0 for UDP) so replies can reuse it.
 */
public record ReceiveInfo(Proto proto, InetSocketAddress source, InetSocketAddress local, long connectionId) {
}
