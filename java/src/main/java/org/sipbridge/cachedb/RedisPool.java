package org.sipbridge.cachedb;

import org.apache.commons.pool2.PooledObject;
import org.apache.commons.pool2.impl.DefaultPooledObject;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.DefaultJedisSocketFactory;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.JedisFactory;
import redis.clients.jedis.JedisPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;

/**
 * The connections of one Redis URL: a Jedis pool that the handles (one per worker, opened
 * by child_init) borrow a connection from and keep, and give back when it broke or they close.
 * It logs when the server goes away and when it is reachable again (not every failed call).
 *
 * <p>System properties: {@code sipbridge.redis.maxConnections} (default 64),
 * {@code sipbridge.redis.timeoutMs} (connect and read timeout, default 2000).
 */
final class RedisPool implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger("org.sipbridge.cachedb");

    final RedisUrl url;
    private final JedisPool pool;
    private volatile boolean down;

    RedisPool(RedisUrl url) {
        this.url = url;
        int timeout = Integer.getInteger("sipbridge.redis.timeoutMs", 2000);
        GenericObjectPoolConfig<Jedis> cfg = new GenericObjectPoolConfig<>();
        cfg.setMaxTotal(Integer.getInteger("sipbridge.redis.maxConnections", 64));
        cfg.setMaxIdle(cfg.getMaxTotal());
        cfg.setMinIdle(0);
        cfg.setMaxWait(Duration.ofMillis(timeout));   // all connections taken: wait at most this long
        cfg.setJmxEnabled(false);
        DefaultJedisClientConfig.Builder client = DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis(timeout).socketTimeoutMillis(timeout)
                .database(url.database()).clientName("sipbridge");
        if (url.password() != null) {
            client.password(url.password());
        }
        pool = new JedisPool(cfg, new Factory(new HostAndPort(url.host(), url.port()), client.build()));
    }

    /** Jedis's own factory (validation, database, quit), making {@link RawReplyConnection}s. */
    private static final class Factory extends JedisFactory {
        private final DefaultJedisSocketFactory sockets;
        private final JedisClientConfig config;

        Factory(HostAndPort hp, JedisClientConfig config) {
            super(hp, config);
            this.sockets = new DefaultJedisSocketFactory(hp, config);
            this.config = config;
        }

        @Override
        public PooledObject<Jedis> makeObject() {
            return new DefaultPooledObject<>(new Jedis(new RawReplyConnection(sockets, config)));
        }
    }

    /** A connection of the pool (a new one if none is idle); throws when the server cannot be reached. */
    Jedis borrow() {
        try {
            Jedis j = pool.getResource();
            if (down) {
                down = false;
                log.info("redis {} is reachable again", url);
            }
            return j;
        } catch (RuntimeException e) {
            failed(e);
            throw e;
        }
    }

    /** Notes a failure: logged once per outage, at the first failed call. */
    void failed(Exception e) {
        if (!down) {
            down = true;
            log.error("redis {}: {} (calls fail until it is back)", url, rootMessage(e));
        }
    }

    boolean isDown() {
        return down;
    }

    static String rootMessage(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        return c == t ? String.valueOf(t.getMessage()) : t.getMessage() + ": " + c.getMessage();
    }

    @Override
    public void close() {
        pool.close();
    }
}
