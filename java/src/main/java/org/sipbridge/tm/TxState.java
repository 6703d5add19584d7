package org.sipbridge.tm;

/** Transaction states of RFC 3261 17 (and Accepted from RFC 6026). */
public enum TxState {
    /** INVITE client: request sent, no reply yet. */
    CALLING,
    /** non-INVITE client and server: request sent / received, no reply yet. */
    TRYING,
    PROCEEDING,
    COMPLETED,
    /** INVITE server: the ACK of the non-2xx final reply arrived. */
    CONFIRMED,
    /** INVITE client and server after a 2xx (RFC 6026): 2xx retransmissions pass, the request's are absorbed. */
    ACCEPTED,
    TERMINATED
}
