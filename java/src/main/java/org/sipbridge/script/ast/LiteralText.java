package org.sipbridge.script.ast;

/** Text printed as is; the location is where its first character sits in the file. */
public record LiteralText(String text, SourceLocation location) implements FormatPart {
}
