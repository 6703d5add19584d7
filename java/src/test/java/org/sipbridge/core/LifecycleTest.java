package org.sipbridge.core;

import ch.qos.logback.classic.Level;
import org.junit.jupiter.api.Test;
import org.sipbridge.module.Argument;
import org.sipbridge.module.CallSite;
import org.sipbridge.module.ModuleException;
import org.sipbridge.module.RouteType;
import org.sipbridge.testing.FakeMessage;
import org.sipbridge.testing.LogCapture;
import org.sipbridge.testing.TestModules;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.*;

/** The OpenSIPS order of calls into a module, observed from inside the module. */
class LifecycleTest {

    private static List<Argument> strings(String... values) {
        List<Argument> l = new ArrayList<>();
        for (String v : values) {
            l.add(Argument.string(v));
        }
        return l;
    }

    @Test
    void callsEveryEntryPointInOpensipsOrder() throws Exception {
        try (LogCapture log = LogCapture.of("lifecycle")) {
            ModuleSystem ms = new ModuleSystem();
            ms.setMpath(TestModules.mpath());
            ms.loadModule("lifecycle.so", null);
            ms.modparam("lifecycle", "mark", 7);
            ms.initModules();
            CallSite six = ms.bind(ms.lookup("show", 6, RouteType.REQUEST), strings("a", "b", "c", "d", "e", "f"));
            CallSite none = ms.bind(ms.lookup("show", 0, RouteType.REQUEST), List.of());
            AtomicReference<Throwable> failure = new AtomicReference<>();
            List<Thread> workers = new ArrayList<>();
            CountDownLatch release = new CountDownLatch(1);
            for (int rank = 1; rank <= 2; rank++) {
                int r = rank;
                CountDownLatch done = new CountDownLatch(1);
                // workers stay alive until the end, so each has its own thread identity
                Thread t = new Thread(() -> {
                    try {
                        ms.childInit(r);
                    } catch (Throwable e) {
                        failure.set(e);
                    }
                    done.countDown();
                    try {
                        release.await();
                    } catch (InterruptedException ignored) {
                        Thread.currentThread().interrupt();
                    }
                }, "worker-" + rank);
                workers.add(t);
                t.start();
                done.await();
            }
            assertNull(failure.get());
            ms.childInit(ModuleSystem.PROC_MAIN);
            assertEquals(1, six.call(new FakeMessage(1)));
            assertEquals(1, none.call(new FakeMessage(2)));
            assertEquals(1, ms.onResponse(new FakeMessage(3).routeType(RouteType.ONREPLY)));
            ms.close();
            release.countDown();
            for (Thread t : workers) {
                t.join();
            }

            List<String> events = log.lifecycleEvents();
            List<String> expected = List.of(
                    "modparam mark=7",
                    "init mark=7",
                    "fixup(a, 1)", "fixup(b, 2)", "fixup(c, 3)", "fixup(d, 4)", "fixup(e, 5)", "fixup(f, 6)",
                    "fixup(NULL, 0)",
                    "CHILD 1", "CHILD 2", "CHILD 0",
                    "call route_type=1 params=1:a|2:b|3:c|4:d|5:e|6:f",
                    "call0 route_type=1",
                    "response_f route_type=4",
                    "free_fixup(NULL, 0)",
                    "free_fixup(1:a, 1)", "free_fixup(2:b, 2)", "free_fixup(3:c, 3)", "free_fixup(4:d, 4)",
                    "free_fixup(5:e, 5)", "free_fixup(6:f, 6)",
                    "destroy");
            List<String> normalised = events.stream()
                    .map(e -> e.startsWith("child_init") ? "CHILD " + e.replaceAll(".*rank=(-?\\d+).*", "$1") : e)
                    .toList();
            assertEquals(expected, normalised);
            // each child_init ran on its own thread
            List<String> threads = events.stream().filter(e -> e.startsWith("child_init"))
                    .map(e -> e.replaceAll(".*thread=", "")).toList();
            assertEquals(3, threads.stream().distinct().count(), "child_init threads: " + threads);
        }
    }

    @Test
    void destroysNewestModuleFirst() {
        try (LogCapture log = new LogCapture(org.slf4j.Logger.ROOT_LOGGER_NAME, Level.INFO)) {
            ModuleSystem ms = new ModuleSystem();
            ms.setMpath(TestModules.mpath());
            ms.loadModule("example.so", null);
            ms.loadModule("lifecycle.so", null);
            ms.loadModule("MyMod.so", null);
            ms.initModules();
            ms.close();
            List<String> destroys = log.messages().stream()
                    .filter(m -> m.contains("destroy")).toList();
            assertEquals(3, destroys.size(), destroys.toString());
            assertTrue(destroys.get(0).contains("MyMod destroyed"), destroys.toString());
            assertTrue(destroys.get(1).contains("event: destroy"), destroys.toString());
            assertTrue(destroys.get(2).contains("example module destroyed"), destroys.toString());
        }
    }

    @Test
    void aFailingInitStopsTheStart() {
        try (LogCapture log = LogCapture.of("init_fails"); ModuleSystem ms = new ModuleSystem()) {
            ms.setMpath(TestModules.mpath());
            ms.loadModule("init_fails.so", null);
            ModuleException e = assertThrows(ModuleException.class, ms::initModules);
            assertEquals("init_f of module init_fails failed (returned -1)", e.getMessage());
            assertEquals(List.of("init_fails: cannot connect to the database"), log.messages());
        }
    }

    @Test
    void aFailingChildInitStopsTheStart() {
        try (ModuleSystem ms = new ModuleSystem()) {
            ms.setMpath(TestModules.mpath());
            ms.loadModule("child_init_fails.so", null);
            ms.initModules();
            ms.childInit(ModuleSystem.PROC_MAIN);
            ModuleException e = assertThrows(ModuleException.class, () -> ms.childInit(1));
            assertEquals("child_init(1) of module child_init_fails failed (returned -1)", e.getMessage());
        }
    }

    @Test
    void aRefusedFixupNamesFunctionParameterAndModule() {
        try (ModuleSystem ms = new ModuleSystem()) {
            ms.setMpath(TestModules.mpath());
            ms.loadModule("fixup_fails.so", null);
            ms.initModules();
            ModuleException e = assertThrows(ModuleException.class,
                    () -> ms.bind(ms.lookup("wants_number", 1, RouteType.REQUEST), strings("abc")));
            assertEquals("fixup of wants_number (module fixup_fails) refused parameter 1 \"abc\" (returned -6)",
                    e.getMessage());
            CallSite ok = ms.bind(ms.lookup("wants_number", 1, RouteType.REQUEST), strings("42"));
            assertEquals(42, ok.call(new FakeMessage(1)));
        }
    }

    @Test
    void fixupsRunOnlyAfterInit() {
        try (ModuleSystem ms = new ModuleSystem()) {
            ms.setMpath(TestModules.mpath());
            ms.loadModule("example.so", null);
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> ms.bind(ms.lookup("new_function", 0, RouteType.REQUEST), List.of()));
            assertEquals("fixups is not allowed now (modules are configuring)", e.getMessage());
        }
    }

    @Test
    void responseZeroFromAnyModuleDropsTheReply() {
        try (ModuleSystem ms = new ModuleSystem()) {
            ms.setMpath(TestModules.mpath());
            ms.loadModule("lifecycle.so", null);
            ms.modparam("lifecycle", "response_result", 0);
            ms.initModules();
            assertEquals(0, ms.onResponse(new FakeMessage(1).routeType(RouteType.ONREPLY)));
        }
    }
}
