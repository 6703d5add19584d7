package org.sipbridge.script.ast;

/**
 * {@code $target op value;}. The target is recorded as written; whether it is writable is
 * decided later, when pseudo-variable names are resolved. A {@code NULL} value is a
 * {@link NullLiteral}.
 */
public record Assignment(PseudoVariable target, AssignOperator operator, Expression value,
                         SourceLocation location) implements Statement {
}
