package org.sipbridge.script.expr;

import org.sipbridge.script.run.ScriptState;
import org.sipbridge.script.run.Value;

import java.nio.charset.StandardCharsets;

/** A literal: a string, an integer or NULL. */
public final class ConstantExpr extends Expr {
    private final byte[] bytes;
    private final int number;
    private final boolean integer;

    private ConstantExpr(byte[] bytes, int number, boolean integer) {
        this.bytes = bytes;
        this.number = number;
        this.integer = integer;
    }

    public static ConstantExpr string(String s) {
        return new ConstantExpr(s.getBytes(StandardCharsets.UTF_8), 0, false);
    }

    public static ConstantExpr integer(int n) {
        return new ConstantExpr(Integer.toString(n).getBytes(StandardCharsets.US_ASCII), n, true);
    }

    public static ConstantExpr nullValue() {
        return new ConstantExpr(null, 0, false);
    }

    public boolean isNull() {
        return bytes == null;
    }

    /** The string, for patterns compiled at start (null for NULL). */
    public String text() {
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }

    @Override
    public void eval(ScriptState s, Value out) {
        if (bytes == null) {
            out.setNull();
        } else if (integer) {
            out.setSharedInt(bytes, number);
        } else {
            out.setShared(bytes, 0, bytes.length);
        }
    }

    @Override
    public boolean isConstant() {
        return true;
    }
}
