package org.sipbridge.script.parse;

/** What the lexer can return. Keywords and symbols carry their spelling for error messages. */
enum TokenKind {
    IDENTIFIER,
    INTEGER,
    STRING,
    PSEUDO_VARIABLE,
    IPV4,
    /** A character that starts no token; the parser reports it with what it expected instead. */
    UNKNOWN,
    END,

    // keywords
    IF("if"), ELSE("else"), SWITCH("switch"), CASE("case"), DEFAULT("default"), WHILE("while"),
    BREAK("break"), RETURN("return"), EXIT("exit"), DROP("drop"), MYSELF("myself"), NULL("null"),
    LOADMODULE("loadmodule"), MODPARAM("modparam"),
    ROUTE("route"), ONREPLY_ROUTE("onreply_route"), FAILURE_ROUTE("failure_route"),
    BRANCH_ROUTE("branch_route"), ERROR_ROUTE("error_route"), LOCAL_ROUTE("local_route"),
    STARTUP_ROUTE("startup_route"), TIMER_ROUTE("timer_route"), EVENT_ROUTE("event_route"),

    // punctuation
    LPAREN("("), RPAREN(")"), LBRACE("{"), RBRACE("}"), LBRACKET("["), RBRACKET("]"),
    COMMA(","), SEMICOLON(";"), COLON(":"),

    // assignment operators
    ASSIGN("="), COLON_ASSIGN(":="), PLUS_ASSIGN("+="), MINUS_ASSIGN("-="), STAR_ASSIGN("*="),
    SLASH_ASSIGN("/="), PERCENT_ASSIGN("%="), AMP_ASSIGN("&="), PIPE_ASSIGN("|="), CARET_ASSIGN("^="),

    // expression operators
    EQ("=="), NE("!="), MATCH("=~"), NOT_MATCH("!~"), LT("<"), LE("<="), GT(">"), GE(">="),
    SHL("<<"), SHR(">>"), AND("&&"), OR("||"), NOT("!"), PLUS("+"), MINUS("-"), STAR("*"),
    SLASH("/"), PERCENT("%"), AMP("&"), PIPE("|"), CARET("^"), TILDE("~");

    private final String spelling;

    TokenKind() {
        this(null);
    }

    TokenKind(String spelling) {
        this.spelling = spelling;
    }

    /** The fixed text of a keyword or symbol; null for tokens whose text varies. */
    String spelling() {
        return spelling;
    }

    boolean isRouteBlockKeyword() {
        return switch (this) {
            case ROUTE, ONREPLY_ROUTE, FAILURE_ROUTE, BRANCH_ROUTE, ERROR_ROUTE, LOCAL_ROUTE,
                    STARTUP_ROUTE, TIMER_ROUTE, EVENT_ROUTE -> true;
            default -> false;
        };
    }
}
