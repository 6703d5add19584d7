package org.sipbridge.server.transport;

import io.netty.buffer.ByteBuf;
import org.sipbridge.core.Proto;
import org.sipbridge.core.ReceiveInfo;
import org.sipbridge.sip.CallIdLocator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.LockSupport;

/**
 * One worker thread: runs the start hook, then takes messages from its queue and hands them
 * to the handler, one at a time, in queue order. When the queue is empty it spins briefly
 * (a message often follows soon under load) and then parks until a producer unparks it.
 *
 * <p>No lost wake-up: the worker writes {@code parked = true} and then re-reads the queue; a
 * producer publishes its slot and then reads {@code parked}. Both are volatile accesses, so
 * at least one side sees the other's write: either the worker finds the message or the
 * producer unparks it (an unpark before the park makes the park return at once).
 *
 * <p>With {@code udp_receive_mode = inline} ({@link #attachInline}) the worker also reads its
 * own UDP sockets: it waits in one poll on them and an eventfd (instead of parking), reads a
 * batch with recvmmsg and handles each message whose Call-ID it owns right there, on the
 * receiving thread; a message owned by another worker is copied into that worker's queue.
 * Producers wake it through the eventfd, with the same store-then-load handshake on
 * {@code parked} (an eventfd written before the poll makes the poll return at once).
 * Order: queued messages (handed over earlier by others) are handled before the socket is
 * read again, and one source's datagrams always reach the same socket, so they are handled
 * in arrival order whether inline or handed over (docs/performance.md).
 */
final class Worker implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(Worker.class);
    private static final int SPINS_BEFORE_PARK = 100;

    final int index;
    final WorkerQueue queue;
    final Thread thread;
    final CompletableFuture<Void> started = new CompletableFuture<>();

    private final MessageHandler handler;
    private final WorkerStartHook startHook;
    private final Counters counters;
    private final RateLimitedLog errorLog = new RateLimitedLog();
    final WorkerTiming timing = new WorkerTiming();

    /** False while the watchdog finds it stuck: dispatch sends its Call-IDs to another worker. */
    volatile boolean available = true;
    /** True while the handler runs (a message taken from the queue and not finished). */
    volatile boolean handling;
    /** System.nanoTime() when the current message's handling began (read with handling). */
    volatile long handlingSince;
    /** While handling: the message is in its queue slot's own buffer (still counted as queued). */
    volatile boolean handlingQueued;
    /** Work other threads hand to this worker (the transaction timers): run between messages. */
    private final java.util.concurrent.ConcurrentLinkedQueue<Runnable> tasks =
            new java.util.concurrent.ConcurrentLinkedQueue<>();
    private volatile boolean parked;
    /** Inline receive (null: hand-off mode, the worker parks). */
    private InlineReceiver rx;
    private WorkerPool pool;
    private Inbound inbound;
    /** The sockets the pool wants this worker to read ({descriptors, listener indexes}); applied by the worker. */
    private volatile int[][] wantedSockets;
    private int[][] appliedSockets;
    /** Sockets known readable (bit per socket), worker thread only. */
    private int pending;
    /** Worker thread only: batch positions of the messages it owns, in read order. */
    private int[] ownBatch;
    /** Queued messages handled before the sockets are looked at again. */
    private static final int QUEUE_BURST = 64;
    /** Bounded poll, so a stop or a lost signal costs at most this. */
    private static final int POLL_MS = 500;
    private volatile boolean stopping;
    private volatile long stopDeadline;

    Worker(int index, int queueCapacity, int inlineSlots, MessageHandler handler, WorkerStartHook startHook,
           Counters counters) {
        this.index = index;
        this.queue = new WorkerQueue(queueCapacity, inlineSlots);
        this.handler = handler;
        this.startHook = startHook;
        this.counters = counters;
        this.thread = new Thread(this, "sip-worker-" + (index + 1));
        this.thread.setDaemon(true);
    }

    /** Producer side: queues a copy of bytes[0, length) and wakes the worker if it sleeps; false when full. */
    boolean offer(byte[] bytes, int length, ReceiveInfo info, io.netty.buffer.ByteBufAllocator alloc) {
        if (!queue.offer(bytes, length, info, alloc)) {
            return false;
        }
        if (parked) {
            wake();
        }
        return true;
    }

    /** Producer side: queues a copy of src[index, index + length), as {@link #offer(byte[], int, ReceiveInfo, io.netty.buffer.ByteBufAllocator)}. */
    boolean offer(ByteBuf src, int index, int length, ReceiveInfo info) {
        if (!queue.offer(src, index, length, info, io.netty.buffer.ByteBufAllocator.DEFAULT)) {
            return false;
        }
        if (parked) {
            wake();
        }
        return true;
    }

    /** Before the thread starts: this worker reads UDP sockets itself (udp_receive_mode = inline). */
    void attachInline(InlineReceiver receiver, WorkerPool workers, Inbound in) {
        rx = receiver;
        pool = workers;
        inbound = in;
        ownBatch = new int[InlineReceiver.BATCH];
        wantedSockets = new int[][] {new int[0], new int[0]};
    }

    boolean inline() {
        return rx != null;
    }

    /** Any thread: the sockets this worker reads from now on (inline mode). */
    void wantSockets(int[] fds, int[] listeners) {
        wantedSockets = new int[][] {fds, listeners};
        wake();
    }

    /** After the thread ended (inline mode): frees the native receive context. */
    void closeInline() {
        InlineReceiver r = rx;
        if (r != null) {
            synchronized (this) {
                r.close();
            }
        }
    }

    private void wake() {
        InlineReceiver r = rx;
        if (r == null) {
            LockSupport.unpark(thread);
            return;
        }
        synchronized (this) { // against closeInline: never write to a closed (reused) descriptor
            r.wake();
        }
    }
    /**
     * Any thread: runs task on this worker, between two messages, in the order handed over.
     * Same no-lost-wake-up handshake as {@link #offer}: the task is published before parked is read.
     */
    void execute(Runnable task) {
        tasks.add(task);
        if (parked) {
            wake();
        }
    }

    /** Asks the worker to finish what is queued until {@code deadlineNanos}, then end. */
    void requestStop(long deadlineNanos) {
        stopDeadline = deadlineNanos;
        stopping = true;
        LockSupport.unpark(thread);
        if (rx != null) {
            wake();
        }
    }

    @Override
    public void run() {
        try {
            startHook.onWorkerStart(index + 1);
        } catch (Throwable t) {
            started.completeExceptionally(t);
            return;
        }
        started.complete(null);
        if (rx != null) {
            serveInline();
        } else {
            serve();
        }
    }

    /** The loop of inline mode: tasks, then queued messages, then the sockets, then a poll. */
    private void serveInline() {
        while (true) {
            int[][] want = wantedSockets;
            if (want != appliedSockets) {
                rx.setSockets(want[0], want[1]);
                appliedSockets = want;
                pending = (1 << want[0].length) - 1; // look at each once
            }
            boolean busy = false;
            if (!tasks.isEmpty()) {
                runTasks();
                busy = true;
            }
            for (int i = 0; i < QUEUE_BURST; i++) {
                WorkerQueue.Slot slot = queue.peek();
                if (slot == null) {
                    break;
                }
                if (stopping && System.nanoTime() - stopDeadline > 0) {
                    return;
                }
                handle(slot);
                busy = true;
            }
            if (stopping) {
                if (queue.isEmpty()) {
                    return;
                }
                continue;
            }
            if (pending != 0) {
                int s = Integer.numberOfTrailingZeros(pending);
                int n = s < rx.sockets() ? rx.read(s) : 0;
                if (n < InlineReceiver.BATCH) {
                    pending &= ~(1 << s); // drained, most likely: the poll says when more came
                }
                if (n > 0) {
                    receive(s, n);
                }
                continue;
            }
            if (busy) {
                // queued work kept us busy: look at the sockets without sleeping, so they are served too
                pending = rx.await(0) & ~InlineReceiver.WOKEN;
                continue;
            }
            parked = true;
            if (queue.isEmpty() && tasks.isEmpty() && !stopping && wantedSockets == appliedSockets) {
                pending = rx.await(POLL_MS) & ~InlineReceiver.WOKEN;
            }
            parked = false;
            if (Thread.interrupted() && stopping) {
                return;
            }
        }
    }

    /**
     * The n datagrams just read from socket s: the ones another worker owns are handed over
     * first (so it starts on them), then this worker's own, in read order. Non-SIP datagrams,
     * keep-alives and oversize ones are treated as on the hand-off path (UdpReceiveHandler).
     */
    private void receive(int s, int n) {
        java.nio.ByteBuffer area = rx.area();
        int slotSize = rx.slot();
        int own = 0;
        for (int k = 0; k < n; k++) {
            try {
                ByteBuf msg = rx.message(k);
                ReceiveInfo info = rx.info(s, k);
                int length = msg.readableBytes();
                if (NonSipDatagrams.offer(msg, info.source(), info.local(), rx.fd(s))) {
                    continue;
                }
                if (length < UdpReceiveHandler.MIN_MESSAGE) {
                    counters.keepalives.increment();
                    continue;
                }
                if (rx.truncated(k) || length > inbound.limits.maxMessageSize()) {
                    inbound.oversize(Proto.UDP, info.source(), info.local(), length);
                    continue;
                }
                int owner = pool.workerFor(CallIdLocator.hash(area, k * slotSize, length), info.source());
                if (owner == index) {
                    ownBatch[own++] = k;
                } else {
                    inbound.handOff(owner, msg, length, info);
                }
            } catch (Throwable t) {
                inbound.internalError("udp receive on worker " + (index + 1), t);
            }
        }
        for (int j = 0; j < own; j++) {
            int k = ownBatch[j];
            counters.received.increment();
            handleInline(rx.message(k), rx.info(s, k));
        }
    }

    /** One message read by this worker and owned by it: handled in the batch buffer, nothing to free. */
    private void handleInline(ByteBuf data, ReceiveInfo info) {
        handlingQueued = false;
        runHandler(data, info);
    }

    /** The handler on one message, timed and counted; a failure is logged, never thrown. */
    private void runHandler(ByteBuf data, ReceiveInfo info) {
        long begin = System.nanoTime();
        handlingSince = begin;
        handling = true;
        try {
            handler.handle(data, info, index);
        } catch (Throwable t) {
            counters.handlerErrors.increment();
            if (errorLog.permit()) {
                log.error("worker {}: handler failed on a message from {}{}", index + 1,
                        Names.endpoint(info.proto(), info.source()), errorLog.suppressedNote(), t);
            }
        } finally {
            handling = false;
            timing.record(System.nanoTime() - begin);
            counters.handled.increment();
        }
    }

    private void serve() {
        int idle = 0;
        while (true) {
            if (!tasks.isEmpty()) {
                runTasks();
            }
            WorkerQueue.Slot slot = queue.peek();
            if (slot != null) {
                if (stopping && System.nanoTime() - stopDeadline > 0) {
                    return; // drain time is over; SipTransport counts what is left
                }
                handle(slot);
                idle = 0;
                continue;
            }
            if (stopping) {
                return;
            }
            if (idle < SPINS_BEFORE_PARK) {
                idle++;
                Thread.onSpinWait();
                continue;
            }
            parked = true;
            if (queue.isEmpty() && tasks.isEmpty() && !stopping) {
                LockSupport.park(this);
            }
            parked = false;
            if (Thread.interrupted() && stopping) {
                return;
            }
        }
    }

    /** The tasks queued now (a bounded batch, so messages are not starved by a task storm). */
    private void runTasks() {
        for (int i = 0; i < 256; i++) {
            Runnable task = tasks.poll();
            if (task == null) {
                return;
            }
            try {
                task.run();
            } catch (Throwable t) {
                counters.handlerErrors.increment();
                if (errorLog.permit()) {
                    log.error("worker {}: a task failed{}", index + 1, errorLog.suppressedNote(), t);
                }
            }
        }
    }

    private void handle(WorkerQueue.Slot slot) {
        ByteBuf data = slot.data;
        ReceiveInfo info = slot.info;
        // a message in the slot's own buffer keeps its slot until handled; a pooled copy frees it now
        boolean owned = slot.owns(data);
        if (!owned) {
            queue.consumed(slot);
        }
        handlingQueued = owned;
        try {
            runHandler(data, info);
        } finally {
            if (owned) {
                queue.consumed(slot);
            } else {
                release(data);
            }
        }
    }

    private void release(ByteBuf data) {
        try {
            data.release();
        } catch (RuntimeException e) {
            counters.handlerErrors.increment(); // the handler released a buffer it did not own
            if (errorLog.permit()) {
                log.error("worker {}: message buffer was already released by the handler", index + 1, e);
            }
        }
    }
}
