package org.sipbridge.server.transport;

import org.sipbridge.core.Proto;
import org.sipbridge.core.ReceiveInfo;

import java.net.InetSocketAddress;

/**
 * Reuses the ReceiveInfo of recent UDP sources, so steady traffic from a set of peers does
 * not allocate one per datagram. Direct-mapped, one per receiving channel (its event loop
 * thread only); a collision simply replaces the entry.
 */
final class ReceiveInfoCache {
    private static final int BITS = 8;

    private final ReceiveInfo[] entries = new ReceiveInfo[1 << BITS];
    private final Proto proto;
    private final InetSocketAddress local;

    ReceiveInfoCache(Proto proto, InetSocketAddress local) {
        this.proto = proto;
        this.local = local;
    }

    ReceiveInfo get(InetSocketAddress source) {
        int i = (source.hashCode() * 0x9E3779B9) >>> (32 - BITS);
        ReceiveInfo e = entries[i];
        if (e != null && e.source().equals(source)) {
            return e;
        }
        e = new ReceiveInfo(proto, source, local, 0);
        entries[i] = e;
        return e;
    }
}
