import org.sipbridge.core.ModuleSystem;
import org.sipbridge.core.Proto;
import org.sipbridge.core.ReceiveInfo;
import org.sipbridge.core.SipContext;
import org.sipbridge.module.Argument;
import org.sipbridge.module.CallSite;
import org.sipbridge.module.CurrentMessage;
import org.sipbridge.module.FunctionExport;
import org.sipbridge.module.RouteType;
import org.sipbridge.script.run.ScriptState;
import org.sipbridge.server.ServerOptions;
import org.sipbridge.server.SipServer;
import org.sipbridge.sip.Framing;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The checker's harness (scripts/check-opensips-compat.sh): one probe line per module,
 *
 * <pre>  [dep.so+...+]name.so [param=value | module:param=value ...] [-- fn(arg,...) ...]</pre>
 *
 * <ol>
 * <li>load: the module alone in a bare ModuleSystem (dlopen RTLD_NOW, version check);</li>
 * <li>init and child init: a minimal real server (SipServer) on a generated configuration
 *     that loads the chain in order with its modparams, listens on one loopback UDP port and
 *     has the probe calls in a route that never runs, so the script compiler wires the PV
 *     engine, the route tables, named flags, the listeners and the process table exactly as
 *     for an operator's opensips.cfg (is_script_func_used sees the probe functions, their
 *     fixups run as at start-up);</li>
 * <li>calls: each fn(...) bound again (its fixups run) and called once on a fresh copy of a
 *     fixed INVITE, on this thread; a call passes when it returns non-zero (0 = "stop the
 *     script"); the value is printed as it is;</li>
 * <li>destroy: the server stops (free_fixup, destroy_f, unload).</li>
 * </ol>
 * Placeholders in values: @WORK@ (scratch dir), @DB_URL@ (the checker's database),
 * @PORT@ (the server's UDP port), @PORT2@ (another free loopback port).
 */
public final class CompatCheck {
    private static final String INVITE = "INVITE sip:bob@example.com SIP/2.0\r\n"
            + "Via: SIP/2.0/UDP 192.0.2.10:5062;branch=z9hG4bK776asdhds\r\n"
            + "Max-Forwards: 70\r\n"
            + "To: Bob <sip:bob@example.com>\r\n"
            + "From: Alice <sip:alice@example.com>;tag=1928301774\r\n"
            + "Call-ID: a84b4c76e66710@pc33.example.com\r\n"
            + "CSeq: 314159 INVITE\r\n"
            + "Contact: <sip:alice@192.0.2.10:5062>\r\n"
            + "Content-Length: 0\r\n\r\n";
    private static final Pattern INIT_FAILED = Pattern.compile("init_f of module (\\S+) failed");
    private static final Pattern CHILD_FAILED = Pattern.compile("child_init\\(-?\\d+\\) of module (\\S+) failed");
    private static final Pattern AT_LINE = Pattern.compile("\\.cfg:(\\d+):\\d+");

    /** A check that has not ended after this long is reported and the JVM ends (the script goes on). */
    private static final long CHECK_LIMIT_MS = Long.getLong("compat.checkLimitMs", 120_000);

    /** Exit status asking the script for a new JVM: a module process ran (see check()). */
    private static final int NEW_JVM = 75;

    private final Path mpath;
    private final Path work;
    private final String dbUrl;
    // the current check's stages, for the watchdog's report
    private volatile String current;
    private volatile long startedAt;
    private volatile String stages = "no\t-\t-\t0/0\t-";

    private CompatCheck(Path mpath, Path work, String dbUrl) {
        this.mpath = mpath;
        this.work = work;
        this.dbUrl = dbUrl;
    }

    /** args: mpath, probe file, scratch dir, database URL ("-": none). */
    public static void main(String[] args) throws Exception {
        CompatCheck c = new CompatCheck(Path.of(args[0]).toAbsolutePath(), Path.of(args[2]).toAbsolutePath(),
                args.length > 3 && !args[3].equals("-") ? args[3] : "");
        Files.createDirectories(c.work.resolve("cfg"));
        Thread watchdog = new Thread(c::watch, "compat-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        for (String line : Files.readAllLines(Path.of(args[1]))) {
            line = line.strip();
            if (!line.isEmpty() && !line.startsWith("#") && c.check(line)) {
                System.exit(NEW_JVM);
            }
        }
        System.exit(0);   // module threads (timers, processes) of a failed start must not keep the JVM
    }

    private void watch() {
        while (true) {
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                return;
            }
            String name = current;
            if (name != null && System.currentTimeMillis() - startedAt > CHECK_LIMIT_MS) {
                System.out.println("RESULT\t" + name + "\t" + stages + "\ta stage did not end within "
                        + CHECK_LIMIT_MS / 1000 + " s (the JVM is ended; the next modules run in a new one)");
                System.out.flush();
                Runtime.getRuntime().halt(3);
            }
        }
    }

    /** One probe line, parsed. */
    private record Probe(List<String> chain, String name, Map<String, List<String[]>> params, List<String> calls) {
    }

    private Probe parse(String line) {
        String[] halves = line.split(" -- ", 2);
        List<String> head = tokens(halves[0].trim());
        List<String> chain = new ArrayList<>();
        for (String f : head.get(0).split("\\+")) {
            chain.add(f.replaceFirst("\\.so$", ""));
        }
        String name = chain.get(chain.size() - 1);
        Map<String, List<String[]>> params = new LinkedHashMap<>();
        for (int i = 1; i < head.size(); i++) {
            String t = head.get(i);
            int eq = t.indexOf('=');
            int colon = t.indexOf(':');
            String module = name;
            String key = t.substring(0, eq);
            if (colon > 0 && colon < eq) {   // module:param=value sets a module of the chain
                module = t.substring(0, colon);
                key = t.substring(colon + 1, eq);
            }
            // a quoted value stays a string ("@PORT@" for a STR_PARAM port), a bare number is an integer
            params.computeIfAbsent(module, k -> new ArrayList<>()).add(new String[] {key, t.substring(eq + 1)});
        }
        List<String> calls = new ArrayList<>();
        if (halves.length > 1) {
            for (String c : halves[1].trim().split("\\s+(?=[A-Za-z_][A-Za-z0-9_]*\\()")) {
                if (!c.isBlank()) {
                    calls.add(c.trim());
                }
            }
        }
        return new Probe(chain, name, params, calls);
    }

    /** Whitespace-separated tokens; a double-quoted part may hold spaces (db_virtual's "define set1 FAILOVER"). */
    private static List<String> tokens(String s) {
        List<String> out = new ArrayList<>();
        StringBuilder b = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"') {
                quoted = !quoted;
                b.append(c);
            } else if (Character.isWhitespace(c) && !quoted) {
                if (b.length() > 0) {
                    out.add(b.toString());
                    b.setLength(0);
                }
            } else {
                b.append(c);
            }
        }
        if (b.length() > 0) {
            out.add(b.toString());
        }
        return out;
    }

    private static String unquote(String v) {
        return v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"") ? v.substring(1, v.length() - 1) : v;
    }

    /**
     * Runs one probe line; true when a module of it had module processes (procs): their
     * threads may outlive the server that started them (a C loop cannot be stopped from
     * outside), so the next modules run in a new JVM rather than next to them.
     */
    private boolean check(String line) {
        boolean hadProcs = false;
        Probe p = parse(line);
        startedAt = System.currentTimeMillis();
        stages = "no\t-\t-\t0/" + p.calls().size() + "\t-";
        current = p.name();
        String load = "no", init = "-", child = "-", destroy = "-";
        int callsOk = 0;
        String error = "";
        // 1. load: the module alone, as before (a dependency's failure must not hide this stage)
        ModuleSystem alone = new ModuleSystem();
        try {
            alone.setMpath(List.of(mpath));
            alone.loadModule(p.name() + ".so", null);
            load = "yes";
        } catch (Throwable e) {
            error = oneLine(e.getMessage());
        } finally {
            try {
                alone.close();
            } catch (Throwable ignored) {
                // the load result above is what is reported
            }
        }
        if (load.equals("yes")) {
            SipServer server = null;
            Config cfg = null;
            try {
                int port = freePort();
                cfg = config(p, port);
                init = "no";
                stages = "yes\tno\t-\t0/" + p.calls().size() + "\t-";
                try {
                    server = SipServer.start(cfg.file, ServerOptions.defaults().withWorkingDirectory(cfg.file.getParent()));
                    for (org.sipbridge.module.Module m : server.script().modules().registry().modules()) {
                        hadProcs |= m instanceof org.sipbridge.bridge.NativeModule nm && nm.procsAddress() != 0;
                    }
                    init = "yes";
                    child = "yes";
                } catch (Throwable e) {
                    String[] stage = classify(p, cfg, e);
                    init = stage[0];
                    child = stage[1];
                    throw new IllegalStateException(stage[2], e);
                }
                stages = "yes\tyes\tyes\t0/" + p.calls().size() + "\t-";
                callsOk = calls(p, server, port);
                destroy = "no";
                stages = "yes\tyes\tyes\t" + callsOk + "/" + p.calls().size() + "\tno";
                SipServer s = server;
                server = null;
                s.close();
                destroy = "yes";
            } catch (Throwable e) {
                error = oneLine(e.getMessage());
                if (server != null) {
                    try {
                        server.close();
                    } catch (Throwable ignored) {
                        // the error above is what is reported
                    }
                }
            }
        }
        current = null;
        System.out.println("RESULT\t" + p.name() + "\t" + load + "\t" + init + "\t" + child + "\t"
                + callsOk + "/" + p.calls().size() + "\t" + destroy + "\t" + error);
        System.out.flush();
        return hadProcs;
    }

    /** The stage a failed start stopped at: {init, child, message}. */
    private static String[] classify(Probe p, Config cfg, Throwable e) {
        String msg = oneLine(e.getMessage());
        Matcher m = INIT_FAILED.matcher(msg);
        if (m.find()) {
            String who = m.group(1);
            return new String[] {"no", "-", who.equals(p.name()) ? msg : "needs " + who + ", whose init failed: " + msg};
        }
        m = CHILD_FAILED.matcher(msg);
        if (m.find()) {
            return new String[] {"yes", "no", msg};
        }
        m = AT_LINE.matcher(msg);
        if (m.find()) {
            int line = Integer.parseInt(m.group(1));
            if (line >= cfg.firstCallLine) {   // a probe call's fixup, after every mod_init passed
                return new String[] {"yes", "-", msg};
            }
            String what = cfg.lines.get(line - 1).trim();
            if (what.startsWith("loadmodule") && !what.contains("\"" + p.name() + ".so\"")) {
                return new String[] {"no", "-", "needs " + what.replaceAll("loadmodule \"(.*)\\.so\"", "$1") + ": " + msg};
            }
        }
        return new String[] {"no", "-", msg};
    }

    /** A generated opensips.cfg and where its probe calls start. */
    private record Config(Path file, List<String> lines, int firstCallLine) {
    }

    private Config config(Probe p, int port) throws IOException {
        List<String> l = new ArrayList<>();
        l.add("# generated by scripts/check-opensips-compat.sh for module " + p.name());
        l.add("mpath=\"" + mpath + "/\"");
        l.add("children=1");
        l.add("listen=udp:127.0.0.1:" + port);
        int port2 = -1;
        for (String m : p.chain()) {
            l.add("loadmodule \"" + m + ".so\"");
            for (String[] kv : p.params().getOrDefault(m, List.of())) {
                boolean quoted = kv[1].startsWith("\"");
                String v = unquote(kv[1]).replace("@WORK@", work.toString()).replace("@DB_URL@", dbUrl)
                        .replace("@PORT@", Integer.toString(port));
                if (v.contains("@PORT2@")) {
                    port2 = port2 < 0 ? freePort() : port2;
                    v = v.replace("@PORT2@", Integer.toString(port2));
                }
                String value = !quoted && v.matches("-?\\d+") ? v : "\"" + v.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
                l.add("modparam(\"" + m + "\", \"" + kv[0] + "\", " + value + ")");
            }
        }
        l.add("route {");
        l.add("    if ($rU == \"sipbridge-compat-never\") {");
        int first = l.size() + 1;
        for (String c : p.calls()) {
            l.add("        " + c + ";");
        }
        l.add("    }");
        l.add("    exit;");
        l.add("}");
        Path file = work.resolve("cfg").resolve(p.name() + ".cfg");
        Files.write(file, l, StandardCharsets.UTF_8);
        return new Config(file, l, first);
    }

    /** Each probe call bound again and run once on a fresh INVITE; the number that returned non-zero. */
    private static int calls(Probe p, SipServer server, int port) {
        ModuleSystem ms = server.script().modules();
        List<CallSite> sites = new ArrayList<>();
        for (String c : p.calls()) {
            String fn = c.substring(0, c.indexOf('('));
            String inner = c.substring(c.indexOf('(') + 1, c.lastIndexOf(')'));
            List<Argument> a = new ArrayList<>();
            if (!inner.isEmpty()) {
                for (String s : inner.split(",")) {
                    a.add(Argument.string(s.trim().replaceAll("^\"|\"$", "")));
                }
            }
            FunctionExport f = ms.lookup(fn, a.size(), RouteType.REQUEST);
            if (f == null) {
                throw new IllegalStateException("no function " + fn + "/" + a.size());
            }
            sites.add(ms.bind(f, a));
        }
        int ok = 0;
        byte[] b = INVITE.getBytes(StandardCharsets.US_ASCII);
        ReceiveInfo rcv = new ReceiveInfo(Proto.UDP, new InetSocketAddress("192.0.2.10", 5062),
                new InetSocketAddress("127.0.0.1", port), 0);
        try (SipContext ctx = new SipContext()) {
            for (int i = 0; i < sites.size(); i++) {
                ctx.load(ByteBuffer.wrap(b), 0, b.length, Framing.DATAGRAM, rcv);
                ScriptState s = ScriptState.of(ctx);   // what the main route starts a request with
                s.startMessage();
                s.startRun();
                ctx.setRouteType(RouteType.REQUEST);
                CurrentMessage.set(ctx);
                int r = sites.get(i).call(ctx);
                System.out.println("CALL " + p.name() + " " + p.calls().get(i) + " -> " + r);
                if (r != 0) {
                    ok++;
                }
            }
        }
        return ok;
    }

    private static int freePort() throws IOException {
        try (DatagramSocket s = new DatagramSocket(0, InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        }
    }

    private static String oneLine(String s) {
        return String.valueOf(s).replace('\t', ' ').replace('\n', ' ');
    }
}
