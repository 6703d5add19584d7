package org.sipbridge.db;

import com.sun.jna.Pointer;
import org.sipbridge.bridge.CoreCalls;
import org.sipbridge.bridge.NativeBufferView;
import org.sipbridge.bridge.NativeCore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * sipbridge's Java DB drivers behind the C DB API: serves the upcalls of
 * native/db/db_java.c (open, close, exec, take, serves). Installed once per JVM, before any
 * module can call db_bind_mod. Handles live in a map by id; pools by URL.
 *
 * <p>Reading a request: the C buffer is wrapped as a direct ByteBuffer, cached per thread
 * while the C side keeps the same buffer, so a call allocates no wrapper.
 */
public final class DbBridge implements CoreCalls.DbOpen, CoreCalls.DbClose, CoreCalls.DbExec,
        CoreCalls.DbTake, CoreCalls.DbServes {
    private static final Logger log = LoggerFactory.getLogger("org.sipbridge.db");
    private static final DbBridge INSTANCE = new DbBridge();
    private static boolean installed;

    private final Map<Long, DbHandle> handles = new ConcurrentHashMap<>();
    private final Map<String, DbPool> pools = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private final ThreadLocal<NativeBufferView> views = ThreadLocal.withInitial(NativeBufferView::new);

    private DbBridge() {
    }

    /** Registers the drivers with the core library (idempotent). */
    public static synchronized void install(NativeCore core) {
        if (!installed) {
            core.calls().sb_db_set_callbacks(INSTANCE, INSTANCE, INSTANCE, INSTANCE, INSTANCE);
            Runtime.getRuntime().addShutdownHook(new Thread(INSTANCE::closePools, "sipbridge-db-close"));
            installed = true;
        }
    }

    /** Open handles (tests check that modules close what they open). */
    public static int openHandles() {
        return INSTANCE.handles.size();
    }

    private static String text(long address, int len) {
        byte[] b = new byte[len];
        new Pointer(address).read(0, b, 0, len);
        return new String(b, StandardCharsets.UTF_8);
    }

    @Override
    public int serves(long url, int len) {
        try {
            String u = text(url, len);
            int colon = u.indexOf(':');
            // a URL, or a bare driver name ("postgres"), as db_bind_mod accepts both
            return Dialect.of(colon > 0 ? u.substring(0, colon) : u) != null ? 1 : 0;
        } catch (Throwable t) {
            return 0;
        }
    }

    @Override
    public long open(long url, int len) {
        String u = null;
        try {
            u = text(url, len);
            DbUrl parsed = DbUrl.parse(u);
            Dialect d = Dialect.of(parsed.scheme());
            if (d == null) {
                log.error("no Java driver for {}", parsed);
                return -1;
            }
            DbPool pool = pools.computeIfAbsent(u, k -> new DbPool(parsed, d));
            DbHandle h = new DbHandle(ids.incrementAndGet(), pool);
            h.connect();
            handles.put(h.id, h);
            return h.id;
        } catch (SQLException e) {
            log.error("cannot connect to {}: {}", u == null ? "?" : DbUrl.redact(u), e.getMessage());
            return -1;
        } catch (Throwable t) {
            // never unwind into C
            log.error("cannot open {}: {}", u == null ? "?" : DbUrl.redact(u), t.toString());
            return -1;
        }
    }

    @Override
    public void close(long handle) {
        DbHandle h = handles.remove(handle);
        if (h != null) {
            try {
                h.close();
            } catch (Throwable t) {
                log.error("closing a DB handle", t);
            }
        }
    }

    @Override
    public int exec(long handle, long buf, int len, int cap) {
        try {
            DbHandle h = handles.get(handle);
            if (h == null) {
                log.error("DB call on a closed or unknown handle {}", handle);
                return -1;
            }
            ByteBuffer b = views.get().of(buf, cap);
            b.limit(len);
            synchronized (h) {   // the answer stays the handle's until copied out
                h.exec(b);
                int n = h.answer.length();
                if (n <= cap) {
                    b.clear();
                    b.put(h.answer.flipped());
                }
                return n;
            }
        } catch (Throwable t) {
            log.error("DB call failed", t);
            return -1;
        }
    }

    @Override
    public int take(long handle, long buf, int cap) {
        try {
            DbHandle h = handles.get(handle);
            if (h == null || h.answer.length() > cap) {
                return -1;
            }
            synchronized (h) {
                ByteBuffer b = views.get().of(buf, cap);
                b.put(h.answer.flipped());
                return h.answer.length();
            }
        } catch (Throwable t) {
            log.error("DB answer copy failed", t);
            return -1;
        }
    }

    private void closePools() {
        for (DbPool p : pools.values()) {
            try {
                p.close();
            } catch (RuntimeException ignored) {
                // shutting down
            }
        }
    }
}
