package org.sipbridge.script.ast;

/** Assignment operators. For AVPs OpenSIPS gives {@code =} "add a value" and {@code :=} "replace all values". */
public enum AssignOperator {
    ASSIGN("="),
    COLON_ASSIGN(":="),
    ADD_ASSIGN("+="),
    SUBTRACT_ASSIGN("-="),
    MULTIPLY_ASSIGN("*="),
    DIVIDE_ASSIGN("/="),
    MODULO_ASSIGN("%="),
    AND_ASSIGN("&="),
    OR_ASSIGN("|="),
    XOR_ASSIGN("^=");

    private final String symbol;

    AssignOperator(String symbol) {
        this.symbol = symbol;
    }

    public String symbol() {
        return symbol;
    }
}
