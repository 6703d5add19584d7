package org.sipbridge.server.transport;

import java.util.Locale;

/**
 * What a failed bind means for the operator, from the system's error text: the port is
 * taken, the address is not one of this host's, or the port needs privileges. Only the
 * first says "another process"; an address that is not local never does.
 */
final class BindErrors {
    private BindErrors() {
    }

    /** The cause's message with the hint that fits it. */
    static String explain(Throwable cause) {
        String m = cause == null || cause.getMessage() == null ? String.valueOf(cause) : cause.getMessage();
        String lower = m.toLowerCase(Locale.ROOT);
        if (lower.contains("already in use")) {
            return m + " (another process uses the port)";
        }
        if (lower.contains("cannot assign requested address") || lower.contains("not available")) {
            return m + " (the address is not one of this host's: listen on a local address or '*')";
        }
        if (lower.contains("permission denied") || lower.contains("access denied")) {
            return m + " (ports below 1024 need root or CAP_NET_BIND_SERVICE)";
        }
        return m;
    }
}
