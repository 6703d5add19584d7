package org.sipbridge.script.ast;

/**
 * One of OpenSIPS 1.11's other core settings ({@code fork}, {@code log_facility},
 * {@code disable_tcp}, {@code tcp_connect_timeout}, {@code server_header}...), checked
 * against the value kind the 1.11 grammar takes. What sipbridge does with it is in
 * {@link org.sipbridge.script.parse.SettingCatalog}.
 *
 * @param name  the canonical name (the first spelling 1.11 has, e.g. {@code user} for {@code uid})
 * @param value an {@link Integer} (numbers; yes/no are 1/0 as in 1.11) or a {@link String}
 *              (strings, words, addresses)
 */
public record CoreSetting(String name, Object value, SourceLocation location) implements GlobalSetting {

    public boolean isInteger() {
        return value instanceof Integer;
    }

    public int intValue() {
        return (Integer) value;
    }

    public String text() {
        return String.valueOf(value);
    }
}
