package org.sipbridge.script.ast;

import java.util.List;

/**
 * {@code if (condition) ... else ...}. A body written without braces is a one-statement
 * list; {@code else if} is an else body holding one {@link IfStatement}; no else is an
 * empty list.
 */
public record IfStatement(Expression condition, List<Statement> thenBody, List<Statement> elseBody,
                          SourceLocation location) implements Statement {

    public IfStatement {
        thenBody = List.copyOf(thenBody);
        elseBody = List.copyOf(elseBody);
    }
}
