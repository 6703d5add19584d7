package org.sipbridge.script.run;

import org.sipbridge.bridge.CoreCalls;
import org.sipbridge.bridge.NativeCore;

import java.nio.charset.StandardCharsets;

/**
 * The flag names of the configuration, as OpenSIPS 1.11 has them: a name gets its bit the
 * first time the script (setflag(ACC_DO)) or a module (get_flag_id_by_name, e.g. acc's
 * "log_flag" parameter) asks for it, so both mean the same bit. The registry is the core
 * library's (native/compat/flags.c, include/flags.h); this class is its Java face.
 * Numbers are names too ({@code setflag(1)} is the flag named "1"), as in 1.11.
 */
public final class FlagNames {
    /** The registries of include/flags.h. */
    public static final int MSG = 0, SCRIPT = 1, BRANCH = 2;

    private static final byte[][][] NAMES = new byte[3][32][];

    private FlagNames() {
    }

    private static CoreCalls calls() {
        return NativeCore.get().calls();
    }

    /** A new configuration: every name forgotten (called before its modules are loaded). */
    public static void reset() {
        calls().sb_flags_reset();
        synchronized (NAMES) {
            for (byte[][] kind : NAMES) {
                java.util.Arrays.fill(kind, null);
            }
        }
    }

    /** The bit of name (registered now when new); an IllegalArgumentException when none is left. */
    public static int bit(int type, String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("empty flag name");
        }
        int bit = calls().sb_flag_id_java(type, name);
        if (bit < 0 || bit > 31) {
            throw new IllegalArgumentException("no flag bit for '" + name + "': "
                    + (name.length() >= 64 ? "the name is too long" : "all 32 flags of this kind are named"));
        }
        return bit;
    }

    /** The name of a bit as bytes (cached: no allocation once seen), or null. */
    public static byte[] name(int type, int bit) {
        byte[] n = NAMES[type][bit];
        if (n == null) {
            String s = calls().sb_flag_name(type, bit);
            if (s == null) {
                return null;
            }
            n = s.getBytes(StandardCharsets.UTF_8);
            synchronized (NAMES) {
                NAMES[type][bit] = n;
            }
        }
        return n;
    }

    /** The names of the bits of mask, newest name first, separated by ' ' (1.11's $mf/$bf/$sf) into out. */
    public static void print(int type, int mask, Value out) {
        out.clearString();
        boolean first = true;
        for (int bit = 31; bit >= 0; bit--) {
            if ((mask & (1 << bit)) == 0) {
                continue;
            }
            byte[] n = name(type, bit);
            if (n == null) {
                continue;
            }
            if (!first) {
                out.append(SPACE, 0, 1);
            }
            out.append(n, 0, n.length);
            first = false;
        }
    }

    private static final byte[] SPACE = {' '};

    /** The script flags of this worker (setsflag), as C's getsflags() sees them. */
    public static int scriptFlags() {
        return calls().getsflags();
    }

    public static void setScriptFlag(int mask) {
        calls().setsflag(mask);
    }

    public static void resetScriptFlag(int mask) {
        calls().resetsflag(mask);
    }
}
