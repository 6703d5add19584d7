package org.sipbridge.module;

/** The value kinds of module parameters (STR_PARAM, INT_PARAM). */
public enum ParamType {
    STRING(1), INTEGER(2);

    /** The C flag value. */
    public final int flag;

    ParamType(int flag) {
        this.flag = flag;
    }

    public static ParamType ofFlag(int flag) {
        for (ParamType t : values()) {
            if (t.flag == flag) {
                return t;
            }
        }
        return null;
    }

    /** The kind of value, with its article, for messages: "a string", "an integer". */
    public String describe() {
        return this == STRING ? "a string" : "an integer";
    }
}
