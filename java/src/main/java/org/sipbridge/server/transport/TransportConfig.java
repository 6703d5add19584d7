package org.sipbridge.server.transport;

import org.sipbridge.sip.SipLimits;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Everything the network layer needs from the configuration. Start from
 * {@link #defaults(List)} and change single values with the {@code with...} methods.
 *
 * @param listeners          the {@code listen=} lines, UDP and TCP, at least one
 * @param workers            {@code children=}: worker threads running the routing logic
 * @param udpReceivers       {@code udp_receivers=}: receiving channels (and threads) per UDP
 *                           listener, sharing the port with SO_REUSEPORT; 1 without epoll
 * @param udpSocketBuffer    SO_RCVBUF/SO_SNDBUF of UDP sockets in bytes, to ride out bursts
 *                           (the kernel caps it at net.core.rmem_max/wmem_max); 0 keeps the
 *                           system default
 * @param tcpIoThreads       event-loop threads for all TCP connections, accepted and opened
 * @param workerQueue        bound of each worker's inbound queue (rounded up to a power of 2),
 *                           the message being handled included (it keeps its slot);
 *                           a message arriving at a full queue is dropped and counted
 * @param tcpIdleTimeout     {@code tcp_idle_timeout=}: a connection without traffic either way
 *                           for this long is closed
 * @param tcpConnectTimeout  how long opening an outbound connection may take
 * @param tcpMaxConnections  open connections, accepted plus opened; more are refused
 * @param writeHighWaterMark bytes queued for one socket before sends to it are refused
 *                           (a TCP peer that far behind is closed)
 * @param stopDrainTimeout   how long {@link SipTransport#stop()} lets workers finish queued messages
 * @param limits             message size bound (datagrams and stream frames)
 * @param preferEpoll        use the native epoll transport when available (false forces NIO)
 * @param tcpMessageTimeout  {@code tcp_max_msg_time}: a TCP message must arrive whole within this
 *                           time from its first byte, else the connection is closed (slow senders)
 * @param udpInline          {@code udp_receive_mode = inline}: each worker reads its own UDP socket
 *                           (SO_REUSEPORT) and handles what it reads itself, handing a message to
 *                           another worker only when its Call-ID belongs there (docs/performance.md);
 *                           false: receiving threads hand every message to a worker ({@code handoff})
 */
public record TransportConfig(
        List<ListenAddress> listeners,
        int workers,
        int udpReceivers,
        int udpSocketBuffer,
        int tcpIoThreads,
        int workerQueue,
        Duration tcpIdleTimeout,
        Duration tcpConnectTimeout,
        int tcpMaxConnections,
        int writeHighWaterMark,
        Duration stopDrainTimeout,
        SipLimits limits,
        boolean preferEpoll,
        Duration tcpMessageTimeout,
        boolean udpInline) {

    public static final int MAX_TCP_CONNECTIONS = ConnectionTable.MAX_CAPACITY;

    public TransportConfig {
        listeners = List.copyOf(listeners);
        Objects.requireNonNull(tcpIdleTimeout, "tcpIdleTimeout");
        Objects.requireNonNull(tcpConnectTimeout, "tcpConnectTimeout");
        Objects.requireNonNull(stopDrainTimeout, "stopDrainTimeout");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(tcpMessageTimeout, "tcpMessageTimeout");
        if (listeners.isEmpty()) {
            throw new IllegalArgumentException("no listen address");
        }
        requireRange("children", workers, 1, 1024);
        requireRange("udp_receivers", udpReceivers, 1, 64);
        requireRange("UDP socket buffer", udpSocketBuffer, 0, Integer.MAX_VALUE);
        requireRange("tcp I/O threads", tcpIoThreads, 1, 64);
        requireRange("worker queue", workerQueue, 1, 1 << 20); // slots are preallocated
        requireRange("tcp_max_connections", tcpMaxConnections, 1, MAX_TCP_CONNECTIONS);
        requireRange("write high-water mark", writeHighWaterMark, 1024, Integer.MAX_VALUE);
        requirePositive("tcp_idle_timeout", tcpIdleTimeout);
        requirePositive("tcp connect timeout", tcpConnectTimeout);
        requirePositive("tcp_max_msg_time", tcpMessageTimeout);
        if (listeners.stream().filter(l -> l.address().getPort() != 0).distinct().count()
                != listeners.stream().filter(l -> l.address().getPort() != 0).count()) {
            // with SO_REUSEPORT a duplicate would silently share the port instead of failing
            throw new IllegalArgumentException("a listen address appears twice: " + listeners);
        }
        if (stopDrainTimeout.isNegative()) {
            throw new IllegalArgumentException("stop drain timeout must not be negative");
        }
    }

    /**
     * One worker, up to two UDP receivers (one per core), 1 MiB UDP socket buffers, one TCP
     * thread, 4096 queued messages per worker, 120 s TCP idle timeout, 5 s connect timeout,
     * 2048 connections, 512 KiB per socket, 2 s to drain at stop, {@link SipLimits#DEFAULT},
     * epoll when available, 4 s for a TCP message to arrive whole (OpenSIPS's tcp_max_msg_time).
     */
    public static TransportConfig defaults(List<ListenAddress> listeners) {
        int receivers = Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors()));
        return new TransportConfig(listeners, 1, receivers, 1 << 20, 1, 4096, Duration.ofSeconds(120),
                Duration.ofSeconds(5), 2048, 512 * 1024, Duration.ofSeconds(2), SipLimits.DEFAULT, true,
                Duration.ofSeconds(4), false);
    }

    public TransportConfig withWorkers(int n) {
        return new TransportConfig(listeners, n, udpReceivers, udpSocketBuffer, tcpIoThreads, workerQueue,
                tcpIdleTimeout, tcpConnectTimeout, tcpMaxConnections, writeHighWaterMark, stopDrainTimeout,
                limits, preferEpoll, tcpMessageTimeout, udpInline);
    }

    public TransportConfig withUdpReceivers(int n) {
        return new TransportConfig(listeners, workers, n, udpSocketBuffer, tcpIoThreads, workerQueue,
                tcpIdleTimeout, tcpConnectTimeout, tcpMaxConnections, writeHighWaterMark, stopDrainTimeout,
                limits, preferEpoll, tcpMessageTimeout, udpInline);
    }

    public TransportConfig withUdpSocketBuffer(int bytes) {
        return new TransportConfig(listeners, workers, udpReceivers, bytes, tcpIoThreads, workerQueue,
                tcpIdleTimeout, tcpConnectTimeout, tcpMaxConnections, writeHighWaterMark, stopDrainTimeout,
                limits, preferEpoll, tcpMessageTimeout, udpInline);
    }

    public TransportConfig withTcpIoThreads(int n) {
        return new TransportConfig(listeners, workers, udpReceivers, udpSocketBuffer, n, workerQueue,
                tcpIdleTimeout, tcpConnectTimeout, tcpMaxConnections, writeHighWaterMark, stopDrainTimeout,
                limits, preferEpoll, tcpMessageTimeout, udpInline);
    }

    public TransportConfig withWorkerQueue(int capacity) {
        return new TransportConfig(listeners, workers, udpReceivers, udpSocketBuffer, tcpIoThreads, capacity,
                tcpIdleTimeout, tcpConnectTimeout, tcpMaxConnections, writeHighWaterMark, stopDrainTimeout,
                limits, preferEpoll, tcpMessageTimeout, udpInline);
    }

    public TransportConfig withTcpIdleTimeout(Duration timeout) {
        return new TransportConfig(listeners, workers, udpReceivers, udpSocketBuffer, tcpIoThreads, workerQueue,
                timeout, tcpConnectTimeout, tcpMaxConnections, writeHighWaterMark, stopDrainTimeout, limits,
                preferEpoll, tcpMessageTimeout, udpInline);
    }

    public TransportConfig withTcpConnectTimeout(Duration timeout) {
        return new TransportConfig(listeners, workers, udpReceivers, udpSocketBuffer, tcpIoThreads, workerQueue,
                tcpIdleTimeout, timeout, tcpMaxConnections, writeHighWaterMark, stopDrainTimeout, limits,
                preferEpoll, tcpMessageTimeout, udpInline);
    }

    public TransportConfig withTcpMaxConnections(int n) {
        return new TransportConfig(listeners, workers, udpReceivers, udpSocketBuffer, tcpIoThreads, workerQueue,
                tcpIdleTimeout, tcpConnectTimeout, n, writeHighWaterMark, stopDrainTimeout, limits,
                preferEpoll, tcpMessageTimeout, udpInline);
    }

    public TransportConfig withWriteHighWaterMark(int bytes) {
        return new TransportConfig(listeners, workers, udpReceivers, udpSocketBuffer, tcpIoThreads, workerQueue,
                tcpIdleTimeout, tcpConnectTimeout, tcpMaxConnections, bytes, stopDrainTimeout, limits,
                preferEpoll, tcpMessageTimeout, udpInline);
    }

    public TransportConfig withStopDrainTimeout(Duration timeout) {
        return new TransportConfig(listeners, workers, udpReceivers, udpSocketBuffer, tcpIoThreads, workerQueue,
                tcpIdleTimeout, tcpConnectTimeout, tcpMaxConnections, writeHighWaterMark, timeout, limits,
                preferEpoll, tcpMessageTimeout, udpInline);
    }

    public TransportConfig withLimits(SipLimits newLimits) {
        return new TransportConfig(listeners, workers, udpReceivers, udpSocketBuffer, tcpIoThreads, workerQueue,
                tcpIdleTimeout, tcpConnectTimeout, tcpMaxConnections, writeHighWaterMark, stopDrainTimeout,
                newLimits, preferEpoll, tcpMessageTimeout, udpInline);
    }

    public TransportConfig withPreferEpoll(boolean epoll) {
        return new TransportConfig(listeners, workers, udpReceivers, udpSocketBuffer, tcpIoThreads, workerQueue,
                tcpIdleTimeout, tcpConnectTimeout, tcpMaxConnections, writeHighWaterMark, stopDrainTimeout,
                limits, epoll, tcpMessageTimeout, udpInline);
    }

    public TransportConfig withTcpMessageTimeout(Duration timeout) {
        return new TransportConfig(listeners, workers, udpReceivers, udpSocketBuffer, tcpIoThreads, workerQueue,
                tcpIdleTimeout, tcpConnectTimeout, tcpMaxConnections, writeHighWaterMark, stopDrainTimeout, limits,
                preferEpoll, timeout, udpInline);
    }

    public TransportConfig withUdpInline(boolean inline) {
        return new TransportConfig(listeners, workers, udpReceivers, udpSocketBuffer, tcpIoThreads, workerQueue,
                tcpIdleTimeout, tcpConnectTimeout, tcpMaxConnections, writeHighWaterMark, stopDrainTimeout, limits,
                preferEpoll, tcpMessageTimeout, inline);
    }

    private static void requireRange(String name, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " must be in " + min + ".." + max + ", not " + value);
        }
    }

    private static void requirePositive(String name, Duration d) {
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, not " + d);
        }
    }
}
