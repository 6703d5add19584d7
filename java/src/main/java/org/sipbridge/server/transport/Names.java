package org.sipbridge.server.transport;

import org.sipbridge.core.Proto;

import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.util.Locale;

/** How addresses are spelled in log lines and the start-up summary. */
final class Names {
    private Names() {
    }

    /** {@code udp:10.0.0.1:5060} or {@code tcp:[::1]:5060}. */
    static String endpoint(Proto proto, InetSocketAddress address) {
        return proto.name().toLowerCase(Locale.ROOT) + ":" + address(address);
    }

    /** {@code 10.0.0.1:5060} or {@code [::1]:5060}; host names as given. */
    static String address(InetSocketAddress address) {
        if (address == null) {
            return "?";
        }
        String host = address.getAddress() == null ? address.getHostString() : address.getAddress().getHostAddress();
        if (address.getAddress() instanceof Inet6Address) {
            int zone = host.indexOf('%');
            host = "[" + (zone < 0 ? host : host.substring(0, zone)) + "]";
        }
        return host + ":" + address.getPort();
    }
}
