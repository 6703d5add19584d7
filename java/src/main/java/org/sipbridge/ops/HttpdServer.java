package org.sipbridge.ops;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.timeout.ReadTimeoutHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import org.sipbridge.mi.JsonRpc;
import org.sipbridge.mi.MiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The stand-in for OpenSIPS 3.x's httpd module: one HTTP/1.1 listener (Netty's HTTP codec)
 * serving mi_http's {@code POST /<mi root>} (JSON-RPC 2.0) and the prometheus module's
 * {@code GET /<metrics root>}. Bodies over the limit get a JSON-RPC error (413), the event
 * loop only parses and writes: commands run on a small pool, so a slow one never blocks
 * other connections. Nothing a request does can stop the server.
 */
public final class HttpdServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger("org.sipbridge.httpd");

    private final EventLoopGroup group;
    private final ExecutorService commands;
    private final Channel channel;

    /**
     * @param miRoot      path of the MI (e.g. "/mi"), or null without mi_http
     * @param metricsRoot path of the metrics (e.g. "/metrics"), or null without prometheus
     */
    public HttpdServer(InetSocketAddress bind, int maxBody, JsonRpc rpc, String miRoot, Metrics metrics,
                       String metricsRoot) throws InterruptedException {
        group = new NioEventLoopGroup(1, new DefaultThreadFactory("sipbridge-httpd", true));
        commands = new ThreadPoolExecutor(2, 4, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(1000),
                new DefaultThreadFactory("mi-http", true));
        ServerBootstrap b = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new ReadTimeoutHandler(60));
                        ch.pipeline().addLast(new HttpServerCodec(4096, 16384, 8192));
                        ch.pipeline().addLast(new LimitedAggregator(maxBody, rpc));
                        ch.pipeline().addLast(new Handler(rpc, miRoot, metrics, metricsRoot));
                    }
                });
        try {
            channel = b.bind(bind).sync().channel();
        } catch (RuntimeException | InterruptedException e) {
            close();
            throw e;
        }
    }

    public InetSocketAddress localAddress() {
        return (InetSocketAddress) channel.localAddress();
    }

    @Override
    public void close() {
        if (channel != null) {
            channel.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
        }
        commands.shutdownNow();
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(3, TimeUnit.SECONDS);
    }

    /** Over-limit bodies: a JSON-RPC error instead of Netty's bare 413. */
    private static final class LimitedAggregator extends HttpObjectAggregator {
        private final JsonRpc rpc;

        LimitedAggregator(int max, JsonRpc rpc) {
            super(max);
            this.rpc = rpc;
        }

        @Override
        protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
            byte[] body = rpc.write(JsonRpc.error(com.fasterxml.jackson.databind.node.NullNode.getInstance(),
                    MiException.INVALID_REQUEST, "Invalid Request: body larger than " + maxContentLength() + " bytes"));
            FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                    HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, Unpooled.wrappedBuffer(body));
            r.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json");
            r.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
            r.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            ctx.writeAndFlush(r).addListener(ChannelFutureListener.CLOSE);
        }
    }

    private final class Handler extends SimpleChannelInboundHandler<FullHttpRequest> {
        private final JsonRpc rpc;
        private final String miRoot;
        private final Metrics metrics;
        private final String metricsRoot;

        Handler(JsonRpc rpc, String miRoot, Metrics metrics, String metricsRoot) {
            this.rpc = rpc;
            this.miRoot = miRoot;
            this.metrics = metrics;
            this.metricsRoot = metricsRoot;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
            boolean keepAlive = HttpUtil.isKeepAlive(req);
            if (!req.decoderResult().isSuccess()) {
                send(ctx, HttpResponseStatus.BAD_REQUEST, "text/plain", "bad HTTP request\n".getBytes(), false);
                return;
            }
            String path = req.uri();
            int q = path.indexOf('?');
            if (q >= 0) {
                path = path.substring(0, q);
            }
            if (miRoot != null && path.equals(miRoot)) {
                if (!req.method().equals(HttpMethod.POST)) {
                    send(ctx, HttpResponseStatus.METHOD_NOT_ALLOWED, "text/plain",
                            ("use POST with a JSON-RPC 2.0 body on " + miRoot + "\n").getBytes(), keepAlive);
                    return;
                }
                byte[] body = ByteBufUtil.getBytes(req.content());
                try {
                    commands.execute(() -> {
                        byte[] out;
                        try {
                            out = rpc.handle(body);
                        } catch (RuntimeException | Error e) {
                            log.error("MI request failed", e);
                            out = rpc.write(JsonRpc.error(com.fasterxml.jackson.databind.node.NullNode.getInstance(),
                                    MiException.INTERNAL_ERROR, "Internal error"));
                        }
                        byte[] o = out;
                        ctx.executor().execute(() -> {
                            if (o == null) {
                                send(ctx, HttpResponseStatus.NO_CONTENT, null, new byte[0], keepAlive);
                            } else {
                                send(ctx, HttpResponseStatus.OK, "application/json", o, keepAlive);
                            }
                        });
                    });
                } catch (RejectedExecutionException e) {
                    send(ctx, HttpResponseStatus.SERVICE_UNAVAILABLE, "application/json",
                            rpc.write(JsonRpc.error(com.fasterxml.jackson.databind.node.NullNode.getInstance(),
                                    MiException.INTERNAL_ERROR, "too many MI requests waiting")), false);
                }
                return;
            }
            if (metrics != null && path.equals(metricsRoot)) {
                if (!req.method().equals(HttpMethod.GET)) {
                    send(ctx, HttpResponseStatus.METHOD_NOT_ALLOWED, "text/plain", "use GET\n".getBytes(), keepAlive);
                    return;
                }
                try {
                    commands.execute(() -> {
                        byte[] o;
                        HttpResponseStatus st = HttpResponseStatus.OK;
                        try {
                            o = metrics.scrape();
                        } catch (Exception | Error e) {
                            log.error("metrics scrape failed", e);
                            o = ("scrape failed: " + e + "\n").getBytes(StandardCharsets.UTF_8);
                            st = HttpResponseStatus.INTERNAL_SERVER_ERROR;
                        }
                        byte[] body = o;
                        HttpResponseStatus status = st;
                        ctx.executor().execute(() -> send(ctx, status,
                                status == HttpResponseStatus.OK ? metrics.contentType() : "text/plain", body, keepAlive));
                    });
                } catch (RejectedExecutionException e) {
                    send(ctx, HttpResponseStatus.SERVICE_UNAVAILABLE, "text/plain", "busy\n".getBytes(), false);
                }
                return;
            }
            send(ctx, HttpResponseStatus.NOT_FOUND, "text/plain", ("no resource " + path + "\n").getBytes(), keepAlive);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();   // read timeouts, resets: the connection ends, the server does not
        }
    }

    private static void send(ChannelHandlerContext ctx, HttpResponseStatus status, String type, byte[] body,
                             boolean keepAlive) {
        FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(body));
        if (type != null) {
            r.headers().set(HttpHeaderNames.CONTENT_TYPE, type);
        }
        r.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
        if (keepAlive) {
            r.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
            ctx.writeAndFlush(r);
        } else {
            ctx.writeAndFlush(r).addListener(ChannelFutureListener.CLOSE);
        }
    }
}
