package org.sipbridge.script;

import org.junit.jupiter.api.Test;
import org.sipbridge.testing.SlotMessage;
import org.sipbridge.testing.TestModules;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The configurations in examples/: check mode passes, and requests give the expected bytes. */
class ExamplesTest {
    private static final Path REPO = TestModules.repo();

    private static final String OPTIONS = SlotMessage.crlf("""
            OPTIONS sip:127.0.0.1:5070 SIP/2.0
            Via: SIP/2.0/UDP 192.0.2.10:5062;branch=z9hG4bKopt1
            Max-Forwards: 70
            From: <sip:monitor@atlanta.example.com>;tag=m1
            To: <sip:127.0.0.1:5070>
            Call-ID: options-1@192.0.2.10
            CSeq: 1 OPTIONS
            Content-Length: 0

            """);

    private static ScriptHarness example(String name) throws Exception {
        return ScriptHarness.ofFile(REPO.resolve("examples").resolve(name));
    }

    private static String check(String name) {
        return check(name, new CompileOptions(REPO, List.of()));
    }

    private static String check(String name, CompileOptions options) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = ScriptCheck.check(REPO.resolve("examples").resolve(name), options,
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals("", err.toString(StandardCharsets.UTF_8));
        assertEquals(0, code);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void everyExamplePassesCheckMode() {
        String proxy = check("proxy.cfg");
        assertEquals(true, proxy.contains("\nfunctions:\n  maxfwd:mf_process_maxfwd_header/1"), proxy);
        assertEquals(true, proxy.endsWith("is valid\n"), proxy);
        check("mixed.cfg");
        String stateful = check("stateful.cfg",
                org.sipbridge.server.ServerOptions.defaults().withWorkingDirectory(REPO).compileOptions());
        assertEquals(true, stateful.contains("tm:t_relay/0"), stateful);
        assertEquals(true, stateful.contains("Java transaction layer"), stateful);
        String openser = check("openser.cfg");
        assertEquals(true, openser.contains("C, OpenSER 1.1 dialect"), openser);
    }

    @Test
    void proxyForwardsWithDecrementedMaxForwardsAndTheMark() throws Exception {
        try (ScriptHarness h = example("proxy.cfg")) {
            assertEquals(RunResult.COMPLETED, h.request());
            RecordingOutbound.Sent sent = h.out.only();
            assertEquals("sip:bob@biloxi.example.com", sent.destination());
            assertEquals(SlotMessage.crlf("""
                    INVITE sip:bob@biloxi.example.com SIP/2.0
                    Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bKsbtest
                    Via: SIP/2.0/UDP 192.0.2.10:5062;branch=z9hG4bK74bf9
                    Max-Forwards: 69
                    From: "Alice" <sip:alice@atlanta.example.com>;tag=9fxced76sl
                    To: <sip:bob@biloxi.example.com>
                    Call-ID: 3848276298220188511@atlanta.example.com
                    CSeq: 314159 INVITE
                    Contact: <sip:alice@192.0.2.10:5062>
                    User-Agent: test-ua/1.0
                    X-Multi: one
                    X-Multi: two
                    Content-Length: 0
                    X-Proxied: yes

                    """), sent.text());
        }
    }

    @Test
    void proxyAnswersOptionsToItselfAndRefusesExhaustedRequests() throws Exception {
        try (ScriptHarness h = example("proxy.cfg")) {
            assertEquals(RunResult.EXITED, h.request(OPTIONS));
            assertEquals(SlotMessage.crlf("""
                    SIP/2.0 200 OK
                    Via: SIP/2.0/UDP 192.0.2.10:5062;branch=z9hG4bKopt1
                    From: <sip:monitor@atlanta.example.com>;tag=m1
                    To: <sip:127.0.0.1:5070>;tag=sbtag
                    Call-ID: options-1@192.0.2.10
                    CSeq: 1 OPTIONS
                    Server: OpenSIPS (1.11.0-sipbridge (x86_64/linux))
                    Content-Length: 0

                    """), h.out.only().text());

            assertEquals(RunResult.EXITED, h.request(ScriptHarness.INVITE.replace("Max-Forwards: 70", "Max-Forwards: 0")));
            assertEquals(true, h.out.only().text().startsWith("SIP/2.0 483 Too Many Hops\r\n"), h.out.only().text());
        }
    }

    @Test
    void mixedRewritesForUsAndMarksWithValuesFromCAndJava() throws Exception {
        try (ScriptHarness h = example("mixed.cfg")) {
            assertEquals(RunResult.COMPLETED, h.request(ScriptHarness.INVITE.replace("INVITE sip:bob@biloxi.example.com",
                    "INVITE sip:bob@proxy.example.com")));
            RecordingOutbound.Sent sent = h.out.only();
            assertEquals("sip:127.0.0.1:5080", sent.destination());
            assertEquals(SlotMessage.crlf("""
                    INVITE sip:carol@biloxi.example.com SIP/2.0
                    Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bKsbtest
                    Via: SIP/2.0/UDP 192.0.2.10:5062;branch=z9hG4bK74bf9
                    Max-Forwards: 69
                    From: "Alice" <sip:alice@atlanta.example.com>;tag=9fxced76sl
                    To: <sip:bob@biloxi.example.com>
                    Call-ID: 3848276298220188511@atlanta.example.com
                    CSeq: 314159 INVITE
                    Contact: <sip:alice@192.0.2.10:5062>
                    User-Agent: test-ua/1.0
                    X-Multi: one
                    X-Multi: two
                    Content-Length: 0
                    X-Caller: alice@atlanta.example.com
                    X-Kind: call

                    """), sent.text());

            assertEquals(RunResult.EXITED, h.request(ScriptHarness.INVITE.replace("INVITE sip:", "REGISTER sip:")
                    .replace("CSeq: 314159 INVITE", "CSeq: 314159 REGISTER")));
            assertEquals(true, h.out.only().text().startsWith("SIP/2.0 405 Method Not Allowed\r\n"), h.out.only().text());
        }
    }

    @Test
    void openserModuleRunsInTheSameRoute() throws Exception {
        try (ScriptHarness h = example("openser.cfg")) {
            assertEquals(RunResult.COMPLETED, h.request());
            assertEquals(true, h.out.only().text().startsWith("SIP/2.0 404 Not Here\r\n"), h.out.only().text());
            assertEquals("C, OpenSER 1.1 dialect", h.script.modules().registry().module("MyMod").orElseThrow().kind());
        }
    }
}
