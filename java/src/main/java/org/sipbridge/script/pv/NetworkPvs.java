package org.sipbridge.script.pv;

import org.sipbridge.core.ReceiveInfo;
import org.sipbridge.script.run.ScriptState;
import org.sipbridge.script.run.Value;

import java.util.Locale;

/** $si $sp $Ri $Rp $pr: where the message came from and on which local socket. */
final class NetworkPvs {
    private static final byte[][] PROTO_NAMES = protoNames();

    private NetworkPvs() {
    }

    private static byte[][] protoNames() {
        org.sipbridge.core.Proto[] all = org.sipbridge.core.Proto.values();
        byte[][] names = new byte[all.length][];
        for (org.sipbridge.core.Proto p : all) {
            names[p.ordinal()] = p.name().toLowerCase(Locale.ROOT).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        }
        return names;
    }

    static void sourceIp(ScriptState s, Value out) {
        out.setString(s.sourceIp());
    }

    static void sourcePort(ScriptState s, Value out) {
        ReceiveInfo r = s.ctx.receiveInfo();
        if (r == null || r.source() == null) {
            out.setNull();
        } else {
            out.setInt(r.source().getPort());
        }
    }

    static void localIp(ScriptState s, Value out) {
        out.setString(s.localIp());
    }

    static void localPort(ScriptState s, Value out) {
        ReceiveInfo r = s.ctx.receiveInfo();
        if (r == null || r.local() == null) {
            out.setNull();
        } else {
            out.setInt(r.local().getPort());
        }
    }

    static void proto(ScriptState s, Value out) {
        ReceiveInfo r = s.ctx.receiveInfo();
        if (r == null) {
            out.setNull();
        } else {
            byte[] name = PROTO_NAMES[r.proto().ordinal()];
            out.setShared(name, 0, name.length);
        }
    }
}
