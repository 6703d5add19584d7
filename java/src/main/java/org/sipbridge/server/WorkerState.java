package org.sipbridge.server;

import org.sipbridge.bridge.NativeCore;
import org.sipbridge.core.SipContext;
import org.sipbridge.server.transport.SipSender;
import org.sipbridge.sip.SipLimits;
import org.sipbridge.sip.NameAddr;
import org.sipbridge.sip.Via;

/**
 * Everything one worker thread reuses for every message: its {@link SipContext} (native
 * slot, parse, script state), its outbound with the forwarding and reply machinery and
 * their scratch buffers. Created on the worker's own thread by the start hook; used only
 * there; closed after the worker ended.
 */
final class WorkerState implements AutoCloseable {
    final int rank;
    final Routing routing;
    final SipContext ctx;
    final StatelessOutbound outbound;
    /** The worker's transaction layer (tm), null without one. */
    final StatefulProxy tm;
    final NextHop next;
    final BadRequestReplies badRequests;
    final ResponsePath responses;
    final Via topVia = new Via();
    final Via nextVia = new Via();
    final NameAddr to = new NameAddr();
    /** The core's id of this worker's thread (its breadcrumb), for the watchdog. */
    final int nativeThread;
    /** Incremented when a message starts and when it ends: odd while one is being handled (the watchdog reads it). */
    volatile long progress;

    WorkerState(int rank, Routing routing, NativeCore core, SipLimits limits) {
        this.rank = rank;
        this.routing = routing;
        SipSender sender = routing.sender;
        OwnAddresses own = routing.own;
        ToTags toTags = new ToTags(routing.tagPrefix); // scratch parsers: never shared between workers
        ServerCounters counters = routing.counters;
        ServerLogs logs = routing.logs;
        this.nativeThread = org.sipbridge.bridge.Breadcrumbs.get().calls().sb_crumb_register_worker(rank);
        this.ctx = new SipContext(core, limits);
        this.next = new NextHop(sender);
        this.responses = new ResponsePath(sender);
        this.badRequests = new BadRequestReplies(toTags, Signature.serverLine(routing.script.config()));
        Forwarder forwarder = new Forwarder(sender, own, next, new ViaStamp(core.calls()), counters,
                logs.forwardFailure);
        LocalReplies replies = new LocalReplies(own, toTags, responses, counters, logs.replyFailure);
        this.outbound = new StatelessOutbound(forwarder, replies);
        ctx.setOutbound(outbound);
        TmRuntime rt = routing.tm;
        if (rt != null) {
            org.sipbridge.tm.TmEnv env = new org.sipbridge.tm.TmEnv(rt.config, rt.timers, rt.owner(rank),
                    new TmSending(sender));
            this.tm = new StatefulProxy(routing, this, forwarder, rt.module, env, rt.stats);
            ctx.setTransactions(tm);
        } else {
            this.tm = null;
        }
    }

    @Override
    public void close() {
        ctx.close();
    }
}
