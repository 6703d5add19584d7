package org.sipbridge.server.net;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The core's A/AAAA lookups read a hosts file before DNS, as the system resolver OpenSIPS
 * uses does, and tests point them at a file of their own (fork.cfg's opensips.org).
 */
class HostsFileTest {
    @TempDir
    Path dir;

    @Test
    void namesResolveFromTheFileCaseAndTrailingDotIgnoredAndAChangedFileIsReadAgain() throws Exception {
        Path f = dir.resolve("hosts");
        Files.writeString(f, "# test hosts\n127.9.8.2 opensips.org siphub.net\n::1 six.example\n");
        HostsFile h = new HostsFile(f.toFile());
        assertEquals(InetAddress.getByName("127.9.8.2"), h.address("OpenSIPS.org.", false));
        assertEquals(InetAddress.getByName("127.9.8.2"), h.address("siphub.net", false));
        assertEquals(InetAddress.getByName("::1"), h.address("six.example", true));
        assertNull(h.address("six.example", false), "no IPv4 entry");
        assertNull(h.address("absent.example", false));

        Files.writeString(f, "127.9.8.3 opensips.org\n");
        assertTrue(f.toFile().setLastModified(f.toFile().lastModified() + 2000));
        assertEquals(InetAddress.getByName("127.9.8.3"), h.address("opensips.org", false));

        Files.delete(f);
        assertNull(h.address("opensips.org", false), "a missing file: no entries, no error");
    }

    @Test
    void theResolverAnswersAnALookupFromTheHostsFileWithoutAskingDns() throws Exception {
        Path f = dir.resolve("hosts");
        Files.writeString(f, "127.9.8.2 opensips.org\n");
        // a name server that never answers: only the hosts file can give the address
        try (DatagramSocket silent = new DatagramSocket(0, InetAddress.getLoopbackAddress());
             NetDns dns = new NetDns(new InetSocketAddress("127.0.0.1", silent.getLocalPort()), Duration.ofMillis(300),
                     new HostsFile(f.toFile()))) {
            ByteBuffer out = ByteBuffer.allocate(512);
            int n = dns.query("opensips.org", NetDns.HOSTS_FIRST | 1, out);
            assertEquals(14, n, "one A record: type, class, ttl, length, 4 bytes");
            byte[] ip = new byte[4];
            out.get(10, ip);
            assertArrayEquals(new byte[]{127, 9, 8, 2}, ip);
            // without HOSTS_FIRST (NAPTR/SRV, raw queries) the file is not consulted: DNS fails
            assertEquals(-1, dns.query("opensips.org", 1, ByteBuffer.allocate(512)));
        }
    }
}
