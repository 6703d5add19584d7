package org.sipbridge.server;

import org.sipbridge.bridge.Breadcrumbs;
import org.sipbridge.bridge.WatchCalls;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The crash report: the core keeps every thread's breadcrumb (module, function) in a file
 * mapped into memory (native/watchdog.c), so whatever ends the process (a SIGSEGV in a
 * module, abort(), SIGKILL after a hang) the file still tells where each worker was. A
 * clean stop marks the file clean and deletes it. The next start with the same
 * configuration finds it and logs, at ERROR, which module and function each worker was in,
 * plus the JVM's hs_err file when there is one.
 *
 * <p>The file: {@code sipbridge-<8 hex digits of the configuration's absolute path>.crumbs}
 * in {@code $STATE_DIRECTORY} (systemd's StateDirectory=, see dist/sipbridge.service), else
 * the system property {@code sipbridge.state.dir}, else {@code java.io.tmpdir}.
 */
final class CrashReport {
    private static final int HEADER = 64;

    private CrashReport() {
    }

    static Path fileFor(Path config) {
        String dir = System.getenv("STATE_DIRECTORY");
        if (dir != null && !dir.isBlank()) {
            dir = dir.split(":")[0];
        } else {
            dir = System.getProperty("sipbridge.state.dir", System.getProperty("java.io.tmpdir"));
        }
        byte[] id = config.toAbsolutePath().normalize().toString().getBytes(StandardCharsets.UTF_8);
        byte[] hex = new byte[8];
        Hash64.hex8(new Hash64().reset(13).add(id, 0, id.length).value(), hex, 0);
        return Path.of(dir).resolve("sipbridge-" + new String(hex, StandardCharsets.US_ASCII) + ".crumbs");
    }

    /**
     * What the file of a previous run says, as log lines; empty when there is no file, it
     * was stopped cleanly, or it belongs to a process still running.
     */
    static List<String> previousRun(Path file, Path workingDirectory) {
        List<String> out = new ArrayList<>();
        ByteBuffer b;
        try {
            if (!Files.isRegularFile(file)) {
                return out;
            }
            b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.nativeOrder());
        } catch (IOException e) {
            return out;
        }
        if (b.capacity() < HEADER || !"SBCRUMB1".equals(new String(b.array(), 0, 8, StandardCharsets.US_ASCII))) {
            return out;
        }
        int pid = b.getInt(12);
        boolean clean = b.getInt(16) != 0;
        int threads = b.getInt(20), labels = b.getInt(24), labelLen = b.getInt(28), modules = b.getInt(32);
        int nameLen = b.getInt(36);
        long started = b.getLong(40);
        if (clean || pid == ProcessHandle.current().pid() || ProcessHandle.of(pid).map(ProcessHandle::isAlive)
                .orElse(false)) {
            return out;
        }
        int offCrumbs = HEADER;
        int offNames = offCrumbs + threads * 32;
        int offLabels = offNames + modules * nameLen;
        if (offLabels + labels * labelLen > b.capacity()) {
            return out;
        }
        String run = "the previous run (pid " + pid + ", started " + Instant.ofEpochSecond(started)
                + ") did not stop cleanly";
        for (int t = 1; t < threads; t++) {
            int at = offCrumbs + t * 32;
            int label = b.getInt(at + 8), module = b.getInt(at + 12), kind = b.getInt(at + 16);
            int worker = b.getInt(at + 24);
            if (kind == Breadcrumbs.NONE || module <= 0 || module >= modules) {
                continue;
            }
            String moduleName = text(b, offNames + module * nameLen, nameLen);
            String fn = label > 0 && label < labels ? text(b, offLabels + label * labelLen, labelLen) : "";
            fn = fn.contains(":") ? fn.substring(fn.indexOf(':') + 1) : fn;
            String who = worker > 0 ? "worker " + worker : "thread " + t;
            String where = switch (kind) {
                case Breadcrumbs.CALL -> "in module " + moduleName + ", function " + fn;
                case Breadcrumbs.RESPONSE -> "in module " + moduleName + ", its response_f";
                case Breadcrumbs.TIMER -> "in module " + moduleName + ", one of its timers";
                case Breadcrumbs.LOCK_WAIT -> "waiting for the lock of module " + moduleName;
                default -> "in module " + moduleName;
            };
            out.add(run + ": " + who + " was " + where);
        }
        if (out.isEmpty()) {
            out.add(run + ": no thread was in module code");
        }
        Path hsErr = workingDirectory.resolve("hs_err_pid" + pid + ".log");
        if (Files.isRegularFile(hsErr)) {
            out.add("the JVM's crash log of that run: " + hsErr.toAbsolutePath());
        }
        return out;
    }

    private static String text(ByteBuffer b, int off, int max) {
        int n = 0;
        while (n < max && b.get(off + n) != 0) {
            n++;
        }
        return org.sipbridge.core.LogSafe.text(new String(b.array(), off, n, StandardCharsets.UTF_8));
    }

    /** Maps this run's breadcrumbs to file; false (logged by the caller) when it cannot. */
    static boolean open(WatchCalls calls, Path file) {
        try {
            Files.createDirectories(file.getParent());
        } catch (IOException e) {
            return false;
        }
        return calls.sb_crumbs_open(file.toString()) == 0;
    }

    /** A clean stop: the file says so and goes away. */
    static void closeClean(WatchCalls calls, Path file) {
        calls.sb_crumbs_mark_clean();
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // a stale clean file is ignored by the next start
        }
    }
}
