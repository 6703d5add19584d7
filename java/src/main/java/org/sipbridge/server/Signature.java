package org.sipbridge.server;

import org.sipbridge.script.ServerConfig;

import java.nio.charset.StandardCharsets;

/**
 * OpenSIPS 1.11's signature rules, as header lines ready to copy: with
 * {@code server_signature} on (the default) every reply the server makes itself carries
 * {@code server_header} ("Server: OpenSIPS (...)" unless set) and every request it makes
 * itself (a CANCEL, the ACK of a negative reply) carries {@code user_agent_header}; with it
 * off, neither. The replies built natively read the same settings from the core's globals
 * ({@link NetBridge} writes them).
 */
final class Signature {
    private Signature() {
    }

    /** "Server: ...\r\n", or null when server_signature is off. */
    static byte[] serverLine(ServerConfig config) {
        return config.serverSignature() ? line(config.serverHeader()) : null;
    }

    /** "User-Agent: ...\r\n", or null when server_signature is off. */
    static byte[] userAgentLine(ServerConfig config) {
        return config.serverSignature() ? line(config.userAgentHeader()) : null;
    }

    private static byte[] line(String header) {
        return header.isEmpty() ? null : (header + "\r\n").getBytes(StandardCharsets.ISO_8859_1);
    }
}
