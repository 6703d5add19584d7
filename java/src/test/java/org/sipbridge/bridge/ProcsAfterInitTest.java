package org.sipbridge.bridge;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.sipbridge.core.ModuleSystem;
import org.sipbridge.testing.TestModules;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * A module's processes are what exports.procs holds after mod_init, as 1.11 forks them:
 * exec clears it without "async" (its process would dereference a list it never built).
 * procsoff asks for one process and withdraws it unless keep_proc is set.
 */
class ProcsAfterInitTest {
    private final ModuleSystem modules = new ModuleSystem();

    ProcsAfterInitTest() {
        modules.setMpath(TestModules.mpath());
    }

    @AfterEach
    void close() {
        modules.close();
    }

    @Test
    void processesWithdrawnInModInitAreNotStarted() {
        NativeModule m = (NativeModule) modules.loadModule("procsoff.so", null);
        assertEquals(List.of("procsoff worker"), m.processes());   // what the exports declare at load
        assertNotEquals(0, m.procsAddress());
        modules.initModules();
        assertEquals(0, m.procsAddress());                          // the server registers none
        assertEquals(List.of(), m.processes());
    }

    @Test
    void processesKeptByModInitStay() {
        NativeModule m = (NativeModule) modules.loadModule("procsoff.so", null);
        long declared = m.procsAddress();
        modules.modparam("procsoff", "keep_proc", 1);
        modules.initModules();
        assertEquals(declared, m.procsAddress());
        assertEquals(List.of("procsoff worker"), m.processes());
    }
}
