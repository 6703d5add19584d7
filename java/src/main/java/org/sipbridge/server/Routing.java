package org.sipbridge.server;

import org.sipbridge.script.CompiledScript;
import org.sipbridge.server.transport.SipSender;

/**
 * What every worker shares for routing, fixed once the sockets are bound: the script, the
 * sender, who we are on the network, the To-tag scheme, the counters and log limits, and
 * the request and reply logic built on them.
 */
final class Routing {
    final CompiledScript script;
    final SipSender sender;
    final OwnAddresses own;
    final ToTags toTags;
    final ServerCounters counters;
    final ServerLogs logs;
    final RequestRouting requests;
    final ReplyRouting replies;
    /** sipbridge's transaction layer, or null when the configuration does not load it. */
    final TmRuntime tm;

    Routing(CompiledScript script, SipSender sender, OwnAddresses own, ToTags toTags, ServerCounters counters,
            ServerLogs logs, TmRuntime tm) {
        this.script = script;
        this.sender = sender;
        this.own = own;
        this.toTags = toTags;
        this.counters = counters;
        this.logs = logs;
        this.tm = tm;
        this.requests = new RequestRouting(this);
        this.replies = new ReplyRouting(this);
    }
}
