package org.sipbridge.server;

/**
 * What the server did with the messages the transport handed it, since start. Every message
 * is counted once under requests or replies, then under exactly one outcome (or none when the
 * script simply did not send anything, which is not an error for a stateless proxy).
 *
 * @param requests          requests received (well-formed or not)
 * @param replies           replies received (well-formed or not)
 * @param forwarded         requests forwarded statelessly
 * @param relayed           replies relayed to the next Via
 * @param localReplies      replies the server built itself (sl_send_reply, the sl API)
 * @param badRequests       malformed requests answered with 400 (or 505, 513)
 * @param malformedDropped  malformed messages dropped: unanswerable requests, bad replies,
 *                          bytes that are no SIP message at all
 * @param notOurVia         replies dropped because their top Via is not this server's
 * @param noNextVia         replies with only our Via: nobody to relay them to
 * @param scriptDropped     replies a pre-reply callback or the main onreply_route dropped (a module's response_f taking one is not a drop)
 * @param acksAbsorbed      ACKs for a stateless reply of this server, not forwarded
 * @param loopsRefused      forwards refused because the destination is this server
 * @param sendFailures      sends that failed (no route, unresolvable, no listener, overload)
 */
public record ServerStats(long requests, long replies, long forwarded, long relayed, long localReplies,
                          long badRequests, long malformedDropped, long notOurVia, long noNextVia,
                          long scriptDropped, long acksAbsorbed, long loopsRefused, long sendFailures) {
}
