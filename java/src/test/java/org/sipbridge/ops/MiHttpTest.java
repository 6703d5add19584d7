package org.sipbridge.ops;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.sipbridge.server.UdpPeer;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sipbridge.ops.MiRpcClient.errorCode;

/**
 * MI over HTTP against a server in this JVM: every core command, a C module's MI commands
 * (exports.mi_cmds and register_mi_cmd), statistics moving with SIP traffic, /metrics parsed,
 * and bad input (bad JSON, unknown method, wrong params, a 10 MB body, 200 connections at
 * once while SIP keeps being answered).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class MiHttpTest {
    @RegisterExtension
    static final MiHttpServer mi = new MiHttpServer("""
            loadmodule "prometheus.so"
            loadmodule "mitest.so"
            modparam("httpd", "max_body", 65536)
            route {
            	mi_hit();
            	sl_send_reply("200", "OK");
            }
            """);

    @Test
    void httpdListensOnLoopbackByDefault() {
        assertEquals("127.0.0.1", mi.server().server.management().httpAddress().getAddress().getHostAddress());
    }

    static void sendOptions(UdpPeer peer, int n) {
        for (int i = 0; i < n; i++) {
            peer.send(mi.server().udp(), "OPTIONS sip:x@127.0.0.1 SIP/2.0\r\n"
                    + "Via: SIP/2.0/UDP 127.0.0.1:" + peer.port() + ";branch=z9hG4bK-mi-" + i + "-" + System.nanoTime() + "\r\n"
                    + "From: <sip:a@127.0.0.1>;tag=1\r\nTo: <sip:x@127.0.0.1>\r\nCall-ID: mi-" + i + "-" + System.nanoTime() + "\r\n"
                    + "CSeq: 1 OPTIONS\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n");
            String reply = peer.expect();
            assertTrue(reply.startsWith("SIP/2.0 200"), reply);
        }
    }

    @Test
    void coreCommands() throws Exception {
        List<String> which = new ArrayList<>();
        mi.rpc().result("which", null).forEach(n -> which.add(n.asText()));
        for (String c : List.of("which", "ps", "uptime", "version", "pwd", "arg", "get_statistics", "list_statistics",
                "reset_statistics", "log_level", "list_modules", "kill", "mitest_echo", "mitest_fail")) {
            assertTrue(which.contains(c), c + " in " + which);
        }
        assertTrue(mi.rpc().result("ps", null).get("Processes").toString().contains("sip-worker-1"));
        JsonNode up = mi.rpc().result("uptime", null);
        assertTrue(up.get("Up time").asText().endsWith("[sec]"), up.toString());
        assertTrue(up.has("Now") && up.has("Up since"));
        assertTrue(mi.rpc().result("version", null).get("Server").asText().startsWith("sipbridge "));
        assertEquals(Path.of("").toAbsolutePath().toString(), mi.rpc().result("pwd", null).get("WD").asText());
        assertTrue(mi.rpc().result("arg", null).isArray());
        JsonNode mods = mi.rpc().result("list_modules", null).get("Modules");
        assertTrue(mods.toString().contains("\"Name\":\"mitest\""), mods.toString());
        assertTrue(mods.toString().contains("\"Name\":\"httpd\""), mods.toString());
        assertEquals("echoes its arguments", mi.rpc().result("help", "[\"mitest_echo\"]").get("Help").asText());
    }

    @Test
    void cModuleMiCommands() throws Exception {
        JsonNode echo = mi.rpc().result("mitest_echo", "[\"a\",\"b\"]");
        assertEquals(List.of("a", "b"), List.of(echo.get("arg").get(0).asText(), echo.get("arg").get(1).asText()));
        JsonNode summary = echo.get("summary");
        assertEquals("from-exports", summary.get("value").asText());
        assertEquals("2", summary.get("attributes").get("count").asText());
        assertEquals("1", summary.get("attributes").get("inits").asText(), "its init_f ran once, before");
        JsonNode named = mi.rpc().result("mitest_echo", "{\"user\":\"bob\",\"n\":3}");
        assertEquals("bob", named.get("user").asText());
        assertEquals("3", named.get("n").asText());
        assertEquals("1", named.get("summary").get("attributes").get("inits").asText(), "not again");
        // register_mi_cmd from mod_init; a failing command is a JSON-RPC error with its MI code
        assertEquals("OK", mi.rpc().result("mitest_fail", "[\"x\"]").asText());
        JsonNode fail = mi.rpc().call("mitest_fail", null);
        assertEquals(400, errorCode(fail));
        assertEquals("Too few or too many arguments", fail.get("error").get("message").asText());
    }

    @Test
    void statisticsFollowTrafficAndReset() throws Exception {
        try (UdpPeer peer = new UdpPeer()) {
            JsonNode before = mi.rpc().result("get_statistics", "{\"statistics\":[\"core:\",\"mitest_hits\",\"sl:\"]}");
            long rcv = before.get("core:rcv_requests").asLong();
            long hits = before.get("mitest:mitest_hits").asLong();
            long sent = before.get("sl:2xx_replies").asLong();
            sendOptions(peer, 5);
            JsonNode after = mi.rpc().result("get_statistics", "[[\"core:rcv_requests\",\"mitest:\",\"sl:2xx_replies\"]]");
            assertEquals(rcv + 5, after.get("core:rcv_requests").asLong(), after.toString());
            assertEquals(hits + 5, after.get("mitest:mitest_hits").asLong(), after.toString());
            assertEquals(sent + 5, after.get("sl:2xx_replies").asLong(), after.toString());
            assertEquals("OK", mi.rpc().result("reset_statistics", "{\"statistics\":[\"mitest_hits\",\"core:rcv_requests\"]}").asText());
            JsonNode reset = mi.rpc().result("get_statistics", "{\"statistics\":[\"mitest_hits\",\"core:rcv_requests\"]}");
            assertEquals(0, reset.get("mitest:mitest_hits").asLong());
            assertEquals(0, reset.get("core:rcv_requests").asLong());
        }
        JsonNode all = mi.rpc().result("get_statistics", "{\"statistics\":[\"all\"]}");
        for (String s : List.of("core:rcv_replies", "core:fwd_requests", "core:fwd_replies", "core:drop_requests",
                "core:drop_replies", "core:err_requests", "core:err_replies", "core:bad_URIs_rcvd", "core:bad_msg_hdr",
                "shmem:used_size", "pkmem:used_size", "pkmem:mitest_used_size", "net:waiting_udp")) {
            assertTrue(all.has(s), s + " in " + all);
        }
        JsonNode list = mi.rpc().result("list_statistics", "{\"statistics\":[\"core:\"]}");
        assertEquals("incremental", list.get("core:rcv_requests").asText());
        assertEquals("non-incremental", mi.rpc().result("list_statistics", null).get("shmem:used_size").asText());
    }

    @Test
    void metricsAreScrapedAndParsed() throws Exception {
        try (UdpPeer peer = new UdpPeer()) {
            sendOptions(peer, 2);
        }
        HttpResponse<String> r = mi.rpc().http.send(HttpRequest.newBuilder(mi.rpc().metrics).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));
        Map<String, Double> samples = new HashMap<>();
        for (String line : r.body().split("\n")) {
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int sp = line.lastIndexOf(' ');
            samples.put(line.substring(0, sp), Double.parseDouble(line.substring(sp + 1)));
        }
        assertTrue(samples.getOrDefault("opensips_core_rcv_requests_total", 0.0) >= 2, r.body());
        assertTrue(samples.containsKey("opensips_shmem_used_size"), "gauge");
        assertTrue(samples.containsKey("opensips_mitest_mitest_hits_total"));
        assertTrue(samples.containsKey("opensips_worker_queue_depth{worker=\"1\"}"));
        assertTrue(samples.getOrDefault("opensips_worker_handle_seconds_count{worker=\"1\"}", 0.0)
                + samples.getOrDefault("opensips_worker_handle_seconds_count{worker=\"2\"}", 0.0) >= 2, r.body());
        assertTrue(samples.keySet().stream().anyMatch(k -> k.startsWith("jvm_memory_used_bytes")), "JVM figures");
        assertTrue(samples.keySet().stream().anyMatch(k -> k.startsWith("jvm_gc_collection_seconds")), "GC figures");
    }

    @Test
    void logLevelGetAndSet() throws Exception {
        int global = mi.rpc().result("log_level", null).get("Global log level").asInt();
        assertEquals(4, mi.rpc().result("log_level", "{\"level\":4}").get("New global log level").asInt());
        assertEquals(4, mi.rpc().result("log_level", null).get("Global log level").asInt());
        assertEquals(2, mi.rpc().result("log_level", "{\"level\":2,\"module\":\"mitest\"}").get("New log level").asInt());
        assertEquals(2, mi.rpc().result("log_level", "{\"module\":\"mitest\"}").get("Log level").asInt());
        assertEquals(404, errorCode(mi.rpc().call("log_level", "{\"level\":2,\"module\":\"nosuch\"}")));
        assertEquals(-32602, errorCode(mi.rpc().call("log_level", "{\"level\":\"loud\"}")));
        mi.rpc().result("log_level", "[" + global + "]");
    }

    @Test
    void badInputGetsJsonRpcErrors() throws Exception {
        assertEquals(-32700, errorCode(mi.rpc().post("{not json")));
        assertEquals(-32600, errorCode(mi.rpc().post("{\"jsonrpc\":\"1.0\",\"method\":\"which\",\"id\":1}")));
        assertEquals(-32600, errorCode(mi.rpc().post("[1]").get(0)));
        assertEquals(-32601, errorCode(mi.rpc().call("no_such_command", null)));
        assertEquals(-32602, errorCode(mi.rpc().call("uptime", "{\"x\":1}")));
        assertEquals(-32602, errorCode(mi.rpc().call("get_statistics", null)));
        assertEquals(-32602, errorCode(mi.rpc().call("get_statistics", "\"core:\"")));
        assertEquals(-32602, errorCode(mi.rpc().call("mitest_echo", "[{\"deep\":1}]")));
        HttpResponse<String> big = mi.rpc().http.send(HttpRequest.newBuilder(mi.rpc().mi)
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[10 * 1024 * 1024])).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(413, big.statusCode());
        assertEquals(-32600, errorCode(MiRpcClient.JSON.readTree(big.body())));
        HttpResponse<String> get = mi.rpc().http.send(HttpRequest.newBuilder(mi.rpc().mi).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(405, get.statusCode());
        // still serving
        assertTrue(mi.rpc().result("uptime", null).has("Up time"));
    }

    @Test
    void twoHundredConnectionsWhileSipFlows() throws Exception {
        List<CompletableFuture<HttpResponse<String>>> all = new ArrayList<>();
        List<HttpClient> clients = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            HttpClient c = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build(); // own connection each
            clients.add(c);
            String body = i % 2 == 0 ? "{\"jsonrpc\":\"2.0\",\"method\":\"get_statistics\",\"params\":{\"statistics\":[\"core:\"]},\"id\":" + i + "}"
                    : "{\"jsonrpc\":\"2.0\",\"method\":\"mitest_echo\",\"params\":[\"" + i + "\"],\"id\":" + i + "}";
            all.add(c.sendAsync(HttpRequest.newBuilder(mi.rpc().mi).timeout(Duration.ofSeconds(60))
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString()));
        }
        try (UdpPeer peer = new UdpPeer()) {
            sendOptions(peer, 20);   // SIP answered while the MI is busy
        }
        for (int i = 0; i < all.size(); i++) {
            HttpResponse<String> r = all.get(i).get(60, TimeUnit.SECONDS);
            assertEquals(200, r.statusCode());
            JsonNode n = MiRpcClient.JSON.readTree(r.body());
            assertEquals(i, n.get("id").asInt());
            assertTrue(n.has("result"), r.body());
        }
        JsonNode echo = mi.rpc().result("mitest_echo", null);
        assertEquals("0", echo.get("summary").get("attributes").get("overlaps").asText(),
                "C MI commands never ran on two threads at once");
    }
}
