package org.sipbridge.script.ast;

import java.util.ArrayList;
import java.util.List;

/** Flattening helpers for the phases that work on the whole tree (route call graph, function lookup). */
public final class AstWalk {

    private AstWalk() {
    }

    /** Every statement of {@code body} and of the bodies nested in it, in source order (pre-order). */
    public static List<Statement> statements(List<Statement> body) {
        List<Statement> out = new ArrayList<>();
        collectStatements(body, out);
        return out;
    }

    /** Every {@code route(x)} reachable without leaving this body: the edges of the route call graph. */
    public static List<RouteCall> routeCalls(List<Statement> body) {
        return statements(body).stream()
                .filter(RouteCall.class::isInstance)
                .map(RouteCall.class::cast)
                .toList();
    }

    /** Every function call, whether a statement or used inside a condition or a value. */
    public static List<FunctionCall> functionCalls(List<Statement> body) {
        List<FunctionCall> out = new ArrayList<>();
        for (Statement s : statements(body)) {
            if (s instanceof FunctionCall call) {
                out.add(call);
            }
            for (Expression root : expressionsOf(s)) {
                for (Expression e : expressions(root)) {
                    if (e instanceof FunctionCall call) {
                        out.add(call);
                    }
                }
            }
        }
        return out;
    }

    /** The expression and all its sub-expressions, pre-order. */
    public static List<Expression> expressions(Expression root) {
        List<Expression> out = new ArrayList<>();
        collectExpressions(root, out);
        return out;
    }

    /** The expressions a statement holds directly (not those of nested statements). */
    public static List<Expression> expressionsOf(Statement statement) {
        if (statement instanceof IfStatement s) {
            return List.of(s.condition());
        } else if (statement instanceof WhileStatement s) {
            return List.of(s.condition());
        } else if (statement instanceof SwitchStatement s) {
            return List.of(s.subject());
        } else if (statement instanceof Assignment s) {
            return List.of(s.target(), s.value());
        }
        return List.of();
    }

    private static void collectStatements(List<Statement> body, List<Statement> out) {
        for (Statement s : body) {
            out.add(s);
            if (s instanceof IfStatement i) {
                collectStatements(i.thenBody(), out);
                collectStatements(i.elseBody(), out);
            } else if (s instanceof WhileStatement w) {
                collectStatements(w.body(), out);
            } else if (s instanceof SwitchStatement sw) {
                for (SwitchCase c : sw.cases()) {
                    collectStatements(c.body(), out);
                }
            }
        }
    }

    private static void collectExpressions(Expression e, List<Expression> out) {
        out.add(e);
        if (e instanceof BinaryExpression b) {
            collectExpressions(b.left(), out);
            collectExpressions(b.right(), out);
        } else if (e instanceof UnaryExpression u) {
            collectExpressions(u.operand(), out);
        }
    }
}
