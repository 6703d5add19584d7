package org.sipbridge.mi;

/**
 * A command that did not succeed: the code and message a JSON-RPC error carries. Codes
 * follow OpenSIPS 3.x: MI status codes (400 bad parameter, 500 internal error...) for
 * command failures, the JSON-RPC -326xx codes for protocol errors.
 */
public final class MiException extends RuntimeException {
    public static final int PARSE_ERROR = -32700;
    public static final int INVALID_REQUEST = -32600;
    public static final int METHOD_NOT_FOUND = -32601;
    public static final int INVALID_PARAMS = -32602;
    public static final int INTERNAL_ERROR = -32603;

    private final int code;

    public MiException(int code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static MiException badParams(String why) {
        return new MiException(INVALID_PARAMS, "Invalid params: " + why);
    }
}
