package org.sipbridge.script;

import org.sipbridge.script.ast.GlobalSetting;
import org.sipbridge.script.ast.IntegerSetting;
import org.sipbridge.script.ast.Script;
import org.sipbridge.script.parse.ConfigException;

import java.util.Map;
import java.util.Set;

/**
 * The settings that keep one stuck module, slow peer or bad value from taking the server
 * down (docs/reliability.md), and the range checks of the integer settings the server
 * cannot start with, done at compile time so {@code -c} refuses them with their
 * {@code file:line:column} as the start would.
 *
 * @param moduleCallLimitMs    {@code module_call_limit} (ms): a worker that is longer than
 *                             this in one message (a C call that does not return, most
 *                             often) is logged with its module, function and message, and
 *                             gets no new Call-IDs until it is back
 * @param moduleLockTimeoutMs  {@code module_lock_timeout} (ms): how long a call waits for a
 *                             module's lock before it fails and the request takes the
 *                             script's error path (500)
 * @param tcpMaxMsgTimeSeconds {@code tcp_max_msg_time} (s, OpenSIPS 1.11's name): a TCP
 *                             message must arrive whole within this time after its first
 *                             byte, else the connection is closed (slow senders)
 * @param tcpMaxConnections    {@code tcp_max_connections} (OpenSIPS 1.11's name): open TCP
 *                             connections, accepted plus opened
 */
public record ReliabilitySettings(int moduleCallLimitMs, int moduleLockTimeoutMs, int tcpMaxMsgTimeSeconds,
                                  int tcpMaxConnections) {

    public static final ReliabilitySettings DEFAULTS = new ReliabilitySettings(2000, 3000, 4, 2048);

    /** The integer settings this record reads; the parser accepts them as positive integers. */
    public static final Set<String> NAMES = Set.of("module_call_limit", "module_lock_timeout", "tcp_max_msg_time",
            "tcp_max_connections");

    private record Range(int min, int max, String unit) {
    }

    /** Every integer setting the server bounds, with the range it accepts. */
    private static final Map<String, Range> RANGES = Map.of(
            "children", new Range(1, 1024, "worker threads"),
            "udp_receivers", new Range(1, 64, "receiving threads per UDP listener"),
            "tcp_idle_timeout", new Range(1, 86_400 * 7, "seconds"),
            "module_call_limit", new Range(10, 3_600_000, "milliseconds"),
            "module_lock_timeout", new Range(1, 3_600_000, "milliseconds"),
            "tcp_max_msg_time", new Range(1, 3600, "seconds"),
            "tcp_max_connections", new Range(1, 1 << 20, "connections"));

    /** The values of script (the last line of a setting wins, as in OpenSIPS). */
    public static ReliabilitySettings of(Script script) {
        int call = DEFAULTS.moduleCallLimitMs, lock = DEFAULTS.moduleLockTimeoutMs;
        int msgTime = DEFAULTS.tcpMaxMsgTimeSeconds, conns = DEFAULTS.tcpMaxConnections;
        for (GlobalSetting g : script.globals()) {
            Integer v = integer(g);
            if (v != null) {
                switch (g.name()) {
                    case "module_call_limit" -> call = v;
                    case "module_lock_timeout" -> lock = v;
                    case "tcp_max_msg_time" -> msgTime = v;
                    case "tcp_max_connections" -> conns = v;
                    default -> { }
                }
            }
        }
        return new ReliabilitySettings(call, lock, msgTime, conns);
    }

    /** Refuses an integer setting out of the range the server can run with, at its location. */
    public static void check(Script script) {
        for (GlobalSetting g : script.globals()) {
            Integer v = integer(g);
            Range r = RANGES.get(g.name());
            if (v != null && r != null && (v < r.min || v > r.max)) {
                throw new ConfigException(g.location(), g.name() + " = " + v + " is out of range",
                        "an integer from " + r.min + " to " + r.max + " (" + r.unit + ")");
            }
        }
    }

    /** The value of an integer setting: sipbridge's own, or a 1.11 core setting (tcp_*). */
    private static Integer integer(GlobalSetting g) {
        if (g instanceof IntegerSetting i) {
            return i.value();
        }
        if (g instanceof org.sipbridge.script.ast.CoreSetting c && c.value() instanceof Integer n) {
            return n;
        }
        return null;
    }
}
