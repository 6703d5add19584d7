package org.sipbridge.server.transport;

import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.EventExecutor;
import org.sipbridge.core.Proto;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The network layer: UDP and TCP listeners on Netty, the worker threads that run the routing
 * logic, and the {@link SipSender} replies and requests go out through.
 *
 * <p>Threads: Netty event loops receive (one per UDP receiver, {@code tcpIoThreads} for TCP),
 * cut messages and queue each, copied, for the worker its Call-ID hash picks; {@code workers}
 * threads each call the handler for their queue's messages in order. All threads are
 * daemons: a server keeps the JVM alive with {@link #awaitStopped()}.
 *
 * <p>Lifecycle: {@link #start()} once, {@link #stop()} any number of times (also from a
 * shutdown hook); after {@code stop()} returns no handler call is running (unless one ignored
 * its interruption) and the caller may destroy the modules. Not from a Netty thread; from a
 * worker thread (the routing logic asking for shutdown) it does not wait for that worker.
 */
public final class SipTransport {
    private static final Logger log = LoggerFactory.getLogger(SipTransport.class);
    private static final long GROUP_SHUTDOWN_SECONDS = 2;

    private enum State { NEW, RUNNING, STOPPED }

    private final TransportConfig config;
    private final Counters counters = new Counters();
    private final IoKind kind;
    private final WorkerPool workers;
    private final Inbound inbound;
    private final List<UdpListener> udpListeners = new ArrayList<>();
    private final HostResolver resolver;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final Object lifecycle = new Object();

    // set by start(), read after it (guarded by lifecycle; sender() publishes via volatile)
    private EventLoopGroup udpGroup;
    private EventLoopGroup tcpGroup;
    private TcpTransport tcp;
    private volatile NettySender sender;
    // what was bound, for summary() and localAddress() (readable from any thread, also start hooks)
    private volatile List<InetSocketAddress> udpBound = List.of();
    private volatile List<Integer> udpReceiverCounts = List.of();
    private volatile List<InetSocketAddress> tcpBound = List.of();
    private State state = State.NEW;

    public SipTransport(TransportConfig config, MessageHandler handler, WorkerStartHook startHook) {
        this(config, handler, startHook, new HostResolver());
    }

    public SipTransport(TransportConfig config, MessageHandler handler) {
        this(config, handler, WorkerStartHook.NONE);
    }

    SipTransport(TransportConfig config, MessageHandler handler, WorkerStartHook startHook, HostResolver resolver) {
        this.config = config;
        this.kind = IoKind.choose(config.preferEpoll());
        this.workers = new WorkerPool(config.workers(), config.workerQueue(), handler, startHook, counters);
        this.inbound = new Inbound(workers, config.limits(), counters);
        this.resolver = resolver;
    }

    /**
     * Binds every listener, starts the workers and waits until each ran its start hook, then
     * starts receiving (nothing is received before every worker is ready).
     *
     * @throws TransportException naming the address that could not be bound, or the worker
     *                            whose start hook threw (with its message); everything
     *                            started so far is stopped again
     */
    public void start() throws TransportException {
        synchronized (lifecycle) {
            if (state != State.NEW) {
                throw new IllegalStateException(
                        "transport already " + (state == State.RUNNING ? "started" : "stopped"));
            }
            try {
                bindAll();
                sender.setOpen(true);
                workers.start();
            } catch (TransportException | RuntimeException | Error e) {
                shutDown();
                throw e;
            }
            if (workers.inline()) {
                workers.setReading(true);
            } else {
                for (UdpListener l : udpListeners) {
                    l.setReading(true);
                }
            }
            if (tcp != null) {
                tcp.startReading();
            }
            state = State.RUNNING;
        }
        for (String line : summary()) {
            log.debug(line);   // the server's start-up summary prints these lines
        }
    }

    private void bindAll() throws TransportException {
        boolean hasUdp = config.listeners().stream().anyMatch(l -> l.proto() == Proto.UDP);
        boolean hasTcp = config.listeners().stream().anyMatch(l -> l.proto() == Proto.TCP);
        boolean inline = hasUdp && inlineReceive();
        int receivers = inline ? config.workers() : udpReceivers();
        if (inline) {
            // one socket per worker, read by the worker; the event loop only hosts the channels (sends)
        } else if (hasUdp && receivers < config.udpReceivers()) {
            log.info("UDP: {}; one receiving channel per listener instead of {}", kind.fallbackReason,
                    config.udpReceivers());
        } else if (kind.fallbackReason != null) {
            log.info("using the NIO transport: {}", kind.fallbackReason);
        }
        if (hasUdp) {
            udpGroup = kind.newGroup(inline ? 1 : receivers, "sip-udp");
        }
        if (hasTcp) {
            tcpGroup = kind.newGroup(config.tcpIoThreads(), "sip-tcp");
            tcp = new TcpTransport(config, kind, tcpGroup, inbound, counters);
        }
        for (ListenAddress l : config.listeners()) {
            if (l.proto() == Proto.UDP) {
                UdpListener u = new UdpListener(l.address());
                udpListeners.add(u); // before binding, so a failure closes what it bound
                u.bind(udpGroup, kind, receivers, config, inbound);
            } else {
                tcp.bind(l.address());
            }
        }
        if (inline) {
            int[][] sockets = new int[config.workers()][udpListeners.size()];
            java.net.InetSocketAddress[] locals = new java.net.InetSocketAddress[udpListeners.size()];
            for (int l = 0; l < udpListeners.size(); l++) {
                locals[l] = udpListeners.get(l).boundAddress();
                for (int w = 0; w < config.workers(); w++) {
                    sockets[w][l] = udpListeners.get(l).fd(w);
                }
            }
            workers.attachInline(sockets, locals, config.limits().maxMessageSize() + 1, inbound);
        }
        udpBound = udpListeners.stream().map(UdpListener::boundAddress).toList();
        udpReceiverCounts = udpListeners.stream().map(UdpListener::receivers).toList();
        tcpBound = tcp != null ? tcp.boundAddresses() : List.of();
        sender = new NettySender(udpListeners, tcp, resolver, ByteBufAllocator.DEFAULT, counters);
    }

    /**
     * Whether workers read UDP themselves: asked for ({@code udp_receive_mode = inline}), and
     * possible (epoll sockets, the core library's sb_rx_*, at most 30 listeners per worker).
     */
    private boolean inlineReceive() {
        if (!config.udpInline()) {
            return false;
        }
        long udp = config.listeners().stream().filter(l -> l.proto() == Proto.UDP).count();
        String why = !kind.epoll ? kind.fallbackReason
                : !NativeUdpReceive.available() ? "the core library is not loaded"
                : udp > NativeUdpReceive.MAX_FDS ? "more than " + NativeUdpReceive.MAX_FDS + " UDP listeners" : null;
        if (why != null) {
            log.info("udp_receive_mode inline is not possible ({}): receiving threads hand messages to the workers", why);
            return false;
        }
        return true;
    }

    private int udpReceivers() {
        return kind.epoll ? config.udpReceivers() : 1;
    }

    /**
     * Stops receiving and accepting, lets the workers finish what is queued (at most the
     * configured drain time), then ends the workers, closes every socket and releases Netty's
     * threads. Idempotent; a concurrent caller waits until the first one is done.
     */
    public void stop() {
        synchronized (lifecycle) {
            if (state == State.STOPPED) {
                return;
            }
            long begin = System.nanoTime();
            boolean wasRunning = state == State.RUNNING;
            for (UdpListener l : udpListeners) {
                l.setReading(false);
            }
            workers.setReading(false);
            if (tcp != null) {
                tcp.stopReading();
            }
            // reads already under way finish their hand-off before the workers drain
            awaitTasksBefore(udpGroup);
            awaitTasksBefore(tcpGroup);
            if (wasRunning) {
                workers.stop(config.stopDrainTimeout());
            }
            shutDown();
            if (wasRunning) {
                log.info("transport stopped in {} ms: {}", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begin),
                        stats());
            }
        }
    }

    /** Closes sockets, ends threads, releases what is still queued; marks the transport stopped. */
    private void shutDown() {
        if (sender != null) {
            sender.setOpen(false);
        }
        workers.stop(Duration.ZERO); // no-op for workers already ended
        for (UdpListener l : udpListeners) {
            l.close();
        }
        if (tcp != null) {
            tcp.closeAll();
        }
        shutDown(udpGroup);
        shutDown(tcpGroup);
        workers.releaseLeftovers(); // no producer is left now
        state = State.STOPPED;
        stopped.countDown();
    }

    /** Waits until every event loop of the group ran the tasks queued so far (bounded). */
    private static void awaitTasksBefore(EventLoopGroup group) {
        if (group == null) {
            return;
        }
        for (EventExecutor loop : group) {
            loop.submit(() -> { }).awaitUninterruptibly(1, TimeUnit.SECONDS);
        }
    }

    private static void shutDown(EventLoopGroup group) {
        if (group != null) {
            group.shutdownGracefully(0, GROUP_SHUTDOWN_SECONDS, TimeUnit.SECONDS)
                    .awaitUninterruptibly(GROUP_SHUTDOWN_SECONDS + 1, TimeUnit.SECONDS);
        }
    }

    /** Blocks until {@link #stop()} finished (or start failed). */
    public void awaitStopped() throws InterruptedException {
        stopped.await();
    }

    /**
     * A message a C module hands in as received (receive.h's receive_msg): copied and queued
     * for the worker its Call-ID picks, exactly like one read from a socket. The bytes of
     * src are read during the call only.
     */
    public void inject(io.netty.buffer.ByteBuf src, org.sipbridge.core.ReceiveInfo info) {
        inbound.deliver(ByteBufAllocator.DEFAULT, src, src.readerIndex(), src.readableBytes(), info);
    }

    /** The descriptor of UDP listener index (configuration order; epoll only), or -1. */
    public int udpSocketFd(int index) {
        return index >= 0 && index < udpListeners.size() ? udpListeners.get(index).fd() : -1;
    }

    /** The send API; usable between {@link #start()} and {@link #stop()} (before and after it answers STOPPED). */
    /**
     * Runs task on worker {@code index} (0-based, the index the handler gets) between two of
     * its messages: how timers hand work to the worker that owns a transaction.
     */
    public void execute(int index, Runnable task) {
        workers.execute(index, task);
    }

    public SipSender sender() {
        NettySender s = sender;
        if (s == null) {
            throw new IllegalStateException("transport not started");
        }
        return s;
    }

    public TransportStats stats() {
        return counters.snapshot();
    }

    /** Every worker's queue depth and handling times (management, /metrics). */
    public java.util.List<WorkerSnapshot> workerSnapshots() {
        return workers.snapshots();
    }

    /** The bound address of the first listener of {@code proto} (the real port for port 0), or null. */
    public InetSocketAddress localAddress(Proto proto) {
        List<InetSocketAddress> all = localAddresses(proto);
        return all.isEmpty() ? null : all.get(0);
    }

    /** The bound addresses of the listeners of {@code proto}, in configuration order. */
    public List<InetSocketAddress> localAddresses(Proto proto) {
        return proto == Proto.UDP ? udpBound : proto == Proto.TCP ? tcpBound : List.of();
    }

    /** Whether worker index (0-based) gets messages (false: the watchdog found it stuck; its Call-IDs go elsewhere). */
    public void setWorkerAvailable(int index, boolean available) {
        workers.setAvailable(index, available);
    }

    /** Whether worker index's thread still runs (after {@link #stop()}: it is stuck). */
    public boolean workerAlive(int index) {
        return workers.alive(index);
    }

    /** "epoll" or "nio". */
    public String ioKind() {
        return kind.name();
    }

    /** The start-up summary: one line per listener, then the workers. */
    public List<String> summary() {
        List<String> lines = new ArrayList<>();
        List<InetSocketAddress> udp = udpBound;
        for (int i = 0; i < udp.size(); i++) {
            int n = udpReceiverCounts.get(i);
            if (workers.inline()) {
                lines.add("listen " + Names.endpoint(Proto.UDP, udp.get(i)) + " (" + kind.name() + ", "
                        + (n == 1 ? "read by the worker" : n + " sockets sharing the port with SO_REUSEPORT, one per worker")
                        + ", udp_receive_mode inline)");
                continue;
            }
            lines.add("listen " + Names.endpoint(Proto.UDP, udp.get(i)) + " (" + kind.name() + ", " + n
                    + (n == 1 ? " receiver)" : " receivers sharing the port with SO_REUSEPORT)"));
        }
        for (InetSocketAddress a : tcpBound) {
            lines.add("listen " + Names.endpoint(Proto.TCP, a) + " (" + kind.name() + ", idle timeout "
                    + config.tcpIdleTimeout().toSeconds() + " s, up to " + config.tcpMaxConnections()
                    + " connections)");
        }
        lines.add("workers: " + workers.size() + " (queue " + workers.queueCapacity()
                + " messages each; a dialog's messages stay on one worker, chosen by Call-ID)");
        if (kind.fallbackReason != null) {
            lines.add("transport: nio (" + kind.fallbackReason + ")");
        }
        return lines;
    }
}
