package org.sipbridge.script.ast;

/**
 * One socket of a {@code listen = [proto:]host[:port] [as host[:port]] [use_children n]} line
 * (a line may list several).
 *
 * @param transport      the protocol; {@code udp} when {@link #anyProtocol()}
 * @param host           an IPv4 address, an IPv6 address (without its brackets), a host name, or
 *                       {@code *} for every local address (see {@link #anyAddress()})
 * @param port           the port; 5060 when the line gives none (see {@link #portGiven()}: the
 *                       {@code port} setting then applies, as in OpenSIPS)
 * @param text           the value as written, for messages
 * @param anyProtocol    no protocol was written: every transport sipbridge has (udp, and tcp
 *                       unless {@code disable_tcp})
 * @param portGiven      the line names the port
 * @param advertisedHost the {@code as} address (what Via and Record-Route show), or null
 * @param advertisedPort the {@code as} port (5060 when {@code as} names no port), 0 without {@code as}
 * @param children       the {@code use_children} count, 0 when not given
 */
public record ListenSetting(Transport transport, String host, int port, String text, SourceLocation location,
                            boolean anyProtocol, boolean portGiven, String advertisedHost, int advertisedPort,
                            int children)
        implements GlobalSetting {

    public static final int DEFAULT_PORT = 5060;

    /** A plain {@code proto:host:port} socket. */
    public ListenSetting(Transport transport, String host, int port, String text, SourceLocation location) {
        this(transport, host, port, text, location, false, true, null, 0, 0);
    }

    @Override
    public String name() {
        return "listen";
    }

    public boolean anyAddress() {
        return host.equals("*");
    }
}
