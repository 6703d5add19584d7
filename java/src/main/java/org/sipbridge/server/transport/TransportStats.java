package org.sipbridge.server.transport;

/**
 * A snapshot of the transport's counters.
 *
 * @param received         messages handed to a worker queue (UDP and TCP)
 * @param handled          messages the handler returned from (normally or not)
 * @param handlerErrors    handler calls that threw (the worker carries on)
 * @param droppedQueueFull messages dropped because their worker's queue was full
 * @param droppedOversize  datagrams and stream messages over the size limit (the TCP
 *                         connection is closed too)
 * @param brokenStreams    TCP connections closed because the stream cannot be framed (no, bad
 *                         or conflicting Content-Length)
 * @param droppedAtStop    messages still queued when the stop drain time ran out
 * @param keepalives       CRLF keep-alives on TCP and tiny probe datagrams on UDP, ignored
 * @param tcpAccepted      inbound connections accepted
 * @param tcpOpened        outbound connections opened (attempted)
 * @param tcpRefused       connections refused because the connection table was full
 * @param tcpIdleClosed    connections closed by the idle timeout
 * @param tcpErrors        connections closed on a socket error (reset by the peer, write failed)
 * @param sendOverloaded   sends refused by the write high-water mark (or too many waiting for
 *                         a connection being opened)
 * @param sendFailures     sends that failed after being queued: TCP connects that failed (and
 *                         each send waiting on one), UDP send errors
 * @param internalErrors   unexpected exceptions caught in the network threads
 * @param tcpSlowClosed    TCP connections closed because a message did not arrive whole within
 *                         tcp_max_msg_time (slow senders, slowloris)
 */
public record TransportStats(
        long received,
        long handled,
        long handlerErrors,
        long droppedQueueFull,
        long droppedOversize,
        long brokenStreams,
        long droppedAtStop,
        long keepalives,
        long tcpAccepted,
        long tcpOpened,
        long tcpRefused,
        long tcpIdleClosed,
        long tcpErrors,
        long sendOverloaded,
        long sendFailures,
        long internalErrors,
        long tcpSlowClosed) {

    /** Every inbound message that was lost: queue full, oversize, broken streams, left at stop. */
    public long dropped() {
        return droppedQueueFull + droppedOversize + brokenStreams + droppedAtStop;
    }
}
