package org.sipbridge.core;

import org.junit.jupiter.api.Test;
import org.sipbridge.module.Argument;
import org.sipbridge.module.CallSite;
import org.sipbridge.module.RouteType;
import org.sipbridge.testing.FakeMessage;
import org.sipbridge.testing.TestModules;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** register_timer / register_utimer from mod_init run when the timer thread drives them. */
class ModuleTimersTest {

    @Test
    void registeredTimersRunWithTheirParamAndStopAtUnload() throws Exception {
        try (ModuleSystem ms = new ModuleSystem()) {
            ms.setMpath(TestModules.mpath());
            ms.loadModule("timertest.so", null);
            ms.initModules();
            assertEquals(2, ms.core().calls().sb_timers_count());
            CallSite five = ms.bind(ms.lookup("timer_ticks", 1, RouteType.REQUEST), List.of(Argument.string("5")));
            CallSite param = ms.bind(ms.lookup("timer_param", 0, RouteType.REQUEST), List.of());
            FakeMessage msg = new FakeMessage(1);
            assertEquals(-1, five.call(msg), "nothing runs before the timer thread does");
            long deadline = System.nanoTime() + 2_000_000_000L;
            while (five.call(msg) < 0 && System.nanoTime() < deadline) {
                long waitUs = ms.core().calls().sb_timers_run_due();
                assertTrue(waitUs > 0 && waitUs <= 10_000, "next due within the 10 ms interval: " + waitUs);
                Thread.sleep(0, 0);
                Thread.sleep(waitUs / 1000, (int) (waitUs % 1000) * 1000);
            }
            assertEquals(1, five.call(msg));
            assertEquals(1, param.call(msg));
        }
        assertEquals(0, org.sipbridge.bridge.NativeCore.get().calls().sb_timers_count(), "unload drops them");
    }
}
