package org.sipbridge.script.expr;

import org.sipbridge.core.ReceiveInfo;
import org.sipbridge.script.run.ScriptState;
import org.sipbridge.script.run.Value;

import java.net.InetAddress;
import java.net.InetSocketAddress;

/** {@code src_ip == 10.0.0.0/8} (or dst_ip, == or !=): the address is in the network. */
public final class IpMatchExpr extends Expr {
    private final boolean source;
    private final byte[] network;
    private final int prefix;
    private final boolean negated;

    public IpMatchExpr(boolean source, byte[] network, int prefix, boolean negated) {
        this.source = source;
        this.network = network;
        this.prefix = prefix;
        this.negated = negated;
    }

    @Override
    public boolean test(ScriptState s) {
        ReceiveInfo rcv = s.ctx.receiveInfo();
        InetSocketAddress a = rcv == null ? null : source ? rcv.source() : rcv.local();
        return (a != null && inNetwork(a.getAddress())) != negated;
    }

    private boolean inNetwork(InetAddress address) {
        byte[] b = address.getAddress();
        if (b.length != network.length) {
            return false;
        }
        int bits = prefix;
        for (int i = 0; i < b.length && bits > 0; i++, bits -= 8) {
            int mask = bits >= 8 ? 0xff : (0xff << (8 - bits)) & 0xff;
            if ((b[i] & mask) != (network[i] & mask)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void eval(ScriptState s, Value out) {
        out.setInt(test(s) ? 1 : 0);
    }
}
