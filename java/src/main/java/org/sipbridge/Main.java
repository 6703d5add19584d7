package org.sipbridge;

import io.netty.util.ResourceLeakDetector;
import org.sipbridge.ops.Cli;
import org.sipbridge.ops.Management;
import org.sipbridge.ops.Signals;
import org.sipbridge.ops.Version;
import org.sipbridge.server.ConfigCheck;
import org.sipbridge.server.ServerException;
import org.sipbridge.server.ServerOptions;
import org.sipbridge.server.SipServer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * The command line, OpenSIPS's flags where they make sense (picocli parses them):
 * {@code sipbridge [-f file] [-c|-C] [-V] [-E] [-D|-F] [-P pidfile] [-w dir] [-l address] [-n children] [-h]}, and
 * {@code sipbridge cli <command> [args]} to talk to a running server's MI. Exit codes: 0
 * after a stop by SIGTERM/SIGINT or MI kill, 1 when the server cannot start (the reason on
 * stderr, with file:line), 2 for a bad command line.
 */
@Command(name = "sipbridge", sortOptions = false, usageHelpAutoWidth = true,
        description = "A Java SIP server core that runs OpenSIPS 1.11 C modules next to Java code.",
        footer = {"", "Without -c: runs until SIGTERM or SIGINT (exit 0). SIGHUP is ignored; SIGUSR1 logs memory and "
                + "statistics.", "sipbridge cli <mi command> [args...]  sends an MI command to a running server "
                + "(see sipbridge cli -h)."})
public final class Main implements Callable<Integer> {
    @Option(names = "-f", paramLabel = "file",
            description = "the configuration (default: etc/sipbridge.cfg of the install, else ./sipbridge.cfg)")
    Path file;

    @Option(names = {"-c", "-C"}, description = "check the configuration (modules, mod_init, fixups) and exit")
    boolean check;

    @Option(names = "-V", description = "print the version and exit")
    boolean version;

    @Option(names = "-E", description = "log to stderr (as log_stderror=yes)")
    boolean stderr;

    @Option(names = {"-D", "-F"}, description = "stay in the foreground (sipbridge always does; accepted)")
    boolean[] foreground;

    @Option(names = "-P", paramLabel = "pidfile", description = "write the process id to this file")
    Path pidFile;

    @Option(names = "-w", paramLabel = "dir", description = "working directory: relative mpath entries resolve here")
    Path workDir;

    @Option(names = "-l", paramLabel = "address",
            description = "listen also on [udp:|tcp:]IP[:port] (repeatable; port 5060 by default)")
    List<String> listen = new java.util.ArrayList<>();

    @Option(names = "-n", paramLabel = "children", description = "worker threads (overrides children=)")
    Integer childrenOption;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "this help")
    boolean help;

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String[] args) {
        if (args.length > 0 && args[0].equals("cli")) {
            return Cli.run(Arrays.copyOfRange(args, 1, args.length));
        }
        Management.setCommandLine(List.of(args));
        CommandLine cl = new CommandLine(new Main());
        cl.setParameterExceptionHandler((e, a) -> {
            System.err.println("sipbridge: " + e.getMessage());
            e.getCommandLine().usage(System.err);
            return 2;
        });
        return cl.execute(args);
    }

    @Override
    public Integer call() {
        if (version) {
            System.out.println(Version.text());
            return 0;
        }
        Path cfg = file != null ? file : defaultConfig();
        Path wd = workDir != null ? workDir.toAbsolutePath().normalize() : Path.of("").toAbsolutePath();
        if (file == null && workDir == null && cfg.isAbsolute() && cfg.getParent() != null
                && cfg.getParent().getParent() != null) {
            wd = cfg.getParent().getParent();   // the packaged configuration runs in its install (mpath="modules")
        }
        if (workDir != null && !Files.isDirectory(wd)) {
            System.err.println("sipbridge: -w " + workDir + ": not a directory");
            return 2;
        }
        if (workDir != null && !cfg.isAbsolute()) {
            cfg = wd.resolve(cfg);
        }
        ServerOptions options = ServerOptions.defaults().withWorkingDirectory(wd);
        if (childrenOption != null && childrenOption < 1) {
            System.err.println("sipbridge: -n " + childrenOption + ": at least 1 worker");
            return 2;
        }
        List<org.sipbridge.server.transport.ListenAddress> extra = new java.util.ArrayList<>();
        for (String l : listen) {
            try {
                extra.add(org.sipbridge.server.CommandLineSettings.parseListen(l));
            } catch (IllegalArgumentException e) {
                System.err.println("sipbridge: " + e.getMessage());
                return 2;
            }
        }
        org.sipbridge.server.CommandLineSettings.set(extra, childrenOption);
        try {
            if (check) {
                try {
                    return ConfigCheck.check(cfg, options, System.out, System.err);
                } catch (IllegalStateException e) { // the core library could not be loaded
                    System.err.println("sipbridge: " + e.getMessage());
                    return 1;
                }
            }
            return serve(cfg, options);
        } finally {
            org.sipbridge.server.CommandLineSettings.set(List.of(), null);   // read at start only
        }
    }

    /** etc/sipbridge.cfg of the install the jar sits in (lib/sipbridge.jar), else ./sipbridge.cfg. */
    static Path defaultConfig() {
        try {
            Path jar = Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path home = jar.getParent() == null ? null : jar.getParent().getParent();
            if (home != null && Files.isRegularFile(home.resolve("etc/sipbridge.cfg"))) {
                return home.resolve("etc/sipbridge.cfg");
            }
        } catch (Exception e) {
            // no code source: fall back
        }
        return Path.of("sipbridge.cfg");
    }

    /** Runs the server until SIGTERM/SIGINT (or MI kill); 0 then, 1 when it cannot start. */
    private int serve(Path cfg, ServerOptions options) {
        org.sipbridge.logging.LogSetup.enable(stderr);
        if (System.getProperty("io.netty.leakDetection.level") == null) {
            // Netty samples buffer allocations with a stack trace each by default: a cost on
            // every receive a server does not want (the tests keep it on)
            ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.DISABLED);
        }
        if (pidFile != null) {   // first, as OpenSIPS: a supervisor sees the process at once
            try {
                Files.writeString(pidFile, ProcessHandle.current().pid() + "\n");
            } catch (IOException e) {
                System.err.println("sipbridge: cannot write the pid file " + pidFile + ": " + e.getMessage());
                return 1;
            }
        }
        Signals signals = Signals.install();
        SipServer server;
        try {
            server = SipServer.start(cfg, options);
        } catch (ServerException e) {
            System.err.println("sipbridge: " + e.getMessage());
            System.err.println("sipbridge: not started");
            removePidFile();
            return 1;
        } catch (IllegalStateException e) { // the core library could not be loaded
            System.err.println("sipbridge: " + e.getMessage());
            removePidFile();
            return 1;
        }
        signals.attach(server);
        // a JVM exit other than by our signal handlers (System.exit elsewhere) still stops cleanly
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "sipbridge-shutdown"));
        try {
            server.awaitStopped();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            server.stop();
        }
        removePidFile();
        return 0;
    }

    private void removePidFile() {
        if (pidFile != null) {
            try {
                Files.deleteIfExists(pidFile);
            } catch (IOException e) {
                // nothing to do about it at exit
            }
        }
    }
}
