package org.sipbridge.script.expr;

import org.sipbridge.script.ast.CoreKeyword;
import org.sipbridge.script.run.LocalAddresses;
import org.sipbridge.script.run.ScriptState;
import org.sipbridge.script.run.Value;
import org.sipbridge.sip.SipError;
import org.sipbridge.sip.SipUri;

import java.nio.ByteBuffer;

/**
 * {@code x == myself} / {@code x != myself}. For {@code uri}, {@code from_uri} and
 * {@code to_uri} the URI's host and port (5060 when it names none) must be one of ours; for
 * {@code src_ip}/{@code dst_ip} the address, any port. Any other operand is read as a URI
 * when it parses as one, else as a host.
 */
public final class MyselfExpr extends Expr {
    private final Expr operand;
    private final CoreKeyword keyword;
    private final LocalAddresses local;
    private final boolean negated;

    public MyselfExpr(Expr operand, LocalAddresses local, boolean negated) {
        this.operand = operand;
        this.keyword = operand instanceof KeywordExpr k ? k.keyword() : null;
        this.local = local;
        this.negated = negated;
    }

    @Override
    public boolean test(ScriptState s) {
        return mine(s) != negated;
    }

    private boolean mine(ScriptState s) {
        if (keyword != null) {
            switch (keyword) {
                case URI:
                    return uriIsMine(s.requestUri(), s.requestUriBuffer());
                case FROM_URI:
                    return uriIsMine(s.fromUri(), s.message().buffer());
                case TO_URI:
                    return uriIsMine(s.toUri(), s.message().buffer());
                case SRC_IP:
                    return local.matches(s.sourceIp(), -1);
                case DST_IP:
                    return local.matches(s.localIp(), -1);
                default:
                    break;
            }
        }
        int mark = s.mark();
        Value v = s.temp();
        operand.eval(s, v);
        boolean r = false;
        if (!v.isNull()) {
            ByteBuffer b = ByteBuffer.wrap(v.bytes(), v.offset(), v.length());
            SipUri uri = new SipUri();
            r = uri.parse(b, v.offset(), v.length()) == SipError.NONE && uri.hostOffset() >= 0
                    ? uriIsMine(uri, b)
                    : local.matches(b, v.offset(), v.length(), -1);
        }
        s.release(mark);
        return r;
    }

    private boolean uriIsMine(SipUri uri, ByteBuffer buf) {
        if (uri == null || uri.hostOffset() < 0) {
            return false;
        }
        return local.matches(buf, uri.hostOffset(), uri.hostLength(), uri.hasExplicitPort() ? uri.port() : 5060);
    }

    @Override
    public void eval(ScriptState s, Value out) {
        out.setInt(test(s) ? 1 : 0);
    }
}
