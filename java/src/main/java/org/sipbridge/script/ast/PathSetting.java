package org.sipbridge.script.ast;

import java.util.List;

/** {@code mpath = "dir1:dir2"}: the directories searched for modules, in order. */
public record PathSetting(String name, List<String> directories, SourceLocation location)
        implements GlobalSetting {

    public PathSetting {
        directories = List.copyOf(directories);
    }
}
