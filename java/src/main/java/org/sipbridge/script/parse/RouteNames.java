package org.sipbridge.script.parse;

/**
 * Block names in {@code route[name]} and targets in {@code route(name)}: a word or a number.
 * Numbers are normalised to their value, as OpenSIPS does, so {@code route(01)} finds {@code route[1]}.
 */
final class RouteNames {

    private RouteNames() {
    }

    static String read(TokenStream ts) {
        if (ts.at(TokenKind.IDENTIFIER)) {
            return ts.advance().text();
        }
        if (ts.at(TokenKind.INTEGER)) {
            return ts.advance().integerMagnitude().toString();
        }
        throw ts.unexpected("a route name (a word or a number)");
    }
}
