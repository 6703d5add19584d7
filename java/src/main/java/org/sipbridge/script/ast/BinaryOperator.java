package org.sipbridge.script.ast;

/** Binary operators with their C precedence (a higher number binds tighter). */
public enum BinaryOperator {
    OR("||", 1),
    AND("&&", 2),
    BIT_OR("|", 3),
    BIT_XOR("^", 4),
    BIT_AND("&", 5),
    EQUAL("==", 6),
    NOT_EQUAL("!=", 6),
    /** Regular expression match; the right side is the pattern. */
    MATCH("=~", 6),
    NOT_MATCH("!~", 6),
    LESS("<", 7),
    LESS_EQUAL("<=", 7),
    GREATER(">", 7),
    GREATER_EQUAL(">=", 7),
    SHIFT_LEFT("<<", 8),
    SHIFT_RIGHT(">>", 8),
    PLUS("+", 9),
    MINUS("-", 9),
    MULTIPLY("*", 10),
    DIVIDE("/", 10),
    MODULO("%", 10);

    private final String symbol;
    private final int precedence;

    BinaryOperator(String symbol, int precedence) {
        this.symbol = symbol;
        this.precedence = precedence;
    }

    public String symbol() {
        return symbol;
    }

    public int precedence() {
        return precedence;
    }
}
