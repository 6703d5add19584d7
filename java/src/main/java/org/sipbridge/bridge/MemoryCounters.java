package org.sipbridge.bridge;

/**
 * pkg or shm accounting of one module (native/mem.c struct sb_counters), read in one go.
 * A module that was loaded, used and unloaded cleanly shows liveBytes == liveBlocks == 0.
 */
public record MemoryCounters(long liveBytes, long liveBlocks, long peakBytes, long totalAllocs,
                             long failedAllocs, long badFrees) {

    public static final int PKG = 0;
    public static final int SHM = 1;

    public static MemoryCounters of(CoreCalls calls, int module, int pool) {
        long[] v = new long[6];
        if (calls.sb_mem_counters(module, pool, v, 6) != 6) {
            throw new IllegalArgumentException("no accounting for module index " + module);
        }
        return new MemoryCounters(v[0], v[1], v[2], v[3], v[4], v[5]);
    }

    public boolean clean() {
        return liveBytes == 0 && liveBlocks == 0 && badFrees == 0;
    }
}
