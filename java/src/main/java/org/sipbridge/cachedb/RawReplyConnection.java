package org.sipbridge.cachedb;

import redis.clients.jedis.Connection;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.JedisSocketFactory;
import redis.clients.jedis.util.RedisInputStream;

/**
 * A Jedis connection that can tell a status reply ("+OK") from a bulk string: Jedis reads
 * both as byte[], but 1.11's raw queries answer a status with no rows and a string with
 * one. Only while {@link #markStatus} is set (a raw query on this connection, under the
 * handle's lock) does a status reply come back as a {@link Status}; Jedis's own commands
 * see byte[] as always.
 */
final class RawReplyConnection extends Connection {
    /** A status reply's text. */
    record Status(byte[] text) {
    }

    boolean markStatus;

    RawReplyConnection(JedisSocketFactory socketFactory, JedisClientConfig config) {
        super(socketFactory, config);
    }

    @Override
    protected Object protocolRead(RedisInputStream is) {
        if (markStatus && is.peek((byte) '+')) {
            is.readByte();
            return new Status(is.readLineBytes());
        }
        return super.protocolRead(is);
    }
}
