package org.sipbridge.testing;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import org.sipbridge.module.MessageContext;
import org.sipbridge.module.RouteType;

/**
 * A zeroed native block standing in for a struct sip_msg, for bridge tests that do not
 * need a parsed message: its first fields are id and flags, as in msg_parser.h.
 */
public final class FakeMessage implements MessageContext {
    private final Memory memory = new Memory(8192);
    private int routeType = RouteType.REQUEST;

    public FakeMessage(int id) {
        memory.clear();
        memory.setInt(0, id);
    }

    public FakeMessage routeType(int type) {
        this.routeType = type;
        return this;
    }

    @Override
    public long nativeMessage() {
        return Pointer.nativeValue(memory);
    }

    @Override
    public int routeType() {
        return routeType;
    }

    public int flags() {
        return memory.getInt(4);
    }
}
