package org.sipbridge.script.run;

import org.sipbridge.sip.NameAddr;
import org.sipbridge.sip.SipUri;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.zip.CRC32;

/**
 * What transformations need on one worker, made once and reused: a buffer the value to parse
 * is copied into, the URI and name-addr parsers, MD5 and CRC-32 engines, a work array.
 */
public final class TransformScratch {
    private ByteBuffer buffer = ByteBuffer.allocate(256);
    public final SipUri uri = new SipUri();
    public final NameAddr nameAddr = new NameAddr();
    public final CRC32 crc = new CRC32();
    public final org.sipbridge.script.pv.tr.ParamScan params = new org.sipbridge.script.pv.tr.ParamScan();
    private MessageDigest md5;
    private byte[] work = new byte[256];

    /** value's bytes copied to the start of the buffer (grown when needed). */
    public ByteBuffer load(Value value) {
        int n = value.length();
        if (buffer.capacity() < n) {
            buffer = ByteBuffer.allocate(Math.max(n, buffer.capacity() * 2));
        }
        buffer.clear();
        buffer.put(0, value.bytes(), value.offset(), n);
        return buffer;
    }

    /** A work array of at least n bytes (its content is not kept across calls). */
    public byte[] work(int n) {
        if (work.length < n) {
            work = new byte[Math.max(n, work.length * 2)];
        }
        return work;
    }

    public MessageDigest md5() {
        if (md5 == null) {
            try {
                md5 = MessageDigest.getInstance("MD5");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("the JVM has no MD5", e);
            }
        }
        return md5;
    }
}
