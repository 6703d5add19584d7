package org.sipbridge.ops;

/** The server's version: the jar's Implementation-Version (set by the build), "dev" otherwise. */
public final class Version {
    private Version() {
    }

    public static String number() {
        String v = Version.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    /** What -V, the start-up summary and MI's version say. */
    public static String text() {
        return "sipbridge " + number() + " (OpenSIPS 1.11 module interface; Java "
                + System.getProperty("java.version") + ", " + System.getProperty("os.arch") + "/"
                + System.getProperty("os.name").toLowerCase(java.util.Locale.ROOT) + ")";
    }
}
