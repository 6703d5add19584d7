package org.sipbridge.testing;

import org.sipbridge.core.ModuleSystem;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Where the build put the test modules (target/modules; surefire passes the path). */
public final class TestModules {
    private TestModules() {
    }

    public static Path dir() {
        Path p = Path.of(System.getProperty("sipbridge.test.modules", "target/modules"));
        if (!Files.isDirectory(p)) {
            throw new IllegalStateException("test modules not built: " + p.toAbsolutePath()
                    + " is missing (run 'mvn verify', which builds them with CMake)");
        }
        return p.toAbsolutePath();
    }

    public static List<Path> mpath() {
        return List.of(dir());
    }

    public static Path path(String module) {
        return dir().resolve(module + ".so");
    }

    /** A ModuleSystem on {@link #mpath()} with these modules loaded ("msgtest.so"...), not yet initialised; the caller closes it. */
    public static ModuleSystem loaded(String... modules) {
        ModuleSystem ms = new ModuleSystem();
        ms.setMpath(mpath());
        for (String m : modules) {
            ms.loadModule(m, null);
        }
        return ms;
    }

    /** The repository root (surefire passes it; tests may run from it). */
    public static Path repo() {
        return Path.of(System.getProperty("sipbridge.repo", ".")).toAbsolutePath().normalize();
    }
}
