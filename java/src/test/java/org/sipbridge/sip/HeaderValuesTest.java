package org.sipbridge.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HeaderValuesTest {
    private static List<String> split(String value) {
        byte[] b = value.getBytes(StandardCharsets.UTF_8);
        HeaderValues values = new HeaderValues();
        values.reset(ByteBuffer.wrap(b), 0, b.length);
        List<String> out = new ArrayList<>();
        while (values.next()) {
            out.add(values.value());
        }
        assertFalse(values.next());
        return out;
    }

    @Test
    void splitsAtCommasOutsideQuotesAndAngleBrackets() {
        assertEquals(List.of("INVITE", "ACK", "BYE"), split("INVITE, ACK ,BYE"));
        assertEquals(List.of("\"Doe, John\" <sip:j@x;a=1,2>;q=0.5", "<sip:k@y>"),
                split("\"Doe, John\" <sip:j@x;a=1,2>;q=0.5 , <sip:k@y>"));
        assertEquals(List.of("a", "b"), split(" , a,,\r\n b ,"));
        assertEquals(List.of("\"unterminated, quote"), split("\"unterminated, quote"));
        assertEquals(List.of(), split(""));
    }
}
