package org.sipbridge.stats;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Every statistic of a server, from all its sources: the core's counters, the sl stand-in,
 * memory accounting, the network, and every module's (the core's native registry). MI
 * ({@code get_statistics}...) and {@code /metrics} read them here. Reading is for
 * management, never on the message path.
 */
public final class StatsRegistry {
    private final List<StatSource> sources = new CopyOnWriteArrayList<>();

    public void add(StatSource s) {
        sources.add(s);
    }

    /** Every statistic, sorted by group then name; a name seen twice keeps the first source's. */
    public List<Stat> all() {
        Map<String, Stat> m = new LinkedHashMap<>();
        for (StatSource s : sources) {
            for (Stat st : s.stats()) {
                m.putIfAbsent(st.fullName(), st);
            }
        }
        List<Stat> l = new ArrayList<>(m.values());
        l.sort(Comparator.comparing(Stat::group).thenComparing(Stat::name));
        return l;
    }

    /**
     * The statistics the OpenSIPS specifications name: {@code all}, {@code group:} (a whole
     * group), {@code group:name}, or {@code name} (in whatever group has it). A specification
     * that matches nothing is reported in unknown (when not null).
     */
    public List<Stat> select(List<String> specs, List<String> unknown) {
        List<Stat> all = all();
        Map<String, Stat> out = new LinkedHashMap<>();
        for (String spec : specs) {
            int before = out.size();
            boolean any = false;
            for (Stat s : all) {
                if (matches(spec, s)) {
                    out.putIfAbsent(s.fullName(), s);
                    any = true;
                }
            }
            if (!any && unknown != null && out.size() == before) {
                unknown.add(spec);
            }
        }
        return new ArrayList<>(out.values());
    }

    static boolean matches(String spec, Stat s) {
        if (spec.equals("all")) {
            return true;
        }
        int colon = spec.indexOf(':');
        if (colon < 0) {
            return s.name().equals(spec);
        }
        String g = spec.substring(0, colon);
        String n = spec.substring(colon + 1);
        return s.group().equals(g) && (n.isEmpty() || s.name().equals(n));
    }

    /** The groups, sorted. */
    public List<String> groups() {
        return all().stream().map(Stat::group).distinct().sorted().toList();
    }
}
