package org.sipbridge.core;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sipbridge.module.FunctionExport;
import org.sipbridge.module.ModuleException;
import org.sipbridge.module.RouteType;
import org.sipbridge.testing.TestModules;

import static org.junit.jupiter.api.Assertions.*;

/** Lookup by name, parameter count and route type, with OpenSIPS's error wording. */
class FunctionLookupTest {
    private ModuleSystem ms;

    @BeforeEach
    void load() {
        ms = TestModules.loaded("example.so", "MyMod.so");
    }

    @AfterEach
    void close() {
        ms.close();
    }

    @Test
    void sameNameWithAnotherParameterCountIsAnotherFunction() {
        FunctionExport one = ms.lookup("new_function", 1, RouteType.REQUEST);
        FunctionExport none = ms.lookup("new_function", 0, RouteType.REQUEST);
        assertNotSame(one, none);
        assertEquals(1, one.paramCount());
        assertEquals(0, none.paramCount());
        assertSame(one, ms.lookup("new_function", 1, RouteType.ONREPLY));
    }

    @Test
    void aBlockTheFlagsDoNotAllowIsRefused() {
        ModuleException e = assertThrows(ModuleException.class,
                () -> ms.lookup("new_function", 1, RouteType.FAILURE));
        assertEquals("Command <new_function> cannot be used in the block failure_route "
                + "(module example allows it in: route|onreply_route)", e.getMessage());
    }

    @Test
    void aRouteCalledFromTwoBlockTypesNeedsBoth() {
        assertNotNull(ms.lookup("new_function", 0, RouteType.REQUEST | RouteType.ONREPLY));
        ModuleException e = assertThrows(ModuleException.class,
                () -> ms.lookup("mymod_count", 1, RouteType.REQUEST | RouteType.ONREPLY));
        assertEquals("Command <mymod_count> cannot be used in the block route|onreply_route "
                + "(module MyMod allows it in: route|failure_route)", e.getMessage());
    }

    @Test
    void unknownNamesAndCounts() {
        ModuleException unknown = assertThrows(ModuleException.class, () -> ms.lookup("t_relay", 0, RouteType.REQUEST));
        assertEquals("unknown command <t_relay>, missing loadmodule?", unknown.getMessage());
        ModuleException count = assertThrows(ModuleException.class, () -> ms.lookup("new_function", 2, RouteType.REQUEST));
        assertEquals("wrong number of parameters for <new_function>: 2 given, it takes 0 or 1",
                count.getMessage());
    }
}
