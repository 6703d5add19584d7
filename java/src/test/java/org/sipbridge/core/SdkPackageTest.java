package org.sipbridge.core;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sipbridge.module.Argument;
import org.sipbridge.module.RouteType;
import org.sipbridge.testing.FakeMessage;
import org.sipbridge.testing.TestModules;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A module author outside this repository: find_package(Sipbridge) against the installed
 * SDK (target/sdk), sipbridge_add_module(), then the module loads and runs.
 */
class SdkPackageTest {

    private static void run(Path dir, String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "timed out: " + String.join(" ", command));
        assertEquals(0, p.exitValue(), String.join(" ", command) + ":\n" + out);
    }

    @Test
    void anOutOfTreeModuleBuildsWithTheCmakePackageAndLoads(@TempDir Path tmp) throws Exception {
        Path sdk = Path.of(System.getProperty("sipbridge.home", "target/sdk")).toAbsolutePath();
        Path src = TestModules.repo().resolve("java/src/test/resources/sdk-consumer");
        Path project = tmp.resolve("project");
        copyTree(src, project);
        run(project, "cmake", "-S", ".", "-B", "build", "-DCMAKE_PREFIX_PATH=" + sdk);
        run(project, "cmake", "--build", "build");
        Path module = project.resolve("build/outside.so");
        assertTrue(Files.isRegularFile(module), "no " + module);
        try (ModuleSystem ms = new ModuleSystem()) {
            ms.loadModule(module.toString(), null);
            ms.initModules();
            var call = ms.bind(ms.lookup("outside_twice", 1, RouteType.REQUEST), List.of(Argument.string("21")));
            assertEquals(42, call.call(new FakeMessage(1)));
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (var walk = Files.walk(from)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }
}
