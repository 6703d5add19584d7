package org.sipbridge.cachedb;

/**
 * A cachedb_redis URL, as 1.11 reads it: {@code redis[:group]://[user[:password]@]host[:port]/[database]}.
 * Only the password is used for AUTH (1.11 sends {@code AUTH password}); the database is a
 * number for SELECT. Several hosts are refused, as 1.11's cachedb_redis does.
 */
record RedisUrl(String scheme, String group, String password, String host, int port, int database) {
    static final int DEFAULT_PORT = 6379;

    static RedisUrl parse(String url) {
        int sep = url.indexOf("://");
        if (sep <= 0) {
            throw new IllegalArgumentException("not a cachedb URL (scheme://host...): " + redact(url));
        }
        String scheme = url.substring(0, sep);
        String group = null;
        int colon = scheme.indexOf(':');
        if (colon >= 0) {
            group = scheme.substring(colon + 1);
            scheme = scheme.substring(0, colon);
        }
        if (!scheme.equals("redis")) {
            throw new IllegalArgumentException("not a redis:// URL: " + redact(url));
        }
        String rest = url.substring(sep + 3);
        String db = null;
        int slash = rest.indexOf('/');
        if (slash >= 0) {
            db = rest.substring(slash + 1);
            rest = rest.substring(0, slash);
        }
        String password = null;
        int at = rest.lastIndexOf('@');
        if (at >= 0) {
            String user = rest.substring(0, at);
            int c = user.indexOf(':');
            if (c >= 0 && c + 1 < user.length()) {
                password = user.substring(c + 1);
            }
            rest = rest.substring(at + 1);
        }
        if (rest.contains(",")) {
            throw new IllegalArgumentException("several hosts are not supported for redis: " + redact(url));
        }
        String host = rest;
        int port = DEFAULT_PORT;
        int pc = rest.lastIndexOf(':');
        if (pc >= 0 && !rest.endsWith("]")) {
            host = rest.substring(0, pc);
            try {
                port = Integer.parseInt(rest.substring(pc + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("bad port in " + redact(url));
            }
            if (port <= 0 || port > 65535) {
                throw new IllegalArgumentException("bad port in " + redact(url));
            }
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        if (host.isEmpty()) {
            throw new IllegalArgumentException("no host in " + redact(url));
        }
        int database = 0;
        if (db != null && !db.isEmpty()) {
            try {
                database = Integer.parseInt(db);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("the database of a redis URL is a number, not '" + db + "'");
            }
        }
        return new RedisUrl(scheme, group, password, host, port, database);
    }

    /** The URL without its password, for logs. */
    static String redact(String url) {
        return url.replaceAll("(://[^:/@]*:)[^@/]*@", "$1***@");
    }

    @Override
    public String toString() {
        return scheme + (group == null ? "" : ":" + group) + "://" + host + ":" + port + "/" + database;
    }
}
