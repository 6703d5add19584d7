package org.sipbridge.stats;

import org.sipbridge.bridge.CoreCalls;
import org.sipbridge.bridge.MemoryCounters;
import org.sipbridge.module.Module;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

/**
 * {@code shmem:*} and {@code pkmem:*} from the allocator's accounting (MemoryCounters): the
 * totals over the core and every module (used_size, max_used_size as the sum of peaks,
 * fragments = live blocks, total_allocs, failed_allocs, bad_frees) and the same per module
 * as {@code <module>_used_size}... sipbridge's pools have no fixed size, so there is no
 * total_size / free_size.
 */
public final class MemoryStats implements StatSource {
    private final CoreCalls calls;
    private final Supplier<List<Module>> modules;

    public MemoryStats(CoreCalls calls, Supplier<List<Module>> modules) {
        this.calls = calls;
        this.modules = modules;
    }

    @Override
    public List<Stat> stats() {
        List<Stat> out = new ArrayList<>();
        for (int pool : new int[] {MemoryCounters.SHM, MemoryCounters.PKG}) {
            String g = pool == MemoryCounters.SHM ? "shmem" : "pkmem";
            List<Integer> owners = new ArrayList<>();
            owners.add(0);
            List<String> names = new ArrayList<>();
            names.add("core");
            for (Module m : modules.get()) {
                owners.add(m.nativeIndex());
                names.add(m.name());
            }
            add(out, g, "", pool, owners, MemoryCounters::liveBytes, "used_size", false);
            add(out, g, "", pool, owners, MemoryCounters::peakBytes, "max_used_size", false);
            add(out, g, "", pool, owners, MemoryCounters::liveBlocks, "fragments", false);
            add(out, g, "", pool, owners, MemoryCounters::totalAllocs, "total_allocs", true);
            add(out, g, "", pool, owners, MemoryCounters::failedAllocs, "failed_allocs", true);
            add(out, g, "", pool, owners, MemoryCounters::badFrees, "bad_frees", true);
            for (int i = 0; i < owners.size(); i++) {
                List<Integer> one = List.of(owners.get(i));
                String p = names.get(i) + "_";
                add(out, g, p, pool, one, MemoryCounters::liveBytes, "used_size", false);
                add(out, g, p, pool, one, MemoryCounters::peakBytes, "max_used_size", false);
                add(out, g, p, pool, one, MemoryCounters::liveBlocks, "fragments", false);
            }
        }
        return out;
    }

    private void add(List<Stat> out, String group, String prefix, int pool, List<Integer> owners,
                     ToLongFunction<MemoryCounters> f, String name, boolean incremental) {
        out.add(new Stat(group, prefix + name, () -> {
            long sum = 0;
            for (int m : owners) {
                try {
                    sum += f.applyAsLong(MemoryCounters.of(calls, m, pool));
                } catch (IllegalArgumentException gone) {
                    // a module unloaded meanwhile
                }
            }
            return sum;
        }, null, incremental));
    }
}
