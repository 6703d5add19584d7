package org.sipbridge.core;

import org.junit.jupiter.api.Test;
import org.sipbridge.module.Argument;
import org.sipbridge.module.CallSite;
import org.sipbridge.module.RouteType;
import org.sipbridge.testing.FakeMessage;
import org.sipbridge.testing.TestModules;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import static org.junit.jupiter.api.Assertions.*;

/** A module not declared thread-safe never runs on two threads at once. */
class ThreadingTest {
    private static final int THREADS = 4;
    private static final int CALLS = 300;

    /** Calls lock_probe from THREADS threads; returns {violations, total}. */
    private static int[] hammer(boolean threadSafe) throws Exception {
        try (ModuleSystem ms = new ModuleSystem()) {
            ms.setMpath(TestModules.mpath());
            if (threadSafe) {
                ms.declareThreadSafe("lockcheck");
            }
            ms.loadModule("lockcheck.so", null);
            ms.initModules();
            CallSite probe = ms.bind(ms.lookup("lock_probe", 0, RouteType.REQUEST), List.of());
            CountDownLatch start = new CountDownLatch(1);
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                Thread th = new Thread(() -> {
                    FakeMessage msg = new FakeMessage(1);
                    try {
                        start.await();
                    } catch (InterruptedException e) {
                        return;
                    }
                    for (int i = 0; i < CALLS; i++) {
                        probe.call(msg);
                    }
                });
                threads.add(th);
                th.start();
            }
            start.countDown();
            for (Thread th : threads) {
                th.join();
            }
            CallSite violations = ms.bind(ms.lookup("lock_report", 1, RouteType.REQUEST), List.of(Argument.string("v")));
            CallSite total = ms.bind(ms.lookup("lock_report", 1, RouteType.REQUEST), List.of(Argument.string("t")));
            FakeMessage m = new FakeMessage(2);
            return new int[] {violations.call(m) - 1, total.call(m) - 1};
        }
    }

    @Test
    void aModuleIsSerialisedByDefault() throws Exception {
        int[] r = hammer(false);
        assertEquals(0, r[0], "threads inside the module at once");
        assertEquals(THREADS * CALLS, r[1], "lost updates");
    }

    @Test
    void aModuleDeclaredThreadSafeIsNot() throws Exception {
        // Proves the test above can see a race: without the lock, the probe catches threads
        // overlapping (it yields 200 times inside; 4 threads on 2 cores always overlap).
        int[] r = hammer(true);
        assertTrue(r[0] > 0 || r[1] < THREADS * CALLS, "expected overlap without the lock: " + r[0] + ", " + r[1]);
    }
}
