package org.sipbridge.bridge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.jna.Pointer;
import jnr.ffi.LibraryLoader;
import jnr.ffi.LibraryOption;
import org.sipbridge.mi.MiCommand;
import org.sipbridge.mi.MiException;
import org.sipbridge.mi.MiParams;
import org.sipbridge.mi.MiRegistry;
import org.sipbridge.mi.MiTree;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Makes the one MI registry reachable from C transports (mi_fifo, mi_datagram, any module
 * calling lookup_mi_cmd): it publishes every command to the core (native/mi_publish.c) and
 * runs core/Java commands when C calls them.
 *
 * <p>A C module's command is published with its own function, which the core calls
 * directly (under the module's lock) on the transport's thread. A core or Java command is
 * published with an id; when C runs it, {@link #run} reads the request tree into
 * {@link MiParams} (all kids unnamed: an array of their values; all named: an object, a
 * repeated name an array), runs the command and writes its {@link MiCommand#tree} (1.11's
 * shape, by default made from the JSON answer by {@link org.sipbridge.mi.JsonMiTree}) as the
 * reply tree in pkg memory (the C caller frees it). A failure is a tree with the error code
 * (JSON-RPC codes mapped to 400, 404 and 500) and its message as reason.
 *
 * <p>The core's callback is process-wide: one server's registry is published at a time
 * (the last one started), as with the other upcalls.
 */
public final class MiPublisher implements MiCalls.JavaRunner {
    private static final Logger log = LoggerFactory.getLogger("org.sipbridge.mi");
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final int MAX_REQUEST_NODES = 10_000;
    private static MiPublisher instance;

    private final MiCalls calls;
    private final int rootNode, nodeValue, nodeName, nodeKids, nodeNext, strS, strLen;
    private volatile List<MiCommand> published = List.of();

    private MiPublisher(NativeCore core) {
        this.calls = LibraryLoader.create(MiCalls.class).option(LibraryOption.IgnoreError, true)
                .failImmediately().load(core.path().toString());
        CoreCalls c = core.calls();
        rootNode = c.sb_mi_layout(2);
        nodeValue = c.sb_mi_layout(3);
        nodeName = c.sb_mi_layout(4);
        nodeKids = c.sb_mi_layout(6);
        nodeNext = c.sb_mi_layout(7);
        strS = c.sb_mi_layout(12);
        strLen = c.sb_mi_layout(13);
        calls.sb_mi_set_java_runner(this);
    }

    public static synchronized MiPublisher get(NativeCore core) {
        if (instance == null) {
            instance = new MiPublisher(core);
        }
        return instance;
    }

    MiCalls calls() {
        return calls;
    }

    /** Publishes every command of reg (replacing what an earlier server published). */
    public synchronized void publish(MiRegistry reg) {
        List<MiCommand> javaSide = new ArrayList<>();
        calls.sb_mi_publish_begin();
        int refused = 0;
        for (MiCommand c : reg.all()) {
            int r;
            if (c instanceof NativeMiCommand n) {
                r = calls.sb_mi_publish_c(c.name(), c.help(), c.module(), n.moduleIndex(), n.function(),
                        n.param(), n.initFunction(), n.flags());
            } else {
                r = calls.sb_mi_publish_java(c.name(), c.help(), c.module(), javaSide.size());
                if (r == 0) {
                    javaSide.add(c);
                }
            }
            if (r < 0) {
                refused++;
            }
        }
        published = List.copyOf(javaSide);
        calls.sb_mi_publish_end();
        if (refused > 0) {
            log.warn("{} MI command(s) could not be offered to C transports (no function, or the table is full)",
                    refused);
        }
    }

    /** A module process (module_exports.procs) as the process table lists it. */
    public record ModuleProcess(int index, int pid, String description) {
    }

    /** The module processes of the running server (threads the core started natively). */
    public List<ModuleProcess> moduleProcesses() {
        List<ModuleProcess> l = new ArrayList<>();
        int[] pid = new int[1];
        byte[] buf = new byte[64];
        for (int n = 0; n < 1024; n++) {
            int idx = calls.sb_mi_module_proc(n, pid, buf, buf.length);
            if (idx < 0) {
                break;
            }
            int len = 0;
            while (len < buf.length && buf[len] != 0) {
                len++;
            }
            l.add(new ModuleProcess(idx, pid[0], new String(buf, 0, len, StandardCharsets.UTF_8)));
        }
        return l;
    }

    /** The server stops: C transports find no command any more. */
    public synchronized void unpublish() {
        calls.sb_mi_unpublish();
        published = List.of();
    }

    @Override
    public long run(int id, long req) {
        try {
            List<MiCommand> l = published;
            if (id < 0 || id >= l.size()) {
                return reply(500, "MI command not available");
            }
            MiCommand c = l.get(id);
            JsonNode result;
            try {
                result = c.run(params(req));
            } catch (MiException e) {
                return reply(miCode(e.code()), e.getMessage());
            }
            return reply(c.tree(result));
        } catch (RuntimeException | Error e) {
            log.error("MI command (id {}) called from C failed", id, e);
            try {
                return reply(500, "Server Internal Error");
            } catch (RuntimeException again) {
                return 0;
            }
        }
    }

    private static int miCode(int code) {
        if (code >= 100 && code < 700) {
            return code;
        }
        return switch (code) {
            case MiException.INVALID_PARAMS, MiException.INVALID_REQUEST, MiException.PARSE_ERROR -> 400;
            case MiException.METHOD_NOT_FOUND -> 404;
            default -> 500;
        };
    }

    private long reply(int code, String reason) {
        long r = calls.sb_mi_reply_new(code, reason);
        if (r == 0) {
            throw new IllegalStateException("out of pkg memory for an MI reply");
        }
        return r;
    }

    // ---- request tree -> params

    private MiParams params(long req) {
        if (req == 0 || req == -1L) {
            return MiParams.none();
        }
        List<String> names = new ArrayList<>();
        List<String> values = new ArrayList<>();
        int count = 0;
        boolean anyNamed = false;
        boolean anyUnnamed = false;
        for (long k = NativeMemory.pointer(req + rootNode + nodeKids); k != 0; k = NativeMemory.pointer(k + nodeNext)) {
            if (++count > MAX_REQUEST_NODES) {
                throw MiException.badParams("more than " + MAX_REQUEST_NODES + " arguments");
            }
            if (NativeMemory.pointer(k + nodeKids) != 0) {
                throw MiException.badParams("nested arguments are not taken by this command");
            }
            String n = str(k + nodeName);
            if (n == null || n.isEmpty()) {
                anyUnnamed = true;
                names.add(null);
            } else {
                anyNamed = true;
                names.add(n);
            }
            values.add(str(k + nodeValue));
        }
        if (count == 0) {
            return MiParams.none();
        }
        if (anyNamed && anyUnnamed) {
            throw MiException.badParams("arguments must be all named or all positional");
        }
        if (anyUnnamed) {
            ArrayNode a = JSON.arrayNode();
            values.forEach(v -> a.add(v == null ? JSON.nullNode() : JSON.textNode(v)));
            return new MiParams(a);
        }
        ObjectNode o = JSON.objectNode();
        for (int i = 0; i < names.size(); i++) {
            JsonNode v = values.get(i) == null ? JSON.nullNode() : JSON.textNode(values.get(i));
            JsonNode old = o.get(names.get(i));
            if (old == null) {
                o.set(names.get(i), v);
            } else if (old.isArray()) {
                ((ArrayNode) old).add(v);
            } else {
                o.set(names.get(i), JSON.arrayNode().add(old).add(v));
            }
        }
        return new MiParams(o);
    }

    private String str(long address) {
        long s = NativeMemory.pointer(address + strS);
        int len = NativeMemory.int32(address + strLen);
        if (s == 0 || len <= 0) {
            return null;
        }
        if (len > 1024 * 1024) {
            throw MiException.badParams("an argument of " + len + " bytes");
        }
        return new String(new Pointer(s).getByteArray(0, len), StandardCharsets.UTF_8);
    }

    // ---- result -> reply tree

    /** Writes tree into a new 200 reply in pkg memory (freed again when pkg runs out). */
    private long reply(MiTree tree) {
        long root = reply(200, "OK");
        try {
            long node = calls.sb_mi_root_node(root);
            for (MiTree k : tree.kids()) {
                write(node, k);
            }
            return root;
        } catch (RuntimeException e) {
            NativeCore.get().calls().sb_mi_free(root);
            throw e;
        }
    }

    private void write(long parent, MiTree t) {
        long n = calls.sb_mi_add_kid(parent, t.name(), t.value());
        if (n == 0) {
            throw new IllegalStateException("out of pkg memory for an MI reply");
        }
        for (MiTree.Attribute a : t.attributes()) {
            if (calls.sb_mi_add_attr(n, a.name(), a.value()) != 0) {
                throw new IllegalStateException("out of pkg memory for an MI reply");
            }
        }
        for (MiTree k : t.kids()) {
            write(n, k);
        }
    }
}
