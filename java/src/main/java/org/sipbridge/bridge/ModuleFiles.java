package org.sipbridge.bridge;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Why a module file cannot be opened, in words about the file: not a shared library at all
 * (checked from its first bytes before dlopen), or the dynamic linker's own reason, without
 * the text JNA adds about its resource path (which is about JNA's search, not the module).
 */
final class ModuleFiles {
    private ModuleFiles() {
    }

    /** Null when the file starts like an ELF object; else what it is. */
    static String notElf(Path path) {
        byte[] head = new byte[4];
        int n;
        try (InputStream in = Files.newInputStream(path)) {
            n = in.readNBytes(head, 0, 4);
        } catch (IOException e) {
            return "cannot read it: " + e.getMessage();
        }
        if (n == 4 && head[0] == 0x7f && head[1] == 'E' && head[2] == 'L' && head[3] == 'F') {
            return null;
        }
        if (n == 0) {
            return "the file is empty, not a shared library (.so)";
        }
        if (n >= 2 && head[0] == '#' && head[1] == '!') {
            return "it is a script, not a shared library (.so)";
        }
        return "not a shared library (.so): it does not start with an ELF header";
    }

    /** The dlopen error for path out of JNA's message (its first line naming the file), else the message. */
    static String dlerror(UnsatisfiedLinkError e, Path path) {
        String m = e.getMessage() == null ? e.toString() : e.getMessage();
        String file = path.toString();
        for (String line : m.split("\n")) {
            String t = line.trim();
            if (t.startsWith(file + ":") || t.contains(file + ": ")) {
                return t;
            }
        }
        int cut = m.indexOf("\nNative library");
        if (cut < 0) {
            cut = m.indexOf("Native library (");
        }
        return (cut > 0 ? m.substring(0, cut) : m).trim();
    }
}
