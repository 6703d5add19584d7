package org.sipbridge.db;

/** A request the driver refuses (bad identifier, unknown operator, malformed request). */
final class DbException extends RuntimeException {
    DbException(String message) {
        super(message);
    }
}
