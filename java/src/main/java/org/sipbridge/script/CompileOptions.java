package org.sipbridge.script;

import org.sipbridge.module.JavaModule;

import java.nio.file.Path;
import java.util.List;

/**
 * How to compile a script: the directory relative mpath entries are resolved against (the
 * server's working directory, as OpenSIPS), and Java modules to register after the core
 * functions and before the configuration's loadmodule lines.
 */
public record CompileOptions(Path workingDirectory, List<JavaModule> javaModules,
                             java.util.Map<String, java.util.function.Supplier<JavaModule>> standIns) {
    public CompileOptions {
        javaModules = List.copyOf(javaModules);
        standIns = java.util.Map.copyOf(standIns);
    }

    public CompileOptions(Path workingDirectory, List<JavaModule> javaModules) {
        this(workingDirectory, javaModules, java.util.Map.of());
    }

    public static CompileOptions defaults() {
        return new CompileOptions(Path.of("").toAbsolutePath(), List.of());
    }

    public CompileOptions withJavaModules(JavaModule... modules) {
        return new CompileOptions(workingDirectory, List.of(modules), standIns);
    }
}
