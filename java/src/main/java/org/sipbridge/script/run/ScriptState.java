package org.sipbridge.script.run;

import org.sipbridge.core.ReceiveInfo;
import org.sipbridge.core.SipContext;
import org.sipbridge.sip.CSeq;
import org.sipbridge.sip.NameAddr;
import org.sipbridge.sip.SipError;
import org.sipbridge.sip.SipMessage;
import org.sipbridge.sip.SipUri;

import java.nio.ByteBuffer;

/**
 * The script's state on one worker: what the statements of one message share (flow flags,
 * $rc, route depth, AVPs), what OpenSIPS keeps per process across messages ($var values),
 * a pool of scratch values, and deep parses of the message cached for the message's
 * lifetime. Attached to the worker's {@link SipContext}; used by one thread only.
 */
public final class ScriptState {
    public final SipContext ctx;

    /** {@link Flow} bits. */
    public int flow;
    /** $rc / $retcode: the value of the last function or route call. */
    public int returnCode;
    /** Nesting of route(x) calls, bounded like OpenSIPS's ROUTE_MAX_REC_LEV. */
    public int routeDepth;
    /** The branch flags of branch 0 (setbflag), per message. */
    public int branchFlags;
    /** 1.11's ser_error: what the current function call failed with ({@link ScriptErrors}). */
    public int serError = ScriptErrors.E_UNSPEC;
    /** 1.11's prev_ser_error: what the previous call left (sl_reply_error reads it). */
    public int prevSerError = ScriptErrors.E_UNSPEC;

    private Value[] vars = new Value[16];
    public final AvpStore avps = new AvpStore();

    private Value[] pool = new Value[16];
    private int poolTop;

    // deep parses, valid while cachedFor == ctx.parseGeneration()
    private int cachedFor = -1;
    private final SipUri originalUri = new SipUri();
    private boolean originalUriDone;
    private boolean originalUriOk;
    private final NameAddr from = new NameAddr();
    private final SipUri fromUri = new SipUri();
    private int fromState;
    private final NameAddr to = new NameAddr();
    private final SipUri toUri = new SipUri();
    private int toState;
    private final CSeq cseq = new CSeq();
    private int cseqState;
    // the rewritten R-URI (new_uri), parsed from its own copy
    private String parsedNewUri;
    private ByteBuffer newUriBytes = ByteBuffer.allocate(256);
    private final SipUri newUri = new SipUri();
    private boolean newUriOk;

    private TransformScratch transformScratch;

    /** The worker's transformation scratch (made on first use). */
    public TransformScratch transformScratch() {
        if (transformScratch == null) {
            transformScratch = new TransformScratch();
        }
        return transformScratch;
    }

    // native copy of text handed to the core's helpers (lump texts, header names)
    private com.sun.jna.Memory nativeText;

    // textual addresses of the receive info, computed once per message
    private ReceiveInfo textFor;
    private String sourceIp;
    private String localIp;

    private ScriptState(SipContext ctx) {
        this.ctx = ctx;
    }

    /** The state attached to ctx, created on first use. */
    public static ScriptState of(SipContext ctx) {
        Object s = ctx.scriptState();
        if (s instanceof ScriptState st) {
            return st;
        }
        ScriptState st = new ScriptState(ctx);
        ctx.attachScriptState(st);
        return st;
    }

    /** A new top-level run (a message entering a route): flags and depth reset. */
    public void startRun() {
        flow = 0;
        routeDepth = 0;
        poolTop = 0;
    }

    /** A new message: its AVPs are gone ($var values stay, as in OpenSIPS). */
    public void startMessage() {
        avps.clear();
        returnCode = 0;
        branchFlags = 0;
        serError = ScriptErrors.E_UNSPEC;
        prevSerError = ScriptErrors.E_UNSPEC;
    }

    // ---- $var ------------------------------------------------------------------------------

    /** The cell of script variable slot (created null on first use). */
    public Value var(int slot) {
        if (slot >= vars.length) {
            Value[] v = new Value[Math.max(slot + 1, vars.length * 2)];
            System.arraycopy(vars, 0, v, 0, vars.length);
            vars = v;
        }
        Value v = vars[slot];
        if (v == null) {
            vars[slot] = v = new Value();
        }
        return v;
    }

    // ---- scratch values --------------------------------------------------------------------

    /** Where the pool stands; give it back to {@link #release} when the temporaries are done. */
    public int mark() {
        return poolTop;
    }

    /** A scratch value, valid until release(mark) with a mark taken before it. */
    public Value temp() {
        if (poolTop == pool.length) {
            Value[] p = new Value[pool.length * 2];
            System.arraycopy(pool, 0, p, 0, pool.length);
            pool = p;
        }
        Value v = pool[poolTop];
        if (v == null) {
            pool[poolTop] = v = new Value();
        }
        poolTop++;
        return v;
    }

    public void release(int mark) {
        poolTop = mark;
    }

    // ---- deep parses -----------------------------------------------------------------------

    public SipMessage message() {
        return ctx.message();
    }

    private void refresh() {
        int g = ctx.parseGeneration();
        if (g != cachedFor) {
            cachedFor = g;
            originalUriDone = false;
            fromState = 0;
            toState = 0;
            cseqState = 0;
        }
    }

    /** The Request-URI as received, parsed; null for a reply or a bad URI. */
    public SipUri originalUri() {
        refresh();
        if (!originalUriDone) {
            originalUriDone = true;
            originalUriOk = ctx.message().isRequest() && ctx.message().requestUri(originalUri) == SipError.NONE;
        }
        return originalUriOk ? originalUri : null;
    }

    /** The current R-URI ($ru: new_uri when rewritten), parsed; null when it does not parse. */
    public SipUri requestUri() {
        String nu = ctx.newUri();
        if (nu == null) {
            return originalUri();
        }
        if (nu != parsedNewUri) {
            parsedNewUri = nu;
            int n = nu.length();
            if (newUriBytes.capacity() < n * 3) {
                newUriBytes = ByteBuffer.allocate(n * 3);
            }
            byte[] b = nu.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            newUriBytes.put(0, b, 0, b.length);
            newUriOk = newUri.parse(newUriBytes, 0, b.length) == SipError.NONE;
        }
        return newUriOk ? newUri : null;
    }

    /** The buffer the URI returned by {@link #requestUri()} points into. */
    public ByteBuffer requestUriBuffer() {
        return ctx.newUri() == null ? ctx.message().buffer() : newUriBytes;
    }

    /** The From header parsed; null when missing or bad. */
    public NameAddr from() {
        refresh();
        if (fromState == 0) {
            fromState = ctx.message().from(from) == SipError.NONE ? 1 : -1;
        }
        return fromState > 0 ? from : null;
    }

    public SipUri fromUri() {
        NameAddr f = from();
        if (f == null) {
            return null;
        }
        if (fromState == 1) {
            fromState = f.parseUri(fromUri) == SipError.NONE ? 2 : 3;
        }
        return fromState == 2 ? fromUri : null;
    }

    public NameAddr to() {
        refresh();
        if (toState == 0) {
            toState = ctx.message().to(to) == SipError.NONE ? 1 : -1;
        }
        return toState > 0 ? to : null;
    }

    public SipUri toUri() {
        NameAddr t = to();
        if (t == null) {
            return null;
        }
        if (toState == 1) {
            toState = t.parseUri(toUri) == SipError.NONE ? 2 : 3;
        }
        return toState == 2 ? toUri : null;
    }

    public CSeq cseq() {
        refresh();
        if (cseqState == 0) {
            cseqState = ctx.message().cseq(cseq) == SipError.NONE ? 1 : -1;
        }
        return cseqState > 0 ? cseq : null;
    }

    /** $si as text (null without receive info). */
    public String sourceIp() {
        addressTexts();
        return sourceIp;
    }

    /** $Ri as text (null without receive info). */
    public String localIp() {
        addressTexts();
        return localIp;
    }

    private void addressTexts() {
        ReceiveInfo rcv = ctx.receiveInfo();
        if (rcv != textFor) {
            textFor = rcv;
            sourceIp = rcv == null || rcv.source() == null ? null : rcv.source().getAddress().getHostAddress();
            localIp = rcv == null || rcv.local() == null ? null : rcv.local().getAddress().getHostAddress();
        }
    }

    /** Copies bytes to a native buffer of this worker and returns its address (valid until the next copy). */
    public long nativeText(byte[] b, int off, int len) {
        if (nativeText == null || nativeText.size() < len) {
            nativeText = new com.sun.jna.Memory(Math.max(4096, len * 2L));
        }
        nativeText.write(0, b, off, len);
        return com.sun.jna.Pointer.nativeValue(nativeText);
    }
}
