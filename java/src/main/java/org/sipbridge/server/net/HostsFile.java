package org.sipbridge.server.net;

import io.netty.resolver.HostsFileEntriesProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The hosts file the core's A/AAAA lookups (resolvehost, sip_resolvehost's last step)
 * consult before DNS, as the system resolver OpenSIPS uses reads /etc/hosts. Which file:
 * the system property {@code sipbridge.hosts_file}, else {@code jdk.net.hosts.file} (so the
 * JVM's own lookups and the core's agree), else /etc/hosts. Parsed with Netty's hosts-file
 * parser, again whenever the file's modification time changes (glibc reads it at every
 * lookup; a stat per lookup here). Thread-safe: the parsed entries are replaced as a whole.
 */
public final class HostsFile {
    /** The property naming the hosts file (tests and scripts point it at their own). */
    public static final String PROPERTY = "sipbridge.hosts_file";
    private static final Logger log = LoggerFactory.getLogger("org.sipbridge.dns");

    private final File file;
    private volatile Parsed parsed = new Parsed(-1, Map.of(), Map.of());

    private record Parsed(long modified, Map<String, List<InetAddress>> v4, Map<String, List<InetAddress>> v6) {
    }

    public HostsFile(File file) {
        this.file = file;
    }

    /** The file the system properties choose (see the class comment). */
    public static HostsFile fromSystemProperties() {
        String p = System.getProperty(PROPERTY);
        if (p == null || p.isBlank()) {
            p = System.getProperty("jdk.net.hosts.file");
        }
        return new HostsFile(new File(p == null || p.isBlank() ? "/etc/hosts" : p));
    }

    public File file() {
        return file;
    }

    /** The first address of name for IPv6 (AAAA) or IPv4 (A), or null. */
    public InetAddress address(String name, boolean ipv6) {
        Parsed p = current();
        String key = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
        List<InetAddress> l = (ipv6 ? p.v6 : p.v4).get(key.toLowerCase(Locale.ROOT));
        return l == null || l.isEmpty() ? null : l.get(0);
    }

    private Parsed current() {
        Parsed p = parsed;
        long m = file.lastModified();   // 0 when the file is missing
        if (m == p.modified) {
            return p;
        }
        synchronized (this) {
            p = parsed;
            if (m != p.modified) {
                Map<String, List<InetAddress>> v4 = Map.of(), v6 = Map.of();
                if (m != 0) {
                    try {
                        HostsFileEntriesProvider e = HostsFileEntriesProvider.parser().parse(file);
                        v4 = e.ipv4Entries();
                        v6 = e.ipv6Entries();
                    } catch (IOException | RuntimeException ex) {
                        log.error("hosts file {} could not be read: {}", file, ex.toString());
                    }
                }
                parsed = p = new Parsed(m, v4, v6);
            }
        }
        return p;
    }
}
