package org.sipbridge.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HeaderNamesTest {
    private static HeaderType lookup(String name) {
        byte[] b = ("xx" + name + "yy").getBytes(StandardCharsets.US_ASCII);
        return HeaderNames.lookup(ByteBuffer.wrap(b), 2, name.length());
    }

    @Test
    void everyCanonicalNameInAnyCase() {
        for (HeaderType t : HeaderType.values()) {
            if (t == HeaderType.OTHER) {
                continue;
            }
            String name = t.canonicalName();
            assertEquals(t, lookup(name), name);
            assertEquals(t, lookup(name.toLowerCase(Locale.ROOT)), name);
            assertEquals(t, lookup(name.toUpperCase(Locale.ROOT)), name);
        }
    }

    @Test
    void compactForms() {
        Map<Character, HeaderType> expected = Map.ofEntries(
                Map.entry('i', HeaderType.CALL_ID), Map.entry('m', HeaderType.CONTACT),
                Map.entry('f', HeaderType.FROM), Map.entry('t', HeaderType.TO),
                Map.entry('v', HeaderType.VIA), Map.entry('l', HeaderType.CONTENT_LENGTH),
                Map.entry('c', HeaderType.CONTENT_TYPE), Map.entry('e', HeaderType.CONTENT_ENCODING),
                Map.entry('k', HeaderType.SUPPORTED), Map.entry('s', HeaderType.SUBJECT),
                Map.entry('o', HeaderType.EVENT), Map.entry('u', HeaderType.ALLOW_EVENTS),
                Map.entry('r', HeaderType.REFER_TO), Map.entry('b', HeaderType.REFERRED_BY),
                Map.entry('x', HeaderType.SESSION_EXPIRES), Map.entry('a', HeaderType.ACCEPT_CONTACT),
                Map.entry('j', HeaderType.REJECT_CONTACT), Map.entry('d', HeaderType.REQUEST_DISPOSITION),
                Map.entry('y', HeaderType.IDENTITY), Map.entry('n', HeaderType.IDENTITY_INFO));
        for (Map.Entry<Character, HeaderType> e : expected.entrySet()) {
            assertEquals(e.getValue(), lookup(String.valueOf(e.getKey())));
            assertEquals(e.getValue(), lookup(String.valueOf(Character.toUpperCase(e.getKey()))));
            assertEquals(e.getKey().charValue(), e.getValue().compactForm());
        }
        Set<Character> unused = new HashSet<>();
        for (char c = 'a'; c <= 'z'; c++) {
            if (!expected.containsKey(c)) {
                unused.add(c);
                assertEquals(HeaderType.OTHER, lookup(String.valueOf(c)));
            }
        }
        assertEquals(6, unused.size());
    }

    @Test
    void unknownAndNearMissNames() {
        assertEquals(HeaderType.OTHER, lookup("X-Custom"));
        assertEquals(HeaderType.OTHER, lookup("Vias"));
        assertEquals(HeaderType.OTHER, lookup("Call_ID"));
        assertEquals(HeaderType.OTHER, lookup("C%6Fntact"));
        assertEquals(HeaderType.OTHER, lookup("Contact\r"));
        assertEquals(HeaderType.OTHER, lookup("1"));
        assertEquals(HeaderType.OTHER, lookup(""));
        assertEquals(HeaderType.OTHER, lookup("Content-Length-And-Then-Some-More-Text"));
        assertEquals(HeaderType.OTHER, lookup("\u00e9t"));
    }

    @Test
    void wordComparisonIsExactInAnyByteOrderAndAtTheBufferEnd() {
        for (java.nio.ByteOrder order : new java.nio.ByteOrder[] {java.nio.ByteOrder.BIG_ENDIAN,
            java.nio.ByteOrder.LITTLE_ENDIAN}) {
            for (String name : new String[] {"Proxy-Authorization", "P-ASSERTED-IDENTITY", "call-id", "Via"}) {
                byte[] exact = name.getBytes(StandardCharsets.US_ASCII);
                ByteBuffer atEnd = ByteBuffer.wrap(exact).order(order);
                HeaderType expected = lookup(name);
                assertTrue(expected != HeaderType.OTHER);
                assertEquals(expected, HeaderNames.lookup(atEnd, 0, exact.length), name + " " + order);
                ByteBuffer padded = ByteBuffer.wrap((name + ": value").getBytes(StandardCharsets.US_ASCII)).order(order);
                assertEquals(expected, HeaderNames.lookup(padded, 0, exact.length), name + " " + order);
            }
        }
        assertEquals(HeaderType.OTHER, lookup("Call\rID"), "CR must not fold into '-'");
        assertEquals(HeaderType.OTHER, lookup("Max_Forwards"));
        assertEquals(HeaderType.OTHER, lookup("Max-Forward\u00d3"));
    }

    @Test
    void openSipsTypesAndListFlags() {
        assertEquals(1, HeaderType.VIA.openSipsType());
        assertEquals(3, HeaderType.TO.openSipsType());
        assertEquals(6, HeaderType.CALL_ID.openSipsType());
        assertEquals(13, HeaderType.CONTENT_LENGTH.openSipsType());
        assertEquals(41, HeaderType.PROXY_AUTHENTICATE.openSipsType());
        assertEquals(0, HeaderType.REQUIRE.openSipsType());
        assertEquals(0, HeaderType.OTHER.openSipsType());
        assertTrue(HeaderType.CONTACT.isList());
        assertTrue(HeaderType.VIA.isList());
        assertTrue(!HeaderType.CALL_ID.isList() && !HeaderType.AUTHORIZATION.isList() && !HeaderType.DATE.isList());
        assertTrue(HeaderType.count() < 128, "ordinals fit the byte-typed header table");
    }
}
