package org.sipbridge.server.transport;

import io.netty.util.NetUtil;
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

    /** {@code 10.0.0.1:5060} or {@code [::1]:5060} (RFC 5952 form); host names as given. */
    static String address(InetSocketAddress address) {
        if (address == null) {
            return "?";
        }
        if (address.getAddress() == null) {
            return address.getHostString() + ":" + address.getPort();
        }
        String host = NetUtil.toAddressString(address.getAddress());
        return (address.getAddress() instanceof Inet6Address ? "[" + host + "]" : host) + ":" + address.getPort();
    }
}
