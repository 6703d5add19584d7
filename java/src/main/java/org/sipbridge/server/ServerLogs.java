package org.sipbridge.server;

import org.sipbridge.logging.LogRateLimit;

/** The rate limits of the server's per-message log lines, one per kind, shared by the workers. */
final class ServerLogs {
    final LogRateLimit malformed = new LogRateLimit();
    final LogRateLimit badRequest = new LogRateLimit();
    final LogRateLimit notOurVia = new LogRateLimit();
    final LogRateLimit noNextVia = new LogRateLimit();
    final LogRateLimit relayFailure = new LogRateLimit();
    final LogRateLimit forwardFailure = new LogRateLimit();
    final LogRateLimit replyFailure = new LogRateLimit();
    final LogRateLimit slApi = new LogRateLimit();
    final LogRateLimit noRoute = new LogRateLimit();
}
