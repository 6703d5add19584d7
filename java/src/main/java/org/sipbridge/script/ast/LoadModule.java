package org.sipbridge.script.ast;

import java.util.Optional;

/**
 * {@code loadmodule "path.so";} or, with an explicit dialect, {@code loadmodule "path.so" "openser";}.
 *
 * @param path    the string as written: a file name to look up in {@code mpath}, or a path
 * @param dialect the dialect forced by the second string; empty means "detect it"
 */
public record LoadModule(String path, Optional<ModuleDialect> dialect, SourceLocation location) {
}
