package org.sipbridge.script.expr;

import org.sipbridge.core.ReceiveInfo;
import org.sipbridge.script.ast.CoreKeyword;
import org.sipbridge.script.run.ScriptState;
import org.sipbridge.script.run.Value;
import org.sipbridge.sip.SipMessage;
import org.sipbridge.sip.SipUri;

import java.net.Inet4Address;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The core words as operands: {@code uri} (the current R-URI), {@code method},
 * {@code status} (string and number), {@code from_uri}, {@code to_uri}, {@code src_ip},
 * {@code dst_ip} (text), {@code src_port}, {@code dst_port}, {@code proto} ("udp"/"tcp",
 * also the number 1/2 as OpenSIPS's PROTO_*), {@code af} (4 or 6), {@code msg:len}.
 */
public final class KeywordExpr extends Expr {
    private static final byte[][] PROTO_NAMES = protoNames();

    private final CoreKeyword keyword;

    public KeywordExpr(CoreKeyword keyword) {
        this.keyword = keyword;
    }

    public CoreKeyword keyword() {
        return keyword;
    }

    private static byte[][] protoNames() {
        org.sipbridge.core.Proto[] all = org.sipbridge.core.Proto.values();
        byte[][] names = new byte[all.length][];
        for (org.sipbridge.core.Proto p : all) {
            names[p.ordinal()] = p.name().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
        }
        return names;
    }

    @Override
    public void eval(ScriptState s, Value out) {
        SipMessage m = s.message();
        ReceiveInfo rcv = s.ctx.receiveInfo();
        switch (keyword) {
            case URI -> {
                String nu = s.ctx.newUri();
                if (nu != null) {
                    out.setString(nu);
                } else if (m.isRequest()) {
                    out.copyOf(m.buffer(), m.requestUriOffset(), m.requestUriLength());
                } else {
                    out.setNull();
                }
            }
            case METHOD -> {
                if (m.isRequest()) {
                    out.copyOf(m.buffer(), m.methodOffset(), m.methodLength());
                } else {
                    out.setNull();
                }
            }
            case STATUS -> {
                if (m.isResponse()) {
                    out.setInt(m.statusCode());
                } else {
                    out.setNull();
                }
            }
            case FROM_URI -> whole(s.fromUri(), s, out);
            case TO_URI -> whole(s.toUri(), s, out);
            case SRC_IP -> out.setString(s.sourceIp());
            case DST_IP -> out.setString(s.localIp());
            case SRC_PORT -> {
                if (rcv == null || rcv.source() == null) out.setNull(); else out.setInt(rcv.source().getPort());
            }
            case DST_PORT -> {
                if (rcv == null || rcv.local() == null) out.setNull(); else out.setInt(rcv.local().getPort());
            }
            case PROTO -> {
                if (rcv == null) {
                    out.setNull();
                } else {
                    out.setSharedInt(PROTO_NAMES[rcv.proto().ordinal()], rcv.proto().code);
                }
            }
            case AF -> {
                if (rcv == null || rcv.source() == null) out.setNull();
                else out.setInt(rcv.source().getAddress() instanceof Inet4Address ? 4 : 6);
            }
            case MSG_LEN -> out.setInt(m.length());
        }
    }

    private static void whole(SipUri uri, ScriptState s, Value out) {
        if (uri == null) {
            out.setNull();
        } else {
            out.copyOf(s.message().buffer(), uri.offset(), uri.length());
        }
    }
}
