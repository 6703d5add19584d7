package org.sipbridge.script.expr;

import org.sipbridge.logging.LogRateLimit;
import org.sipbridge.script.run.ScriptState;
import org.sipbridge.script.run.Value;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * {@code value =~ pattern} / {@code !~}: a constant pattern is compiled at start; a pattern
 * from a pseudo-variable is compiled when it changes (the last one is kept). A null value
 * does not match (so {@code !~} is true for it).
 */
public final class MatchExpr extends Expr {
    private static final Logger LOG = LoggerFactory.getLogger("org.sipbridge.script");

    private final Expr value;
    private final Pattern constant;
    private final Expr dynamic;
    private final boolean negated;
    private final String location;
    private final LogRateLimit errors = new LogRateLimit();
    private volatile Compiled last;

    private record Compiled(String text, Pattern pattern) {
    }

    public MatchExpr(Expr value, Pattern constant, Expr dynamic, boolean negated, String location) {
        this.value = value;
        this.constant = constant;
        this.dynamic = dynamic;
        this.negated = negated;
        this.location = location;
    }

    @Override
    public boolean test(ScriptState s) {
        int mark = s.mark();
        Value v = s.temp();
        value.eval(s, v);
        boolean matched = false;
        if (!v.isNull()) {
            Pattern p = constant != null ? constant : pattern(s);
            matched = p != null && p.matcher(new ByteChars(v)).find();
        }
        s.release(mark);
        return matched != negated;
    }

    private Pattern pattern(ScriptState s) {
        Value pv = s.temp();
        dynamic.eval(s, pv);
        if (pv.isNull()) {
            return null;
        }
        String text = pv.asString();
        Compiled c = last;
        if (c != null && c.text().equals(text)) {
            return c.pattern();
        }
        try {
            Pattern p = PosixRegex.compile(text);
            last = new Compiled(text, p);
            return p;
        } catch (PatternSyntaxException e) {
            if (errors.permit()) {
                LOG.error("{}: bad regular expression <{}>: {}{}", location, org.sipbridge.core.LogSafe.text(text),
                        org.sipbridge.core.LogSafe.text(e.getDescription()), errors.note());
            }
            return null;
        }
    }

    @Override
    public void eval(ScriptState s, Value out) {
        out.setInt(test(s) ? 1 : 0);
    }

    /** The bytes of a value as characters (one byte, one char), without copying them. */
    static final class ByteChars implements CharSequence {
        private final byte[] b;
        private final int off;
        private final int len;

        ByteChars(Value v) {
            this(v.bytes(), v.offset(), v.length());
        }

        ByteChars(byte[] b, int off, int len) {
            this.b = b;
            this.off = off;
            this.len = len;
        }

        @Override
        public int length() {
            return len;
        }

        @Override
        public char charAt(int index) {
            return (char) (b[off + index] & 0xff);
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return new ByteChars(b, off + start, end - start);
        }

        @Override
        public String toString() {
            return new String(b, off, len, java.nio.charset.StandardCharsets.ISO_8859_1);
        }
    }
}
