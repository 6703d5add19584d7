package org.sipbridge.server.transport;

import io.netty.buffer.ByteBuf;
import org.sipbridge.core.ReceiveInfo;
import org.sipbridge.sip.CallIdLocator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * The worker threads and the rule that picks one for a message: the Call-ID hash, so every
 * message of a dialog is handled by the same thread in arrival order; the source address
 * when there is no Call-ID.
 */
final class WorkerPool {
    private static final Logger log = LoggerFactory.getLogger(WorkerPool.class);
    private static final long JOIN_GRACE_NANOS = TimeUnit.MILLISECONDS.toNanos(500);

    private final Worker[] workers;
    private final Counters counters;

    WorkerPool(int count, int queueCapacity, MessageHandler handler, WorkerStartHook startHook, Counters counters) {
        this.counters = counters;
        workers = new Worker[count];
        for (int i = 0; i < count; i++) {
            workers[i] = new Worker(i, queueCapacity, WorkerQueue.inlineSlots(queueCapacity, count), handler,
                    startHook, counters);
        }
    }

    java.util.List<WorkerSnapshot> snapshots() {
        java.util.List<WorkerSnapshot> l = new java.util.ArrayList<>(workers.length);
        for (Worker w : workers) {
            l.add(new WorkerSnapshot(w.index + 1, w.queue.depth(), w.queue.capacity(), w.timing));
        }
        return l;
    }

    int size() {
        return workers.length;
    }

    int queueCapacity() {
        return workers[0].queue.capacity();
    }

    /**
     * Worker index for a message: by Call-ID hash, or by source when it has none. A worker
     * the watchdog found stuck is skipped for the next available one (the same one for every
     * message of the Call-ID while it is stuck, so their order is kept); if none is available
     * the hash decides.
     */
    int workerFor(int callIdHash, InetSocketAddress source) {
        int key = callIdHash != CallIdLocator.ABSENT ? callIdHash : source.hashCode();
        int i = Math.floorMod(key, workers.length);
        if (workers[i].available) {
            return i;
        }
        for (int k = 1; k < workers.length; k++) {
            int j = (i + k) % workers.length;
            if (workers[j].available) {
                return j;
            }
        }
        return i;
    }

    void setAvailable(int index, boolean available) {
        workers[index].available = available;
        if (ownSockets != null) {
            assignSockets();
        }
    }

    // ---- udp_receive_mode = inline -------------------------------------------------------------

    /** Inline mode: per worker, its own socket of each UDP listener (descriptors); null in hand-off mode. */
    private int[][] ownSockets;
    private boolean reading;
    /**
     * Inline mode: a worker this long in one message (a slow or stuck module call) has its
     * sockets read by the next worker until it is back, so the sources the kernel hashes to
     * its socket are not held up (-Dsipbridge.udpAdoptMs).
     */
    static final long ADOPT_NANOS = TimeUnit.MILLISECONDS.toNanos(Long.getLong("sipbridge.udpAdoptMs", 100));
    /** Workers whose sockets another worker reads now (busy too long, or found stuck). */
    private boolean[] adopted;
    private Thread adoptionCheck;

    /**
     * Before {@link #start()}: every worker reads its own socket of each UDP listener
     * ({@code sockets[worker][listener]}) and handles what it owns (see {@link Worker}).
     */
    void attachInline(int[][] sockets, java.net.InetSocketAddress[] locals, int slot, Inbound inbound) {
        for (int i = 0; i < workers.length; i++) {
            workers[i].attachInline(new InlineReceiver(slot, locals), this, inbound);
        }
        ownSockets = sockets;
        adopted = new boolean[workers.length];
        if (workers.length > 1) {
            adoptionCheck = new Thread(this::checkAdoption, "sip-udp-adopt");
            adoptionCheck.setDaemon(true);
        }
    }

    /** Inline mode: every 20 ms, whether a worker is too long in one message (its sockets then go to a neighbour). */
    private void checkAdoption() {
        while (true) {
            synchronized (this) {
                if (!reading) {
                    return;
                }
                long now = System.nanoTime();
                boolean changed = false;
                for (int i = 0; i < workers.length; i++) {
                    Worker w = workers[i];
                    boolean slow = w.handling && now - w.handlingSince > ADOPT_NANOS;
                    if (slow != adopted[i]) {
                        adopted[i] = slow;
                        changed = true;
                    }
                }
                if (changed) {
                    assignSockets();
                }
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    boolean inline() {
        return ownSockets != null;
    }

    /** Inline mode: workers start (true) or stop (false) reading their sockets. */
    void setReading(boolean on) {
        if (ownSockets == null) {
            return;
        }
        synchronized (this) {
            reading = on;
        }
        assignSockets();
        Thread t = adoptionCheck;
        if (t != null) {
            if (on && t.getState() == Thread.State.NEW) {
                t.start();
            } else if (!on) {
                t.interrupt();
            }
        }
    }

    /**
     * Tells each worker which sockets to read: its own; a worker the watchdog found stuck reads
     * none, and the next available worker after it reads them too (else the sources the kernel
     * hashes to its socket would wait for it). Nothing while reading is off.
     */
    private synchronized void assignSockets() {
        int n = workers.length;
        boolean anyAvailable = false;
        for (int i = 0; i < n; i++) {
            anyAvailable |= readsOwn(i);
        }
        for (int w = 0; w < n; w++) {
            java.util.List<Integer> fds = new java.util.ArrayList<>();
            java.util.List<Integer> listeners = new java.util.ArrayList<>();
            if (reading && (readsOwn(w) || !anyAvailable)) {
                for (int k = 0; k < n; k++) {
                    int from = (w - k + n) % n; // w itself, then the stuck ones just before it
                    if (k > 0 && (readsOwn(from) || !anyAvailable)) {
                        break;
                    }
                    for (int l = 0; l < ownSockets[from].length; l++) {
                        fds.add(ownSockets[from][l]);
                        listeners.add(l);
                    }
                }
            }
            if (fds.size() > NativeUdpReceive.MAX_FDS) {
                fds = fds.subList(0, NativeUdpReceive.MAX_FDS);
                listeners = listeners.subList(0, NativeUdpReceive.MAX_FDS);
            }
            workers[w].wantSockets(fds.stream().mapToInt(Integer::intValue).toArray(),
                    listeners.stream().mapToInt(Integer::intValue).toArray());
        }
    }

    /** Inline mode, under the pool's lock: whether worker i reads its own sockets now (not stuck, not too long in a message). */
    private boolean readsOwn(int i) {
        return workers[i].available && !adopted[i];
    }

    /** Copies src[0, length) into worker owner's queue (a worker handing over what it read); false when full. */
    boolean offerTo(int owner, ByteBuf src, int length, ReceiveInfo info) {
        return workers[owner].offer(src, src.readerIndex(), length, info);
    }

    boolean alive(int index) {
        return workers[index].thread.isAlive();
    }

    /** Copies bytes[0, length) into its worker's queue; false when that queue is full (the caller drops it). */
    boolean dispatch(int callIdHash, byte[] bytes, int length, ReceiveInfo info, io.netty.buffer.ByteBufAllocator alloc) {
        return workers[workerFor(callIdHash, info.source())].offer(bytes, length, info, alloc);
    }

    /** Runs task on worker index (0-based) between its messages; from any thread. */
    void execute(int index, Runnable task) {
        workers[index].execute(task);
    }

    /**
     * Starts every worker and waits until each ran its start hook. The first hook that throws
     * fails the start at once (the other workers are stopped).
     */
    void start() throws TransportException {
        CompletableFuture<?>[] all = new CompletableFuture<?>[workers.length];
        CompletableFuture<Void> anyFailed = new CompletableFuture<>();
        for (int i = 0; i < workers.length; i++) {
            Worker w = workers[i];
            all[i] = w.started;
            w.started.whenComplete((ok, error) -> {
                if (error != null) {
                    anyFailed.completeExceptionally(error);
                }
            });
            w.thread.start();
        }
        try {
            CompletableFuture.anyOf(CompletableFuture.allOf(all), anyFailed).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop(Duration.ZERO);
            throw new TransportException("interrupted while workers were starting", e);
        } catch (ExecutionException e) {
            stop(Duration.ZERO);
            throw startFailure();
        }
    }

    /** The failure of the lowest-ranked worker whose start hook threw. */
    private TransportException startFailure() {
        for (Worker w : workers) {
            if (w.started.isCompletedExceptionally()) {
                Throwable cause;
                try {
                    w.started.getNow(null);
                    continue;
                } catch (CompletionException | CancellationException e) {
                    cause = e.getCause() != null ? e.getCause() : e;
                }
                String why = cause.getMessage() != null ? cause.getMessage() : cause.toString();
                return new TransportException("worker " + (w.index + 1) + " failed to start: " + why, cause);
            }
        }
        throw new IllegalStateException("a start hook failed but no worker reports it");
    }

    /**
     * Lets workers finish their queued messages for at most {@code drain}, then ends them
     * (interrupting one stuck in the handler). Messages left queued are released and counted.
     */
    void stop(Duration drain) {
        long deadline = System.nanoTime() + drain.toNanos();
        for (Worker w : workers) {
            w.requestStop(deadline);
        }
        for (Worker w : workers) {
            if (w.thread == Thread.currentThread()) {
                continue; // stop() called from the routing logic: this worker ends when it returns
            }
            join(w, deadline + JOIN_GRACE_NANOS);
            if (w.thread.isAlive()) {
                log.warn("worker {} did not finish within the stop drain time; interrupting it", w.index + 1);
                w.thread.interrupt();
                join(w, System.nanoTime() + JOIN_GRACE_NANOS);
            }
        }
    }

    /**
     * Releases and counts what is still queued. Call once no producer is left (the event loops
     * are shut down); a queue whose worker is still alive is left alone (it is its consumer).
     */
    void releaseLeftovers() {
        for (Worker w : workers) {
            if (w.thread.isAlive()) {
                // stuck (in module code, most likely): its queue and the message it is on are
                // lost; counted, not released (the worker is still their consumer)
                // a message in a queue-owned buffer stays queued while it is handled (see Worker)
                int lost = w.queue.sizeApprox() + (w.handling && !w.handlingQueued ? 1 : 0);
                counters.droppedAtStop.add(lost);
                log.warn("worker {} is still running after stop (stuck); {} message{} dropped with it", w.index + 1,
                        lost, lost == 1 ? "" : "s");
                continue;
            }
            int left = 0;
            for (WorkerQueue.Slot s = w.queue.peek(); s != null; s = w.queue.peek()) {
                ByteBuf data = s.data;
                boolean owned = s.owns(data);
                w.queue.consumed(s);
                if (!owned) {
                    data.release();
                }
                left++;
            }
            if (left > 0) {
                counters.droppedAtStop.add(left);
                log.warn("worker {}: {} queued messages dropped at stop", w.index + 1, left);
            }
            w.closeInline();
        }
    }

    private static void join(Worker w, long deadlineNanos) {
        if (w.thread.getState() == Thread.State.NEW) {
            return;
        }
        try {
            long left = deadlineNanos - System.nanoTime();
            if (left > 0) {
                TimeUnit.NANOSECONDS.timedJoin(w.thread, left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
