package org.sipbridge.script.ast;

/**
 * A literal that is never a format: modparam values and switch case labels. Strings are
 * kept exactly as the module or the comparison will see them (escapes already decoded).
 */
public sealed interface Constant {

    SourceLocation location();

    record Text(String value, SourceLocation location) implements Constant {
    }

    record Int(int value, SourceLocation location) implements Constant {
    }
}
