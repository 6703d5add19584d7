package org.sipbridge.server.transport;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class HostResolverTest {
    private final List<String> lookups = new ArrayList<>();
    private final HostResolver resolver = new HostResolver(host -> {
        lookups.add(host);
        if (host.equals("sip.example.test")) {
            return InetAddress.getByAddress(host, new byte[] {10, 0, 0, 7});
        }
        if (host.equals("::1")) {
            return InetAddress.getByName("::1");
        }
        throw new UnknownHostException(host);
    });

    @Test
    void answersAreCached() {
        assertEquals(new InetSocketAddress("10.0.0.7", 5060), resolver.resolve("sip.example.test", 5060));
        assertEquals(new InetSocketAddress("10.0.0.7", 5080), resolver.resolve("sip.example.test", 5080));
        assertEquals(List.of("sip.example.test"), lookups);
    }

    @Test
    void failuresAreCachedToo() {
        assertNull(resolver.resolve("gone.example.test", 5060));
        assertNull(resolver.resolve("gone.example.test", 5060));
        assertEquals(List.of("gone.example.test"), lookups);
    }

    @Test
    void bracketedIpv6AndEmptyNames() {
        assertEquals(new InetSocketAddress("::1", 5060), resolver.resolve("[::1]", 5060));
        assertNull(resolver.resolve("", 5060));
        assertNull(resolver.resolve(null, 5060));
        assertEquals(List.of("::1"), lookups);
    }
}
