package org.sipbridge.server.net;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.handler.codec.dns.DatagramDnsQuery;
import io.netty.handler.codec.dns.DatagramDnsQueryDecoder;
import io.netty.handler.codec.dns.DatagramDnsResponse;
import io.netty.handler.codec.dns.DatagramDnsResponseEncoder;
import io.netty.handler.codec.dns.DefaultDnsRawRecord;
import io.netty.handler.codec.dns.DnsQuestion;
import io.netty.handler.codec.dns.DnsRecordType;
import io.netty.handler.codec.dns.DnsResponseCode;
import io.netty.handler.codec.dns.DnsSection;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A DNS server for tests on 127.0.0.1 (kernel-picked port), built on Netty's DNS codec: it
 * answers the A, AAAA, SRV, NAPTR and TXT records a test adds, NXDOMAIN for names it has
 * nothing for, an empty NOERROR answer for a known name without records of the asked type,
 * and nothing at all for "silent" names (to provoke timeouts). Records are written
 * uncompressed.
 */
public final class LoopbackDns implements AutoCloseable {
    private final EventLoopGroup group = new NioEventLoopGroup(1);
    private final Channel channel;
    private final Map<String, List<byte[]>> records = new ConcurrentHashMap<>(); // "name/type" -> rdata
    private final Set<String> names = ConcurrentHashMap.newKeySet();
    private final Set<String> silent = ConcurrentHashMap.newKeySet();
    private final AtomicInteger queries = new AtomicInteger();
    private final List<String> asked = new CopyOnWriteArrayList<>();

    public LoopbackDns() throws InterruptedException {
        Bootstrap b = new Bootstrap().group(group).channel(NioDatagramChannel.class)
                .handler(new ChannelInitializer<DatagramChannel>() {
                    @Override
                    protected void initChannel(DatagramChannel ch) {
                        ch.pipeline().addLast(new DatagramDnsQueryDecoder(), new DatagramDnsResponseEncoder(),
                                new Answerer());
                    }
                });
        channel = b.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)).sync().channel();
    }

    public InetSocketAddress address() {
        return (InetSocketAddress) channel.localAddress();
    }

    /** Queries received so far. */
    public int queries() {
        return queries.get();
    }

    /** "name/TYPE" of every query, in order. */
    public List<String> asked() {
        return List.copyOf(asked);
    }

    private void add(String name, DnsRecordType type, byte[] rdata) {
        String n = name.toLowerCase(Locale.ROOT);
        names.add(n);
        records.computeIfAbsent(n + "/" + type.intValue(), k -> new CopyOnWriteArrayList<>()).add(rdata);
    }

    public LoopbackDns a(String name, String ip) throws Exception {
        add(name, DnsRecordType.A, InetAddress.getByName(ip).getAddress());
        return this;
    }

    public LoopbackDns aaaa(String name, String ip) throws Exception {
        add(name, DnsRecordType.AAAA, InetAddress.getByName(ip).getAddress());
        return this;
    }

    public LoopbackDns srv(String name, int priority, int weight, int port, String target) {
        ByteBuf b = Unpooled.buffer();
        b.writeShort(priority).writeShort(weight).writeShort(port);
        labels(b, target);
        add(name, DnsRecordType.SRV, bytes(b));
        return this;
    }

    public LoopbackDns naptr(String name, int order, int pref, String flags, String services, String regexp,
                             String replacement) {
        ByteBuf b = Unpooled.buffer();
        b.writeShort(order).writeShort(pref);
        string(b, flags);
        string(b, services);
        string(b, regexp);
        labels(b, replacement);
        add(name, DnsRecordType.NAPTR, bytes(b));
        return this;
    }

    public LoopbackDns txt(String name, String text) {
        ByteBuf b = Unpooled.buffer();
        string(b, text);
        add(name, DnsRecordType.TXT, bytes(b));
        return this;
    }

    /** Queries for name get no answer at all. */
    public LoopbackDns silent(String name) {
        silent.add(name.toLowerCase(Locale.ROOT));
        return this;
    }

    private static void string(ByteBuf b, String s) {
        byte[] x = s.getBytes(StandardCharsets.US_ASCII);
        b.writeByte(x.length).writeBytes(x);
    }

    private static void labels(ByteBuf b, String name) {
        for (String label : name.split("\\.")) {
            if (!label.isEmpty()) {
                string(b, label);
            }
        }
        b.writeByte(0);
    }

    private static byte[] bytes(ByteBuf b) {
        byte[] x = new byte[b.readableBytes()];
        b.readBytes(x);
        b.release();
        return x;
    }

    private final class Answerer extends SimpleChannelInboundHandler<DatagramDnsQuery> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, DatagramDnsQuery q) {
            queries.incrementAndGet();
            DnsQuestion question = q.recordAt(DnsSection.QUESTION);
            String name = question.name().toLowerCase(Locale.ROOT);
            if (name.endsWith(".")) {
                name = name.substring(0, name.length() - 1);
            }
            asked.add(name + "/" + question.type().name());
            if (silent.contains(name)) {
                return;
            }
            DatagramDnsResponse r = new DatagramDnsResponse(q.recipient(), q.sender(), q.id());
            r.setRecursionAvailable(true);
            r.setAuthoritativeAnswer(true);
            r.addRecord(DnsSection.QUESTION, question);
            if (!names.contains(name)) {
                r.setCode(DnsResponseCode.NXDOMAIN);
            } else {
                for (byte[] rdata : records.getOrDefault(name + "/" + question.type().intValue(), List.of())) {
                    r.addRecord(DnsSection.ANSWER, new DefaultDnsRawRecord(question.name(), question.type(), 60,
                            Unpooled.wrappedBuffer(rdata)));
                }
            }
            ctx.writeAndFlush(r);
        }
    }

    @Override
    public void close() {
        channel.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(3, TimeUnit.SECONDS);
    }
}
