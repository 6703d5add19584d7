package org.sipbridge.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.sipbridge.server.ServerException;
import org.sipbridge.server.TestServer;
import org.sipbridge.server.UdpPeer;
import org.sipbridge.testing.TestModules;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The example Java module (examples/java-module, compiled and jarred here exactly as the
 * build does) loaded by a configuration with loadmodule "hello.jar" and called between two C
 * functions; its modparam, statistic and MI command; jars that are missing or provide
 * nothing are refused with the loadmodule's file:line.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class JavaModuleJarTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    /** hello.jar built from the example's sources (and services file when withServices). */
    private Path buildJar(boolean withServices) throws IOException {
        Path example = TestModules.repo().resolve("examples/java-module");
        Path classes = Files.createDirectories(dir.resolve("classes"));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int r = javac.run(null, null, null, "--release", "17", "-cp", System.getProperty("java.class.path"), "-d",
                classes.toString(), example.resolve("src/org/sipbridge/examples/hello/HelloModule.java").toString());
        assertEquals(0, r, "the example compiles");
        Path jar = dir.resolve(withServices ? "hello.jar" : "empty.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            add(out, classes, classes);
            if (withServices) {
                add(out, example.resolve("resources"), example.resolve("resources"));
            }
        }
        return jar;
    }

    private static void add(JarOutputStream out, Path root, Path p) throws IOException {
        if (Files.isDirectory(p)) {
            try (Stream<Path> s = Files.list(p)) {
                for (Path c : s.sorted().toList()) {
                    add(out, root, c);
                }
            }
            return;
        }
        out.putNextEntry(new JarEntry(root.relativize(p).toString().replace('\\', '/')));
        Files.copy(p, out);
        out.closeEntry();
    }

    private static String request(UdpPeer peer, TestServer s, String method, int maxForwards, int n) {
        return method + " sip:x@127.0.0.1 SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:" + peer.port() + ";branch=z9hG4bK-hello-" + n + "-" + System.nanoTime() + "\r\n"
                + "From: <sip:a@127.0.0.1>;tag=1\r\nTo: <sip:x@127.0.0.1>\r\nCall-ID: hello-" + n + "-" + System.nanoTime()
                + "\r\nCSeq: 1 " + method + "\r\nMax-Forwards: " + maxForwards + "\r\nContent-Length: 0\r\n\r\n";
    }

    private static JsonNode mi(TestServer s, String method) throws IOException {
        byte[] out = s.server.management().jsonRpc().handle(
                ("{\"jsonrpc\":\"2.0\",\"method\":\"" + method + "\",\"id\":1}").getBytes(StandardCharsets.UTF_8));
        return JSON.readTree(out).get("result");
    }

    @Test
    void javaModuleRunsBetweenTwoCFunctions() throws Exception {
        Path jar = buildJar(true);
        String cfg = Files.readString(TestModules.repo().resolve("examples/java-module/hello.cfg"))
                .replace("listen=udp:127.0.0.1:5072", "listen=udp:127.0.0.1:" + TestServer.freePort())
                .replace("mpath=\"target/modules\"", "")
                .replace("loadmodule \"hello.jar\"", "loadmodule \"" + jar + "\"")
                .replace("loadmodule \"httpd.so\"\n", "").replace("loadmodule \"mi_http.so\"\n", "");
        try (TestServer s = TestServer.start(dir, cfg); UdpPeer peer = new UdpPeer()) {
            peer.send(s.udp(), request(peer, s, "OPTIONS", 70, 1));
            assertTrue(peer.expect().startsWith("SIP/2.0 200 OK"));
            peer.send(s.udp(), request(peer, s, "INVITE", 70, 2));
            assertTrue(peer.expect().startsWith("SIP/2.0 404 Not Here"));
            peer.send(s.udp(), request(peer, s, "OPTIONS", 0, 3));   // stopped by the first C function
            assertTrue(peer.expect().startsWith("SIP/2.0 483"));
            JsonNode show = mi(s, "hello_show");
            assertEquals("hi from the configuration", show.get("greeting").asText());
            assertEquals(1, show.get("seen").get("OPTIONS").asInt());
            assertEquals(1, show.get("seen").get("INVITE").asInt());
            JsonNode stats = s.server.management().jsonRpc().one(JSON.readTree(
                    "{\"jsonrpc\":\"2.0\",\"method\":\"get_statistics\",\"params\":[\"hello:\"],\"id\":2}"));
            assertEquals(2, stats.get("result").get("hello:hello_seen").asInt(), stats.toString());
            JsonNode mods = mi(s, "list_modules");
            assertTrue(mods.toString().contains("{\"Name\":\"hello\",\"Type\":\"Java\",\"Version\":\"hello 1.0 (sipbridge example)\"}"),
                    mods.toString());
        }
    }

    @Test
    void aJarThatIsMissingOrProvidesNothingIsRefusedWithItsLine() throws Exception {
        Path empty = buildJar(false);
        ServerException e = assertThrows(ServerException.class, () -> TestServer.start(dir,
                "listen=udp:127.0.0.1:" + TestServer.freePort() + "\nloadmodule \"" + empty + "\"\nroute { exit; }\n"));
        assertTrue(e.getMessage().contains("test.cfg:2:1"), e.getMessage());
        assertTrue(e.getMessage().contains("provides no module"), e.getMessage());
        ServerException missing = assertThrows(ServerException.class, () -> TestServer.start(dir,
                "listen=udp:127.0.0.1:" + TestServer.freePort() + "\n\nloadmodule \"nosuch.jar\"\nroute { exit; }\n"));
        assertTrue(missing.getMessage().contains("test.cfg:3:1"), missing.getMessage());
        assertTrue(missing.getMessage().contains("could not find Java module <nosuch.jar>"), missing.getMessage());
    }
}
