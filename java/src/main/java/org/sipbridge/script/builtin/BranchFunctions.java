package org.sipbridge.script.builtin;

import org.sipbridge.core.DestinationSet;
import org.sipbridge.core.SipContext;
import org.sipbridge.module.Argument;
import org.sipbridge.module.CallSite;

import java.util.List;

/**
 * append_branch() and append_branch(uri): a branch in the message's destination set
 * (OpenSIPS core, dset.h). Without an argument the current R-URI (and $du) becomes a branch;
 * t_relay then forks to the R-URI and every branch (parallel forking).
 */
final class BranchFunctions {
    private BranchFunctions() {
    }

    static CallSite appendCurrent(List<Argument> args) {
        return ctx -> {
            if (!(ctx instanceof SipContext sc) || !sc.message().isRequest()) {
                return -1;
            }
            return sc.branches().append(new DestinationSet.Branch(sc.requestUri(), sc.dstUri(), null, -1, null,
                    0)) ? 1 : -1;
        };
    }

    static CallSite appendUri(List<Argument> args) {
        Argument uri = args.get(0);
        return ctx -> {
            if (!(ctx instanceof SipContext sc) || !sc.message().isRequest()) {
                return -1;
            }
            String u = uri.value(sc).trim();
            if (u.isEmpty()) {
                return -1;
            }
            return sc.branches().append(new DestinationSet.Branch(u, null, null, -1, null, 0)) ? 1 : -1;
        };
    }
}
