package org.sipbridge.server;

import org.sipbridge.core.Proto;
import org.sipbridge.testing.TestModules;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A sipbridge server running in this JVM for a test: the configuration text is written to a
 * file (with {@code mpath} pointing at the test modules appended, so line numbers stay the
 * text's own), started, and stopped by {@link #close}. {@link #freePort()} gives a port for
 * the listen lines (the configuration language wants a real one); {@link #udp()} and
 * {@link #tcp()} tell the bound addresses.
 */
public final class TestServer implements AutoCloseable {
    public final SipServer server;
    public final Path file;

    private TestServer(SipServer server, Path file) {
        this.server = server;
        this.file = file;
    }

    public static TestServer start(Path dir, String config) throws ServerException {
        Path file = write(dir, config);
        return new TestServer(SipServer.start(file, ServerOptions.defaults().withWorkingDirectory(dir)), file);
    }

    /** Writes config as dir/test.cfg with the test modules' mpath appended. */
    public static Path write(Path dir, String config) {
        Path file = dir.resolve("test.cfg");
        try {
            Files.writeString(file, config + "\nmpath=\"" + TestModules.dir() + "\"\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /** A UDP port on 127.0.0.1 no other test of this JVM got (see UdpPorts). */
    public static int freePort() {
        return org.sipbridge.e2e.UdpPorts.free();
    }

    /** A UDP stateless proxy with C functions in its route, like examples/proxy.cfg, on a free port. */
    public static String proxyConfig(int children) {
        return """
                listen=udp:127.0.0.1:%d
                children=%d
                loadmodule "maxfwd.so"
                loadmodule "textops.so"
                route {
                	if (!mf_process_maxfwd_header("10")) {
                		sl_send_reply("483", "Too Many Hops");
                		exit;
                	}
                	if (is_method("OPTIONS") && uri == myself) {
                		sl_send_reply("200", "OK");
                		exit;
                	}
                	append_hf("X-Proxied: yes\\r\\n");
                	forward();
                }
                """.formatted(freePort(), children);
    }

    public InetSocketAddress udp() {
        return server.localAddress(Proto.UDP);
    }

    public InetSocketAddress tcp() {
        return server.localAddress(Proto.TCP);
    }

    public ServerStats stats() {
        return server.stats();
    }

    /**
     * The counter once it reached {@code expected} (within 2 s), else its last value: a
     * worker counts a message after sending it, so a test that just received the message
     * may look a moment too early.
     */
    public long await(java.util.function.ToLongFunction<ServerStats> counter, long expected) {
        long end = System.nanoTime() + 2_000_000_000L;
        long v;
        while ((v = counter.applyAsLong(server.stats())) != expected && System.nanoTime() < end) {
            Thread.onSpinWait();
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return v;
    }

    @Override
    public void close() {
        server.stop();
    }
}
