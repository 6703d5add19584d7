package org.sipbridge.ops;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.sipbridge.server.TestServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * One server for a whole test class, reachable over MI: httpd (on a free port) and mi_http
 * loaded, two workers, plus the class's own modules, modparams and routes; started before
 * the class's tests in a temporary directory, stopped and removed after them. Use it as
 * {@code @RegisterExtension static final MiHttpServer mi = new MiHttpServer("...")}.
 */
final class MiHttpServer implements BeforeAllCallback, AfterAllCallback {
    private final String modulesAndRoutes;
    private Path dir;
    private TestServer server;
    private MiRpcClient rpc;

    MiHttpServer(String modulesAndRoutes) {
        this.modulesAndRoutes = modulesAndRoutes;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        dir = Files.createTempDirectory("sipbridge-mi");
        server = TestServer.start(dir, """
                listen=udp:127.0.0.1:%d
                children=2
                loadmodule "httpd.so"
                loadmodule "mi_http.so"
                modparam("httpd", "port", 0)
                """.formatted(TestServer.freePort()) + modulesAndRoutes);
        rpc = MiRpcClient.of(server);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (server != null) {
            server.close();
        }
        if (dir != null) {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    TestServer server() {
        return server;
    }

    MiRpcClient rpc() {
        return rpc;
    }
}
