package org.sipbridge.db;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A throw-away PostgreSQL server for tests: initdb in a temporary directory, listening on
 * 127.0.0.1 on a free port (no Unix socket outside the directory), trust authentication.
 * PostgreSQL refuses to run as root: then it runs as the system user "postgres" (runuser).
 * Stopped and deleted by {@link #close()}.
 */
final class PgServer implements AutoCloseable {
    final Path dir;
    final int port;
    private final Path bin;
    private final boolean asPostgres;

    private PgServer(Path bin, Path dir, int port, boolean asPostgres) {
        this.bin = bin;
        this.dir = dir;
        this.port = port;
        this.asPostgres = asPostgres;
    }

    /** The newest /usr/lib/postgresql/N/bin holding pg_ctl, or null. */
    static Path binaries() {
        Path root = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(root)) {
            return null;
        }
        Path best = null;
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(root)) {
            for (Path p : ds) {
                Path b = p.resolve("bin");
                if (Files.isExecutable(b.resolve("pg_ctl")) && Files.isExecutable(b.resolve("initdb"))
                        && (best == null || p.getFileName().toString().compareTo(best.getParent().getFileName().toString()) > 0)) {
                    best = b;
                }
            }
        } catch (IOException e) {
            return null;
        }
        return best;
    }

    static PgServer start() throws IOException, InterruptedException {
        Path bin = binaries();
        if (bin == null) {
            throw new IllegalStateException("PostgreSQL is not installed (scripts/ensure-tools.sh installs it)");
        }
        boolean root = "root".equals(System.getProperty("user.name"));
        Path dir = Files.createTempDirectory("sipbridge-pg");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
        int port;
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            port = s.getLocalPort();
        }
        PgServer pg = new PgServer(bin, dir, port, root);
        pg.run(60, bin.resolve("initdb").toString(), "-D", dir.resolve("data").toString(), "-U", "sipbridge",
                "-A", "trust", "-E", "UTF8", "--no-sync");
        Files.writeString(dir.resolve("data/postgresql.conf"),
                "\nlisten_addresses = '127.0.0.1'\nport = " + port + "\nunix_socket_directories = '"
                        + dir + "'\nfsync = off\nshared_buffers = 16MB\nmax_connections = 100\n",
                java.nio.file.StandardOpenOption.APPEND);
        pg.startServer();
        pg.run(30, bin.resolve("createdb").toString(), "-h", "127.0.0.1", "-p", String.valueOf(port),
                "-U", "sipbridge", "sipbridge");
        return pg;
    }

    String url() {
        return "postgres://sipbridge@127.0.0.1:" + port + "/sipbridge";
    }

    String jdbc() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/sipbridge?user=sipbridge";
    }

    void startServer() throws IOException, InterruptedException {
        run(60, bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-l",
                dir.resolve("log").toString(), "-w", "-t", "30", "start");
    }

    /** Stops at once: clients are disconnected (the fault test's "the database goes away"). */
    void stopServer() throws IOException, InterruptedException {
        run(60, bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-m", "fast",
                "-w", "-t", "30", "stop");
    }

    private void run(int seconds, String... cmd) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>();
        if (asPostgres) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(List.of(cmd));
        Process p = new ProcessBuilder(full).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("cmd.out").toFile()).start();
        if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("timed out: " + String.join(" ", full));
        }
        if (p.exitValue() != 0) {
            throw new IOException(String.join(" ", full) + " failed: " + Files.readString(dir.resolve("cmd.out")));
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        try {
            stopServer();
        } catch (IOException ignored) {
            // already stopped
        }
        if (asPostgres) {
            new ProcessBuilder("rm", "-rf", dir.toString()).start().waitFor(30, TimeUnit.SECONDS);
        } else {
            try (var walk = Files.walk(dir)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
