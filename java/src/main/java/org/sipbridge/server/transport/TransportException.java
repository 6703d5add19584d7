package org.sipbridge.server.transport;

/** Start failed: a listener could not be bound or a worker's start hook threw. */
public final class TransportException extends Exception {
    public TransportException(String message, Throwable cause) {
        super(message, cause);
    }
}
