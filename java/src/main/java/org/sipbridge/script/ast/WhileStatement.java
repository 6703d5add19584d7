package org.sipbridge.script.ast;

import java.util.List;

/** {@code while (condition) body}; a {@code break} inside leaves the loop. */
public record WhileStatement(Expression condition, List<Statement> body, SourceLocation location)
        implements Statement {

    public WhileStatement {
        body = List.copyOf(body);
    }
}
