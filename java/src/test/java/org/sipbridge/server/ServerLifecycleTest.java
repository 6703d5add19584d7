package org.sipbridge.server;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.sipbridge.testing.LogCapture;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Start-up and stop in OpenSIPS order, and start-up failures told the way a user can fix them. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ServerLifecycleTest {
    @TempDir
    Path dir;

    @Test
    void childInitPerWorkerThenMainStartupRouteTimerAndDestroyAtStop() throws Exception {
        String config = """
                listen=udp:127.0.0.1:%d
                children=2
                loadmodule "lifecycle.so"
                startup_route { show("startup", "x"); }
                timer_route[tick, 1] { show("tick", "y"); }
                route { show("request", "z"); }
                """.formatted(TestServer.freePort());
        try (LogCapture log = LogCapture.of("lifecycle")) {
            TestServer server = TestServer.start(dir, config);
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (log.lifecycleEvents().stream().noneMatch(e -> e.startsWith("call route_type=128"))
                    && System.nanoTime() < end) {
                Thread.sleep(20);
            }
            server.close();
            List<String> events = log.lifecycleEvents().stream()
                    .map(e -> e.replaceAll(" thread=\\d+", "")).toList();
            int init = events.indexOf("init mark=0");
            int worker1 = events.indexOf("child_init rank=1");
            int worker2 = events.indexOf("child_init rank=2");
            int main = events.indexOf("child_init rank=0");
            int startup = indexOfPrefix(events, "call route_type=64");
            int timer = events.indexOf("child_init rank=-1");
            int tick = indexOfPrefix(events, "call route_type=128");
            int destroy = events.indexOf("destroy");
            assertTrue(init >= 0 && init < worker1 && init < worker2, events::toString);
            assertTrue(worker1 < main && worker2 < main, events::toString);
            assertTrue(main < startup && startup < timer && timer < tick, events::toString);
            assertTrue(tick < destroy && destroy == events.size() - 1, events::toString);
            assertEquals(1, events.stream().filter(e -> e.startsWith("call route_type=64")).count(), "startup_route once");
            assertTrue(events.subList(tick, destroy).stream().anyMatch(e -> e.startsWith("free_fixup")),
                    "free_fixup before destroy: " + events);
        }
    }

    @Test
    void moduleTimersRunOnTheTimerThread() throws Exception {
        int port = TestServer.freePort();
        String config = """
                listen=udp:127.0.0.1:%d
                loadmodule "timertest.so"
                route {
                	if (timer_ticks("5") && timer_param()) {
                		sl_send_reply("200", "Timers Ran");
                	} else {
                		sl_send_reply("500", "No Timers");
                	}
                	exit;
                }
                """.formatted(port);
        try (TestServer server = TestServer.start(dir, config); UdpPeer client = new UdpPeer()) {
            String reply = "";
            for (int attempt = 0; attempt < 40 && !reply.startsWith("SIP/2.0 200"); attempt++) {
                Thread.sleep(50);
                client.send(server.udp(), "OPTIONS sip:127.0.0.1:" + port + " SIP/2.0\n"
                        + "Via: SIP/2.0/UDP 127.0.0.1:" + client.port() + ";branch=z9hG4bKt" + attempt + "\n"
                        + "From: <sip:probe@example.com>;tag=t" + attempt + "\n"
                        + "To: <sip:127.0.0.1>\n"
                        + "Call-ID: timers-" + attempt + "@test\n"
                        + "CSeq: 1 OPTIONS\n"
                        + "Content-Length: 0\n\n");
                reply = client.receive(2000);
            }
            assertTrue(reply.startsWith("SIP/2.0 200 Timers Ran\r\n"), reply);
        }
    }

    private static int indexOfPrefix(List<String> events, String prefix) {
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i).startsWith(prefix)) {
                return i;
            }
        }
        return -1;
    }

    @Test
    void aFailingInitNamesTheModuleAndItsLine() {
        ServerException e = assertThrows(ServerException.class, () -> TestServer.start(dir,
                "listen=udp:127.0.0.1:" + TestServer.freePort() + "\nloadmodule \"init_fails.so\"\nroute { exit; }\n"));
        assertEquals(dir.resolve("test.cfg") + ":2:1: init_f of module init_fails failed (returned -1)", e.getMessage());
    }

    @Test
    void aFailingChildInitStopsTheStart() {
        ServerException e = assertThrows(ServerException.class, () -> TestServer.start(dir,
                "listen=udp:127.0.0.1:" + TestServer.freePort() + "\nchildren=2\nloadmodule \"child_init_fails.so\"\n"
                        + "route { exit; }\n"));
        assertTrue(e.getMessage().startsWith(dir.resolve("test.cfg") + ":3:1: worker "), e.getMessage());
        assertTrue(e.getMessage().contains("child_init_fails"), e.getMessage());
    }

    @Test
    void aConfigurationErrorHasItsLocation() {
        ServerException e = assertThrows(ServerException.class, () -> TestServer.start(dir,
                "listen=udp:127.0.0.1:" + TestServer.freePort() + "\nroute {\n  nothing();\n}\n"));
        assertEquals(dir.resolve("test.cfg") + ":3:3: unknown command <nothing>, missing loadmodule?", e.getMessage());
    }

    @Test
    void anAddressInUseIsNamed() throws Exception {
        try (DatagramSocket taken = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            ServerException e = assertThrows(ServerException.class, () -> TestServer.start(dir,
                    "listen=udp:127.0.0.1:" + taken.getLocalPort() + "\nroute { exit; }\n"));
            assertTrue(e.getMessage().contains("127.0.0.1:" + taken.getLocalPort()), e.getMessage());
        }
    }

    @Test
    void stopIsIdempotentAndTheSummaryNamesEverything() throws Exception {
        TestServer server = TestServer.start(dir, TestServer.proxyConfig(2));
        List<String> summary = server.server.summary();
        String text = String.join("\n", summary);
        assertTrue(text.contains("listen udp:127.0.0.1:" + server.udp().getPort()), text);
        assertTrue(text.contains("maxfwd       opensips 1.11.0-sipbridge (x86_64/linux)"), text);
        assertTrue(text.contains("C, OpenSIPS 1.11 dialect"), text);
        assertTrue(text.contains("functions: maxfwd:mf_process_maxfwd_header/1, core:sl_send_reply/2, "
                + "textops:is_method/1, textops:append_hf/1, core:forward/0"), text);
        assertTrue(text.contains("workers: 2"), text);
        server.close();
        server.close();
    }
}
