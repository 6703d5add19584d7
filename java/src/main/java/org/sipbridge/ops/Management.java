package org.sipbridge.ops;

import org.sipbridge.bridge.MiPublisher;
import org.sipbridge.bridge.NativeCore;
import org.sipbridge.core.ModuleSystem;
import org.sipbridge.logging.LogLevels;
import org.sipbridge.mi.CoreMiCommands;
import org.sipbridge.mi.JsonRpc;
import org.sipbridge.mi.MiContext;
import org.sipbridge.mi.MiRegistry;
import org.sipbridge.mi.ModuleMiCommands;
import org.sipbridge.module.JavaModule;
import org.sipbridge.module.Module;
import org.sipbridge.server.transport.WorkerSnapshot;
import org.sipbridge.stats.MemoryStats;
import org.sipbridge.stats.NativeStats;
import org.sipbridge.stats.StatSource;
import org.sipbridge.stats.StatsRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The management side of one running server: its statistics, its MI registry (core
 * commands, every module's), the MI thread C commands run on, the log levels, and the HTTP
 * listener when the configuration loads httpd with mi_http and/or prometheus. Started once
 * the server serves, closed first when it stops.
 */
public final class Management implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger("org.sipbridge.mi");
    private static volatile List<String> commandLine = List.of();

    private final StatsRegistry stats = new StatsRegistry();
    private final MiRegistry mi = new MiRegistry();
    private final ExecutorService miThread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "mi-thread");
        t.setDaemon(true);
        return t;
    });
    private final LogLevels logs;
    private final JsonRpc rpc = new JsonRpc(mi);
    private final Instant started = Instant.now();
    private HttpdServer http;

    /** The command line the process was started with (for MI's arg); Main sets it. */
    public static void setCommandLine(List<String> args) {
        commandLine = List.copyOf(args);
    }

    /**
     * @param serverStats the server's core:, sl:, net: statistics
     * @param kill        what MI's kill does
     */
    public Management(ModuleSystem modules, Integer configLogLevel, StatSource serverStats,
                      Supplier<List<WorkerSnapshot>> workers, Runnable kill) {
        NativeCore core = modules.core();
        Supplier<List<Module>> mods = () -> modules.registry().modules();
        stats.add(serverStats);
        stats.add(new NativeStats(core.calls()));
        stats.add(new MemoryStats(core.calls(), mods));
        int initial = configLogLevel != null ? configLogLevel : core.log().level();
        logs = new LogLevels(initial, configLogLevel != null, modules::setConfigLogLevel);
        CoreMiCommands.registerAll(mi, new MiContext(Version.text(), started, commandLine,
                Path.of("").toAbsolutePath(), mods, stats, logs, kill));
        ModuleMiCommands.registerAll(mi, mods.get(), core.calls(), miThread, replyTimeoutMs(mods.get()));
        // C transports (mi_fifo, mi_datagram) reach the same registry through lookup_mi_cmd
        MiPublisher.get(core).publish(mi);
        this.workers = workers;
        startHttp(mods.get());
    }

    private final Supplier<List<WorkerSnapshot>> workers;

    private static long replyTimeoutMs(List<Module> mods) {
        HttpModules.MiHttp m = find(mods, HttpModules.MiHttp.class);
        int s = m == null ? 0 : m.replyTimeout.get();
        return s > 0 ? s * 1000L : org.sipbridge.bridge.NativeMiCommand.DEFAULT_TIMEOUT_MS;
    }

    private void startHttp(List<Module> mods) {
        HttpModules.Httpd httpd = find(mods, HttpModules.Httpd.class);
        HttpModules.MiHttp miHttp = find(mods, HttpModules.MiHttp.class);
        HttpModules.Prometheus prom = find(mods, HttpModules.Prometheus.class);
        boolean wantMi = miHttp != null && miHttp.loadedByConfig();
        boolean wantMetrics = prom != null && prom.loadedByConfig();
        if (httpd == null || !httpd.loadedByConfig()) {
            if (wantMi || wantMetrics) {
                log.warn("mi_http/prometheus are loaded without httpd: no HTTP listener");
            }
            return;
        }
        if (!wantMi && !wantMetrics) {
            log.info("httpd is loaded without mi_http or prometheus: nothing to serve");
            return;
        }
        InetSocketAddress bind = new InetSocketAddress(httpd.ip.get(), httpd.port.get());
        Metrics metrics = wantMetrics ? new Metrics(prom.prefix.get(), stats, workers) : null;
        try {
            http = new HttpdServer(bind, httpd.maxBody.get(), rpc, wantMi ? "/" + strip(miHttp.root.get()) : null,
                    metrics, wantMetrics ? "/" + strip(prom.root.get()) : null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while binding httpd on " + bind);
        } catch (RuntimeException e) {
            throw new IllegalStateException("httpd cannot listen on " + bind.getHostString() + ":" + bind.getPort()
                    + ": " + e.getMessage(), e);
        }
        log.info("httpd: listening on http://{}:{}{}{}", http.localAddress().getAddress().getHostAddress(),
                http.localAddress().getPort(), wantMi ? " (MI: POST /" + strip(miHttp.root.get()) + ")" : "",
                wantMetrics ? " (metrics: GET /" + strip(prom.root.get()) + ")" : "");
    }

    private static String strip(String root) {
        String r = root.trim();
        while (r.startsWith("/")) {
            r = r.substring(1);
        }
        return r;
    }

    private static <T extends JavaModule> T find(List<Module> mods, Class<T> type) {
        for (Module m : mods) {
            if (type.isInstance(m)) {
                return type.cast(m);
            }
        }
        return null;
    }

    public MiRegistry mi() {
        return mi;
    }

    public JsonRpc jsonRpc() {
        return rpc;
    }

    public StatsRegistry stats() {
        return stats;
    }

    public LogLevels logLevels() {
        return logs;
    }

    /** Where the HTTP listener is bound, or null when there is none. */
    public InetSocketAddress httpAddress() {
        return http == null ? null : http.localAddress();
    }

    /** Every statistic as "group:name = value" lines (SIGUSR1's dump). */
    public List<String> statLines() {
        return stats.all().stream().map(s -> s.fullName() + " = " + s.value().getAsLong()).toList();
    }

    @Override
    public void close() {
        MiPublisher.get(NativeCore.get()).unpublish();
        if (http != null) {
            http.close();
            http = null;
        }
        miThread.shutdown();
        try {
            if (!miThread.awaitTermination(5, TimeUnit.SECONDS)) {
                log.warn("an MI command is still running at stop");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
