package org.sipbridge.script.ast;

import java.util.List;

/**
 * {@code name(arg, ...)} with 0 to {@link #MAX_ARGUMENTS} arguments. The parser does not
 * know which functions exist: Java core functions and C module functions look the same
 * here. Used both as a statement and as a condition (true when it returns a value > 0).
 */
public record FunctionCall(String name, List<Argument> arguments, SourceLocation location)
        implements Statement, Expression {

    /** The most parameters an OpenSIPS 1.11 exported command can take. */
    public static final int MAX_ARGUMENTS = 6;

    public FunctionCall {
        arguments = List.copyOf(arguments);
    }
}
