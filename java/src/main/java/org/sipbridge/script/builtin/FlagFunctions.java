package org.sipbridge.script.builtin;

import org.sipbridge.core.SipContext;
import org.sipbridge.module.Argument;
import org.sipbridge.module.CallSite;
import org.sipbridge.module.ModuleException;
import org.sipbridge.script.run.FlagNames;
import org.sipbridge.script.run.ScriptState;

import java.util.List;

/**
 * The flag functions of OpenSIPS 1.11, with named flags: {@code setflag(ACC_DO)},
 * {@code resetflag}, {@code isflagset} on the message flags (msg->flags, what C modules
 * see), {@code setsflag}/{@code resetsflag}/{@code issflagset} on the worker's script flags,
 * {@code setbflag}/{@code resetbflag}/{@code isbflagset} on the branch flags of branch 0
 * ({@code setbflag(0, NAME)} too). A name, or a number (which 1.11 treats as a name), gets
 * its bit from the registry C modules share ({@link FlagNames}) when the call is bound.
 */
final class FlagFunctions {
    private FlagFunctions() {
    }

    enum Op { SET, RESET, TEST }

    private static int mask(String function, int type, Argument a) {
        if (!a.isConstant()) {
            throw new ModuleException(function + ": the flag must be a name or a number, not <" + a.text() + ">");
        }
        try {
            return 1 << FlagNames.bit(type, a.text().trim());
        } catch (IllegalArgumentException e) {
            throw new ModuleException(function + ": " + e.getMessage());
        }
    }

    static CallSite message(String function, Op op, List<Argument> args) {
        int bit = mask(function, FlagNames.MSG, args.get(0));
        return switch (op) {
            case SET -> ctx -> {
                if (!(ctx instanceof SipContext sc)) {
                    return -1;
                }
                sc.setFlags(sc.flags() | bit);
                return 1;
            };
            case RESET -> ctx -> {
                if (!(ctx instanceof SipContext sc)) {
                    return -1;
                }
                sc.setFlags(sc.flags() & ~bit);
                return 1;
            };
            case TEST -> ctx -> ctx instanceof SipContext sc && (sc.flags() & bit) != 0 ? 1 : -1;
        };
    }

    static CallSite script(String function, Op op, List<Argument> args) {
        int bit = mask(function, FlagNames.SCRIPT, args.get(0));
        return switch (op) {
            case SET -> ctx -> {
                FlagNames.setScriptFlag(bit);
                return 1;
            };
            case RESET -> ctx -> {
                FlagNames.resetScriptFlag(bit);
                return 1;
            };
            case TEST -> ctx -> (FlagNames.scriptFlags() & bit) != 0 ? 1 : -1;
        };
    }

    /** setbflag(NAME) or setbflag(branch, NAME): only branch 0 (the request's own) here. */
    static CallSite branch(String function, Op op, List<Argument> args) {
        Argument flag = args.get(args.size() - 1);
        if (args.size() == 2) {
            int branch = args.get(0).intValue(function, 1);
            if (branch != 0) {
                throw new ModuleException(function + ": branch " + branch
                        + " is not supported: only branch 0 (the request itself) has flags without the transaction layer");
            }
        }
        int bit = mask(function, FlagNames.BRANCH, flag);
        return switch (op) {
            case SET -> ctx -> {
                if (!(ctx instanceof SipContext sc)) {
                    return -1;
                }
                ScriptState.of(sc).branchFlags |= bit;
                return 1;
            };
            case RESET -> ctx -> {
                if (!(ctx instanceof SipContext sc)) {
                    return -1;
                }
                ScriptState.of(sc).branchFlags &= ~bit;
                return 1;
            };
            case TEST -> ctx -> ctx instanceof SipContext sc && (ScriptState.of(sc).branchFlags & bit) != 0 ? 1 : -1;
        };
    }
}
