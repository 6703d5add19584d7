package org.sipbridge.module;

/**
 * What a script function gets for the message it runs on. The script engine's per-message
 * state implements it; the bridge needs only the native view and the route type.
 */
public interface MessageContext {

    /** Address of the {@code struct sip_msg} view C functions receive (0 if none). */
    long nativeMessage();

    /** The type of the top-level block running (RouteType), which C sees as route_type. */
    int routeType();

    /** Called after a C function returned, so Java picks up what it changed in the view. */
    default void afterNativeCall() {
    }
}
