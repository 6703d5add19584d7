package org.sipbridge.tm;

import org.sipbridge.core.DestinationSet;
import org.sipbridge.core.ReceiveInfo;
import org.sipbridge.script.run.AvpStore;
import org.sipbridge.sip.Framing;

/**
 * One stateful transaction of the proxy: what OpenSIPS 1.11 keeps in {@code struct cell},
 * field for field where it has a meaning here, so a later C view ({@code struct cell} for
 * tm_binds callbacks) can be filled from it: the server side ({@code uas}: the request,
 * where replies go, the last reply), the branches ({@code uac[0..nrOfOutgoings)}, the
 * current serial round from {@code firstBranch}), the routes armed for it
 * ({@code onNegative}, {@code onReply}, {@code onBranch}), the script state that travels
 * with it (flags, AVPs, R-URI and $du at creation) and its final-reply timeouts.
 * Owned by one worker; touched only on its thread.
 */
public final class Cell {
    /** Unique per worker, like 1.11's label. */
    public final int label;
    public final boolean invite;
    public final String method;
    public final String serverKey;
    public final long createdAt;
    public ServerTransaction uas;

    /**
     * The request as received (with what modules wrote into the buffer in place), or, when a
     * failure route is armed in the request route, with the header and body changes that route
     * made ({@link #requestApplied}): serial branches are built from it.
     */
    public byte[] request;
    public boolean requestApplied;
    public final ReceiveInfo received;
    public final Framing framing;
    public String newUri;
    public String dstUri;
    public int flags;
    public final AvpStore avps = new AvpStore();

    public String onNegative;
    public String onReply;
    public String onBranch;
    public long frTimeout;
    public long frInvTimeout;
    public int relayFlags;

    public final Uac[] uac = new Uac[DestinationSet.MAX_BRANCHES];
    public int nrOfOutgoings;
    public int firstBranch;

    /** A CANCEL for it arrived. */
    public boolean cancelled;
    /** A 6xx arrived: no more forking (RFC 3261 16.7 step 5/10). */
    public boolean blocked;
    /** A final reply went upstream. */
    public boolean finalSent;
    /** The last reply sent upstream was our own; every one so far was our own. */
    public boolean lastLocal;
    public boolean allLocal = true;
    /** Replicated (t_replicate): its replies stay here. */
    public boolean local;
    /** Running its failure route now. */
    public boolean inFailure;

    public Cell(int label, boolean invite, String method, String serverKey, long now, byte[] request,
                ReceiveInfo received, Framing framing) {
        this.label = label;
        this.invite = invite;
        this.method = method;
        this.serverKey = serverKey;
        this.createdAt = now;
        this.request = request;
        this.received = received;
        this.framing = framing;
    }

    /** True when every branch of the current round has its final reply (received or our timeout). */
    public boolean roundDone() {
        for (int i = firstBranch; i < nrOfOutgoings; i++) {
            if (!uac[i].done) {
                return false;
            }
        }
        return true;
    }

    /**
     * The best final reply of the current round (RFC 3261 16.7 step 6): a 6xx if any; else
     * the lowest class; within 4xx 401, 407, 415, 420 and 484 first; else the first that
     * came. Null when the round has no branch.
     */
    public Uac best() {
        Uac best = null;
        for (int i = firstBranch; i < nrOfOutgoings; i++) {
            Uac u = uac[i];
            if (best == null || rank(u.lastCode) < rank(best.lastCode)) {
                best = u;
            }
        }
        return best;
    }

    private static int rank(int code) {
        if (code >= 600) {
            return 0;
        }
        int r = (code / 100) * 10;
        if (code == 401 || code == 407 || code == 415 || code == 420 || code == 484) {
            return r;
        }
        return r + 1;
    }

    @Override
    public String toString() {
        return method + " transaction " + label + " (" + nrOfOutgoings + " branches)";
    }
}
