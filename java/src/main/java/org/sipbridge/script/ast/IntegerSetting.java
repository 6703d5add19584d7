package org.sipbridge.script.ast;

/** An integer setting: {@code children}, {@code log_level}, {@code udp_receivers}, {@code tcp_idle_timeout}. */
public record IntegerSetting(String name, int value, SourceLocation location) implements GlobalSetting {
}
