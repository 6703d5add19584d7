package org.sipbridge.bridge;

import com.sun.jna.Function;
import com.sun.jna.Pointer;
import org.openjdk.jmh.annotations.*;
import org.sipbridge.core.ModuleSystem;
import org.sipbridge.module.Argument;
import org.sipbridge.module.CallSite;
import org.sipbridge.module.RouteType;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One script-function call of a C function through the bridge, against a hand-written
 * JNI stub calling the same function pointer, and JNA's generic call for scale.
 * Run with scripts/bench-bridge.sh.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = {"-Dsipbridge.core=target/native/libsipbridge.so"})
public class BridgeCallBenchmark {
    private ModuleSystem locked;
    private ModuleSystem threadSafe;
    private CallSite lockedCall;
    private CallSite threadSafeCall;
    private NativeCallSite site;
    private long function;
    private long param;
    private Function jnaFunction;
    private final FixedMessage msg = new FixedMessage();

    /** A message context without a view: the function ignores the message. */
    static final class FixedMessage implements org.sipbridge.module.MessageContext {
        @Override
        public long nativeMessage() {
            return 0;
        }

        @Override
        public int routeType() {
            return RouteType.REQUEST;
        }
    }

    @Setup
    public void setup() {
        System.load(Path.of("target/native/libsbbench_jni.so").toAbsolutePath().toString());
        // the server's default: every locked call takes the lock with module_lock_timeout
        // (the bounded path, breadcrumbs included), so bridgeCall measures what a server runs
        Breadcrumbs.get().calls().sb_set_lock_timeout(
                org.sipbridge.script.ReliabilitySettings.DEFAULTS.moduleLockTimeoutMs());
        threadSafe = load(true);
        threadSafeCall = bind(threadSafe);
        locked = load(false);
        lockedCall = bind(locked);
        site = (NativeCallSite) lockedCall;
        NativeFunction f = (NativeFunction) locked.lookup("bench_inc", 1, RouteType.REQUEST);
        function = f.functionAddress();
        param = locked.core().calls().sb_frame_param(site.frame(), 1);
        jnaFunction = Function.getFunction(new Pointer(function));
    }

    private static ModuleSystem load(boolean declaredThreadSafe) {
        ModuleSystem ms = new ModuleSystem();
        ms.setMpath(List.of(Path.of("target/modules")));
        if (declaredThreadSafe) {
            ms.declareThreadSafe("benchmod");
        }
        ms.loadModule("benchmod.so", null);
        ms.initModules();
        return ms;
    }

    private static CallSite bind(ModuleSystem ms) {
        return ms.bind(ms.lookup("bench_inc", 1, RouteType.REQUEST), List.of(Argument.string("x")));
    }

    @TearDown
    public void tearDown() {
        locked.close();
        threadSafe.close();
    }

    /**
     * The bridge as a server's script uses it by default: jnr-ffi -> sb_call (breadcrumb,
     * module lock taken with the default module_lock_timeout, globals image check,
     * accounting) -> C.
     */
    @Benchmark
    public int bridgeCall() {
        return lockedCall.call(msg);
    }

    /** The same trampoline for a module declared thread-safe (no lock). */
    @Benchmark
    public int bridgeCallThreadSafe() {
        return threadSafeCall.call(msg);
    }

    /** Hand-written JNI calling the function pointer directly: the floor. */
    @Benchmark
    public int jniDirect() {
        return JniDirect.call(function, 0, param);
    }

    /** JNA's generic path on the same pointer, for scale. */
    @Benchmark
    public int jnaInvoke() {
        return jnaFunction.invokeInt(new Object[] {null, new Pointer(param), null, null, null, null, null});
    }
}
