package org.sipbridge.core;

import org.junit.jupiter.api.Test;
import org.sipbridge.bridge.MemoryCounters;
import org.sipbridge.bridge.NativeCore;
import org.sipbridge.module.Argument;
import org.sipbridge.module.CallSite;
import org.sipbridge.module.Module;
import org.sipbridge.module.RouteType;
import org.sipbridge.testing.FakeMessage;
import org.sipbridge.testing.TestModules;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** Load, call 100,000 times, unload: pkg and shm accounting return to zero. */
class MemoryAccountingTest {

    @Test
    void loadCallUnloadLeavesNothingBehind() {
        NativeCore core = NativeCore.get();
        MemoryCounters coreBefore = MemoryCounters.of(core.calls(), 0, MemoryCounters.PKG);
        Module example;
        Module mymod;
        try (ModuleSystem ms = new ModuleSystem()) {
            ms.setMpath(TestModules.mpath());
            example = ms.loadModule("example.so", null);
            mymod = ms.loadModule("MyMod.so", null);
            ms.modparam("example", "db_url", "mysql://a@b/c");
            ms.modparam("example", "db_url", "mysql://x@y/z");   // the first copy is released
            ms.modparam("example", "new_param", "kept by set_function");
            ms.modparam("mymod", "prefix", "counting");
            ms.initModules();
            CallSite withParam = ms.bind(ms.lookup("new_function", 1, RouteType.REQUEST), List.of(Argument.string("hello")));
            CallSite count = ms.bind(ms.lookup("mymod_count", 1, RouteType.REQUEST), List.of(Argument.string("3")));
            MemoryCounters during = ms.memory(example, MemoryCounters.PKG);
            assertTrue(during.liveBlocks() >= 4, "param copies, fixup str and kept strings: " + during);
            FakeMessage msg = new FakeMessage(1);
            for (int i = 0; i < 100_000; i++) {
                withParam.call(msg);
                count.call(msg);
            }
            assertEquals(during, ms.memory(example, MemoryCounters.PKG), "calls allocate nothing");
            long counted = core.calls().sb_stat_value(core.calls().sb_stat_find("mymod_counted"));
            assertEquals(300_000, counted);
            long calls = core.calls().sb_stat_value(core.calls().sb_stat_find("example_calls"));
            assertEquals(100_000, calls);
        }
        for (Module m : List.of(example, mymod)) {
            for (int pool : new int[] {MemoryCounters.PKG, MemoryCounters.SHM}) {
                MemoryCounters after = MemoryCounters.of(core.calls(), m.nativeIndex(), pool);
                assertTrue(after.clean(), m.name() + " pool " + pool + ": " + after);
                assertEquals(0, after.failedAllocs());
            }
        }
        MemoryCounters coreAfter = MemoryCounters.of(core.calls(), 0, MemoryCounters.PKG);
        assertEquals(coreBefore.liveBytes(), coreAfter.liveBytes(), "core memory (frames, statistics) released");
        assertEquals(coreBefore.liveBlocks(), coreAfter.liveBlocks());
    }
}
