package org.sipbridge.script.parse;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.sipbridge.script.ast.SourceLocation;

/** A file's name and text, and the mapping from character offsets to line:column. */
final class SourceText {

    private final String file;
    private final String text;
    private final int[] lineStarts;

    SourceText(String file, String text) {
        this.file = file;
        this.text = text;
        List<Integer> starts = new ArrayList<>();
        starts.add(0);
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                starts.add(i + 1);
            }
        }
        this.lineStarts = starts.stream().mapToInt(Integer::intValue).toArray();
    }

    String file() {
        return file;
    }

    String text() {
        return text;
    }

    int length() {
        return text.length();
    }

    /** The location of the character at {@code offset}; {@code length()} is the end of the file. */
    SourceLocation locationOf(int offset) {
        int line = Arrays.binarySearch(lineStarts, offset);
        if (line < 0) {
            line = -line - 2; // the last line starting before the offset
        }
        return new SourceLocation(file, line + 1, offset - lineStarts[line] + 1);
    }
}
