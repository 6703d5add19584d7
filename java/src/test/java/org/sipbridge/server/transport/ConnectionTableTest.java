package org.sipbridge.server.transport;

import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConnectionTableTest {
    private static TcpConnection connection(int port) {
        return new TcpConnection(new InetSocketAddress("127.0.0.1", port), false);
    }

    @Test
    void idsFindTheirConnectionAndAreNeverReused() {
        ConnectionTable table = new ConnectionTable(2);
        TcpConnection a = connection(1);
        TcpConnection b = connection(2);
        assertTrue(table.add(a));
        assertTrue(table.add(b));
        assertTrue(a.id > 0 && b.id > 0 && a.id != b.id);
        assertSame(a, table.get(a.id));
        assertSame(b, table.get(b.id));
        assertEquals(2, table.size());

        TcpConnection c = connection(3);
        assertFalse(table.add(c), "full");

        long oldId = a.id;
        table.remove(a);
        table.remove(a); // idempotent
        assertNull(table.get(oldId));
        assertTrue(table.add(c), "the slot is free again");
        assertNotEquals(oldId, c.id, "same slot, new id");
        assertNull(table.get(oldId), "an old id never names the new connection");
        assertSame(c, table.get(c.id));
    }

    @Test
    void unknownIdsFindNothing() {
        ConnectionTable table = new ConnectionTable(4);
        assertNull(table.get(0));
        assertNull(table.get(-5));
        assertNull(table.get(1L << 40 | 3));
        assertNull(table.get(Long.MAX_VALUE));
    }

    @Test
    void reuseByRemoteNeedsAnOpenChannel() {
        ConnectionTable table = new ConnectionTable(4);
        TcpConnection a = connection(5060);
        table.add(a);
        table.publishRemote(a);
        assertNull(table.usableTo(a.remote), "no channel attached: not usable");
        table.remove(a);
        assertNull(table.usableTo(a.remote));
    }
}
