package org.sipbridge.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.sipbridge.e2e.Sipp;
import org.sipbridge.e2e.SippResult;
import org.sipbridge.e2e.UdpPorts;
import org.sipbridge.testing.TestModules;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The install tree mvn package makes, run as an operator would: bin/sipbridge with a
 * configuration, MI over HTTP with curl, bin/sipbridge-cli and java.net.http, statistics
 * under SIPp traffic, /metrics, log_level changed at run time (its effect in the log), and
 * the signals (SIGUSR1, SIGHUP, SIGTERM, SIGINT) and MI kill with exit status and log lines.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class InstallTreeIT {
    private static final Pattern HTTPD = Pattern.compile("httpd: listening on http://127\\.0\\.0\\.1:(\\d+)");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static Path install;

    @TempDir
    Path dir;

    @BeforeAll
    static void findInstall() throws IOException {
        try (Stream<Path> s = Files.list(TestModules.repo().resolve("target"))) {
            Path dist = s.filter(p -> p.getFileName().toString().matches("sipbridge-.*-dist") && Files.isDirectory(p))
                    .findFirst().orElseThrow(() -> new IllegalStateException("no install tree: run mvn package"));
            try (Stream<Path> t = Files.list(dist)) {
                install = t.findFirst().orElseThrow();
            }
        }
        for (String f : List.of("bin/sipbridge", "bin/sipbridge-cli", "lib/sipbridge.jar", "lib/libsipbridge.so",
                "modules/maxfwd.so", "etc/sipbridge.cfg", "etc/systemd/sipbridge.service",
                "lib/cmake/Sipbridge/SipbridgeConfig.cmake", "include/sipbridge/sr_module.h")) {
            assertTrue(Files.exists(install.resolve(f)), f + " in " + install);
        }
    }

    /** A server of the install tree, its log (stderr) in a file. */
    private final class Server implements AutoCloseable {
        final Process process;
        final Path log;
        final int sipPort = UdpPorts.free();
        final URI mi;
        final URI metrics;

        Server() throws Exception {
            Path cfg = dir.resolve("ops.cfg");
            Files.writeString(cfg, """
                    listen=udp:127.0.0.1:%d
                    children=2
                    log_level=3
                    log_stderror=yes
                    mpath="%s"
                    loadmodule "maxfwd.so"
                    loadmodule "textops.so"
                    loadmodule "mitest.so"
                    loadmodule "httpd.so"
                    loadmodule "mi_http.so"
                    loadmodule "prometheus.so"
                    modparam("httpd", "port", 0)
                    route {
                    	mi_hit();
                    	if (!mf_process_maxfwd_header("10")) {
                    		sl_send_reply("483", "Too Many Hops");
                    		exit;
                    	}
                    	if (is_method("OPTIONS") && uri == myself) {
                    		sl_send_reply("200", "OK");
                    		exit;
                    	}
                    	forward();
                    }
                    """.formatted(sipPort, install.resolve("modules")));
            log = dir.resolve("server-" + System.nanoTime() + ".log");
            process = new ProcessBuilder(install.resolve("bin/sipbridge").toString(), "-f", cfg.toString(),
                    "-P", dir.resolve("sipbridge.pid").toString())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            int port = -1;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(40);
            while (port < 0 && System.nanoTime() < deadline && process.isAlive()) {
                Matcher m = HTTPD.matcher(read());
                if (m.find()) {
                    port = Integer.parseInt(m.group(1));
                } else {
                    Thread.sleep(100);
                }
            }
            assertTrue(port > 0, "the server did not start: " + read());
            mi = URI.create("http://127.0.0.1:" + port + "/mi");
            metrics = URI.create("http://127.0.0.1:" + port + "/metrics");
            assertEquals(Long.toString(process.pid()), Files.readString(dir.resolve("sipbridge.pid")).trim());
        }

        String read() throws IOException {
            return Files.readString(log, StandardCharsets.UTF_8);
        }

        JsonNode call(String method, String params) throws Exception {
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(mi)
                    .timeout(Duration.ofSeconds(20)).POST(HttpRequest.BodyPublishers.ofString(
                            "{\"jsonrpc\":\"2.0\",\"method\":\"" + method + "\""
                                    + (params == null ? "" : ",\"params\":" + params) + ",\"id\":1}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode(), r.body());
            JsonNode n = JSON.readTree(r.body());
            assertFalse(n.has("error"), n.toString());
            return n.get("result");
        }

        int signal(String sig) throws Exception {
            return new ProcessBuilder("kill", "-" + sig, Long.toString(process.pid())).start().waitFor();
        }

        int awaitExit() throws Exception {
            assertTrue(process.waitFor(30, TimeUnit.SECONDS), "did not stop: " + read());
            return process.exitValue();
        }

        void awaitLog(String text) throws Exception {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            while (!read().contains(text) && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertTrue(read().contains(text), "'" + text + "' not in the log:\n" + read());
        }

        InetSocketAddress sip() {
            return new InetSocketAddress("127.0.0.1", sipPort);
        }

        @Override
        public void close() throws Exception {
            if (process.isAlive()) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    private static String run(List<String> cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), String.join(" ", cmd) + ": " + out);
        return out;
    }

    @Test
    void miStatisticsMetricsLogLevelAndSignals() throws Exception {
        try (Server s = new Server()) {
            // curl, as an operator would
            String uptime = run(List.of("curl", "-sS", "-X", "POST", "-H", "Content-Type: application/json", "-d",
                    "{\"jsonrpc\":\"2.0\",\"method\":\"uptime\",\"id\":1}", s.mi.toString()));
            assertTrue(uptime.contains("\"Up time\""), uptime);
            String version = run(List.of("curl", "-sS", "-d", "{\"jsonrpc\":\"2.0\",\"method\":\"version\",\"id\":2}",
                    s.mi.toString()));
            assertTrue(version.contains("sipbridge 0."), version);
            String echo = run(List.of("curl", "-sS", "-d",
                    "{\"jsonrpc\":\"2.0\",\"method\":\"mitest_echo\",\"params\":[\"x\"],\"id\":3}", s.mi.toString()));
            assertTrue(echo.contains("\"arg\":\"x\""), echo);
            String bad = run(List.of("curl", "-sS", "-d", "{oops", s.mi.toString()));
            assertTrue(bad.contains("-32700"), bad);

            // statistics under SIPp traffic, read with the CLI
            long before = s.call("get_statistics", "[\"core:rcv_requests\"]").get("core:rcv_requests").asLong();
            SippResult options = Sipp.optionsUac(s.sip()).rate(20).calls(20).timeout(Duration.ofSeconds(30)).run(dir);
            assertTrue(options.clean(20), options::describe);
            String cli = run(List.of(install.resolve("bin/sipbridge-cli").toString(), "-u", s.mi.toString(),
                    "get_statistics", "core:", "mitest:"));
            JsonNode stats = JSON.readTree(cli);
            assertTrue(stats.get("core:rcv_requests").asLong() >= before + 20, cli);
            assertTrue(stats.get("mitest:mitest_hits").asLong() >= 20, cli);

            // /metrics parsed
            String text = run(List.of("curl", "-sS", s.metrics.toString()));
            assertNotNull(sample(text, "opensips_core_rcv_requests_total"), text);
            assertTrue(Double.parseDouble(sample(text, "opensips_core_rcv_requests_total")) >= 20);
            assertNotNull(sample(text, "opensips_worker_queue_depth{worker=\"1\"}"), text);
            assertTrue(text.contains("jvm_memory_used_bytes"), "JVM");

            // log_level at run time: mitest's LM_DBG appears only after it was raised to 4
            Sipp.optionsUac(s.sip()).rate(10).calls(1).timeout(Duration.ofSeconds(20)).run(dir);
            assertFalse(s.read().contains("DBG:mitest:mi_hit: hit number"), "debug off at log_level=3");
            assertEquals(4, s.call("log_level", "{\"level\":4}").get("New global log level").asInt());
            Sipp.optionsUac(s.sip()).rate(10).calls(1).timeout(Duration.ofSeconds(20)).run(dir);
            s.awaitLog("DBG:mitest:mi_hit: hit number");
            s.call("log_level", "{\"level\":3}");

            // SIGUSR1: memory and statistics in the log, still serving
            assertEquals(0, s.signal("USR1"));
            s.awaitLog("SIGUSR1: done, still serving");
            assertTrue(s.read().contains("SIGUSR1: memory: module mitest: pkg"), s.read());
            assertTrue(s.read().contains("SIGUSR1: statistic core:rcv_requests = "), s.read());
            // SIGHUP: ignored
            assertEquals(0, s.signal("HUP"));
            s.awaitLog("SIGHUP received: ignored");
            assertTrue(s.process.isAlive());
            assertTrue(s.call("uptime", null).has("Up time"));
            // SIGTERM: graceful, exit 0
            assertEquals(0, s.signal("TERM"));
            assertEquals(0, s.awaitExit(), s.read());
            String log = s.read();
            assertTrue(log.contains("INFO:core:signals: SIGTERM received: stopping"), log);
            assertTrue(log.contains("INFO:core:server: sipbridge stopped in"), log);
            assertFalse(Files.exists(dir.resolve("sipbridge.pid")), "pid file removed");
        }
    }

    @Test
    void sigintAndMiKillExitZero() throws Exception {
        try (Server s = new Server()) {
            assertEquals(0, s.signal("INT"));
            assertEquals(0, s.awaitExit());
            assertTrue(s.read().contains("SIGINT received: stopping"), s.read());
        }
        try (Server s = new Server()) {
            assertEquals("OK", s.call("kill", null).asText());
            assertEquals(0, s.awaitExit());
            assertTrue(s.read().contains("sipbridge stopped in"), s.read());
        }
    }

    @Test
    void checkModeFromTheInstallUsesThePackagedConfiguration() throws Exception {
        String out = run(List.of(install.resolve("bin/sipbridge").toString(), "-c"));
        assertTrue(out.contains("listen: udp:127.0.0.1:5060"), out);
        assertTrue(out.contains("etc/sipbridge.cfg is valid"), out);
        String v = run(List.of(install.resolve("bin/sipbridge").toString(), "-V"));
        assertTrue(v.startsWith("sipbridge " + versionOfPom()), v);
    }

    private static String versionOfPom() throws IOException {
        Matcher m = Pattern.compile("<version>([^<]+)</version>").matcher(
                Files.readString(TestModules.repo().resolve("pom.xml")));
        assertTrue(m.find());
        return m.group(1);
    }

    /** The value of one sample line of the Prometheus text format, or null. */
    static String sample(String text, String name) {
        List<String> found = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.startsWith(name + " ")) {
                found.add(line.substring(name.length() + 1).trim());
            }
        }
        return found.isEmpty() ? null : found.get(0);
    }
}
