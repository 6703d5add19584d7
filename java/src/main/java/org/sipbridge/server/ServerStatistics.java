package org.sipbridge.server;

import org.sipbridge.core.Proto;
import org.sipbridge.server.transport.SipTransport;
import org.sipbridge.stats.Stat;
import org.sipbridge.stats.StatSource;
import org.sipbridge.tm.TmStats;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The server's own counters under their OpenSIPS names: {@code core:*} (rcv_requests,
 * fwd_replies, err_requests, bad_URIs_rcvd...), {@code sl:*} (the sl stand-in's replies by
 * class), {@code tm:*} (the Java transaction layer's counters under 1.11's tm names, while
 * tm is loaded) and {@code net:*} (transport totals, and per socket the bytes waiting in its
 * kernel receive queue, as OpenSIPS's waiting_udp/waiting_tcp). A reset keeps a baseline:
 * the hot-path counters themselves are never written by management.
 */
final class ServerStatistics implements StatSource {
    private final ServerCounters c;
    private final SipTransport transport;
    private final ConcurrentHashMap<String, Long> baselines = new ConcurrentHashMap<>();

    /** The transaction layer's counters; null while sipbridge's tm is not loaded. */
    private final Supplier<TmStats> tm;

    ServerStatistics(ServerCounters counters, SipTransport transport, Supplier<TmStats> tm) {
        this.c = counters;
        this.transport = transport;
        this.tm = tm;
    }

    @Override
    public List<Stat> stats() {
        List<Stat> l = new ArrayList<>();
        counter(l, "core", "rcv_requests", c.requests::sum);
        counter(l, "core", "rcv_replies", c.replies::sum);
        counter(l, "core", "fwd_requests", c.forwarded::sum);
        counter(l, "core", "fwd_replies", c.relayed::sum);
        counter(l, "core", "drop_requests",
                () -> c.acksAbsorbed.sum() + c.loopsRefused.sum() + c.unanswerableRequests.sum());
        counter(l, "core", "drop_replies", () -> c.notOurVia.sum() + c.noNextVia.sum() + c.scriptDropped.sum()
                + c.errReplies.sum());
        counter(l, "core", "err_requests", c.errRequests::sum);
        counter(l, "core", "err_replies", c.errReplies::sum);
        counter(l, "core", "bad_URIs_rcvd", c.badUris::sum);
        counter(l, "core", "bad_msg_hdr", c.badHeaders::sum);
        counter(l, "core", "unsupported_methods", () -> 0);
        counter(l, "core", "send_failures", c.sendFailures::sum);
        for (int k = 1; k <= 6; k++) {
            counter(l, "sl", k + "xx_replies", c.localRepliesByClass[k]::sum);
        }
        counter(l, "sl", "sent_replies", c.localReplies::sum);
        counter(l, "sl", "sent_err_replies", () -> {
            long s = 0;
            for (int k = 3; k <= 6; k++) {
                s += c.localRepliesByClass[k].sum();
            }
            return s;
        });
        counter(l, "sl", "received_ACKs", c.acksAbsorbed::sum);
        TmStats t = tm.get();
        if (t != null) {
            tm(l, t);
        }
        net(l);
        return l;
    }

    /** tm:* under 1.11's names (inuse_transactions is a gauge: a reset does not touch it). */
    private void tm(List<Stat> l, TmStats t) {
        counter(l, "tm", "received_replies", t.replies::sum);
        counter(l, "tm", "relayed_replies", t.relayed::sum);
        counter(l, "tm", "local_replies", t.local::sum);
        counter(l, "tm", "UAS_transactions", t.created::sum);
        counter(l, "tm", "UAC_transactions", t.branches::sum);
        for (int k = 2; k <= 6; k++) {
            counter(l, "tm", k + "xx_transactions", t.finalByClass[k]::sum);
        }
        l.add(Stat.gauge("tm", "inuse_transactions", t.inUse::sum));
    }

    private void net(List<Stat> l) {
        counter(l, "net", "received", () -> transport.stats().received());
        counter(l, "net", "dropped_queue_full", () -> transport.stats().droppedQueueFull());
        counter(l, "net", "dropped_oversize", () -> transport.stats().droppedOversize());
        counter(l, "net", "broken_streams", () -> transport.stats().brokenStreams());
        counter(l, "net", "tcp_accepted", () -> transport.stats().tcpAccepted());
        counter(l, "net", "tcp_opened", () -> transport.stats().tcpOpened());
        counter(l, "net", "tcp_errors", () -> transport.stats().tcpErrors());
        counter(l, "net", "send_failures", () -> transport.stats().sendFailures());
        List<InetSocketAddress> udp = transport.localAddresses(Proto.UDP);
        List<InetSocketAddress> tcp = transport.localAddresses(Proto.TCP);
        l.add(Stat.gauge("net", "waiting_udp", () -> waiting(udp, false)));
        l.add(Stat.gauge("net", "waiting_tcp", () -> waiting(tcp, true)));
        for (InetSocketAddress a : udp) {
            l.add(Stat.gauge("net", "udp:" + a.getAddress().getHostAddress() + ":" + a.getPort() + "_waiting",
                    () -> waiting(List.of(a), false)));
        }
        for (InetSocketAddress a : tcp) {
            l.add(Stat.gauge("net", "tcp:" + a.getAddress().getHostAddress() + ":" + a.getPort() + "_waiting",
                    () -> waiting(List.of(a), true)));
        }
    }

    private void counter(List<Stat> l, String group, String name, LongSupplier raw) {
        String key = group + ":" + name;
        l.add(Stat.counter(group, name, () -> raw.getAsLong() - baselines.getOrDefault(key, 0L),
                () -> baselines.put(key, raw.getAsLong())));
    }

    /** Bytes in the kernel receive queues of these sockets (/proc/net/udp, tcp; IPv4 and IPv6). */
    static long waiting(List<InetSocketAddress> sockets, boolean tcp) {
        if (sockets.isEmpty()) {
            return 0;
        }
        long sum = 0;
        for (String f : tcp ? new String[] {"/proc/net/tcp", "/proc/net/tcp6"}
                : new String[] {"/proc/net/udp", "/proc/net/udp6"}) {
            List<String> lines;
            try {
                lines = Files.readAllLines(Path.of(f));
            } catch (IOException | RuntimeException e) {
                continue;
            }
            for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
                String[] p = line.trim().split("\\s+");
                if (p.length < 5 || (tcp && !p[3].equals("0A"))) { // tcp: listening sockets only
                    continue;
                }
                int colon = p[1].lastIndexOf(':');
                int port;
                try {
                    port = Integer.parseInt(p[1].substring(colon + 1), 16);
                } catch (NumberFormatException e) {
                    continue;
                }
                for (InetSocketAddress a : sockets) {
                    if (a.getPort() == port) {
                        try {
                            sum += Long.parseLong(p[4].substring(p[4].indexOf(':') + 1), 16);
                        } catch (NumberFormatException e) {
                            // malformed line
                        }
                        break;
                    }
                }
            }
        }
        return sum;
    }
}
