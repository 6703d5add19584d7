package org.sipbridge.script.parse;

import java.math.BigInteger;

import org.sipbridge.script.ast.IntegerLiteral;
import org.sipbridge.script.ast.SourceLocation;

/**
 * Signed integers: the lexer keeps the sign as its own token (so {@code a-1} is a
 * subtraction), and the parser joins them here where a literal is expected, checking the
 * 32-bit range OpenSIPS's C ints have.
 */
final class IntegerLiterals {

    private IntegerLiterals() {
    }

    /** True when the current token can start a signed integer. */
    static boolean startsInteger(TokenStream ts) {
        return ts.at(TokenKind.INTEGER) || ts.at(TokenKind.MINUS) || ts.at(TokenKind.PLUS);
    }

    /** Reads {@code [+|-] INTEGER}; {@code expected} describes it for the error when it is missing. */
    static IntegerLiteral read(TokenStream ts, String expected) {
        if (ts.at(TokenKind.MINUS) || ts.at(TokenKind.PLUS)) {
            Token sign = ts.advance();
            return afterSign(ts, sign);
        }
        Token digits = ts.expect(TokenKind.INTEGER, expected);
        return toLiteral(digits.integerMagnitude(), false, digits.text(), digits.location());
    }

    /** The integer after an already consumed {@code -} or {@code +}. */
    static IntegerLiteral afterSign(TokenStream ts, Token sign) {
        Token digits = ts.expect(TokenKind.INTEGER, "an integer after '" + sign.text() + "'");
        boolean negative = sign.is(TokenKind.MINUS);
        return toLiteral(digits.integerMagnitude(), negative, sign.text() + digits.text(), sign.location());
    }

    static IntegerLiteral unsigned(Token digits) {
        return toLiteral(digits.integerMagnitude(), false, digits.text(), digits.location());
    }

    private static IntegerLiteral toLiteral(BigInteger magnitude, boolean negative, String written,
                                            SourceLocation location) {
        BigInteger value = negative ? magnitude.negate() : magnitude;
        if (value.bitLength() >= Integer.SIZE) {
            throw new ConfigException(location, "integer " + written + " is out of range",
                    "a value from " + Integer.MIN_VALUE + " to " + Integer.MAX_VALUE);
        }
        return new IntegerLiteral(value.intValueExact(), location);
    }
}
