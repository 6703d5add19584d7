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
    /** replies a module's response_f took (the real tm's): not in core:drop_replies */
    final LongAdder moduleConsumed = new LongAdder();
    final LongAdder acksAbsorbed = new LongAdder();
    final LongAdder loopsRefused = new LongAdder();
    final LongAdder sendFailures = new LongAdder();
    // OpenSIPS-named statistics (ServerStatistics): malformed messages by kind, local
    // replies by class (index code / 100, 1..6)
    final LongAdder errRequests = new LongAdder();
    final LongAdder errReplies = new LongAdder();
    final LongAdder badUris = new LongAdder();
    final LongAdder badHeaders = new LongAdder();
    final LongAdder unanswerableRequests = new LongAdder();
    final LongAdder[] localRepliesByClass = new LongAdder[7];

    ServerCounters() {
        for (int i = 0; i < localRepliesByClass.length; i++) {
            localRepliesByClass[i] = new LongAdder();
        }
    }

    /** A malformed message: err_requests/err_replies and bad_URIs_rcvd or bad_msg_hdr. */
    void malformed(boolean request, org.sipbridge.sip.SipError error, org.sipbridge.sip.SipError detail) {
        (request ? errRequests : errReplies).increment();
        (isUriError(error) || isUriError(detail) ? badUris : badHeaders).increment();
    }

    private static boolean isUriError(org.sipbridge.sip.SipError e) {
        String n = e.name();   // enum constant names are interned: no allocation
        return n.startsWith("URI_") || n.contains("REQUEST_URI");
    }

    void localReply(int code) {
        localRepliesByClass[code >= 100 && code < 700 ? code / 100 : 0].increment();
    }

    ServerStats snapshot() {
        return new ServerStats(requests.sum(), replies.sum(), forwarded.sum(), relayed.sum(), localReplies.sum(),
                badRequests.sum(), malformedDropped.sum(), notOurVia.sum(), noNextVia.sum(), scriptDropped.sum(),
                acksAbsorbed.sum(), loopsRefused.sum(), sendFailures.sum());
    }
}
