package org.sipbridge.cachedb;

import org.sipbridge.module.JavaModule;
import org.sipbridge.module.JavaModuleProvider;
import org.sipbridge.module.ModuleException;
import org.sipbridge.module.ParamType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * sipbridge's stand-in for OpenSIPS 1.11's cachedb_redis, in Java over Jedis: what
 * {@code loadmodule "cachedb_redis.so"} gets when no such file is on mpath (a real
 * cachedb_redis.so found there wins). As 1.11's module:
 * <ul>
 * <li>{@code modparam("cachedb_redis", "cachedb_url", "redis[:group]://[:password@]host[:port]/[db]")},
 *     once per connection group;</li>
 * <li>mod_init registers the cachedb engine "redis" (C modules bind it with
 *     {@code cachedb_bind_mod("redis://...")});</li>
 * <li>child_init opens each URL on the worker and hands it to the core, so the script's
 *     {@code cache_*("redis[:group]", ...)} use the worker's own connection;</li>
 * <li>destroy closes them.</li>
 * </ul>
 */
public final class CachedbRedisModule extends JavaModule {
    public static final String NAME = "cachedb_redis";
    private static final String ENGINE = "redis";
    private static final Logger log = LoggerFactory.getLogger("org.sipbridge.module.cachedb_redis");
    private static final int PROC_MAIN = 0, PROC_TCP_MAIN = -4;

    private final List<String> urls = new CopyOnWriteArrayList<>();
    private volatile boolean registered;

    public CachedbRedisModule() {
        super(NAME, "sipbridge " + java.util.Objects.requireNonNullElse(
                CachedbRedisModule.class.getPackage().getImplementationVersion(), "(development build)")
                + " (Java stand-in, Jedis)");
        param("cachedb_url", ParamType.STRING, v -> {
            String u = (String) v;
            try {
                RedisUrl.parse(u);
            } catch (IllegalArgumentException e) {
                throw new ModuleException("cachedb_redis: cachedb_url: " + e.getMessage());
            }
            urls.add(u);
        });
    }

    /** The URLs given with cachedb_url, in order. */
    public List<String> urls() {
        return List.copyOf(urls);
    }

    @Override
    public int init() {
        RedisEngine.install();
        if (CachedbNative.get().sb_cachedb_java_register(ENGINE, nativeIndex()) < 0) {
            log.error("failed to register the cachedb engine redis");
            return -1;
        }
        registered = true;
        log.info("cachedb engine redis served by sipbridge's Java stand-in (Jedis), {} URL(s)", urls.size());
        return 0;
    }

    @Override
    public int childInit(int rank) {
        if (rank == PROC_MAIN || rank == PROC_TCP_MAIN) {
            return 0;
        }
        for (String u : urls) {
            if (CachedbNative.get().sb_cachedb_java_connect(ENGINE, u) < 0) {
                log.error("rank {}: failed to open connection to {}", rank, RedisUrl.redact(u));
                return -1;
            }
        }
        return 0;
    }

    @Override
    public void destroy() {
        if (registered) {
            CachedbNative.get().sb_cachedb_java_end(ENGINE);
        }
    }

    /** {@code loadmodule "cachedb_redis.so"} without the file (META-INF/services). */
    public static final class Provider implements JavaModuleProvider {
        @Override
        public String name() {
            return NAME;
        }

        @Override
        public JavaModule create() {
            return new CachedbRedisModule();
        }
    }
}
