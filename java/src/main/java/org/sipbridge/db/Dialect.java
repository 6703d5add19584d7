package org.sipbridge.db;

import com.zaxxer.hikari.HikariConfig;

import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Locale;

/** What differs between the databases sipbridge's drivers serve. */
enum Dialect {
    SQLITE("sqlite") {
        @Override
        void configure(HikariConfig c, DbUrl u) {
            c.setDriverClassName("org.sqlite.JDBC");
            c.setJdbcUrl("jdbc:sqlite:" + u.database());
            // several workers write one file: wait for the lock instead of failing at once
            c.addDataSourceProperty("busy_timeout", "10000");
            c.addDataSourceProperty("journal_mode", "WAL");
            c.addDataSourceProperty("foreign_keys", "true");
        }

        @Override
        String replace(String table, String cols, String marks) {
            return "INSERT OR REPLACE INTO " + table + " (" + cols + ") VALUES (" + marks + ")";
        }

        @Override
        String lastIdQuery() {
            return "SELECT last_insert_rowid()";
        }

        @Override
        boolean datetimeAsText() {
            return true;
        }

        @Override
        int columnType(ResultSetMetaData md, int i) throws SQLException {
            String t = md.getColumnTypeName(i).toUpperCase(Locale.ROOT);
            if (t.contains("BIGINT")) {
                return Wire.DB_BIGINT;
            }
            if (t.contains("INT")) {
                return Wire.DB_INT;
            }
            if (t.contains("CHAR") || t.contains("CLOB") || t.contains("TEXT")) {
                return Wire.DB_STRING;
            }
            if (t.contains("BLOB")) {
                return Wire.DB_BLOB;
            }
            if (t.contains("REAL") || t.contains("FLOA") || t.contains("DOUB") || t.contains("NUMERIC")
                    || t.contains("DECIMAL")) {
                return Wire.DB_DOUBLE;
            }
            if (t.contains("DATE") || t.contains("TIME")) {
                return Wire.DB_DATETIME;
            }
            return Wire.DB_STRING;
        }
    },

    POSTGRES("postgres") {
        @Override
        void configure(HikariConfig c, DbUrl u) {
            c.setDriverClassName("org.postgresql.Driver");
            c.setJdbcUrl("jdbc:postgresql://" + u.host() + (u.port() > 0 ? ":" + u.port() : "") + "/"
                    + u.database());
            // strings bind as "unknown": the server converts '3' for an integer column, as the
            // text SQL of the C drivers lets it
            c.addDataSourceProperty("stringtype", "unspecified");
            c.addDataSourceProperty("ApplicationName", "sipbridge");
        }

        @Override
        String lastIdQuery() {
            return "SELECT lastval()";
        }

        @Override
        boolean needsUniqueKeys() {
            return true;
        }

        @Override
        int columnType(ResultSetMetaData md, int i) throws SQLException {
            return switch (md.getColumnTypeName(i).toLowerCase(Locale.ROOT)) {
                case "int2", "int4", "serial", "smallserial" -> Wire.DB_INT;
                case "int8", "bigserial", "oid" -> Wire.DB_BIGINT;
                case "float4", "float8", "numeric" -> Wire.DB_DOUBLE;
                case "date", "timestamp", "timestamptz" -> Wire.DB_DATETIME;
                case "bytea" -> Wire.DB_BLOB;
                case "bit", "varbit" -> Wire.DB_BITMAP;
                default -> Wire.DB_STRING;   // text, varchar, bpchar, bool, json... as 1.11's driver
            };
        }
    },

    MYSQL("mysql") {
        @Override
        void configure(HikariConfig c, DbUrl u) {
            c.setDriverClassName("org.mariadb.jdbc.Driver");
            c.setJdbcUrl("jdbc:mariadb://" + u.host() + (u.port() > 0 ? ":" + u.port() : "") + "/"
                    + u.database());
        }

        @Override
        String replace(String table, String cols, String marks) {
            return "REPLACE INTO " + table + " (" + cols + ") VALUES (" + marks + ")";
        }

        @Override
        String lastIdQuery() {
            return "SELECT LAST_INSERT_ID()";
        }

        @Override
        int columnType(ResultSetMetaData md, int i) throws SQLException {
            return switch (md.getColumnType(i)) {
                case Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BOOLEAN -> Wire.DB_INT;
                case Types.BIGINT -> Wire.DB_BIGINT;
                case Types.REAL, Types.FLOAT, Types.DOUBLE, Types.DECIMAL, Types.NUMERIC -> Wire.DB_DOUBLE;
                case Types.DATE, Types.TIMESTAMP, Types.TIME -> Wire.DB_DATETIME;
                case Types.BLOB, Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY -> Wire.DB_BLOB;
                case Types.BIT -> Wire.DB_BITMAP;
                default -> Wire.DB_STRING;
            };
        }
    };

    final String scheme;

    Dialect(String scheme) {
        this.scheme = scheme;
    }

    static Dialect of(String scheme) {
        for (Dialect d : values()) {
            if (d.scheme.equals(scheme)) {
                return d;
            }
        }
        return null;
    }

    /** JDBC URL and driver properties. */
    abstract void configure(HikariConfig c, DbUrl u);

    /** The column's db_type_t. */
    abstract int columnType(ResultSetMetaData md, int i) throws SQLException;

    abstract String lastIdQuery();

    /** REPLACE as one statement, or null when the driver emulates it (PostgreSQL). */
    String replace(String table, String cols, String marks) {
        return null;
    }

    /** Upsert and replace need the table's unique keys (PostgreSQL names the conflict target). */
    boolean needsUniqueKeys() {
        return false;
    }

    /** DB_DATETIME binds as 'YYYY-MM-DD HH:MM:SS' local time (SQLite has no date type). */
    boolean datetimeAsText() {
        return false;
    }
}
