package org.sipbridge.script.ast;

/** A yes/no setting: {@code log_stderror}. */
public record BooleanSetting(String name, boolean value, SourceLocation location) implements GlobalSetting {
}
