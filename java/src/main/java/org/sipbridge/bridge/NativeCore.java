package org.sipbridge.bridge;

import com.sun.jna.Library;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import jnr.ffi.LibraryLoader;
import jnr.ffi.LibraryOption;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The core library (libsipbridge.so), loaded once per JVM.
 *
 * <p>It must be opened RTLD_GLOBAL before any module: modules are linked with undefined
 * references to pkg_malloc, sb_log, find_export... and dlopen(RTLD_NOW) resolves them only
 * against libraries in the global scope. JNA opens it with those flags; jnr-ffi then binds
 * the same handle for the fast calls.
 */
public final class NativeCore {

    static final int RTLD_LAZY = 0x1;
    static final int RTLD_NOW = 0x2;
    static final int RTLD_GLOBAL = 0x100;

    private static NativeCore instance;

    private final Path path;
    private final NativeLibrary library;
    private final CoreCalls calls;
    private final ExportsLayout layout;
    private final LogBridge logBridge;

    private NativeCore(Path path) {
        this.path = path;
        this.library = NativeLibrary.getInstance(path.toString(),
                Map.of(Library.OPTION_OPEN_FLAGS, RTLD_NOW | RTLD_GLOBAL));
        // errno is never read after these calls: skip jnr-ffi's per-call errno save.
        this.calls = LibraryLoader.create(CoreCalls.class).option(LibraryOption.IgnoreError, true)
                .failImmediately().load(path.toString());
        this.layout = ExportsLayout.read(calls);
        this.logBridge = new LogBridge(calls);
    }

    /** The core, loaded on first use from {@link #locate()}. */
    public static synchronized NativeCore get() {
        if (instance == null) {
            instance = new NativeCore(locate());
        }
        return instance;
    }

    /**
     * Where libsipbridge.so is: the system property {@code sipbridge.core} (the file), else
     * {@code sipbridge.home}/lib, else next to the running jar (target/native when run from
     * the build tree), else target/native under the working directory.
     */
    static Path locate() {
        List<Path> tried = new ArrayList<>();
        String explicit = System.getProperty("sipbridge.core");
        if (explicit != null) {
            return existing(Path.of(explicit), tried);
        }
        String home = System.getProperty("sipbridge.home");
        if (home != null) {
            tried.add(Path.of(home, "lib", "libsipbridge.so"));
        }
        Path jarDir = jarDirectory();
        if (jarDir != null) {
            tried.add(jarDir.resolve("native/libsipbridge.so"));
            tried.add(jarDir.resolve("../lib/libsipbridge.so"));
        }
        tried.add(Path.of("target/native/libsipbridge.so"));
        for (Path p : tried) {
            if (Files.isRegularFile(p)) {
                return p.toAbsolutePath().normalize();
            }
        }
        throw new IllegalStateException("cannot find the sipbridge core library libsipbridge.so; tried "
                + tried + " (build it with 'mvn package' or set -Dsipbridge.core=/path/libsipbridge.so)");
    }

    private static Path existing(Path p, List<Path> tried) {
        if (!Files.isRegularFile(p)) {
            throw new IllegalStateException("sipbridge.core=" + p + " does not exist");
        }
        return p.toAbsolutePath().normalize();
    }

    private static Path jarDirectory() {
        try {
            Path p = Path.of(NativeCore.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return Files.isRegularFile(p) ? p.getParent() : null;
        } catch (Exception e) {
            return null;
        }
    }

    public Path path() {
        return path;
    }

    public CoreCalls calls() {
        return calls;
    }

    public ExportsLayout layout() {
        return layout;
    }

    public LogBridge log() {
        return logBridge;
    }

    /** The version string OpenSIPS-dialect modules must carry. */
    public String opensipsVersion() {
        return calls.sb_core_version(0);
    }

    public String opensipsCompileFlags() {
        return calls.sb_core_version(1);
    }

    public String openserVersion() {
        return calls.sb_core_version(2);
    }

    public String openserCompileFlags() {
        return calls.sb_core_version(3);
    }

    /** Address of an exported core symbol (for APIs the core implements in C). */
    public long symbol(String name) {
        return Pointer.nativeValue(library.getFunction(name));
    }
}
