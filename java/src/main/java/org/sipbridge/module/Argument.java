package org.sipbridge.module;

import java.util.Objects;

/**
 * One argument of a function call in a script: its text as written, whether it was an
 * integer literal, and, when the script engine found pseudo-variables in it, the compiled
 * expression. C functions receive the text (their fixups parse it); Java functions use
 * whatever suits them.
 */
public final class Argument {
    private final String text;
    private final boolean integer;
    private final StringExpression expression;

    private Argument(String text, boolean integer, StringExpression expression) {
        this.text = Objects.requireNonNull(text);
        this.integer = integer;
        this.expression = expression;
    }

    public static Argument string(String text) {
        return new Argument(text, false, null);
    }

    public static Argument integer(long value) {
        return new Argument(Long.toString(value), true, null);
    }

    /** A string holding pseudo-variables, with its compiled expression. */
    public static Argument format(String text, StringExpression expression) {
        return new Argument(text, false, Objects.requireNonNull(expression));
    }

    public String text() {
        return text;
    }

    public boolean isIntegerLiteral() {
        return integer;
    }

    /** True when the value does not depend on the message. */
    public boolean isConstant() {
        return expression == null;
    }

    /** The value on a message (the text itself when constant). */
    public String value(MessageContext ctx) {
        return expression == null ? text : expression.evaluate(ctx);
    }

    /** The constant integer value, or a ModuleException naming what was expected. */
    public int intValue(String function, int position) {
        if (expression != null) {
            throw new ModuleException(function + ": parameter " + position + " must be a constant integer, not <" + text + ">");
        }
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new ModuleException(function + ": parameter " + position + " must be an integer, not <" + text + ">");
        }
    }

    @Override
    public String toString() {
        return integer ? text : '"' + text + '"';
    }
}
