package org.sipbridge.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A running SIPp started by {@link Sipp#start}. Close it (try-with-resources) so that nothing
 * outlives the test: {@link #close} kills a SIPp that is still running.
 */
public final class SippProcess implements AutoCloseable {
    private static final Duration BIND_WAIT = Duration.ofSeconds(5);
    private static final Duration STOP_GRACE = Duration.ofSeconds(5);

    private final Process process;
    private final List<String> command;
    private final int port;
    private final boolean tcp;
    private final Path files;
    private final long deadlineNanos;
    private SippResult result;

    private SippProcess(Process process, List<String> command, int port, boolean tcp, Path files, Duration limit) {
        this.process = process;
        this.command = command;
        this.port = port;
        this.tcp = tcp;
        this.files = files;
        this.deadlineNanos = System.nanoTime() + limit.toNanos();
    }

    static SippProcess start(List<String> command, int port, boolean tcp, Path files, Duration limit) {
        Process process;
        try {
            process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(files.resolve("output.log").toFile())
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + String.join(" ", command), e);
        }
        SippProcess sipp = new SippProcess(process, command, port, tcp, files, limit);
        sipp.awaitBound();
        return sipp;
    }

    /** Returns once SIPp's socket is bound, so a peer started next finds it listening. */
    private void awaitBound() {
        long end = System.nanoTime() + BIND_WAIT.toNanos();
        try {
            while (process.isAlive() && !(tcp ? UdpPorts.isTcpListening(port) : UdpPorts.isBound(port))) {
                if (System.nanoTime() > end) {
                    close();
                    throw new IllegalStateException("SIPp did not bind " + (tcp ? "TCP" : "UDP") + " port " + port + " within "
                            + BIND_WAIT.toSeconds() + " s: " + commandLine() + "\n" + output());
                }
                Thread.sleep(10);
            }
        } catch (InterruptedException e) {
            close();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting SIPp", e);
        }
    }

    /** The local UDP port SIPp uses. */
    public int port() {
        return port;
    }

    /** SIPp's address, to give to a peer (for example a UAC's remote). */
    public InetSocketAddress address() {
        return Sipp.loopback(port);
    }

    /** The directory with SIPp's files for this run. */
    public Path files() {
        return files;
    }

    public String commandLine() {
        return String.join(" ", command);
    }

    /**
     * Waits until SIPp has finished by itself (its call limit or its -timeout) and returns its
     * result; past the Java-side deadline it is killed first (exit code -1 in the result).
     */
    public SippResult await() throws InterruptedException {
        if (result == null) {
            long left = deadlineNanos - System.nanoTime();
            boolean exited = left > 0 && process.waitFor(left, TimeUnit.NANOSECONDS);
            if (!exited) {
                kill();
            }
            result = read(exited ? process.exitValue() : -1);
        }
        return result;
    }

    /**
     * Asks SIPp to quit now (SIGTERM; killed after a grace period) and returns its result: for a
     * server without a call limit. Calls still in progress count neither as successful nor failed.
     */
    public SippResult stop() throws InterruptedException {
        if (result == null) {
            process.destroy();
            boolean exited = process.waitFor(STOP_GRACE.toNanos(), TimeUnit.NANOSECONDS);
            if (!exited) {
                kill();
            }
            result = read(exited ? process.exitValue() : -1);
        }
        return result;
    }

    private void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(STOP_GRACE.toNanos(), TimeUnit.NANOSECONDS);
    }

    private SippResult read(int exitCode) {
        return SippResult.read(files.resolve("stats.csv"), exitCode, commandLine(), files,
                files.resolve("output.log"));
    }

    private String output() {
        return SippResult.tail(files.resolve("output.log"), 20);
    }

    /** Kills SIPp if it is still running. */
    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(STOP_GRACE.toNanos(), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
