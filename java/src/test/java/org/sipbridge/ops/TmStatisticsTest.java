package org.sipbridge.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.sipbridge.server.TestServer;
import org.sipbridge.server.UdpPeer;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Java transaction layer's counters reach MI (group tm, 1.11's names) and /metrics. */
@Timeout(60)
class TmStatisticsTest {
    private static final List<String> NAMES = List.of("received_replies", "relayed_replies", "local_replies",
            "UAS_transactions", "UAC_transactions", "2xx_transactions", "3xx_transactions", "4xx_transactions",
            "5xx_transactions", "6xx_transactions", "inuse_transactions");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    TestServer proxy;
    final UdpPeer client = new UdpPeer();
    final UdpPeer uas = new UdpPeer();
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    URI base;

    @AfterEach
    void stop() {
        client.close();
        uas.close();
        if (proxy != null) {
            proxy.close();
        }
    }

    @Test
    void aStatefulCallMovesTheTmStatistics() throws Exception {
        proxy = TestServer.start(dir, """
                listen=udp:127.0.0.1:%d
                loadmodule "tm.so"
                loadmodule "httpd.so"
                loadmodule "mi_http.so"
                loadmodule "prometheus.so"
                modparam("httpd", "port", 0)
                modparam("tm", "T1_timer", 100)
                route {
                	t_relay();
                }
                """.formatted(TestServer.freePort()));
        var a = proxy.server.management().httpAddress();
        assertNotNull(a, "httpd must listen");
        base = URI.create("http://127.0.0.1:" + a.getPort());

        JsonNode listed = mi("list_statistics", "{\"statistics\":[\"tm:\"]}");
        for (String n : NAMES) {
            assertTrue(listed.has("tm:" + n), n + " in " + listed);
        }
        assertEquals("incremental", listed.get("tm:UAS_transactions").asText());
        assertEquals("non-incremental", listed.get("tm:inuse_transactions").asText());
        JsonNode before = mi("get_statistics", "{\"statistics\":[\"tm:\"]}");

        // INVITE relayed statefully, answered 486 downstream: one UAS and one UAC transaction,
        // a 100 Trying of our own, the 486 received and relayed
        String via = "SIP/2.0/UDP 127.0.0.1:" + client.port() + ";branch=z9hG4bKtmstat";
        client.send(proxy.udp(), "INVITE sip:bob@127.0.0.1:" + uas.port() + " SIP/2.0\n"
                + "Via: " + via + "\nMax-Forwards: 70\nFrom: <sip:alice@example.com>;tag=a1\n"
                + "To: <sip:bob@example.com>\nCall-ID: tmstat@test\nCSeq: 1 INVITE\nContent-Length: 0\n\n");
        assertTrue(client.expect().startsWith("SIP/2.0 100 "));
        String forwarded = uas.expect();
        uas.send(proxy.udp(), busy(forwarded));
        String reply = client.expect();
        for (int i = 0; i < 5 && reply.startsWith("SIP/2.0 100 "); i++) {
            reply = client.expect();
        }
        assertTrue(reply.startsWith("SIP/2.0 486 "), reply);

        JsonNode after = mi("get_statistics", "{\"statistics\":[\"tm:\"]}");
        assertEquals(1, delta(before, after, "UAS_transactions"), after::toString);
        assertEquals(1, delta(before, after, "UAC_transactions"), after::toString);
        assertEquals(1, delta(before, after, "received_replies"), after::toString);
        assertEquals(1, delta(before, after, "relayed_replies"), after::toString);
        assertEquals(1, delta(before, after, "4xx_transactions"), after::toString);
        assertEquals(0, delta(before, after, "2xx_transactions"), after::toString);
        assertTrue(delta(before, after, "local_replies") >= 1, after::toString);

        HttpResponse<String> m = http.send(HttpRequest.newBuilder(base.resolve("/metrics")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, m.statusCode());
        assertTrue(m.body().lines().anyMatch(l -> l.matches("opensips_tm_4xx_transactions_total 1(\\.0)?")), m.body());
        assertTrue(m.body().lines().anyMatch(l -> l.startsWith("opensips_tm_inuse_transactions ")), m.body());
    }

    private static long delta(JsonNode before, JsonNode after, String name) {
        return after.get("tm:" + name).asLong() - before.get("tm:" + name).asLong();
    }

    private static String busy(String request) {
        StringBuilder sb = new StringBuilder("SIP/2.0 486 Busy Here\r\n");
        for (String line : request.split("\r\n")) {
            String l = line.toLowerCase();
            if (l.startsWith("via:") || l.startsWith("from:") || l.startsWith("call-id:") || l.startsWith("cseq:")) {
                sb.append(line).append("\r\n");
            } else if (l.startsWith("to:")) {
                sb.append(line).append(";tag=b2\r\n");
            }
        }
        return sb.append("Content-Length: 0\r\n\r\n").toString();
    }

    private JsonNode mi(String method, String params) throws Exception {
        String body = "{\"jsonrpc\":\"2.0\",\"method\":\"" + method + "\",\"params\":" + params + ",\"id\":1}";
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(base.resolve("/mi")).timeout(Duration.ofSeconds(20))
                .POST(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json").build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        JsonNode n = JSON.readTree(r.body());
        assertTrue(n.has("result"), r.body());
        return n.get("result");
    }
}
