package org.sipbridge.db;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One db_con_t of sipbridge's Java drivers: the connection it holds (a worker's own, as an
 * OpenSIPS child's), its prepared statements, an open cursor for fetch_result, and the
 * decoding of requests / encoding of answers. Used by one thread at a time (the module lock
 * of the module that owns the handle); synchronized anyway, since nothing forbids a module
 * to hand a handle to another thread.
 *
 * <p>A statement that fails because the connection broke (SQLState class 08, or the
 * connection found closed) is retried once on a new connection; so a database restart
 * between two calls is invisible, and while it is down every call fails (-1) after
 * {@link DbPool#CONNECT_TIMEOUT_MS} at most.
 */
final class DbHandle {
    private static final Logger log = LoggerFactory.getLogger("org.sipbridge.db");
    private static final Pattern IDENT = Pattern.compile("[A-Za-z_][A-Za-z0-9_$.]*");
    private static final Pattern ORDER = Pattern.compile("[A-Za-z0-9_$., ]+");
    private static final DateTimeFormatter DATETIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final int STATEMENT_CACHE = 32;

    final long id;
    private final DbPool pool;
    private final Dialect dialect;
    private Connection conn;
    private final Map<String, PreparedStatement> statements =
            new LinkedHashMap<>(STATEMENT_CACHE * 2, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, PreparedStatement> e) {
                    if (size() > STATEMENT_CACHE) {
                        closeQuietly(e.getValue());
                        return true;
                    }
                    return false;
                }
            };
    private ResultSet cursor;
    private int[] cursorTypes;

    // the request being run (reused)
    private int op;
    private String table;
    private int flags;
    private int n;
    private String[] keys = new String[8];
    private String[] ops = new String[8];
    private DbValue[] vals = values(8);
    private int un;
    private String[] ukeys = new String[8];
    private DbValue[] uvals = values(8);
    private final List<String> columns = new ArrayList<>();
    private String order;
    private String raw;
    private boolean wantResult;
    private int fetchRows;
    private final StringBuilder sql = new StringBuilder(256);

    /** The answer of the last exec (what {@code take} copies when it did not fit). */
    final Answer answer = new Answer();

    DbHandle(long id, DbPool pool) {
        this.id = id;
        this.pool = pool;
        this.dialect = pool.dialect;
    }

    /** Takes the handle's connection now: init fails, as in OpenSIPS, when the server is unreachable. */
    synchronized void connect() throws SQLException {
        connection();
    }

    private Connection connection() throws SQLException {
        if (conn == null) {
            conn = pool.connection();
        }
        return conn;
    }

    /** Runs the request in req; the answer is in {@link #answer}. */
    synchronized void exec(ByteBuffer req) {
        answer.reset();
        try {
            parse(req);
        } catch (RuntimeException e) {
            log.error("{}: malformed or refused request: {}", pool.url, e.getMessage());
            answer.i32(-1);
            return;
        }
        if (op != Wire.OP_FETCH) {
            closeCursor();
        }
        for (int attempt = 0; ; attempt++) {
            try {
                answer.i32(0);
                run();
                return;
            } catch (SQLException e) {
                boolean broken = connectionBroken(e);
                if (broken) {
                    dropConnection();
                }
                if (broken && attempt == 0 && op != Wire.OP_FETCH && op != Wire.OP_CLOSE_CURSOR
                        && op != Wire.OP_LAST_ID) {
                    answer.reset();
                    sql.setLength(0);
                    continue;   // once, on a new connection
                }
                log.error("{}: {} failed: {} (SQLState {}){}", pool.url, opName(), e.getMessage(),
                        e.getSQLState(), sql.length() > 0 ? " [" + sql + "]" : "");
            } catch (DbException e) {
                log.error("{}: {} refused: {}", pool.url, opName(), e.getMessage());
            }
            answer.reset();
            answer.i32(-1);
            return;
        }
    }

    synchronized void close() {
        closeCursor();
        for (PreparedStatement s : statements.values()) {
            closeQuietly(s);
        }
        statements.clear();
        if (conn != null) {
            try {
                conn.close();   // back to the pool
            } catch (SQLException ignored) {
                // the pool replaces it
            }
            conn = null;
        }
    }

    // ---- request decoding

    private void parse(ByteBuffer b) {
        op = b.get() & 0xff;
        table = DbValue.readString(b);
        flags = b.getInt();
        n = 0;
        un = 0;
        columns.clear();
        order = null;
        raw = null;
        sql.setLength(0);
        switch (op) {
            case Wire.OP_QUERY -> {
                readWhere(b);
                int nc = b.getInt();
                for (int i = 0; i < nc; i++) {
                    columns.add(ident(DbValue.readString(b)));
                }
                order = DbValue.readString(b);
                if (order != null && !ORDER.matcher(order).matches()) {
                    throw new DbException("bad order by '" + order + "'");
                }
                wantResult = b.get() != 0;
            }
            case Wire.OP_FETCH -> fetchRows = b.getInt();
            case Wire.OP_RAW -> {
                raw = DbValue.readString(b);
                wantResult = b.get() != 0;
            }
            case Wire.OP_INSERT, Wire.OP_REPLACE, Wire.OP_INSERT_UPDATE -> readSet(b, false);
            case Wire.OP_DELETE -> readWhere(b);
            case Wire.OP_UPDATE -> {
                readWhere(b);
                readSet(b, true);
            }
            case Wire.OP_LAST_ID, Wire.OP_CLOSE_CURSOR -> {
            }
            default -> throw new DbException("unknown operation " + op);
        }
        if (table != null) {
            ident(table);
        } else if (op != Wire.OP_RAW && op != Wire.OP_FETCH && op != Wire.OP_LAST_ID
                && op != Wire.OP_CLOSE_CURSOR) {
            throw new DbException("no table set (db_use_table)");
        }
    }

    private void readWhere(ByteBuffer b) {
        n = b.getInt();
        if (n > keys.length) {
            keys = new String[n];
            ops = new String[n];
            vals = values(n);
        }
        for (int i = 0; i < n; i++) {
            keys[i] = ident(DbValue.readString(b));
            ops[i] = operator(DbValue.readString(b));
            vals[i].read(b);
        }
    }

    private void readSet(ByteBuffer b, boolean update) {
        int count = b.getInt();
        String[] k = update ? ukeys : keys;
        DbValue[] v = update ? uvals : vals;
        if (count > k.length) {
            k = new String[count];
            v = values(count);
            if (update) {
                ukeys = k;
                uvals = v;
            } else {
                keys = k;
                ops = new String[count];
                vals = v;
            }
        }
        for (int i = 0; i < count; i++) {
            k[i] = ident(DbValue.readString(b));
            v[i].read(b);
        }
        if (update) {
            un = count;
        } else {
            n = count;
        }
    }

    private static DbValue[] values(int count) {
        DbValue[] a = new DbValue[count];
        for (int i = 0; i < count; i++) {
            a[i] = new DbValue();
        }
        return a;
    }

    private static String ident(String s) {
        if (s == null || !IDENT.matcher(s).matches()) {
            throw new DbException("bad table or column name '" + s + "'");
        }
        return s;
    }

    private static String operator(String s) {
        if (s == null) {
            return "=";
        }
        String o = s.trim().toLowerCase(Locale.ROOT);
        return switch (o) {
            case "=", "!=", "<>", "<", ">", "<=", ">=", "like", "not like", "is", "is not" -> o;
            default -> throw new DbException("unsupported operator '" + s + "'");
        };
    }

    private String opName() {
        return switch (op) {
            case Wire.OP_QUERY -> "query on " + table;
            case Wire.OP_FETCH -> "fetch_result";
            case Wire.OP_RAW -> "raw_query";
            case Wire.OP_INSERT -> "insert into " + table;
            case Wire.OP_DELETE -> "delete from " + table;
            case Wire.OP_UPDATE -> "update of " + table;
            case Wire.OP_REPLACE -> "replace into " + table;
            case Wire.OP_LAST_ID -> "last_inserted_id";
            case Wire.OP_INSERT_UPDATE -> "insert_update into " + table;
            default -> "close of a cursor";
        };
    }

    // ---- running

    private void run() throws SQLException {
        switch (op) {
            case Wire.OP_QUERY -> query();
            case Wire.OP_FETCH -> fetch();
            case Wire.OP_RAW -> rawQuery();
            case Wire.OP_INSERT -> update(insertSql(null));
            case Wire.OP_DELETE -> delete();
            case Wire.OP_UPDATE -> updateRows();
            case Wire.OP_REPLACE -> replace();
            case Wire.OP_INSERT_UPDATE -> insertUpdate();
            case Wire.OP_LAST_ID -> lastId();
            default -> closeCursor();
        }
    }

    private void query() throws SQLException {
        sql.append("SELECT ");
        if (columns.isEmpty()) {
            sql.append('*');
        } else {
            for (int i = 0; i < columns.size(); i++) {
                sql.append(i > 0 ? "," : "").append(columns.get(i));
            }
        }
        sql.append(" FROM ").append(table);
        where();
        if (order != null) {
            sql.append(" ORDER BY ").append(order);
        }
        PreparedStatement ps = prepare(sql.toString());
        bindWhere(ps, 1);
        ResultSet rs = ps.executeQuery();
        if (wantResult) {
            try (rs) {
                writeResult(rs, Integer.MAX_VALUE, true);
            }
        } else {
            cursor = rs;   // fetch_result reads it
            cursorTypes = null;
        }
    }

    private void fetch() throws SQLException {
        if (cursor == null) {
            throw new DbException("fetch_result without an open query");
        }
        writeResult(cursor, Math.max(fetchRows, 0), false);
    }

    private void rawQuery() throws SQLException {
        sql.append(raw);
        try (Statement st = connection().createStatement()) {
            boolean hasRows = st.execute(raw);
            if (wantResult) {
                if (hasRows) {
                    try (ResultSet rs = st.getResultSet()) {
                        writeResult(rs, Integer.MAX_VALUE, true);
                    }
                } else {
                    answer.i32(0);
                }
            }
        }
    }

    private void delete() throws SQLException {
        sql.append("DELETE FROM ").append(table);
        where();
        PreparedStatement ps = prepare(sql.toString());
        bindWhere(ps, 1);
        ps.executeUpdate();
    }

    private void updateRows() throws SQLException {
        sql.append("UPDATE ").append(table).append(" SET ");
        for (int i = 0; i < un; i++) {
            sql.append(i > 0 ? "," : "").append(ukeys[i]).append("=?");
        }
        where();
        PreparedStatement ps = prepare(sql.toString());
        for (int i = 0; i < un; i++) {
            bind(ps, i + 1, uvals[i]);
        }
        bindWhere(ps, un + 1);
        ps.executeUpdate();
    }

    /** INSERT INTO table (keys) VALUES (?...) followed by tail (or nothing). */
    private String insertSql(String tail) {
        sql.append("INSERT INTO ").append(table).append(" (");
        appendKeys();
        sql.append(") VALUES (");
        appendMarks();
        sql.append(')');
        if (tail != null) {
            sql.append(tail);
        }
        return sql.toString();
    }

    private void appendKeys() {
        for (int i = 0; i < n; i++) {
            sql.append(i > 0 ? "," : "").append(keys[i]);
        }
    }

    private void appendMarks() {
        for (int i = 0; i < n; i++) {
            sql.append(i > 0 ? ",?" : "?");
        }
    }

    private void update(String text) throws SQLException {
        PreparedStatement ps = prepare(text);
        for (int i = 0; i < n; i++) {
            bind(ps, i + 1, vals[i]);
        }
        ps.executeUpdate();
    }

    private void replace() throws SQLException {
        StringBuilder cols = new StringBuilder();
        StringBuilder marks = new StringBuilder();
        for (int i = 0; i < n; i++) {
            cols.append(i > 0 ? "," : "").append(keys[i]);
            marks.append(i > 0 ? ",?" : "?");
        }
        String one = dialect.replace(table, cols.toString(), marks.toString());
        if (one != null) {
            sql.append(one);
            update(one);
            return;
        }
        // PostgreSQL: delete what collides on any unique key, then insert, in one transaction
        Connection c = connection();
        List<List<String>> unique = covered(pool.uniqueKeys(c, table));
        c.setAutoCommit(false);
        try {
            for (List<String> key : unique) {
                StringBuilder del = new StringBuilder("DELETE FROM ").append(table).append(" WHERE ");
                for (int j = 0; j < key.size(); j++) {
                    del.append(j > 0 ? " AND " : "").append(key.get(j)).append("=?");
                }
                PreparedStatement ps = prepare(del.toString());
                for (int j = 0; j < key.size(); j++) {
                    bind(ps, j + 1, vals[indexOf(key.get(j))]);
                }
                ps.executeUpdate();
            }
            update(insertSql(null));
            c.commit();
        } catch (SQLException | RuntimeException e) {
            try {
                c.rollback();
            } catch (SQLException ignored) {
                // the connection is broken: the caller drops it
            }
            throw e;
        } finally {
            try {
                c.setAutoCommit(true);
            } catch (SQLException ignored) {
                // as above
            }
        }
    }

    private void insertUpdate() throws SQLException {
        StringBuilder tail = new StringBuilder();
        switch (dialect) {
            case MYSQL -> {
                tail.append(" ON DUPLICATE KEY UPDATE ");
                for (int i = 0; i < n; i++) {
                    tail.append(i > 0 ? "," : "").append(keys[i]).append("=VALUES(").append(keys[i]).append(')');
                }
            }
            case SQLITE -> {
                tail.append(" ON CONFLICT DO UPDATE SET ");
                for (int i = 0; i < n; i++) {
                    tail.append(i > 0 ? "," : "").append(keys[i]).append("=excluded.").append(keys[i]);
                }
            }
            case POSTGRES -> {
                List<List<String>> unique = covered(pool.uniqueKeys(connection(), table));
                if (!unique.isEmpty()) {
                    List<String> target = unique.get(0);
                    tail.append(" ON CONFLICT (").append(String.join(",", target)).append(") DO UPDATE SET ");
                    int written = 0;
                    for (int i = 0; i < n; i++) {
                        if (!target.contains(keys[i].toLowerCase(Locale.ROOT))) {
                            tail.append(written++ > 0 ? "," : "").append(keys[i]).append("=EXCLUDED.").append(keys[i]);
                        }
                    }
                    if (written == 0) {
                        tail.setLength(0);
                        tail.append(" ON CONFLICT (").append(String.join(",", target)).append(") DO NOTHING");
                    }
                }
            }
        }
        update(insertSql(tail.toString()));
    }

    /** The unique keys all of whose columns the request sets. */
    private List<List<String>> covered(List<List<String>> unique) {
        List<List<String>> out = new ArrayList<>();
        for (List<String> key : unique) {
            boolean all = true;
            for (String col : key) {
                all &= indexOf(col) >= 0;
            }
            if (all) {
                out.add(key);
            }
        }
        return out;
    }

    private int indexOf(String column) {
        for (int i = 0; i < n; i++) {
            if (keys[i].equalsIgnoreCase(column)) {
                return i;
            }
        }
        return -1;
    }

    private void lastId() throws SQLException {
        sql.append(dialect.lastIdQuery());
        long value = 0;
        try (Statement st = connection().createStatement(); ResultSet rs = st.executeQuery(sql.toString())) {
            if (rs.next()) {
                value = rs.getLong(1);
            }
        } catch (SQLException e) {
            if (!"55000".equals(e.getSQLState())) {   // PostgreSQL: no sequence used yet
                throw e;
            }
        }
        answer.i64(value);
    }

    private void where() {
        if (n == 0) {
            return;
        }
        String join = (flags & Wire.CON_OR_OPERATOR) != 0 ? " OR " : " AND ";
        sql.append(" WHERE ");
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                sql.append(join);
            }
            sql.append(keys[i]);
            String o = ops[i];
            if (Character.isLetter(o.charAt(0))) {
                sql.append(' ').append(o).append(" ?");
            } else {
                sql.append(o).append('?');
            }
        }
    }

    private void bindWhere(PreparedStatement ps, int first) throws SQLException {
        for (int i = 0; i < n; i++) {
            bind(ps, first + i, vals[i]);
        }
    }

    private void bind(PreparedStatement ps, int at, DbValue v) throws SQLException {
        if (v.isNull) {
            ps.setNull(at, Types.NULL);
            return;
        }
        switch (v.type) {
            // a bitmap is stored in an integer column as its signed 32-bit value (as 1.11's drivers do)
            case Wire.DB_INT, Wire.DB_BITMAP -> ps.setInt(at, (int) v.number);
            case Wire.DB_BIGINT -> ps.setLong(at, v.number);
            case Wire.DB_DOUBLE -> ps.setDouble(at, v.real);
            case Wire.DB_STRING, Wire.DB_STR -> ps.setString(at, v.text);
            case Wire.DB_BLOB -> ps.setBytes(at, v.bytes);
            case Wire.DB_DATETIME -> {
                if (dialect.datetimeAsText()) {
                    ps.setString(at, DATETIME.format(LocalDateTime.ofEpochSecond(v.number, 0,
                            ZoneId.systemDefault().getRules().getOffset(java.time.Instant.ofEpochSecond(v.number)))));
                } else {
                    ps.setTimestamp(at, new Timestamp(v.number * 1000L));
                }
            }
            default -> throw new DbException("unknown value type " + v.type);
        }
    }

    private PreparedStatement prepare(String text) throws SQLException {
        PreparedStatement ps = statements.get(text);
        if (ps == null) {
            ps = connection().prepareStatement(text);
            statements.put(text, ps);
        }
        return ps;
    }

    // ---- answers

    /** Writes up to max rows of rs (and its columns) as a result answer. */
    private void writeResult(ResultSet rs, int max, boolean complete) throws SQLException {
        ResultSetMetaData md = rs.getMetaData();
        int ncols = md.getColumnCount();
        int[] types = cursorTypes;
        if (types == null || types.length != ncols || complete) {
            types = new int[ncols];
            for (int i = 0; i < ncols; i++) {
                types[i] = dialect.columnType(md, i + 1);
            }
            if (!complete) {
                cursorTypes = types;
            }
        }
        answer.i32(1);
        answer.i32(ncols);
        int nameBytesAt = answer.i32Slot();
        int nameBytes = 0;
        for (int i = 0; i < ncols; i++) {
            byte[] name = md.getColumnLabel(i + 1).getBytes(StandardCharsets.UTF_8);
            nameBytes += name.length;
            answer.bytes(name);
            answer.u8(types[i]);
        }
        answer.i32At(nameBytesAt, nameBytes);
        int rowsAt = answer.i32Slot();
        int totalAt = answer.i32Slot();
        int varAt = answer.i32Slot();
        int rows = 0;
        long var = 0;
        while (rows < max && rs.next()) {
            for (int i = 0; i < ncols; i++) {
                var += writeValue(rs, i + 1, types[i]);
            }
            rows++;
        }
        if (var > Integer.MAX_VALUE - 4096) {
            throw new DbException("result too large (" + var + " bytes of text)");
        }
        answer.i32At(rowsAt, rows);
        answer.i32At(totalAt, complete ? rows : -1);
        answer.i32At(varAt, (int) var);
    }

    /** One value; the bytes it adds to the rows block's string area. */
    private int writeValue(ResultSet rs, int col, int type) throws SQLException {
        answer.u8(type);
        switch (type) {
            case Wire.DB_INT, Wire.DB_BIGINT -> {
                long v = rs.getLong(col);
                if (nul(rs)) {
                    return 0;
                }
                if (type == Wire.DB_INT) {
                    answer.i32((int) v);
                } else {
                    answer.i64(v);
                }
                return 0;
            }
            case Wire.DB_DOUBLE -> {
                double v = rs.getDouble(col);
                if (!nul(rs)) {
                    answer.f64(v);
                }
                return 0;
            }
            case Wire.DB_DATETIME -> {
                long seconds;
                if (dialect.datetimeAsText()) {
                    Object o = rs.getObject(col);
                    if (o == null) {
                        answer.u8(1);
                        return 0;
                    }
                    seconds = o instanceof Number num ? num.longValue() : parseDatetime(o.toString());
                } else {
                    Timestamp ts = rs.getTimestamp(col);
                    if (ts == null) {
                        answer.u8(1);
                        return 0;
                    }
                    seconds = Math.floorDiv(ts.getTime(), 1000L);
                }
                answer.u8(0);
                answer.i64(seconds);
                return 0;
            }
            case Wire.DB_BITMAP -> {
                Object o = rs.getObject(col);
                if (o == null) {
                    answer.u8(1);
                    return 0;
                }
                answer.u8(0);
                answer.i32(bitmap(o));
                return 0;
            }
            case Wire.DB_BLOB -> {
                byte[] b = rs.getBytes(col);
                if (b == null) {
                    answer.u8(1);
                    return 0;
                }
                answer.u8(0);
                answer.bytes(b);
                return b.length + 1;
            }
            default -> {
                String s = rs.getString(col);
                if (s == null) {
                    answer.u8(1);
                    return 0;
                }
                byte[] b = s.getBytes(StandardCharsets.UTF_8);
                answer.u8(0);
                answer.bytes(b);
                return b.length + 1;
            }
        }
    }

    private boolean nul(ResultSet rs) throws SQLException {
        boolean isNull = rs.wasNull();
        answer.u8(isNull ? 1 : 0);
        return isNull;
    }

    private static int bitmap(Object o) {
        if (o instanceof Boolean b) {
            return b ? 1 : 0;
        }
        if (o instanceof Number num) {
            return (int) num.longValue();
        }
        String s = o.toString();
        if (!s.isEmpty() && s.chars().allMatch(ch -> ch == '0' || ch == '1')) {
            return (int) Long.parseLong(s, 2);
        }
        return (int) Long.parseLong(s.trim());
    }

    /** 'YYYY-MM-DD[ HH:MM:SS]' in local time, as 1.11's db_str2time reads it. */
    static long parseDatetime(String s) {
        try {
            String t = s.trim();
            LocalDateTime ldt = t.length() <= 10 ? LocalDate.parse(t).atStartOfDay()
                    : LocalDateTime.parse(t.substring(0, 19).replace('T', ' '), DATETIME);
            return ldt.atZone(ZoneId.systemDefault()).toEpochSecond();
        } catch (DateTimeParseException | StringIndexOutOfBoundsException e) {
            throw new DbException("'" + s + "' is not a date (YYYY-MM-DD HH:MM:SS)");
        }
    }

    // ---- failures

    private boolean connectionBroken(SQLException e) {
        String state = e.getSQLState();
        if (state != null && state.startsWith("08")) {
            return true;
        }
        try {
            return conn == null || conn.isClosed() || !conn.isValid(1);
        } catch (SQLException x) {
            return true;
        }
    }

    private void dropConnection() {
        closeCursor();
        for (PreparedStatement s : statements.values()) {
            closeQuietly(s);
        }
        statements.clear();
        if (conn != null) {
            pool.evict(conn);
            conn = null;
        }
    }

    private void closeCursor() {
        if (cursor != null) {
            try {
                cursor.close();
            } catch (SQLException ignored) {
                // its statement stays cached
            }
            cursor = null;
            cursorTypes = null;
        }
    }

    private static void closeQuietly(Statement s) {
        try {
            s.close();
        } catch (SQLException ignored) {
            // nothing to do
        }
    }
}
