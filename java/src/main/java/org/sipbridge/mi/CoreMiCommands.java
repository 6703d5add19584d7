package org.sipbridge.mi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.sipbridge.module.Module;
import org.sipbridge.stats.Stat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The core's MI commands, with OpenSIPS 3.x names, parameters and JSON answers: which, ps,
 * uptime, version, pwd, arg, get_statistics, list_statistics, reset_statistics, log_level
 * (also per module: sipbridge's extra {@code module} parameter), list_modules, kill, help;
 * and 1.11's debug. Through a C transport (mi_fifo, mi_datagram) each answers with 1.11's
 * tree: the JSON's own mapping where the shapes agree, {@code ps}'s Process nodes with
 * attributes where they do not.
 */
public final class CoreMiCommands {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    /** ctime(3) without its newline, as 1.11's uptime prints it: "Wed Dec  2 17:31:30 2026". */
    static final DateTimeFormatter CTIME =
            DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss yyyy", Locale.ROOT).withZone(ZoneId.systemDefault());

    private CoreMiCommands() {
    }

    public static void registerAll(MiRegistry reg, MiContext ctx) {
        add(reg, "which", "lists the available MI commands", Set.of(), 0, p -> {
            ArrayNode a = JSON.arrayNode();
            reg.all().forEach(c -> a.add(c.name()));
            return a;
        });
        add(reg, "help", "describes an MI command", Set.of("mi_cmd"), 1, p -> {
            Optional<String> name = p.text("mi_cmd", 0).filter(x -> !x.isEmpty());
            if (name.isEmpty()) {   // 1.11: how to call help, not an error
                return JSON.objectNode().put("Usage", "help mi_cmd: the help text and the module of MI command mi_cmd");
            }
            String n = name.get();
            MiCommand c = reg.find(n).orElseThrow(() -> new MiException(404, "unknown MI command '" + n + "'"));
            return JSON.objectNode().put("Help", c.help()).put("Exported by", c.module());
        });
        add(reg, "ps", "lists the server's threads (OpenSIPS processes) and module processes", Set.of(), 0,
                p -> processes(), CoreMiCommands::processTree);
        add(reg, "uptime", "when the server started and how long it has run", Set.of(), 0, p -> {
            Instant now = Instant.now();
            return JSON.objectNode().put("Now", CTIME.format(now)).put("Up since", CTIME.format(ctx.started()))
                    .put("Up time", Duration.between(ctx.started(), now).toSeconds() + " [sec]");
        });
        add(reg, "version", "the server's version", Set.of(), 0,
                p -> JSON.objectNode().put("Server", ctx.version()));
        add(reg, "pwd", "the working directory", Set.of(), 0,
                p -> JSON.objectNode().put("WD", ctx.workDir().toString()));
        add(reg, "arg", "the command line", Set.of(), 0, p -> {
            ArrayNode a = JSON.arrayNode();
            ctx.args().forEach(a::add);
            return a;
        });
        add(reg, "get_statistics", "values of statistics: all, group: or [group:]name", Set.of("statistics"), 64,
                p -> {
                    List<String> specs = requireStats(p);
                    ObjectNode o = JSON.objectNode();
                    for (Stat s : ctx.stats().select(specs, null)) {
                        o.put(s.fullName(), s.value().getAsLong());
                    }
                    if (o.isEmpty()) {   // as 1.11: names that match nothing are an error
                        throw new MiException(404, "Statistics Not Found");
                    }
                    return o;
                });
        add(reg, "list_statistics", "names of statistics and whether they only grow", Set.of("statistics"), 64,
                p -> {
                    List<String> specs = statSpecs(p);
                    ObjectNode o = JSON.objectNode();
                    for (Stat s : ctx.stats().select(specs.isEmpty() ? List.of("all") : specs, null)) {
                        o.put(s.fullName(), s.incremental() ? "incremental" : "non-incremental");
                    }
                    return o;
                });
        add(reg, "reset_statistics", "sets counters back to 0", Set.of("statistics"), 64, p -> {
            List<Stat> found = ctx.stats().select(requireStats(p), null);
            if (found.isEmpty()) {   // as 1.11: unknown names are skipped, an error only when none is known
                throw new MiException(404, "Statistics Not Found");
            }
            for (Stat s : found) {
                if (s.reset() != null) {
                    s.reset().run();
                }
            }
            return JSON.textNode("OK");
        });
        add(reg, "log_level", "gets or sets the log level (level, and module for one module)",
                Set.of("level", "module"), 2, p -> logLevel(ctx, p));
        add(reg, "debug", "gets or sets the global log level (1.11's name for it)", Set.of("level"), 1, p -> {
            Optional<Integer> level = p.integer("level", 0);
            level.ifPresent(l -> ctx.logs().setGlobal(checkedLevel(l)));
            return JSON.objectNode().put("DEBUG", level.orElseGet(() -> ctx.logs().global()));
        });
        add(reg, "list_modules", "the loaded modules", Set.of(), 0, p -> {
            ArrayNode a = JSON.arrayNode();
            for (Module m : ctx.modules().get()) {
                a.addObject().put("Name", m.name()).put("Type", m.kind()).put("Version", m.version());
            }
            return JSON.objectNode().set("Modules", a);
        });
        add(reg, "kill", "stops the server (gracefully)", Set.of(), 0, p -> {
            Thread t = new Thread(() -> {
                try {
                    Thread.sleep(100); // let the reply leave first
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                ctx.kill().run();
            }, "sipbridge-mi-kill");
            t.start();
            return JSON.textNode("OK");
        });
    }

    private static List<String> requireStats(MiParams p) {
        List<String> specs = statSpecs(p);
        if (specs.isEmpty()) {
            throw MiException.badParams("missing 'statistics' (a list such as [\"core:\"] or [\"all\"])");
        }
        return specs;
    }

    /** {"statistics": [...]}, [[...]], or positional names ["core:", "sl:"] (the CLI's form). */
    private static List<String> statSpecs(MiParams p) {
        JsonNode raw = p.raw();
        if (raw != null && raw.isArray() && raw.size() > 0 && raw.get(0).isValueNode()) {
            List<String> l = new ArrayList<>();
            for (JsonNode v : raw) {
                if (!v.isValueNode()) {
                    throw MiException.badParams("statistics must be strings");
                }
                l.add(v.asText());
            }
            return l;
        }
        return p.list("statistics", 0);
    }

    private static JsonNode logLevel(MiContext ctx, MiParams p) {
        Optional<Integer> level = p.integer("level", 0);
        Optional<String> module = p.text("module", 1);
        if (module.isPresent() && ctx.modules().get().stream().noneMatch(m -> m.name().equals(module.get()))) {
            throw new MiException(404, "no module named '" + module.get() + "'");
        }
        if (level.isPresent()) {
            int l = checkedLevel(level.get());
            if (module.isPresent()) {
                ctx.logs().setModule(module.get(), l);
                return JSON.objectNode().put("Module", module.get()).put("New log level", l);
            }
            ctx.logs().setGlobal(l);
            return JSON.objectNode().put("New global log level", l);
        }
        if (module.isPresent()) {
            return JSON.objectNode().put("Module", module.get()).put("Log level", ctx.logs().module(module.get()));
        }
        ObjectNode o = JSON.objectNode();
        o.put("Global log level", ctx.logs().global());
        ArrayNode procs = JSON.arrayNode();
        for (JsonNode t : processes().get("Processes")) {
            ((ObjectNode) procs.addObject().setAll((ObjectNode) t)).put("Log level", ctx.logs().global());
        }
        o.set("Processes", procs);
        ObjectNode mods = JSON.objectNode();
        ctx.logs().moduleOverrides().forEach(mods::put);
        o.set("Modules", mods);
        return o;
    }

    private static int checkedLevel(int l) {
        if (l < -3 || l > 5) {
            throw MiException.badParams("level must be -3 (alert) .. 4 (debug), or 5 (trace)");
        }
        return l;
    }

    /** ps through a C transport, as 1.11 answers it: a "Process" node per process, with ID, PID and Type as attributes. */
    static MiTree processTree(JsonNode processes) {
        MiTree root = MiTree.root();
        for (JsonNode p : processes.get("Processes")) {
            root.kid("Process", null).attribute("ID", p.get("ID").asText()).attribute("PID", p.get("PID").asText())
                    .attribute("Type", p.get("Type").asText());
        }
        return root;
    }

    /** The threads of the server, as OpenSIPS lists its processes (ID, PID, Type). */
    static ObjectNode processes() {
        long pid = ProcessHandle.current().pid();
        List<Thread> threads = new ArrayList<>(Thread.getAllStackTraces().keySet());
        threads.sort(Comparator.comparingLong(Thread::getId));
        ArrayNode a = JSON.arrayNode();
        for (Thread t : threads) {
            String n = t.getName();
            if (n.equals("main") || n.startsWith("sip") || n.startsWith("timer") || n.startsWith("mi")
                    || n.contains("udp") || n.contains("tcp") || n.contains("http")) {
                a.addObject().put("ID", t.getId()).put("PID", pid).put("Type", n);
            }
        }
        // module processes (mi_fifo's "MI FIFO"...) are native threads: the process table
        // has them (ID: their table index, PID: their thread id)
        for (org.sipbridge.bridge.MiPublisher.ModuleProcess m
                : org.sipbridge.bridge.MiPublisher.get(org.sipbridge.bridge.NativeCore.get()).moduleProcesses()) {
            if (m.pid() > 0) {
                a.addObject().put("ID", m.index()).put("PID", m.pid()).put("Type", m.description());
            }
        }
        return (ObjectNode) JSON.objectNode().set("Processes", a);
    }

    private static void add(MiRegistry reg, String name, String help, Set<String> params, int maxPositional,
                            Function<MiParams, JsonNode> body) {
        add(reg, name, help, params, maxPositional, body, JsonMiTree::of);
    }

    private static void add(MiRegistry reg, String name, String help, Set<String> params, int maxPositional,
                            Function<MiParams, JsonNode> body, Function<JsonNode, MiTree> tree) {
        reg.register(new MiCommand() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public String module() {
                return "core";
            }

            @Override
            public String help() {
                return help;
            }

            @Override
            public JsonNode run(MiParams p) {
                p.only(params, maxPositional);
                return body.apply(p);
            }

            @Override
            public MiTree tree(JsonNode result) {
                return tree.apply(result);
            }
        });
    }
}
