package org.sipbridge.bridge;

import jnr.ffi.LibraryLoader;
import jnr.ffi.LibraryOption;

/**
 * What each thread is doing in module code, as the core records it around every call (see
 * native/watchdog.c): the watchdog samples it, the crash report reads its file after a
 * crash. Also the module lock timeout. One per JVM (the core library is).
 */
public final class Breadcrumbs {
    /** What sb_call returns when the module's lock did not come within module_lock_timeout. */
    public static final int BUSY = -2147483647 + 0x5b;

    /** Crumb kinds (enum sb_crumb_kind). */
    public static final int NONE = 0, CALL = 1, RESPONSE = 2, TIMER = 3, LIFECYCLE = 4, LOCK_WAIT = 5;

    private static Breadcrumbs instance;

    private final WatchCalls calls;

    private Breadcrumbs(NativeCore core) {
        this.calls = LibraryLoader.create(WatchCalls.class).option(LibraryOption.IgnoreError, true)
                .failImmediately().load(core.path().toString());
    }

    public static synchronized Breadcrumbs get() {
        if (instance == null) {
            instance = new Breadcrumbs(NativeCore.get());
        }
        return instance;
    }

    public WatchCalls calls() {
        return calls;
    }

    /** One thread's crumb, read field by field (the thread may change it meanwhile: compare two samples). */
    public record Sample(long calls, int label, int module, int kind, int depth) {
        public boolean inModule() {
            return kind != NONE;
        }
    }

    public Sample sample(int tid) {
        return new Sample(calls.sb_crumb_calls(tid), calls.sb_crumb_field(tid, 0), calls.sb_crumb_field(tid, 1),
                calls.sb_crumb_field(tid, 2), calls.sb_crumb_field(tid, 3));
    }

    /** "module X, function Y" (or what the thread does there) for a sample taken inside module code. */
    public String describe(Sample s) {
        String module = calls.sb_crumb_module_name(s.module());
        String label = s.label() > 0 ? calls.sb_crumb_label_text(s.label()) : "";
        String function = label.contains(":") ? label.substring(label.indexOf(':') + 1) : label;
        return switch (s.kind()) {
            case CALL -> "in module " + module + ", function " + function;
            case RESPONSE -> "in module " + module + ", its response_f (a reply)";
            case TIMER -> "in module " + module + ", one of its timers";
            case LOCK_WAIT -> "waiting for the lock of module " + module + " (to call " + function + ")";
            case LIFECYCLE -> "in module " + module + " (init/destroy)";
            default -> "not in module code";
        };
    }
}
