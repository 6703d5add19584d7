package org.sipbridge.script.parse;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import org.sipbridge.script.ast.ListenSetting;
import org.sipbridge.script.ast.SourceLocation;
import org.sipbridge.script.ast.Transport;

/**
 * {@code listen} values, as OpenSIPS 1.11's grammar has them: one or more sockets on the
 * line, separated by blanks, each {@code [PROTO:]HOST[:PORT] [as HOST[:PORT]] [use_children N]}.
 * PROTO is {@code udp}, {@code tcp} or {@code any} (any case; none or {@code any}: every
 * transport); HOST is an IPv4 address, {@code *} (every address), a host name or an IPv6
 * address in brackets; PORT defaults to the {@code port} setting, else 5060. The {@code as}
 * address is what the socket advertises (Via, Record-Route), 5060 when it names no port.
 * A quoted value holds one socket.
 */
final class ListenAddressParser {

    private static final String USAGE = "[udp:|tcp:]IP[:PORT] [as HOST[:PORT]]";
    private static final String HOSTS = "an IPv4 address, '*', a host name or an IPv6 address in brackets";
    private static final Pattern HOST_NAME =
            Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");
    private static final List<String> PROTOCOLS = List.of("udp", "tcp", "tls", "sctp", "ws", "wss", "any");

    private ListenAddressParser() {
    }

    /** Reads the value after the current '=' token: every socket of the line. */
    static List<ListenSetting> parse(TokenStream ts, SourceLocation settingLocation) {
        SourceText source = ts.source();
        if (ts.quoteFollowsCurrent()) {
            ts.advance();
            Token quoted = ts.advance();
            DecodedString value = quoted.string();
            return List.of(parse(value.value(), i -> source.locationOf(value.sourceOffsets()[i]), settingLocation));
        }
        Lexer.RawWord line = ts.rawLineAfterCurrent();
        if (line.text().isEmpty()) {
            throw new ConfigException(source.locationOf(line.offset()), "missing listen address", USAGE);
        }
        PvScanner.Locator at = i -> source.locationOf(line.offset() + i);
        List<Word> words = words(line.text());
        List<ListenSetting> sockets = new ArrayList<>();
        int i = 0;
        while (i < words.size()) {
            Word address = words.get(i++);
            ListenSetting socket = parse(address.text, k -> at.at(address.offset + k), settingLocation);
            String advertisedHost = null;
            int advertisedPort = 0;
            int children = 0;
            if (i < words.size() && words.get(i).text.equalsIgnoreCase("as")) {
                Word as = words.get(i++);
                if (i >= words.size()) {
                    throw new ConfigException(at.at(as.offset), "missing address after 'as'", "HOST[:PORT]");
                }
                Word adv = words.get(i++);
                String[] hostPort = hostAndPort(adv.text, k -> at.at(adv.offset + k));
                advertisedHost = hostPort[0];
                advertisedPort = hostPort[1] == null ? ListenSetting.DEFAULT_PORT
                        : port(hostPort[1], at.at(adv.offset + adv.text.length() - hostPort[1].length()));
            }
            if (i < words.size() && words.get(i).text.equalsIgnoreCase("use_children")) {
                Word keyword = words.get(i++);
                if (i >= words.size() || !words.get(i).text.matches("[0-9]{1,4}") || Integer.parseInt(words.get(i).text) < 1) {
                    throw new ConfigException(at.at(i < words.size() ? words.get(i).offset : keyword.offset),
                            "bad 'use_children' count", "a number of workers from 1 to 9999");
                }
                children = Integer.parseInt(words.get(i++).text);
            }
            sockets.add(new ListenSetting(socket.transport(), socket.host(), socket.port(), socket.text(),
                    settingLocation, socket.anyProtocol(), socket.portGiven(), advertisedHost, advertisedPort, children));
        }
        return sockets;
    }

    private record Word(String text, int offset) {
    }

    private static List<Word> words(String line) {
        List<Word> words = new ArrayList<>();
        int i = 0;
        while (i < line.length()) {
            while (i < line.length() && Character.isWhitespace(line.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < line.length() && !Character.isWhitespace(line.charAt(i))) {
                i++;
            }
            if (i > start) {
                words.add(new Word(line.substring(start, i), start));
            }
        }
        return words;
    }

    /** One socket: {@code [proto:]host[:port]}. */
    static ListenSetting parse(String value, PvScanner.Locator at, SourceLocation settingLocation) {
        int colon = value.indexOf(':');
        boolean hasProtocol = colon > 0 && !value.startsWith("[")
                && PROTOCOLS.contains(value.substring(0, colon).toLowerCase(Locale.ROOT));
        Transport transport = Transport.UDP;
        boolean any = true;
        int hostStart = 0;
        if (hasProtocol) {
            String protocol = value.substring(0, colon).toLowerCase(Locale.ROOT);
            if (!protocol.equals("any")) {
                transport = transport(value.substring(0, colon), at);
                any = false;
            }
            hostStart = colon + 1;
        }
        int hostAt = hostStart;
        String[] hostPort = hostAndPort(value.substring(hostAt), k -> at.at(hostAt + k));
        String host = hostPort[0];
        // 1.11: port 'any' or 0 means the default (the port setting)
        boolean portGiven = hostPort[1] != null && !hostPort[1].equalsIgnoreCase("any") && !hostPort[1].equals("0");
        int portNumber = !portGiven ? ListenSetting.DEFAULT_PORT
                : port(hostPort[1], at.at(value.length() - hostPort[1].length()));
        return new ListenSetting(transport, host, portNumber, value, settingLocation, any, portGiven, null, 0, 0);
    }

    /** {host, port or null}; the host is checked, IPv6 returned without brackets. */
    private static String[] hostAndPort(String value, PvScanner.Locator at) {
        String host;
        String port = null;
        if (value.startsWith("[")) {
            int close = value.indexOf(']');
            if (close < 0) {
                throw new ConfigException(at.at(0), "unclosed '[' in listen address '" + value + "'",
                        "']' after the IPv6 address");
            }
            host = value.substring(1, close);
            if (!IPV6.matcher(host).matches()) {
                throw new ConfigException(at.at(1), "bad IPv6 address '" + host + "'",
                        "an IPv6 address such as [::1]");
            }
            if (close + 1 < value.length()) {
                if (value.charAt(close + 1) != ':') {
                    throw new ConfigException(at.at(close + 1), "unexpected '" + value.substring(close + 1)
                            + "' after the IPv6 address", "':' and a port");
                }
                port = value.substring(close + 2);
            }
            return new String[] {host, port};
        }
        int portColon = value.indexOf(':');
        host = portColon < 0 ? value : value.substring(0, portColon);
        if (portColon >= 0) {
            port = value.substring(portColon + 1);
            if (port.contains(":")) {
                throw new ConfigException(at.at(0), "too many ':' in listen address '" + value + "'",
                        "IPv6 addresses in brackets, e.g. udp:[::1]:5060");
            }
        }
        checkHost(host, at.at(0));
        return new String[] {host, port};
    }

    private static Transport transport(String protocol, PvScanner.Locator at) {
        switch (protocol.toLowerCase(Locale.ROOT)) {
            case "udp":
                return Transport.UDP;
            case "tcp":
                return Transport.TCP;
            default:
                throw new ConfigException(at.at(0), "unsupported listen protocol '" + protocol + "'", "udp, tcp or any");
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
