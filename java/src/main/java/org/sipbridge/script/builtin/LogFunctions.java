package org.sipbridge.script.builtin;

import org.sipbridge.logging.LoggerNames;
import org.sipbridge.module.Argument;
import org.sipbridge.module.CallSite;
import org.sipbridge.module.ModuleException;
import org.sipbridge.script.pv.CompiledFormat;
import org.sipbridge.script.pv.PvResolver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * xlog([level,] format) and xdbg(format) under the SLF4J logger "org.sipbridge.module.xlog",
 * log([level,] text) under "org.sipbridge.module.log" (printed as module xlog / log).
 * The level test comes first (the configuration's log_level, then the logger's), so a
 * disabled level costs a comparison and formats nothing. Default levels as in OpenSIPS 1.11:
 * xlog L_ERR, xdbg L_DBG, and the core's log(text) L_DBG (its grammar gives log the level 4).
 */
final class LogFunctions {
    static final Logger XLOG = LoggerFactory.getLogger(LoggerNames.module("xlog"));
    static final Logger LOG = LoggerFactory.getLogger(LoggerNames.module("log"));

    private LogFunctions() {
    }

    static CallSite xlog(PvResolver pvs, Integer configLevel, List<Argument> args) {
        int level = args.size() == 2 ? LogLevel.parse("xlog", args.get(0).text()) : LogLevel.L_ERR;
        return formatted(pvs, "xlog", level, configLevel, args);
    }

    /** xdbg(format): xlog at L_DBG. */
    static CallSite xdbg(PvResolver pvs, Integer configLevel, List<Argument> args) {
        return formatted(pvs, "xdbg", LogLevel.L_DBG, configLevel, args);
    }

    private static CallSite formatted(PvResolver pvs, String function, int level, Integer configLevel,
                                      List<Argument> args) {
        CompiledFormat format = Args.format(pvs, function, args.size(), args.get(args.size() - 1));
        return ctx -> {
            if (LogLevel.enabled(XLOG, level, configLevel)) {
                LogLevel.write(XLOG, level, stripNewline(format.evaluate(ctx)));
            }
            return 1;
        };
    }

    static CallSite log(Integer configLevel, List<Argument> args) {
        int level = LogLevel.L_DBG;
        if (args.size() == 2) {
            Argument a = args.get(0);
            if (!a.isConstant()) {
                throw new ModuleException("log: the level must be a constant, not <" + a.text() + ">");
            }
            level = LogLevel.parse("log", a.text());
        }
        int lvl = level;
        String text = stripNewline(args.get(args.size() - 1).text());
        return ctx -> {
            if (LogLevel.enabled(LOG, lvl, configLevel)) {
                LogLevel.write(LOG, lvl, text);
            }
            return 1;
        };
    }

    /** Script log lines end with "\n" for OpenSIPS's syslog; SLF4J adds its own line end. */
    private static String stripNewline(String s) {
        return s.endsWith("\n") ? s.substring(0, s.length() - 1) : s;
    }
}
