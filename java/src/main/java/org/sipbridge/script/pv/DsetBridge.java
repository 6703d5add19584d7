package org.sipbridge.script.pv;

import com.sun.jna.Pointer;
import org.sipbridge.bridge.CoreCalls;
import org.sipbridge.bridge.NativeCore;
import org.sipbridge.core.DestinationSet;
import org.sipbridge.core.SipContext;
import org.sipbridge.module.CurrentMessage;
import org.sipbridge.module.MessageContext;
import org.sipbridge.script.run.ScriptState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;

/**
 * The Java side of native/dset.c: C modules' dset.h functions on the destination set of the
 * message the thread is processing, the set the script's append_branch fills and t_relay
 * forks to. Reading the count, q and flags allocates nothing; adding or changing a branch
 * makes its (immutable) record and strings.
 */
public final class DsetBridge implements CoreCalls.DsetCallback {
    private static final Logger LOG = LoggerFactory.getLogger("sipbridge.core");
    private static final int OP_COUNT = 0, OP_APPEND = 1, OP_GET = 2, OP_REMOVE = 3, OP_CLEAR = 4,
            OP_GET_FLAGS = 5, OP_SET_FLAGS = 6, OP_GET_RURI_Q = 7, OP_SET_RURI_Q = 8, OP_UPDATE = 9;
    /** struct sb_dset_io: 4 pointers, 4 lengths, q, flags (native/dset.c). */
    private static final int IO_LEN = 32, IO_Q = 48, IO_FLAGS = 52;
    private static final int F_URI = 0, F_DST = 1, F_PATH = 2, F_SOCK = 3;
    private static final int M_Q = 1 << 4, M_FLAGS = 1 << 5;
    private static DsetBridge instance;

    private DsetBridge(CoreCalls calls) {
        calls.sb_dset_set_callback(this);
    }

    /** Registers the bridge with the core once. */
    public static synchronized void install() {
        if (instance == null) {
            instance = new DsetBridge(NativeCore.get().calls());
        }
    }

    private static SipContext message() {
        MessageContext mc = CurrentMessage.get();
        return mc instanceof SipContext sc ? sc : null;
    }

    /** Field f of the io struct as text; null when absent or empty. */
    private static String field(Pointer io, int f) {
        int len = io.getInt(IO_LEN + 4L * f);
        if (len <= 0) {
            return null;
        }
        Pointer p = io.getPointer(8L * f);
        byte[] b = p.getByteArray(0, len);
        return new String(b, StandardCharsets.UTF_8);
    }

    @Override
    public int call(int op, int idx, int ival, long ioAddr, long buf, int cap) {
        try {
            SipContext sc = message();
            DestinationSet s = sc == null ? null : sc.branches();
            if (op == OP_GET_RURI_Q) {
                return s == null ? -1 : s.ruriQ();
            }
            if (s == null) {
                return op == OP_COUNT ? 0 : -1;
            }
            Pointer io = ioAddr == 0 ? null : new Pointer(ioAddr);
            switch (op) {
                case OP_COUNT:
                    return s.size();
                case OP_CLEAR:
                    s.clear();
                    return 0;
                case OP_SET_RURI_Q:
                    s.ruriQ(ival);
                    return 0;
                case OP_APPEND: {
                    if (s.size() >= DestinationSet.MAX_BRANCHES - 1) {
                        return -2;
                    }
                    DestinationSet.Branch b = new DestinationSet.Branch(field(io, F_URI), field(io, F_DST),
                            field(io, F_PATH), io.getInt(IO_Q), field(io, F_SOCK), io.getInt(IO_FLAGS));
                    return s.append(b) ? 0 : -2;
                }
                case OP_GET:
                    return get(s.get(idx), io, buf, cap);
                case OP_REMOVE:
                    return s.remove(idx) ? 0 : -1;
                case OP_UPDATE:
                    return update(s, idx, ival, io);
                case OP_GET_FLAGS: {
                    if (idx == 0) {
                        io.setInt(IO_FLAGS, ScriptState.of(sc).branchFlags);   // the script's bflags
                        return 0;
                    }
                    DestinationSet.Branch b = s.get(idx - 1);
                    if (b == null) {
                        return -1;
                    }
                    io.setInt(IO_FLAGS, b.flags());
                    return 0;
                }
                case OP_SET_FLAGS: {
                    int f = io.getInt(IO_FLAGS);
                    if (idx == 0) {
                        ScriptState.of(sc).branchFlags = f;
                        return 0;
                    }
                    DestinationSet.Branch b = s.get(idx - 1);
                    if (b == null) {
                        return -1;
                    }
                    if (b.flags() != f) {
                        s.set(idx - 1, new DestinationSet.Branch(b.uri(), b.dstUri(), b.path(), b.q(), b.socket(), f));
                    }
                    return 0;
                }
                default:
                    return -1;
            }
        } catch (Throwable t) {
            LOG.error("destination set call {} from C failed", op, t);
            return -1;
        }
    }

    /** Packs uri, dst_uri, path, socket into buf; the lengths, q and flags into io. */
    private static int get(DestinationSet.Branch b, Pointer io, long buf, int cap) {
        if (b == null) {
            return -1;
        }
        byte[] u = bytes(b.uri()), d = bytes(b.dstUri()), p = bytes(b.path()), k = bytes(b.socket());
        int need = u.length + d.length + p.length + k.length;
        if (need > cap || buf == 0) {
            return -need - 2;
        }
        Pointer out = new Pointer(buf);
        int o = 0;
        out.write(o, u, 0, u.length);
        o += u.length;
        out.write(o, d, 0, d.length);
        o += d.length;
        out.write(o, p, 0, p.length);
        o += p.length;
        out.write(o, k, 0, k.length);
        io.setInt(IO_LEN + 4L * F_URI, u.length);
        io.setInt(IO_LEN + 4L * F_DST, d.length);
        io.setInt(IO_LEN + 4L * F_PATH, p.length);
        io.setInt(IO_LEN + 4L * F_SOCK, k.length);
        io.setInt(IO_Q, b.q());
        io.setInt(IO_FLAGS, b.flags());
        return 0;
    }

    private static final byte[] NONE = new byte[0];

    private static byte[] bytes(String s) {
        return s == null || s.isEmpty() ? NONE : s.getBytes(StandardCharsets.UTF_8);
    }

    /** Changes the fields named in mask (bits F_URI..F_SOCK, M_Q, M_FLAGS). */
    private static int update(DestinationSet s, int idx, int mask, Pointer io) {
        DestinationSet.Branch b = s.get(idx);
        if (b == null) {
            return -1;
        }
        s.set(idx, new DestinationSet.Branch(
                (mask & (1 << F_URI)) != 0 ? field(io, F_URI) : b.uri(),
                (mask & (1 << F_DST)) != 0 ? field(io, F_DST) : b.dstUri(),
                (mask & (1 << F_PATH)) != 0 ? field(io, F_PATH) : b.path(),
                (mask & M_Q) != 0 ? io.getInt(IO_Q) : b.q(),
                (mask & (1 << F_SOCK)) != 0 ? field(io, F_SOCK) : b.socket(),
                (mask & M_FLAGS) != 0 ? io.getInt(IO_FLAGS) : b.flags()));
        return 0;
    }
}
