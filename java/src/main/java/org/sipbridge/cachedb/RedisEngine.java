package org.sipbridge.cachedb;

import com.sun.jna.Pointer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.sipbridge.bridge.NativeBufferView;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The Java Redis engine behind the C cachedb API: serves the upcalls of
 * native/cachedb/cachedb_java.c (open, close, exec, take). Installed once per JVM; handles
 * live in a map by id, pools by URL (shared by the module systems of one JVM).
 *
 * <p>The C buffer is wrapped as a direct ByteBuffer, cached per thread while C keeps the same
 * buffer, so a call allocates no wrapper.
 */
final class RedisEngine implements CachedbNative.Open, CachedbNative.Close, CachedbNative.Exec, CachedbNative.Take {
    private static final Logger log = LoggerFactory.getLogger("org.sipbridge.cachedb");
    private static final RedisEngine INSTANCE = new RedisEngine();
    private static boolean installed;

    private final Map<Long, RedisHandle> handles = new ConcurrentHashMap<>();
    private final Map<String, RedisPool> pools = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private final ThreadLocal<NativeBufferView> views = ThreadLocal.withInitial(NativeBufferView::new);

    private RedisEngine() {
    }

    /** Hands the callbacks to the core library (idempotent). */
    static synchronized void install() {
        if (!installed) {
            CachedbNative.get().sb_cachedb_java_set_callbacks(INSTANCE, INSTANCE, INSTANCE, INSTANCE);
            Runtime.getRuntime().addShutdownHook(new Thread(INSTANCE::closePools, "sipbridge-redis-close"));
            installed = true;
        }
    }

    /** Open handles (tests check that destroy closes what child_init opened). */
    static int openHandles() {
        return INSTANCE.handles.size();
    }

    @Override
    public long open(long url, int len) {
        String u = null;
        try {
            byte[] b = new byte[len];
            new Pointer(url).read(0, b, 0, len);
            u = new String(b, StandardCharsets.UTF_8);
            RedisUrl parsed = RedisUrl.parse(u);
            // the group is the core's business: one pool per server and database
            RedisPool pool = pools.computeIfAbsent(parsed.host() + ":" + parsed.port() + "/" + parsed.database()
                    + (parsed.password() == null ? "" : "#" + parsed.password().hashCode()), k -> new RedisPool(parsed));
            RedisHandle h = new RedisHandle(ids.incrementAndGet(), pool);
            h.connect();
            handles.put(h.id, h);
            return h.id;
        } catch (IllegalArgumentException e) {
            log.error("cachedb_redis: {}", e.getMessage());
            return -1;
        } catch (Throwable t) {
            // never unwind into C
            log.error("cannot connect to {}: {}", u == null ? "?" : RedisUrl.redact(u), RedisPool.rootMessage(t));
            return -1;
        }
    }

    @Override
    public void close(long handle) {
        RedisHandle h = handles.remove(handle);
        if (h != null) {
            try {
                synchronized (h) {
                    h.close();
                }
            } catch (Throwable t) {
                log.error("closing a redis handle", t);
            }
        }
    }

    @Override
    public int exec(long handle, long buf, int len, int cap) {
        try {
            RedisHandle h = handles.get(handle);
            if (h == null) {
                log.error("cachedb call on a closed or unknown redis handle {}", handle);
                return RedisHandle.ERROR;
            }
            ByteBuffer b = views.get().of(buf, cap);
            b.limit(len);
            synchronized (h) {   // one worker's own connection: uncontended but for a borrow
                return h.exec(b.limit(cap), cap);
            }
        } catch (Throwable t) {
            log.error("cachedb redis call failed", t);
            return RedisHandle.ERROR;
        }
    }

    @Override
    public int take(long handle, long buf, int cap) {
        try {
            RedisHandle h = handles.get(handle);
            if (h == null) {
                return RedisHandle.ERROR;
            }
            synchronized (h) {
                return h.take(views.get().of(buf, cap), cap);
            }
        } catch (Throwable t) {
            log.error("cachedb redis answer copy failed", t);
            return RedisHandle.ERROR;
        }
    }

    private void closePools() {
        for (RedisPool p : pools.values()) {
            try {
                p.close();
            } catch (RuntimeException ignored) {
                // shutting down
            }
        }
    }
}
