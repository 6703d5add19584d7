package org.sipbridge.server.net;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** NetDns's answers in the record format native/net/resolve.c reads, against a loopback DNS server. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class NetDnsTest {

    private static String str(ByteBuffer b) {
        int l = b.get() & 0xff;
        byte[] x = new byte[l];
        b.get(x);
        return new String(x, StandardCharsets.US_ASCII);
    }

    @Test
    void recordsOfEachTypeInTheNativeFormat() throws Exception {
        try (LoopbackDns dns = new LoopbackDns()
                .naptr("n.test", 10, 20, "s", "SIP+D2U", "", "_sip._udp.n.test")
                .srv("_sip._udp.n.test", 1, 2, 5062, "host.n.test")
                .a("host.n.test", "127.0.0.9")
                .aaaa("host.n.test", "::2")
                .txt("t.test", "some text");
             NetDns d = new NetDns(dns.address(), Duration.ofSeconds(2))) {
            ByteBuffer b = ByteBuffer.allocate(8192);
            int n = d.query("n.test", 35, b);
            b.flip();
            assertEquals(n, b.remaining());
            assertEquals(35, b.getShort());
            assertEquals(1, b.getShort());
            assertEquals(60, b.getInt());
            int len = b.getShort();
            assertEquals(len, b.remaining(), "one record");
            assertEquals(10, b.getShort());
            assertEquals(20, b.getShort());
            assertEquals("s", str(b));
            assertEquals("SIP+D2U", str(b));
            assertEquals("", str(b));
            assertEquals("_sip._udp.n.test", str(b));

            b.clear();
            n = d.query("_sip._udp.n.test", 33, b);
            b.flip();
            b.position(10);
            assertEquals(1, b.getShort());
            assertEquals(2, b.getShort());
            assertEquals(5062, b.getShort());
            assertEquals("host.n.test", str(b));

            b.clear();
            assertEquals(10 + 4, d.query("host.n.test", 1, b));
            b.clear();
            assertEquals(10 + 16, d.query("host.n.test", 28, b));
            b.clear();
            n = d.query("t.test", 16, b);
            b.flip();
            b.position(10);
            assertEquals("some text", str(b));

            b.clear();
            assertEquals(0, d.query("missing.test", 1, b), "NXDOMAIN: no records");
            b.clear();
            assertEquals(0, d.query("t.test", 1, b), "a known name without records of the type");
        }
    }

    @Test
    void severalRecordsFollowEachOther() throws Exception {
        try (LoopbackDns dns = new LoopbackDns()
                .naptr("m.test", 10, 50, "s", "SIP+D2U", "", "_sip._udp.m.test")
                .naptr("m.test", 20, 50, "s", "SIP+D2T", "", "_sip._tcp.m.test")
                .naptr("m.test", 5, 50, "s", "SIPS+D2T", "", "_sips._tcp.m.test");
             NetDns d = new NetDns(dns.address(), Duration.ofSeconds(2))) {
            ByteBuffer b = ByteBuffer.allocate(8192);
            int n = d.query("m.test", 35, b);
            b.flip();
            assertEquals(n, b.remaining());
            int records = 0;
            while (b.remaining() > 0) {
                b.position(b.position() + 8);
                int len = b.getShort();
                b.position(b.position() + len);
                records++;
            }
            assertEquals(3, records);
        }
    }

    @Test
    void aServerThatDoesNotAnswerIsAFailure() throws Exception {
        try (LoopbackDns dns = new LoopbackDns().silent("quiet.test");
             NetDns d = new NetDns(dns.address(), Duration.ofMillis(300))) {
            assertEquals(-1, d.query("quiet.test", 1, ByteBuffer.allocate(512)));
        }
    }

    @Test
    void theHostsFileComesFirstWhenAsked() throws Exception {
        try (LoopbackDns dns = new LoopbackDns();
             NetDns d = new NetDns(dns.address(), Duration.ofSeconds(1))) {
            ByteBuffer b = ByteBuffer.allocate(512);
            assertEquals(14, d.query("localhost", 1 | NetDns.HOSTS_FIRST, b));
            assertEquals(0, dns.queries(), "answered from /etc/hosts");
        }
    }
}
