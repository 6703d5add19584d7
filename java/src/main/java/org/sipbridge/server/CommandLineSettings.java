package org.sipbridge.server;

import org.sipbridge.server.transport.ListenAddress;

import java.util.ArrayList;
import java.util.List;

/**
 * What OpenSIPS's {@code -l address} and {@code -n children} add to the configuration of the
 * one server a process runs: set by the command line before the start, read when the
 * transport is configured. {@code -l} sockets come on top of the listen= lines (and replace
 * the default one); {@code myself} in the script still matches only listen= and alias lines.
 */
public final class CommandLineSettings {
    private static volatile List<ListenAddress> extraListeners = List.of();
    private static volatile Integer children;

    private CommandLineSettings() {
    }

    /** -l [proto:]address[:port]: udp (default) or tcp, port 5060 by default, IPv6 in brackets. */
    public static ListenAddress parseListen(String text) {
        String t = text.trim();
        String proto = "udp";
        int colon = t.indexOf(':');
        if (colon > 0 && (t.startsWith("udp:") || t.startsWith("tcp:"))) {
            proto = t.substring(0, colon);
            t = t.substring(colon + 1);
        }
        String host = t;
        int port = 5060;
        if (t.startsWith("[")) {
            int end = t.indexOf(']');
            if (end < 0) {
                throw new IllegalArgumentException("-l " + text + ": missing ']'");
            }
            host = t.substring(1, end);
            if (t.length() > end + 1) {
                if (t.charAt(end + 1) != ':') {
                    throw new IllegalArgumentException("-l " + text + ": expected ':port' after ']'");
                }
                port = port(text, t.substring(end + 2));
            }
        } else if (t.indexOf(':') >= 0 && t.indexOf(':') == t.lastIndexOf(':')) {
            host = t.substring(0, t.indexOf(':'));
            port = port(text, t.substring(t.indexOf(':') + 1));
        }
        if (host.isEmpty() || !(host.matches("[0-9.]+") || host.contains(":"))) {
            throw new IllegalArgumentException("-l " + text + ": an IP address is needed (e.g. udp:127.0.0.1:5060)");
        }
        return proto.equals("tcp") ? ListenAddress.tcp(host, port) : ListenAddress.udp(host, port);
    }

    private static int port(String text, String p) {
        try {
            int v = Integer.parseInt(p);
            if (v < 0 || v > 65535) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("-l " + text + ": bad port '" + p + "'");
        }
    }

    public static void set(List<ListenAddress> listeners, Integer workers) {
        extraListeners = List.copyOf(listeners);
        children = workers;
    }

    static List<ListenAddress> extraListeners() {
        return extraListeners;
    }

    static Integer children() {
        return children;
    }

    static List<ListenAddress> withExtra(List<ListenAddress> configured, boolean configuredIsDefault) {
        if (extraListeners.isEmpty()) {
            return configured;
        }
        List<ListenAddress> l = new ArrayList<>(configuredIsDefault ? List.of() : configured);
        for (ListenAddress a : extraListeners) {
            if (!l.contains(a)) {
                l.add(a);
            }
        }
        return l;
    }
}
