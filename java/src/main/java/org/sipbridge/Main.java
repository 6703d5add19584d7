package org.sipbridge;

import org.sipbridge.script.CompileOptions;
import org.sipbridge.script.ScriptCheck;

import java.nio.file.Path;

/**
 * The command line: {@code sipbridge -f file.cfg -c} checks a configuration (exit 0 or 1);
 * {@code sipbridge -f file.cfg} will run the server (not available yet: exit 2).
 */
public final class Main {
    private static final String USAGE = "usage: sipbridge -f file.cfg [-c]\n"
            + "  -f file  the configuration\n"
            + "  -c       check it (load modules, init, fixups), print a summary and exit";

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String[] args) {
        Path file = null;
        boolean check = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "-f" -> {
                    if (++i == args.length) {
                        return usage("-f needs a file");
                    }
                    file = Path.of(args[i]);
                }
                case "-c" -> check = true;
                case "-h", "--help" -> {
                    System.out.println(USAGE);
                    return 0;
                }
                default -> {
                    return usage("unknown option " + args[i]);
                }
            }
        }
        if (file == null) {
            return usage("no configuration given");
        }
        if (check) {
            return ScriptCheck.check(file, CompileOptions.defaults(), System.out, System.err);
        }
        System.err.println("sipbridge: server not available yet (use -c to check " + file + ")");
        return 2;
    }

    private static int usage(String problem) {
        System.err.println("sipbridge: " + problem);
        System.err.println(USAGE);
        return 2;
    }
}
