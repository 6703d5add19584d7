package org.sipbridge.server;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reading and answering SIP message texts in tests that play a UAS or a client by hand:
 * the first line, a header's value, a reply built from a request, and skipping the
 * retransmissions a transaction layer sends while a test waits for something else.
 */
public final class SipTestMessages {
    private static final Pattern X_HEADER = Pattern.compile("^(X-[A-Za-z-]+): (.*)$");

    private SipTestMessages() {
    }

    public static String firstLine(String message) {
        return message.substring(0, message.indexOf("\r\n"));
    }

    /** The value of the first header called name (its name in any case), or null when there is none. */
    public static String header(String message, String name) {
        Matcher m = Pattern.compile("(?im)^" + Pattern.quote(name) + ":[ \\t]*([^\r\n]*)").matcher(message);
        return m.find() ? m.group(1) : null;
    }

    /** The X- headers of a message (the test modules' answers), by name; a repeated one keeps its last value. */
    public static java.util.Map<String, String> xHeaders(String message) {
        java.util.Map<String, String> h = new java.util.HashMap<>();
        for (String line : message.split("\r\n")) {
            Matcher m = X_HEADER.matcher(line);
            if (m.matches()) {
                h.put(m.group(1), m.group(2));
            }
        }
        return h;
    }

    /** How often what occurs in text (a SIPp message log, say). */
    public static long count(String text, String what) {
        return Pattern.compile(Pattern.quote(what)).matcher(text).results().count();
    }

    /** A reply to request (as a UAS received it): its Via, From, Call-ID and CSeq, To with tag b2 added unless it has one. */
    public static String replyTo(String request, String status) {
        return replyTo(request, status, ";tag=b2", "");
    }

    /**
     * A reply to request: status line, then Via, From, To, Call-ID and CSeq in the request's
     * order (toTag appended to a To that has no tag yet), extraHeaders (each ending in CRLF)
     * and an empty body.
     */
    public static String replyTo(String request, String status, String toTag, String extraHeaders) {
        StringBuilder sb = new StringBuilder("SIP/2.0 ").append(status).append("\r\n");
        for (String line : request.split("\r\n")) {
            String l = line.toLowerCase(Locale.ROOT);
            if (l.startsWith("via:") || l.startsWith("from:") || l.startsWith("call-id:") || l.startsWith("cseq:")) {
                sb.append(line).append("\r\n");
            } else if (l.startsWith("to:")) {
                sb.append(line).append(line.contains("tag=") ? "" : toTag).append("\r\n");
            }
        }
        return sb.append(extraHeaders).append("Content-Length: 0\r\n\r\n").toString();
    }

    /** The next message peer gets that is not a retransmitted INVITE (timer A); fails after 50 INVITEs. */
    public static String nextNotInvite(UdpPeer peer) {
        return nextNot(peer, "INVITE");
    }

    /** The next message peer gets that is not a retransmission of a method request (timers A/E); fails after 50. */
    public static String nextNot(UdpPeer peer, String method) {
        for (int i = 0; i < 50; i++) {
            String s = peer.expect();
            if (!s.startsWith(method + " ")) {
                return s;
            }
        }
        throw new AssertionError("only " + method + "s");
    }
}
