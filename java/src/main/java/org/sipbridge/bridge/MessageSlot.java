package org.sipbridge.bridge;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import org.sipbridge.core.Proto;
import org.sipbridge.core.ReceiveInfo;
import org.sipbridge.sip.HeaderType;
import org.sipbridge.sip.SipMessage;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.IntBuffer;
import java.nio.charset.StandardCharsets;

/**
 * One worker's native message slot (native/msg/sb_slot.h): the buffer the message bytes
 * live in (Java parses them there, C modules see and edit the same bytes), the view input
 * that tells C where the Java parser found everything, and the {@code struct sip_msg}
 * C functions receive.
 *
 * <p>Per message: {@link #buffer()} gets the bytes, the parser parses them in place,
 * {@link #describe} writes the view input and marks the slot dirty; the first C call
 * rebuilds the view (native side, inside the call). Nothing here allocates per message.
 * Read-backs after a C call are plain memory reads at offsets from sb_msg_layout.
 *
 * <p>Ownership: the slot is native memory owned by this object (freed by close()); its
 * last message's lumps, parsed bodies and URIs are freed by the native side at the next
 * message or at close. A slot belongs to one thread.
 */
public final class MessageSlot implements AutoCloseable {
    // sb_view_input.h words
    private static final int SBV_MAGIC = 0, SBV_DIRTY = 1, SBV_MSG_LEN = 2, SBV_MSG_ID = 3, SBV_STATUS = 4,
            SBV_TYPE = 5, SBV_FL_LEN = 6, SBV_T1_OFF = 7, SBV_T1_LEN = 8, SBV_T2_OFF = 9, SBV_T2_LEN = 10,
            SBV_T3_OFF = 11, SBV_T3_LEN = 12, SBV_CODE = 13, SBV_EOH_OFF = 14, SBV_BODY_OFF = 15,
            SBV_PROTO = 16, SBV_AF = 17, SBV_SRC_PORT = 18, SBV_DST_PORT = 19, SBV_SRC_IP = 20,
            SBV_DST_IP = 24, SBV_CONN_ID = 28, SBV_HDR_COUNT = 29, SBV_HDRS = 32, SBV_HDR_WORDS = 6;
    private static final int SBV_MAGIC_VALUE = 0x53425631;
    private static final int SIP_REQUEST = 1, SIP_REPLY = 2;
    // sb_msg_layout codes
    private static final int L_SIZEOF = 0, L_NEW_URI_S = 1, L_NEW_URI_LEN = 2, L_DST_URI_S = 3,
            L_DST_URI_LEN = 4, L_FLAGS = 5, L_MSG_FLAGS = 6, L_ADD_RM = 7, L_BODY_LUMPS = 8,
            L_REPLY_LUMP = 9;
    /** struct sb_send_info (sb_slot.h): proto, af, port, addr_len, addr[48], ip[16], reserved[2]. */
    public static final int SEND_INFO_SIZE = 88;
    private static final int SI_PROTO = 0, SI_AF = 4, SI_PORT = 8, SI_ADDR_LEN = 12, SI_ADDR = 16, SI_IP = 64,
            SI_ADDR_MAX = 47;
    /** Builders' "out too small" results are at most this. */
    private static final int SB_BUILD_NEED_MIN = 16;

    private static int[] cTypeByJavaType;

    private final CoreCalls calls;
    private final long slot;
    private final long msg;
    private final int maxHeaders;
    private final ByteBuffer buffer;
    private final IntBuffer input;
    /** Scratch for the header table of {@link #describe} (maxHeaders x SBV_HDR_WORDS). */
    private final int[] headerWords;
    private final ByteBuffer msgStruct;
    private final ByteBuffer sendInfo;
    /** int32 generations of new_uri and dst_uri (sb_slot_uri_generations). */
    private final ByteBuffer uriGenerations;
    private final int offNewUriS, offNewUriLen, offDstUriS, offDstUriLen, offFlags, offMsgFlags;
    private final int offAddRm, offBodyLumps, offReplyLump;
    private final Memory scratch = new Memory(8192);
    private Memory out;
    private ByteBuffer outBuffer;

    public MessageSlot(NativeCore core, int bufferCapacity, int maxHeaders) {
        this.calls = core.calls();
        this.maxHeaders = maxHeaders;
        this.headerWords = new int[Math.max(0, maxHeaders) * SBV_HDR_WORDS];
        this.slot = calls.sb_slot_new(bufferCapacity, maxHeaders);
        if (slot == 0) {
            throw new IllegalStateException("cannot allocate a native message slot");
        }
        this.msg = calls.sb_slot_msg(slot);
        int cap = calls.sb_slot_buf_capacity(slot);
        this.buffer = new Pointer(calls.sb_slot_buf(slot)).getByteBuffer(0, cap).order(ByteOrder.nativeOrder());
        this.input = new Pointer(calls.sb_slot_input(slot)).getByteBuffer(0, 4L * calls.sb_slot_input_words(slot))
                .order(ByteOrder.nativeOrder()).asIntBuffer();
        if (input.get(SBV_MAGIC) != SBV_MAGIC_VALUE) {
            throw new IllegalStateException("native view input format " + Integer.toHexString(input.get(SBV_MAGIC))
                    + " is not the one this build writes (" + Integer.toHexString(SBV_MAGIC_VALUE) + ")");
        }
        this.msgStruct = new Pointer(msg).getByteBuffer(0, calls.sb_msg_layout(L_SIZEOF)).order(ByteOrder.nativeOrder());
        this.sendInfo = new Pointer(calls.sb_slot_send_info(slot)).getByteBuffer(0, SEND_INFO_SIZE)
                .order(ByteOrder.nativeOrder());
        this.uriGenerations = new Pointer(calls.sb_slot_uri_generations(slot)).getByteBuffer(0, 8)
                .order(ByteOrder.nativeOrder());
        offNewUriS = calls.sb_msg_layout(L_NEW_URI_S);
        offNewUriLen = calls.sb_msg_layout(L_NEW_URI_LEN);
        offDstUriS = calls.sb_msg_layout(L_DST_URI_S);
        offDstUriLen = calls.sb_msg_layout(L_DST_URI_LEN);
        offFlags = calls.sb_msg_layout(L_FLAGS);
        offMsgFlags = calls.sb_msg_layout(L_MSG_FLAGS);
        offAddRm = calls.sb_msg_layout(L_ADD_RM);
        offBodyLumps = calls.sb_msg_layout(L_BODY_LUMPS);
        offReplyLump = calls.sb_msg_layout(L_REPLY_LUMP);
        synchronized (MessageSlot.class) {
            if (cTypeByJavaType == null) {
                cTypeByJavaType = cHeaderTypes(calls);
            }
        }
        growOutput(cap + 4096);
    }

    /** The C hdr_types_t of every Java header type, asked once from the native name table. */
    private static int[] cHeaderTypes(CoreCalls calls) {
        HeaderType[] all = HeaderType.values();
        int[] t = new int[all.length];
        for (HeaderType h : all) {
            t[h.ordinal()] = h == HeaderType.OTHER ? 0 : calls.sb_hdr_type_of_name(h.canonicalName(), h.canonicalName().length());
        }
        return t;
    }

    /** The C type the view gets for a Java header type. */
    public static int cHeaderType(HeaderType type) {
        return cTypeByJavaType[type.ordinal()];
    }

    /** Where the message bytes go (direct, native memory, capacity = slot capacity). */
    public ByteBuffer buffer() {
        return buffer;
    }

    /** Address of the struct sip_msg for C calls. */
    public long message() {
        return msg;
    }

    /**
     * Writes the view input for a message parsed in {@link #buffer()} at offset 0, and marks
     * the slot dirty so the next C call rebuilds the view.
     */
    public void describe(SipMessage m, int id, ReceiveInfo rcv, boolean broken) {
        IntBuffer in = input;
        int len = m.length();
        in.put(SBV_MSG_LEN, len);
        in.put(SBV_MSG_ID, id);
        in.put(SBV_STATUS, broken ? 1 : 0);
        if (m.isRequest()) {
            in.put(SBV_TYPE, SIP_REQUEST);
            in.put(SBV_T1_OFF, m.methodOffset());
            in.put(SBV_T1_LEN, m.methodLength());
            in.put(SBV_T2_OFF, m.requestUriOffset());
            in.put(SBV_T2_LEN, m.requestUriLength());
            in.put(SBV_T3_OFF, m.versionOffset());
            in.put(SBV_T3_LEN, m.versionLength());
            in.put(SBV_CODE, m.method().openSipsId());
        } else {
            in.put(SBV_TYPE, SIP_REPLY);
            in.put(SBV_T1_OFF, m.versionOffset());
            in.put(SBV_T1_LEN, m.versionLength());
            in.put(SBV_T2_OFF, statusOffset(m));
            in.put(SBV_T2_LEN, 3);
            in.put(SBV_T3_OFF, m.reasonOffset());
            in.put(SBV_T3_LEN, m.reasonLength());
            in.put(SBV_CODE, m.statusCode());
        }
        int headers = Math.min(m.headerCount(), maxHeaders);
        in.put(SBV_FL_LEN, headers > 0 ? m.headerLineOffset(0) : firstLineLength(m));
        int eoh = m.headersEndOffset();
        in.put(SBV_EOH_OFF, eoh < 0 ? len : eoh);
        in.put(SBV_BODY_OFF, eoh < 0 ? len : m.bodyOffset());
        writeReceiveInfo(in, rcv);
        in.put(SBV_HDR_COUNT, headers);
        // the header table is built in a Java array and written in one bulk copy: one
        // bounds-checked put per field cost more than the rest of describe (JFR, issue 14)
        int[] words = headerWords;
        int[] ctype = cTypeByJavaType;
        for (int i = 0, w = 0; i < headers; i++, w += SBV_HDR_WORDS) {
            words[w] = ctype[m.headerType(i).ordinal()];
            words[w + 1] = m.headerNameOffset(i);
            words[w + 2] = m.headerNameLength(i);
            words[w + 3] = m.headerValueOffset(i);
            words[w + 4] = m.headerValueLength(i);
            words[w + 5] = m.headerLineLength(i);
        }
        in.put(SBV_HDRS, words, 0, headers * SBV_HDR_WORDS);
        in.put(SBV_DIRTY, 1);
    }

    /** The 3-digit status follows the version and its spaces. */
    private static int statusOffset(SipMessage m) {
        ByteBuffer b = m.buffer();
        int p = m.versionOffset() + m.versionLength();
        while (p < m.length() && b.get(p) == ' ') {
            p++;
        }
        return p;
    }

    private static int firstLineLength(SipMessage m) {
        int eoh = m.headersEndOffset();
        return eoh < 0 ? m.length() : eoh;
    }

    private static void writeReceiveInfo(IntBuffer in, ReceiveInfo rcv) {
        if (rcv == null) {
            for (int w = SBV_PROTO; w <= SBV_CONN_ID; w++) {
                in.put(w, 0);
            }
            return;
        }
        in.put(SBV_PROTO, rcv.proto().code);
        InetAddress src = rcv.source().getAddress();
        in.put(SBV_AF, src instanceof Inet4Address ? 4 : 6);
        in.put(SBV_SRC_PORT, rcv.source().getPort());
        in.put(SBV_DST_PORT, rcv.local() == null ? 0 : rcv.local().getPort());
        putAddress(in, SBV_SRC_IP, src);
        putAddress(in, SBV_DST_IP, rcv.local() == null ? null : rcv.local().getAddress());
        in.put(SBV_CONN_ID, (int) rcv.connectionId());
    }

    /**
     * 16 raw bytes, network order, in 4 native-order words (IPv4: the first 4 bytes). IPv4
     * reads the address through hashCode(), which is the address itself, because
     * getAddress() allocates a copy on every call.
     */
    private static void putAddress(IntBuffer in, int word, InetAddress a) {
        if (a instanceof Inet4Address) {
            int v = a.hashCode();   // big-endian octets in an int
            in.put(word, ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN ? Integer.reverseBytes(v) : v);
            in.put(word + 1, 0);
            in.put(word + 2, 0);
            in.put(word + 3, 0);
            return;
        }
        byte[] b = a == null ? new byte[0] : a.getAddress();
        for (int k = 0; k < 4; k++) {
            int v = 0;
            for (int j = 0; j < 4; j++) {
                int idx = k * 4 + j;
                int octet = idx < b.length ? b[idx] & 0xff : 0;
                v |= ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN ? octet << (8 * j) : octet << (8 * (3 - j));
            }
            in.put(word + k, v);
        }
    }

    /** Rebuilds the view now if needed (normally the first C call does it). 0 or -1 (broken). */
    public int ensureView() {
        return calls.sb_msg_ensure(msg);
    }

    // ---- read-backs (one memory read each) --------------------------------------------------

    public int flags() {
        return msgStruct.getInt(offFlags);
    }

    public int msgFlags() {
        return msgStruct.getInt(offMsgFlags);
    }

    public long newUriAddress() {
        return msgStruct.getLong(offNewUriS);
    }

    public int newUriLength() {
        return msgStruct.getInt(offNewUriLen);
    }

    public long dstUriAddress() {
        return msgStruct.getLong(offDstUriS);
    }

    public int dstUriLength() {
        return msgStruct.getInt(offDstUriLen);
    }

    /**
     * Changes whenever new_uri changed (pointer, length or bytes) after a C call or a
     * setter: the reliable test, since a module may free new_uri and allocate a new one of
     * the same length at the same address, or edit it in place.
     */
    public int newUriGeneration() {
        return uriGenerations.getInt(0);
    }

    /** The same for dst_uri. */
    public int dstUriGeneration() {
        return uriGenerations.getInt(4);
    }

    /** new_uri as a string, or null when unset. */
    public String newUri() {
        return string(newUriAddress(), newUriLength());
    }

    /** dst_uri as a string, or null when unset. */
    public String dstUri() {
        return string(dstUriAddress(), dstUriLength());
    }

    /** True when C or Java added header, body or reply lumps to this message. */
    public boolean hasLumps() {
        return msgStruct.getLong(offAddRm) != 0 || msgStruct.getLong(offBodyLumps) != 0
                || msgStruct.getLong(offReplyLump) != 0;
    }

    private static String string(long address, int len) {
        if (address == 0 || len <= 0) {
            return null;
        }
        byte[] b = new byte[len];
        new Pointer(address).read(0, b, 0, len);
        return new String(b, StandardCharsets.UTF_8);
    }

    // ---- setters (native: the strings become pkg memory the message owns) -------------------

    public void setNewUri(String uri) {
        int len = putScratch(uri);
        check(calls.sb_msg_set_new_uri(msg, uri == null ? 0 : Pointer.nativeValue(scratch), len), "new_uri");
    }

    public void setDstUri(String uri) {
        int len = putScratch(uri);
        check(calls.sb_msg_set_dst_uri(msg, uri == null ? 0 : Pointer.nativeValue(scratch), len), "dst_uri");
    }

    public void setFlags(int flags) {
        calls.sb_msg_set_flags(msg, flags);
    }

    public void setMsgFlags(int flags) {
        calls.sb_msg_set_msg_flags(msg, flags);
    }

    private static void check(int r, String what) {
        if (r != 0) {
            throw new IllegalStateException("out of native memory setting " + what);
        }
    }

    private int putScratch(String s) {
        if (s == null) {
            return 0;
        }
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        if (b.length > scratch.size()) {
            throw new IllegalArgumentException("string too long for the view (" + b.length + " bytes)");
        }
        scratch.write(0, b, 0, b.length);
        return b.length;
    }

    // ---- the socket a message leaves on (SUBST lumps, Content-Length on streams) ----------------

    /**
     * The sb_send_info bytes for a socket (see {@link #setSendInfo}): encode once per socket
     * at start, so that naming the sending socket per message is a plain copy.
     */
    public static byte[] encodeSendInfo(Proto proto, InetSocketAddress local) {
        ByteBuffer b = ByteBuffer.allocate(SEND_INFO_SIZE).order(ByteOrder.nativeOrder());
        InetAddress a = local.getAddress();
        byte[] raw = a.getAddress();
        String text = a.getHostAddress();
        int zone = text.indexOf('%');
        byte[] addr = (zone < 0 ? text : text.substring(0, zone)).getBytes(StandardCharsets.US_ASCII);
        if (addr.length > SI_ADDR_MAX) {
            throw new IllegalArgumentException("address too long for the send info: " + text);
        }
        b.putInt(SI_PROTO, proto.code);
        b.putInt(SI_AF, a instanceof Inet4Address ? 4 : 6);
        b.putInt(SI_PORT, local.getPort());
        b.putInt(SI_ADDR_LEN, addr.length);
        b.put(SI_ADDR, addr);
        b.put(SI_IP, raw);
        return b.array();
    }

    /** Names the socket the next build is for (bytes from {@link #encodeSendInfo}); no allocation. */
    public void setSendInfo(byte[] encoded) {
        sendInfo.put(0, encoded, 0, SEND_INFO_SIZE);
    }

    // ---- builders: the result is in output()[0..n) -------------------------------------------

    /** The builders' output (direct): valid until the next build on this slot. */
    public ByteBuffer output() {
        return outBuffer;
    }

    /** A request to forward: our Via line (with CRLF) on top, new_uri, lumps, Content-Length. */
    public int buildRequest(byte[] viaLine, int viaLength) {
        scratch.write(0, viaLine, 0, viaLength);
        long via = Pointer.nativeValue(scratch);
        int r;
        while ((r = calls.sb_build_request(msg, via, viaLength, Pointer.nativeValue(out), (int) out.size()))
                <= -SB_BUILD_NEED_MIN) {
            growOutput(-r);
        }
        return result(r, "request");
    }

    /** A reply to relay: our Via removed, lumps, Content-Length. */
    public int buildRelayedReply() {
        int r;
        while ((r = calls.sb_build_relayed_reply(msg, Pointer.nativeValue(out), (int) out.size())) <= -SB_BUILD_NEED_MIN) {
            growOutput(-r);
        }
        return result(r, "relayed reply");
    }

    /** A local stateless reply to this request (reply lumps included). */
    public int buildLocalReply(int code, String reason, String toTag) {
        byte[] rb = reason.getBytes(StandardCharsets.UTF_8);
        byte[] tb = toTag == null ? new byte[0] : toTag.getBytes(StandardCharsets.US_ASCII);
        scratch.write(0, rb, 0, rb.length);
        scratch.write(rb.length, tb, 0, tb.length);
        long base = Pointer.nativeValue(scratch);
        int r;
        while ((r = calls.sb_build_local_reply(msg, code, base, rb.length, base + rb.length, tb.length,
                Pointer.nativeValue(out), (int) out.size())) <= -SB_BUILD_NEED_MIN) {
            growOutput(-r);
        }
        return result(r, "local reply");
    }

    /**
     * The same with reason and To-tag given as bytes (a server keeps them encoded, so a reply
     * allocates nothing); toTagLength 0 for no tag.
     */
    public int buildLocalReply(int code, byte[] reason, int reasonLength, byte[] toTag, int toTagLength) {
        if (reasonLength + toTagLength > scratch.size()) {
            throw new IllegalArgumentException("reason and To-tag too long (" + (reasonLength + toTagLength) + " bytes)");
        }
        scratch.write(0, reason, 0, reasonLength);
        if (toTagLength > 0) {
            scratch.write(reasonLength, toTag, 0, toTagLength);
        }
        long base = Pointer.nativeValue(scratch);
        int r;
        while ((r = calls.sb_build_local_reply(msg, code, base, reasonLength, base + reasonLength, toTagLength,
                Pointer.nativeValue(out), (int) out.size())) <= -SB_BUILD_NEED_MIN) {
            growOutput(-r);
        }
        return result(r, "local reply");
    }

    /** The message with its lumps applied (msg_apply_changes); applyRuri also puts new_uri in. */
    public int buildApplied(boolean applyRuri) {
        int r;
        while ((r = calls.sb_build_applied(msg, applyRuri ? 1 : 0, Pointer.nativeValue(out), (int) out.size()))
                <= -SB_BUILD_NEED_MIN) {
            growOutput(-r);
        }
        return result(r, "applied message");
    }

    private static int result(int r, String what) {
        if (r < 0) {
            throw new IllegalStateException("cannot build the " + what + " (error " + r + ")");
        }
        return r;
    }

    private void growOutput(int need) {
        long size = out == null ? need : Math.max(need, out.size() * 2);
        out = new Memory(size);
        outBuffer = out.getByteBuffer(0, size);
    }

    // ---- another struct sip_msg (one C built): run_top_route adopts it into this slot ------

    /** Copies the bytes of the C message msg into {@link #buffer()}; their length or -1. */
    public int copyFrom(long cMsg) {
        return calls.sb_msg_copy_buf(cMsg, calls.sb_slot_buf(slot), buffer.capacity());
    }

    /** new_uri (which 0) or dst_uri (1) of another message, or null. */
    public String uriOf(long cMsg, int which) {
        int n = calls.sb_msg_get_str(cMsg, which, Pointer.nativeValue(scratch), (int) scratch.size());
        if (n == -1) {
            return null;
        }
        if (n < 0) {
            throw new IllegalArgumentException("URI of " + (-n - 2) + " bytes is too long");
        }
        return string(Pointer.nativeValue(scratch), n);
    }

    public int idOf(long cMsg) {
        return calls.sb_msg_get_id(cMsg);
    }

    public int flagsOf(long cMsg) {
        return calls.sb_msg_get_flags(cMsg);
    }

    /** Sets new_uri (which 0) or dst_uri (1) of another message (a pkg copy it owns). */
    public void setUriOf(long cMsg, int which, String uri) {
        int len = putScratch(uri);
        long p = uri == null ? 0 : Pointer.nativeValue(scratch);
        check(which == 0 ? calls.sb_msg_set_new_uri(cMsg, p, len) : calls.sb_msg_set_dst_uri(cMsg, p, len),
                which == 0 ? "new_uri" : "dst_uri");
    }

    public void setFlagsOf(long cMsg, int flags) {
        calls.sb_msg_set_flags(cMsg, flags);
    }

    /** Moves every lump of message from to message to (C's message and this slot's). */
    public void moveLumps(long from, long to) {
        calls.sb_msg_move_lumps(from, to);
    }

    /**
     * Lumps of one branch (tm's branch_route): op 1 marks every lump added from now on (on
     * this thread), 0 stops marking, 2 removes the marked header and body lumps of this
     * slot's message (and stops marking).
     */
    public void branchLumps(int op) {
        calls.sb_msg_branch_lumps(msg, op);
    }

    /** Releases what the current message owns now (lumps, URIs), instead of at the next one. */
    public void releaseMessage() {
        calls.sb_slot_release_message(slot);
    }

    @Override
    public void close() {
        calls.sb_slot_free(slot);
    }
}
