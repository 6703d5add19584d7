package org.sipbridge.bridge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.jna.Pointer;

import java.nio.charset.StandardCharsets;

/**
 * Turns an OpenSIPS 1.11 MI reply tree (struct mi_root / mi_node / mi_attr, native/mi.c
 * gives the offsets) into JSON, the way a 3.x user expects to read it:
 * <ul>
 * <li>a node without kids and attributes is its value (a string, or null);</li>
 * <li>otherwise an object: {@code "value"} when it has one, {@code "attributes"} as an
 *     object, then its kids;</li>
 * <li>kids with names become object members (a repeated name becomes an array); when some
 *     kid has no name the kids become an array instead.</li>
 * </ul>
 * Depth and node count are bounded, so a cyclic or huge tree from a buggy module gives an
 * error, not a hang.
 */
final class NativeMiTree {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final int MAX_DEPTH = 64;
    private static final int MAX_NODES = 1_000_000;

    private final int rootCode, rootReason, rootNode;
    private final int nodeValue, nodeName, nodeKids, nodeNext, nodeAttrs;
    private final int attrName, attrValue, attrNext;
    private final int strS, strLen;
    private int nodes;

    NativeMiTree(CoreCalls calls) {
        rootCode = calls.sb_mi_layout(0);
        rootReason = calls.sb_mi_layout(1);
        rootNode = calls.sb_mi_layout(2);
        nodeValue = calls.sb_mi_layout(3);
        nodeName = calls.sb_mi_layout(4);
        nodeKids = calls.sb_mi_layout(6);
        nodeNext = calls.sb_mi_layout(7);
        nodeAttrs = calls.sb_mi_layout(8);
        attrName = calls.sb_mi_layout(9);
        attrValue = calls.sb_mi_layout(10);
        attrNext = calls.sb_mi_layout(11);
        strS = calls.sb_mi_layout(12);
        strLen = calls.sb_mi_layout(13);
    }

    int code(long root) {
        return NativeMemory.int32(root + rootCode);
    }

    String reason(long root) {
        return str(root + rootReason);
    }

    /** The reply's content: its kids as described above, or the reason ("OK") when it has none. */
    JsonNode content(long root) {
        nodes = 0;
        long node = root + rootNode;
        long kids = NativeMemory.pointer(node + nodeKids);
        if (kids == 0 && NativeMemory.pointer(node + nodeAttrs) == 0) {
            String r = reason(root);
            return JSON.textNode(r == null ? "OK" : r);
        }
        return kidsOf(node, 0);
    }

    private JsonNode kidsOf(long node, int depth) {
        boolean allNamed = true;
        for (long k = NativeMemory.pointer(node + nodeKids); k != 0; k = NativeMemory.pointer(k + nodeNext)) {
            count();
            String n = str(k + nodeName);
            if (n == null || n.isEmpty()) {
                allNamed = false;
                break;
            }
        }
        if (allNamed) {
            ObjectNode o = JSON.objectNode();
            putAttributes(o, node);
            java.util.LinkedHashMap<String, java.util.List<JsonNode>> byName = new java.util.LinkedHashMap<>();
            for (long k = NativeMemory.pointer(node + nodeKids); k != 0; k = NativeMemory.pointer(k + nodeNext)) {
                byName.computeIfAbsent(str(k + nodeName), x -> new java.util.ArrayList<>()).add(nodeJson(k, depth + 1));
            }
            byName.forEach((n, vs) -> o.set(n, vs.size() == 1 ? vs.get(0) : JSON.arrayNode().addAll(vs)));
            return o;
        }
        ArrayNode a = JSON.arrayNode();
        for (long k = NativeMemory.pointer(node + nodeKids); k != 0; k = NativeMemory.pointer(k + nodeNext)) {
            String n = str(k + nodeName);
            JsonNode v = nodeJson(k, depth + 1);
            if (n == null || n.isEmpty()) {
                a.add(v);
            } else {
                a.add(JSON.objectNode().set(n, v));
            }
        }
        return a;
    }

    private JsonNode nodeJson(long node, int depth) {
        if (depth > MAX_DEPTH) {
            throw new IllegalStateException("MI reply tree deeper than " + MAX_DEPTH);
        }
        count();
        String value = str(node + nodeValue);
        boolean hasKids = NativeMemory.pointer(node + nodeKids) != 0;
        boolean hasAttrs = NativeMemory.pointer(node + nodeAttrs) != 0;
        if (!hasKids && !hasAttrs) {
            return value == null ? JSON.nullNode() : JSON.textNode(value);
        }
        ObjectNode o;
        if (hasKids) {
            JsonNode kids = kidsOf(node, depth);
            if (kids.isArray()) {
                o = JSON.objectNode();
                o.set("kids", kids);
                putAttributes(o, node);
            } else {
                o = (ObjectNode) kids;
            }
        } else {
            o = JSON.objectNode();
            putAttributes(o, node);
        }
        if (value != null) {
            ObjectNode withValue = JSON.objectNode();
            withValue.put("value", value);
            withValue.setAll(o);
            return withValue;
        }
        return o;
    }

    private void putAttributes(ObjectNode o, long node) {
        long a = NativeMemory.pointer(node + nodeAttrs);
        if (a == 0) {
            return;
        }
        ObjectNode attrs = JSON.objectNode();
        for (; a != 0; a = NativeMemory.pointer(a + attrNext)) {
            count();
            String n = str(a + attrName);
            String v = str(a + attrValue);
            attrs.put(n == null ? "" : n, v);
        }
        o.set("attributes", attrs);
    }

    private void count() {
        if (++nodes > MAX_NODES) {
            throw new IllegalStateException("MI reply tree has more than " + MAX_NODES + " nodes");
        }
    }

    /** A str field at address: its bytes (not NUL-terminated), or null when s is NULL. */
    private String str(long address) {
        long s = NativeMemory.pointer(address + strS);
        int len = NativeMemory.int32(address + strLen);
        if (s == 0 || len < 0) {
            return null;
        }
        if (len > 16 * 1024 * 1024) {
            throw new IllegalStateException("MI reply string of " + len + " bytes");
        }
        return new String(new Pointer(s).getByteArray(0, len), StandardCharsets.UTF_8);
    }
}
