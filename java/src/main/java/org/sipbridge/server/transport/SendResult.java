package org.sipbridge.server.transport;

/**
 * What became of a send, decided without blocking. {@link #QUEUED} means the bytes were
 * handed to the socket's event loop; a later failure (connect refused, reset) is logged and
 * counted in {@link TransportStats#sendFailures()}, not reported here.
 */
public enum SendResult {
    /** Handed to the socket (or to a connection being opened). */
    QUEUED,
    /** No listener of that transport and address family to send from. */
    NO_LISTENER,
    /** The destination host name did not resolve. */
    UNRESOLVED,
    /** The connection id is not (or no longer) an open connection, or the table is full. */
    NO_CONNECTION,
    /** The socket already holds more than the write high-water mark; the message was dropped. */
    OVERLOADED,
    /** The transport is stopped (or not started). */
    STOPPED;

    public boolean ok() {
        return this == QUEUED;
    }
}
