package org.sipbridge.server.transport;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Destination names to addresses through the system resolver, with a small cache: answers
 * are kept {@value #POSITIVE_TTL_SECONDS} s, failures {@value #NEGATIVE_TTL_SECONDS} s (so a
 * dead name does not cost a DNS round trip per message). The cache is bounded by clearing it
 * when full; names are matched as given (case included).
 */
final class HostResolver {
    static final long POSITIVE_TTL_SECONDS = 30;
    static final long NEGATIVE_TTL_SECONDS = 5;
    static final int MAX_ENTRIES = 1024;

    /** The system resolver, or a fake in tests. */
    @FunctionalInterface
    interface Lookup {
        InetAddress byName(String host) throws UnknownHostException;
    }

    private record Entry(InetAddress address, long expiresNanos) {
    }

    private final Lookup lookup;
    private final ConcurrentHashMap<String, Entry> cache = new ConcurrentHashMap<>();

    HostResolver(Lookup lookup) {
        this.lookup = lookup;
    }

    HostResolver() {
        this(InetAddress::getByName);
    }

    /** Null when the name does not resolve. */
    InetSocketAddress resolve(String host, int port) {
        InetAddress a = address(host);
        return a == null ? null : new InetSocketAddress(a, port);
    }

    InetAddress address(String host) {
        if (host == null || host.isEmpty()) {
            return null; // the JDK would answer "" with the loopback address
        }
        long now = System.nanoTime();
        Entry e = cache.get(host);
        if (e != null && now - e.expiresNanos < 0) {
            return e.address;
        }
        InetAddress a;
        try {
            a = lookup.byName(unbracket(host));
        } catch (UnknownHostException | SecurityException | IllegalArgumentException ex) {
            a = null;
        }
        if (cache.size() >= MAX_ENTRIES) {
            cache.clear();
        }
        long ttl = TimeUnit.SECONDS.toNanos(a != null ? POSITIVE_TTL_SECONDS : NEGATIVE_TTL_SECONDS);
        cache.put(host, new Entry(a, now + ttl));
        return a;
    }

    /** "[::1]" as written in SIP URIs to "::1". */
    private static String unbracket(String host) {
        return host.length() > 1 && host.charAt(0) == '[' && host.charAt(host.length() - 1) == ']'
                ? host.substring(1, host.length() - 1) : host;
    }
}
