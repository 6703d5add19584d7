package org.sipbridge.core;

/** Transport protocols, with the PROTO_* values C modules see in msg->rcv.proto. */
public enum Proto {
    UDP(1), TCP(2), TLS(3), SCTP(4), WS(5);

    public final int code;

    Proto(int code) {
        this.code = code;
    }

    /** True for transports that carry a byte stream (framing by Content-Length). */
    public boolean isStream() {
        return this != UDP;
    }

    /** The name used in listen= and Via (lower case in configs, upper case in Via). */
    public String viaName() {
        return name();
    }
}
