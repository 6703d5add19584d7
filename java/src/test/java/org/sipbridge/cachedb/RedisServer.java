package org.sipbridge.cachedb;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A throw-away redis-server for tests: runs in a temporary directory, listening on
 * 127.0.0.1 on a free port, no persistence. {@link #stop()} and {@link #start()} take it
 * away and bring it back on the same port (the fault tests); {@link #close()} stops it and
 * deletes the directory.
 */
public final class RedisServer implements AutoCloseable {
    public final Path dir;
    public final int port;
    private Process process;

    private RedisServer(Path dir, int port) {
        this.dir = dir;
        this.port = port;
    }

    public static Path executable() {
        for (String p : List.of("/usr/bin/redis-server", "/usr/local/bin/redis-server", "/usr/sbin/redis-server")) {
            if (Files.isExecutable(Path.of(p))) {
                return Path.of(p);
            }
        }
        throw new IllegalStateException("redis-server is not installed (scripts/ensure-tools.sh installs it)");
    }

    public static RedisServer launch() throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("sipbridge-redis");
        int port;
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            port = s.getLocalPort();
        }
        RedisServer r = new RedisServer(dir, port);
        r.start();
        return r;
    }

    public String url() {
        return "redis://127.0.0.1:" + port + "/";
    }

    public synchronized void start() throws IOException, InterruptedException {
        if (process != null && process.isAlive()) {
            return;
        }
        process = new ProcessBuilder(executable().toString(), "--port", String.valueOf(port), "--bind", "127.0.0.1",
                "--dir", dir.toString(), "--save", "", "--appendonly", "no", "--daemonize", "no",
                "--unixsocket", "", "--protected-mode", "yes", "--logfile", dir.resolve("redis.log").toString())
                .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(dir.resolve("stdout").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("redis-server exited: " + Files.readString(dir.resolve("stdout"))
                        + (Files.exists(dir.resolve("redis.log")) ? Files.readString(dir.resolve("redis.log")) : ""));
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                s.getOutputStream().write("PING\r\n".getBytes());
                byte[] b = new byte[7];
                if (s.getInputStream().read(b) > 0 && new String(b).startsWith("+PONG")) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(50);
        }
        throw new IOException("redis-server did not answer on port " + port);
    }

    /** Stops the server at once (clients see their connections closed). */
    public synchronized void stop() throws InterruptedException {
        if (process != null) {
            process.destroy();   // SIGTERM: redis exits (no save configured)
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            process = null;
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        stop();
        try (var walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
