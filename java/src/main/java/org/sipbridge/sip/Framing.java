package org.sipbridge.sip;

/** How the transport delimits messages, which decides where the body ends (RFC 3261 18.3). */
public enum Framing {
    /**
     * UDP and other datagram transports: the datagram is the message. The body ends at
     * Content-Length or, without one, at the datagram's end; octets past Content-Length are
     * ignored.
     */
    DATAGRAM,
    /**
     * TCP, TLS, SCTP streams: Content-Length is mandatory and the body ends exactly there. The
     * bytes handed to the parser are one frame found by {@link StreamFramer}.
     */
    STREAM
}
