package org.sipbridge.mi;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One management command, core or module, Java or C. {@link #run} answers with a JSON value
 * (the JSON-RPC {@code result}) or throws {@link MiException} (the JSON-RPC {@code error}).
 * Commands are called from the transport's threads; each implementation is responsible for
 * its own thread rules (C commands run on the MI thread under their module's lock).
 */
public interface MiCommand {
    String name();

    /** The module that exports it ("core" for the core's). */
    String module();

    String help();

    JsonNode run(MiParams params);
}
