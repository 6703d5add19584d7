package org.sipbridge.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.sipbridge.server.TestServer;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * JSON-RPC MI over HTTP against a test server that loaded httpd and mi_http: the /mi and
 * /metrics addresses, one call, and its result checked to be a JSON-RPC 2.0 answer to it.
 */
final class MiRpcClient {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final int ID = 7;

    final URI mi;
    final URI metrics;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private MiRpcClient(InetSocketAddress httpd) {
        mi = URI.create("http://127.0.0.1:" + httpd.getPort() + "/mi");
        metrics = URI.create("http://127.0.0.1:" + httpd.getPort() + "/metrics");
    }

    /** The client of server's httpd; fails the test when httpd does not listen. */
    static MiRpcClient of(TestServer server) {
        InetSocketAddress a = server.server.management().httpAddress();
        assertNotNull(a, "httpd must listen");
        return new MiRpcClient(a);
    }

    /** The whole JSON-RPC answer to method (params: JSON text, or null for none). */
    JsonNode call(String method, String params) throws Exception {
        return post("{\"jsonrpc\":\"2.0\",\"method\":\"" + method + "\""
                + (params == null ? "" : ",\"params\":" + params) + ",\"id\":" + ID + "}");
    }

    /** Posts body to /mi; the answer, which must come with HTTP 200. */
    JsonNode post(String body) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(mi).timeout(Duration.ofSeconds(20))
                .POST(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json").build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return JSON.readTree(r.body());
    }

    /** The result of method, which must answer without an error. */
    JsonNode result(String method, String params) throws Exception {
        JsonNode r = call(method, params);
        assertEquals("2.0", r.get("jsonrpc").asText());
        assertEquals(ID, r.get("id").asInt());
        assertFalse(r.has("error"), r.toString());
        return r.get("result");
    }

    /** The error code of an answer that must be an error. */
    static int errorCode(JsonNode r) {
        assertTrue(r.has("error"), r.toString());
        return r.get("error").get("code").asInt();
    }
}
