package org.sipbridge.server;

import java.util.concurrent.atomic.LongAdder;

/** The live counters behind {@link ServerStats}; workers update them without contention. */
final class ServerCounters {
    final LongAdder requests = new LongAdder();
    final LongAdder replies = new LongAdder();
    final LongAdder forwarded = new LongAdder();
    final LongAdder relayed = new LongAdder();
    final LongAdder localReplies = new LongAdder();
    final LongAdder badRequests = new LongAdder();
    final LongAdder malformedDropped = new LongAdder();
    final LongAdder notOurVia = new LongAdder();
    final LongAdder noNextVia = new LongAdder();
    final LongAdder scriptDropped = new LongAdder();
    final LongAdder acksAbsorbed = new LongAdder();
    final LongAdder loopsRefused = new LongAdder();
    final LongAdder sendFailures = new LongAdder();

    ServerStats snapshot() {
        return new ServerStats(requests.sum(), replies.sum(), forwarded.sum(), relayed.sum(), localReplies.sum(),
                badRequests.sum(), malformedDropped.sum(), notOurVia.sum(), noNextVia.sum(), scriptDropped.sum(),
                acksAbsorbed.sum(), loopsRefused.sum(), sendFailures.sum());
    }
}
