package org.sipbridge.cachedb;

import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.params.SetParams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * One cachedb connection of the Java Redis engine (what cachedb_redis's init returns): one
 * Jedis connection, used by the worker that opened it (the core serialises the rare borrow
 * by another thread). The operations follow 1.11's cachedb_redis: GET, SET (+ expiry),
 * DEL, INCRBY/DECRBY (+ EXPIRE), and its return codes. A call that finds the connection
 * broken gets a new one and is retried once, as 1.11 reconnects and retries.
 */
final class RedisHandle {
    private static final Logger log = LoggerFactory.getLogger("org.sipbridge.cachedb");

    /** Operation codes (cachedb_java.c). */
    static final int GET = 1, GET_COUNTER = 2, SET = 3, REMOVE = 4, ADD = 5, SUB = 6, RAW = 7;
    /** Statuses, as 1.11's cachedb_redis returns them. */
    static final int OK = 0, NOT_FOUND_ON_REMOVE = 1, ERROR = -1, NO_KEY = -2, NOT_A_COUNTER = -3;
    /** The value did not fit the C buffer: its length is at buf[0], take() writes it. */
    static final int MORE = 2;
    private static final int HDR = 20;

    final long id;
    private final RedisPool pool;
    private Jedis jedis;
    private byte[] pending;

    RedisHandle(long id, RedisPool pool) {
        this.id = id;
        this.pool = pool;
    }

    /** Takes the connection now: init fails, as 1.11's, when the server cannot be reached. */
    void connect() {
        jedis = pool.borrow();
    }

    void close() {
        Jedis j = jedis;
        jedis = null;
        if (j != null) {
            j.close();   // back to the pool (destroyed there when broken)
        }
    }

    /** Runs the request in b (position 0, limit = its length); the answer goes to b[0..cap). */
    int exec(ByteBuffer b, int cap) {
        int op = b.getInt(0), n = b.getInt(4), expires = b.getInt(8), klen = b.getInt(12), vlen = b.getInt(16);
        byte[] key = new byte[klen];
        b.get(HDR, key);
        byte[] value = null;
        if (vlen >= 0) {
            value = new byte[vlen];
            b.get(HDR + klen, value);
        }
        for (int attempt = 0; ; attempt++) {
            try {
                if (jedis == null) {
                    jedis = pool.borrow();
                }
                return run(jedis, op, key, value, n, expires, b, cap);
            } catch (JedisConnectionException e) {
                close();   // broken: the pool drops it
                pool.failed(e);
                if (attempt >= 1) {
                    return ERROR;
                }
            } catch (JedisException e) {
                log.error("redis {}: {} on key '{}': {}", pool.url, opName(op), printable(key), e.getMessage());
                return ERROR;
            }
        }
    }

    private int run(Jedis j, int op, byte[] key, byte[] value, int n, int expires, ByteBuffer b, int cap) {
        switch (op) {
            case GET: {
                byte[] v = j.get(key);
                if (v == null || v.length == 0) {
                    return NO_KEY;
                }
                b.putInt(0, v.length);
                if (4 + v.length > cap) {
                    pending = v;
                    return MORE;
                }
                b.put(4, v);
                return OK;
            }
            case GET_COUNTER: {
                byte[] v = j.get(key);
                if (v == null || v.length == 0) {
                    return NO_KEY;
                }
                try {
                    b.putInt(0, Integer.parseInt(new String(v, StandardCharsets.US_ASCII).trim()));
                } catch (NumberFormatException e) {
                    log.error("redis key '{}' is not a counter", printable(key));
                    return NOT_A_COUNTER;
                }
                return OK;
            }
            case SET:
                if (expires > 0) {
                    j.set(key, value == null ? new byte[0] : value, SetParams.setParams().ex(expires));
                } else {
                    j.set(key, value == null ? new byte[0] : value);
                }
                return OK;
            case REMOVE:
                return j.del(key) == 0 ? NOT_FOUND_ON_REMOVE : OK;
            case ADD:
            case SUB: {
                long r = op == ADD ? j.incrBy(key, n) : j.decrBy(key, n);
                if (expires > 0) {
                    j.expire(key, expires);
                }
                b.putInt(0, (int) r);   // 1.11 hands the counter back as an int
                return OK;
            }
            case RAW:
                return raw(j, key, b, cap);
            default:
                log.error("unknown cachedb operation {}", op);
                return ERROR;
        }
    }

    /**
     * A raw query as 1.11's cachedb_redis runs it: the text split at spaces into the command
     * and its arguments. Answer (as a GET's: length, then the bytes): the number of rows,
     * then per row its type (0 integer, 1 string) and the integer or the string's length and
     * bytes. A string or integer reply is one row, an array one row per string or integer
     * element (others skipped), a status none; nil is NO_KEY; an error reply is ERROR.
     */
    private int raw(Jedis j, byte[] query, ByteBuffer b, int cap) {
        String[] words = new String(query, StandardCharsets.UTF_8).trim().split(" +");
        if (words.length == 0 || words[0].isEmpty()) {
            log.error("empty redis raw query");
            return ERROR;
        }
        byte[][] args = new byte[words.length - 1][];
        for (int i = 1; i < words.length; i++) {
            args[i - 1] = words[i].getBytes(StandardCharsets.UTF_8);
        }
        byte[] command = words[0].getBytes(StandardCharsets.UTF_8);
        RawReplyConnection c = (RawReplyConnection) j.getConnection();
        Object reply;
        c.markStatus = true;
        try {
            c.sendCommand(() -> command, args);
            reply = c.getOne();
        } finally {
            c.markStatus = false;
        }
        if (reply == null) {
            return NO_KEY;
        }
        java.io.ByteArrayOutputStream rows = new java.io.ByteArrayOutputStream();
        int n = 0;
        if (reply instanceof java.util.List<?> list) {
            for (Object e : list) {
                n += rawRow(e, rows);
            }
        } else if (!(reply instanceof RawReplyConnection.Status)) {
            n = rawRow(reply, rows);
        }
        byte[] body = rows.toByteArray();
        byte[] all = ByteBuffer.allocate(4 + body.length).order(java.nio.ByteOrder.nativeOrder()).putInt(n).put(body).array();
        b.putInt(0, all.length);
        if (4 + all.length > cap) {
            pending = all;
            return MORE;
        }
        b.put(4, all);
        return OK;
    }

    private static int rawRow(Object e, java.io.ByteArrayOutputStream out) {
        ByteBuffer h = ByteBuffer.allocate(8).order(java.nio.ByteOrder.nativeOrder());   // C reads it
        if (e instanceof Long l) {
            out.writeBytes(h.putInt(0).putInt((int) (long) l).array());   // 1.11 keeps an int
            return 1;
        }
        if (e instanceof byte[] s) {
            out.writeBytes(h.putInt(1).putInt(s.length).array());
            out.writeBytes(s);
            return 1;
        }
        return 0;
    }

    /** The pending value of the last GET that did not fit. */
    int take(ByteBuffer b, int cap) {
        byte[] v = pending;
        pending = null;
        if (v == null || 4 + v.length > cap) {
            return ERROR;
        }
        b.putInt(0, v.length);
        b.put(4, v);
        return OK;
    }

    private static String opName(int op) {
        return switch (op) {
            case GET, GET_COUNTER -> "GET";
            case SET -> "SET";
            case REMOVE -> "DEL";
            case ADD -> "INCRBY";
            case SUB -> "DECRBY";
            case RAW -> "raw query";
            default -> "operation " + op;
        };
    }

    private static String printable(byte[] key) {
        String s = new String(key, StandardCharsets.UTF_8);
        return s.length() > 64 ? s.substring(0, 64) + "..." : s;
    }
}
