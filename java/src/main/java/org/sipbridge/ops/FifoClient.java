package org.sipbridge.ops;

import com.sun.jna.Library;
import com.sun.jna.Native;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One MI command over the mi_fifo protocol (as opensipsctl speaks it): a reply FIFO is made
 * in the server's reply_dir, the request {@code :command:reply_name}, one argument per line
 * ({@code name::value} for named ones) and an empty line is written to the server's FIFO,
 * and the answer ({@code 200 OK} then {@code name:: value} lines) is read from the reply
 * FIFO, which is removed afterwards.
 */
final class FifoClient {
    /** mkfifo(3) from libc (Java has no FIFO creation of its own). */
    private interface LibC extends Library {
        int mkfifo(String path, int mode);
    }

    private FifoClient() {
    }

    /**
     * @param args each "name=value" (sent as name::value) or a positional value
     * @return the server's answer text
     */
    static String call(Path fifo, Path replyDir, String command, List<String> args, long timeoutMs)
            throws IOException, TimeoutException, InterruptedException {
        if (!Files.exists(fifo)) {
            throw new IOException("no FIFO at " + fifo + " (load mi_fifo with this fifo_name)");
        }
        String name = "sipbridge_cli_" + ProcessHandle.current().pid();
        Path reply = replyDir.resolve(name);
        Files.deleteIfExists(reply);
        LibC libc = Native.load("c", LibC.class);
        if (libc.mkfifo(reply.toString(), 0600) != 0) {
            throw new IOException("cannot make the reply FIFO " + reply);
        }
        ExecutorService io = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "cli-fifo");
            t.setDaemon(true);
            return t;
        });
        try {
            // open the reply side first (it blocks until the server opens it to write)
            Future<byte[]> answer = io.submit(() -> {
                try (InputStream in = Files.newInputStream(reply)) {
                    return in.readAllBytes();
                }
            });
            StringBuilder req = new StringBuilder(":").append(command).append(':').append(name).append('\n');
            for (String a : args) {
                int eq = a.indexOf('=');
                req.append(eq > 0 ? a.substring(0, eq) + "::" + a.substring(eq + 1) : a).append('\n');
            }
            req.append('\n');
            try (OutputStream out = Files.newOutputStream(fifo)) {
                out.write(req.toString().getBytes(StandardCharsets.UTF_8));
            }
            try {
                return new String(answer.get(timeoutMs, TimeUnit.MILLISECONDS), StandardCharsets.UTF_8);
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IOException("reading " + reply + ": " + e.getCause(), e.getCause());
            }
        } finally {
            io.shutdownNow();
            Files.deleteIfExists(reply);
        }
    }
}
