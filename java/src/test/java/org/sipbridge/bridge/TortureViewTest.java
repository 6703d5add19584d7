package org.sipbridge.bridge;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.sipbridge.core.ModuleSystem;
import org.sipbridge.module.CallSite;
import org.sipbridge.module.RouteType;
import org.sipbridge.sip.Framing;
import org.sipbridge.sip.SipError;
import org.sipbridge.sip.SipMessage;
import org.sipbridge.sip.SipParser;
import org.sipbridge.sip.SipValidator;
import org.sipbridge.testing.SlotMessage;
import org.sipbridge.testing.TestModules;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Every torture-corpus message the Java parser and validator accept also gives C a usable
 * view: the native build agrees with the Java parse, and a module can read every field.
 */
class TortureViewTest {
    private static ModuleSystem ms;
    private static SlotMessage msg;
    private static CallSite dump;

    @BeforeAll
    static void setUp() {
        ms = TestModules.loaded("msgtest.so");
        ms.initModules();
        dump = ms.bind(ms.lookup("msgtest_dump", 0, RouteType.REQUEST), List.of());
        msg = new SlotMessage();
    }

    @AfterAll
    static void tearDown() {
        ms.close();
        msg.close();
    }

    static Path corpus() {
        return TestModules.repo().resolve("../shared/corpus/sip-torture").normalize();
    }

    @TestFactory
    Stream<DynamicTest> acceptedMessagesHaveAUsableView() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(corpus())) {
            files = s.filter(p -> p.toString().endsWith(".dat")).sorted().toList();
        }
        assertFalse(files.isEmpty());
        return files.stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> {
            byte[] bytes = Files.readAllBytes(f);
            msg.slot.buffer().put(0, bytes, 0, bytes.length);
            SipMessage parsed = msg.parsed;
            SipError e = new SipParser().parse(msg.slot.buffer(), 0, bytes.length, Framing.DATAGRAM, parsed);
            if (e != SipError.NONE || new SipValidator().validate(parsed) != SipError.NONE) {
                return;   // refused before any module sees it
            }
            msg.slot.describe(parsed, 1, SlotMessage.FROM_CLIENT, false);
            assertEquals(0, msg.slot.ensureView(), "C refused a message Java accepted");
            assertEquals(1, dump.call(msg.routeType(parsed.isRequest() ? RouteType.REQUEST : RouteType.ONREPLY)));
        }));
    }
}
