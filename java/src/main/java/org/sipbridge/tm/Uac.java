package org.sipbridge.tm;

/**
 * One branch of a {@link Cell} (1.11's {@code struct ua_client}): the R-URI and destination
 * it went to, its INVITE/non-INVITE client transaction and its CANCEL, the last reply
 * code, the final reply as it would be relayed (kept until the best one is chosen), its
 * final-reply timer and the onreply route armed for it alone.
 */
public final class Uac {
    public final Cell cell;
    public final int index;
    public final String uri;
    public final String branch;
    public ClientTransaction tx;
    public ClientTransaction cancel;
    public String clientKey;
    public String cancelKey;
    public String onReply;
    public int lastCode;
    public boolean provisional;
    /** Final: a final reply came, or our timeout made it 408. */
    public boolean done;
    /** Its final is our own 408 (no reply in time). */
    public boolean local;
    /** Cancel it as soon as a provisional reply comes (RFC 3261 9.1). */
    public boolean cancelPending;
    public byte[] finalReply;
    /** Extra header lines for its CANCEL (the Reason of a CANCEL from upstream), or null. */
    public byte[] cancelHeaders;
    public TimerHandle fr;

    public Uac(Cell cell, int index, String uri, String branch) {
        this.cell = cell;
        this.index = index;
        this.uri = uri;
        this.branch = branch;
    }

    public void stopTimer() {
        if (fr != null) {
            fr.cancel();
            fr = null;
        }
    }
}
