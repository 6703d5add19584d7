package org.sipbridge.script.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sipbridge.script.ast.Assignment;
import org.sipbridge.script.ast.AssignOperator;
import org.sipbridge.script.ast.AstWalk;
import org.sipbridge.script.ast.BinaryExpression;
import org.sipbridge.script.ast.BinaryOperator;
import org.sipbridge.script.ast.BlockKind;
import org.sipbridge.script.ast.BooleanSetting;
import org.sipbridge.script.ast.BreakStatement;
import org.sipbridge.script.ast.Constant;
import org.sipbridge.script.ast.CoreKeyword;
import org.sipbridge.script.ast.DropStatement;
import org.sipbridge.script.ast.ExitStatement;
import org.sipbridge.script.ast.FunctionCall;
import org.sipbridge.script.ast.IfStatement;
import org.sipbridge.script.ast.IntegerLiteral;
import org.sipbridge.script.ast.IntegerSetting;
import org.sipbridge.script.ast.KeywordOperand;
import org.sipbridge.script.ast.ListenSetting;
import org.sipbridge.script.ast.LiteralText;
import org.sipbridge.script.ast.LoadModule;
import org.sipbridge.script.ast.ModParam;
import org.sipbridge.script.ast.ModuleDialect;
import org.sipbridge.script.ast.Myself;
import org.sipbridge.script.ast.NullLiteral;
import org.sipbridge.script.ast.PathSetting;
import org.sipbridge.script.ast.PseudoVariable;
import org.sipbridge.script.ast.PvIndex;
import org.sipbridge.script.ast.ReturnStatement;
import org.sipbridge.script.ast.RouteBlock;
import org.sipbridge.script.ast.RouteCall;
import org.sipbridge.script.ast.Script;
import org.sipbridge.script.ast.SourceLocation;
import org.sipbridge.script.ast.Statement;
import org.sipbridge.script.ast.StringLiteral;
import org.sipbridge.script.ast.SwitchCase;
import org.sipbridge.script.ast.SwitchStatement;
import org.sipbridge.script.ast.Transport;
import org.sipbridge.script.ast.UnaryExpression;
import org.sipbridge.script.ast.UnaryOperator;
import org.sipbridge.script.ast.WhileStatement;

/** The whole example configuration script/proxy.cfg: structure and locations (tabs count as one column). */
class ExampleScriptTest {

    private static final String FILE = "proxy.cfg";
    private static Script script;
    private static List<Statement> main;

    @BeforeAll
    static void parseExample() {
        script = ScriptParser.parse(FILE, Parsing.resource("proxy.cfg"));
        main = script.mainRoute().orElseThrow().body();
    }

    private static SourceLocation at(int line, int column) {
        return new SourceLocation(FILE, line, column);
    }

    @Test
    void globalSettingsInOrderWithCanonicalNames() {
        assertEquals(List.of("log_level", "log_stderror", "children", "udp_receivers", "tcp_idle_timeout",
                        "listen", "listen", "listen", "mpath"),
                script.globals().stream().map(g -> g.name()).toList());
        assertEquals(new IntegerSetting("log_level", 3, at(9, 1)), script.globals().get(0));
        assertEquals(new BooleanSetting("log_stderror", false, at(10, 1)), script.globals().get(1));
        assertEquals(new IntegerSetting("children", 4, at(11, 1)), script.globals().get(2));
        assertEquals(new IntegerSetting("udp_receivers", 2, at(12, 1)), script.globals().get(3));
        assertEquals(new IntegerSetting("tcp_idle_timeout", 120, at(13, 1)), script.globals().get(4));
        assertEquals(new PathSetting("mpath", List.of("/usr/lib/sipbridge/modules", "/opt/sipbridge/modules"),
                at(19, 1)), script.globals().get(8));
    }

    @Test
    void listenLines() {
        List<ListenSetting> listens = script.listens();
        assertEquals(new ListenSetting(Transport.UDP, "127.0.0.1", 5060, "udp:127.0.0.1:5060", at(15, 1)),
                listens.get(0));
        assertEquals(new ListenSetting(Transport.TCP, "127.0.0.1", 5061, "tcp:127.0.0.1:5061", at(16, 1)),
                listens.get(1));
        ListenSetting any = listens.get(2);
        assertTrue(any.anyAddress());
        assertEquals(5060, any.port());
        assertEquals(Transport.UDP, any.transport());
    }

    @Test
    void modulesWithOptionalDialect() {
        assertEquals(List.of("sl.so", "tm.so", "rr.so", "maxfwd.so", "legacy.so"),
                script.modules().stream().map(LoadModule::path).toList());
        assertEquals(new LoadModule("sl.so", Optional.empty(), at(23, 1)), script.modules().get(0));
        assertEquals(new LoadModule("legacy.so", Optional.of(ModuleDialect.OPENSER), at(27, 1)),
                script.modules().get(4));
    }

    @Test
    void modparamsKeepKindsAndLocations() {
        ModParam first = script.modParams().get(0);
        assertEquals(new Constant.Text("tm", at(29, 10)), first.module());
        assertEquals(new Constant.Text("fr_timeout", at(29, 16)), first.parameter());
        assertEquals(new Constant.Int(5, at(29, 30)), first.value());
        assertEquals(at(29, 1), first.location());

        assertEquals(-1, ((Constant.Int) script.modParams().get(1).value()).value());
        ModParam third = script.modParams().get(2);
        assertEquals("rr|tm", third.module().value());
        assertEquals("yes", ((Constant.Text) third.value()).value());
        assertTrue(script.modules().get(0).location().isBefore(first.location()));
    }

    @Test
    void blocksKindsNamesAndRouteTypes() {
        assertEquals(List.of("route", "route[relay]", "onreply_route[1]", "failure_route[missed]",
                        "branch_route[per_branch]", "timer_route[cleanup]", "event_route[E_UL_CONTACT_INSERT]",
                        "onreply_route", "error_route", "local_route", "startup_route", "route[2]"),
                script.blocks().stream().map(RouteBlock::displayName).toList());
        assertEquals(List.of(1, 0, 4, 2, 8, 128, 256, 4, 16, 32, 64, 0),
                script.blocks().stream().map(b -> b.kind().routeType()).toList());
        assertEquals(at(35, 1), script.mainRoute().orElseThrow().location());
        assertEquals(at(91, 1), script.subRoute("relay").orElseThrow().location());
        assertEquals(BlockKind.SUBROUTE, script.subRoute("2").orElseThrow().kind());

        RouteBlock timer = script.blocks(BlockKind.TIMER).get(0);
        assertEquals(Optional.of("cleanup"), timer.name());
        assertEquals(OptionalInt.of(60), timer.timerInterval());
        assertEquals(at(115, 1), timer.location());

        assertTrue(script.block(BlockKind.LOCAL, Optional.empty()).orElseThrow().body().isEmpty());
        assertEquals(2, script.blocks(BlockKind.ONREPLY).size());
    }

    @Test
    void mainRouteStatementKindsInOrder() {
        assertEquals(List.of("IfStatement", "FunctionCall", "IfStatement", "IfStatement", "SwitchStatement",
                        "Assignment", "WhileStatement", "Assignment", "Assignment", "Assignment", "IfStatement",
                        "FunctionCall", "FunctionCall", "FunctionCall", "FunctionCall", "RouteCall",
                        "ReturnStatement"),
                main.stream().map(s -> s.getClass().getSimpleName()).toList());
        assertEquals(35, AstWalk.statements(main).size());
    }

    @Test
    void negatedFunctionCallCondition() {
        IfStatement first = (IfStatement) main.get(0);
        assertEquals(at(36, 2), first.location());
        UnaryExpression not = assertInstanceOf(UnaryExpression.class, first.condition());
        assertEquals(UnaryOperator.NOT, not.operator());
        assertEquals(at(36, 6), not.location());
        FunctionCall call = assertInstanceOf(FunctionCall.class, not.operand());
        assertEquals("mf_process_maxfwd_header", call.name());
        assertEquals(at(36, 7), call.location());
        assertEquals("10", ((StringLiteral) call.arguments().get(0)).text());
        assertEquals(at(36, 32), call.arguments().get(0).location());

        assertEquals(List.of("FunctionCall", "ExitStatement"),
                first.thenBody().stream().map(s -> s.getClass().getSimpleName()).toList());
        assertEquals(new ExitStatement(at(38, 3)), first.thenBody().get(1));
        assertTrue(first.elseBody().isEmpty());
    }

    @Test
    void xlogFormatIsSplitWithFileLocations() {
        FunctionCall xlog = (FunctionCall) main.get(1);
        assertEquals("xlog", xlog.name());
        assertEquals(at(41, 2), xlog.location());
        StringLiteral level = (StringLiteral) xlog.arguments().get(0);
        assertEquals(new StringLiteral("L_INFO", level.format(), at(41, 7)), level);
        assertTrue(level.format().isConstant());

        StringLiteral message = (StringLiteral) xlog.arguments().get(1);
        assertEquals(at(41, 17), message.location());
        assertEquals("$rm from $fu (ip $si:$sp) to $ru\n", message.text());
        List<Object> parts = message.format().parts().stream().map(p -> p instanceof PseudoVariable pv
                ? (Object) ("$" + pv.name() + "@" + pv.location().column())
                : (Object) (((LiteralText) p).text() + "@" + p.location().column())).toList();
        assertEquals(List.of("$rm@18", " from @21", "$fu@27", " (ip @30", "$si@35", ":@38", "$sp@39",
                ") to @42", "$ru@47", "\n@50"), parts);
        assertTrue(message.format().parts().stream().allMatch(p -> p.location().line() == 41));
    }

    @Test
    void nestedIfElseIfAndBracelessElse() {
        IfStatement outer = (IfStatement) main.get(2);
        assertEquals("has_totag", ((FunctionCall) outer.condition()).name());
        IfStatement inner = (IfStatement) outer.thenBody().get(0);
        assertEquals(new RouteCall("relay", at(45, 4)), inner.thenBody().get(0));
        IfStatement elseIf = (IfStatement) inner.elseBody().get(0);
        assertEquals(at(46, 10), elseIf.location());
        assertEquals("is_method", ((FunctionCall) elseIf.condition()).name());
        FunctionCall bracelessElse = (FunctionCall) elseIf.elseBody().get(0);
        assertEquals(at(49, 4), bracelessElse.location());
        assertEquals(new ExitStatement(at(50, 3)), outer.thenBody().get(1));
    }

    @Test
    void uriEqualsMyselfAndNullComparison() {
        IfStatement check = (IfStatement) main.get(3);
        BinaryExpression and = (BinaryExpression) check.condition();
        assertEquals(BinaryOperator.AND, and.operator());
        assertEquals(at(53, 20), and.location());

        BinaryExpression uriIsMe = (BinaryExpression) and.left();
        assertEquals(BinaryOperator.EQUAL, uriIsMe.operator());
        assertEquals(new KeywordOperand(CoreKeyword.URI, at(53, 6)), uriIsMe.left());
        assertEquals(new Myself(at(53, 13)), uriIsMe.right());

        BinaryExpression userIsNull = (BinaryExpression) and.right();
        assertEquals("rU", ((PseudoVariable) userIsNull.left()).name());
        assertEquals(at(53, 23), userIsNull.left().location());
        assertEquals(new NullLiteral(at(53, 30)), userIsNull.right());

        assertEquals(new ReturnStatement(OptionalInt.of(-1), at(55, 3)), check.thenBody().get(1));
    }

    @Test
    void switchCasesLabelsAndBreaks() {
        SwitchStatement sw = (SwitchStatement) main.get(4);
        assertEquals(at(58, 2), sw.location());
        assertEquals("rm", ((PseudoVariable) sw.subject()).name());
        List<SwitchCase> cases = sw.cases();
        assertEquals(4, cases.size());

        assertEquals(Optional.of(new Constant.Text("INVITE", at(59, 8))), cases.get(0).label());
        assertEquals(at(59, 3), cases.get(0).location());
        assertInstanceOf(Assignment.class, cases.get(0).body().get(0));
        assertEquals(new BreakStatement(at(61, 4)), cases.get(0).body().get(1));

        assertEquals("MESSAGE", ((Constant.Text) cases.get(1).label().orElseThrow()).value());
        assertTrue(cases.get(1).body().isEmpty(), "falls through to case 7");
        assertEquals(Optional.of(new Constant.Int(7, at(63, 8))), cases.get(2).label());

        SwitchCase otherwise = cases.get(3);
        assertTrue(otherwise.isDefault());
        assertEquals(at(66, 3), otherwise.location());
        Assignment other = (Assignment) otherwise.body().get(0);
        assertEquals("other", ((StringLiteral) other.value()).text());
    }

    @Test
    void whileLoopWithArithmetic() {
        Assignment init = (Assignment) main.get(5);
        assertEquals("var", init.target().name());
        assertEquals(Optional.of("i"), init.target().inner());
        assertEquals(new IntegerLiteral(0, at(70, 12)), init.value());

        WhileStatement loop = (WhileStatement) main.get(6);
        assertEquals(at(71, 2), loop.location());
        assertEquals(BinaryOperator.LESS, ((BinaryExpression) loop.condition()).operator());

        Assignment hops = (Assignment) loop.body().get(0);
        assertEquals("avp", hops.target().name());
        BinaryExpression plus = (BinaryExpression) hops.value();
        assertEquals(BinaryOperator.PLUS, plus.operator());
        assertEquals(BinaryOperator.MULTIPLY, ((BinaryExpression) plus.left()).operator());
        assertEquals(1, ((IntegerLiteral) plus.right()).value());
    }

    @Test
    void assignmentsToRequestUriDestinationAndHeader() {
        Assignment ru = (Assignment) main.get(7);
        assertEquals(at(76, 2), ru.location());
        assertEquals(AssignOperator.COLON_ASSIGN, ru.operator());
        assertEquals("ru", ru.target().name());
        BinaryExpression concat = (BinaryExpression) ru.value();
        assertEquals(at(76, 22), concat.location());
        BinaryExpression head = (BinaryExpression) concat.left();
        assertEquals(at(76, 16), head.location());
        assertEquals("sip:", ((StringLiteral) head.left()).text());
        assertEquals("rU", ((PseudoVariable) head.right()).name());
        assertEquals("@10.0.0.5:5060", ((StringLiteral) concat.right()).text());

        Assignment du = (Assignment) main.get(8);
        assertEquals(AssignOperator.ASSIGN, du.operator());
        assertEquals("du", du.target().name());

        PseudoVariable header = ((Assignment) main.get(9)).target();
        assertEquals("hdr", header.name());
        assertEquals(Optional.of("X-Note"), header.inner());
        assertEquals(Optional.of(new PvIndex.Position(0, at(78, 14))), header.index());
        assertEquals("$hdr(X-Note)[0]", header.text());
    }

    @Test
    void regexMatchesAndBracketedVariable() {
        IfStatement check = (IfStatement) main.get(10);
        BinaryExpression or = (BinaryExpression) check.condition();
        assertEquals(BinaryOperator.OR, or.operator());
        assertEquals(at(79, 40), or.location());

        BinaryExpression match = (BinaryExpression) or.left();
        assertEquals(BinaryOperator.MATCH, match.operator());
        assertEquals(at(79, 21), match.location());
        PseudoVariable via = (PseudoVariable) match.left();
        assertTrue(via.bracketed());
        assertEquals("hdr", via.name());
        assertEquals(Optional.of("Via"), via.inner());
        assertInstanceOf(PvIndex.All.class, via.index().orElseThrow());
        assertEquals(at(79, 6), via.location());
        assertEquals("^SIP/2\\.0/UDP", ((StringLiteral) match.right()).text(), "unknown escapes keep their backslash");

        BinaryExpression noMatch = (BinaryExpression) or.right();
        assertEquals(BinaryOperator.NOT_MATCH, noMatch.operator());
        assertEquals(new StringLiteral("friendly-scanner", ((StringLiteral) noMatch.right()).format(), at(79, 50)),
                noMatch.right());
    }

    @Test
    void sixArgumentsOfEveryKind() {
        FunctionCall six = (FunctionCall) ((IfStatement) main.get(10)).thenBody().get(0);
        assertEquals("six_args", six.name());
        assertEquals(6, six.arguments().size());
        assertEquals(new IntegerLiteral(1, at(80, 17)), six.arguments().get(1));
        assertEquals(new IntegerLiteral(-2, at(80, 34)), six.arguments().get(3));

        StringLiteral withVariable = (StringLiteral) six.arguments().get(2);
        assertEquals("$var(kind)", withVariable.text());
        PseudoVariable kind = withVariable.format().pseudoVariables().get(0);
        assertEquals("var", kind.name());
        assertEquals(at(80, 21), kind.location());

        StringLiteral dollars = (StringLiteral) six.arguments().get(5);
        assertEquals("cost $5, $$", dollars.text(), "the raw text is kept as written");
        assertEquals(List.of(new LiteralText("cost $5, $", at(80, 44))), dollars.format().parts());
    }

    @Test
    void routeCallsAndBareReturn() {
        assertEquals(new RouteCall("relay", at(87, 2)), main.get(15));
        assertEquals(new ReturnStatement(OptionalInt.empty(), at(88, 2)), main.get(16));
        assertEquals(List.of("relay", "relay"),
                AstWalk.routeCalls(main).stream().map(RouteCall::target).toList());
        RouteCall fromStartup = (RouteCall) script.blocks(BlockKind.STARTUP).get(0).body().get(0);
        assertEquals("2", fromStartup.target());
    }

    @Test
    void functionCallsIncludeThoseInConditions() {
        assertEquals(List.of("mf_process_maxfwd_header", "sl_send_reply", "xlog", "has_totag", "loose_route",
                        "is_method", "t_check_trans", "sl_send_reply", "sl_send_reply", "six_args",
                        "record_route", "t_on_failure", "t_on_reply", "t_on_branch"),
                AstWalk.functionCalls(main).stream().map(FunctionCall::name).toList());
    }

    @Test
    void otherBlocksBodies() {
        RouteBlock failure = script.blocks(BlockKind.FAILURE).get(0);
        assertEquals(new DropStatement(at(108, 2)), failure.body().get(1));

        Assignment note = (Assignment) script.blocks(BlockKind.BRANCH).get(0).body().get(0);
        assertEquals("T_branch_idx", ((PseudoVariable) ((BinaryExpression) note.value()).right()).name());

        RouteBlock reply = script.blocks(BlockKind.ONREPLY).get(0);
        BinaryExpression status = (BinaryExpression) ((IfStatement) reply.body().get(0)).condition();
        assertEquals(CoreKeyword.STATUS, ((KeywordOperand) status.left()).keyword());

        assertEquals(new ReturnStatement(OptionalInt.of(1), at(120, 2)),
                script.blocks(BlockKind.EVENT).get(0).body().get(0));

        FunctionCall errorLog = (FunctionCall) script.blocks(BlockKind.ERROR).get(0).body().get(0);
        PseudoVariable reason = ((StringLiteral) errorLog.arguments().get(1)).format().pseudoVariables().get(0);
        assertEquals("err.reason", reason.name());
        assertTrue(reason.bracketed());
        assertFalse(reason.inner().isPresent());
    }
}
