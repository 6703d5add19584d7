package org.sipbridge.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The HikariCP pool of one database URL, shared by every handle opened on it (each handle
 * holds one of its connections while it lives). Also caches the tables' unique keys, which
 * PostgreSQL's replace and insert_update need.
 */
final class DbPool implements AutoCloseable {
    /** Pool size: handles hold their connection, so this bounds modules x threads per URL. */
    static final int MAX_CONNECTIONS = Integer.getInteger("sipbridge.db.maxConnections", 64);
    /** How long a handle waits for a connection (the database being down costs this per call). */
    static final long CONNECT_TIMEOUT_MS = Long.getLong("sipbridge.db.connectTimeoutMs", 2000);

    /** The wait for the pool's very first connection: a cold JVM loads the driver (SQLite's
     *  native library) then, which may take seconds on a busy machine. */
    static final long COLD_START_MS = Long.getLong("sipbridge.db.coldStartTimeoutMs", 15000);

    final DbUrl url;
    private volatile boolean warm;
    final Dialect dialect;
    private final HikariDataSource ds;
    private final Map<String, List<List<String>>> uniqueKeys = new ConcurrentHashMap<>();

    DbPool(DbUrl url, Dialect dialect) {
        this.url = url;
        this.dialect = dialect;
        HikariConfig c = new HikariConfig();
        c.setPoolName("sipbridge-db " + url);
        dialect.configure(c, url);
        if (url.user() != null) {
            c.setUsername(url.user());
        }
        if (url.password() != null) {
            c.setPassword(url.password());
        }
        c.setMaximumPoolSize(MAX_CONNECTIONS);
        c.setMinimumIdle(0);
        c.setConnectionTimeout(Math.max(250, Math.max(CONNECT_TIMEOUT_MS, COLD_START_MS)));
        c.setValidationTimeout(Math.max(250, CONNECT_TIMEOUT_MS));
        c.setInitializationFailTimeout(-1);   // the pool starts even when the server is down
        c.setAutoCommit(true);
        this.ds = new HikariDataSource(c);
    }

    Connection connection() throws SQLException {
        // the pool's own timeout is the cold-start one; once a connection was made, a call
        // waits at most CONNECT_TIMEOUT_MS (HikariPool takes a timeout per call)
        long timeout = warm ? Math.max(250, CONNECT_TIMEOUT_MS) : Math.max(CONNECT_TIMEOUT_MS, COLD_START_MS);
        Connection c = ds.getHikariPoolMXBean() instanceof HikariPool p ? p.getConnection(timeout)
                : ds.getConnection();
        warm = true;
        return c;
    }

    /** A connection that failed: closed for good, not handed out again. */
    void evict(Connection c) {
        try {
            ds.evictConnection(c);
        } catch (RuntimeException ignored) {
            // already gone
        }
    }

    /** The column lists of table's unique indexes (primary key included), read once. */
    List<List<String>> uniqueKeys(Connection c, String table) throws SQLException {
        List<List<String>> keys = uniqueKeys.get(table);
        if (keys != null) {
            return keys;
        }
        Map<String, List<String>> byIndex = new LinkedHashMap<>();
        DatabaseMetaData md = c.getMetaData();
        String name = dialect == Dialect.POSTGRES ? table.toLowerCase(Locale.ROOT) : table;
        try (ResultSet rs = md.getIndexInfo(null, null, name, true, false)) {
            while (rs.next()) {
                String index = rs.getString("INDEX_NAME");
                String column = rs.getString("COLUMN_NAME");
                if (index != null && column != null) {
                    byIndex.computeIfAbsent(index, k -> new ArrayList<>()).add(column.toLowerCase(Locale.ROOT));
                }
            }
        }
        keys = List.copyOf(byIndex.values());
        uniqueKeys.put(table, keys);
        return keys;
    }

    @Override
    public void close() {
        ds.close();
    }
}
