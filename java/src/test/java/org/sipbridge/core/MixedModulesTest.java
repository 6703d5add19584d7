package org.sipbridge.core;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sipbridge.module.Argument;
import org.sipbridge.module.CallSite;
import org.sipbridge.module.JavaModule;
import org.sipbridge.module.ModuleException;
import org.sipbridge.module.RouteType;
import org.sipbridge.module.Statistic;
import org.sipbridge.testing.FakeMessage;
import org.sipbridge.testing.TestModules;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.*;

/** Java modules next to C modules: one registry, C binding C and Java exports. */
class MixedModulesTest {
    private ModuleSystem ms;
    private Answers answers;

    /** A Java module exporting a script function, an API for C, a parameter and a stat. */
    static final class Answers extends JavaModule {
        final AtomicInteger answer = intParam("answer", 42);
        final AtomicReference<String> label = stringParam("label", "none");
        final Statistic asked = statistic("answers_asked", 0);
        final AtomicInteger inits = new AtomicInteger();
        final AtomicInteger destroys = new AtomicInteger();

        Answers() {
            super("answers");
            function("java_answer", 0, 0, args -> ctx -> {
                asked.increment();
                return answer.get();
            });
            function("say", 1, RouteType.REQUEST, args -> {
                String prefix = args.get(0).text();
                if (prefix.isEmpty()) {
                    throw new ModuleException("say: the prefix must not be empty");
                }
                return ctx -> prefix.length();
            });
        }

        @Override
        public int init() {
            inits.incrementAndGet();
            return 0;
        }

        @Override
        public void destroy() {
            destroys.incrementAndGet();
        }
    }

    @BeforeEach
    void load() {
        ms = new ModuleSystem();
        ms.setMpath(TestModules.mpath());
        answers = new Answers();
        ms.addJavaModule(answers);
        ms.loadModule("api_provider.so", null);
        ms.loadModule("api_consumer.so", null);
    }

    @AfterEach
    void close() {
        ms.close();
    }

    @Test
    void cBindsAnotherCModulesApiAndBothShareALock() {
        ms.initModules();
        CallSite add = ms.bind(ms.lookup("consume_add", 2, RouteType.REQUEST),
                List.of(Argument.string("2"), Argument.string("3")));
        assertEquals(5, add.call(new FakeMessage(1)));
        int provider = ms.registry().module("api_provider").orElseThrow().nativeIndex();
        int consumer = ms.registry().module("api_consumer").orElseThrow().nativeIndex();
        assertEquals(1, ms.core().calls().sb_module_same_lock(provider, consumer));
    }

    @Test
    void aThreadSafeModuleBindingAnUnsafeOneTakesItsLock() {
        try (ModuleSystem other = new ModuleSystem()) {
            other.setMpath(TestModules.mpath());
            other.declareThreadSafe("api_consumer");
            other.loadModule("api_provider.so", null);
            other.loadModule("api_consumer.so", null);
            other.initModules();
            int provider = other.registry().module("api_provider").orElseThrow().nativeIndex();
            int consumer = other.registry().module("api_consumer").orElseThrow().nativeIndex();
            assertEquals(1, other.core().calls().sb_module_same_lock(provider, consumer),
                    "the provider's code must stay on one thread even when the consumer calls it");
        }
    }

    @Test
    void cCallsAJavaFunctionItFoundWithFindExport() {
        ms.modparam("answers", "answer", 7);
        ms.initModules();
        CallSite java = ms.bind(ms.lookup("consume_java", 0, RouteType.REQUEST), List.of());
        assertEquals(7, java.call(new FakeMessage(1)));
        assertEquals(7, java.call(new FakeMessage(2)));
        assertEquals(2, answers.asked.get());
        // the statistic is the core's: C sees the same counter by name
        long var = ms.core().calls().sb_stat_find("answers_asked");
        assertEquals(2, ms.core().calls().sb_stat_value(var));
    }

    @Test
    void javaFunctionsAreLookedUpLikeCOnes() {
        ms.modparam("ANSWERS", "label", "x");
        assertEquals("x", answers.label.get());
        ms.initModules();
        assertEquals(1, answers.inits.get());
        CallSite say = ms.bind(ms.lookup("say", 1, RouteType.REQUEST), List.of(Argument.string("hello")));
        assertEquals(5, say.call(new FakeMessage(1)));
        ModuleException e = assertThrows(ModuleException.class,
                () -> ms.bind(ms.lookup("say", 1, RouteType.REQUEST), List.of(Argument.string(""))));
        assertEquals("say: the prefix must not be empty", e.getMessage());
        ModuleException api = assertThrows(ModuleException.class, () -> ms.lookup("java_answer", 0, RouteType.REQUEST));
        assertEquals("Command <java_answer> cannot be used in the block route (module answers allows it in: "
                + "none (API only))", api.getMessage());
        ms.close();
        assertEquals(1, answers.destroys.get());
    }

    @Test
    void loadmoduleOfAModuleJavaProvidesNeedsNoFile() {
        assertSame(answers, ms.loadModule("answers.so", null));
        assertEquals(3, ms.registry().modules().size());
        ModuleException e = assertThrows(ModuleException.class, () -> ms.loadModule("tm.so", null));
        assertTrue(e.getMessage().startsWith("could not find module <tm.so>"), e.getMessage());
    }

    @Test
    void javaModuleParametersAreTypeChecked() {
        ModuleException e = assertThrows(ModuleException.class, () -> ms.modparam("answers", "answer", "7"));
        assertEquals("type mismatch for parameter <answer> in module <answers>: it takes an integer, "
                + "the configuration gives a string", e.getMessage());
    }

    @Test
    void aConsumerWithoutItsProviderFailsInit() {
        try (ModuleSystem alone = new ModuleSystem()) {
            alone.setMpath(TestModules.mpath());
            alone.loadModule("api_consumer.so", null);
            ModuleException e = assertThrows(ModuleException.class, alone::initModules);
            assertEquals("init_f of module api_consumer failed (returned -1)", e.getMessage());
        }
    }
}
