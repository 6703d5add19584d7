package org.sipbridge.script;

import org.openjdk.jmh.annotations.*;
import org.sipbridge.core.Proto;
import org.sipbridge.core.ReceiveInfo;
import org.sipbridge.core.SipContext;
import org.sipbridge.core.SipOutbound;
import org.sipbridge.script.parse.ScriptParser;
import org.sipbridge.sip.Framing;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One INVITE through a typical main route of ten steps: maxfwd, is_method and append_hf
 * from C modules (textops also brings has_totag: four C calls), an if on $rU, $var
 * assignments, an xlog at a disabled level, and forward() into an outbound that builds the
 * outgoing bytes with the slot's builder. Each operation loads the message again (copy +
 * Java parse, measured alone by {@link #loadOnly}), since the route edits it.
 * {@link #javaBuiltins} is the same route with the Java core functions instead of textops.
 * Run with scripts/bench-script.sh (from the repository root).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Dsipbridge.core=target/native/libsipbridge.so"})
public class ScriptBenchmark {

    static final String ROUTE = """
            route {
                if (!mf_process_maxfwd_header("10")) {
                    sl_send_reply("483", "Too Many Hops");
                    exit;
                }
                if (has_totag()) {
                    forward();
                    exit;
                }
                if (is_method("INVITE|MESSAGE")) {
                    $var(kind) = "call";
                }
                if ($rU == "bob") {
                    $var(user) = $rU;
                }
                $var(hops) = 1;
                xlog("L_DBG", "$rm $ru from $si kind=$var(kind)\\n");
                append_hf("X-Proxied: yes\\r\\n");
                forward();
            }
            """;

    static final byte[] INVITE = ("INVITE sip:bob@biloxi.example.com SIP/2.0\r\n"
            + "Via: SIP/2.0/UDP 192.0.2.10:5062;branch=z9hG4bK74bf9\r\n"
            + "Max-Forwards: 70\r\n"
            + "From: \"Alice\" <sip:alice@atlanta.example.com>;tag=9fxced76sl\r\n"
            + "To: <sip:bob@biloxi.example.com>\r\n"
            + "Call-ID: 3848276298220188511@atlanta.example.com\r\n"
            + "CSeq: 314159 INVITE\r\n"
            + "Contact: <sip:alice@192.0.2.10:5062>\r\n"
            + "User-Agent: bench/1.0\r\n"
            + "Content-Length: 0\r\n\r\n").getBytes(StandardCharsets.US_ASCII);

    static final ReceiveInfo RCV = new ReceiveInfo(Proto.UDP, new InetSocketAddress("192.0.2.10", 5062),
            new InetSocketAddress("127.0.0.1", 5070), 0);

    /** Builds what would be sent and keeps only its length: no strings, no copies. */
    static final class BuildingOutbound implements SipOutbound {
        static final byte[] VIA = "Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bKbench\r\n"
                .getBytes(StandardCharsets.US_ASCII);
        int lastLength;

        @Override
        public boolean reply(SipContext ctx, int code, String reason) {
            ctx.nativeMessage();
            lastLength = ctx.slot().buildLocalReply(code, reason, "tag");
            return true;
        }

        @Override
        public boolean forward(SipContext ctx, String destination) {
            ctx.nativeMessage();
            lastLength = ctx.slot().buildRequest(VIA, VIA.length);
            return true;
        }
    }

    @State(Scope.Thread)
    public abstract static class Worker {
        final ByteBuffer source = ByteBuffer.wrap(INVITE);
        final BuildingOutbound out = new BuildingOutbound();
        CompiledScript script;
        SipContext ctx;

        abstract String modules();

        String route() {
            return ROUTE;
        }

        @Setup
        public void setup() {
            String text = "log_level=3\nmpath=\"target/modules\"\n" + modules() + route();
            script = CompiledScript.compile(ScriptParser.parse("bench.cfg", text),
                    new CompileOptions(Path.of("").toAbsolutePath(), List.of()));
            ctx = new SipContext();
            ctx.setOutbound(out);
            script.childInit(1);
            if (run() != RunResult.COMPLETED || out.lastLength < INVITE.length) {
                throw new IllegalStateException("the route did not forward the request");
            }
        }

        RunResult run() {
            ctx.load(source, 0, INVITE.length, Framing.DATAGRAM, RCV);
            return script.runRequest(ctx);
        }

        @TearDown
        public void tearDown() {
            script.close();
            ctx.close();
        }
    }

    public static class CModules extends Worker {
        @Override
        String modules() {
            return "loadmodule \"maxfwd.so\"\nloadmodule \"textops.so\"\n";
        }
    }

    /** route { forward(); }: message load, the C view (the builder needs it), forward build, route entry. */
    public static class Minimal extends Worker {
        @Override
        String modules() {
            return "";
        }

        @Override
        String route() {
            return "route { forward(); }";
        }
    }

    public static class JavaBuiltins extends Worker {
        @Override
        String modules() {
            return "loadmodule \"maxfwd.so\"\n";
        }
    }

    /** The typical route: 4 C calls (maxfwd, textops x3), the rest in Java. */
    @Benchmark
    public int cModules(CModules w) {
        w.run();
        return w.out.lastLength;
    }

    /** The same route with has_totag, is_method and append_hf from the Java core. */
    @Benchmark
    public int javaBuiltins(JavaBuiltins w) {
        w.run();
        return w.out.lastLength;
    }

    /** The fixed cost around any route: load, view, forward build (see {@link Minimal}). */
    @Benchmark
    public int minimalRoute(Minimal w) {
        w.run();
        return w.out.lastLength;
    }

    /** Only the message load (copy into the slot, Java parse): subtract it from the others. */
    @Benchmark
    public int loadOnly(CModules w) {
        w.ctx.load(w.source, 0, INVITE.length, Framing.DATAGRAM, RCV);
        return w.ctx.message().headerCount();
    }
}
