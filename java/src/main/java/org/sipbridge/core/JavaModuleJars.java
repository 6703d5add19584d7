package org.sipbridge.core;

import org.sipbridge.module.JavaModule;
import org.sipbridge.module.JavaModuleProvider;
import org.sipbridge.module.Module;
import org.sipbridge.module.ModuleException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * Java modules a configuration loads by name: {@code loadmodule "x.jar"} opens the jar
 * (found like a C module: as given, then on mpath) in a class loader of its own and adds every
 * {@link JavaModuleProvider} it lists; {@code loadmodule "x.so"} with no such file finds a
 * provider named x on the server's class path (sipbridge's own stand-ins: httpd, mi_http,
 * prometheus). The jar's class loader lives as long as the process (modules are not unloaded
 * separately).
 */
final class JavaModuleJars {
    private static final Logger LOG = LoggerFactory.getLogger("org.sipbridge.modules");

    private JavaModuleJars() {
    }

    static Module load(ModuleSystem ms, String name, List<Path> mpath) {
        Path jar = resolve(name, mpath);
        URLClassLoader loader;
        try {
            loader = new URLClassLoader("module:" + jar.getFileName(), new URL[] {jar.toUri().toURL()},
                    JavaModuleJars.class.getClassLoader());
        } catch (MalformedURLException e) {
            throw new ModuleException("could not open Java module " + jar + ": " + e.getMessage());
        }
        List<JavaModule> created = new ArrayList<>();
        try {
            for (JavaModuleProvider p : ServiceLoader.load(JavaModuleProvider.class, loader)) {
                if (p.getClass().getClassLoader() != loader) {
                    continue;   // the server's own providers are not this jar's modules
                }
                created.add(p.create());
            }
        } catch (ServiceConfigurationError | RuntimeException | LinkageError e) {
            throw new ModuleException("could not load Java module " + jar + ": " + e.getMessage());
        }
        if (created.isEmpty()) {
            throw new ModuleException("Java module " + jar + " provides no module (no META-INF/services/"
                    + JavaModuleProvider.class.getName() + " entry)");
        }
        for (JavaModule m : created) {
            ms.addJavaModule(m);
            m.markLoadedByConfig();
            LOG.info("loaded Java module {} {} from {}", m.name(), m.version(), jar);
        }
        return created.get(0);
    }

    /** A provider named like the loadmodule argument ("httpd.so" -> httpd) on the class path, or null. */
    static Module fromClassPath(ModuleSystem ms, String nameOrPath) {
        String stem = Path.of(nameOrPath).getFileName().toString().replaceFirst("\\.so$", "");
        for (JavaModuleProvider p : ServiceLoader.load(JavaModuleProvider.class, JavaModuleJars.class.getClassLoader())) {
            if (p.name().toLowerCase(Locale.ROOT).equals(stem.toLowerCase(Locale.ROOT))) {
                JavaModule m = p.create();
                ms.addJavaModule(m);
                return m;   // the caller logs it and marks it loaded by the configuration
            }
        }
        return null;
    }

    private static Path resolve(String name, List<Path> mpath) {
        List<Path> tried = new ArrayList<>();
        Path given = Path.of(name);
        if (name.contains("/") || mpath.isEmpty()) {
            if (Files.isRegularFile(given)) {
                return given.toAbsolutePath().normalize();
            }
            tried.add(given);
        }
        if (!name.contains("/")) {
            for (Path dir : mpath) {
                Path p = dir.resolve(name);
                if (Files.isRegularFile(p)) {
                    return p.toAbsolutePath().normalize();
                }
                tried.add(p);
            }
        }
        throw new ModuleException("could not find Java module <" + name + "> (tried " + tried + ")");
    }
}
