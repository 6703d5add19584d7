package org.sipbridge.server.transport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.util.internal.PlatformDependent;
import org.sipbridge.core.Proto;
import org.sipbridge.core.ReceiveInfo;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.IntBuffer;

/**
 * One worker's view of its UDP sockets in {@code udp_receive_mode = inline}: the native context
 * ({@link NativeUdpReceive}), the batch buffers it reads into (direct, owned here, alive as long
 * as the context) and what a datagram needs to become a message without allocating: a reusable
 * ByteBuf over each batch slot and a cache of ReceiveInfos keyed by the source's numbers.
 * Used by its worker thread only, except {@link #wake()} (any thread) and {@link #close()}
 * (once the worker has ended).
 */
final class InlineReceiver {
    /** Datagrams read per recvmmsg (-Dsipbridge.udpBatch, 1..64). */
    static final int BATCH = Math.max(1, Math.min(64, Integer.getInteger("sipbridge.udpBatch", 8)));
    /** The bit of a wait's mask that says "woken by another thread", not a socket. */
    static final int WOKEN = 1 << NativeUdpReceive.MAX_FDS;

    private final NativeUdpReceive.Calls calls = NativeUdpReceive.CALLS;
    private final int slot;
    private final ByteBuffer bufs;
    private final ByteBuffer metaBytes;
    private final IntBuffer meta;
    private final ByteBuf[] views;
    private final SourceCache[] caches;
    private volatile long rx;
    /** The sockets waited on now: descriptor and listener index of each (worker thread). */
    private int[] fds = new int[0];
    private int[] listenerOf = new int[0];

    /**
     * @param slot           bytes per datagram (the message limit + 1: a longer one is cut and flagged)
     * @param listenerLocals the bound address of each UDP listener, in listener order
     */
    InlineReceiver(int slot, InetSocketAddress[] listenerLocals) {
        this.slot = slot;
        bufs = ByteBuffer.allocateDirect(BATCH * slot);
        metaBytes = ByteBuffer.allocateDirect(BATCH * NativeUdpReceive.META * 4).order(ByteOrder.nativeOrder());
        meta = metaBytes.asIntBuffer();
        views = new ByteBuf[BATCH];
        for (int i = 0; i < BATCH; i++) {
            ByteBuffer part = bufs.duplicate();
            part.position(i * slot).limit((i + 1) * slot);
            views[i] = Unpooled.wrappedBuffer(part.slice());
        }
        caches = new SourceCache[listenerLocals.length];
        for (int i = 0; i < caches.length; i++) {
            caches[i] = new SourceCache(listenerLocals[i]);
        }
        rx = calls.sb_rx_open(BATCH, slot, PlatformDependent.directBufferAddress(bufs),
                PlatformDependent.directBufferAddress(metaBytes));
        if (rx == 0) {
            throw new IllegalStateException("cannot open the inline UDP receive context (eventfd or memory)");
        }
    }

    /** Worker thread: the sockets to wait on and read from now on (descriptors and their listener indexes). */
    void setSockets(int[] descriptors, int[] listeners) {
        if (descriptors.length > NativeUdpReceive.MAX_FDS) {
            throw new IllegalArgumentException("a worker reads at most " + NativeUdpReceive.MAX_FDS + " sockets");
        }
        fds = descriptors.clone();
        listenerOf = listeners.clone();
        calls.sb_rx_set_fds(rx, fds, fds.length);
    }

    int sockets() {
        return fds.length;
    }

    int fd(int index) {
        return fds[index];
    }

    /** Any thread: ends the owner's current or next {@link #await}. */
    void wake() {
        long r = rx;
        if (r != 0) {
            calls.sb_rx_wake(r);
        }
    }

    /** Readable sockets as a bit mask (bit i: socket i; {@link #WOKEN}: a wake-up), 0 after timeoutMs. */
    int await(int timeoutMs) {
        int mask = calls.sb_rx_wait(rx, timeoutMs);
        return mask < 0 ? 0 : mask; // -errno: nothing to do this time (poll does not fail on valid input)
    }

    /** Reads up to {@link #BATCH} datagrams of socket index without blocking: how many (0: none; errors count as none). */
    int read(int index) {
        int n = calls.sb_rx_read(rx, index);
        return Math.max(n, 0);
    }

    /** Datagram k of the last read: its bytes (readable exactly; valid until the next read). */
    ByteBuf message(int k) {
        int len = Math.min(meta.get(k * NativeUdpReceive.META), slot);
        return views[k].setIndex(0, len);
    }

    /** Whether datagram k was longer than a slot (cut). */
    boolean truncated(int k) {
        return meta.get(k * NativeUdpReceive.META + 1) != 0;
    }

    /** The whole batch area (datagram k at k * slot()), for hashing without a view per message. */
    ByteBuffer area() {
        return bufs;
    }

    int slot() {
        return slot;
    }

    /** Where datagram k (read from socket index) came from, cached per source. */
    ReceiveInfo info(int index, int k) {
        int m = k * NativeUdpReceive.META;
        return caches[listenerOf[index]].get(meta, m);
    }

    /** Once the worker has ended. */
    void close() {
        long r = rx;
        rx = 0;
        if (r != 0) {
            calls.sb_rx_close(r);
        }
    }

    /**
     * ReceiveInfos of recent sources, keyed by address and port as the native side wrote them:
     * a datagram from a known source costs a few int compares. Direct-mapped; a collision
     * replaces the entry. One per listener of one worker (its thread only).
     */
    private static final class SourceCache {
        private static final int BITS = 8;
        private final ReceiveInfo[] infos = new ReceiveInfo[1 << BITS];
        /** Per entry: family, port, then 4 address ints. */
        private final int[] keys = new int[(1 << BITS) * 6];
        private final InetSocketAddress local;

        SourceCache(InetSocketAddress local) {
            this.local = local;
        }

        ReceiveInfo get(IntBuffer meta, int m) {
            int family = meta.get(m + 2), port = meta.get(m + 3);
            int a0 = meta.get(m + 4), a1 = meta.get(m + 5), a2 = meta.get(m + 6), a3 = meta.get(m + 7), a4 = meta.get(m + 8);
            int h = ((a0 ^ a1 ^ a2 ^ a3 ^ a4) * 31 + port) * 0x9E3779B9;
            int i = h >>> (32 - BITS);
            int key = i * 6;
            ReceiveInfo e = infos[i];
            if (e != null && keys[key] == family && keys[key + 1] == port
                    && keys[key + 2] == (family == 4 ? a0 : a1) && keys[key + 3] == a2 && keys[key + 4] == a3
                    && keys[key + 5] == a4) {
                return e;
            }
            e = new ReceiveInfo(Proto.UDP, new InetSocketAddress(address(family, a0, a1, a2, a3, a4), port), local, 0);
            infos[i] = e;
            keys[key] = family;
            keys[key + 1] = port;
            keys[key + 2] = family == 4 ? a0 : a1;
            keys[key + 3] = a2;
            keys[key + 4] = a3;
            keys[key + 5] = a4;
            return e;
        }

        private static InetAddress address(int family, int v4, int w0, int w1, int w2, int w3) {
            byte[] b;
            if (family == 6) {
                b = new byte[16];
                int[] w = {w0, w1, w2, w3};
                for (int k = 0; k < 4; k++) {
                    b[4 * k] = (byte) (w[k] >>> 24);
                    b[4 * k + 1] = (byte) (w[k] >>> 16);
                    b[4 * k + 2] = (byte) (w[k] >>> 8);
                    b[4 * k + 3] = (byte) w[k];
                }
            } else {
                b = new byte[] {(byte) (v4 >>> 24), (byte) (v4 >>> 16), (byte) (v4 >>> 8), (byte) v4};
            }
            try {
                return InetAddress.getByAddress(b);
            } catch (UnknownHostException e) {
                throw new IllegalStateException(e); // 4 or 16 bytes: cannot happen
            }
        }
    }
}
