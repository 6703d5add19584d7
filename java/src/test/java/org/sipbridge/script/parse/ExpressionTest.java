package org.sipbridge.script.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.sipbridge.script.parse.Parsing.at;
import static org.sipbridge.script.parse.Parsing.condition;

import java.util.OptionalInt;

import org.junit.jupiter.api.Test;
import org.sipbridge.script.ast.Assignment;
import org.sipbridge.script.ast.BinaryExpression;
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

/** Expressions, printed back fully parenthesised to check the tree's shape. */
class ExpressionTest {

    private static String shape(Expression e) {
        if (e instanceof BinaryExpression b) {
            return "(" + shape(b.left()) + " " + b.operator().symbol() + " " + shape(b.right()) + ")";
        } else if (e instanceof UnaryExpression u) {
            return "(" + u.operator().symbol() + shape(u.operand()) + ")";
        } else if (e instanceof PseudoVariable pv) {
            return pv.text();
        } else if (e instanceof StringLiteral s) {
            return "\"" + s.text() + "\"";
        } else if (e instanceof IntegerLiteral i) {
            return String.valueOf(i.value());
        } else if (e instanceof FunctionCall f) {
            return f.name() + "/" + f.arguments().size();
        } else if (e instanceof KeywordOperand k) {
            return k.keyword().word();
        } else if (e instanceof IpLiteral ip) {
            return ip.address() + (ip.prefixLength().isPresent() ? "/" + ip.prefixLength().getAsInt() : "");
        } else if (e instanceof Myself) {
            return "myself";
        } else if (e instanceof NullLiteral) {
            return "null";
        }
        throw new AssertionError(e);
    }

    private static String shapeOf(String condition) {
        return shape(condition(condition));
    }

    @Test
    void arithmeticPrecedence() {
        assertEquals("((1 + (2 * 3)) - ($var(a) % 4))", shapeOf("1 + 2 * 3 - $var(a) % 4"));
        assertEquals("((1 - 2) - 3)", shapeOf("1 - 2 - 3"), "left associative");
        assertEquals("((1 + 2) * 3)", shapeOf("(1 + 2) * 3"));
    }

    @Test
    void logicalAndComparisonPrecedenceAsInC() {
        assertEquals("(($rm == \"INVITE\") || ((!has_totag/0) && ($var(n) >= 2)))",
                shapeOf("$rm == \"INVITE\" || !has_totag() && $var(n) >= 2"));
        assertEquals("($var(f) & (4 == 4))", shapeOf("$var(f) & 4 == 4"), "== binds tighter than & in C");
        assertEquals("(($var(a) | ($var(b) ^ $var(c))) | 1)", shapeOf("$var(a) | $var(b) ^ $var(c) | 1"));
        assertEquals("((1 << 2) < (8 >> 1))", shapeOf("1 << 2 < 8 >> 1"));
    }

    @Test
    void notNegatesAWholeComparisonAsInOpenSips() {
        assertEquals("(!(uri == myself))", shapeOf("!uri==myself"));
        assertEquals("((!(($var(a) + 1) > 2)) || (!f/0))", shapeOf("!$var(a) + 1 > 2 || !f()"));
        assertEquals("((!$var(a)) & 4)", shapeOf("!$var(a) & 4"), "but not over bitwise and logical operators");
        assertEquals("((~$var(a)) == 4)", shapeOf("~$var(a) == 4"), "~ keeps its C precedence");
    }

    @Test
    void wordOperators() {
        assertEquals("((!is_method/1) && (f/0 || g/0))", shapeOf("not is_method(\"ACK\") and (f() or g())"));
    }

    @Test
    void signsAndUnaryOperators() {
        assertEquals("($var(a) - -5)", shapeOf("$var(a) - -5"));
        assertEquals("($var(a) - 1)", shapeOf("$var(a)-1"), "a minus after an operand subtracts");
        assertEquals("-5", shapeOf("- 5"));
        assertEquals("5", shapeOf("+5"));
        assertEquals("(-$var(x))", shapeOf("-$var(x)"));
        assertEquals("(~$var(x))", shapeOf("~$var(x)"));
        assertEquals("-2147483648", shapeOf("-2147483648"));
    }

    @Test
    void integerBases() {
        assertEquals("((255 + 8) + 0)", shapeOf("0xff + 010 + 0"), "hexadecimal and OpenSIPS's octal");
    }

    @Test
    void regexMatchWithAFormatOnTheRight() {
        BinaryExpression match = (BinaryExpression) condition("$ru =~ \"^sip:$rU@\"");
        assertEquals("($ru =~ \"^sip:$rU@\")", shape(match));
        StringLiteral pattern = (StringLiteral) match.right();
        assertEquals("rU", pattern.format().pseudoVariables().get(0).name());
    }

    @Test
    void coreKeywordsAndMyself() {
        assertEquals("(uri == myself)", shapeOf("uri == myself"));
        assertEquals("(myself != src_ip)", shapeOf("myself != src_ip"));
        assertEquals("(($ru == myself) && (msg:len > 4096))", shapeOf("$ru == myself && msg:len > 4096"));
        assertEquals("((method == \"INVITE\") || (proto == \"udp\"))", shapeOf("method == \"INVITE\" || proto == \"udp\""));
        for (CoreKeyword k : CoreKeyword.values()) {
            KeywordOperand operand = (KeywordOperand) ((BinaryExpression) condition(k.word() + " == 1")).left();
            assertEquals(k, operand.keyword());
            assertEquals(at(1, 12), operand.location());
        }
    }

    @Test
    void ipLiterals() {
        assertEquals("((src_ip == 10.0.0.0/8) || (dst_ip != 192.168.1.1))",
                shapeOf("src_ip == 10.0.0.0/8 || dst_ip != 192.168.1.1"));
        IpLiteral ip = (IpLiteral) ((BinaryExpression) condition("src_ip == 10.1.2.3")).right();
        assertEquals(OptionalInt.empty(), ip.prefixLength());
        assertEquals(at(1, 22), ip.location());
    }

    @Test
    void nullAndFunctionCallsWithArguments() {
        assertEquals("(($avp(x) == null) && (f/3 > 0))", shapeOf("$avp(x) == NULL && f(\"a\", 2, -3) > 0"));
    }

    @Test
    void operatorLocations() {
        BinaryExpression or = (BinaryExpression) condition("$a == 1 || $b == 2");
        assertEquals(at(1, 20), or.location());
        assertEquals(at(1, 15), or.left().location());
        assertEquals(at(1, 12), ((BinaryExpression) or.left()).left().location());
        UnaryExpression not = (UnaryExpression) condition("!f()");
        assertEquals(at(1, 12), not.location());
        assertEquals(at(1, 13), not.operand().location());
    }

    @Test
    void assignmentValuesAreExpressions() {
        Assignment a = (Assignment) Parsing.mainRoute("$var(s) := \"x\" + ($var(n) + 1) * 2;").get(0);
        assertEquals("(\"x\" + (($var(n) + 1) * 2))", shape(a.value()));
        Assignment remove = (Assignment) Parsing.mainRoute("$avp(x) = NULL;").get(0);
        assertEquals(new NullLiteral(at(1, 18)), remove.value());
    }
}
