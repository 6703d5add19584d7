package org.sipbridge.server;

import org.sipbridge.tm.Cell;
import org.sipbridge.tm.TmStats;
import org.sipbridge.tm.TransactionKeys;
import org.sipbridge.tm.Uac;

import java.util.HashMap;
import java.util.Map;

/**
 * One worker's transaction tables: server transactions by their matching key, branches (and
 * their CANCELs) by branch and method, the labels. Every message of a Call-ID comes to the
 * same worker, so these are touched by one thread only. The in-use counters follow each
 * put and remove.
 */
final class TmTables {
    final TransactionKeys keys;
    private final Map<String, Cell> servers = new HashMap<>();
    private final Map<String, Uac> clients = new HashMap<>();
    private final TmStats stats;
    private int labels;

    TmTables(TmStats stats, TransactionKeys keys) {
        this.stats = stats;
        this.keys = keys;
    }

    int nextLabel() {
        return ++labels;
    }

    boolean noServers() {
        return servers.isEmpty();
    }

    boolean noClients() {
        return clients.isEmpty();
    }

    Cell server(CharSequence key) {
        return key == null ? null : servers.get(key);
    }

    void addServer(Cell cell) {
        servers.put(cell.serverKey, cell);
        stats.inUse.increment();
    }

    void removeServer(Cell cell) {
        if (servers.remove(cell.serverKey, cell)) {
            stats.inUse.decrement();
        }
    }

    Uac client(CharSequence key) {
        return key == null ? null : clients.get(key);
    }

    void addClient(String key, Uac u) {
        clients.put(key, u);
        stats.clientsInUse.increment();
    }

    void removeClient(String key, Uac u) {
        if (clients.remove(key, u)) {
            stats.clientsInUse.decrement();
        }
    }

    int serverCount() {
        return servers.size();
    }

    int clientCount() {
        return clients.size();
    }
}
