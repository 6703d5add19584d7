package org.sipbridge.module;

/**
 * How a configuration finds a Java module by name: {@code loadmodule "name.so"} (or
 * {@code "name"}) when no C module file of that name is on mpath, and
 * {@code loadmodule "file.jar"} for a jar on mpath. Implementations are listed in the jar's
 * {@code META-INF/services/org.sipbridge.module.JavaModuleProvider} (java.util.ServiceLoader)
 * and need a public no-argument constructor. Each loadmodule creates a new module.
 */
public interface JavaModuleProvider {
    /** The module's name, as loadmodule and modparam use it. */
    String name();

    JavaModule create();
}
