package org.sipbridge.cachedb;

import jnr.ffi.LibraryLoader;
import jnr.ffi.LibraryOption;
import jnr.ffi.annotations.Delegate;
import org.sipbridge.bridge.NativeCore;

/**
 * The core library's cachedb entries sipbridge's Java side uses (native/cachedb/cachedb_java.c):
 * the Java engine's registration and upcalls, and the script functions' entry. Loaded once
 * from the same library as {@link org.sipbridge.bridge.CoreCalls}.
 */
public interface CachedbNative {
    void sb_cachedb_java_set_callbacks(Open open, Close close, Exec exec, Take take);

    /** Registers the engine name (e.g. "redis") served by Java, owned by a (Java) module. 0 or -1. */
    int sb_cachedb_java_register(String name, int module);

    /** Opens url on the calling thread and hands it to the core for the script functions. 0 or -1. */
    int sb_cachedb_java_connect(String name, String url);

    /** Closes every connection handed to the core for that engine. */
    void sb_cachedb_java_end(String name);

    /** One cache_* call on buf (layout in cachedb_java.c); 1.11's return value. */
    int sb_cachedb_script(int op, long buf, int cap, int engineLength, int keyLength, int valueLength,
                          int n, int expires);

    /** A fetched value that did not fit: copied into buf[0..cap), its length or -1. */
    int sb_cachedb_script_take(long buf, int cap);

    /** A handle id (> 0) for the URL at url[0..len), or -1. */
    interface Open {
        @Delegate
        long open(long url, int len);
    }

    interface Close {
        @Delegate
        void close(long handle);
    }

    /** One operation; request in buf[0..len), the answer written there (cap bytes); the engine's status. */
    interface Exec {
        @Delegate
        int exec(long handle, long buf, int len, int cap);
    }

    /** The value of the last exec that did not fit, into buf[0..cap); status. */
    interface Take {
        @Delegate
        int take(long handle, long buf, int cap);
    }

    /** The library, loaded on first use. */
    static CachedbNative get() {
        return Holder.INSTANCE;
    }

    final class Holder {
        private static final CachedbNative INSTANCE = LibraryLoader.create(CachedbNative.class)
                .option(LibraryOption.IgnoreError, true).failImmediately()
                .load(NativeCore.get().path().toString());

        private Holder() {
        }
    }
}
