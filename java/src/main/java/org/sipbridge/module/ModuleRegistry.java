package org.sipbridge.module;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Every loaded module, C and Java, in load order, and the one function lookup both the
 * script and C's find_export use: name, exact parameter count, route flags; newest module
 * first (as OpenSIPS searches its module list).
 */
public final class ModuleRegistry {
    private final List<Module> modules = new ArrayList<>();

    public synchronized void add(Module m) {
        modules.add(m);
    }

    /** Takes a module out (a Java stand-in a C module of the same name replaces); false if absent. */
    public synchronized boolean remove(Module m) {
        return modules.remove(m);
    }

    public synchronized List<Module> modules() {
        return List.copyOf(modules);
    }

    /** Newest first: the order of lookups, response_f and destroy. */
    public synchronized List<Module> newestFirst() {
        List<Module> l = new ArrayList<>(modules);
        Collections.reverse(l);
        return l;
    }

    public synchronized Optional<Module> module(String name) {
        return modules.stream().filter(m -> m.name().equals(name)).findFirst();
    }

    /** Modules whose name matches the modparam regex, anchored and case-insensitive. */
    public synchronized List<Module> matching(String regex) {
        Pattern p;
        try {
            p = Pattern.compile("^(" + regex + ")$", Pattern.CASE_INSENSITIVE);
        } catch (PatternSyntaxException e) {
            throw new ModuleException("bad module regex <" + regex + ">: " + e.getDescription());
        }
        return modules.stream().filter(m -> p.matcher(m.name()).matches()).toList();
    }

    /**
     * The function a script line calls, or a ModuleException with OpenSIPS's wording:
     * {@code Command <x> cannot be used in the block} when it exists but not for this
     * route type, {@code unknown command <x>, missing loadmodule?} otherwise.
     */
    public FunctionExport lookup(String name, int paramCount, int routeType) {
        FunctionExport wrongBlock = null;
        TreeSet<Integer> otherCounts = new TreeSet<>();
        for (Module m : newestFirst()) {
            for (FunctionExport f : m.functions()) {
                if (!f.name().equals(name)) {
                    continue;
                }
                if (f.paramCount() != paramCount) {
                    otherCounts.add(f.paramCount());
                } else if ((f.routeFlags() & routeType) == routeType && routeType != 0) {
                    return f;
                } else if (wrongBlock == null) {
                    wrongBlock = f;
                }
            }
        }
        if (wrongBlock != null) {
            throw new ModuleException("Command <" + name + "> cannot be used in the block "
                    + RouteType.describe(routeType) + " (module " + wrongBlock.module().name()
                    + " allows it in: " + RouteType.describe(wrongBlock.routeFlags()) + ")");
        }
        if (!otherCounts.isEmpty()) {
            // the module is loaded: only the call is wrong, no loadmodule is missing
            throw new ModuleException("wrong number of parameters for <" + name + ">: " + paramCount
                    + " given, it takes " + describeCounts(otherCounts));
        }
        throw new ModuleException("unknown command <" + name + ">, missing loadmodule?");
    }

    private static String describeCounts(TreeSet<Integer> counts) {
        List<String> l = new ArrayList<>();
        for (int c : counts) {
            l.add(Integer.toString(c));
        }
        return String.join(" or ", l);
    }

    /**
     * find_export's lookup: exact name and parameter count, every bit of flags allowed by
     * the export; module (if not null) restricts it to one module. Null when absent.
     */
    public FunctionExport find(String module, String name, int paramCount, int flags) {
        for (Module m : newestFirst()) {
            if (module != null && !m.name().equals(module)) {
                continue;
            }
            for (FunctionExport f : m.functions()) {
                if (f.name().equals(name) && f.paramCount() == paramCount
                        && (f.routeFlags() & flags) == flags) {
                    return f;
                }
            }
        }
        return null;
    }

}
