package org.sipbridge.tm;

/**
 * A transaction key being looked up, without making a String of it: the characters of a
 * reused StringBuilder, with String's hash code and an equals that compares against the
 * String keys stored in the tables. {@code HashMap.get} calls the argument's equals with the
 * stored key, so a lookup allocates nothing; {@link #toString()} makes the String to store
 * when a transaction is created. Valid until the next key is built by its owner; one owner
 * thread.
 */
public final class LookupKey implements CharSequence {
    private final StringBuilder sb;
    private int hash;

    LookupKey(StringBuilder sb) {
        this.sb = sb;
    }

    /** The builder's content changed: the hash is computed again (as String does). */
    LookupKey rehash() {
        int h = 0;
        for (int i = 0, n = sb.length(); i < n; i++) {
            h = 31 * h + sb.charAt(i);
        }
        hash = h;
        return this;
    }

    @Override
    public int hashCode() {
        return hash;
    }

    /** True for a String (or another key) with the same characters. */
    @Override
    public boolean equals(Object o) {
        if (o instanceof String s) {
            return s.hashCode() == hash && s.contentEquals(sb);
        }
        return o instanceof LookupKey k && k.hash == hash && k.sb.compareTo(sb) == 0;
    }

    @Override
    public int length() {
        return sb.length();
    }

    @Override
    public char charAt(int index) {
        return sb.charAt(index);
    }

    @Override
    public CharSequence subSequence(int start, int end) {
        return sb.subSequence(start, end);
    }

    @Override
    public String toString() {
        return sb.toString();
    }
}
