package org.sipbridge.mi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.sipbridge.logging.LogLevels;
import org.sipbridge.stats.Stat;
import org.sipbridge.stats.StatsRegistry;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The core MI commands' answers as OpenSIPS 1.11's mi_fifo prints them (MiTree.toString is
 * its line format), next to their JSON: the shapes 1.11's mi_core.c and statistics.c give.
 */
class CoreMiTreeShapesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final MiRegistry reg = new MiRegistry();

    CoreMiTreeShapesTest() {
        StatsRegistry stats = new StatsRegistry();
        stats.add(() -> List.of(Stat.counter("core", "rcv_requests", () -> 7, null),
                Stat.gauge("shmem", "used_size", () -> 1024)));
        CoreMiCommands.registerAll(reg, new MiContext("sipbridge 1.0", Instant.parse("2026-12-02T09:05:03Z"),
                List.of("sipbridge", "-f", "x.cfg"), Path.of("/srv/sip"), List::of, stats,
                new LogLevels(3, false, l -> { }), () -> { }));
    }

    private String fifo(String command, String params) throws Exception {
        MiCommand c = reg.find(command).orElseThrow();
        MiParams p = params == null ? MiParams.none() : new MiParams(JSON.readTree(params));
        return c.tree(c.run(p)).toString();
    }

    @Test
    void psIsProcessNodesWithAttributesOverFifoAndObjectsOverJson() throws Exception {
        JsonNode json = JSON.readTree("""
                {"Processes":[{"ID":0,"PID":4711,"Type":"main"},{"ID":12,"PID":4711,"Type":"sip-worker-1"}]}""");
        assertEquals("Process::  ID=0 PID=4711 Type=main\nProcess::  ID=12 PID=4711 Type=sip-worker-1\n",
                CoreMiCommands.processTree(json).toString());
        // the command itself: the same shape for the threads of this JVM
        MiCommand ps = reg.find("ps").orElseThrow();
        JsonNode live = ps.run(MiParams.none());
        assertTrue(live.get("Processes").isArray() && live.get("Processes").size() > 0, live.toString());
        MiTree tree = ps.tree(live);
        assertEquals(live.get("Processes").size(), tree.kids().size());
        for (MiTree k : tree.kids()) {
            assertEquals("Process", k.name());
            assertEquals(null, k.value());
            assertEquals(List.of("ID", "PID", "Type"), k.attributes().stream().map(MiTree.Attribute::name).toList());
            assertTrue(k.kids().isEmpty());
        }
    }

    @Test
    void theOtherCoreCommandsKeep111sNamedOrUnnamedNodes() throws Exception {
        assertEquals("WD:: /srv/sip\n", fifo("pwd", null));
        assertEquals("Server:: sipbridge 1.0\n", fifo("version", null));
        assertEquals("sipbridge\n-f\nx.cfg\n", fifo("arg", null));
        assertTrue(fifo("which", null).lines().anyMatch("get_statistics"::equals));
        assertEquals("core:rcv_requests:: 7\nshmem:used_size:: 1024\n", fifo("get_statistics", "[\"all\"]"));
        assertEquals("DEBUG:: 3\n", fifo("debug", null));
        assertEquals("Help:: the server's version\nExported by:: core\n", fifo("help", "[\"version\"]"));
        assertTrue(fifo("help", null).startsWith("Usage:: help mi_cmd"));
        String up = fifo("uptime", null);
        assertTrue(up.matches("Now:: .*\nUp since:: .*\nUp time:: \\d+ \\[sec]\n"), up);
    }

    @Test
    void uptimeDatesReadAsCtime() {
        // ctime pads the day of the month to two characters with a space
        assertEquals("Wed Dec  2 09:05:03 2026",
                CoreMiCommands.CTIME.withZone(java.time.ZoneOffset.UTC).format(Instant.parse("2026-12-02T09:05:03Z")));
        assertEquals("Sat Dec 12 09:05:03 2026",
                CoreMiCommands.CTIME.withZone(java.time.ZoneOffset.UTC).format(Instant.parse("2026-12-12T09:05:03Z")));
    }

    @Test
    void statisticsThatMatchNothingAreA404As111AndABadDebugLevelIsRefused() throws Exception {
        MiException e = assertThrows(MiException.class, () -> fifo("get_statistics", "[\"nosuch:\"]"));
        assertEquals(404, e.code());
        assertEquals("Statistics Not Found", e.getMessage());
        assertEquals(404, assertThrows(MiException.class, () -> fifo("reset_statistics", "[\"nosuch\"]")).code());
        // a known name among unknown ones: reset, and 200 OK without kids (1.11 skips the unknown ones)
        assertEquals("", fifo("reset_statistics", "[\"nosuch\", \"core:rcv_requests\"]"));
        assertEquals(MiException.INVALID_PARAMS, assertThrows(MiException.class, () -> fifo("debug", "[\"99\"]")).code());
    }

    @Test
    void jsonMapsToNamedKidsRepeatedNamesAndUnnamedValues() throws Exception {
        MiTree t = JsonMiTree.of(JSON.readTree("{\"a\":1,\"b\":[\"x\",\"y\"],\"c\":{\"d\":null},\"e\":[{\"f\":2}]}"));
        assertEquals("a:: 1\nb:: x\nb:: y\nc:: \n\td:: \ne:: \n\tf:: 2\n", t.toString());
        assertEquals("", JsonMiTree.of(JSON.readTree("\"OK\"")).toString());
        assertEquals("42\n", JsonMiTree.of(JSON.readTree("42")).toString());
    }
}
