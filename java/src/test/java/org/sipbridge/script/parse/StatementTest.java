package org.sipbridge.script.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sipbridge.script.parse.Parsing.at;
import static org.sipbridge.script.parse.Parsing.mainRoute;
import static org.sipbridge.script.parse.Parsing.parse;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import org.junit.jupiter.api.Test;
import org.sipbridge.script.ast.Assignment;
import org.sipbridge.script.ast.AssignOperator;
import org.sipbridge.script.ast.BlockKind;
import org.sipbridge.script.ast.BreakStatement;
import org.sipbridge.script.ast.DropStatement;
import org.sipbridge.script.ast.ExitStatement;
import org.sipbridge.script.ast.FunctionCall;
import org.sipbridge.script.ast.IfStatement;
import org.sipbridge.script.ast.IntegerLiteral;
import org.sipbridge.script.ast.ReturnStatement;
import org.sipbridge.script.ast.RouteCall;
import org.sipbridge.script.ast.Script;
import org.sipbridge.script.ast.Statement;
import org.sipbridge.script.ast.StringLiteral;
import org.sipbridge.script.ast.SwitchStatement;
import org.sipbridge.script.ast.WhileStatement;

/** Statement forms inside {@code route{ ... }}; the body starts at line 1, column 8. */
class StatementTest {

    @Test
    void returnForms() {
        List<Statement> body = mainRoute("return(2); return(-1); return 3; return(); return;");
        assertEquals(List.of(OptionalInt.of(2), OptionalInt.of(-1), OptionalInt.of(3), OptionalInt.empty(), OptionalInt.empty()),
                body.stream().map(s -> ((ReturnStatement) s).value()).toList());
    }

    @Test
    void exitAndDropWithOrWithoutParentheses() {
        assertEquals(List.of(new ExitStatement(at(1, 8)), new ExitStatement(at(1, 14)), new DropStatement(at(1, 22)),
                new DropStatement(at(1, 28))), mainRoute("exit; exit(); drop; drop();"));
    }

    @Test
    void functionCallsWithZeroToSixArguments() {
        List<Statement> body = mainRoute("a(); b(1); c(\"x\", 2); d(1,2,3); e(1,2,3,4); f(1,2,3,4,5); g(1,2,3,4,5,6);");
        assertEquals(List.of(0, 1, 2, 3, 4, 5, 6), body.stream().map(s -> ((FunctionCall) s).arguments().size()).toList());
        FunctionCall c = (FunctionCall) body.get(2);
        assertEquals(new IntegerLiteral(2, at(1, 26)), c.arguments().get(1));
        assertEquals("x", ((StringLiteral) c.arguments().get(0)).text());
    }

    @Test
    void routeCallsByNameOrNumber() {
        assertEquals(List.of(new RouteCall("auth", at(1, 8)), new RouteCall("1", at(1, 21)), new RouteCall("8", at(1, 31))),
                mainRoute("route(auth); route(1); route(010);"));
    }

    @Test
    void ifElseChainsAndBracelessBodies() {
        IfStatement chain = (IfStatement) mainRoute("if (a()) b(); else if (c()) { d(); } else e();").get(0);
        assertEquals("b", ((FunctionCall) chain.thenBody().get(0)).name());
        IfStatement second = (IfStatement) chain.elseBody().get(0);
        assertEquals(at(1, 27), second.location());
        assertEquals("e", ((FunctionCall) second.elseBody().get(0)).name());

        IfStatement emptyBodies = (IfStatement) mainRoute("if (a()) ; else {}").get(0);
        assertTrue(emptyBodies.thenBody().isEmpty());
        assertTrue(emptyBodies.elseBody().isEmpty());

        IfStatement nestedBraceless = (IfStatement) mainRoute("if (a()) if (b()) c(); else d();").get(0);
        IfStatement inner = (IfStatement) nestedBraceless.thenBody().get(0);
        assertEquals(1, inner.elseBody().size(), "else belongs to the nearest if");
        assertTrue(nestedBraceless.elseBody().isEmpty());
    }

    @Test
    void breakInsideIfInsideWhile() {
        WhileStatement loop = (WhileStatement) mainRoute("while (1) { if (f()) break; g(); }").get(0);
        IfStatement check = (IfStatement) loop.body().get(0);
        assertEquals(new BreakStatement(at(1, 29)), check.thenBody().get(0));
    }

    @Test
    void switchWithNegativeAndEmptyCases() {
        SwitchStatement sw = (SwitchStatement) mainRoute("switch ($retcode) { case -1: case 2: exit; default: }").get(0);
        assertEquals(3, sw.cases().size());
        assertTrue(sw.cases().get(0).body().isEmpty());
        assertTrue(sw.cases().get(2).isDefault());
        assertTrue(sw.cases().get(2).body().isEmpty());
    }

    @Test
    void everyAssignmentOperator() {
        List<Statement> body = mainRoute("$a = 1; $a := 1; $a += 1; $a -= 1; $a *= 1; $a /= 1; $a %= 1; $a &= 1; $a |= 1; $a ^= 1;");
        assertEquals(List.of(AssignOperator.values()), body.stream().map(s -> ((Assignment) s).operator()).toList());
    }

    @Test
    void emptyStatementsAreDropped() {
        assertEquals(1, mainRoute(";; f(); ;").size());
    }

    @Test
    void blockHeaders() {
        Script s = parse("route[0]{} route[auth]{} onreply_route{} onreply_route[r]{} failure_route[1]{} branch_route[b]{}"
                + " error_route{} local_route{} startup_route{} timer_route[t, 5]{} event_route[E_X]{}");
        assertEquals(List.of(BlockKind.REQUEST, BlockKind.SUBROUTE, BlockKind.ONREPLY, BlockKind.ONREPLY, BlockKind.FAILURE,
                        BlockKind.BRANCH, BlockKind.ERROR, BlockKind.LOCAL, BlockKind.STARTUP, BlockKind.TIMER, BlockKind.EVENT),
                s.blocks().stream().map(b -> b.kind()).toList());
        assertEquals(Optional.empty(), s.blocks().get(0).name(), "route[0] is the main route");
        assertEquals(Optional.of("1"), s.blocks().get(4).name());
    }

    @Test
    void assignmentTargetLocation() {
        Assignment a = (Assignment) mainRoute("$du = \"sip:a\";").get(0);
        assertEquals(at(1, 8), a.location());
        assertEquals(a.location(), a.target().location());
    }
}
