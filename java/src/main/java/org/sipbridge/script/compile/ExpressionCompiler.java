package org.sipbridge.script.compile;

import org.sipbridge.script.ast.BinaryExpression;
import org.sipbridge.script.ast.BinaryOperator;
import org.sipbridge.script.ast.CoreKeyword;
import org.sipbridge.script.ast.Expression;
import org.sipbridge.script.ast.FunctionCall;
import org.sipbridge.script.ast.IntegerLiteral;
import org.sipbridge.script.ast.IpLiteral;
import org.sipbridge.script.ast.KeywordOperand;
import org.sipbridge.script.ast.Myself;
import org.sipbridge.script.ast.NullLiteral;
import org.sipbridge.script.ast.PseudoVariable;
import org.sipbridge.script.ast.StringLiteral;
import org.sipbridge.script.ast.UnaryExpression;
import org.sipbridge.script.expr.ArithExpr;
import org.sipbridge.script.expr.CallExpr;
import org.sipbridge.script.expr.CompareExpr;
import org.sipbridge.script.expr.ConstantExpr;
import org.sipbridge.script.expr.Expr;
import org.sipbridge.script.expr.IpMatchExpr;
import org.sipbridge.script.expr.KeywordExpr;
import org.sipbridge.script.expr.LogicExpr;
import org.sipbridge.script.expr.MatchExpr;
import org.sipbridge.script.expr.MyselfExpr;
import org.sipbridge.script.expr.PosixRegex;
import org.sipbridge.script.expr.PvExpr;
import org.sipbridge.script.parse.ConfigException;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/** Conditions and values: the AST's expressions into {@link Expr} trees. */
final class ExpressionCompiler {
    private final CompileContext cx;

    ExpressionCompiler(CompileContext cx) {
        this.cx = cx;
    }

    Expr compile(Expression e) {
        if (e instanceof BinaryExpression b) {
            return binary(b);
        } else if (e instanceof UnaryExpression u) {
            return switch (u.operator()) {
                case NOT -> new LogicExpr(LogicExpr.Kind.NOT, compile(u.operand()), null);
                case BIT_NOT -> new ArithExpr(ArithExpr.Op.BIT_NOT, compile(u.operand()), null, u.location().toString());
                case NEGATE -> new ArithExpr(ArithExpr.Op.NEGATE, compile(u.operand()), null, u.location().toString());
            };
        } else if (e instanceof PseudoVariable pv) {
            return new PvExpr(cx.pvs.resolve(pv));
        } else if (e instanceof StringLiteral s) {
            return s.format().isConstant() ? ConstantExpr.string(literalText(s)) : new PvExpr(cx.pvs.format(s.text(), s.format()));
        } else if (e instanceof IntegerLiteral i) {
            return ConstantExpr.integer(i.value());
        } else if (e instanceof NullLiteral) {
            return ConstantExpr.nullValue();
        } else if (e instanceof KeywordOperand k) {
            return new KeywordExpr(k.keyword());
        } else if (e instanceof IpLiteral ip) {
            if (ip.prefixLength().isPresent()) {
                throw new ConfigException(ip.location(), "a network (" + ip.address() + "/" + ip.prefixLength().getAsInt()
                        + ") is only compared with src_ip or dst_ip", "'src_ip == " + ip.address() + "/"
                        + ip.prefixLength().getAsInt() + "'");
            }
            return ConstantExpr.string(ip.address());
        } else if (e instanceof FunctionCall call) {
            return new CallExpr(cx.function(call));
        } else if (e instanceof Myself m) {
            throw new ConfigException(m.location(), "'myself' used outside a comparison", "it as an operand of '==' or '!='");
        }
        throw new IllegalStateException("unknown expression " + e);
    }

    /** A constant string's value: its format's literal text ($$ is one $). */
    static String literalText(StringLiteral s) {
        StringBuilder sb = new StringBuilder();
        s.format().parts().forEach(p -> sb.append(((org.sipbridge.script.ast.LiteralText) p).text()));
        return sb.toString();
    }

    private Expr binary(BinaryExpression b) {
        BinaryOperator op = b.operator();
        String at = b.location().toString();
        switch (op) {
            case AND:
                return new LogicExpr(LogicExpr.Kind.AND, compile(b.left()), compile(b.right()));
            case OR:
                return new LogicExpr(LogicExpr.Kind.OR, compile(b.left()), compile(b.right()));
            case EQUAL:
            case NOT_EQUAL:
                return equality(b, op == BinaryOperator.NOT_EQUAL);
            case MATCH:
            case NOT_MATCH:
                return match(b, op == BinaryOperator.NOT_MATCH);
            case LESS: return compare(CompareExpr.Op.LT, b);
            case LESS_EQUAL: return compare(CompareExpr.Op.LE, b);
            case GREATER: return compare(CompareExpr.Op.GT, b);
            case GREATER_EQUAL: return compare(CompareExpr.Op.GE, b);
            case PLUS: return arith(ArithExpr.Op.ADD, b, at);
            case MINUS: return arith(ArithExpr.Op.SUB, b, at);
            case MULTIPLY: return arith(ArithExpr.Op.MUL, b, at);
            case DIVIDE: return arith(ArithExpr.Op.DIV, b, at);
            case MODULO: return arith(ArithExpr.Op.MOD, b, at);
            case BIT_AND: return arith(ArithExpr.Op.AND, b, at);
            case BIT_OR: return arith(ArithExpr.Op.OR, b, at);
            case BIT_XOR: return arith(ArithExpr.Op.XOR, b, at);
            case SHIFT_LEFT: return arith(ArithExpr.Op.SHL, b, at);
            case SHIFT_RIGHT: return arith(ArithExpr.Op.SHR, b, at);
            default:
                throw new IllegalStateException("unknown operator " + op);
        }
    }

    private Expr arith(ArithExpr.Op op, BinaryExpression b, String at) {
        return new ArithExpr(op, compile(b.left()), compile(b.right()), at);
    }

    private Expr compare(CompareExpr.Op op, BinaryExpression b) {
        return new CompareExpr(op, compile(b.left()), compile(b.right()));
    }

    private Expr equality(BinaryExpression b, boolean negated) {
        Expression l = b.left();
        Expression r = b.right();
        if (r instanceof Myself || l instanceof Myself) {
            Expression other = r instanceof Myself ? l : r;
            if (other instanceof Myself) {
                throw new ConfigException(b.location(), "'myself' compared with itself", "an address or URI on one side");
            }
            return new MyselfExpr(compile(other), cx.local, negated);
        }
        IpLiteral ip = r instanceof IpLiteral x ? x : l instanceof IpLiteral y ? y : null;
        Expression other = ip == r ? l : r;
        if (ip != null && other instanceof KeywordOperand k
                && (k.keyword() == CoreKeyword.SRC_IP || k.keyword() == CoreKeyword.DST_IP)) {
            byte[] network;
            try {
                network = InetAddress.getByName(ip.address()).getAddress();
            } catch (UnknownHostException e) {
                throw new ConfigException(ip.location(), "bad address " + ip.address(), "an IPv4 address");
            }
            int prefix = ip.prefixLength().orElse(network.length * 8);
            return new IpMatchExpr(k.keyword() == CoreKeyword.SRC_IP, network, prefix, negated);
        }
        return new CompareExpr(negated ? CompareExpr.Op.NE : CompareExpr.Op.EQ, compile(l), compile(r));
    }

    private Expr match(BinaryExpression b, boolean negated) {
        Expr value = compile(b.left());
        if (b.right() instanceof StringLiteral s && s.format().isConstant()) {
            String text = literalText(s);
            String problem = PosixRegex.problem(text);
            if (problem != null) {
                throw new ConfigException(s.location(), "bad regular expression \"" + text + "\": " + problem,
                        "a POSIX extended regular expression");
            }
            Pattern p = PosixRegex.compile(text);
            return new MatchExpr(value, p, null, negated, b.location().toString());
        }
        return new MatchExpr(value, null, compile(b.right()), negated, b.location().toString());
    }
}
