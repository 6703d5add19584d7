package org.sipbridge.script.parse;

import java.util.Objects;
import java.util.Optional;

import org.sipbridge.script.ast.SourceLocation;

/**
 * A configuration file that cannot be accepted. {@link #getMessage()} is exactly what the
 * user sees: {@code file:line:column: <problem>, expected <expectation>}, e.g.
 * <code>proxy.cfg:12:5: unexpected '&#125;', expected ';' after function call</code>. A few
 * problems have nothing to expect (a duplicate block); their message stops after the problem.
 *
 * <p>Unchecked so the recursive-descent parser stays readable; callers that load a
 * configuration catch it and print the message. Later phases (function lookup, pseudo-variable
 * names) throw it too, with the location the parser recorded.
 */
public final class ConfigException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final SourceLocation location;
    private final String problem;
    private final String expected;

    public ConfigException(SourceLocation location, String problem, String expected) {
        super(format(location, problem, expected));
        this.location = Objects.requireNonNull(location, "location");
        this.problem = Objects.requireNonNull(problem, "problem");
        this.expected = expected;
    }

    public ConfigException(SourceLocation location, String problem) {
        this(location, problem, null);
    }

    public SourceLocation location() {
        return location;
    }

    /** What is wrong, without the location. */
    public String problem() {
        return problem;
    }

    /** What would have been accepted, when that can be said. */
    public Optional<String> expected() {
        return Optional.ofNullable(expected);
    }

    private static String format(SourceLocation location, String problem, String expected) {
        return location + ": " + problem + (expected == null ? "" : ", expected " + expected);
    }
}
