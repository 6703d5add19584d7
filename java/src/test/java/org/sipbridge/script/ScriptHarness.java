package org.sipbridge.script;

import org.sipbridge.core.SipContext;
import org.sipbridge.module.JavaModule;
import org.sipbridge.script.parse.ScriptParser;
import org.sipbridge.sip.Framing;
import org.sipbridge.sip.SipError;
import org.sipbridge.testing.SlotMessage;
import org.sipbridge.testing.TestModules;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * A compiled script and one worker context with a recording outbound: load a message, run
 * a route, look at what was sent. Scripts get {@code mpath} = the test modules.
 */
public final class ScriptHarness implements AutoCloseable {
    public static final String INVITE = SlotMessage.crlf("""
            INVITE sip:bob@biloxi.example.com SIP/2.0
            Via: SIP/2.0/UDP 192.0.2.10:5062;branch=z9hG4bK74bf9
            Max-Forwards: 70
            From: "Alice" <sip:alice@atlanta.example.com>;tag=9fxced76sl
            To: <sip:bob@biloxi.example.com>
            Call-ID: 3848276298220188511@atlanta.example.com
            CSeq: 314159 INVITE
            Contact: <sip:alice@192.0.2.10:5062>
            User-Agent: test-ua/1.0
            X-Multi: one
            X-Multi: two
            Content-Length: 0

            """);

    public final CompiledScript script;
    public final SipContext ctx = new SipContext();
    public final RecordingOutbound out = new RecordingOutbound();

    private ScriptHarness(CompiledScript script) {
        this.script = script;
        ctx.setOutbound(out);
    }

    /** Compiles text as t.cfg; mpath points at the test modules. */
    public static ScriptHarness of(String text, JavaModule... javaModules) {
        // at the end, so line numbers in messages are those of text
        String withPath = text + "\nmpath=\"" + TestModules.dir() + "\"\n";
        return new ScriptHarness(CompiledScript.compile(ScriptParser.parse("t.cfg", withPath),
                CompileOptions.defaults().withJavaModules(javaModules)));
    }

    /** Compiles a file as given (examples). */
    public static ScriptHarness ofFile(Path file) throws java.io.IOException {
        return new ScriptHarness(CompiledScript.compileFile(file,
                new CompileOptions(TestModules.repo(), List.of())));
    }

    public ScriptHarness load(String message) {
        byte[] b = message.getBytes(StandardCharsets.UTF_8);
        SipError e = ctx.load(ByteBuffer.wrap(b), 0, b.length, Framing.DATAGRAM, SlotMessage.FROM_CLIENT);
        if (e != SipError.NONE) {
            throw new IllegalArgumentException("test message refused: " + e);
        }
        out.sent.clear();
        return this;
    }

    public RunResult request(String message) {
        load(message);
        return script.runRequest(ctx);
    }

    public RunResult request() {
        return request(INVITE);
    }

    @Override
    public void close() {
        script.close();
        ctx.close();
    }
}
