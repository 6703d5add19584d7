package org.sipbridge.script.ast;

import java.util.Objects;

/**
 * Where something starts in a configuration file. Lines and columns are 1-based; a tab
 * counts as one column, so the numbers match what an editor's "go to" needs.
 */
public record SourceLocation(String file, int line, int column) {

    public SourceLocation {
        Objects.requireNonNull(file, "file");
        if (line < 1 || column < 1) {
            throw new IllegalArgumentException("line and column are 1-based: " + line + ":" + column);
        }
    }

    /** True when this location comes before {@code other} in the same file. */
    public boolean isBefore(SourceLocation other) {
        return line < other.line || (line == other.line && column < other.column);
    }

    /** {@code file:line:column}, the prefix of every configuration error. */
    @Override
    public String toString() {
        return file + ":" + line + ":" + column;
    }
}
