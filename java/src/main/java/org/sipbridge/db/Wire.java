package org.sipbridge.db;

/**
 * The request/answer format between native/db/db_java.c and {@link DbBridge}, native byte
 * order, in the calling thread's buffer.
 *
 * <pre>
 * request : u8 op, str table, i32 con flags, then per op:
 *   QUERY   where, i32 nc, nc x str column, str order, u8 wantResult
 *   FETCH   i32 n
 *   RAW     str sql, u8 wantResult
 *   INSERT / REPLACE / INSERT_UPDATE   set
 *   DELETE  where
 *   UPDATE  where, set
 * where   : i32 n, n x (str key, str op (-1 = "="), value)
 * set     : i32 n, n x (str key, value)
 * value   : u8 type (db_type_t), u8 null, then unless null: INT i32, BIGINT i64, DOUBLE f64,
 *           STRING/STR/BLOB str, DATETIME i64 (time_t), BITMAP i32
 * str     : i32 length (-1 = none), bytes
 *
 * answer  : i32 status (0 ok, -1 error), then for QUERY (with result), FETCH and RAW (with
 *           result): i32 hasRows (0 = the statement returned no result set), i32 ncols,
 *           i32 nameBytes, ncols x (str name, u8 type), i32 nrows, i32 totalRows (-1 unknown),
 *           i32 varBytes (sum over string values of length + 1), nrows x ncols x value;
 *           LAST_ID: i64 id.
 * </pre>
 */
final class Wire {
    static final int OP_QUERY = 1;
    static final int OP_FETCH = 2;
    static final int OP_RAW = 3;
    static final int OP_INSERT = 4;
    static final int OP_DELETE = 5;
    static final int OP_UPDATE = 6;
    static final int OP_REPLACE = 7;
    static final int OP_LAST_ID = 8;
    static final int OP_INSERT_UPDATE = 9;
    static final int OP_CLOSE_CURSOR = 10;

    /** db_type_t. */
    static final int DB_INT = 0;
    static final int DB_BIGINT = 1;
    static final int DB_DOUBLE = 2;
    static final int DB_STRING = 3;
    static final int DB_STR = 4;
    static final int DB_DATETIME = 5;
    static final int DB_BLOB = 6;
    static final int DB_BITMAP = 7;

    /** db_con_t flags. */
    static final int CON_OR_OPERATOR = 1 << 1;

    private Wire() {
    }
}
