package org.sipbridge.script.ast;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A top-level block such as {@code route[auth]{...}} or {@code timer_route[gc, 60]{...}}.
 *
 * @param name          the name between brackets; empty for unnamed blocks ({@code route{}},
 *                      {@code onreply_route{}}, {@code error_route{}}...). Numeric names are
 *                      normalised to their decimal value ({@code route[01]} is "1").
 * @param timerInterval seconds between runs, only for {@link BlockKind#TIMER}
 * @param location      where the block keyword is
 */
public record RouteBlock(
        BlockKind kind,
        Optional<String> name,
        OptionalInt timerInterval,
        List<Statement> body,
        SourceLocation location) {

    public RouteBlock {
        body = List.copyOf(body);
    }

    /** How the block is written, without its body: {@code route}, {@code failure_route[missed]}. */
    public String displayName() {
        return kind.keyword() + name.map(n -> "[" + n + "]").orElse("");
    }
}
