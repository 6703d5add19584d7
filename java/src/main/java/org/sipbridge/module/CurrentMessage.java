package org.sipbridge.module;

/**
 * The message the current thread is processing. The script engine sets it once per
 * message; it lets Java functions that C code calls directly (through find_export) find
 * the context of the {@code struct sip_msg} they receive.
 */
public final class CurrentMessage {
    private static final ThreadLocal<MessageContext> CURRENT = new ThreadLocal<>();

    private CurrentMessage() {
    }

    public static void set(MessageContext ctx) {
        CURRENT.set(ctx);
    }

    public static MessageContext get() {
        return CURRENT.get();
    }

    public static void clear() {
        CURRENT.remove();
    }
}
