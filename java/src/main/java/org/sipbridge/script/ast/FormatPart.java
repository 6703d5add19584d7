package org.sipbridge.script.ast;

/** A piece of a {@link Format}: literal text or a pseudo-variable. */
public sealed interface FormatPart permits LiteralText, PseudoVariable {

    SourceLocation location();
}
