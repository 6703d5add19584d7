package org.sipbridge.script.ast;

import java.util.List;

/**
 * {@code switch (subject) { case ...: ... default: ... }}. Cases fall through to the next
 * one unless a {@code break} ends them, as in C. Labels are unique and the default, when
 * present, is the last case.
 */
public record SwitchStatement(Expression subject, List<SwitchCase> cases, SourceLocation location)
        implements Statement {

    public SwitchStatement {
        cases = List.copyOf(cases);
    }
}
