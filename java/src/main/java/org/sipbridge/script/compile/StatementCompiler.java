package org.sipbridge.script.compile;

import org.sipbridge.script.ast.AssignOperator;
import org.sipbridge.script.ast.Assignment;
import org.sipbridge.script.ast.BreakStatement;
import org.sipbridge.script.ast.Constant;
import org.sipbridge.script.ast.DropStatement;
import org.sipbridge.script.ast.ExitStatement;
import org.sipbridge.script.ast.FunctionCall;
import org.sipbridge.script.ast.IfStatement;
import org.sipbridge.script.ast.NullLiteral;
import org.sipbridge.script.ast.ReturnStatement;
import org.sipbridge.script.ast.RouteBlock;
import org.sipbridge.script.ast.RouteCall;
import org.sipbridge.script.ast.Statement;
import org.sipbridge.script.ast.SwitchCase;
import org.sipbridge.script.ast.SwitchStatement;
import org.sipbridge.script.ast.WhileStatement;
import org.sipbridge.script.expr.ArithExpr;
import org.sipbridge.script.expr.ConstantExpr;
import org.sipbridge.script.expr.Expr;
import org.sipbridge.script.expr.PvExpr;
import org.sipbridge.script.parse.ConfigException;
import org.sipbridge.script.pv.Pv;
import org.sipbridge.script.step.AssignStep;
import org.sipbridge.script.step.Block;
import org.sipbridge.script.step.CallStep;
import org.sipbridge.script.step.FlowSteps;
import org.sipbridge.script.step.IfStep;
import org.sipbridge.script.step.Route;
import org.sipbridge.script.step.RouteStep;
import org.sipbridge.script.step.Step;
import org.sipbridge.script.step.SwitchStep;
import org.sipbridge.script.step.WhileStep;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A block's statements into {@link Step}s; route(x) points at the {@link Route} of its target. */
final class StatementCompiler {
    private final CompileContext cx;
    private final ExpressionCompiler expressions;
    private final RouteGraph graph;
    private final Map<RouteBlock, Route> routes;

    StatementCompiler(CompileContext cx, RouteGraph graph, Map<RouteBlock, Route> routes) {
        this.cx = cx;
        this.expressions = new ExpressionCompiler(cx);
        this.graph = graph;
        this.routes = routes;
    }

    Block block(List<Statement> statements) {
        List<Step> steps = new ArrayList<>(statements.size());
        for (Statement s : statements) {
            steps.add(statement(s));
        }
        return new Block(steps);
    }

    private Step statement(Statement s) {
        if (s instanceof FunctionCall call) {
            return new CallStep(cx.function(call));
        } else if (s instanceof Assignment a) {
            return assignment(a);
        } else if (s instanceof IfStatement i) {
            Block otherwise = i.elseBody().isEmpty() ? null : block(i.elseBody());
            return new IfStep(expressions.compile(i.condition()), block(i.thenBody()), otherwise);
        } else if (s instanceof WhileStatement w) {
            return new WhileStep(expressions.compile(w.condition()), block(w.body()), w.location().toString(),
                    cx.maxWhileLoops);
        } else if (s instanceof SwitchStatement sw) {
            return switchStep(sw);
        } else if (s instanceof RouteCall rc) {
            return new RouteStep(routes.get(graph.target(rc)), rc.location().toString());
        } else if (s instanceof ReturnStatement r) {
            return FlowSteps.returning(r.value().orElse(1));
        } else if (s instanceof ExitStatement) {
            return FlowSteps.EXIT;
        } else if (s instanceof DropStatement) {
            return FlowSteps.DROP;
        } else if (s instanceof BreakStatement) {
            return FlowSteps.BREAK;
        }
        throw new IllegalStateException("unknown statement " + s);
    }

    private Step assignment(Assignment a) {
        Pv target = cx.pvs.resolveWritable(a.target());
        String at = a.location().toString();
        boolean isNull = a.value() instanceof NullLiteral;
        AssignOperator op = a.operator();
        if (op == AssignOperator.ASSIGN || op == AssignOperator.COLON_ASSIGN) {
            int kind = op == AssignOperator.ASSIGN ? Pv.ASSIGN : Pv.REPLACE;
            return new AssignStep(target, kind, isNull ? null : expressions.compile(a.value()), at);
        }
        if (isNull) {
            throw new ConfigException(a.value().location(), "NULL cannot be used with '" + op.symbol() + "'",
                    "'=' or ':=' to delete a value");
        }
        ArithExpr.Op arith = switch (op) {
            case ADD_ASSIGN -> ArithExpr.Op.ADD;
            case SUBTRACT_ASSIGN -> ArithExpr.Op.SUB;
            case MULTIPLY_ASSIGN -> ArithExpr.Op.MUL;
            case DIVIDE_ASSIGN -> ArithExpr.Op.DIV;
            case MODULO_ASSIGN -> ArithExpr.Op.MOD;
            case AND_ASSIGN -> ArithExpr.Op.AND;
            case OR_ASSIGN -> ArithExpr.Op.OR;
            case XOR_ASSIGN -> ArithExpr.Op.XOR;
            default -> throw new IllegalStateException(op.toString());
        };
        Expr value = new ArithExpr(arith, new PvExpr(target), expressions.compile(a.value()), at);
        return new AssignStep(target, Pv.REPLACE, value, at);
    }

    private Step switchStep(SwitchStatement sw) {
        List<SwitchCase> cases = sw.cases();
        Expr[] labels = new Expr[cases.size()];
        Block[] bodies = new Block[cases.size()];
        for (int i = 0; i < cases.size(); i++) {
            SwitchCase c = cases.get(i);
            if (c.label().isPresent()) {
                Constant label = c.label().get();
                labels[i] = label instanceof Constant.Int n ? ConstantExpr.integer(n.value())
                        : ConstantExpr.string(((Constant.Text) label).value());
            }
            bodies[i] = block(c.body());
        }
        return new SwitchStep(expressions.compile(sw.subject()), labels, bodies);
    }
}
