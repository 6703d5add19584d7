package org.sipbridge.mi;

import org.sipbridge.logging.LogLevels;
import org.sipbridge.module.Module;
import org.sipbridge.stats.StatsRegistry;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

/**
 * What the core MI commands read and act on in a running server.
 *
 * @param version   the server's version text (as -V prints it)
 * @param started   when the server started
 * @param args      the command line it was started with
 * @param workDir   its working directory
 * @param modules   the loaded modules, in load order
 * @param stats     every statistic
 * @param logs      the log levels
 * @param kill      stops the server (the process exits 0, as after SIGTERM)
 */
public record MiContext(String version, Instant started, List<String> args, Path workDir,
                        Supplier<List<Module>> modules, StatsRegistry stats, LogLevels logs, Runnable kill) {
}
