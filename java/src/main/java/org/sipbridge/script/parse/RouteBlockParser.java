package org.sipbridge.script.parse;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import org.sipbridge.script.ast.BlockKind;
import org.sipbridge.script.ast.IntegerLiteral;
import org.sipbridge.script.ast.RouteBlock;
import org.sipbridge.script.ast.Statement;

/**
 * The header of each kind of block and its body:
 * {@code route{}}, {@code route[name]{}}, {@code onreply_route[[name]]{}},
 * {@code failure_route[name]{}}, {@code branch_route[name]{}}, {@code event_route[name]{}},
 * {@code error_route{}}, {@code local_route{}}, {@code startup_route{}} and
 * {@code timer_route[name, seconds]{}}.
 */
final class RouteBlockParser {

    private final TokenStream ts;
    private final StatementParser statements;

    RouteBlockParser(TokenStream ts, StatementParser statements) {
        this.ts = ts;
        this.statements = statements;
    }

    /** Parses the block whose keyword is the current token. */
    RouteBlock parse() {
        Token keyword = ts.advance();
        BlockKind kind = kindOf(keyword.kind());
        Optional<String> name = Optional.empty();
        OptionalInt interval = OptionalInt.empty();
        switch (kind) {
            case REQUEST -> {
                name = optionalName(keyword);
                // route[0] is another spelling of the main route in OpenSIPS
                if (name.isPresent() && name.get().equals("0")) {
                    name = Optional.empty();
                } else if (name.isPresent()) {
                    kind = BlockKind.SUBROUTE;
                }
            }
            case ONREPLY -> name = optionalName(keyword);
            case FAILURE, BRANCH, EVENT -> name = Optional.of(requiredName(keyword));
            case TIMER -> {
                ts.expect(TokenKind.LBRACKET, "'[' after 'timer_route', as in timer_route[name, seconds]");
                name = Optional.of(RouteNames.read(ts));
                ts.expect(TokenKind.COMMA, "',' and the interval in seconds after the timer route name");
                interval = OptionalInt.of(interval());
                ts.expect(TokenKind.RBRACKET, "']' after the timer interval");
            }
            default -> {
                if (ts.at(TokenKind.LBRACKET)) {
                    throw ts.unexpected("'{' after '" + keyword.text() + "', which takes no name");
                }
            }
        }
        String shown = keyword.text() + name.map(n -> "[" + n + "]").orElse("");
        List<Statement> body = statements.block("the body of " + shown);
        return new RouteBlock(kind, name, interval, body, keyword.location());
    }

    private Optional<String> optionalName(Token keyword) {
        if (ts.accept(TokenKind.LBRACKET)) {
            String name = RouteNames.read(ts);
            ts.expect(TokenKind.RBRACKET, "']' after the route name");
            return Optional.of(name);
        }
        if (!ts.at(TokenKind.LBRACE)) {
            throw ts.unexpected("'{' or '[name]' after '" + keyword.text() + "'");
        }
        return Optional.empty();
    }

    private String requiredName(Token keyword) {
        ts.expect(TokenKind.LBRACKET, "'[' and a name after '" + keyword.text() + "'");
        String name = RouteNames.read(ts);
        ts.expect(TokenKind.RBRACKET, "']' after the route name");
        return name;
    }

    private int interval() {
        IntegerLiteral seconds = IntegerLiterals.read(ts, "the interval in seconds");
        if (seconds.value() < 1) {
            throw new ConfigException(seconds.location(), "timer interval " + seconds.value() + " is too small",
                    "a number of seconds of at least 1");
        }
        return seconds.value();
    }

    private static BlockKind kindOf(TokenKind keyword) {
        return switch (keyword) {
            case ROUTE -> BlockKind.REQUEST;
            case ONREPLY_ROUTE -> BlockKind.ONREPLY;
            case FAILURE_ROUTE -> BlockKind.FAILURE;
            case BRANCH_ROUTE -> BlockKind.BRANCH;
            case ERROR_ROUTE -> BlockKind.ERROR;
            case LOCAL_ROUTE -> BlockKind.LOCAL;
            case STARTUP_ROUTE -> BlockKind.STARTUP;
            case TIMER_ROUTE -> BlockKind.TIMER;
            case EVENT_ROUTE -> BlockKind.EVENT;
            default -> throw new IllegalArgumentException("not a block keyword: " + keyword);
        };
    }
}
