package org.sipbridge.server;

/** The rate limits of the server's per-message log lines, one per kind, shared by the workers. */
final class ServerLogs {
    final LogLimiter malformed = new LogLimiter();
    final LogLimiter badRequest = new LogLimiter();
    final LogLimiter notOurVia = new LogLimiter();
    final LogLimiter noNextVia = new LogLimiter();
    final LogLimiter relayFailure = new LogLimiter();
    final LogLimiter forwardFailure = new LogLimiter();
    final LogLimiter replyFailure = new LogLimiter();
    final LogLimiter slApi = new LogLimiter();
    final LogLimiter noRoute = new LogLimiter();
}
