package org.sipbridge.server;

import org.sipbridge.bridge.NativeCore;
import org.sipbridge.core.ModuleSystem;
import org.sipbridge.core.Proto;
import org.sipbridge.core.SipContext;
import org.sipbridge.module.ModuleException;
import org.sipbridge.script.CompiledScript;
import org.sipbridge.script.RunResult;
import org.sipbridge.script.ServerConfig;
import org.sipbridge.script.ast.Script;
import org.sipbridge.script.parse.ConfigException;
import org.sipbridge.script.parse.ScriptParser;
import org.sipbridge.server.transport.ListenAddress;
import org.sipbridge.server.transport.SipTransport;
import org.sipbridge.server.transport.TransportConfig;
import org.sipbridge.server.transport.TransportException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;

/**
 * The SIP server: a configuration compiled and running over the transport.
 *
 * <p>Start-up ({@link #start}), in OpenSIPS order: the script is compiled (modules loaded,
 * modparams, init_f, fixups), the sockets are bound, each worker thread creates its
 * {@link SipContext} and runs child_init(rank) (ranks 1..children) on its own thread, then
 * the main thread runs child_init(PROC_MAIN) and the startup_route, the timer routes get
 * their thread (child_init(PROC_TIMER) there first), and only then do the workers take
 * their first message. Any failure stops what was started and throws a
 * {@link ServerException} whose message says what to fix.
 *
 * <p>Stop ({@link #stop}, also from a JVM shutdown hook): the timer routes end, the
 * transport stops receiving and lets the workers drain their queues, the worker contexts
 * are freed, then the script closes (free_fixup per call site, destroy_f newest module
 * first). Idempotent.
 */
public final class SipServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger("org.sipbridge.server");

    private final Path file;
    private final CompiledScript script;
    private final TransportConfig transportConfig;
    private final NativeCore core;
    private final ServerCounters counters = new ServerCounters();
    private final ServerLogs logs = new ServerLogs();
    private final Gate gate = new Gate();
    private final WorkerState[] workers;
    private final SipTransport transport;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final Object lifecycle = new Object();
    private Routing routing;
    private TimerThread timers;
    private volatile TmRuntime tm;
    private NetBridge.Session net;   // listeners, processes, upcalls of C (native/net)
    private boolean stopping;
    // issue 13: stuck modules, crash reports (docs/reliability.md)
    private final org.sipbridge.script.ReliabilitySettings reliability;
    private volatile Watchdog watchdog;
    private Path crumbFile;
    private volatile org.sipbridge.ops.Management management;   // MI, statistics, httpd (ops)

    private SipServer(Path file, CompiledScript script, TransportConfig transportConfig, NativeCore core) {
        this.file = file;
        this.script = script;
        this.transportConfig = transportConfig;
        this.core = core;
        this.workers = new WorkerState[transportConfig.workers()];
        this.reliability = org.sipbridge.script.ReliabilitySettings.of(script.script());
        this.transport = new SipTransport(transportConfig, new MessageDispatcher(workers, counters, logs, gate),
                this::startWorker);
    }

    /** Compiles {@code file} and starts serving it; returns once the first message may be handled. */
    public static SipServer start(Path file, ServerOptions options) throws ServerException {
        Script parsed;
        try {
            parsed = ScriptParser.parseFile(file);
        } catch (NoSuchFileException e) {
            throw new ServerException("cannot read " + file + ": no such file", e);
        } catch (IOException e) {
            throw new ServerException("cannot read " + file + ": " + e.getMessage(), e);
        } catch (ConfigException e) {
            throw new ServerException(e.getMessage(), e);
        }
        // the process's logging from log_level/log_stderror/log_facility, before modules load
        // (only when the command line asked for it: LogSetup.enable)
        try {
            org.sipbridge.logging.LogSetup.apply(ServerConfig.of(parsed, options.workingDirectory()));
        } catch (RuntimeException e) {
            // a setting it cannot read: the compile below reports it with its location
        }
        CompiledScript script;
        // modules see the listeners and settings from mod_init on (socket_info.h, globals.h)
        NetBridge.Session net = NetBridge.get(NativeCore.get()).configure(parsed,
                ServerConfig.of(parsed, options.workingDirectory()), file);
        try {
            script = CompiledScript.compile(parsed, options.compileOptions());
        } catch (ConfigException e) {
            net.close();
            throw new ServerException(e.getMessage(), e);
        } catch (ModuleException | IllegalStateException e) {
            net.close();
            throw new ServerException(StartupErrors.located(parsed, e.getMessage()), e);
        } catch (RuntimeException | Error e) {
            net.close();
            throw e;
        }
        SipServer server;
        try {
            server = new SipServer(file, script, TransportSettings.from(script.config(),
                    org.sipbridge.script.ReliabilitySettings.of(script.script())), NativeCore.get());
            server.net = net;
            net.modulesLoaded(script, server.transportConfig.limits());
        } catch (ServerException | RuntimeException e) {
            net.close();
            script.close();
            throw e;
        }
        server.run(parsed);
        return server;
    }

    private void run(Script parsed) throws ServerException {
        startCrashReport();
        try {
            transport.start();
            script.childInit(ModuleSystem.PROC_MAIN);
            startupRoute();
            timers = TimerThread.start(script, core, transportConfig.limits(), dummySource());
            net.startProcesses();
        } catch (TransportException e) {
            failed();
            throw new ServerException(StartupErrors.located(parsed, e.getMessage()), e);
        } catch (ModuleException e) {
            failed();
            throw new ServerException(StartupErrors.located(parsed, e.getMessage()), e);
        } catch (ExecutionException e) {
            failed();
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new ServerException(StartupErrors.located(parsed, "timer process: " + cause.getMessage()), cause);
        } catch (RuntimeException | Error e) {
            failed();
            throw e;
        }
        gate.open();
        try {
            management = new org.sipbridge.ops.Management(script.modules(), script.config().logLevel(),
                    new ServerStatistics(counters, transport, this::transactionStats), transport::workerSnapshots, this::stop);
        } catch (RuntimeException e) {
            failed();
            throw new ServerException(StartupErrors.located(parsed, e.getMessage()), e);
        }
        watchdog = new Watchdog(workers, i -> transport.setWorkerAvailable(i, false),
                i -> transport.setWorkerAvailable(i, true), org.sipbridge.bridge.Breadcrumbs.get(),
                reliability.moduleCallLimitMs(), routing().reliability).start();
        for (String line : StartupSummary.lines(file, script, transport, workers.length)) {
            log.info(line);
        }
        if (!script.hasRequestRoute()) {
            log.warn("{}: {}", file, org.sipbridge.script.ScriptCheck.NO_ROUTE);
        }
    }

    /**
     * The module lock timeout, then the crash report: what the breadcrumb file of a previous
     * run that did not stop cleanly says, and this run's file.
     */
    private void startCrashReport() {
        org.sipbridge.bridge.WatchCalls calls = org.sipbridge.bridge.Breadcrumbs.get().calls();
        calls.sb_set_lock_timeout(reliability.moduleLockTimeoutMs());
        Path crumbs = CrashReport.fileFor(file);
        for (String line : CrashReport.previousRun(crumbs, Path.of("").toAbsolutePath())) {
            log.error("{}: {}", file, line);
        }
        if (CrashReport.open(calls, crumbs)) {
            crumbFile = crumbs;
        } else {
            log.warn("no crash report for this run: cannot write {}", crumbs);
        }
    }

    /** The start hook: on worker {@code rank}'s thread, before its first message. */
    private void startWorker(int rank) {
        net.workerStarting(rank, transport);
        WorkerState w = new WorkerState(rank, routing(), core, transportConfig.limits());
        workers[rank - 1] = w;
        script.childInit(rank);
        if (rank == 1) {
            Warmup.run(w, routing().own, Warmup.configuredMessages()); // before the sockets are read (issue 14)
        }
    }

    /** What the workers share; built by the first start hook, once the sockets are bound. */
    private synchronized Routing routing() {
        if (routing == null) {
            List<OwnSocket> sockets = new ArrayList<>();
            for (Proto p : List.of(Proto.UDP, Proto.TCP)) {
                List<ServerConfig.Listen> configured = Advertised.listensOf(script.config(), p);
                List<InetSocketAddress> bound = transport.localAddresses(p);
                for (int i = 0; i < bound.size(); i++) {
                    InetSocketAddress a = bound.get(i);
                    ServerConfig.Listen l = i < configured.size() ? configured.get(i) : null;
                    sockets.add(new OwnSocket(p, a, OwnAddresses.advertised(a.getAddress()),
                            l == null ? null : l.advertisedHost(), l == null ? 0 : l.advertisedPort()));
                }
            }
            tm = script.modules().registry().module(org.sipbridge.tm.TmModule.NAME)
                    .filter(m -> m instanceof org.sipbridge.tm.TmModule)
                    .map(m -> new TmRuntime((org.sipbridge.tm.TmModule) m, transport)).orElse(null);
            routing = new Routing(script, transport.sender(), OwnAddresses.of(sockets, script.config().aliases()),
                    ToTagPrefix.of(sockets.toString()), counters, logs, tm);
        }
        return routing;
    }

    private void startupRoute() {
        Optional<Function<SipContext, RunResult>> startup = script.startupRoute();
        if (startup.isEmpty()) {
            return;
        }
        try (SipContext ctx = new SipContext(core, transportConfig.limits())) {
            DummyRequest.load(ctx, dummySource());
            startup.get().apply(ctx);
        }
    }

    /** Where the dummy request of startup and timer routes seems to come from: our first listener. */
    private InetSocketAddress dummySource() {
        InetSocketAddress a = transport.localAddress(Proto.UDP);
        return a != null ? a : transport.localAddress(Proto.TCP);
    }

    /** Start failed after the transport was created: undo everything. */
    private void failed() {
        gate.open(); // workers blocked on their first message can end
        shutDown();
    }

    /** Stops serving (see the class comment); returns when the modules are destroyed. */
    public void stop() {
        synchronized (lifecycle) {
            if (stopping) {
                return;
            }
            stopping = true;
        }
        long begin = System.nanoTime();
        try {
            shutDown(false);
            log.info("sipbridge stopped in {} ms: {}", (System.nanoTime() - begin) / 1_000_000, stats());
        } finally {
            stopped.countDown(); // after the last line, so a process exiting on it loses nothing
        }
    }

    private void shutDown() {
        shutDown(true);
    }

    private void shutDown(boolean release) {
        synchronized (lifecycle) {
            stopping = true;
        }
        try {
            if (management != null) {
                management.close();   // no MI command runs into modules being destroyed
            }
            net.stopProcesses();
            if (timers != null) {
                timers.close();
            }
            transport.stop(); // no handler runs after this returns, but a stuck one
            Watchdog dog = watchdog;
            if (dog != null) {
                dog.close();
            }
            List<String> stuck = new ArrayList<>();
            if (tm != null) {
                tm.close();
            }
            for (int i = 0; i < workers.length; i++) {
                if (workers[i] == null) {
                    continue;
                }
                if (transport.workerAlive(i)) {
                    // still inside a module call: its native slot stays, it may be using it
                    stuck.add("worker " + workers[i].rank + " " + (dog != null ? dog.whereIs(workers[i]) : ""));
                } else {
                    workers[i].close();
                    workers[i] = null;
                }
            }
            if (stuck.isEmpty()) {
                net.close();
                script.close();
            } else {
                // destroying or unloading a module, or freeing what it may touch, under a thread
                // still running its code is what crashed the JVM: leave it all to the exit
                log.error("{} still running after the stop grace period ({}): modules are not destroyed nor"
                        + " unloaded and their memory stays, so the process can exit without a crash",
                        String.join(", ", stuck), transportConfig.stopDrainTimeout().toMillis() + " ms");
            }
            if (crumbFile != null) {
                CrashReport.closeClean(org.sipbridge.bridge.Breadcrumbs.get().calls(), crumbFile);
            }
        } finally {
            if (release) {
                stopped.countDown();
            }
        }
    }

    /** Blocks until {@link #stop()} finished. */
    public void awaitStopped() throws InterruptedException {
        stopped.await();
    }

    @Override
    public void close() {
        stop();
    }

    /** The bound address of the first listener of proto (the real port when the configuration said 0), or null. */
    public InetSocketAddress localAddress(Proto proto) {
        return transport.localAddress(proto);
    }

    public ServerStats stats() {
        return counters.snapshot();
    }

    /** What the watchdog, the lock timeouts and the error path did (docs/reliability.md). */
    public ReliabilityStats reliabilityStats() {
        Watchdog dog = watchdog;
        return routing().reliability.snapshot(dog == null ? 0 : dog.stuckNow());
    }

    public org.sipbridge.server.transport.TransportStats transportStats() {
        return transport.stats();
    }

    /** The transaction layer's counters (null when the configuration does not load sipbridge's tm). */
    public org.sipbridge.tm.TmStats transactionStats() {
        TmRuntime t = tm;
        return t == null ? null : t.stats;
    }

    public CompiledScript script() {
        return script;
    }

    /** The start-up summary the server logged. */
    public List<String> summary() {
        return StartupSummary.lines(file, script, transport, workers.length);
    }

    /** The listeners as configured (port 0 stays 0). */
    public List<ListenAddress> configuredListeners() {
        return transportConfig.listeners();
    }

    /** MI registry, statistics, log levels and the HTTP listener of this server (null before it serves). */
    public org.sipbridge.ops.Management management() {
        return management;
    }

    /** The configuration this server runs. */
    public ServerConfig config() {
        return script.config();
    }
}
