package org.sipbridge.server.transport;

import io.netty.util.internal.PlatformDependent;
import jnr.ffi.LibraryLoader;
import jnr.ffi.LibraryOption;
import org.slf4j.LoggerFactory;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;

/**
 * A worker's UDP send to an IPv4 destination through the core library ({@code sb_udp_send4}
 * in native/net/udp_send.c): the same single sendto as Netty's {@code Socket.sendTo}, but the
 * address goes over as numbers, so nothing is allocated per datagram (Netty's call builds two
 * byte arrays for it). Null-safe: without the core library (transport-only tests) or for
 * IPv6, {@link NettySender} keeps using Netty's call.
 */
public final class NativeUdpSend {
    /** The binding (public: jnr-ffi implements it in a class of its own). */
    public interface Calls {
        long sb_udp_send4(int fd, long buf, long len, int ip, int port);
    }

    static final long EAGAIN = 11;

    private static final Calls CALLS = load();

    private NativeUdpSend() {
    }

    private static Calls load() {
        try {
            return LibraryLoader.create(Calls.class).option(LibraryOption.IgnoreError, true).failImmediately()
                    .load(org.sipbridge.bridge.NativeCore.get().path().toString());
        } catch (Throwable t) {
            LoggerFactory.getLogger(NativeUdpSend.class).debug("UDP sends go through Netty: {}", t.toString());
            return null;
        }
    }

    static boolean available(InetAddress to, ByteBuffer data) {
        return CALLS != null && to instanceof Inet4Address && data.isDirect();
    }

    /**
     * One datagram of data's remaining bytes (left unchanged) from fd to an IPv4 address:
     * the bytes sent, or -errno. Call only when {@link #available} said so.
     */
    static long send(int fd, ByteBuffer data, InetAddress to, int port) {
        long address = PlatformDependent.directBufferAddress(data) + data.position();
        return CALLS.sb_udp_send4(fd, address, data.remaining(), ipv4(to), port);
    }

    /**
     * The IPv4 address as an int, first octet in the high byte, without the array
     * getAddress() allocates: an Inet4Address's hash code is exactly that number
     * (specified by its implementation since JDK 1.0; NativeUdpSendTest checks it).
     */
    static int ipv4(InetAddress a) {
        return a.hashCode();
    }
}
