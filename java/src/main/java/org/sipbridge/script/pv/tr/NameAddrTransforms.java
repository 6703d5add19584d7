package org.sipbridge.script.pv.tr;

import org.sipbridge.script.run.ScriptState;
import org.sipbridge.script.run.TransformScratch;
import org.sipbridge.script.run.Value;
import org.sipbridge.sip.NameAddr;
import org.sipbridge.sip.ParamList;
import org.sipbridge.sip.SipError;

import java.nio.ByteBuffer;

/**
 * The {@code {nameaddr.*}} family: the value parsed as a To/From body
 * ({@code "Name" <uri>;params}): name (display name as written), uri, len (the body's
 * length), param (a header parameter, name matched exactly), params (all of them).
 */
final class NameAddrTransforms extends Transform {
    private enum Op { NAME, URI, LEN, PARAM, PARAMS }

    private final Op op;
    private final byte[] paramName;

    private NameAddrTransforms(String text, Op op, byte[] paramName) {
        super(text);
        this.op = op;
        this.paramName = paramName;
    }

    static Transform create(String name, String text, TrArg[] args) {
        return switch (name) {
            case "name" -> new NameAddrTransforms(text, Op.NAME, null);
            case "uri" -> new NameAddrTransforms(text, Op.URI, null);
            case "len" -> new NameAddrTransforms(text, Op.LEN, null);
            case "param" -> new NameAddrTransforms(text, Op.PARAM, args[0].constantText());
            case "params" -> new NameAddrTransforms(text, Op.PARAMS, null);
            default -> throw new IllegalArgumentException("unknown nameaddr." + name);
        };
    }

    @Override
    public boolean apply(ScriptState s, Value v) {
        int n = v.length();
        if (n == 0) {
            return false;
        }
        TransformScratch x = s.transformScratch();
        ByteBuffer buf = x.load(v);
        NameAddr na = x.nameAddr;
        if (na.parse(buf, 0, n) != SipError.NONE) {
            return false;
        }
        ParamList params = na.params();
        switch (op) {
            case NAME -> setRangeOrEmpty(v, buf, na.displayNameOffset(), na.displayNameLength());
            case URI -> setRangeOrEmpty(v, buf, na.uriOffset(), na.uriLength());
            case LEN -> v.setInt(na.valueLength());
            case PARAM -> {
                int found = -1;
                for (int i = 0; i < params.count(); i++) {
                    if (params.nameLength(i) == paramName.length && sameBytes(buf, params.nameOffset(i), paramName)) {
                        found = i;
                        break;
                    }
                }
                if (found < 0 || params.valueOffset(found) < 0) {
                    v.clearString();
                } else {
                    setRangeOrEmpty(v, buf, params.valueOffset(found), params.valueLength(found));
                }
            }
            case PARAMS -> {
                int c = params.count();
                if (c == 0) {
                    v.clearString();
                } else {
                    int from = params.nameOffset(0);
                    int last = c - 1;
                    int to = params.valueOffset(last) >= 0 ? params.valueOffset(last) + params.valueLength(last)
                            : params.nameOffset(last) + params.nameLength(last);
                    v.copyOf(buf, from, to - from);
                }
            }
        }
        return true;
    }

    private static boolean sameBytes(ByteBuffer buf, int off, byte[] name) {
        for (int k = 0; k < name.length; k++) {
            if (buf.get(off + k) != name[k]) {
                return false;
            }
        }
        return true;
    }
}
