package org.sipbridge.core;

import org.sipbridge.bridge.MessageSlot;
import org.sipbridge.bridge.NativeCore;
import org.sipbridge.module.MessageContext;
import org.sipbridge.module.RouteType;
import org.sipbridge.sip.Framing;
import org.sipbridge.sip.SipError;
import org.sipbridge.sip.SipLimits;
import org.sipbridge.sip.SipMessage;
import org.sipbridge.sip.SipParser;
import org.sipbridge.sip.SipValidator;

import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Everything about the message a worker is processing: the bytes (in the worker's native
 * slot, where C modules see and edit them), the Java parse of those bytes, where it came
 * from, and the state the script changes ($ru, $du, flags). One per worker thread,
 * reused for every message: {@link #load} starts a new message.
 *
 * <p>The C view of the message is built only when C first needs it
 * ({@link #nativeMessage()}). From then on the R-URI, destination URI and flags live in
 * both places: Java writes through to the view, and reads back after every C call.
 * OpenSIPS semantics: headers added through lumps appear in what is sent, not in later
 * reads of the same message, until {@link #applyChanges()}.
 */
public final class SipContext implements MessageContext, AutoCloseable {
    private static final AtomicInteger IDS = new AtomicInteger();

    private final MessageSlot slot;
    private final SipMessage message;
    private final SipParser parser;
    private final SipValidator validator = new SipValidator();
    private SipOutbound outbound = SipOutbound.NONE;
    private TransactionLayer transactions;
    private final DestinationSet branches = new DestinationSet();

    private ReceiveInfo receiveInfo;
    private int id;
    /** Counts parses of this context's buffer, so deep-parse caches know when to refresh. */
    private int parseGeneration;
    /** The routing script's state for this worker (variables, AVPs, scratch values). */
    private Object scriptState;
    private int routeType = RouteType.REQUEST;
    private boolean broken;
    private boolean viewReady;

    private String newUri;
    private String dstUri;
    private int flags;
    // generations of new_uri/dst_uri last seen in the view, to notice what C changed
    private int seenNewUriGeneration;
    private int seenDstUriGeneration;

    public SipContext(NativeCore core, SipLimits limits) {
        this.slot = new MessageSlot(core, limits.maxMessageSize(), limits.maxHeaders());
        this.message = new SipMessage(limits);
        this.parser = new SipParser(limits);
    }

    public SipContext() {
        this(NativeCore.get(), SipLimits.DEFAULT);
    }

    public void setOutbound(SipOutbound outbound) {
        this.outbound = outbound;
    }

    public SipOutbound outbound() {
        return outbound;
    }

    /** The worker's transaction layer (tm), or null when the configuration does not load tm. */
    public TransactionLayer transactions() {
        return transactions;
    }

    public void setTransactions(TransactionLayer layer) {
        this.transactions = layer;
    }

    /** The destination set of this message (append_branch). */
    public DestinationSet branches() {
        return branches;
    }

    /**
     * Starts a new message: copies the bytes into the slot, parses them and resets all
     * per-message state. Returns the parse error (the message is still loaded, for a 400),
     * or, when it parsed, what validation found ({@link SipError#NONE} for a good message).
     */
    public SipError load(ByteBuffer source, int offset, int length, Framing framing, ReceiveInfo rcv) {
        ByteBuffer buf = slot.buffer();
        int n = Math.min(length, buf.capacity());
        buf.put(0, source, offset, n);
        return parseLoaded(n, framing, rcv);
    }

    /** The same for bytes already in {@link #buffer()} at offset 0. */
    public SipError parseLoaded(int length, Framing framing, ReceiveInfo rcv) {
        this.receiveInfo = rcv;
        this.id = IDS.incrementAndGet();
        this.parseGeneration++;
        this.routeType = RouteType.REQUEST;
        this.viewReady = false;
        this.newUri = null;
        this.dstUri = null;
        this.flags = 0;
        this.branches.clear();
        parser.parse(slot.buffer(), 0, length, framing, message);
        // also after a parse error: validate() starts by clearing the previous message's detail
        SipError e = validator.validate(message);
        broken = e != SipError.NONE;
        return e;
    }

    /** The validator of the last load, for the 400 reason and whether a reply is possible. */
    public SipValidator validator() {
        return validator;
    }

    /** Where the message bytes live (direct, native). */
    public ByteBuffer buffer() {
        return slot.buffer();
    }

    public SipMessage message() {
        return message;
    }

    public MessageSlot slot() {
        return slot;
    }

    public ReceiveInfo receiveInfo() {
        return receiveInfo;
    }

    /** Unique per message (msg->id in C). */
    public int id() {
        return id;
    }

    @Override
    public int routeType() {
        return routeType;
    }

    public void setRouteType(int routeType) {
        this.routeType = routeType;
    }

    /** Changes every time the buffer is (re)parsed: a new message or msg_apply_changes(). */
    public int parseGeneration() {
        return parseGeneration;
    }

    /**
     * What the routing script keeps for this worker between messages ($var values, AVPs,
     * reusable parse objects). The core does not look inside; the script engine attaches
     * its own object once and finds it again on every message.
     */
    public Object scriptState() {
        return scriptState;
    }

    public void attachScriptState(Object state) {
        this.scriptState = state;
    }

    // ---- the C view ---------------------------------------------------------------------

    @Override
    public long nativeMessage() {
        if (!viewReady) {
            prepareView();
        }
        return slot.message();
    }

    private void prepareView() {
        slot.describe(message, id, receiveInfo, broken);
        slot.ensureView();
        viewReady = true;
        if (newUri != null) {
            slot.setNewUri(newUri);
        }
        if (dstUri != null) {
            slot.setDstUri(dstUri);
        }
        if (flags != 0) {
            slot.setFlags(flags);
        }
        remember();
    }

    /**
     * After a C call: pick up a new R-URI, destination or flags the module set. The core
     * compares the URIs' bytes after each call (native/msg/uri_watch.c) and bumps a
     * generation; reading it here is one memory read per URI.
     */
    @Override
    public void afterNativeCall() {
        flags = slot.flags();
        int g = slot.newUriGeneration();
        if (g != seenNewUriGeneration) {
            newUri = slot.newUri();
            seenNewUriGeneration = g;
        }
        g = slot.dstUriGeneration();
        if (g != seenDstUriGeneration) {
            dstUri = slot.dstUri();
            seenDstUriGeneration = g;
        }
    }

    /** The view's URIs are what Java holds: later changes are C's. */
    private void remember() {
        seenNewUriGeneration = slot.newUriGeneration();
        seenDstUriGeneration = slot.dstUriGeneration();
    }

    /** True once C has a view of this message (lumps may exist). */
    public boolean hasView() {
        return viewReady;
    }

    // ---- script-visible state -----------------------------------------------------------

    /** The R-URI the script sees ($ru): new_uri when set, else the message's own. */
    public String requestUri() {
        return newUri != null ? newUri : message.requestUriString();
    }

    /** new_uri, or null when the script/modules did not rewrite it. */
    public String newUri() {
        return newUri;
    }

    public void setNewUri(String uri) {
        newUri = uri;
        if (viewReady) {
            slot.setNewUri(uri);
            remember();
        }
    }

    /** $du, or null. */
    public String dstUri() {
        return dstUri;
    }

    public void setDstUri(String uri) {
        dstUri = uri;
        if (viewReady) {
            slot.setDstUri(uri);
            remember();
        }
    }

    /** Script flags (msg->flags). */
    public int flags() {
        return flags;
    }

    public void setFlags(int value) {
        flags = value;
        if (viewReady) {
            slot.setFlags(value);
        }
    }

    /**
     * msg_apply_changes(): the message becomes itself plus its lumps, re-parsed, so later
     * reads see the added and removed headers. The R-URI rewrite stays a rewrite.
     */
    public SipError applyChanges() {
        if (!viewReady) {
            return SipError.NONE;
        }
        int n = slot.buildApplied(false);
        ByteBuffer out = slot.output();
        slot.buffer().put(0, out, 0, n);
        String keepNew = newUri;
        String keepDst = dstUri;
        int keepFlags = flags;
        java.util.List<DestinationSet.Branch> keepBranches = branches.size() == 0 ? null : branches.snapshot();
        int keepId = id;
        int keepRoute = routeType;
        SipError e = parseLoaded(n, message.framing(), receiveInfo);
        id = keepId;
        routeType = keepRoute;
        newUri = keepNew;
        dstUri = keepDst;
        flags = keepFlags;
        if (keepBranches != null) {
            keepBranches.forEach(branches::append);
        }
        return e;
    }

    // ---- a message C built (run_top_route from a module) -------------------------------

    private String adoptedNewUri;
    private String adoptedDstUri;

    /**
     * Makes this context hold the C message cMsg (a faked request, a reply a module holds):
     * its bytes parsed here, its id, new_uri, dst_uri and flags, and its lumps moved into
     * this context's view for the time the route runs. Give them back with
     * {@link #handBack}. Returns what parsing found ({@link SipError#NONE} when usable).
     */
    public SipError adopt(long cMsg, ReceiveInfo rcv, Framing framing) {
        int n = slot.copyFrom(cMsg);
        if (n < 0) {
            parseLoaded(0, framing, rcv);
            return SipError.EMPTY_MESSAGE;
        }
        SipError e = parseLoaded(n, framing, rcv);
        id = slot.idOf(cMsg);
        newUri = adoptedNewUri = slot.uriOf(cMsg, 0);
        dstUri = adoptedDstUri = slot.uriOf(cMsg, 1);
        flags = slot.flagsOf(cMsg);
        nativeMessage();
        slot.moveLumps(cMsg, slot.message());
        return e;
    }

    /** Hands the route's results back to the C message: lumps, changed URIs, flags. */
    public void handBack(long cMsg) {
        slot.moveLumps(slot.message(), cMsg);
        if (!java.util.Objects.equals(newUri, adoptedNewUri)) {
            slot.setUriOf(cMsg, 0, newUri);
        }
        if (!java.util.Objects.equals(dstUri, adoptedDstUri)) {
            slot.setUriOf(cMsg, 1, dstUri);
        }
        slot.setFlagsOf(cMsg, flags);
    }

    @Override
    public void close() {
        slot.close();
    }
}
