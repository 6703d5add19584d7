package org.sipbridge.bridge;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.sipbridge.core.ModuleSystem;
import org.sipbridge.module.FunctionExport;
import org.sipbridge.module.Module;
import org.sipbridge.module.ModuleException;
import org.sipbridge.module.ParamExport;
import org.sipbridge.module.ParamType;
import org.sipbridge.module.RouteType;
import org.sipbridge.testing.TestModules;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** Loading modules: exports, dialects, version checks and every broken-module error. */
class ModuleLoaderTest {
    private final ModuleSystem modules = new ModuleSystem();
    private final NativeCore core = NativeCore.get();

    ModuleLoaderTest() {
        modules.setMpath(TestModules.mpath());
    }

    @AfterEach
    void close() {
        modules.close();
    }

    @Test
    void readsTheExampleModulesExports() {
        NativeModule m = (NativeModule) modules.loadModule("example.so", null);
        assertEquals("example", m.name());
        assertEquals(Dialect.OPENSIPS, m.dialect());
        assertEquals(core.opensipsVersion(), m.version());
        assertEquals("opensips 1.11.0-sipbridge (x86_64/linux)", m.version());
        assertEquals(core.opensipsCompileFlags(), m.compileFlags());
        assertEquals(List.of("new_function/1", "new_function/0"),
                m.functions().stream().map(FunctionExport::signature).toList());
        for (FunctionExport f : m.functions()) {
            assertEquals(RouteType.REQUEST | RouteType.ONREPLY, f.routeFlags());
        }
        ParamExport newParam = m.params().get(0);
        assertEquals("new_param", newParam.name());
        assertEquals(ParamType.STRING, newParam.type());
        assertTrue(newParam.usesFunction());
        ParamExport dbUrl = m.params().get(1);
        assertEquals("db_url", dbUrl.name());
        assertEquals(ParamType.STRING, dbUrl.type());
        assertFalse(dbUrl.usesFunction());
        assertEquals(List.of("example_calls"), m.statistics());
        assertEquals("C, OpenSIPS 1.11 dialect", m.kind());
        assertFalse(m.threadSafe());
    }

    @Test
    void recognisesTheOpenserDialect() {
        NativeModule m = (NativeModule) modules.loadModule("MyMod.so", null);
        assertEquals("MyMod", m.name());
        assertEquals(Dialect.OPENSER, m.dialect());
        assertEquals("openser 1.1.1-sipbridge (x86_64/linux)", m.version());
        assertEquals(List.of("mymod_count/1"), m.functions().stream().map(FunctionExport::signature).toList());
        assertEquals(RouteType.REQUEST | RouteType.FAILURE, m.functions().get(0).routeFlags());
        assertEquals(List.of("prefix"), m.params().stream().map(ParamExport::name).toList());
        assertEquals(List.of("mymod_counted"), m.statistics());
    }

    @Test
    void aWrongDialectOverrideIsRefusedByTheVersionCheck() {
        ModuleException e = assertThrows(ModuleException.class,
                () -> modules.loadModule("example.so", Dialect.OPENSER));
        assertEquals("module <example> (" + TestModules.path("example") + "): BUG: no version in the module "
                + "(core version is 'openser 1.1.1-sipbridge (x86_64/linux)')", e.getMessage());
    }

    @Test
    void refusesAnotherVersion() {
        ModuleException e = assertThrows(ModuleException.class, () -> modules.loadModule("bad_version.so", null));
        assertEquals("module <bad_version> (" + TestModules.path("bad_version") + "): version mismatch: core is "
                + "'opensips 1.11.0-sipbridge (x86_64/linux)', module is 'opensips 1.9.2-notls (x86_64/linux)'",
                e.getMessage());
    }

    @Test
    void refusesOtherCompileFlags() {
        ModuleException e = assertThrows(ModuleException.class, () -> modules.loadModule("bad_flags.so", null));
        assertEquals("module <bad_flags> (" + TestModules.path("bad_flags") + "): compile flags mismatch: core is '"
                + core.opensipsCompileFlags() + "', module is 'STATS: Off, F_MALLOC, USE_TCP'", e.getMessage());
    }

    @Test
    void refusesAMissingVersion() {
        ModuleException e = assertThrows(ModuleException.class, () -> modules.loadModule("null_version.so", null));
        assertEquals("module <null_version> (" + TestModules.path("null_version") + "): BUG: no version in the module "
                + "(core version is 'opensips 1.11.0-sipbridge (x86_64/linux)')", e.getMessage());
    }

    @Test
    void refusesALibraryWithoutExports() {
        ModuleException e = assertThrows(ModuleException.class, () -> modules.loadModule("no_exports.so", null));
        assertEquals("module " + TestModules.path("no_exports") + ": no exports found (not an OpenSIPS module: "
                + "the symbol 'exports' is missing)", e.getMessage());
    }

    @Test
    void refusesANullName() {
        ModuleException e = assertThrows(ModuleException.class, () -> modules.loadModule("null_name.so", null));
        assertEquals("module " + TestModules.path("null_name") + ": BUG: its exports have no name", e.getMessage());
    }

    @Test
    void refusesMoreThanSixParameters() {
        ModuleException e = assertThrows(ModuleException.class,
                () -> modules.loadModule("too_many_params.so", null));
        assertEquals("module <too_many_params>: function <seven> declares 7 parameters; "
                + "a opensips module function takes at most 6", e.getMessage());
    }

    @Test
    void refusesAnUnknownFileWithWhatItTried() {
        ModuleException e = assertThrows(ModuleException.class, () -> modules.loadModule("nosuch.so", null));
        Path dir = TestModules.dir();
        assertEquals("could not find module <nosuch.so> (tried [" + dir.resolve("nosuch.so") + ", "
                + dir.resolve("nosuch/nosuch.so") + "])", e.getMessage());
    }

    @Test
    void resolvesNameMpathAndMpathNameName(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
        Path flat = Files.createDirectories(tmp.resolve("flat"));
        Path nestedRoot = Files.createDirectories(tmp.resolve("nested/example")).getParent();
        Files.copy(TestModules.path("example"), flat.resolve("example.so"));
        Files.copy(TestModules.path("example"), nestedRoot.resolve("example/example.so"));
        assertEquals(nestedRoot.resolve("example/example.so"), ModuleLoader.resolve("example.so", List.of(nestedRoot)));
        assertEquals(nestedRoot.resolve("example/example.so"), ModuleLoader.resolve("example", List.of(nestedRoot)));
        assertEquals(flat.resolve("example.so"), ModuleLoader.resolve("example.so", List.of(flat, nestedRoot)));
        Path direct = TestModules.path("example");
        assertEquals(direct, ModuleLoader.resolve(direct.toString(), List.of(flat)));
    }

    @Test
    void theSameModuleTwiceIsLoadedOnce() {
        Module first = modules.loadModule("example.so", null);
        Module second = modules.loadModule(TestModules.path("example").toString(), null);
        assertSame(first, second);
        assertEquals(1, modules.registry().modules().size());
    }

    @Test
    void reopensAModuleWithItsOwnDlflags() {
        NativeModule m = (NativeModule) modules.loadModule("own_dlflags.so", null);
        assertEquals(NativeCore.RTLD_NOW | NativeCore.RTLD_GLOBAL, m.dlflags());
        // Opened RTLD_GLOBAL, its symbols are now in the global scope.
        assertNotNull(com.sun.jna.NativeLibrary.getProcess().getGlobalVariableAddress("own_dlflags_marker"));
    }
}
