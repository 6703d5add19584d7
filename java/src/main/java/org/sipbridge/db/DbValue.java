package org.sipbridge.db;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** One db_val_t of a request, decoded; reused slot by slot (a handle keeps its arrays). */
final class DbValue {
    int type;
    boolean isNull;
    long number;      // INT, BIGINT, DATETIME (seconds), BITMAP
    double real;      // DOUBLE
    String text;      // STRING, STR
    byte[] bytes;     // BLOB

    void read(ByteBuffer b) {
        type = b.get() & 0xff;
        isNull = b.get() != 0;
        text = null;
        bytes = null;
        if (isNull) {
            return;
        }
        switch (type) {
            case Wire.DB_INT, Wire.DB_BITMAP -> number = b.getInt();
            case Wire.DB_BIGINT, Wire.DB_DATETIME -> number = b.getLong();
            case Wire.DB_DOUBLE -> real = b.getDouble();
            case Wire.DB_STRING, Wire.DB_STR -> text = readString(b);
            case Wire.DB_BLOB -> bytes = readBytes(b);
            default -> throw new DbException("unknown value type " + type);
        }
    }

    static String readString(ByteBuffer b) {
        int n = b.getInt();
        if (n < 0) {
            return null;
        }
        if (b.hasArray()) {
            String s = new String(b.array(), b.arrayOffset() + b.position(), n, StandardCharsets.UTF_8);
            b.position(b.position() + n);
            return s;
        }
        byte[] a = new byte[n];
        b.get(a);
        return new String(a, StandardCharsets.UTF_8);
    }

    static byte[] readBytes(ByteBuffer b) {
        int n = b.getInt();
        byte[] a = new byte[Math.max(n, 0)];
        b.get(a);
        return a;
    }

    @Override
    public String toString() {
        if (isNull) {
            return "NULL";
        }
        return switch (type) {
            case Wire.DB_DOUBLE -> Double.toString(real);
            case Wire.DB_STRING, Wire.DB_STR -> "'" + text + "'";
            case Wire.DB_BLOB -> "<" + bytes.length + " bytes>";
            default -> Long.toString(number);
        };
    }
}
