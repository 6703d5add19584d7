package org.sipbridge.script.run;

import org.sipbridge.sip.SipBytes;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * What {@code myself} matches: the hosts and ports the server listens on (a listen on '*'
 * stands for every address of the machine's interfaces) and the configured aliases, as
 * OpenSIPS's check_self: the host must be one of them, compared ignoring case, and the
 * port must be the socket's port (an alias without a port matches any port). A URI
 * without a port means 5060.
 */
public final class LocalAddresses {
    /** One host with its port; port 0 matches any port. */
    public record HostPort(String host, int port) {
    }

    private final byte[][] hosts;
    private final String[] hostTexts;
    private final int[] ports;
    private final List<HostPort> entries;

    public LocalAddresses(List<HostPort> listens, List<HostPort> aliases) {
        List<HostPort> all = new ArrayList<>();
        for (HostPort l : listens) {
            if (l.host().equals("*")) {
                for (String a : interfaceAddresses()) {
                    all.add(new HostPort(a, l.port()));
                }
            } else {
                all.add(new HostPort(unbracket(l.host()), l.port()));
            }
        }
        for (HostPort a : aliases) {
            all.add(new HostPort(unbracket(a.host()), a.port()));
        }
        entries = List.copyOf(all);
        hosts = new byte[all.size()][];
        hostTexts = new String[all.size()];
        ports = new int[all.size()];
        for (int i = 0; i < all.size(); i++) {
            hosts[i] = all.get(i).host().toLowerCase(Locale.ROOT).getBytes(java.nio.charset.StandardCharsets.UTF_8);
            ports[i] = all.get(i).port();
            hostTexts[i] = all.get(i).host();
        }
    }

    public List<HostPort> entries() {
        return entries;
    }

    private static String unbracket(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    private static List<String> interfaceAddresses() {
        List<String> out = new ArrayList<>();
        try {
            for (NetworkInterface ni : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                for (InetAddress a : Collections.list(ni.getInetAddresses())) {
                    String text = a.getHostAddress();
                    int zone = text.indexOf('%');
                    out.add(zone < 0 ? text : text.substring(0, zone));
                }
            }
        } catch (SocketException e) {
            // no interface list: only what was named explicitly counts
        }
        return out;
    }

    /** host[off, off+len) with port (-1: any) is one of ours. */
    public boolean matches(ByteBuffer buf, int off, int len, int port) {
        if (len > 1 && buf.get(off) == '[' && buf.get(off + len - 1) == ']') {
            off++;
            len -= 2;
        }
        for (int i = 0; i < hosts.length; i++) {
            if ((port < 0 || ports[i] == 0 || ports[i] == port) && SipBytes.equalsIgnoreCase(buf, off, len, hosts[i])) {
                return true;
            }
        }
        return false;
    }

    /** The same for a host given as text (an address in its textual form). */
    public boolean matches(String host, int port) {
        if (host == null) {
            return false;
        }
        for (int i = 0; i < hosts.length; i++) {
            if ((port < 0 || ports[i] == 0 || ports[i] == port) && host.equalsIgnoreCase(hostTexts[i])) {
                return true;
            }
        }
        return false;
    }

}
