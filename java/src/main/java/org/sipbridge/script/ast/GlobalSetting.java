package org.sipbridge.script.ast;

/**
 * A {@code name = value} line outside the route blocks. The parser has already checked
 * the name and the kind of value; {@link #name()} is the canonical name (the old alias
 * {@code debug} is reported as {@code log_level}). When a setting appears twice the later
 * one wins, as in OpenSIPS; {@code listen} is the exception, each line adds a socket.
 */
public sealed interface GlobalSetting
        permits ListenSetting, IntegerSetting, BooleanSetting, PathSetting, StringListSetting, CoreSetting {

    String name();

    SourceLocation location();
}
