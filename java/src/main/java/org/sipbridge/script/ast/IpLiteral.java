package org.sipbridge.script.ast;

import java.util.OptionalInt;

/**
 * An unquoted IPv4 address, optionally with a prefix length, as in
 * {@code src_ip == 10.0.0.0/8}. The address is already checked (four octets 0..255).
 */
public record IpLiteral(String address, OptionalInt prefixLength, SourceLocation location)
        implements Expression {
}
