package org.sipbridge.script.pv;

import org.sipbridge.core.SipContext;
import org.sipbridge.module.MessageContext;
import org.sipbridge.module.StringExpression;
import org.sipbridge.script.run.ScriptState;
import org.sipbridge.script.run.Value;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A string with pseudo-variables, compiled once: literal parts as bytes, variables as
 * {@link Pv}s. Evaluating appends into one value; a format without variables is a shared
 * constant.
 */
public final class CompiledFormat implements StringExpression {
    private final String text;
    private final byte[][] literals;   // literals[i] != null: a literal part
    private final Pv[] variables;      // variables[i] != null: a variable part
    private final byte[] constant;     // the whole text when there are no variables
    private final String constantString;

    CompiledFormat(String text, List<Object> parts) {
        this.text = text;
        int n = parts.size();
        literals = new byte[n][];
        variables = new Pv[n];
        boolean hasVariables = false;
        for (int i = 0; i < n; i++) {
            Object p = parts.get(i);
            if (p instanceof Pv pv) {
                variables[i] = pv;
                hasVariables = true;
            } else {
                literals[i] = ((String) p).getBytes(StandardCharsets.UTF_8);
            }
        }
        constant = hasVariables ? null : joinLiterals();
        constantString = constant == null ? null : new String(constant, StandardCharsets.UTF_8);
    }

    private byte[] joinLiterals() {
        StringBuilder sb = new StringBuilder();
        for (byte[] l : literals) {
            sb.append(new String(l, StandardCharsets.UTF_8));
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The text as written (pseudo-variables not expanded). */
    public String text() {
        return text;
    }

    public boolean isConstant() {
        return constant != null;
    }

    /** The value when constant (else null). */
    public byte[] constantBytes() {
        return constant;
    }

    /** The printed string into out. A variable without value prints as "<null>", as xlog does. */
    public void eval(ScriptState s, Value out) {
        if (constant != null) {
            out.setShared(constant, 0, constant.length);
            return;
        }
        out.clearString();
        int mark = s.mark();
        Value v = s.temp();
        for (int i = 0; i < literals.length; i++) {
            if (literals[i] != null) {
                out.append(literals[i], 0, literals[i].length);
            } else {
                variables[i].get(s, v);
                if (v.isNull()) {
                    out.append(NULL_TEXT, 0, NULL_TEXT.length);
                } else {
                    out.append(v);
                }
            }
        }
        s.release(mark);
    }

    private static final byte[] NULL_TEXT = "<null>".getBytes(StandardCharsets.US_ASCII);

    /** For Java functions that want a String (allocates). */
    @Override
    public String evaluate(MessageContext ctx) {
        if (constant != null) {
            return constantString;
        }
        if (!(ctx instanceof SipContext sc)) {
            return text;
        }
        ScriptState s = ScriptState.of(sc);
        int mark = s.mark();
        Value v = s.temp();
        eval(s, v);
        String r = v.asString();
        s.release(mark);
        return r;
    }

    @Override
    public String toString() {
        return text;
    }
}
