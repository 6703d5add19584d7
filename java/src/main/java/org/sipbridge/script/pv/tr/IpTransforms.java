package org.sipbridge.script.pv.tr;

import io.netty.util.NetUtil;
import org.sipbridge.script.run.ScriptState;
import org.sipbridge.script.run.Value;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;

/**
 * The {@code {ip.*}} family: family and ntop read an address in binary form (4 or 16
 * bytes, as pton makes it), isip and pton read text, resolve looks a name up (blocking, as
 * in 1.11; the empty string when it does not resolve). These allocate: they are rare.
 */
final class IpTransforms extends Transform {
    private static final byte[] INET = "INET".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] INET6 = "INET6".getBytes(StandardCharsets.US_ASCII);

    private enum Op { FAMILY, NTOP, ISIP, PTON, RESOLVE }

    private final Op op;

    private IpTransforms(String text, Op op) {
        super(text);
        this.op = op;
    }

    static Transform create(String name, String text, TrArg[] args) {
        return new IpTransforms(text, switch (name) {
            case "family" -> Op.FAMILY;
            case "ntop" -> Op.NTOP;
            case "isip" -> Op.ISIP;
            case "pton" -> Op.PTON;
            case "resolve" -> Op.RESOLVE;
            default -> throw new IllegalArgumentException("unknown ip." + name);
        });
    }

    @Override
    public boolean apply(ScriptState s, Value v) {
        int n = v.length();
        if (n == 0) {
            return false;
        }
        switch (op) {
            case FAMILY -> {
                if (n != 4 && n != 16) {
                    return false;
                }
                byte[] f = n == 4 ? INET : INET6;
                v.setShared(f, 0, f.length);
            }
            case NTOP -> {
                if (n != 4 && n != 16) {
                    return false;
                }
                byte[] raw = new byte[n];
                System.arraycopy(v.bytes(), v.offset(), raw, 0, n);
                try {
                    v.setString(NetUtil.toAddressString(InetAddress.getByAddress(raw)));
                } catch (java.net.UnknownHostException e) {
                    return false;
                }
            }
            case ISIP -> {
                String t = v.asString();
                v.setInt(NetUtil.isValidIpV4Address(t) || NetUtil.isValidIpV6Address(t) ? 1 : 0);
            }
            case PTON -> {
                byte[] raw = NetUtil.createByteArrayFromIpAddressString(v.asString());
                if (raw == null) {
                    return false;
                }
                setRange(s, v, raw, 0, raw.length);
            }
            case RESOLVE -> {
                try {
                    v.setString(NetUtil.toAddressString(InetAddress.getByName(v.asString())));
                } catch (java.net.UnknownHostException | SecurityException e) {
                    v.clearString();
                }
            }
        }
        return true;
    }
}
