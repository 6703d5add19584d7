package org.sipbridge.stats;

import java.util.List;

/** Something that has statistics; asked every time they are read (they may come and go). */
@FunctionalInterface
public interface StatSource {
    List<Stat> stats();
}
