package org.sipbridge.server;

import org.sipbridge.core.Proto;
import org.sipbridge.script.ServerConfig;
import org.sipbridge.script.ast.Transport;

import java.util.List;

/** The configured listen lines of one protocol, in the order the transport binds them. */
final class Advertised {
    private Advertised() {
    }

    static List<ServerConfig.Listen> listensOf(ServerConfig c, Proto p) {
        Transport t = p == Proto.TCP ? Transport.TCP : Transport.UDP;
        return c.listens().stream().filter(l -> l.transport() == t).toList();
    }
}
