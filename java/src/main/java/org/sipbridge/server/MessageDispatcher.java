package org.sipbridge.server;

import io.netty.buffer.ByteBuf;
import org.sipbridge.core.ReceiveInfo;
import org.sipbridge.core.SipContext;
import org.sipbridge.server.transport.MessageHandler;
import org.sipbridge.sip.Framing;
import org.sipbridge.sip.SipError;
import org.sipbridge.sip.SipMessage;

import java.nio.ByteBuffer;

/**
 * The routing logic the transport calls on each worker: the message is loaded into the
 * worker's context (copied into its native slot, parsed, validated), then handled as a
 * request ({@link RequestRouting}) or a reply ({@link ReplyRouting}). Bytes that are
 * neither are dropped, counted and logged (rate-limited).
 */
final class MessageDispatcher implements MessageHandler {
    private final WorkerState[] workers;
    private final ServerCounters counters;
    private final ServerLogs logs;
    private final Gate gate;

    /** workers: filled by the start hooks, each slot on its worker's thread before its first message. */
    MessageDispatcher(WorkerState[] workers, ServerCounters counters, ServerLogs logs, Gate gate) {
        this.workers = workers;
        this.counters = counters;
        this.logs = logs;
        this.gate = gate;
    }

    @Override
    public void handle(ByteBuf message, ReceiveInfo received, int worker) {
        gate.awaitOpen();
        WorkerState w = workers[worker];
        w.progress++; // odd: busy (single writer: this worker)
        try {
            handle(w, message, received);
        } finally {
            // as 1.11's reset_avps after each message: AVP lists a module made current end here
            org.sipbridge.script.pv.AvpLists.endMessage();
            w.progress++;
        }
    }

    private void handle(WorkerState w, ByteBuf message, ReceiveInfo received) {
        SipContext ctx = w.ctx;
        int length = Math.min(message.readableBytes(), ctx.buffer().capacity());
        // straight into the native slot: internalNioBuffer would allocate a view per pooled buffer
        ByteBuffer slot = ctx.buffer();
        slot.limit(length).position(0);
        message.getBytes(message.readerIndex(), slot);
        slot.clear();
        Framing framing = received.proto().isStream() ? Framing.STREAM : Framing.DATAGRAM;
        SipError error = ctx.parseLoaded(length, framing, received);
        SipMessage m = ctx.message();
        if (m.isRequest()) {
            w.routing.requests.handle(w, error);
        } else if (m.isResponse()) {
            w.routing.replies.handle(w, error);
        } else {
            counters.malformedDropped.increment();
            if (logs.malformed.permit()) {
                ServerLog.dropped(received, length, error, logs.malformed.note());
            }
        }
    }
}
