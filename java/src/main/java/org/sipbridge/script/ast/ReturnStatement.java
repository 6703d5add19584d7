package org.sipbridge.script.ast;

import java.util.OptionalInt;

/**
 * {@code return(n);}, {@code return n;}, {@code return();} or {@code return;}. An empty
 * value is a bare return, which OpenSIPS treats as {@code return(1)}.
 */
public record ReturnStatement(OptionalInt value, SourceLocation location) implements Statement {
}
