package org.sipbridge.testing;

import org.sipbridge.bridge.MessageSlot;
import org.sipbridge.bridge.NativeCore;
import org.sipbridge.core.Proto;
import org.sipbridge.core.ReceiveInfo;
import org.sipbridge.module.MessageContext;
import org.sipbridge.module.RouteType;
import org.sipbridge.sip.Framing;
import org.sipbridge.sip.SipError;
import org.sipbridge.sip.SipMessage;
import org.sipbridge.sip.SipParser;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/** A real message in a native slot, parsed by the Java parser, as a worker holds it. */
public final class SlotMessage implements MessageContext, AutoCloseable {
    public static final ReceiveInfo FROM_CLIENT = new ReceiveInfo(Proto.UDP,
            new InetSocketAddress("192.0.2.10", 5062), new InetSocketAddress("127.0.0.1", 5060), 0);

    public final MessageSlot slot = new MessageSlot(NativeCore.get(), 65535, 256);
    public final SipMessage parsed = new SipMessage();
    private final SipParser parser = new SipParser();
    private int routeType = RouteType.REQUEST;
    private int nextId = 1;

    /** Loads text (\n turned into CRLF when crlf is true) and describes it to the view. */
    public SlotMessage load(String text, ReceiveInfo rcv) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        slot.buffer().clear();
        slot.buffer().put(0, b, 0, b.length);
        SipError e = parser.parse(slot.buffer(), 0, b.length, Framing.DATAGRAM, parsed);
        if (e != SipError.NONE) {
            throw new IllegalArgumentException("test message does not parse: " + e);
        }
        slot.describe(parsed, nextId++, rcv, false);
        return this;
    }

    public SlotMessage load(String text) {
        return load(text, FROM_CLIENT);
    }

    public SlotMessage routeType(int t) {
        routeType = t;
        return this;
    }

    /** The bytes as they are now in the slot buffer (C may have edited them in place). */
    public String bufferText() {
        byte[] b = new byte[parsed.length()];
        slot.buffer().get(0, b, 0, b.length);
        return new String(b, StandardCharsets.UTF_8);
    }

    public String output(int length) {
        byte[] b = new byte[length];
        slot.output().get(0, b, 0, length);
        return new String(b, StandardCharsets.UTF_8);
    }

    public static String crlf(String s) {
        return s.replace("\r\n", "\n").replace("\n", "\r\n");
    }

    @Override
    public long nativeMessage() {
        return slot.message();
    }

    @Override
    public int routeType() {
        return routeType;
    }

    @Override
    public void close() {
        slot.close();
    }
}
