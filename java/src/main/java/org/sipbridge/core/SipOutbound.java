package org.sipbridge.core;

/**
 * What the routing script asks the server to send. The server implements it (stateless
 * forwarding and replies over its transports); tests record instead.
 */
public interface SipOutbound {

    /**
     * A stateless reply to the request in ctx (sl_send_reply): built from the request and
     * its reply lumps, with a To-tag for codes above 100, sent back along the Via.
     * Returns false when it could not be sent.
     */
    boolean reply(SipContext ctx, int code, String reason);

    /**
     * Forwards the request statelessly: to {@code destination} when given (a SIP URI or
     * {@code proto:host:port}), else to $du if set, else to the Request-URI; with a Via of
     * ours, lumps applied and Content-Length right. Returns false when it could not be sent.
     */
    boolean forward(SipContext ctx, String destination);

    /** An outbound that refuses everything (a context used outside a server). */
    SipOutbound NONE = new SipOutbound() {
        @Override
        public boolean reply(SipContext ctx, int code, String reason) {
            return false;
        }

        @Override
        public boolean forward(SipContext ctx, String destination) {
            return false;
        }
    };
}
