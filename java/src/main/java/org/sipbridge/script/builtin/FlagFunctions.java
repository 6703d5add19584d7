package org.sipbridge.script.builtin;

import org.sipbridge.core.SipContext;
import org.sipbridge.module.Argument;
import org.sipbridge.module.CallSite;

import java.util.List;

/** setflag(n), resetflag(n), isflagset(n): the message flags (msg->flags), n from 0 to 31. */
final class FlagFunctions {
    private FlagFunctions() {
    }

    static CallSite set(List<Argument> args) {
        int bit = 1 << Args.constantInt("setflag", 1, args.get(0), 0, 31);
        return ctx -> {
            if (!(ctx instanceof SipContext sc)) {
                return -1;
            }
            sc.setFlags(sc.flags() | bit);
            return 1;
        };
    }

    static CallSite reset(List<Argument> args) {
        int bit = 1 << Args.constantInt("resetflag", 1, args.get(0), 0, 31);
        return ctx -> {
            if (!(ctx instanceof SipContext sc)) {
                return -1;
            }
            sc.setFlags(sc.flags() & ~bit);
            return 1;
        };
    }

    static CallSite isSet(List<Argument> args) {
        int bit = 1 << Args.constantInt("isflagset", 1, args.get(0), 0, 31);
        return ctx -> ctx instanceof SipContext sc && (sc.flags() & bit) != 0 ? 1 : -1;
    }
}
