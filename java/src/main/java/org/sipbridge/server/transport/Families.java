package org.sipbridge.server.transport;

import java.net.Inet4Address;
import java.net.InetAddress;

/** Address family checks: a socket only sends to addresses of its own family. */
final class Families {
    private Families() {
    }

    static boolean same(InetAddress a, InetAddress b) {
        return a != null && b != null && (a instanceof Inet4Address) == (b instanceof Inet4Address);
    }
}
