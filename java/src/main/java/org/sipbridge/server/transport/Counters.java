package org.sipbridge.server.transport;

import java.util.concurrent.atomic.LongAdder;

/** The live counters behind {@link TransportStats}; incremented from any thread. */
final class Counters {
    final LongAdder received = new LongAdder();
    final LongAdder handled = new LongAdder();
    final LongAdder handlerErrors = new LongAdder();
    final LongAdder droppedQueueFull = new LongAdder();
    final LongAdder droppedOversize = new LongAdder();
    final LongAdder brokenStreams = new LongAdder();
    final LongAdder droppedAtStop = new LongAdder();
    final LongAdder keepalives = new LongAdder();
    final LongAdder tcpAccepted = new LongAdder();
    final LongAdder tcpOpened = new LongAdder();
    final LongAdder tcpRefused = new LongAdder();
    final LongAdder tcpIdleClosed = new LongAdder();
    final LongAdder tcpErrors = new LongAdder();
    final LongAdder sendOverloaded = new LongAdder();
    final LongAdder sendFailures = new LongAdder();
    final LongAdder internalErrors = new LongAdder();
    final LongAdder tcpSlowClosed = new LongAdder();

    TransportStats snapshot() {
        return new TransportStats(received.sum(), handled.sum(), handlerErrors.sum(), droppedQueueFull.sum(),
                droppedOversize.sum(), brokenStreams.sum(), droppedAtStop.sum(), keepalives.sum(),
                tcpAccepted.sum(), tcpOpened.sum(), tcpRefused.sum(), tcpIdleClosed.sum(), tcpErrors.sum(),
                sendOverloaded.sum(), sendFailures.sum(), internalErrors.sum(), tcpSlowClosed.sum());
    }
}
