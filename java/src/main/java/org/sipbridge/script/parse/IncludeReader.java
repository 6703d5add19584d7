package org.sipbridge.script.parse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Finds and reads the files of include_file / import_file (a seam for tests). */
interface IncludeReader {

    /** A file found: the name its locations show, and its text. */
    record Found(String name, String text) {
    }

    /**
     * The file {@code name} included from {@code includer}; null when it does not exist.
     * OpenSIPS tries the name as given (absolute, or from the working directory), then, for
     * a relative name, beside the including file.
     */
    Found read(String includer, String name) throws IOException;

    IncludeReader FILES = (includer, name) -> {
        Path direct = Path.of(name);
        if (Files.isRegularFile(direct)) {
            return new Found(name, Files.readString(direct, StandardCharsets.UTF_8));
        }
        Path parent = Path.of(includer).getParent();
        if (!direct.isAbsolute() && parent != null) {
            Path beside = parent.resolve(name);
            if (Files.isRegularFile(beside)) {
                return new Found(beside.toString(), Files.readString(beside, StandardCharsets.UTF_8));
            }
        }
        return null;
    };
}
