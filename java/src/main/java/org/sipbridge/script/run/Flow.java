package org.sipbridge.script.run;

/**
 * Why the script stops running statements, as OpenSIPS's action_flags: set by exit, drop,
 * return and break (and by any statement whose value is 0, which ends the script like exit),
 * checked after every statement.
 */
public final class Flow {
    public static final int EXIT = 1;
    public static final int DROP = 2;
    public static final int RETURN = 4;
    public static final int BREAK = 8;
    /** Anything that stops the current statement list. */
    public static final int STOP_LIST = EXIT | RETURN | BREAK;

    private Flow() {
    }
}
