package org.sipbridge.tm;

/** What a client transaction says about a reply it matched. */
public enum Verdict {
    /** Pass it to the TU (the proxy relays or keeps it). */
    PASS,
    /** A non-2xx final INVITE reply passed to the TU, which must now give the ACK ({@link ClientTransaction#sendAck}). */
    PASS_NEEDS_ACK,
    /** A retransmission the transaction handled (re-sent its ACK) or a reply it does not want: nothing more to do. */
    ABSORB
}
