package org.sipbridge.script.builtin;

import org.sipbridge.core.SipContext;
import org.sipbridge.module.CallSite;
import org.sipbridge.module.ModuleException;
import org.sipbridge.module.Argument;

import java.util.List;

/**
 * seturi("uri") / rewriteuri("uri"): OpenSIPS 1.11's core action that replaces the whole
 * Request-URI (the same as {@code $ru = "uri"}). As in 1.11 the argument is a plain string:
 * no pseudo-variables in it. The 1.11 examples (fork.cfg, redirect.cfg) use it.
 */
final class UriFunctions {
    private UriFunctions() {
    }

    static CallSite setUri(List<Argument> args) {
        String uri = args.get(0).text().trim();
        if (!uri.regionMatches(true, 0, "sip:", 0, 4) && !uri.regionMatches(true, 0, "sips:", 0, 5)
                && !uri.regionMatches(true, 0, "tel:", 0, 4)) {
            throw new ModuleException("seturi: <" + uri + "> is not a sip:, sips: or tel: URI");
        }
        return ctx -> {
            if (!(ctx instanceof SipContext sc) || !sc.message().isRequest()) {
                return -1;
            }
            sc.setNewUri(uri);
            return 1;
        };
    }
}
