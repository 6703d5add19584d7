package org.sipbridge.tm;

/**
 * What a transaction tells the layer above it (the TU, RFC 3261 17): a client transaction
 * timed out (timer B or F: no final reply), a server transaction never got the ACK of its
 * non-2xx final reply (timer H), and a transaction ended (it must leave the table).
 * Called on the owner's thread.
 */
public interface TransactionUser {
    default void timedOut(ClientTransaction t) {
    }

    default void ackTimedOut(ServerTransaction t) {
    }

    void terminated(Transaction t);
}
