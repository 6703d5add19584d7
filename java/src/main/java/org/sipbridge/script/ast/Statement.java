package org.sipbridge.script.ast;

/** One action inside a route block; its location is where the statement starts. */
public sealed interface Statement
        permits FunctionCall, Assignment, IfStatement, SwitchStatement, WhileStatement,
                RouteCall, ReturnStatement, ExitStatement, DropStatement, BreakStatement {

    SourceLocation location();
}
