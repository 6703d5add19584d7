package org.sipbridge.script.parse;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

import org.sipbridge.script.ast.Assignment;
import org.sipbridge.script.ast.AssignOperator;
import org.sipbridge.script.ast.BreakStatement;
import org.sipbridge.script.ast.Constant;
import org.sipbridge.script.ast.DropStatement;
import org.sipbridge.script.ast.ExitStatement;
import org.sipbridge.script.ast.Expression;
import org.sipbridge.script.ast.IfStatement;
import org.sipbridge.script.ast.PseudoVariable;
import org.sipbridge.script.ast.ReturnStatement;
import org.sipbridge.script.ast.RouteCall;
import org.sipbridge.script.ast.SourceLocation;
import org.sipbridge.script.ast.Statement;
import org.sipbridge.script.ast.SwitchCase;
import org.sipbridge.script.ast.SwitchStatement;
import org.sipbridge.script.ast.WhileStatement;

/**
 * The statements inside route blocks. Keeps the stack of open braces, so that a missing
 * closing brace is reported against the brace it should close, and how deep it is inside
 * switch/while, so that a stray {@code break} is refused.
 */
final class StatementParser {

    private static final Map<TokenKind, AssignOperator> ASSIGNMENTS = Map.of(
            TokenKind.ASSIGN, AssignOperator.ASSIGN, TokenKind.COLON_ASSIGN, AssignOperator.COLON_ASSIGN,
            TokenKind.PLUS_ASSIGN, AssignOperator.ADD_ASSIGN, TokenKind.MINUS_ASSIGN, AssignOperator.SUBTRACT_ASSIGN,
            TokenKind.STAR_ASSIGN, AssignOperator.MULTIPLY_ASSIGN, TokenKind.SLASH_ASSIGN, AssignOperator.DIVIDE_ASSIGN,
            TokenKind.PERCENT_ASSIGN, AssignOperator.MODULO_ASSIGN, TokenKind.AMP_ASSIGN, AssignOperator.AND_ASSIGN,
            TokenKind.PIPE_ASSIGN, AssignOperator.OR_ASSIGN, TokenKind.CARET_ASSIGN, AssignOperator.XOR_ASSIGN);

    private final TokenStream ts;
    private final ExpressionParser expressions;
    private final Deque<SourceLocation> openBraces = new ArrayDeque<>();
    private int breakableDepth;

    StatementParser(TokenStream ts, ExpressionParser expressions) {
        this.ts = ts;
        this.expressions = expressions;
    }

    /** {@code { statements }}; {@code opening} says what the brace opens, for the error when it is missing. */
    List<Statement> block(String opening) {
        Token open = ts.expect(TokenKind.LBRACE, "'{' to open " + opening);
        openBraces.push(open.location());
        List<Statement> statements = new ArrayList<>();
        while (!ts.at(TokenKind.RBRACE)) {
            if (ts.at(TokenKind.END)) {
                throw ts.unexpected(closingBrace());
            }
            statement().ifPresent(statements::add);
        }
        ts.advance();
        openBraces.pop();
        return statements;
    }

    /** An if/else/while body: a braced block or a single statement (an empty one gives no statement). */
    private List<Statement> body(String opening) {
        if (ts.at(TokenKind.LBRACE)) {
            return block(opening);
        }
        return statement().map(List::of).orElse(List.of());
    }

    private Optional<Statement> statement() {
        Token t = ts.current();
        switch (t.kind()) {
            case SEMICOLON:
                ts.advance(); // an empty statement, as OpenSIPS allows
                return Optional.empty();
            case IF:
                return Optional.of(ifStatement());
            case SWITCH:
                return Optional.of(switchStatement());
            case WHILE:
                return Optional.of(whileStatement());
            case ROUTE:
                return Optional.of(routeCall());
            case RETURN:
                return Optional.of(returnStatement());
            case EXIT:
                ts.advance();
                endOfKeywordStatement(t);
                return Optional.of(new ExitStatement(t.location()));
            case DROP:
                ts.advance();
                endOfKeywordStatement(t);
                return Optional.of(new DropStatement(t.location()));
            case BREAK:
                return Optional.of(breakStatement());
            case PSEUDO_VARIABLE:
                return Optional.of(assignment());
            case IDENTIFIER:
                return Optional.of(callStatement());
            default:
                if (t.kind().isRouteBlockKeyword()) {
                    throw ts.unexpected(closingBrace());
                }
                throw ts.unexpected("a statement");
        }
    }

    private Statement callStatement() {
        Token name = ts.advance();
        if (!ts.at(TokenKind.LPAREN)) {
            throw ts.unexpected("'(' after '" + name.text() + "' (a function call needs parentheses)");
        }
        Statement call = expressions.functionCall(name);
        ts.expect(TokenKind.SEMICOLON, "';' after function call");
        return call;
    }

    private Statement assignment() {
        PseudoVariable target = ts.advance().pseudoVariable();
        AssignOperator operator = ASSIGNMENTS.get(ts.current().kind());
        if (operator == null) {
            throw ts.unexpected("an assignment operator ('=' or ':=') after '" + target.text() + "'");
        }
        ts.advance();
        Expression value = expressions.parse();
        ts.expect(TokenKind.SEMICOLON, "';' after the assignment to '" + target.text() + "'");
        return new Assignment(target, operator, value, target.location());
    }

    private Statement ifStatement() {
        Token keyword = ts.advance();
        // 1.11's grammar is "if exp stm": a negation needs no parentheses of its own, if !(route(x))
        Expression condition = ts.at(TokenKind.NOT) ? expressions.parse() : condition("if");
        List<Statement> thenBody = body("the 'if' body");
        List<Statement> elseBody = List.of();
        if (ts.accept(TokenKind.ELSE)) {
            elseBody = body("the 'else' body");
        }
        return new IfStatement(condition, thenBody, elseBody, keyword.location());
    }

    private Statement whileStatement() {
        Token keyword = ts.advance();
        Expression condition = condition("while");
        breakableDepth++;
        List<Statement> body = body("the 'while' body");
        breakableDepth--;
        return new WhileStatement(condition, body, keyword.location());
    }

    /** {@code ( expression )} after if/while/switch. */
    private Expression condition(String keyword) {
        Token open = ts.expect(TokenKind.LPAREN, "'(' after '" + keyword + "'");
        Expression e = expressions.parse();
        ts.expect(TokenKind.RPAREN, "')' to close the '(' at " + TokenStream.lineAndColumn(open.location()));
        return e;
    }

    private Statement switchStatement() {
        Token keyword = ts.advance();
        Expression subject = condition("switch");
        Token open = ts.expect(TokenKind.LBRACE, "'{' to open the 'switch' body");
        openBraces.push(open.location());
        breakableDepth++;
        List<SwitchCase> cases = new ArrayList<>();
        Map<String, SourceLocation> labels = new HashMap<>();
        SourceLocation defaultAt = null;
        while (!ts.at(TokenKind.RBRACE)) {
            Token t = ts.current();
            if (t.is(TokenKind.CASE)) {
                if (defaultAt != null) {
                    throw ts.unexpected("'}' to close the switch: 'default' must be the last case");
                }
                ts.advance();
                Constant label = caseLabel();
                SourceLocation first = labels.putIfAbsent(labelKey(label), label.location());
                if (first != null) {
                    throw new ConfigException(label.location(), "duplicate case " + labelText(label),
                            "each label once (the first is at " + first + ")");
                }
                ts.expect(TokenKind.COLON, "':' after the case label");
                cases.add(new SwitchCase(Optional.of(label), caseBody(), t.location()));
            } else if (t.is(TokenKind.DEFAULT)) {
                if (defaultAt != null) {
                    throw new ConfigException(t.location(), "duplicate 'default'",
                            "one 'default' per switch (the first is at " + defaultAt + ")");
                }
                defaultAt = t.location();
                ts.advance();
                ts.expect(TokenKind.COLON, "':' after 'default'");
                cases.add(new SwitchCase(Optional.empty(), caseBody(), t.location()));
            } else if (t.is(TokenKind.END) || t.kind().isRouteBlockKeyword()) {
                throw ts.unexpected(closingBrace());
            } else {
                throw ts.unexpected("'case', 'default' or '}'");
            }
        }
        ts.advance();
        openBraces.pop();
        breakableDepth--;
        return new SwitchStatement(subject, cases, keyword.location());
    }

    private Constant caseLabel() {
        if (ts.at(TokenKind.STRING)) {
            Token s = ts.advance();
            return new Constant.Text(s.string().value(), s.location());
        }
        if (IntegerLiterals.startsInteger(ts)) {
            var literal = IntegerLiterals.read(ts, "an integer case label");
            return new Constant.Int(literal.value(), literal.location());
        }
        throw ts.unexpected("a string or an integer after 'case'");
    }

    /** Statements up to the next case, default or the switch's closing brace. */
    private List<Statement> caseBody() {
        List<Statement> statements = new ArrayList<>();
        while (!ts.at(TokenKind.CASE) && !ts.at(TokenKind.DEFAULT) && !ts.at(TokenKind.RBRACE)) {
            if (ts.at(TokenKind.END)) {
                throw ts.unexpected(closingBrace());
            }
            statement().ifPresent(statements::add);
        }
        return statements;
    }

    private static String labelKey(Constant label) {
        return label instanceof Constant.Text text ? "s:" + text.value() : "i:" + ((Constant.Int) label).value();
    }

    private static String labelText(Constant label) {
        return label instanceof Constant.Text text ? "\"" + text.value() + "\"" : String.valueOf(((Constant.Int) label).value());
    }

    private Statement routeCall() {
        Token keyword = ts.advance();
        if (ts.at(TokenKind.LBRACKET) || ts.at(TokenKind.LBRACE)) {
            // "route[x] {" inside a block: the previous block was not closed
            throw new ConfigException(keyword.location(), "unexpected 'route'", closingBrace());
        }
        ts.expect(TokenKind.LPAREN, "'(' after 'route'");
        String target = RouteNames.read(ts);
        ts.expect(TokenKind.RPAREN, "')' after the route name");
        ts.expect(TokenKind.SEMICOLON, "';' after route(" + target + ")");
        return new RouteCall(target, keyword.location());
    }

    private Statement returnStatement() {
        Token keyword = ts.advance();
        OptionalInt value = OptionalInt.empty();
        if (ts.accept(TokenKind.LPAREN)) {
            if (!ts.at(TokenKind.RPAREN)) {
                value = OptionalInt.of(IntegerLiterals.read(ts, "an integer return code or ')'").value());
            }
            ts.expect(TokenKind.RPAREN, "')' after the return code");
        } else if (IntegerLiterals.startsInteger(ts)) {
            value = OptionalInt.of(IntegerLiterals.read(ts, "an integer return code").value());
        }
        ts.expect(TokenKind.SEMICOLON, "';' after 'return'");
        return new ReturnStatement(value, keyword.location());
    }

    private Statement breakStatement() {
        Token keyword = ts.advance();
        if (breakableDepth == 0) {
            throw new ConfigException(keyword.location(), "'break' outside a switch or while",
                    "it only inside a switch case or a while body");
        }
        ts.expect(TokenKind.SEMICOLON, "';' after 'break'");
        return new BreakStatement(keyword.location());
    }

    /** {@code exit;} and {@code drop;}, also written {@code exit();}. */
    private void endOfKeywordStatement(Token keyword) {
        if (ts.accept(TokenKind.LPAREN)) {
            ts.expect(TokenKind.RPAREN, "')' after '" + keyword.text() + "('");
        }
        ts.expect(TokenKind.SEMICOLON, "';' after '" + keyword.text() + "'");
    }

    private String closingBrace() {
        return "'}' to close the '{' at " + TokenStream.lineAndColumn(openBraces.peek());
    }
}
