package org.sipbridge.db;

/**
 * A DB URL as modules write it: {@code scheme://[user[:password]@]host[:port]/database};
 * for {@code sqlite://} everything after the "//" is the file path
 * ({@code sqlite:///var/lib/sipbridge/db.sqlite}, or relative: {@code sqlite://sb.db}).
 */
record DbUrl(String text, String scheme, String user, String password, String host, int port,
             String database) {

    static DbUrl parse(String url) {
        int colon = url.indexOf(':');
        if (colon <= 0 || !url.startsWith("//", colon + 1)) {
            throw new DbException("malformed database URL (scheme://...): " + redact(url));
        }
        String scheme = url.substring(0, colon);
        String rest = url.substring(colon + 3);
        if (scheme.equals("sqlite")) {
            if (rest.isEmpty()) {
                throw new DbException("sqlite URL without a file: " + url);
            }
            return new DbUrl(url, scheme, null, null, null, 0, rest);
        }
        String user = null;
        String password = null;
        int at = rest.lastIndexOf('@');
        if (at >= 0) {
            String userInfo = rest.substring(0, at);
            int pw = userInfo.indexOf(':');
            user = pw >= 0 ? userInfo.substring(0, pw) : userInfo;
            password = pw >= 0 ? userInfo.substring(pw + 1) : null;
            rest = rest.substring(at + 1);
        }
        int slash = rest.indexOf('/');
        if (slash < 0) {
            throw new DbException("database URL without /database: " + redact(url));
        }
        String hostPort = rest.substring(0, slash);
        String database = rest.substring(slash + 1);
        int port = 0;
        String host = hostPort;
        int pc = hostPort.lastIndexOf(':');
        if (pc >= 0 && hostPort.indexOf(']') < pc) {
            host = hostPort.substring(0, pc);
            try {
                port = Integer.parseInt(hostPort.substring(pc + 1));
            } catch (NumberFormatException e) {
                throw new DbException("bad port in database URL: " + redact(url));
            }
            if (port <= 0 || port > 65535) {
                throw new DbException("bad port in database URL: " + redact(url));
            }
        }
        if (host.isEmpty() || database.isEmpty()) {
            throw new DbException("database URL without host or database: " + redact(url));
        }
        return new DbUrl(url, scheme, user, password, host, port, database);
    }

    /** The URL with the password replaced, for logs. */
    static String redact(String url) {
        return url.replaceAll("(//[^:/@]*:)[^@/]*@", "$1***@");
    }

    @Override
    public String toString() {
        return redact(text);
    }
}
