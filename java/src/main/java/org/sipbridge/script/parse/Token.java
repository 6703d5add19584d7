package org.sipbridge.script.parse;

import java.math.BigInteger;

import org.sipbridge.script.ast.PseudoVariable;
import org.sipbridge.script.ast.SourceLocation;

/**
 * One token.
 *
 * @param text    the exact source text (for a string: including its quotes)
 * @param offset  where it starts in the file
 * @param payload the decoded value: {@link BigInteger} magnitude for INTEGER (the sign is a
 *                separate token), {@link DecodedString} for STRING, {@link PseudoVariable}
 *                for PSEUDO_VARIABLE; null otherwise
 */
record Token(TokenKind kind, String text, SourceLocation location, int offset, Object payload) {

    BigInteger integerMagnitude() {
        return (BigInteger) payload;
    }

    DecodedString string() {
        return (DecodedString) payload;
    }

    PseudoVariable pseudoVariable() {
        return (PseudoVariable) payload;
    }

    boolean is(TokenKind k) {
        return kind == k;
    }

    /** How the token is named in "unexpected ..." messages. */
    String describe() {
        return switch (kind) {
            case END -> "end of file";
            case STRING -> "string " + shorten(text);
            case INTEGER -> "integer " + text;
            case UNKNOWN -> describeCharacter(text.charAt(0));
            default -> "'" + shorten(text) + "'";
        };
    }

    private static String describeCharacter(char c) {
        if (c < ' ' || c == 0x7f) {
            return String.format("character U+%04X", (int) c);
        }
        return "character '" + c + "'";
    }

    /** Long strings would bury the message; the location already points at them. */
    private static String shorten(String s) {
        return s.length() <= 40 ? s : s.substring(0, 37) + "...";
    }
}
