package org.sipbridge.ops;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.sipbridge.server.ProxyBetweenPeersTestBase;
import org.sipbridge.server.TestServer;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sipbridge.server.SipTestMessages.replyTo;

/** The Java transaction layer's counters reach MI (group tm, 1.11's names) and /metrics. */
@Timeout(60)
class TmStatisticsTest extends ProxyBetweenPeersTestBase {
    private static final List<String> NAMES = List.of("received_replies", "relayed_replies", "local_replies",
            "UAS_transactions", "UAC_transactions", "2xx_transactions", "3xx_transactions", "4xx_transactions",
            "5xx_transactions", "6xx_transactions", "inuse_transactions");

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
        MiRpcClient rpc = MiRpcClient.of(proxy);

        JsonNode listed = rpc.result("list_statistics", "{\"statistics\":[\"tm:\"]}");
        for (String n : NAMES) {
            assertTrue(listed.has("tm:" + n), n + " in " + listed);
        }
        assertEquals("incremental", listed.get("tm:UAS_transactions").asText());
        assertEquals("non-incremental", listed.get("tm:inuse_transactions").asText());
        JsonNode before = rpc.result("get_statistics", "{\"statistics\":[\"tm:\"]}");

        // INVITE relayed statefully, answered 486 downstream: one UAS and one UAC transaction,
        // a 100 Trying of our own, the 486 received and relayed
        String via = "SIP/2.0/UDP 127.0.0.1:" + client.port() + ";branch=z9hG4bKtmstat";
        client.send(proxy.udp(), "INVITE sip:bob@127.0.0.1:" + uas.port() + " SIP/2.0\n"
                + "Via: " + via + "\nMax-Forwards: 70\nFrom: <sip:alice@example.com>;tag=a1\n"
                + "To: <sip:bob@example.com>\nCall-ID: tmstat@test\nCSeq: 1 INVITE\nContent-Length: 0\n\n");
        assertTrue(client.expect().startsWith("SIP/2.0 100 "));
        String forwarded = uas.expect();
        uas.send(proxy.udp(), replyTo(forwarded, "486 Busy Here"));
        String reply = client.expect();
        for (int i = 0; i < 5 && reply.startsWith("SIP/2.0 100 "); i++) {
            reply = client.expect();
        }
        assertTrue(reply.startsWith("SIP/2.0 486 "), reply);

        JsonNode after = rpc.result("get_statistics", "{\"statistics\":[\"tm:\"]}");
        assertEquals(1, delta(before, after, "UAS_transactions"), after::toString);
        assertEquals(1, delta(before, after, "UAC_transactions"), after::toString);
        assertEquals(1, delta(before, after, "received_replies"), after::toString);
        assertEquals(1, delta(before, after, "relayed_replies"), after::toString);
        assertEquals(1, delta(before, after, "4xx_transactions"), after::toString);
        assertEquals(0, delta(before, after, "2xx_transactions"), after::toString);
        assertTrue(delta(before, after, "local_replies") >= 1, after::toString);

        HttpResponse<String> m = rpc.http.send(HttpRequest.newBuilder(rpc.metrics).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, m.statusCode());
        assertTrue(m.body().lines().anyMatch(l -> l.matches("opensips_tm_4xx_transactions_total 1(\\.0)?")), m.body());
        assertTrue(m.body().lines().anyMatch(l -> l.startsWith("opensips_tm_inuse_transactions ")), m.body());
    }

    private static long delta(JsonNode before, JsonNode after, String name) {
        return after.get("tm:" + name).asLong() - before.get("tm:" + name).asLong();
    }
}
