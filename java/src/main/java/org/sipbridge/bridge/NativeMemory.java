package org.sipbridge.bridge;

import com.sun.jna.Pointer;

/** Reading module memory by address (introspection at load time, never per message). */
final class NativeMemory {
    private NativeMemory() {
    }

    static long pointer(long address) {
        return Pointer.nativeValue(new Pointer(address).getPointer(0));
    }

    static int int32(long address) {
        return new Pointer(address).getInt(0);
    }

    /** The NUL-terminated string at address, or null for a NULL pointer. */
    static String string(long address) {
        return address == 0 ? null : new Pointer(address).getString(0);
    }

    /** The string a char* field at address points to. */
    static String stringAt(long fieldAddress) {
        return string(pointer(fieldAddress));
    }
}
