package org.sipbridge.script.builtin;

import org.sipbridge.module.Argument;
import org.sipbridge.module.ModuleException;
import org.sipbridge.script.parse.ConfigException;
import org.sipbridge.script.pv.CompiledFormat;
import org.sipbridge.script.pv.PvResolver;

/** What the built-ins' bind-time code does with their arguments: compile, check, refuse. */
final class Args {
    private Args() {
    }

    /** The argument as a format (its pseudo-variables resolved now). */
    static CompiledFormat format(PvResolver pvs, String function, int position, Argument a) {
        try {
            return pvs.parseFormat(function + " parameter " + position, a.text());
        } catch (ConfigException e) {
            throw new ModuleException(function + ": parameter " + position + ": " + e.problem()
                    + e.expected().map(x -> ", expected " + x).orElse(""));
        }
    }

    /** A constant integer argument within [min, max]. */
    static int constantInt(String function, int position, Argument a, int min, int max) {
        int v = a.intValue(function, position);
        if (v < min || v > max) {
            throw new ModuleException(function + ": parameter " + position + " is " + v + ", expected "
                    + min + ".." + max);
        }
        return v;
    }
}
