package org.sipbridge.db;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs SQL statements (one per ";" at a line end) from stdin against a database URL of the
 * DB API, in one transaction, through the same drivers the server uses. scripts/db-init.sh
 * feeds it the schema. Exit status 0, 1 when a statement failed (nothing is kept), 2 on a
 * bad URL.
 */
public final class SqlRunner {
    private SqlRunner() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: SqlRunner <database URL> < statements.sql");
            System.exit(2);
        }
        System.exit(run(args[0], System.in));
    }

    static List<String> statements(String sql) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        for (String line : sql.split("\n")) {
            if (line.isBlank() || line.startsWith("--")) {
                continue;
            }
            cur.append(line).append('\n');
            if (line.stripTrailing().endsWith(";")) {
                String s = cur.toString().strip();
                out.add(s.substring(0, s.length() - 1));
                cur.setLength(0);
            }
        }
        if (!cur.toString().isBlank()) {
            out.add(cur.toString().strip());
        }
        return out;
    }

    static int run(String url, InputStream in) throws IOException {
        DbUrl u;
        Dialect d;
        try {
            u = DbUrl.parse(url);
            d = Dialect.of(u.scheme());
            if (d == null) {
                throw new DbException("no driver for scheme " + u.scheme() + " (sqlite, postgres, mysql)");
            }
        } catch (DbException e) {
            System.err.println("db-init: " + e.getMessage());
            return 2;
        }
        List<String> todo = statements(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        int tables = 0;
        try (DbPool pool = new DbPool(u, d); Connection c = pool.connection()) {
            c.setAutoCommit(false);
            String current = null;
            try (Statement st = c.createStatement()) {
                for (String s : todo) {
                    current = s;
                    st.execute(s);
                    if (s.regionMatches(true, 0, "CREATE TABLE", 0, 12)) {
                        tables++;
                    }
                }
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                System.err.println("db-init: " + e.getMessage() + "\n  in: " + current + "\n  nothing was created");
                return 1;
            }
        } catch (SQLException e) {
            System.err.println("db-init: cannot connect to " + u + ": " + e.getMessage()
                    + (e.getCause() != null ? " (" + e.getCause() + ")" : ""));
            return 1;
        }
        System.out.println("db-init: created " + tables + " tables in " + u);
        return 0;
    }
}
