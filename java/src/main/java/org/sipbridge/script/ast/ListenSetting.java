package org.sipbridge.script.ast;

/**
 * {@code listen = proto:host[:port]}.
 *
 * @param host an IPv4 address, an IPv6 address (without its brackets), a host name, or
 *             {@code *} for every local address (see {@link #anyAddress()})
 * @param port the port, 5060 when the line gives none
 * @param text the value as written, for messages
 */
public record ListenSetting(Transport transport, String host, int port, String text, SourceLocation location)
        implements GlobalSetting {

    public static final int DEFAULT_PORT = 5060;

    @Override
    public String name() {
        return "listen";
    }

    public boolean anyAddress() {
        return host.equals("*");
    }
}
