package org.sipbridge.script.ast;

public enum UnaryOperator {
    /** {@code !} (also written {@code not}): logical negation; as in OpenSIPS it covers a whole comparison. */
    NOT("!"),
    /** {@code ~}: bitwise complement. */
    BIT_NOT("~"),
    /** {@code -} before something other than an integer literal (literals carry their sign). */
    NEGATE("-");

    private final String symbol;

    UnaryOperator(String symbol) {
        this.symbol = symbol;
    }

    public String symbol() {
        return symbol;
    }
}
