package org.sipbridge.script.parse;

/** What the lexer can return. Messages show a token by its source text, so kinds carry no spelling. */
enum TokenKind {
    IDENTIFIER,
    INTEGER,
    STRING,
    PSEUDO_VARIABLE,
    IPV4,
    /** A character that starts no token; the parser reports it with what it expected instead. */
    UNKNOWN,
    END,

    // keywords (and, or, not are lexed as AND, OR, NOT)
    IF, ELSE, SWITCH, CASE, DEFAULT, WHILE, BREAK, RETURN, EXIT, DROP, MYSELF, NULL, LOADMODULE, MODPARAM,
    ROUTE, ONREPLY_ROUTE, FAILURE_ROUTE, BRANCH_ROUTE, ERROR_ROUTE, LOCAL_ROUTE, STARTUP_ROUTE, TIMER_ROUTE,
    EVENT_ROUTE,

    // punctuation: ( ) { } [ ] , ; :
    LPAREN, RPAREN, LBRACE, RBRACE, LBRACKET, RBRACKET, COMMA, SEMICOLON, COLON,

    // assignment operators: = := += -= *= /= %= &= |= ^=
    ASSIGN, COLON_ASSIGN, PLUS_ASSIGN, MINUS_ASSIGN, STAR_ASSIGN, SLASH_ASSIGN, PERCENT_ASSIGN, AMP_ASSIGN,
    PIPE_ASSIGN, CARET_ASSIGN,

    // expression operators: == != =~ !~ < <= > >= << >> && || ! + - * / % & | ^ ~
    EQ, NE, MATCH, NOT_MATCH, LT, LE, GT, GE, SHL, SHR, AND, OR, NOT, PLUS, MINUS, STAR, SLASH, PERCENT, AMP,
    PIPE, CARET, TILDE;

    boolean isRouteBlockKeyword() {
        return switch (this) {
            case ROUTE, ONREPLY_ROUTE, FAILURE_ROUTE, BRANCH_ROUTE, ERROR_ROUTE, LOCAL_ROUTE,
                    STARTUP_ROUTE, TIMER_ROUTE, EVENT_ROUTE -> true;
            default -> false;
        };
    }
}
