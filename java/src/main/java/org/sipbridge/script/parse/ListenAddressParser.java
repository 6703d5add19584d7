package org.sipbridge.script.parse;

import java.util.regex.Pattern;

import org.sipbridge.script.ast.ListenSetting;
import org.sipbridge.script.ast.SourceLocation;
import org.sipbridge.script.ast.Transport;

/**
 * {@code listen} values: {@code PROTO:HOST[:PORT]} where PROTO is {@code udp} or {@code tcp}
 * (any case), HOST is an IPv4 address, {@code *} (every address), a host name or an IPv6
 * address in brackets, and PORT defaults to 5060. The protocol is required: sipbridge does
 * not guess which transports a bare address means. The value may be quoted.
 */
final class ListenAddressParser {

    private static final String USAGE = "udp:IP[:PORT] or tcp:IP[:PORT]";
    private static final String HOSTS = "an IPv4 address, '*', a host name or an IPv6 address in brackets";
    private static final Pattern HOST_NAME =
            Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    private ListenAddressParser() {
    }

    /** Reads the value after the current '=' token. */
    static ListenSetting parse(TokenStream ts, SourceLocation settingLocation) {
        SourceText source = ts.source();
        if (ts.quoteFollowsCurrent()) {
            ts.advance();
            Token quoted = ts.advance();
            DecodedString value = quoted.string();
            return parse(value.value(), i -> source.locationOf(value.sourceOffsets()[i]), settingLocation);
        }
        Lexer.RawWord word = ts.rawWordAfterCurrent();
        if (word.text().isEmpty()) {
            throw new ConfigException(source.locationOf(word.offset()), "missing listen address", USAGE);
        }
        return parse(word.text(), i -> source.locationOf(word.offset() + i), settingLocation);
    }

    static ListenSetting parse(String value, PvScanner.Locator at, SourceLocation settingLocation) {
        int colon = value.indexOf(':');
        if (colon < 0) {
            throw new ConfigException(at.at(0), "listen address '" + value + "' has no protocol", USAGE);
        }
        Transport transport = transport(value.substring(0, colon), at);

        int hostAt = colon + 1;
        String host;
        String port = null;
        int portAt = -1;
        if (value.startsWith("[", hostAt)) {
            int close = value.indexOf(']', hostAt);
            if (close < 0) {
                throw new ConfigException(at.at(hostAt), "unclosed '[' in listen address '" + value + "'",
                        "']' after the IPv6 address");
            }
            host = value.substring(hostAt + 1, close);
            if (!IPV6.matcher(host).matches()) {
                throw new ConfigException(at.at(hostAt + 1), "bad IPv6 address '" + host + "'",
                        "an IPv6 address such as [::1]");
            }
            if (close + 1 < value.length()) {
                if (value.charAt(close + 1) != ':') {
                    throw new ConfigException(at.at(close + 1), "unexpected '" + value.substring(close + 1)
                            + "' after the IPv6 address", "':' and a port");
                }
                port = value.substring(close + 2);
                portAt = close + 2;
            }
        } else {
            int portColon = value.indexOf(':', hostAt);
            host = portColon < 0 ? value.substring(hostAt) : value.substring(hostAt, portColon);
            if (portColon >= 0) {
                port = value.substring(portColon + 1);
                portAt = portColon + 1;
                if (port.contains(":")) {
                    throw new ConfigException(at.at(hostAt), "too many ':' in listen address '" + value + "'",
                            "IPv6 addresses in brackets, e.g. udp:[::1]:5060");
                }
            }
            checkHost(host, at.at(hostAt));
        }
        int portNumber = port == null ? ListenSetting.DEFAULT_PORT : port(port, at.at(portAt));
        return new ListenSetting(transport, host, portNumber, value, settingLocation);
    }

    private static Transport transport(String protocol, PvScanner.Locator at) {
        switch (protocol.toLowerCase(java.util.Locale.ROOT)) {
            case "udp":
                return Transport.UDP;
            case "tcp":
                return Transport.TCP;
            case "tls":
            case "sctp":
            case "ws":
            case "wss":
                throw new ConfigException(at.at(0), "unsupported listen protocol '" + protocol + "'", "udp or tcp");
            default:
                throw new ConfigException(at.at(0), "unknown listen protocol '" + protocol + "'", "udp or tcp");
        }
    }

    private static void checkHost(String host, SourceLocation where) {
        if (host.isEmpty()) {
            throw new ConfigException(where, "missing listen host", HOSTS);
        }
        if (host.equals("*")) {
            return;
        }
        if (host.chars().allMatch(c -> Character.isDigit(c) || c == '.')) {
            if (!Ipv4.isValid(host)) {
                throw new ConfigException(where, "bad IPv4 address '" + host + "'", Ipv4.EXPECTED);
            }
            return;
        }
        if (!HOST_NAME.matcher(host).matches()) {
            throw new ConfigException(where, "bad listen host '" + host + "'", HOSTS);
        }
    }

    private static int port(String port, SourceLocation where) {
        if (port.matches("[0-9]{1,5}")) {
            int value = Integer.parseInt(port);
            if (value >= 1 && value <= 65535) {
                return value;
            }
        }
        throw new ConfigException(where, "bad listen port '" + port + "'", "a number from 1 to 65535");
    }
}
