package org.sipbridge.server.transport;

import jnr.ffi.LibraryLoader;
import jnr.ffi.LibraryOption;
import jnr.ffi.annotations.In;
import org.slf4j.LoggerFactory;

/**
 * The binding of a worker's own UDP receive in the core library ({@code sb_rx_*} in
 * native/net/udp_recv.c): one poll over the worker's sockets and an eventfd, one recvmmsg per
 * batch. Null-safe: without the core library (transport-only tests) {@link #available()} is
 * false and the transport keeps the hand-off receive path.
 */
public final class NativeUdpReceive {
    /** The binding (public: jnr-ffi implements it in a class of its own). */
    public interface Calls {
        long sb_rx_open(int batch, int slot, long bufs, long meta);

        void sb_rx_close(long rx);

        int sb_rx_set_fds(long rx, @In int[] fds, int n);

        int sb_rx_wake(long rx);

        int sb_rx_wait(long rx, int timeoutMs);

        int sb_rx_read(long rx, int index);
    }

    /** Ints of meta per datagram (udp_recv.c's SB_RX_META). */
    static final int META = 9;
    /** Sockets one context can wait on (udp_recv.c's SB_RX_MAX_FDS); bit 30 of a wait's mask is the wake-up. */
    static final int MAX_FDS = 30;

    static final Calls CALLS = load();

    private NativeUdpReceive() {
    }

    private static Calls load() {
        try {
            return LibraryLoader.create(Calls.class).option(LibraryOption.IgnoreError, true).failImmediately()
                    .load(org.sipbridge.bridge.NativeCore.get().path().toString());
        } catch (Throwable t) {
            LoggerFactory.getLogger(NativeUdpReceive.class).debug("no inline UDP receive: {}", t.toString());
            return null;
        }
    }

    static boolean available() {
        return CALLS != null;
    }
}
