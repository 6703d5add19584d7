package org.sipbridge.server;

/**
 * The server refused to start, for a reason a user can fix (a configuration line, a module,
 * an address in use). The message is complete (file:line and the module's name where they
 * are known) and meant to be printed as it is, without a stack trace.
 */
public final class ServerException extends Exception {
    public ServerException(String message, Throwable cause) {
        super(message, cause);
    }

    public ServerException(String message) {
        super(message);
    }
}
