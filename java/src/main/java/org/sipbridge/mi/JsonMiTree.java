package org.sipbridge.mi;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Iterator;
import java.util.Map;

/**
 * The default way a core or Java command's JSON answer becomes an MI tree for C transports:
 * a JSON object becomes named kids (an array member repeats the name, an object member
 * nests), an array unnamed kids, a scalar one unnamed kid, the text "OK" (or null) no kid.
 * Depth is bounded, so a runaway answer is an error, not a stack overflow.
 */
public final class JsonMiTree {
    static final int MAX_DEPTH = 32;

    private JsonMiTree() {
    }

    public static MiTree of(JsonNode result) {
        MiTree root = MiTree.root();
        if (result == null || result.isNull() || (result.isTextual() && result.asText().equals("OK"))) {
            return root;
        }
        if (result.isValueNode()) {
            root.kid(null, result.asText());
        } else {
            kids(root, result, 0);
        }
        return root;
    }

    private static void kids(MiTree parent, JsonNode v, int depth) {
        if (depth > MAX_DEPTH) {
            throw new IllegalStateException("MI reply deeper than " + MAX_DEPTH);
        }
        if (v.isArray()) {
            for (JsonNode e : v) {
                member(parent, null, e, depth);
            }
        } else if (v.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (e.getValue().isArray()) {
                    for (JsonNode x : e.getValue()) {
                        member(parent, e.getKey(), x, depth);
                    }
                } else {
                    member(parent, e.getKey(), e.getValue(), depth);
                }
            }
        }
    }

    private static void member(MiTree parent, String name, JsonNode v, int depth) {
        if (v.isValueNode()) {
            parent.kid(name, v.isNull() ? null : v.asText());
        } else {
            kids(parent.kid(name, null), v, depth + 1);
        }
    }
}
