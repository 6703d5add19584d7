package org.sipbridge.script.run;

import org.sipbridge.module.CallSite;

/**
 * One function call of the script, C or Java alike: the call site is bound (fixups run)
 * after the modules' init, before any message; calling it is one interface call.
 * The result goes to $rc, as in OpenSIPS.
 */
public final class BoundCall {
    private final String name;
    private final String location;
    private CallSite site;

    public BoundCall(String name, String location) {
        this.name = name;
        this.location = location;
    }

    public void bind(CallSite site) {
        this.site = site;
    }

    public boolean bound() {
        return site != null;
    }

    public String name() {
        return name;
    }

    public String location() {
        return location;
    }

    public int call(ScriptState s) {
        // as 1.11's do_action: the last call's error becomes the previous one
        s.prevSerError = s.serError;
        s.serError = ScriptErrors.E_UNSPEC;
        int r = site.call(s.ctx);
        s.returnCode = r;
        return r;
    }
}
