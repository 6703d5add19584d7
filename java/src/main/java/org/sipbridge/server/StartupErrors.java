package org.sipbridge.server;

import org.sipbridge.script.ast.LoadModule;
import org.sipbridge.script.ast.Script;

import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Start-up failures as a user needs them: a failure that names a module (its init_f or
 * child_init failed, it refused a parameter) gets the file:line of the loadmodule that
 * loaded it in front, as configuration errors have.
 */
final class StartupErrors {
    private static final Pattern MODULE = Pattern.compile("\\bmodule <?([A-Za-z0-9_.-]+)>?");

    private StartupErrors() {
    }

    static String located(Script script, String message) {
        if (message == null) {
            return "start-up failed";
        }
        Matcher m = MODULE.matcher(message);
        while (m.find()) {
            LoadModule lm = loadedAs(script, m.group(1));
            if (lm != null) {
                return lm.location() + ": " + message;
            }
        }
        return message;
    }

    /** The loadmodule line whose file is {@code name}.so (OpenSIPS names modules after their file). */
    private static LoadModule loadedAs(Script script, String name) {
        for (LoadModule lm : script.modules()) {
            Path p = Path.of(lm.path()).getFileName();
            String stem = p == null ? lm.path() : p.toString().replaceFirst("\\.so$", "");
            if (stem.toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) {
                return lm;
            }
        }
        return null;
    }
}
