package org.sipbridge.server;

import org.sipbridge.core.ReceiveInfo;
import org.sipbridge.sip.SipError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Locale;

/** The server's log lines about dropped messages (callers rate-limit them). */
final class ServerLog {
    private static final Logger log = LoggerFactory.getLogger("org.sipbridge.server");

    private ServerLog() {
    }

    static Logger logger() {
        return log;
    }

    static String source(ReceiveInfo rcv) {
        return rcv.proto().name().toLowerCase(Locale.ROOT) + ":" + rcv.source().getAddress().getHostAddress() + ":"
                + rcv.source().getPort();
    }

    static void dropped(ReceiveInfo rcv, int length, SipError error, String note) {
        log.warn("dropped {} bytes from {}: not a SIP message ({}){}", length, source(rcv), error.reason(), note);
    }
}
