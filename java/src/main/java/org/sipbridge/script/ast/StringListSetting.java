package org.sipbridge.script.ast;

import java.util.List;

/**
 * A setting whose value is a list of words: {@code thread_safe_modules = "tm,sl"} (module
 * names, comma-separated) and {@code alias = host[:port]} (one per line, each line adds one).
 */
public record StringListSetting(String name, List<String> values, SourceLocation location)
        implements GlobalSetting {
    public StringListSetting {
        values = List.copyOf(values);
    }
}
