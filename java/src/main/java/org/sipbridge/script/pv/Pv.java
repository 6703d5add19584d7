package org.sipbridge.script.pv;

import org.sipbridge.script.run.ScriptState;
import org.sipbridge.script.run.Value;

/**
 * A pseudo-variable resolved at start: reading it is a direct call on the worker's state,
 * no name lookup. Writable ones override {@link #set}.
 */
public abstract class Pv {
    /** Assignment kinds a setter receives: '=' (for AVPs: add) and ':=' (replace all). */
    public static final int ASSIGN = 0, REPLACE = 1;

    private final String text;

    protected Pv(String text) {
        this.text = text;
    }

    /** The spelling in the script, for messages. */
    public final String text() {
        return text;
    }

    /** Writes the current value into out; {@link Value#setNull()} when there is none. */
    public abstract void get(ScriptState s, Value out);

    public boolean writable() {
        return false;
    }

    /**
     * Assigns value (null: delete, as {@code $x = NULL}). Returns false when the value
     * cannot be assigned (the caller logs it with the script location).
     */
    public boolean set(ScriptState s, int kind, Value value) {
        return false;
    }

    @Override
    public String toString() {
        return text;
    }

    /** A read-only pseudo-variable given by a function. */
    static Pv reader(String text, Reader reader) {
        return new Pv(text) {
            @Override
            public void get(ScriptState s, Value out) {
                reader.get(s, out);
            }
        };
    }

    @FunctionalInterface
    interface Reader {
        void get(ScriptState s, Value out);
    }
}
