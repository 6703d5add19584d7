package org.sipbridge.script.ast;

/** The transports sipbridge can listen on. */
public enum Transport {
    UDP, TCP;

    /** The spelling used in configuration files and SIP URIs. */
    public String token() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
