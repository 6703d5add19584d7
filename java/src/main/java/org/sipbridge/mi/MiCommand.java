package org.sipbridge.mi;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One management command, core or module, Java or C. {@link #run} answers with a JSON value
 * (the JSON-RPC {@code result}; {@link #tree} makes the tree a C transport prints from it)
 * or throws {@link MiException} (the JSON-RPC {@code error}).
 * Commands are called from the transport's threads; each implementation is responsible for
 * its own thread rules (C commands run on the MI thread under their module's lock).
 */
public interface MiCommand {
    String name();

    /** The module that exports it ("core" for the core's). */
    String module();

    String help();

    JsonNode run(MiParams params);

    /**
     * The answer as a C transport (mi_fifo, mi_datagram) receives it. The default maps the
     * JSON ({@link JsonMiTree}); a core command whose OpenSIPS 1.11 tree differs from that
     * (attributes, as in {@code ps}) builds 1.11's shape here.
     */
    default MiTree tree(JsonNode result) {
        return JsonMiTree.of(result);
    }
}
