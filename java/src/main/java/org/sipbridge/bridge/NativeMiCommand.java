package org.sipbridge.bridge;

import com.fasterxml.jackson.databind.JsonNode;
import org.sipbridge.mi.MiCommand;
import org.sipbridge.mi.MiException;
import org.sipbridge.mi.MiParams;

import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A C module's MI command (mi_export_t or register_mi_cmd). It runs on the MI thread, the
 * stand-in for OpenSIPS's MI process: the command's init_f once there first, then each call
 * under the module's lock (native/mi.c), with a request tree built from the JSON params
 * (an array gives unnamed kids, an object named kids in its order, an array value repeated
 * kids) and the reply tree turned into JSON by {@link NativeMiTree} and freed.
 */
public final class NativeMiCommand implements MiCommand {
    /** How long a transport waits for a C command by default before answering with an error. */
    public static final long DEFAULT_TIMEOUT_MS = 30_000;
    /** MI_ASYNC_RPL_FLAG: the command may answer later through its request's async handler. */
    private static final int ASYNC_RPL_FLAG = 1;

    private final CoreCalls calls;
    private final ExecutorService miThread;
    private final String module;
    private final int moduleIndex;
    private final String name;
    private final String help;
    private final long function;
    private final long param;
    private final long initF;
    private final int flags;
    private final long timeoutMs;
    private final MiCalls miCalls;
    private boolean initialized;   // MI thread only
    private NativeMiTree tree;     // MI thread only

    public NativeMiCommand(CoreCalls calls, ExecutorService miThread, String module, int moduleIndex, String name,
                           String help, long function, long param, long initF, int flags) {
        this(calls, miThread, module, moduleIndex, name, help, function, param, initF, flags, DEFAULT_TIMEOUT_MS);
    }

    /** @param timeoutMs how long {@link #run} waits for the answer (synchronous or asynchronous) */
    public NativeMiCommand(CoreCalls calls, ExecutorService miThread, String module, int moduleIndex, String name,
                           String help, long function, long param, long initF, int flags, long timeoutMs) {
        this.timeoutMs = timeoutMs > 0 ? timeoutMs : DEFAULT_TIMEOUT_MS;
        this.miCalls = (flags & ASYNC_RPL_FLAG) != 0 ? MiPublisher.get(NativeCore.get()).calls() : null;
        this.calls = calls;
        this.miThread = miThread;
        this.module = module;
        this.moduleIndex = moduleIndex;
        this.name = name;
        this.help = help == null ? "" : help;
        this.function = function;
        this.param = param;
        this.initF = initF;
        this.flags = flags;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String module() {
        return module;
    }

    @Override
    public String help() {
        return help;
    }

    public int flags() {
        return flags;
    }

    /** The owner module's index in the core. */
    public int moduleIndex() {
        return moduleIndex;
    }

    /** Address of the module's mi_cmd_f. */
    public long function() {
        return function;
    }

    /** The param the module registered with the command. */
    public long param() {
        return param;
    }

    /** Address of its mi_child_init_f, or 0. */
    public long initFunction() {
        return initF;
    }

    /** An asynchronous answer still to come: the core's waiter (native/mi_async.c). */
    private record Pending(long waiter) {
    }

    @Override
    public JsonNode run(MiParams params) {
        Future<Object> f;
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        try {
            f = miThread.submit(() -> runOnMiThread(params));
        } catch (java.util.concurrent.RejectedExecutionException e) {
            throw new MiException(500, "the server is stopping");
        }
        try {
            Object r = f.get(timeoutMs, TimeUnit.MILLISECONDS);
            if (r instanceof Pending p) {
                return awaitAnswer(p.waiter(), deadline);
            }
            return (JsonNode) r;
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof MiException m) {
                throw m;
            }
            throw new MiException(500, "MI command " + name + " failed: " + c);
        } catch (TimeoutException e) {
            f.cancel(false);
            throw new MiException(500, "MI command " + name + " did not answer within " + timeoutMs + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MiException(500, "interrupted");
        }
    }

    /**
     * Waits (on the caller's thread, not the MI thread) for an asynchronous answer given from
     * any thread through the request's handler; converts and frees it.
     */
    private JsonNode awaitAnswer(long waiter, long deadline) {
        int left = (int) Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
        long reply = miCalls.sb_mi_async_wait(waiter, left);
        if (reply == -1L) {
            throw new MiException(500, "MI command " + name + " did not answer within " + timeoutMs + " ms");
        }
        if (reply == 0) {
            throw new MiException(500, "MI command " + name + " failed (asynchronous answer)");
        }
        try {
            return answer(new NativeMiTree(calls), reply);
        } finally {
            calls.sb_mi_free(reply);
        }
    }

    private JsonNode answer(NativeMiTree t, long reply) {
        int code = t.code(reply);
        if (code < 200 || code >= 300) {
            String reason = t.reason(reply);
            throw new MiException(code, reason == null || reason.isEmpty() ? "error " + code : reason);
        }
        try {
            return t.content(reply);
        } catch (IllegalStateException e) {
            throw new MiException(500, "MI command " + name + ": " + e.getMessage());
        }
    }

    private Object runOnMiThread(MiParams params) {
        if (tree == null) {
            tree = new NativeMiTree(calls);
        }
        if (!initialized) {
            if (initF != 0 && calls.sb_mi_call_init(moduleIndex, initF) < 0) {
                throw new MiException(500, "the MI init function of " + name + " (module " + module + ") failed");
            }
            initialized = true;
        }
        long req = calls.sb_mi_request_new();
        if (req == 0) {
            throw new MiException(500, "out of memory building the MI request");
        }
        long reply = 0;
        long waiter = 0;
        try {
            fill(req, params.raw());
            if (miCalls != null) {
                waiter = miCalls.sb_mi_async_new(req);
                if (waiter == 0) {
                    throw new MiException(500, "out of memory building the MI request");
                }
            }
            reply = calls.sb_mi_call(moduleIndex, function, req, param);
            if (reply == -1L && waiter != 0) {
                reply = 0;
                long w = waiter;
                waiter = 0;   // the handler owns it now
                return new Pending(w);
            }
            if (reply == 0 || reply == -1L) {
                reply = 0;
                throw new MiException(500, "MI command " + name + " returned no reply");
            }
            return answer(tree, reply);
        } catch (IllegalStateException e) {
            throw new MiException(500, "MI command " + name + ": " + e.getMessage());
        } finally {
            if (waiter != 0) {
                miCalls.sb_mi_async_free(waiter);   // answered at once: nobody calls the handler
            }
            calls.sb_mi_free(req);
            if (reply != 0) {
                calls.sb_mi_free(reply);
            }
        }
    }

    private void fill(long req, JsonNode raw) {
        if (raw == null) {
            return;
        }
        if (raw.isArray()) {
            for (JsonNode v : raw) {
                add(req, null, v);
            }
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = raw.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getValue().isArray()) {
                for (JsonNode v : e.getValue()) {
                    add(req, e.getKey(), v);
                }
            } else {
                add(req, e.getKey(), e.getValue());
            }
        }
    }

    private void add(long req, String argName, JsonNode v) {
        if (!v.isValueNode()) {
            throw MiException.badParams("MI command " + name + " takes strings and numbers, not " + v.getNodeType());
        }
        if (calls.sb_mi_request_add(req, argName, v.isNull() ? null : v.asText()) < 0) {
            throw new MiException(500, "out of memory building the MI request");
        }
    }
}
