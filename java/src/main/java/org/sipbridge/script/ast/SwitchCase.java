package org.sipbridge.script.ast;

import java.util.List;
import java.util.Optional;

/**
 * One {@code case label:} (or {@code default:}) with the statements up to the next case.
 *
 * @param label a string or integer constant; empty for {@code default}
 */
public record SwitchCase(Optional<Constant> label, List<Statement> body, SourceLocation location) {

    public SwitchCase {
        body = List.copyOf(body);
    }

    public boolean isDefault() {
        return label.isEmpty();
    }
}
