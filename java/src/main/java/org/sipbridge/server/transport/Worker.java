package org.sipbridge.server.transport;

import io.netty.buffer.ByteBuf;
import org.sipbridge.core.ReceiveInfo;
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
    /** While handling: the message is in its queue slot's own buffer (still counted as queued). */
    volatile boolean handlingQueued;
    /** Work other threads hand to this worker (the transaction timers): run between messages. */
    private final java.util.concurrent.ConcurrentLinkedQueue<Runnable> tasks =
            new java.util.concurrent.ConcurrentLinkedQueue<>();
    private volatile boolean parked;
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
            LockSupport.unpark(thread);
        }
        return true;
    }

    /**
     * Any thread: runs task on this worker, between two messages, in the order handed over.
     * Same no-lost-wake-up handshake as {@link #offer}: the task is published before parked is read.
     */
    void execute(Runnable task) {
        tasks.add(task);
        if (parked) {
            LockSupport.unpark(thread);
        }
    }

    /** Asks the worker to finish what is queued until {@code deadlineNanos}, then end. */
    void requestStop(long deadlineNanos) {
        stopDeadline = deadlineNanos;
        stopping = true;
        LockSupport.unpark(thread);
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
        serve();
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
        handling = true;
        long begin = System.nanoTime();
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
