package org.sipbridge.script.parse;

/** Dotted-quad validation shared by the lexer (IP literals) and the listen parser. */
final class Ipv4 {

    static final String EXPECTED = "four numbers from 0 to 255 separated by dots";

    private Ipv4() {
    }

    static boolean isValid(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(Character::isDigit)
                    || Integer.parseInt(part) > 255) {
                return false;
            }
        }
        return true;
    }
}
