package org.sipbridge.script.run;

/**
 * The AVPs of the message being processed: for each name (resolved to a slot when the
 * script is compiled) a stack of values, the newest on top, as $avp(x) works in OpenSIPS.
 * Cleared at every new message; the Value cells are kept and reused.
 */
public final class AvpStore {
    // empty until the first value: a transaction keeps a store, most have no AVPs
    private static final Value[][] NO_VALUES = new Value[0][];
    private static final int[] NO_COUNTS = new int[0];
    private Value[][] values = NO_VALUES;
    private int[] counts = NO_COUNTS;
    private int highestUsed = -1;

    /** Forgets every value (a new message). */
    public void clear() {
        for (int i = 0; i <= highestUsed; i++) {
            counts[i] = 0;
        }
        highestUsed = -1;
    }

    /** The highest slot that may hold values (-1: none). */
    public int highestSlot() {
        return highestUsed;
    }

    public int count(int slot) {
        return slot < counts.length ? counts[slot] : 0;
    }

    /**
     * The value at position index: 0 is the newest, negative counts from the oldest (-1 is
     * the first one added). Null when there is none.
     */
    public Value get(int slot, int index) {
        int n = count(slot);
        int fromTop = index >= 0 ? index : n + index;
        if (fromTop < 0 || fromTop >= n) {
            return null;
        }
        return values[slot][n - 1 - fromTop];
    }

    /** '=': adds a value on top of the others. */
    public void add(int slot, Value v) {
        ensure(slot);
        Value[] stack = values[slot];
        int n = counts[slot];
        if (stack == null || n == stack.length) {
            Value[] bigger = new Value[stack == null ? 4 : stack.length * 2];
            if (stack != null) {
                System.arraycopy(stack, 0, bigger, 0, n);
            }
            values[slot] = stack = bigger;
        }
        if (stack[n] == null) {
            stack[n] = new Value();
        }
        stack[n].copyOf(v);
        counts[slot] = n + 1;
        highestUsed = Math.max(highestUsed, slot);
    }

    /** ':=': the value replaces all the others. */
    public void replace(int slot, Value v) {
        delete(slot);
        add(slot, v);
    }

    /** '= NULL': removes every value of the name. */
    public void delete(int slot) {
        if (slot < counts.length) {
            counts[slot] = 0;
        }
    }

    private void ensure(int slot) {
        if (slot >= counts.length) {
            int n = Math.max(Math.max(slot + 1, 8), counts.length * 2);
            int[] c = new int[n];
            System.arraycopy(counts, 0, c, 0, counts.length);
            counts = c;
            Value[][] v = new Value[n][];
            System.arraycopy(values, 0, v, 0, values.length);
            values = v;
        }
    }

    /** Makes this store hold a copy of every value of other (a transaction keeps the AVPs of its request). */
    public void copyFrom(AvpStore other) {
        clear();
        for (int slot = 0; slot <= other.highestUsed; slot++) {
            int n = other.count(slot);
            for (int i = 0; i < n; i++) {
                add(slot, other.values[slot][i]);
            }
        }
    }
}
