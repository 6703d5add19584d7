package org.sipbridge.script;

import ch.qos.logback.classic.Level;
import org.junit.jupiter.api.Test;
import org.sipbridge.module.RouteType;
import org.sipbridge.script.ast.BlockKind;
import org.sipbridge.script.parse.ScriptParser;
import org.sipbridge.script.run.LocalAddresses;
import org.sipbridge.testing.LogCapture;
import org.sipbridge.testing.SlotMessage;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The API the server uses: settings, route types, replies, other blocks, startup and timers. */
class CompiledScriptTest {
    private static final String REPLY = SlotMessage.crlf("""
            SIP/2.0 200 OK
            Via: SIP/2.0/UDP 192.0.2.10:5062;branch=z9hG4bK74bf9
            From: <sip:alice@atlanta.example.com>;tag=1
            To: <sip:bob@biloxi.example.com>;tag=2
            Call-ID: r@a
            CSeq: 1 INVITE
            Content-Length: 0

            """);

    @Test
    void settingsBecomeTheServerConfig() {
        ServerConfig c = ServerConfig.of(ScriptParser.parse("t.cfg", """
                listen=udp:127.0.0.1:5070
                listen=tcp:127.0.0.1:5071
                children=2
                log_level=2
                log_stderror=yes
                udp_receivers=3
                tcp_idle_timeout=30
                mpath="modules:/opt/sb"
                thread_safe_modules="maxfwd, textops"
                alias=sip.example.com:5060
                alias="example.com"
                """), Path.of("/srv/sipbridge"));
        assertEquals(List.of(new ServerConfig.Listen(org.sipbridge.script.ast.Transport.UDP, "127.0.0.1", 5070),
                new ServerConfig.Listen(org.sipbridge.script.ast.Transport.TCP, "127.0.0.1", 5071)), c.listens());
        assertEquals(2, c.children());
        assertEquals(2, c.logLevel());
        assertEquals(true, c.logStderror());
        assertEquals(3, c.udpReceivers());
        assertEquals(30, c.tcpIdleTimeout());
        assertEquals(List.of(Path.of("/srv/sipbridge/modules"), Path.of("/opt/sb")), c.mpath());
        assertEquals(List.of("maxfwd", "textops"), c.threadSafeModules());
        assertEquals(List.of(new LocalAddresses.HostPort("sip.example.com", 5060),
                new LocalAddresses.HostPort("example.com", 0)), c.aliases());
    }

    @Test
    void namedRoutesRunInTheTypesOfTheirCallers() {
        try (ScriptHarness h = ScriptHarness.of("""
                route { route(a); }
                failure_route[f] { route(b); }
                route[a] { route(b); }
                route[b] { xlog("b"); }
                route[unused] { exit; }
                timer_route[tick, 30] { xlog("tick"); }
                """)) {
            assertEquals(Map.of("route", RouteType.REQUEST, "failure_route[f]", RouteType.FAILURE,
                            "route[a]", RouteType.REQUEST, "route[b]", RouteType.REQUEST | RouteType.FAILURE,
                            "route[unused]", RouteType.REQUEST, "timer_route[tick]", RouteType.TIMER),
                    h.script.routeTypes());
        }
    }

    @Test
    void repliesRunOnreplyRouteAndDropStopsTheRelay() {
        try (ScriptHarness h = ScriptHarness.of("onreply_route { if ($rs == 200 && $hdr(X-Drop) != NULL) drop; }")) {
            h.load(REPLY);
            assertEquals(true, h.script.runReply(h.ctx));
            h.load(REPLY.replace("Content-Length: 0", "X-Drop: 1\r\nContent-Length: 0"));
            assertEquals(false, h.script.runReply(h.ctx));
        }
    }

    @Test
    void otherBlocksStartupAndTimers() {
        try (ScriptHarness h = ScriptHarness.of("""
                failure_route[missed] { xlog("failure $rU rc=$rc"); }
                startup_route { xlog("starting"); }
                timer_route[tick, 30] { xlog("tick"); }
                """); LogCapture log = new LogCapture("xlog", Level.DEBUG)) {
            h.load(ScriptHarness.INVITE);
            assertEquals(Optional.of(RunResult.COMPLETED), h.script.runRoute(BlockKind.FAILURE, "missed", h.ctx));
            assertEquals(Optional.empty(), h.script.runRoute(BlockKind.FAILURE, "other", h.ctx));
            assertEquals(RouteType.REQUEST, h.ctx.routeType(), "the caller's route type is given back");
            h.script.startupRoute().orElseThrow().apply(h.ctx);
            TimerRoute t = h.script.timerRoutes().get(0);
            assertEquals("tick 30", t.name() + " " + t.intervalSeconds());
            t.on(h.ctx).run();
            assertEquals(List.of("failure bob rc=0", "starting", "tick"), log.messages());
            h.script.childInit(1);
        }
    }
}
