package org.sipbridge.mi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;

/**
 * JSON-RPC 2.0 over the MI registry, as OpenSIPS 3.x's mi_http speaks it: one request
 * object (or a batch array) in, the response object(s) out; a notification (no id) runs
 * and gets no response. Every failure becomes an error object, never an exception: bad
 * JSON -32700, not a request -32600, unknown method -32601, wrong params -32602, a command
 * that threw -32603 (logged), a command's own failure its MI code and reason.
 */
public final class JsonRpc {
    private static final Logger log = LoggerFactory.getLogger("org.sipbridge.mi");
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final int MAX_BATCH = 100;

    private final ObjectMapper mapper = new ObjectMapper();
    private final MiRegistry registry;

    public JsonRpc(MiRegistry registry) {
        this.registry = registry;
    }

    /** The response body for a request body, or null when nothing is to be answered. */
    public byte[] handle(byte[] body) {
        JsonNode req;
        try {
            req = mapper.readTree(body);
        } catch (IOException e) {
            return write(error(JSON.nullNode(), MiException.PARSE_ERROR, "Parse error: " + firstLine(e)));
        }
        if (req == null || req.isMissingNode()) {
            return write(error(JSON.nullNode(), MiException.PARSE_ERROR, "Parse error: empty body"));
        }
        if (req.isArray()) {
            if (req.isEmpty() || req.size() > MAX_BATCH) {
                return write(error(JSON.nullNode(), MiException.INVALID_REQUEST,
                        "Invalid Request: a batch holds 1.." + MAX_BATCH + " calls"));
            }
            ArrayNode out = JSON.arrayNode();
            for (JsonNode r : req) {
                JsonNode resp = one(r);
                if (resp != null) {
                    out.add(resp);
                }
            }
            return out.isEmpty() ? null : write(out);
        }
        JsonNode resp = one(req);
        return resp == null ? null : write(resp);
    }

    /** Runs one call: its response, or null for a notification. */
    public JsonNode one(JsonNode req) {
        if (!req.isObject()) {
            return error(JSON.nullNode(), MiException.INVALID_REQUEST, "Invalid Request: not an object");
        }
        JsonNode id = req.get("id");
        boolean notification = id == null;
        if (id != null && !(id.isTextual() || id.isNumber() || id.isNull())) {
            return error(JSON.nullNode(), MiException.INVALID_REQUEST, "Invalid Request: bad id");
        }
        JsonNode idOut = id == null ? JSON.nullNode() : id;
        JsonNode version = req.get("jsonrpc");
        if (version == null || !version.isTextual() || !version.asText().equals("2.0")) {
            return error(idOut, MiException.INVALID_REQUEST, "Invalid Request: jsonrpc must be \"2.0\"");
        }
        JsonNode method = req.get("method");
        if (method == null || !method.isTextual()) {
            return error(idOut, MiException.INVALID_REQUEST, "Invalid Request: no method");
        }
        JsonNode result;
        try {
            MiCommand cmd = registry.find(method.asText())
                    .orElseThrow(() -> new MiException(MiException.METHOD_NOT_FOUND, "Method not found"));
            result = cmd.run(new MiParams(req.get("params")));
        } catch (MiException e) {
            return notification ? null : error(idOut, e.code(), e.getMessage());
        } catch (RuntimeException | StackOverflowError e) {
            log.error("MI command {} failed", method.asText(), e);
            return notification ? null : error(idOut, MiException.INTERNAL_ERROR, "Internal error: " + e);
        }
        if (notification) {
            return null;
        }
        ObjectNode o = JSON.objectNode();
        o.put("jsonrpc", "2.0");
        o.set("result", result == null ? JSON.nullNode() : result);
        o.set("id", idOut);
        return o;
    }

    public static ObjectNode error(JsonNode id, int code, String message) {
        ObjectNode o = JSON.objectNode();
        o.put("jsonrpc", "2.0");
        o.putObject("error").put("code", code).put("message", message);
        o.set("id", id);
        return o;
    }

    public byte[] write(JsonNode n) {
        try {
            return mapper.writeValueAsBytes(n);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String firstLine(IOException e) {
        String m = String.valueOf(e.getMessage());
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
