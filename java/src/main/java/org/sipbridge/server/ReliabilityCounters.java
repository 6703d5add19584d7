package org.sipbridge.server;

import java.util.concurrent.atomic.LongAdder;

/** Counters of the reliability machinery (docs/reliability.md), next to {@link ServerCounters}. */
final class ReliabilityCounters {
    /** Requests whose script run ended because a module's lock did not come in time (answered by the error path). */
    final LongAdder moduleBusy = new LongAdder();
    /** Replies dropped because a module's lock did not come in time. */
    final LongAdder moduleBusyReplies = new LongAdder();
    /** Times a worker was found on one message for longer than module_call_limit. */
    final LongAdder stuckWorkers = new LongAdder();

    ReliabilityStats snapshot(int stuckNow) {
        return new ReliabilityStats(moduleBusy.sum(), moduleBusyReplies.sum(), stuckWorkers.sum(), stuckNow);
    }
}
