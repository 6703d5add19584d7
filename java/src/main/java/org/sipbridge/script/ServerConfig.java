package org.sipbridge.script;

import org.sipbridge.script.ast.BooleanSetting;
import org.sipbridge.script.ast.CoreSetting;
import org.sipbridge.script.parse.SettingCatalog;
import org.sipbridge.script.ast.GlobalSetting;
import org.sipbridge.script.ast.IntegerSetting;
import org.sipbridge.script.ast.ListenSetting;
import org.sipbridge.script.ast.PathSetting;
import org.sipbridge.script.ast.Script;
import org.sipbridge.script.ast.StringListSetting;
import org.sipbridge.script.ast.Transport;
import org.sipbridge.script.run.LocalAddresses;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The global settings of a configuration, as the server uses them. A setting given twice
 * takes its last value, as in OpenSIPS; each listen line adds a socket.
 *
 * @param listens           the sockets, in file order
 * @param children          worker threads (OpenSIPS's default: 8)
 * @param logLevel          log_level, or null when not set (SLF4J's configuration decides)
 * @param logStderror       log_stderror (false by default)
 * @param mpath             module directories; relative ones resolved against the working
 *                          directory the server started in, as OpenSIPS does
 * @param udpReceivers      UDP receiver threads per socket, or null when not set
 * @param tcpIdleTimeout    seconds, or null when not set
 * @param threadSafeModules modules whose code may run on several threads at once
 * @param aliases           alias=host[:port] lines, for myself (port 0: any)
 * @param core              the other OpenSIPS 1.11 core settings, by canonical name, as written
 *                          (Integer or String; see {@link SettingCatalog}); the typed accessors
 *                          below read them with 1.11's defaults
 * @param warnings          located warnings for settings sipbridge accepts without acting on
 *                          them ({@code file:line:column: setting 'fork' has no meaning ...})
 */
public record ServerConfig(List<Listen> listens, int children, Integer logLevel, boolean logStderror,
                           List<Path> mpath, Integer udpReceivers, Integer tcpIdleTimeout,
                           List<String> threadSafeModules, List<LocalAddresses.HostPort> aliases,
                           Map<String, Object> core, List<String> warnings) {

    public static final int DEFAULT_CHILDREN = 8;
    /** What a configuration without any listen line listens on. */
    public static final Listen DEFAULT_LISTEN = new Listen(Transport.UDP, "127.0.0.1", 5060);

    /**
     * One socket to listen on.
     *
     * @param advertisedHost what the socket shows in Via ({@code listen ... as host:port} or
     *                       advertised_address), or null: its own address
     * @param advertisedPort the advertised port, 0: its own
     */
    public record Listen(Transport transport, String host, int port, String advertisedHost, int advertisedPort) {
        public Listen(Transport transport, String host, int port) {
            this(transport, host, port, null, 0);
        }

        @Override
        public String toString() {
            return transport.token() + ":" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port
                    + (advertisedHost == null ? "" : " as " + advertisedHost + ":" + advertisedPort);
        }
    }

    public ServerConfig {
        listens = List.copyOf(listens);
        mpath = List.copyOf(mpath);
        threadSafeModules = List.copyOf(threadSafeModules);
        aliases = List.copyOf(aliases);
        core = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(core));
        warnings = List.copyOf(warnings);
    }

    /** Without the other core settings (tests, embedders). */
    public ServerConfig(List<Listen> listens, int children, Integer logLevel, boolean logStderror,
                        List<Path> mpath, Integer udpReceivers, Integer tcpIdleTimeout,
                        List<String> threadSafeModules, List<LocalAddresses.HostPort> aliases) {
        this(listens, children, logLevel, logStderror, mpath, udpReceivers, tcpIdleTimeout, threadSafeModules,
                aliases, Map.of(), List.of());
    }

    // ---- the other 1.11 core settings, typed, with 1.11's defaults ----------------------------

    private int number(String name, int dflt) {
        Object v = core.get(name);
        return v instanceof Integer i ? i : dflt;
    }

    private String text(String name) {
        Object v = core.get(name);
        return v == null ? null : v.toString();
    }

    /** disable_tcp: no TCP sockets (a listen line without protocol means UDP only). */
    public boolean disableTcp() {
        return number("disable_tcp", 0) != 0;
    }

    /** log_facility as written (e.g. LOG_LOCAL0), or null: LOG_DAEMON, 1.11's default. */
    public String logFacility() {
        return text("log_facility");
    }

    /** log_name (the syslog identity), or null: the program name. */
    public String logName() {
        return text("log_name");
    }

    /** advertised_address, or null. */
    public String advertisedAddress() {
        return text("advertised_address");
    }

    /** advertised_port, or 0 when not set. */
    public int advertisedPort() {
        return number("advertised_port", 0);
    }

    /** server_signature: whether local replies carry a Server header (1.11 default: yes). */
    public boolean serverSignature() {
        return number("server_signature", 1) != 0;
    }

    /** The Server header line local replies carry: server_header as written, or 1.11's default form. */
    public String serverHeader() {
        String h = text("server_header");
        return h != null ? h : "Server: OpenSIPS (1.11.0-sipbridge (x86_64/linux))";
    }

    /** The User-Agent header line of requests the server generates. */
    public String userAgentHeader() {
        String h = text("user_agent_header");
        return h != null ? h : "User-Agent: OpenSIPS (1.11.0-sipbridge (x86_64/linux))";
    }

    /** max_while_loops, or dflt when not set. */
    public int maxWhileLoops(int dflt) {
        return number("max_while_loops", dflt);
    }

    /** tcp_connect_timeout in milliseconds, or null when not set. */
    public Integer tcpConnectTimeoutMillis() {
        return core.get("tcp_connect_timeout") instanceof Integer i ? i : null;
    }

    /** tcp_max_connections, or null when not set. */
    public Integer tcpMaxConnections() {
        return core.get("tcp_max_connections") instanceof Integer i ? i : null;
    }

    /** udp_receive_mode (sipbridge's own: inline or handoff, docs/performance.md), or null when not set. */
    public String udpReceiveMode() {
        return text("udp_receive_mode");
    }

    /** maxbuffer (bytes: the UDP receive buffer), or null when not set. */
    public Integer maxBuffer() {
        return core.get("maxbuffer") instanceof Integer i ? i : null;
    }

    /** The settings of script; relative mpath entries are resolved against workingDirectory. */
    public static ServerConfig of(Script script, Path workingDirectory) {
        List<Listen> listens = new ArrayList<>();
        int children = DEFAULT_CHILDREN;
        Integer logLevel = null;
        boolean logStderror = false;
        List<Path> mpath = new ArrayList<>();
        Integer udpReceivers = null;
        Integer tcpIdle = null;
        List<String> threadSafe = new ArrayList<>();
        List<LocalAddresses.HostPort> aliases = new ArrayList<>();
        Map<String, Object> core = new LinkedHashMap<>();
        List<String> warnings = new ArrayList<>();
        List<ListenSetting> listenLines = new ArrayList<>();
        for (GlobalSetting g : script.globals()) {
            if (g instanceof CoreSetting c) {
                core.put(c.name(), c.value());
                SettingCatalog.warning(c.name(), c.value()).ifPresent(w -> warnings.add(c.location() + ": " + w));
            } else if (g instanceof ListenSetting l) {
                listenLines.add(l);
            } else if (g instanceof IntegerSetting i) {
                switch (i.name()) {
                    case "children" -> children = i.value();
                    case "log_level" -> logLevel = i.value();
                    case "udp_receivers" -> udpReceivers = i.value();
                    case "tcp_idle_timeout" -> tcpIdle = i.value();
                    default -> {
                        if (!ReliabilitySettings.NAMES.contains(i.name())) { // read by ReliabilitySettings
                            throw new IllegalStateException("unhandled setting " + i.name());
                        }
                    }
                }
            } else if (g instanceof BooleanSetting b && b.name().equals("log_stderror")) {
                logStderror = b.value();
            } else if (g instanceof PathSetting p) {
                mpath.clear();
                for (String d : p.directories()) {
                    mpath.add(workingDirectory.resolve(d).normalize());
                }
            } else if (g instanceof StringListSetting s) {
                switch (s.name()) {
                    case "thread_safe_modules" -> threadSafe.addAll(s.values());
                    case "dns_server" -> { } // read by the server's DNS for C modules (NetBridge)
                    case "alias" -> {
                        for (String a : s.values()) {
                            aliases.add(alias(a));
                        }
                    }
                    default -> throw new IllegalStateException("unhandled setting " + s.name());
                }
            }
        }
        // listen lines take port= and disable_tcp from anywhere in the file, as in OpenSIPS
        boolean noTcp = core.get("disable_tcp") instanceof Integer d && d != 0;
        int defaultPort = core.get("port") instanceof Integer p ? p : ListenSetting.DEFAULT_PORT;
        String advHost = core.get("advertised_address") == null ? null : core.get("advertised_address").toString();
        int advPort = core.get("advertised_port") instanceof Integer p ? p : 0;
        for (ListenSetting l : listenLines) {
            if (l.children() > 0) {
                warnings.add(l.location() + ": use_children " + l.children() + " on listen=" + l.text()
                        + " is ignored: every socket's messages go to the same workers (children)");
            }
            int port = l.portGiven() ? l.port() : defaultPort;
            String host = l.advertisedHost() != null ? l.advertisedHost() : advHost;
            int hostPort = l.advertisedHost() != null ? l.advertisedPort() : advHost != null || advPort != 0 ? (advPort != 0 ? advPort : port) : 0;
            List<Transport> transports = l.anyProtocol() ? List.of(Transport.UDP, Transport.TCP) : List.of(l.transport());
            for (Transport t : transports) {
                if (t == Transport.TCP && noTcp) {
                    if (!l.anyProtocol()) {
                        warnings.add(l.location() + ": listen=" + l.text() + " is not opened: disable_tcp is set");
                    }
                    continue;
                }
                listens.add(new Listen(t, l.host(), port, host != null ? host : null, hostPort));
            }
        }
        if (tcpIdle == null && core.get("tcp_connection_lifetime") instanceof Integer life && life > 0) {
            tcpIdle = life; // 1.11's lifetime of an idle TCP connection is sipbridge's idle timeout
        }
        return new ServerConfig(listens, children, logLevel, logStderror, mpath, udpReceivers, tcpIdle,
                threadSafe, aliases, core, warnings);
    }

    private static LocalAddresses.HostPort alias(String text) {
        int colon = text.lastIndexOf(':');
        if (colon > 0 && !text.endsWith("]") && text.indexOf(':') == colon) {
            return new LocalAddresses.HostPort(text.substring(0, colon), Integer.parseInt(text.substring(colon + 1)));
        }
        return new LocalAddresses.HostPort(text, 0);
    }

    /** The sockets the server really binds: the listen lines, or {@link #DEFAULT_LISTEN} without any. */
    public List<Listen> effectiveListens() {
        return listens.isEmpty() ? List.of(DEFAULT_LISTEN) : listens;
    }

    /** What myself matches: the listen addresses and the aliases. */
    public LocalAddresses localAddresses() {
        List<LocalAddresses.HostPort> l = new ArrayList<>();
        for (Listen x : listens) {
            l.add(new LocalAddresses.HostPort(x.host(), x.port()));
            if (x.advertisedHost() != null) {
                // OpenSIPS matches a socket's advertised name as itself too
                l.add(new LocalAddresses.HostPort(x.advertisedHost(), x.advertisedPort()));
            }
        }
        return new LocalAddresses(l, aliases);
    }
}
