package org.sipbridge.script.run;

/**
 * OpenSIPS 1.11's internal error codes (error.h: ser_error) as far as the Java side sets
 * them, and the reply sl_reply_error() makes of one: the SIP code it maps to and the
 * reason "text (n/SL)". A function call first moves the current error to the previous
 * one and clears it, as 1.11's do_action does, so sl_reply_error() sees what the call
 * just before it left.
 */
public final class ScriptErrors {
    public static final int E_UNSPEC = -1;
    public static final int E_OUT_OF_MEM = -2;
    public static final int E_BAD_TUPEL = -9;
    public static final int E_EXEC = -11;
    public static final int E_TOO_MANY_BRANCHES = -12;
    public static final int E_BAD_TO = -13;
    public static final int E_Q_INV_CHAR = -15;
    public static final int E_Q_EMPTY = -16;
    public static final int E_Q_TOO_BIG = -17;
    public static final int E_NO_DESTINATION = -18;
    public static final int E_IP_BLOCKED = -473;
    public static final int E_BAD_PROTO = -474;
    public static final int E_BAD_URI = -475;
    public static final int E_BAD_ADDRESS = -476;
    public static final int E_SEND = -477;
    public static final int E_BAD_REQ = -400;

    private ScriptErrors() {
    }

    /** The SIP status code an error becomes. */
    public static int sipCode(int error) {
        return switch (error) {
            case E_IP_BLOCKED, E_SEND, E_BAD_ADDRESS, E_BAD_REQ, E_BAD_URI -> -error;
            case E_BAD_TUPEL, E_BAD_TO, E_Q_INV_CHAR, E_Q_EMPTY, E_Q_TOO_BIG -> 400;
            default -> 500;
        };
    }

    /** The reason phrase, e.g. "Bad Request (400/SL)". */
    public static String reason(int error, String signature) {
        String text = switch (error) {
            case E_IP_BLOCKED -> "Filtered destination";
            case E_SEND -> "Send failed";
            case E_BAD_ADDRESS -> "Unresolvable destination";
            case E_BAD_REQ -> "Bad Request";
            case E_BAD_URI -> "Bad URI";
            case E_BAD_TUPEL -> "Transaction tuple incomplete";
            case E_BAD_TO -> "Bad To";
            case E_EXEC -> "Error in external logic";
            case E_TOO_MANY_BRANCHES -> "Forking capacity exceeded";
            case E_Q_INV_CHAR -> "Invalid character in q parameter";
            case E_Q_EMPTY -> "Empty q parameter";
            case E_Q_TOO_BIG -> "q parameter too big";
            case E_NO_DESTINATION -> "No destination available";
            default -> "Server error occurred";
        };
        return text + " (" + (-error) + "/" + signature + ")";
    }
}
