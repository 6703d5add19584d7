package org.sipbridge.server;

import com.sun.jna.Pointer;
import io.netty.buffer.Unpooled;
import jnr.ffi.LibraryLoader;
import jnr.ffi.LibraryOption;
import org.sipbridge.bridge.NativeCore;
import org.sipbridge.bridge.NativeModule;
import org.sipbridge.bridge.NetCalls;
import org.sipbridge.core.Proto;
import org.sipbridge.core.ReceiveInfo;
import org.sipbridge.core.SipContext;
import org.sipbridge.logging.LogRateLimit;
import org.sipbridge.module.CurrentMessage;
import org.sipbridge.module.MessageContext;
import org.sipbridge.module.Module;
import org.sipbridge.script.CompiledScript;
import org.sipbridge.script.ServerConfig;
import org.sipbridge.script.ast.BlockKind;
import org.sipbridge.script.ast.GlobalSetting;
import org.sipbridge.script.ast.RouteBlock;
import org.sipbridge.script.ast.Script;
import org.sipbridge.script.ast.StringListSetting;
import org.sipbridge.script.ast.Transport;
import org.sipbridge.script.run.ScriptState;
import org.sipbridge.server.net.NetDns;
import org.sipbridge.server.transport.NonSipDatagrams;
import org.sipbridge.server.transport.SendResult;
import org.sipbridge.server.transport.SipTransport;
import org.sipbridge.sip.SipLimits;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The server side of the core's network and process layer (native/net, docs/core-net.md):
 * it tells the core the listeners and settings before mod_init, the bound ports and the
 * process table before child_init, starts and stops the modules' processes, and serves the
 * upcalls C makes to send, resolve, inject messages and raise events.
 *
 * <p>The core's lists and callbacks are process-wide, so one server at a time is the one C
 * talks to: the last one started ({@link Session}); its upcalls reach its transport,
 * resolver and script. The callbacks are registered once per JVM and never throw into C.
 */
final class NetBridge implements NetCalls.Send, NetCalls.DnsQuery, NetCalls.Receive, NetCalls.EventRoute,
        NetCalls.ProcChildInit {
    private static final Logger log = LoggerFactory.getLogger("org.sipbridge.net");
    private static final Duration DNS_TIMEOUT = Duration.ofSeconds(2);
    /** child_init rank of a module process (OpenSIPS's PROC_MODULE). */
    static final int PROC_MODULE = -2;
    private static NetBridge instance;

    private final NetCalls calls;
    private final LogRateLimit sendLog = new LogRateLimit();
    private volatile Session current;

    private NetBridge(NativeCore core) {
        this.calls = LibraryLoader.create(NetCalls.class).option(LibraryOption.IgnoreError, true)
                .failImmediately().load(core.path().toString());
        calls.sb_net_set_send_callback(this);
        calls.sb_dns_set_callback(this);
        calls.sb_net_set_receive_callback(this);
        calls.sb_evi_set_callback(this);
        calls.sb_procs_set_callback(this);
    }

    static synchronized NetBridge get(NativeCore core) {
        if (instance == null) {
            instance = new NetBridge(core);
        }
        return instance;
    }

    NetCalls calls() {
        return calls;
    }

    /** What one server gives the core; created before its modules load. */
    final class Session {
        private final NetDns dns;
        private final int workers;
        private volatile SipLimits limits;
        private volatile CompiledScript script;
        private volatile SipTransport transport;
        private volatile InetSocketAddress dummySource;
        private volatile Set<String> eventRoutes = Set.of();
        private final ThreadLocal<SipContext> eventContexts = new ThreadLocal<>();
        private final ConcurrentLinkedQueue<SipContext> allContexts = new ConcurrentLinkedQueue<>();
        private boolean bound;

        private Session(NetDns dns, int workers) {
            this.dns = dns;
            this.workers = workers;
        }

        /** After the modules loaded and init_f ran: the module processes and the process table. */
        void modulesLoaded(CompiledScript s, SipLimits messageLimits) {
            script = s;
            limits = messageLimits;
            Set<String> names = new HashSet<>();
            for (RouteBlock b : s.script().blocks(BlockKind.EVENT)) {
                b.name().ifPresent(names::add);
            }
            eventRoutes = Set.copyOf(names);
            calls.sb_procs_reset();
            for (Module m : s.modules().registry().modules()) {
                if (m instanceof NativeModule nm && nm.procsAddress() != 0
                        && calls.sb_procs_register(nm.nativeIndex(), nm.procsAddress()) < 0) {
                    throw new IllegalStateException("module " + m.name() + ": too many processes");
                }
            }
            NonSipDatagrams.install(calls.sb_net_udp_callbacks_count() > 0 ? NetBridge.this::claimDatagram : null);
            if (calls.sb_pt_init(workers) < 0) {
                throw new IllegalStateException("cannot build the process table");
            }
            calls.sb_pt_enter(0);
        }

        /**
         * On a worker thread before its child_init: the bound ports (once, the first worker)
         * and the worker's process table entry (process_no = rank).
         */
        void workerStarting(int rank, SipTransport t) {
            synchronized (this) {
                if (!bound) {
                    transport = t;
                    for (Proto p : List.of(Proto.UDP, Proto.TCP)) {
                        List<InetSocketAddress> a = t.localAddresses(p);
                        for (int i = 0; i < a.size(); i++) {
                            calls.sb_net_listener_bound(p.code, i, a.get(i).getPort(),
                                    p == Proto.UDP ? t.udpSocketFd(i) : -1);
                        }
                    }
                    calls.sb_net_refresh_globals();
                    InetSocketAddress d = t.localAddress(Proto.UDP);
                    dummySource = d != null ? d : t.localAddress(Proto.TCP);
                    bound = true;
                }
            }
            calls.sb_pt_enter(rank);
        }

        /** The module processes, after every worker's and the main child_init. */
        void startProcesses() {
            if (calls.sb_procs_start() < 0) {
                calls.sb_procs_stop(1000);
                throw new org.sipbridge.module.ModuleException("a module process could not be started (see the log)");
            }
            if (calls.sb_bin_start() < 0) {
                calls.sb_bin_stop();
                throw new org.sipbridge.module.ModuleException("the BIN receivers (bin_listen) could not be started (see the log)");
            }
        }

        /** First thing at shutdown: the module processes end (cancelled, joined). */
        void stopProcesses() {
            calls.sb_bin_stop();
            int stuck = calls.sb_procs_stop(2000);
            if (stuck > 0) {
                log.warn("{} module process(es) did not stop", stuck);
            }
        }

        /** Before the modules are destroyed: upcalls stop reaching this server. Idempotent. */
        void close() {
            stopProcesses();
            synchronized (NetBridge.this) {
                if (current == this) {
                    current = null;
                    NonSipDatagrams.install(null);
                }
            }
            dns.close();
            SipContext c;
            while ((c = allContexts.poll()) != null) {
                c.close();
            }
        }

        NetDns dns() {
            return dns;
        }

        private SipContext eventContext() {
            SipContext c = eventContexts.get();
            if (c == null) {
                c = new SipContext(NativeCore.get(), limits);
                eventContexts.set(c);
                allContexts.add(c);
            }
            return c;
        }
    }

    /**
     * Before the modules load: listeners, aliases and settings into the core, a resolver
     * for dns_server, a fresh event table. The session is the one C talks to from now on.
     */
    Session configure(Script parsed, ServerConfig config, Path file) {
        calls.sb_net_reset();
        calls.sb_net_udp_callbacks_reset();
        calls.sb_evi_reset();
        calls.sb_procs_reset();
        configureBin(parsed);
        for (ServerConfig.Listen l : config.listens()) {
            String address;
            try {
                address = InetAddress.getByName(l.host()).getHostAddress();
            } catch (UnknownHostException e) {
                log.warn("listen {}: {} does not resolve; modules will not see this listener", l, l.host());
                continue;
            }
            int proto = l.transport() == Transport.UDP ? Proto.UDP.code : Proto.TCP.code;
            int children = l.transport() == Transport.UDP ? config.children() : 0;
            if (calls.sb_net_add_listener(proto, l.host(), address, l.port(), children) < 0) {
                log.warn("listen {}: not given to the modules", l);
            }
        }
        for (var a : config.aliases()) {
            calls.sb_net_add_alias(a.host(), a.port(), 0);
        }
        calls.sb_net_set_globals(config.children(), config.children(),
                config.tcpIdleTimeout() == null ? 0 : config.tcpIdleTimeout(), file.toString(), 0);
        calls.sb_net_set_dns(setting(parsed, "dns_try_ipv6"), setting(parsed, "dns_try_naptr"),
                setting(parsed, "disable_dns_blacklist"), setting(parsed, "mhomed"));
        int retrTime = setting(parsed, "dns_retr_time");
        Duration timeout = retrTime > 0 ? Duration.ofSeconds(retrTime) : DNS_TIMEOUT;
        Session s = new Session(new NetDns(dnsServer(parsed), timeout), config.children());
        synchronized (this) {
            current = s;
        }
        return s;
    }

    /** bin_listen = IP:PORT (and bin_children): the replication socket; without it, replication is off. */
    private void configureBin(Script parsed) {
        String listen = null;
        int children = 1;
        for (GlobalSetting g : parsed.globals()) {
            if (g instanceof org.sipbridge.script.ast.CoreSetting c && c.name().equals("bin_listen")) {
                listen = c.text();
            } else if (g instanceof org.sipbridge.script.ast.CoreSetting c && c.name().equals("bin_children")
                    && c.isInteger()) {
                children = c.intValue();
            }
        }
        if (listen == null) {
            calls.sb_bin_configure(null, 0, 1);
            return;
        }
        int colon = listen.lastIndexOf(':');
        String host = listen.substring(0, colon).replaceAll("^\\[|\\]$", "");
        if (calls.sb_bin_configure(host, Integer.parseInt(listen.substring(colon + 1)), children) < 0) {
            throw new org.sipbridge.module.ModuleException("bin_listen = " + listen + ": cannot bind (see the log)");
        }
    }

    /**
     * An integer or yes/no setting of the script by its 1.11 name (dns_try_ipv6,
     * dns_try_naptr, disable_dns_blacklist, mhomed, dns_retr_time), -1 when it is not set.
     */
    static int setting(Script parsed, String name) {
        int v = -1;
        for (GlobalSetting g : parsed.globals()) {
            if (!g.name().equals(name)) {
                continue;
            }
            if (g instanceof org.sipbridge.script.ast.IntegerSetting i) {
                v = i.value();
            } else if (g instanceof org.sipbridge.script.ast.BooleanSetting b) {
                v = b.value() ? 1 : 0;
            }
        }
        return v;
    }

    /** dns_server=IP[:PORT] (port 53 by default), or null for the system's name servers. */
    static InetSocketAddress dnsServer(Script parsed) {
        String value = null;
        for (GlobalSetting g : parsed.globals()) {
            if (g instanceof StringListSetting s && s.name().equals("dns_server") && !s.values().isEmpty()) {
                value = s.values().get(0);
            }
        }
        if (value == null) {
            return null;
        }
        String host = value;
        int port = 53;
        int colon = value.lastIndexOf(':');
        if (colon > 0 && value.indexOf(':') == colon) {
            host = value.substring(0, colon);
            port = Integer.parseInt(value.substring(colon + 1));
        } else if (value.startsWith("[") && value.contains("]:")) {
            host = value.substring(1, value.indexOf(']'));
            port = Integer.parseInt(value.substring(value.indexOf("]:") + 2));
        }
        return new InetSocketAddress(host, port);
    }

    /** A non-SIP datagram for the modules' register_udprecv_cb callbacks (receiving thread). */
    private boolean claimDatagram(io.netty.buffer.ByteBuf content, InetSocketAddress source, InetSocketAddress local,
                                  int fd) {
        try {
            int len = content.readableBytes();
            // a NUL-terminated native copy (1.11 hands callbacks a terminated buffer)
            com.sun.jna.Memory m = new com.sun.jna.Memory(len + 1L);
            byte[] b = new byte[len];
            content.getBytes(content.readerIndex(), b);
            m.write(0, b, 0, len);
            m.setByte(len, (byte) 0);
            byte[] src = source.getAddress().getAddress();
            byte[] dst = local.getAddress().getAddress();
            int r = calls.sb_net_udp_dispatch(com.sun.jna.Pointer.nativeValue(m), len, fd, src.length == 16 ? 6 : 4, src,
                    source.getPort(), dst.length == 16 ? 6 : 4, dst, local.getPort());
            m.close();
            return r == 1;
        } catch (Throwable e) {
            log.error("a non-SIP datagram callback failed", e);
            return false;
        }
    }

    // ---- upcalls (any thread; never throw into C)

    private static byte[] bytes(long address, int af) {
        byte[] b = new byte[af == 6 ? 16 : 4];
        new Pointer(address).read(0, b, 0, b.length);
        return b;
    }

    @Override
    public int send(int proto, int localAf, long localIp, int localPort, int dstAf, long dstIp, int dstPort,
                    int connId, long buf, int len) {
        try {
            Session s = current;
            SipTransport t = s == null ? null : s.transport;
            if (t == null) {
                if (sendLog.permit()) {
                    log.error("a module sent a message while no server is running{}", sendLog.note());
                }
                return -1;
            }
            Proto p = proto == Proto.UDP.code ? Proto.UDP : proto == Proto.TCP.code ? Proto.TCP : null;
            if (p == null) {
                return -1;
            }
            InetSocketAddress to = new InetSocketAddress(InetAddress.getByAddress(bytes(dstIp, dstAf)), dstPort);
            InetSocketAddress local = localAf == 0 ? null
                    : new InetSocketAddress(InetAddress.getByAddress(bytes(localIp, localAf)), localPort);
            ByteBuffer data = new Pointer(buf).getByteBuffer(0, len);
            SendResult r = local != null || (p == Proto.TCP && connId > 0)
                    ? t.sender().reply(new ReceiveInfo(p, to, local != null ? local : to, connId), data)
                    : t.sender().send(p, to, data);
            if (!r.ok() && sendLog.permit()) {
                log.warn("{} send to {} failed: {}{}", p, to, r, sendLog.note());
            }
            return r.ok() ? 0 : -1;
        } catch (Throwable e) {
            if (sendLog.permit()) {
                log.error("send from a module failed{}", sendLog.note(), e);
            }
            return -1;
        }
    }

    @Override
    public int query(long name, int type, long out, int cap) {
        try {
            Session s = current;
            if (s == null) {
                log.error("DNS lookup from a module while no server is configured");
                return -1;
            }
            String n = new Pointer(name).getString(0, StandardCharsets.US_ASCII.name());
            ByteBuffer b = new Pointer(out).getByteBuffer(0, cap).order(java.nio.ByteOrder.BIG_ENDIAN); // JNA gives native order
            return s.dns.query(n, type, b);
        } catch (Throwable e) {
            log.error("DNS lookup from a module failed", e);
            return -1;
        }
    }

    @Override
    public int receive(long buf, int len, int proto, int srcAf, long srcIp, int srcPort, int dstAf, long dstIp,
                       int dstPort, int connId) {
        try {
            Session s = current;
            SipTransport t = s == null ? null : s.transport;
            if (t == null) {
                log.error("receive_msg: no server is running");
                return -1;
            }
            Proto p = proto == Proto.TCP.code ? Proto.TCP : Proto.UDP;
            InetSocketAddress src = new InetSocketAddress(InetAddress.getByAddress(bytes(srcIp, srcAf)), srcPort);
            InetSocketAddress dst = dstAf == 0 ? t.localAddress(p)
                    : new InetSocketAddress(InetAddress.getByAddress(bytes(dstIp, dstAf)), dstPort);
            if (dst == null) {
                dst = s.dummySource;
            }
            t.inject(Unpooled.wrappedBuffer(new Pointer(buf).getByteBuffer(0, len)),
                    new ReceiveInfo(p, src, dst, connId));
            return 0;
        } catch (Throwable e) {
            log.error("receive_msg failed", e);
            return -1;
        }
    }

    @Override
    public int raise(long name, int length, long params, int probe) {
        Session s = current;
        if (s == null || s.script == null) {
            return 0;
        }
        MessageContext previous = CurrentMessage.get();
        try {
            byte[] b = new byte[length];
            new Pointer(name).read(0, b, 0, length);
            String event = new String(b, StandardCharsets.US_ASCII);
            if (!s.eventRoutes.contains(event)) {
                return 0;
            }
            if (probe != 0) {
                return 1;
            }
            SipContext ctx = s.eventContext();
            DummyRequest.load(ctx, s.dummySource != null ? s.dummySource : new InetSocketAddress("127.0.0.1", 5060));
            ScriptState.of(ctx).startMessage();
            if (params != 0) {
                CurrentMessage.set(ctx); // the core's pv_set_value finds the message through it
                calls.sb_evi_params_to_avps(ctx.nativeMessage(), params);
            }
            s.script.runRoute(BlockKind.EVENT, event, ctx);
            return 1;
        } catch (Throwable e) {
            log.error("event_route failed", e);
            return -1;
        } finally {
            if (previous != null) {
                CurrentMessage.set(previous);
            } else {
                CurrentMessage.clear();
            }
        }
    }

    @Override
    public int init(int rank) {
        try {
            Session s = current;
            if (s == null || s.script == null) {
                return -1;
            }
            s.script.childInit(rank);   // PROC_MODULE, or PROC_BIN for a BIN receiver
            return 0;
        } catch (Throwable e) {
            log.error("child_init(PROC_MODULE) failed: {}", e.getMessage());
            return -1;
        }
    }
}
