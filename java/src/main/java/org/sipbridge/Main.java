package org.sipbridge;

import io.netty.util.ResourceLeakDetector;
import org.sipbridge.script.ScriptCheck;
import org.sipbridge.server.ServerException;
import org.sipbridge.server.ServerOptions;
import org.sipbridge.server.SipServer;

import java.nio.file.Path;

/**
 * The command line: {@code sipbridge -f file.cfg -c} checks a configuration (exit 0 or 1);
 * {@code sipbridge -f file.cfg} runs the server until SIGTERM or Ctrl-C (exit 1 when it
 * cannot start, with the reason on stderr; 2 for a bad command line).
 */
public final class Main {
    private static final String USAGE = "usage: sipbridge -f file.cfg [-c]\n"
            + "  -f file  the configuration\n"
            + "  -c       check it (load modules, init, fixups), print a summary and exit\n"
            + "  without -c: run the server until SIGTERM or Ctrl-C";

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
            try {
                return ScriptCheck.check(file, ServerOptions.defaults().compileOptions(), System.out, System.err);
            } catch (IllegalStateException e) { // the core library could not be loaded
                System.err.println("sipbridge: " + e.getMessage());
                return 1;
            }
        }
        return serve(file);
    }

    /** Runs the server until the JVM is asked to stop; the shutdown hook stops it gracefully. */
    private static int serve(Path file) {
        if (System.getProperty("io.netty.leakDetection.level") == null) {
            // Netty samples buffer allocations with a stack trace each by default: a cost on
            // every receive a server does not want (the tests keep it on)
            ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.DISABLED);
        }
        SipServer server;
        try {
            server = SipServer.start(file, ServerOptions.defaults());
        } catch (ServerException e) {
            System.err.println("sipbridge: " + e.getMessage());
            System.err.println("sipbridge: not started");
            return 1;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "sipbridge-shutdown"));
        try {
            server.awaitStopped();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            server.stop();
        }
        return 0;
    }

    private static int usage(String problem) {
        System.err.println("sipbridge: " + problem);
        System.err.println(USAGE);
        return 2;
    }
}
