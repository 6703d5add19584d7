package org.sipbridge.script.parse;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.sipbridge.script.ast.Argument;
import org.sipbridge.script.ast.BinaryExpression;
import org.sipbridge.script.ast.BinaryOperator;
import org.sipbridge.script.ast.CoreKeyword;
import org.sipbridge.script.ast.Expression;
import org.sipbridge.script.ast.FunctionCall;
import org.sipbridge.script.ast.IpLiteral;
import org.sipbridge.script.ast.KeywordOperand;
import org.sipbridge.script.ast.Myself;
import org.sipbridge.script.ast.NullLiteral;
import org.sipbridge.script.ast.StringLiteral;
import org.sipbridge.script.ast.UnaryExpression;
import org.sipbridge.script.ast.UnaryOperator;

/**
 * Conditions and assignment values, by precedence climbing over {@link BinaryOperator}'s C
 * precedences. Also reads function calls, which appear both here and as statements.
 *
 * <p>One deliberate difference from C: {@code !} (and {@code not}) negates a whole comparison,
 * as in OpenSIPS, whose grammar treats comparisons as atoms. The stock configuration's
 * {@code if (!uri==myself)} means {@code !(uri == myself)}; read as C it would compare
 * {@code !uri} with {@code myself}. It still binds tighter than {@code & ^ | && ||}.
 */
final class ExpressionParser {

    private static final Map<TokenKind, BinaryOperator> BINARY = Map.ofEntries(
            Map.entry(TokenKind.OR, BinaryOperator.OR), Map.entry(TokenKind.AND, BinaryOperator.AND),
            Map.entry(TokenKind.PIPE, BinaryOperator.BIT_OR), Map.entry(TokenKind.CARET, BinaryOperator.BIT_XOR),
            Map.entry(TokenKind.AMP, BinaryOperator.BIT_AND),
            Map.entry(TokenKind.EQ, BinaryOperator.EQUAL), Map.entry(TokenKind.NE, BinaryOperator.NOT_EQUAL),
            Map.entry(TokenKind.MATCH, BinaryOperator.MATCH), Map.entry(TokenKind.NOT_MATCH, BinaryOperator.NOT_MATCH),
            Map.entry(TokenKind.LT, BinaryOperator.LESS), Map.entry(TokenKind.LE, BinaryOperator.LESS_EQUAL),
            Map.entry(TokenKind.GT, BinaryOperator.GREATER), Map.entry(TokenKind.GE, BinaryOperator.GREATER_EQUAL),
            Map.entry(TokenKind.SHL, BinaryOperator.SHIFT_LEFT), Map.entry(TokenKind.SHR, BinaryOperator.SHIFT_RIGHT),
            Map.entry(TokenKind.PLUS, BinaryOperator.PLUS), Map.entry(TokenKind.MINUS, BinaryOperator.MINUS),
            Map.entry(TokenKind.STAR, BinaryOperator.MULTIPLY), Map.entry(TokenKind.SLASH, BinaryOperator.DIVIDE),
            Map.entry(TokenKind.PERCENT, BinaryOperator.MODULO));

    private final TokenStream ts;
    private boolean bareWordOperand;

    /** OpenSIPS 1.11's max_len: the largest message it takes (BUF_SIZE), sipbridge's limit too. */
    static final int MAX_LEN = 65535;

    ExpressionParser(TokenStream ts) {
        this.ts = ts;
    }

    /** A whole expression; {@code myself} is checked to stand only in a comparison. */
    Expression parse() {
        Expression e = binary(1);
        checkMyself(e, false);
        return e;
    }

    /** {@code name(args)}; the name is consumed and the current token is '('. */
    FunctionCall functionCall(Token name) {
        ts.expect(TokenKind.LPAREN, "'(' after '" + name.text() + "'");
        List<Argument> arguments = new ArrayList<>();
        if (ts.accept(TokenKind.RPAREN)) {
            return new FunctionCall(name.text(), arguments, name.location());
        }
        while (true) {
            if (arguments.size() == FunctionCall.MAX_ARGUMENTS && !ts.at(TokenKind.RPAREN)) {
                throw new ConfigException(ts.current().location(),
                        "too many arguments for function '" + name.text() + "'",
                        "at most " + FunctionCall.MAX_ARGUMENTS);
            }
            arguments.add(argument(name.text()));
            if (ts.accept(TokenKind.RPAREN)) {
                return new FunctionCall(name.text(), arguments, name.location());
            }
            ts.expect(TokenKind.COMMA, "',' or ')' after an argument of '" + name.text() + "'");
        }
    }

    StringLiteral stringLiteral(Token string) {
        DecodedString decoded = string.string();
        return new StringLiteral(decoded.value(), FormatParser.parse(decoded, decoded.source()), string.location());
    }

    /** The 1.11 flag functions, whose grammar takes a bare flag name: setflag(ACC_DO). */
    private static final java.util.regex.Pattern FLAG_FUNCTIONS = java.util.regex.Pattern.compile(
            "(set|reset)(flag|sflag|scriptflag|bflag|branchflag)|is(flag|sflag|scriptflag|bflag|branchflag)set");

    /** The 1.11 cachedb functions, whose grammar takes bare variables (results, counters, expiry). */
    private static final java.util.regex.Pattern CACHE_FUNCTIONS = java.util.regex.Pattern.compile(
            "cache_(store|fetch|counter_fetch|remove|add|sub)");

    private Argument argument(String function) {
        if (ts.at(TokenKind.STRING)) {
            return stringLiteral(ts.advance());
        }
        if (ts.at(TokenKind.IDENTIFIER) && FLAG_FUNCTIONS.matcher(function).matches()) {
            Token word = ts.advance();
            return new StringLiteral(word.text(), new org.sipbridge.script.ast.Format(List.of(
                    new org.sipbridge.script.ast.LiteralText(word.text(), word.location()))), word.location());
        }
        if (IntegerLiterals.startsInteger(ts)) {
            return IntegerLiterals.read(ts, "an integer argument");
        }
        if (ts.at(TokenKind.PSEUDO_VARIABLE) && CACHE_FUNCTIONS.matcher(function).matches()) {
            // 1.11's grammar takes a bare variable there: cache_fetch("local", "k", $avp(x))
            Token pv = ts.advance();
            return new StringLiteral(pv.text(), new org.sipbridge.script.ast.Format(List.of(pv.pseudoVariable())),
                    pv.location());
        }
        if (ts.at(TokenKind.PSEUDO_VARIABLE)) {
            throw ts.unexpected("a string or an integer argument (write pseudo-variables inside quotes: \""
                    + ts.current().text() + "\")");
        }
        throw ts.unexpected("a string or an integer argument");
    }

    private Expression binary(int minimumPrecedence) {
        Expression left = unary();
        while (true) {
            BinaryOperator operator = BINARY.get(ts.current().kind());
            if (operator == null || operator.precedence() < minimumPrecedence) {
                return left;
            }
            Token symbol = ts.advance();
            // 1.11 takes a bare word as the string on the right of a comparison: method==INVITE
            boolean saved = bareWordOperand;
            bareWordOperand = isComparison(operator);
            Expression right = binary(operator.precedence() + 1);
            bareWordOperand = saved;
            left = new BinaryExpression(operator, left, right, symbol.location());
        }
    }

    private Expression unary() {
        Token t = ts.current();
        switch (t.kind()) {
            case NOT:
                ts.advance();
                Expression negated = binary(BinaryOperator.EQUAL.precedence());
                return new UnaryExpression(UnaryOperator.NOT, negated, t.location());
            case TILDE:
                ts.advance();
                return new UnaryExpression(UnaryOperator.BIT_NOT, unary(), t.location());
            case MINUS:
                ts.advance();
                if (ts.at(TokenKind.INTEGER)) {
                    return IntegerLiterals.afterSign(ts, t);
                }
                return new UnaryExpression(UnaryOperator.NEGATE, unary(), t.location());
            case PLUS:
                ts.advance();
                return IntegerLiterals.afterSign(ts, t);
            default:
                return primary();
        }
    }

    private Expression primary() {
        Token t = ts.current();
        switch (t.kind()) {
            case LPAREN: {
                ts.advance();
                Expression inner = binary(1);
                ts.expect(TokenKind.RPAREN, "')' to close the '(' at " + TokenStream.lineAndColumn(t.location()));
                return inner;
            }
            case PSEUDO_VARIABLE:
                return ts.advance().pseudoVariable();
            case STRING:
                return stringLiteral(ts.advance());
            case INTEGER:
                return IntegerLiterals.unsigned(ts.advance());
            case NULL:
                return new NullLiteral(ts.advance().location());
            case MYSELF:
                return new Myself(ts.advance().location());
            case IPV4:
                return (IpLiteral) ts.advance().payload();
            case IDENTIFIER: {
                ts.advance();
                if (ts.at(TokenKind.LPAREN)) {
                    return functionCall(t);
                }
                Optional<CoreKeyword> keyword = CoreKeyword.byWord(t.text());
                if (keyword.isPresent()) {
                    return new KeywordOperand(keyword.get(), t.location());
                }
                if (t.text().equals("max_len")) {
                    return new org.sipbridge.script.ast.IntegerLiteral(MAX_LEN, t.location());
                }
                if (bareWordOperand) {
                    return new StringLiteral(t.text(), new org.sipbridge.script.ast.Format(List.of(
                            new org.sipbridge.script.ast.LiteralText(t.text(), t.location()))), t.location());
                }
                throw new ConfigException(t.location(), "unexpected " + t.describe(),
                        "an expression (a function call needs parentheses)");
            }
            default:
                throw ts.unexpected("an expression");
        }
    }

    private static boolean isComparison(BinaryOperator op) {
        return switch (op) {
            case EQUAL, NOT_EQUAL, MATCH, NOT_MATCH, LESS, LESS_EQUAL, GREATER, GREATER_EQUAL -> true;
            default -> false;
        };
    }

    /** OpenSIPS only knows {@code x == myself} and {@code x != myself}; anything else is a mistake. */
    private static void checkMyself(Expression e, boolean inComparison) {
        if (e instanceof Myself m && !inComparison) {
            throw new ConfigException(m.location(), "'myself' used outside a comparison",
                    "it as an operand of '==' or '!='");
        } else if (e instanceof BinaryExpression b) {
            boolean comparison = b.operator() == BinaryOperator.EQUAL || b.operator() == BinaryOperator.NOT_EQUAL;
            checkMyself(b.left(), comparison);
            checkMyself(b.right(), comparison);
        } else if (e instanceof UnaryExpression u) {
            checkMyself(u.operand(), false);
        }
    }
}
