package org.sipbridge.server;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.sipbridge.server.net.LoopbackDns;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The core's network and process services as a C module (test-modules/netprobe) sees them
 * on a running server with two UDP listeners, one TCP listener, an alias, two workers and a
 * DNS server on loopback (dns_server=): socket lists and globals, the process table and
 * module processes, msg_send to a peer, RFC 3263 resolution and forward_request through
 * DNS, DNS failures, blacklists, events reaching event_route, receive_msg, and every
 * service called with bad arguments.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class NetCoreTest {

    private LoopbackDns dns;
    private UdpPeer target;
    private TestServer server;
    private int p1, p2, p3;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        target = new UdpPeer();
        dns = new LoopbackDns()
                .naptr("example.test", 10, 50, "s", "SIP+D2U", "", "_sip._udp.example.test")
                .naptr("example.test", 20, 50, "s", "SIP+D2T", "", "_sip._tcp.example.test")
                .naptr("example.test", 5, 50, "s", "SIPS+D2T", "", "_sips._tcp.example.test") // no TLS: skipped
                .srv("_sip._udp.example.test", 10, 1, target.port(), "a.example.test")
                .srv("_sip._udp.example.test", 20, 1, 5090, "b.example.test")
                .srv("_sip._tcp.example.test", 10, 1, 5070, "c.example.test")
                .a("a.example.test", "127.0.0.1")
                .a("b.example.test", "127.0.0.3")
                .a("c.example.test", "127.0.0.4")
                .srv("_sip._udp.srvonly.test", 10, 1, 5099, "d.srvonly.test")
                .a("srvonly.test", "127.0.0.99") // not used: the SRV wins
                .a("d.srvonly.test", "127.0.0.5")
                .a("aonly.test", "127.0.0.6").a("aonly.test", "127.0.0.7")
                .aaaa("v6.test", "::1")
                .txt("txt.test", "hello")
                .naptr("broken.test", 10, 10, "s", "SIP+D2U", "", "_sip._udp.broken.test") // SRV missing
                .a("broken.test", "127.0.0.8")
                .silent("silent.test");
        p1 = TestServer.freePort();
        p2 = TestServer.freePort();
        p3 = TestServer.freePort();
        String config = """
                listen=udp:127.0.0.1:%d
                listen=udp:127.0.0.1:%d
                listen=tcp:127.0.0.1:%d
                alias=alias.netprobe.test
                children=2
                dns_server="127.0.0.1:%d"
                loadmodule "netprobe.so"
                route {
                	if (is_method("MESSAGE")) { net_note("injected $ci"); exit; }
                	if ($hdr(X-Op) == "send") { net_send("$hdr(X-Host)", "$hdr(X-Port)"); }
                	if ($hdr(X-Op) == "resolve") { net_resolve("$hdr(X-Host)"); }
                	if ($hdr(X-Op) == "record") { net_record("$hdr(X-Host)", "$hdr(X-Type)"); }
                	if ($hdr(X-Op) == "forward") { net_forward("$hdr(X-Host)"); exit; }
                	if ($hdr(X-Op) == "raise") { net_raise("$hdr(X-Value)"); }
                	if ($hdr(X-Op) == "bl") { net_bl(); }
                	if ($hdr(X-Op) == "inject") { net_inject("$hdr(X-Value)"); }
                	if ($hdr(X-Op) == "bad") { net_bad(); }
                	net_report();
                	sl_send_reply("200", "OK");
                }
                event_route[E_NETPROBE] {
                	net_note("$avp(value)/$avp(count)");
                }
                """.formatted(p1, p2, p3, dns.address().getPort());
        server = TestServer.start(dir, config);
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
        if (dns != null) {
            dns.close();
        }
        if (target != null) {
            target.close();
        }
    }

    private static int seq;

    /** Sends an OPTIONS with extra headers to listener port and returns the reply's X- headers. */
    private Map<String, String> ask(int port, String callId, String... headers) {
        try (UdpPeer client = new UdpPeer()) {
            StringBuilder extra = new StringBuilder();
            for (int i = 0; i + 1 < headers.length; i += 2) {
                extra.append(headers[i]).append(": ").append(headers[i + 1]).append("\n");
            }
            client.send(new InetSocketAddress("127.0.0.1", port), "OPTIONS sip:probe@127.0.0.1 SIP/2.0\n"
                    + "Via: SIP/2.0/UDP 127.0.0.1:" + client.port() + ";branch=z9hG4bKnet" + (++seq) + "\n"
                    + "Max-Forwards: 70\n"
                    + "From: <sip:t@test>;tag=1\n"
                    + "To: <sip:probe@test>\n"
                    + "Call-ID: " + callId + "\n"
                    + "CSeq: 1 OPTIONS\n"
                    + extra
                    + "Content-Length: 0\n\n");
            String reply = client.receive(10_000);
            assertNotNull(reply, "no reply from the server");
            assertTrue(reply.startsWith("SIP/2.0 200 OK\r\n"), reply);
            return SipTestMessages.xHeaders(reply);
        }
    }

    @Test
    void socketListsAndGlobalsAreTheConfiguration() {
        Map<String, String> h = ask(p2, "sockets@test");
        assertEquals("udp:127.0.0.1:" + p1 + "/2 udp:127.0.0.1:" + p2 + "/2 tcp:127.0.0.1:" + p3 + "/0",
                h.get("X-Sockets"));
        assertEquals("udp:127.0.0.1:" + p1, h.get("X-First"));
        assertEquals("udp:127.0.0.1:" + p2 + " listener=1 find_si=1", h.get("X-Bind"),
                "rcv.bind_address is the listener the request came in on");
        assertEquals("self=1 alias=1 alias_port=1 other=0", h.get("X-Grep"));
        assertEquals("children_no=2 tcp_disable=0 port_no=" + p1 + " bind=1 sendipv4=1", h.get("X-Globals"));
    }

    @Test
    void everyWorkerHasItsProcessNumberAndTheModuleProcessesRun() throws Exception {
        Map<Integer, String> seen = new HashMap<>();
        String procs = null;
        for (int i = 0; i < 40 && (seen.size() < 2 || procs == null); i++) {
            Map<String, String> h = ask(p1, "worker-" + i + "@test");
            Matcher m = Pattern.compile("no=(\\d+) rank=(-?\\d+) counted=(\\d+) pid_ok=(\\d)").matcher(h.get("X-Process"));
            assertTrue(m.matches(), h.get("X-Process"));
            int no = Integer.parseInt(m.group(1));
            assertEquals(m.group(1), m.group(2), "process_no is the worker's child_init rank");
            assertEquals("6", m.group(3), "main + 2 workers + timer + 2 module processes");
            assertEquals("1", m.group(4), "my_pid() is the thread's own id");
            seen.put(no, h.get("X-Process"));
            if (!h.get("X-Procs").startsWith("0/")) {
                procs = h.get("X-Procs");
            }
        }
        assertEquals(2, seen.size(), "both workers answered: " + seen);
        assertTrue(seen.containsKey(1) && seen.containsKey(2), seen.toString());
        // module processes: entries 4 and 5, child_init(PROC_MODULE = -2) ran on their own thread
        assertEquals("4/-2/1 5/-2/1", procs);
    }

    @Test
    void msgSendLeavesFromTheListenerTheRequestCameIn() {
        Map<String, String> h = ask(p2, "send@test", "X-Op", "send", "X-Host", "127.0.0.1", "X-Port",
                String.valueOf(target.port()));
        assertEquals("0", h.get("X-Send"));
        String got = target.expect();
        assertTrue(got.startsWith("NETPROBE from process_no "), got);
        assertEquals(p2, target.lastSource().getPort(), "sent from the socket of listener 2");
    }

    @Test
    void rfc3263NaptrSrvAndAWithFailoverOrder() {
        Map<String, String> h = ask(p1, "resolve@test", "X-Op", "resolve", "X-Host", "example.test");
        assertEquals("127.0.0.1:" + target.port() + "/udp 127.0.0.3:5090/udp 127.0.0.4:5070/tcp",
                h.get("X-Resolved"), "NAPTR order, SRV priority, then the next NAPTR's SRV");
        assertEquals("127.0.0.5:5099/udp", ask(p1, "srv@test", "X-Op", "resolve", "X-Host", "srvonly.test")
                .get("X-Resolved"), "no NAPTR: _sip._udp SRV");
        assertEquals("127.0.0.6:5060/udp 127.0.0.7:5060/udp",
                ask(p1, "a@test", "X-Op", "resolve", "X-Host", "aonly.test").get("X-Resolved"),
                "no NAPTR, no SRV: A records, port 5060");
        assertEquals("127.0.0.8:5060/udp", ask(p1, "broken@test", "X-Op", "resolve", "X-Host", "broken.test")
                .get("X-Resolved"), "a NAPTR whose SRV is missing falls back to A");
    }

    @Test
    void recordsOfEachType() {
        assertEquals("3 10 50 s SIP+D2U _sip._udp.example.test",
                ask(p1, "r1@test", "X-Op", "record", "X-Host", "example.test", "X-Type", "NAPTR").get("X-Record"));
        assertEquals("2 10 1 " + target.port() + " a.example.test",
                ask(p1, "r2@test", "X-Op", "record", "X-Host", "_sip._udp.example.test", "X-Type", "SRV")
                        .get("X-Record"));
        assertEquals("1 ::1", ask(p1, "r3@test", "X-Op", "record", "X-Host", "v6.test", "X-Type", "AAAA")
                .get("X-Record"));
        assertEquals("1 hello", ask(p1, "r4@test", "X-Op", "record", "X-Host", "txt.test", "X-Type", "TXT")
                .get("X-Record"));
    }

    @Test
    void failingLookupsAreErrorsNotCrashes() {
        assertEquals("error", ask(p1, "nx@test", "X-Op", "resolve", "X-Host", "nx.test").get("X-Resolved"));
        assertEquals("error", ask(p1, "v6only@test", "X-Op", "resolve", "X-Host", "v6.test").get("X-Resolved"),
                "AAAA only while dns_try_ipv6 is off");
        long before = System.nanoTime();
        try (org.sipbridge.testing.LogCapture core = new org.sipbridge.testing.LogCapture("core",
                ch.qos.logback.classic.Level.DEBUG)) {
            assertEquals("0 -", ask(p1, "silent@test", "X-Op", "record", "X-Host", "silent.test", "X-Type", "A")
                    .get("X-Record"), "a server that never answers: the query times out");
            assertTrue(core.messages().stream().anyMatch(m -> m.contains("DNS lookup of silent.test")),
                    "the failed lookup is an LM_ERR too: " + core.messages());
        }
        assertTrue(System.nanoTime() - before < TimeUnit.SECONDS.toNanos(5));
        assertEquals("udp:127.0.0.1:" + p1, ask(p1, "after@test").get("X-First"), "the server still answers");
    }

    @Test
    void forwardRequestThroughDns() {
        try (UdpPeer client = new UdpPeer()) {
            client.send(new InetSocketAddress("127.0.0.1", p1), "OPTIONS sip:someone@example.test SIP/2.0\n"
                    + "Via: SIP/2.0/UDP 127.0.0.1:" + client.port() + ";branch=z9hG4bKfwd2\n"
                    + "Max-Forwards: 70\n"
                    + "From: <sip:t@test>;tag=1\n"
                    + "To: <sip:someone@example.test>\n"
                    + "Call-ID: forward2@test\n"
                    + "CSeq: 1 OPTIONS\n"
                    + "X-Op: forward\n"
                    + "X-Host: example.test\n"
                    + "Content-Length: 0\n\n");
            String got = target.expect();
            assertTrue(got.startsWith("OPTIONS sip:someone@example.test SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:" + p1
                    + ";branch=z9hG4bKsl"), got);
            assertTrue(got.contains("\r\nVia: SIP/2.0/UDP 127.0.0.1:" + client.port() + ";branch=z9hG4bKfwd2"), got);
            assertEquals(p1, target.lastSource().getPort());
        }
        assertTrue(ask(p1, "destroyed@test").get("X-Event").matches(".* destroyed=[1-9]\\d*"),
                "MSG_DESTROY callbacks ran when the forwarded message was released");
    }

    @Test
    void eventsReachTheScriptsEventRoute() {
        Map<String, String> h = ask(p1, "raise@test", "X-Op", "raise", "X-Value", "hello");
        assertEquals("0", h.get("X-Raise"));
        assertTrue(h.get("X-Event").startsWith("probe=1 note=hello/42 "), h.get("X-Event"));
    }

    @Test
    void blacklists() {
        Map<String, String> h = ask(p1, "bl@test", "X-Op", "bl");
        assertEquals("added=0 dup=1 hit=1 other_text=0 other_ip=0 unmarked=0 named=1", h.get("X-Bl"));
    }

    @Test
    void receiveMsgInjectsAMessage() throws Exception {
        Map<String, String> h = ask(p1, "inject@test", "X-Op", "inject", "X-Value", "injected-1@test");
        assertEquals("0", h.get("X-Inject"));
        String note = null;
        for (int i = 0; i < 50; i++) {
            note = ask(p1, "after-inject-" + i + "@test").get("X-Event");
            if (note.contains("note=injected injected-1@test")) {
                break;
            }
            Thread.sleep(20);
        }
        assertTrue(note.contains("note=injected injected-1@test"), note);
    }

    @Test
    void nonSipDatagramsReachTheModulesCallback() throws Exception {
        try (java.net.DatagramSocket s = new java.net.DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            byte[] stunLike = new byte[20];
            stunLike[0] = 0x00;
            stunLike[1] = 0x01;
            s.send(new java.net.DatagramPacket(stunLike, stunLike.length, new InetSocketAddress("127.0.0.1", p2)));
            byte[] b = new byte[200];
            java.net.DatagramPacket reply = new java.net.DatagramPacket(b, b.length);
            s.setSoTimeout(3000);
            s.receive(reply);
            String text = new String(b, 0, reply.getLength(), java.nio.charset.StandardCharsets.US_ASCII);
            assertTrue(text.startsWith("NONSIP 20 fd="), text);
            assertEquals(p2, reply.getPort());
        }
        assertEquals("udp:127.0.0.1:" + p1, ask(p1, "sip-after-nonsip@test").get("X-First"), "SIP still flows");
    }

    @Test
    void aBadDnsServerSettingIsAConfigurationError() {
        org.sipbridge.script.parse.ConfigException e = org.junit.jupiter.api.Assertions.assertThrows(
                org.sipbridge.script.parse.ConfigException.class,
                () -> org.sipbridge.script.parse.ScriptParser.parse("t.cfg", "children=1\ndns_server=\"1.2.3.4:99999\"\n"));
        assertTrue(e.getMessage().startsWith("t.cfg:2:"), e.getMessage());
        assertTrue(e.getMessage().contains("bad dns_server '1.2.3.4:99999'"), e.getMessage());
        assertEquals(new InetSocketAddress("127.0.0.1", 5353), NetBridge.dnsServer(
                org.sipbridge.script.parse.ScriptParser.parse("t.cfg", "dns_server=\"127.0.0.1:5353\"\n")));
        assertEquals(53, NetBridge.dnsServer(
                org.sipbridge.script.parse.ScriptParser.parse("t.cfg", "dns_server=127.0.0.1\n")).getPort());
    }

    @Test
    void badArgumentsAreRefusedWithoutACrash() {
        assertEquals("0", ask(p1, "bad@test", "X-Op", "bad").get("X-Bad"));
        assertEquals("udp:127.0.0.1:" + p1, ask(p1, "bad-after@test").get("X-First"));
    }
}
