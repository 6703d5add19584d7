package org.sipbridge.core;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sipbridge.module.ModuleException;
import org.sipbridge.testing.LogCapture;
import org.sipbridge.testing.TestModules;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** modparam: anchored case-insensitive module regex, exact names, type checks. */
class ModparamTest {
    private ModuleSystem ms;

    @BeforeEach
    void load() {
        ms = TestModules.loaded("example.so", "MyMod.so", "lifecycle.so");
    }

    @AfterEach
    void close() {
        ms.close();
    }

    @Test
    void stringParameterIsCopiedAndSeenByTheModule() {
        try (LogCapture log = LogCapture.of("example")) {
            ms.modparam("EXAMPLE", "db_url", "postgres://db/sip");
            ms.modparam("ex.*", "new_param", "hello");
            ms.initModules();
            assertEquals(List.of("set_function: new_param set to <hello>",
                            "mod_init: example module initializing, db_url=postgres://db/sip new_param=hello"),
                    log.messages());
        }
    }

    @Test
    void theRegexIsAnchored() {
        ModuleException e = assertThrows(ModuleException.class, () -> ms.modparam("exam", "db_url", "x"));
        assertEquals("no module matching <exam> found", e.getMessage());
    }

    @Test
    void oneRegexCanSetSeveralModules() {
        ms.modparam("example|mymod", "db_url", "x");   // only example has it: fine
        ModuleException e = assertThrows(ModuleException.class, () -> ms.modparam("example|mymod", "nope", "x"));
        assertEquals("parameter <nope> not found in module <example|mymod>", e.getMessage());
    }

    @Test
    void typeMismatchIsRefused() {
        ModuleException e = assertThrows(ModuleException.class, () -> ms.modparam("example", "db_url", 5));
        assertEquals("type mismatch for parameter <db_url> in module <example>: it takes a string, "
                + "the configuration gives an integer", e.getMessage());
        ModuleException e2 = assertThrows(ModuleException.class, () -> ms.modparam("lifecycle", "mark", "7"));
        assertEquals("type mismatch for parameter <mark> in module <lifecycle>: it takes an integer, "
                + "the configuration gives a string", e2.getMessage());
    }

    @Test
    void aFunctionParameterCanRefuseItsValue() {
        ModuleException e = assertThrows(ModuleException.class, () -> ms.modparam("example", "new_param", ""));
        assertEquals("module <example> refused value \"\" for parameter <new_param> (returned -1)", e.getMessage());
        ModuleException e2 = assertThrows(ModuleException.class, () -> ms.modparam("lifecycle", "mark", -3));
        assertEquals("module <lifecycle> refused value -3 for parameter <mark> (returned -1)", e2.getMessage());
    }

    @Test
    void unknownModule() {
        ModuleException e = assertThrows(ModuleException.class, () -> ms.modparam("tm", "fr_timeout", 5));
        assertEquals("no module matching <tm> found", e.getMessage());
    }
}
