package org.sipbridge.server.net;

import io.netty.buffer.ByteBuf;
import io.netty.channel.AddressedEnvelope;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.handler.codec.dns.DefaultDnsQuestion;
import io.netty.handler.codec.dns.DnsPtrRecord;
import io.netty.handler.codec.dns.DnsRawRecord;
import io.netty.handler.codec.dns.DnsRecord;
import io.netty.handler.codec.dns.DnsRecordType;
import io.netty.handler.codec.dns.DnsResponse;
import io.netty.handler.codec.dns.DnsResponseCode;
import io.netty.handler.codec.dns.DnsSection;
import io.netty.resolver.dns.DnsNameResolver;
import io.netty.resolver.dns.DnsNameResolverBuilder;
import io.netty.resolver.dns.DnsServerAddressStreamProviders;
import io.netty.resolver.dns.SingletonDnsServerAddressStreamProvider;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * DNS for C modules (resolve.h), through Netty's DNS resolver: raw queries of one type,
 * answered in the compact record format native/net/resolve.c reads (names decoded, also
 * compressed ones). The name server is the configuration's {@code dns_server}, else those of
 * /etc/resolv.conf. One event-loop thread ("sip-dns") does the I/O; the calling thread waits
 * for its answer at most the query timeout (OpenSIPS blocks on res_search the same way).
 * A and AAAA lookups for host names read the hosts file first ({@link HostsFile}:
 * {@code -Dsipbridge.hosts_file}, else {@code -Djdk.net.hosts.file}, else /etc/hosts).
 * Thread-safe.
 */
public final class NetDns implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger("org.sipbridge.dns");
    /** Asks for the hosts file before DNS (resolvehost), with A or AAAA in the low bits. */
    public static final int HOSTS_FIRST = 0x10000;
    private static final int T_A = 1, T_AAAA = 28, T_PTR = 12;

    private final EventLoopGroup group;
    private final DnsNameResolver resolver;
    private final long timeoutMs;
    private final String description;
    private final HostsFile hosts;

    /** server null: the system's name servers; the hosts file the system properties name. */
    public NetDns(InetSocketAddress server, Duration timeout) {
        this(server, timeout, HostsFile.fromSystemProperties());
    }

    public NetDns(InetSocketAddress server, Duration timeout, HostsFile hosts) {
        this.hosts = hosts;
        this.timeoutMs = timeout.toMillis();
        this.group = new NioEventLoopGroup(1, new DefaultThreadFactory("sip-dns", true));
        DnsNameResolverBuilder b = new DnsNameResolverBuilder(group.next())
                .channelType(NioDatagramChannel.class)
                .queryTimeoutMillis(timeoutMs)
                .maxQueriesPerResolve(4)
                .recursionDesired(true)
                .optResourceEnabled(false)
                .nameServerProvider(server != null ? new SingletonDnsServerAddressStreamProvider(server)
                        : DnsServerAddressStreamProviders.platformDefault());
        this.resolver = b.build();
        this.description = server != null ? server.getHostString() + ":" + server.getPort() : "the system's name servers";
    }

    public String description() {
        return description;
    }

    /**
     * The records of name of the given type written to out from its position: the bytes
     * written, 0 when the name has none, -1 when the lookup failed (logged).
     */
    public int query(String name, int type, ByteBuffer out) {
        out.order(java.nio.ByteOrder.BIG_ENDIAN); // the format is big-endian, whatever the caller's buffer said
        int base = type & 0xffff;
        if ((type & HOSTS_FIRST) != 0 && (base == T_A || base == T_AAAA)) {
            InetAddress a = hosts.address(name, base == T_AAAA);
            if (a != null && (a instanceof Inet6Address) == (base == T_AAAA)) {
                return address(out, base, a.getAddress());
            }
        }
        Future<AddressedEnvelope<DnsResponse, InetSocketAddress>> f;
        try {
            f = resolver.query(new DefaultDnsQuestion(name, DnsRecordType.valueOf(base)));
        } catch (RuntimeException e) {
            log.error("DNS query {} {} could not be sent: {}", name, base, e.toString());
            return -1;
        }
        if (!f.awaitUninterruptibly(timeoutMs + 1000, TimeUnit.MILLISECONDS)) {
            f.cancel(false);
            log.error("DNS query {} (type {}) to {}: no answer in {} ms", name, base, description, timeoutMs);
            return -1;
        }
        if (!f.isSuccess()) {
            log.error("DNS query {} (type {}) to {} failed: {}", name, base, description, f.cause().getMessage());
            return -1;
        }
        AddressedEnvelope<DnsResponse, InetSocketAddress> env = f.getNow();
        try {
            DnsResponse r = env.content();
            if (r.code() == DnsResponseCode.NXDOMAIN) {
                return 0;
            }
            if (r.code() != DnsResponseCode.NOERROR) {
                log.error("DNS query {} (type {}) to {}: {}", name, base, description, r.code());
                return -1;
            }
            int start = out.position();
            int n = r.count(DnsSection.ANSWER);
            for (int i = 0; i < n; i++) {
                DnsRecord rec = r.recordAt(DnsSection.ANSWER, i);
                int mark = out.position();
                try {
                    if (!write(out, rec)) {
                        out.position(mark);
                    }
                } catch (java.nio.BufferOverflowException | IndexOutOfBoundsException e) {
                    out.position(mark); // a record that does not fit or is malformed is left out
                }
            }
            return out.position() - start;
        } finally {
            env.release();
        }
    }

    private static int address(ByteBuffer out, int type, byte[] ip) {
        int start = out.position();
        out.putShort((short) type).putShort((short) 1).putInt(0).putShort((short) ip.length).put(ip);
        return out.position() - start;
    }

    /** One record in the native format; false when its type is not one C reads. */
    private static boolean write(ByteBuffer out, DnsRecord rec) {
        int type = rec.type().intValue();
        out.putShort((short) type).putShort((short) rec.dnsClass()).putInt((int) rec.timeToLive());
        int lenAt = out.position();
        out.putShort((short) 0);
        int dataAt = out.position();
        if (rec instanceof DnsPtrRecord ptr) {
            text(out, trimDot(ptr.hostname()));
        } else if (rec instanceof DnsRawRecord raw) {
            ByteBuf c = raw.content();
            int p = c.readerIndex(), end = c.writerIndex();
            switch (type) {
                case 1, 28 -> {
                    byte[] ip = new byte[end - p];
                    c.getBytes(p, ip);
                    out.put(ip);
                }
                case 33 -> { // SRV: priority, weight, port, target
                    out.putShort(c.getShort(p)).putShort(c.getShort(p + 2)).putShort(c.getShort(p + 4));
                    text(out, name(c, p + 6));
                }
                case 35 -> { // NAPTR: order, preference, flags, services, regexp, replacement
                    out.putShort(c.getShort(p)).putShort(c.getShort(p + 2));
                    int q = p + 4;
                    for (int k = 0; k < 3; k++) {
                        int l = c.getUnsignedByte(q);
                        byte[] s = new byte[l];
                        c.getBytes(q + 1, s);
                        out.put((byte) l).put(s);
                        q += 1 + l;
                    }
                    text(out, name(c, q));
                }
                case 5, 12 -> text(out, name(c, p)); // CNAME (Netty decompressed it), PTR
                case 16 -> { // TXT: its first string
                    int l = c.getUnsignedByte(p);
                    byte[] s = new byte[l];
                    c.getBytes(p + 1, s);
                    out.put((byte) l).put(s);
                }
                default -> {
                    return false;
                }
            }
        } else {
            return false;
        }
        out.putShort(lenAt, (short) (out.position() - dataAt));
        return true;
    }

    private static void text(ByteBuffer out, String s) {
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        if (b.length > 255) {
            throw new IndexOutOfBoundsException("name too long");
        }
        out.put((byte) b.length).put(b);
    }

    private static String trimDot(String s) {
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }

    /**
     * A domain name at index i of the message c belongs to (absolute indexes: Netty's record
     * content is a view of the whole message, so compression pointers resolve). Dotted, no
     * final dot; "" for the root.
     */
    static String name(ByteBuf c, int i) {
        StringBuilder sb = new StringBuilder();
        int hops = 0;
        while (true) {
            int l = c.getUnsignedByte(i);
            if (l == 0) {
                break;
            }
            if ((l & 0xc0) == 0xc0) {
                if (++hops > 16) {
                    throw new IndexOutOfBoundsException("compression loop");
                }
                i = ((l & 0x3f) << 8) | c.getUnsignedByte(i + 1);
                continue;
            }
            if (sb.length() > 0) {
                sb.append('.');
            }
            byte[] label = new byte[l];
            c.getBytes(i + 1, label);
            sb.append(new String(label, StandardCharsets.US_ASCII));
            i += 1 + l;
            if (sb.length() > 255) {
                throw new IndexOutOfBoundsException("name too long");
            }
        }
        return sb.toString();
    }

    @Override
    public void close() {
        resolver.close();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(2, TimeUnit.SECONDS);
    }
}
