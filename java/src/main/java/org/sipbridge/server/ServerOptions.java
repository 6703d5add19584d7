package org.sipbridge.server;

import org.sipbridge.bridge.NativeCore;
import org.sipbridge.module.JavaModule;
import org.sipbridge.script.CompileOptions;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * How to run a configuration: the directory relative mpath entries are resolved against
 * (the one the server started in, as OpenSIPS) and Java modules of the deployment, added
 * after the server's own ({@link SlModule}) and before the configuration's loadmodule lines.
 */
public record ServerOptions(Path workingDirectory, List<JavaModule> javaModules) {
    public ServerOptions {
        javaModules = List.copyOf(javaModules);
    }

    public static ServerOptions defaults() {
        return new ServerOptions(Path.of("").toAbsolutePath(), List.of());
    }

    public ServerOptions withWorkingDirectory(Path dir) {
        return new ServerOptions(dir, javaModules);
    }

    /**
     * What the script compiler gets: the server's modules (new instances: a module belongs to
     * one compiled script) and the deployment's. Check mode uses the same, so a C module that
     * binds the sl API passes {@code -c} too.
     */
    public CompileOptions compileOptions() {
        List<JavaModule> all = new ArrayList<>();
        all.add(new SlModule(NativeCore.get()));
        all.addAll(javaModules);
        return new CompileOptions(workingDirectory, all);
    }
}
