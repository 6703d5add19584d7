package org.sipbridge.ops;

import org.sipbridge.bridge.MemoryCounters;
import org.sipbridge.module.Module;
import org.sipbridge.server.SipServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * OpenSIPS's signal behaviour: SIGTERM and SIGINT stop the server gracefully (the process
 * then exits 0, not the JVM's 143); SIGHUP is ignored (logged); SIGUSR1 logs memory (per
 * module, pkg and shm) and every statistic and the server keeps serving. Handlers run on the
 * JVM's signal thread; the stop runs on a thread of its own so a second signal is seen.
 */
public final class Signals {
    private static final Logger log = LoggerFactory.getLogger("org.sipbridge.signals");

    private SipServer server;          // guarded by this
    private String stopRequested;      // a stop signal that came before the server existed

    private Signals() {
    }

    /**
     * Installs the handlers before the server starts, so that no signal meets the JVM's
     * default (exit 143/130) during start-up; {@link #attach} hands them the server.
     */
    public static Signals install() {
        Signals s = new Signals();
        Signal.handle(new Signal("TERM"), sig -> s.stop("SIGTERM"));
        Signal.handle(new Signal("INT"), sig -> s.stop("SIGINT"));
        Signal.handle(new Signal("HUP"), sig -> log.info("SIGHUP received: ignored (as OpenSIPS does)"));
        try {
            Signal.handle(new Signal("USR1"), sig -> s.usr1());
        } catch (IllegalArgumentException e) {
            log.warn("SIGUSR1 cannot be handled in this JVM ({}): no memory dump on SIGUSR1", e.getMessage());
        }
        return s;
    }

    /** The server is running: a stop asked for during its start happens now. */
    public void attach(SipServer s) {
        String pending;
        synchronized (this) {
            server = s;
            pending = stopRequested;
        }
        if (pending != null) {
            stop(pending);
        }
    }

    private void stop(String why) {
        SipServer s;
        synchronized (this) {
            s = server;
            if (s == null) {
                stopRequested = why;
            }
        }
        if (s == null) {
            log.info("{} received during start-up: stopping once started", why);
            return;
        }
        log.info("{} received: stopping", why);
        Thread t = new Thread(s::stop, "sipbridge-stop");
        t.start();
    }

    private void usr1() {
        SipServer s;
        synchronized (this) {
            s = server;
        }
        if (s == null) {
            log.info("SIGUSR1 received during start-up: nothing to show yet");
            return;
        }
        dump(s);
    }

    /** SIGUSR1: memory per module and every statistic, in the log. */
    public static void dump(SipServer server) {
        try {
            Runtime rt = Runtime.getRuntime();
            log.info("SIGUSR1: memory: JVM heap used {} of {} bytes (max {})", rt.totalMemory() - rt.freeMemory(),
                    rt.totalMemory(), rt.maxMemory());
            for (Module m : server.script().modules().registry().modules()) {
                MemoryCounters pkg = server.script().modules().memory(m, MemoryCounters.PKG);
                MemoryCounters shm = server.script().modules().memory(m, MemoryCounters.SHM);
                log.info("SIGUSR1: memory: module {}: pkg {} bytes in {} blocks (peak {}), shm {} bytes in {} blocks "
                        + "(peak {})", m.name(), pkg.liveBytes(), pkg.liveBlocks(), pkg.peakBytes(), shm.liveBytes(),
                        shm.liveBlocks(), shm.peakBytes());
            }
            Management mg = server.management();
            if (mg != null) {
                for (String line : mg.statLines()) {
                    log.info("SIGUSR1: statistic {}", line);
                }
            }
            log.info("SIGUSR1: done, still serving");
        } catch (RuntimeException e) {
            log.error("SIGUSR1: dump failed", e);
        }
    }
}
