package org.sipbridge.script;

import org.sipbridge.script.ast.BooleanSetting;
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
import java.util.List;

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
 * @param logFacility       log_facility as written (e.g. LOG_LOCAL0), or null: LOG_DAEMON
 */
public record ServerConfig(List<Listen> listens, int children, Integer logLevel, boolean logStderror,
                           List<Path> mpath, Integer udpReceivers, Integer tcpIdleTimeout,
                           List<String> threadSafeModules, List<LocalAddresses.HostPort> aliases,
                           String logFacility) {

    public static final int DEFAULT_CHILDREN = 8;

    /** One listen= line. */
    public record Listen(Transport transport, String host, int port) {
        @Override
        public String toString() {
            return transport.token() + ":" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
        }
    }

    public ServerConfig {
        listens = List.copyOf(listens);
        mpath = List.copyOf(mpath);
        threadSafeModules = List.copyOf(threadSafeModules);
        aliases = List.copyOf(aliases);
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
        String logFacility = null;
        for (GlobalSetting g : script.globals()) {
            if (g instanceof ListenSetting l) {
                listens.add(new Listen(l.transport(), l.host(), l.port()));
            } else if (g instanceof IntegerSetting i) {
                switch (i.name()) {
                    case "children" -> children = i.value();
                    case "log_level" -> logLevel = i.value();
                    case "udp_receivers" -> udpReceivers = i.value();
                    case "tcp_idle_timeout" -> tcpIdle = i.value();
                    default -> throw new IllegalStateException("unhandled setting " + i.name());
                }
            } else if (g instanceof BooleanSetting b) {
                logStderror = b.value();
            } else if (g instanceof PathSetting p) {
                mpath.clear();
                for (String d : p.directories()) {
                    mpath.add(workingDirectory.resolve(d).normalize());
                }
            } else if (g instanceof StringListSetting s) {
                switch (s.name()) {
                    case "thread_safe_modules" -> threadSafe.addAll(s.values());
                    case "log_facility" -> logFacility = s.values().get(0);
                    case "alias" -> {
                        for (String a : s.values()) {
                            aliases.add(alias(a));
                        }
                    }
                    default -> throw new IllegalStateException("unhandled setting " + s.name());
                }
            }
        }
        return new ServerConfig(listens, children, logLevel, logStderror, mpath, udpReceivers, tcpIdle,
                threadSafe, aliases, logFacility);
    }

    private static LocalAddresses.HostPort alias(String text) {
        int colon = text.lastIndexOf(':');
        if (colon > 0 && !text.endsWith("]") && text.indexOf(':') == colon) {
            return new LocalAddresses.HostPort(text.substring(0, colon), Integer.parseInt(text.substring(colon + 1)));
        }
        return new LocalAddresses.HostPort(text, 0);
    }

    /** What myself matches: the listen addresses and the aliases. */
    public LocalAddresses localAddresses() {
        List<LocalAddresses.HostPort> l = new ArrayList<>();
        for (Listen x : listens) {
            l.add(new LocalAddresses.HostPort(x.host(), x.port()));
        }
        return new LocalAddresses(l, aliases);
    }
}
