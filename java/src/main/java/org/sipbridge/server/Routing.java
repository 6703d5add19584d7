package org.sipbridge.server;

import org.sipbridge.script.CompiledScript;
import org.sipbridge.server.transport.SipSender;

/**
 * What every worker shares for routing, fixed once the sockets are bound: the script, the
 * sender, who we are on the network, the To-tag prefix, the counters and log limits, and
 * the request and reply logic built on them. Everything here is immutable or thread-safe
 * (atomic counters, the rate limiters); anything with scratch state (parsers, hashes,
 * output buffers) belongs in {@link WorkerState}.
 */
final class Routing {
    final CompiledScript script;
    final SipSender sender;
    final OwnAddresses own;
    final ToTagPrefix tagPrefix;
    final ServerCounters counters;
    final ServerLogs logs;
    final RequestRouting requests;
    final ReplyRouting replies;
    final ReliabilityCounters reliability = new ReliabilityCounters();
    final ErrorPath errorPath;
    /** sipbridge's transaction layer, or null when the configuration does not load it. */
    final TmRuntime tm;

    Routing(CompiledScript script, SipSender sender, OwnAddresses own, ToTagPrefix tagPrefix, ServerCounters counters,
            ServerLogs logs, TmRuntime tm) {
        this.script = script;
        this.sender = sender;
        this.own = own;
        this.tagPrefix = tagPrefix;
        this.counters = counters;
        this.logs = logs;
        this.errorPath = new ErrorPath(this, reliability);
        this.tm = tm;
        this.requests = new RequestRouting(this);
        this.replies = new ReplyRouting(this);
    }
}
